//! `offerlint check`: reads the inputs, checks them in parallel, prints in input order.

use std::io::{self, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use offerlint::config::{Config, ConfigError};
use offerlint::linter::LinterOptions;
use offerlint::schema::SchemaProfile;
use offerlint::{FileReport, Format, Kind, Linter, Severity, walk};
use rayon::prelude::*;

use crate::args::{CheckArgs, OutputFormat};
use crate::output::{self, Checked};

/// Runs the command and returns the exit code.
pub fn run(args: &CheckArgs) -> io::Result<ExitCode> {
    let config = match load_config(args)? {
        Ok(config) => config,
        Err(code) => return Ok(code),
    };
    let mut options = LinterOptions::default();
    options.max_file_size = args.max_file_size;
    options.now = args.now;
    // Only definitions stay in memory; references are gathered again if a catalog needs them.
    options.gather_references = false;
    if args.legacy_quantity {
        options.profile = legacy_profile();
    }
    let linter = if let Some(mut config) = config {
        if args.legacy_quantity {
            config.profile = legacy_profile();
        }
        Linter::with_config(options, config)
    } else {
        Linter::with_options(options)
    }
    .map_err(io::Error::other)?;

    // Standard input is read once, in place of the first `-`.
    let reads_stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    let paths: Vec<PathBuf> = args
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let (mut files, walk_errors) = walk::collect(&paths);
    if let Some(config) = linter.config() {
        files.retain(|file| {
            let excluded = config.is_excluded(file);
            if excluded {
                tracing::info!(file = %file.display(), "skipped: excluded by the config");
            }
            !excluded
        });
    }
    // Inputs that could not be read: they make the run fail with status 2.
    let mut unreadable = walk_errors.len();
    // Not locked for the whole run: the workers log to standard error while checking.
    let mut stderr = io::stderr();
    for error in &walk_errors {
        writeln!(
            stderr,
            "offerlint: {}: {}",
            error.path.display(),
            error.message
        )?;
    }

    if files.is_empty() && !reads_stdin && walk_errors.is_empty() {
        // Not an error (a hook may pass a folder with nothing to lint yet), but a CI step
        // pointed at the wrong folder should not pass without a word.
        writeln!(
            stderr,
            "offerlint: warning: no .json, .yaml or .yml files to check under the given paths \
             (hidden, gitignored and symbolically linked entries are skipped)"
        )?;
    }

    // `sources[i]` is the file of `reports[i]`, `None` for standard input.
    let mut reports: Vec<Checked> = Vec::new();
    let mut sources: Vec<Option<PathBuf>> = Vec::new();
    if reads_stdin {
        let mut bytes = Vec::new();
        io::stdin()
            .take(read_limit(args.max_file_size))
            .read_to_end(&mut bytes)?;
        let name = &args.stdin_filename;
        let format = format_of(name, &bytes);
        let kind = kind_for(&linter, Path::new(name), args.kind);
        let kind_name = kind.map_or("detected from the shape", Kind::name);
        tracing::debug!(file = %name, kind = kind_name, "checking standard input");
        let report = linter.check_bytes(name, &bytes, format, kind);
        reports.push((report, Some(bytes)));
        sources.push(None);
    }
    for (path, result) in files.iter().zip(check_files(&linter, &files, args.kind)) {
        match result {
            Ok(pair) => {
                reports.push(pair);
                sources.push(Some(path.clone()));
            }
            Err((path, error)) => {
                unreadable += 1;
                writeln!(
                    stderr,
                    "offerlint: failed to read {}: {error}",
                    path.display()
                )?;
            }
        }
    }

    // The config's catalog paths feed cross-document rules without being reported on.
    let catalog_only = load_catalog(&linter, &files, &mut stderr)?;
    let (mut file_reports, texts): (Vec<_>, Vec<_>) = reports.into_iter().unzip();
    // Files are read a second time for their references; standard input is still in `texts`.
    let reread_errors = std::sync::Mutex::new(Vec::new());
    let refetch = |index: usize| {
        let (name, path, bytes) = match (sources.get(index)?, texts.get(index)?) {
            (None, Some(bytes)) => {
                let name = &args.stdin_filename;
                (
                    name.clone(),
                    PathBuf::from(name),
                    std::borrow::Cow::Borrowed(bytes),
                )
            }
            (Some(path), _) => match read_limited(path, args.max_file_size) {
                Ok(bytes) => (
                    path.display().to_string(),
                    path.clone(),
                    std::borrow::Cow::Owned(bytes),
                ),
                Err(error) => {
                    let mut errors = reread_errors
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                    errors.push((path.clone(), error));
                    return None;
                }
            },
            (None, None) => return None,
        };
        let format = format_of(&name, &bytes);
        let kind = kind_for(&linter, &path, args.kind);
        Some(linter.references_of(&name, &bytes, format, kind))
    };
    linter.check_catalog_with(&mut file_reports, &catalog_only, &refetch);
    let mut reread_errors = reread_errors
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    reread_errors.sort_by(|a, b| a.0.cmp(&b.0));
    unreadable += reread_errors.len();
    for (path, error) in &reread_errors {
        writeln!(
            stderr,
            "offerlint: failed to read {} again for the catalog rules: {error}",
            path.display()
        )?;
    }
    let reports: Vec<Checked> = file_reports.into_iter().zip(texts).collect();

    let fail_on = args
        .fail_on
        .map(crate::args::FailLevel::severity)
        .or_else(|| linter.config().and_then(|c| c.fail_on))
        .unwrap_or(Severity::Error);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match args.format {
        OutputFormat::Human => output::human(&mut out, &reports, fail_on, unreadable)?,
        OutputFormat::Json => output::json(&mut out, &reports, unreadable)?,
        OutputFormat::Events => output::events(&mut out, &reports, args, false)?,
        OutputFormat::EventsV2 => output::events(&mut out, &reports, args, true)?,
    }
    out.flush()?;

    if unreadable > 0 {
        return Ok(ExitCode::from(2));
    }
    let failing = reports
        .iter()
        .any(|(report, _)| report.count_at_least(fail_on) > 0);
    Ok(if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

type Outcome = Result<Checked, (PathBuf, io::Error)>;

/// Checks files in parallel; results come back in the order of `files`. File contents are
/// not kept: human output reads a file again when it has findings to show.
fn check_files(linter: &Linter, files: &[PathBuf], forced: Option<Kind>) -> Vec<Outcome> {
    files
        .par_iter()
        .map(|path| {
            let bytes = read_limited(path, linter.options().max_file_size)
                .map_err(|e| (path.clone(), e))?;
            let name = path.display().to_string();
            let format = format_of(&name, &bytes);
            let kind = kind_for(linter, path, forced);
            let kind_name = kind.map_or("detected from the shape", Kind::name);
            tracing::debug!(file = %name, kind = kind_name, "checking");
            let report = linter.check_bytes(&name, &bytes, format, kind);
            Ok((report, None))
        })
        .collect()
}

/// The kind of a file: the config's glob mapping, then `--kind`, then detection (`None`).
fn kind_for(linter: &Linter, path: &Path, forced: Option<Kind>) -> Option<Kind> {
    linter
        .config()
        .and_then(|config| config.kind_for(path))
        .or(forced)
}

fn load_catalog(
    linter: &Linter,
    inputs: &[PathBuf],
    stderr: &mut impl io::Write,
) -> io::Result<Vec<FileReport>> {
    let Some(config) = linter.config() else {
        return Ok(Vec::new());
    };
    if config.catalog.is_empty() {
        return Ok(Vec::new());
    }
    let canonical = |p: &PathBuf| p.canonicalize().unwrap_or_else(|_| p.clone());
    let already: std::collections::HashSet<PathBuf> = inputs.iter().map(canonical).collect();
    let (files, errors) = walk::collect(&config.catalog);
    for error in errors {
        writeln!(
            stderr,
            "offerlint: catalog path {}: {}",
            error.path.display(),
            error.message
        )?;
    }
    let files: Vec<PathBuf> = files
        .into_iter()
        .filter(|f| !already.contains(&canonical(f)))
        .collect();
    let mut reports = Vec::new();
    for outcome in check_files(linter, &files, None) {
        match outcome {
            Ok((report, _)) => reports.push(report),
            Err((path, error)) => {
                writeln!(
                    stderr,
                    "offerlint: failed to read catalog file {}: {error}",
                    path.display()
                )?;
            }
        }
    }
    Ok(reports)
}

fn legacy_profile() -> SchemaProfile {
    SchemaProfile {
        quantity_max_digits: 19,
        quantity_strictly_positive: true,
    }
}

/// Loads the configuration: `Ok(Ok(None))` when there is none, `Ok(Err(code))` when it is
/// broken (already reported with code frames).
fn load_config(args: &CheckArgs) -> io::Result<Result<Option<Config>, ExitCode>> {
    if args.no_config {
        tracing::info!("no configuration: --no-config");
        return Ok(Ok(None));
    }
    let path = if let Some(path) = &args.config {
        path.clone()
    } else {
        let Some(path) = Config::discover(&std::env::current_dir()?) else {
            tracing::info!("no configuration found; using the defaults");
            return Ok(Ok(None));
        };
        path
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            writeln!(
                io::stderr(),
                "offerlint: failed to read config {}: {error}",
                path.display()
            )?;
            return Ok(Err(ExitCode::from(2)));
        }
    };
    let base = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let base = if base.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        base
    };
    match Config::parse(&text, &base, offerlint::registry::Registry::builtin()) {
        Ok(config) => {
            tracing::info!(config = %path.display(), "using configuration");
            Ok(Ok(Some(config)))
        }
        Err(errors) => {
            report_config_errors(&path, &text, &errors)?;
            Ok(Err(ExitCode::from(2)))
        }
    }
}

fn report_config_errors(path: &Path, text: &str, errors: &[ConfigError]) -> io::Result<()> {
    let mut stderr = io::stderr().lock();
    for error in errors {
        let frame = output::config_frame(path, text, error);
        writeln!(stderr, "{frame}")?;
    }
    writeln!(
        stderr,
        "offerlint: {} problem(s) in {}",
        errors.len(),
        path.display()
    )
}

/// How many bytes to read at most: one past the limit, enough to tell that it was passed.
fn read_limit(max_file_size: usize) -> u64 {
    u64::try_from(max_file_size)
        .unwrap_or(u64::MAX)
        .saturating_add(1)
}

/// Reads a file, but never more than one byte past the size limit, so an endless input
/// (a FIFO, a device) ends as a `parse-too-large` finding instead of exhausting memory.
fn read_limited(path: &Path, max_file_size: usize) -> io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let known = file.metadata().map_or(0, |m| m.len());
    let limit = read_limit(max_file_size);
    let mut bytes = Vec::with_capacity(usize::try_from(known.min(limit)).unwrap_or(0));
    file.take(limit).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Picks the format from the extension; for other names, sniffs the first character.
fn format_of(name: &str, bytes: &[u8]) -> Format {
    if walk::has_lint_extension(Path::new(name)) {
        return Format::from_name(name);
    }
    let first = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    match first {
        Some(b'{' | b'[') | None => Format::Json,
        Some(_) => Format::Yaml,
    }
}
