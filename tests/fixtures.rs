//! Per-rule fixtures: `tests/fixtures/<rule-id>/` holds `invalid-*` files that each show
//! exactly that rule once, and `valid-*` files (the same documents, fixed) that show no
//! warning or error. The walker is generic over rule ids, so a folder for a code rule is
//! picked up as soon as it exists.
//!
//! Every fixture names its kind, since some faults remove the very field that shape
//! detection looks at: a YAML file starts with the line `# kind: <kind>`; any file may
//! instead put the kind before its extension (`invalid-quoted.pis-response.json`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use offerlint::registry::Check;
use offerlint::{Finding, Format, Kind, Linter, LinterOptions, Severity};

/// The check kinds whose every rule must have a fixture folder. Code rules join the list
/// once each of them has fixtures.
const COVERED_CHECKS: &[Check] = &[Check::Schema];

/// Rules a fixture folder may show beside its own, and why they cannot be avoided there.
const TOLERATED: &[(&str, &str, &str)] = &[
    (
        "pis-badge-position-enum",
        "pis-badge-position-deprecated",
        "the schema requires position on every badge and the same page calls it outdated",
    ),
    (
        "pis-badge-required-fields",
        "pis-badge-position-deprecated",
        "the schema requires position on every badge and the same page calls it outdated",
    ),
    (
        "pis-dynamic-offer-ui-sale-required",
        "pis-dynamic-offer-ui-deprecated",
        "the rule is about dynamicOfferUi, which is deprecated as a whole",
    ),
];

/// The clock every fixture is checked against (the corpus's reference clock).
const NOW: &str = "2026-12-01T00:00:00Z";

/// One fixture file: the folder's rule, whether it should fail, and where it is.
struct Fixture {
    rule: String,
    invalid: bool,
    path: PathBuf,
}

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn linter() -> Linter {
    let mut options = LinterOptions::default();
    options.now = Some(NOW.parse().unwrap());
    Linter::with_options(options).unwrap()
}

/// Lists every fixture, sorted; a file whose name says neither valid nor invalid is an error.
fn fixtures() -> Vec<Fixture> {
    let mut fixtures = Vec::new();
    for folder in sorted_entries(&fixtures_root()) {
        if !folder.is_dir() {
            continue;
        }
        let rule = file_name(&folder);
        for path in sorted_entries(&folder) {
            let name = file_name(&path);
            let invalid = if name.starts_with("invalid-") {
                true
            } else if name.starts_with("valid-") {
                false
            } else {
                panic!(
                    "{}: name must start with valid- or invalid-",
                    path.display()
                );
            };
            fixtures.push(Fixture {
                rule: rule.clone(),
                invalid,
                path,
            });
        }
    }
    fixtures
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    entries
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// Reads the kind from the name (`x.offer.yaml`) or from a first line `# kind: offer`.
fn fixture_kind(path: &Path, text: &str) -> Result<Kind, String> {
    let stem = path.file_stem().unwrap().to_string_lossy();
    if let Some((_, kind)) = stem.rsplit_once('.') {
        return kind.parse();
    }
    let first_line = text.lines().next().unwrap_or_default();
    match first_line.strip_prefix("# kind:") {
        Some(kind) => kind.trim().parse(),
        None => Err(
            "name no kind: add `.<kind>` before the extension or a first line \
                     `# kind: <kind>`"
                .to_owned(),
        ),
    }
}

/// Checks a fixture as the kind it names and returns every finding.
fn lint(linter: &Linter, fixture: &Fixture) -> Result<Vec<Finding>, String> {
    let bytes = std::fs::read(&fixture.path).map_err(|e| e.to_string())?;
    let kind = fixture_kind(&fixture.path, &String::from_utf8_lossy(&bytes))?;
    let name = fixture.path.display().to_string();
    let report = linter.check_bytes(&name, &bytes, Format::from_name(&name), Some(kind));
    Ok(report.findings)
}

/// Checks a fixture and returns its warnings and errors, minus the tolerated ones.
fn counted_findings(linter: &Linter, fixture: &Fixture) -> Result<Vec<Finding>, String> {
    Ok(lint(linter, fixture)?
        .into_iter()
        .filter(|f| f.severity >= Severity::Warning)
        .filter(|f| {
            !TOLERATED
                .iter()
                .any(|(folder, other, _)| *folder == fixture.rule && *other == f.rule)
        })
        .collect())
}

fn describe(findings: &[Finding]) -> String {
    let mut text = String::new();
    for f in findings {
        let property = f.property().unwrap_or_default();
        let _ = write!(
            text,
            "\n    {}:{} {} [{property}] {}",
            f.start.line, f.start.column, f.rule, f.message
        );
    }
    text
}

#[test]
fn invalid_fixtures_show_their_rule_exactly_once() {
    let linter = linter();
    let mut failures = Vec::new();
    let mut checked = 0;
    for fixture in fixtures().iter().filter(|f| f.invalid) {
        checked += 1;
        match counted_findings(&linter, fixture) {
            Ok(findings) if findings.len() == 1 && findings[0].rule == fixture.rule => {}
            Ok(findings) => failures.push(format!(
                "{}: expected one {} finding, got:{}",
                fixture.path.display(),
                fixture.rule,
                describe(&findings)
            )),
            Err(problem) => failures.push(format!("{}: {problem}", fixture.path.display())),
        }
    }
    assert!(checked > 0, "no invalid fixtures found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn valid_fixtures_have_no_warning_or_error() {
    let linter = linter();
    let mut failures = Vec::new();
    for fixture in fixtures().iter().filter(|f| !f.invalid) {
        match counted_findings(&linter, fixture) {
            Ok(findings) if findings.is_empty() => {}
            Ok(findings) => failures.push(format!(
                "{}: expected no warning or error, got:{}",
                fixture.path.display(),
                describe(&findings)
            )),
            Err(problem) => failures.push(format!("{}: {problem}", fixture.path.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_covered_rule_has_an_invalid_and_a_valid_fixture() {
    let fixtures = fixtures();
    let mut missing = Vec::new();
    for rule in linter().registry().rules() {
        if !COVERED_CHECKS.contains(&rule.check) {
            continue;
        }
        let has = |invalid: bool| {
            fixtures
                .iter()
                .any(|f| f.rule == rule.id && f.invalid == invalid)
        };
        if !has(true) || !has(false) {
            missing.push(format!(
                "tests/fixtures/{}/ needs an invalid-* and a valid-* file",
                rule.id
            ));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn fixture_folders_are_named_after_rules_in_the_table() {
    let registry = linter().registry();
    let unknown: Vec<String> = sorted_entries(&fixtures_root())
        .iter()
        .map(|folder| file_name(folder))
        .filter(|name| registry.rules().iter().all(|rule| rule.id != *name))
        .collect();
    assert!(unknown.is_empty(), "not rule ids: {unknown:?}");
}

#[test]
fn every_tolerated_rule_still_shows_up_in_its_folder() {
    // A tolerance that no longer matches anything would hide a regression: drop it.
    let linter = linter();
    let fixtures = fixtures();
    for (folder, other, reason) in TOLERATED {
        assert!(!reason.is_empty());
        let shows_up = fixtures
            .iter()
            .filter(|f| f.rule == *folder)
            .any(|fixture| {
                let findings = lint(&linter, fixture).unwrap();
                findings.iter().any(|f| f.rule == *other)
            });
        assert!(
            shows_up,
            "{other} no longer shows up in tests/fixtures/{folder}/"
        );
    }
}
