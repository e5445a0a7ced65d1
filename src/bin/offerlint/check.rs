//! `offerlint check`: reads the inputs, checks them in parallel, prints in input order.

use std::io::{self, Read as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use offerlint::linter::LinterOptions;
use offerlint::schema::SchemaProfile;
use offerlint::{Format, Linter, walk};
use rayon::prelude::*;

use crate::args::{CheckArgs, OutputFormat};
use crate::output::{self, Checked};

/// Runs the command and returns the exit code.
pub fn run(args: &CheckArgs) -> io::Result<ExitCode> {
    let mut options = LinterOptions::default();
    if args.legacy_quantity {
        options.profile = SchemaProfile {
            quantity_max_digits: 19,
            quantity_strictly_positive: true,
        };
    }
    options.max_file_size = args.max_file_size;
    options.now = args.now;
    let linter = Linter::with_options(options).map_err(io::Error::other)?;

    // Standard input is read once, in place of the first `-`.
    let reads_stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    let paths: Vec<PathBuf> = args
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let (files, walk_errors) = walk::collect(&paths);
    let mut failed = !walk_errors.is_empty();
    let mut stderr = io::stderr().lock();
    for error in &walk_errors {
        writeln!(
            stderr,
            "offerlint: {}: {}",
            error.path.display(),
            error.message
        )?;
    }

    let mut reports: Vec<Checked> = Vec::new();
    if reads_stdin {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes)?;
        let format = format_of(&args.stdin_filename, &bytes);
        let report = linter.check_bytes(&args.stdin_filename, &bytes, format, args.kind);
        reports.push((report, Some(bytes)));
    }
    let keep_text = args.format == OutputFormat::Human;
    let checked: Vec<Result<Checked, (PathBuf, io::Error)>> = files
        .par_iter()
        .map(|path| {
            let bytes = std::fs::read(path).map_err(|e| (path.clone(), e))?;
            let name = path.display().to_string();
            let format = format_of(&name, &bytes);
            let report = linter.check_bytes(&name, &bytes, format, args.kind);
            Ok((report, keep_text.then_some(bytes)))
        })
        .collect();
    for result in checked {
        match result {
            Ok(pair) => reports.push(pair),
            Err((path, error)) => {
                failed = true;
                writeln!(
                    stderr,
                    "offerlint: failed to read {}: {error}",
                    path.display()
                )?;
            }
        }
    }
    drop(stderr);

    let (mut file_reports, texts): (Vec<_>, Vec<_>) = reports.into_iter().unzip();
    linter.check_catalog(&mut file_reports, &[]);
    let reports: Vec<Checked> = file_reports.into_iter().zip(texts).collect();

    let fail_on = args.fail_on.severity();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match args.format {
        OutputFormat::Human => output::human(&mut out, &reports, fail_on)?,
        OutputFormat::Json => output::json(&mut out, &reports)?,
        OutputFormat::Events => output::events(&mut out, &reports, args)?,
    }
    out.flush()?;

    if failed {
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

/// Picks the format from the extension; for other names, sniffs the first character.
fn format_of(name: &str, bytes: &[u8]) -> Format {
    if walk::has_lint_extension(std::path::Path::new(name)) {
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
