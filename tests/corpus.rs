//! Runs offerlint over the shared sample corpus (`../shared/corpus`) and compares with its
//! EXPECTED.json. Skips with a message when the corpus is not beside the repository.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use offerlint::{Format, Kind, Linter, Severity};
use serde_json::Value;

fn corpus_root() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if root.join("faulty/EXPECTED.json").is_file() {
        Some(root)
    } else {
        eprintln!("skipping: the shared corpus is not at {}", root.display());
        None
    }
}

/// A linter with the corpus's reference clock.
fn corpus_linter() -> Linter {
    let mut options = offerlint::LinterOptions::default();
    options.now = Some("2026-12-01T00:00:00Z".parse().unwrap());
    Linter::with_options(options).unwrap()
}

/// `(rule, property, line, column, severity, offerExternalId)` of the findings that count.
type Key = (String, Option<String>, usize, usize, String, Option<String>);

/// Returns the kind the corpus README suggests for a publisher-a file.
fn publisher_kind(name: &str) -> Kind {
    if name.contains("/catalog/products") {
        Kind::Product
    } else if name.contains("/catalog/badges") {
        Kind::Badge
    } else if name.contains("/offers/") {
        Kind::Offer
    } else {
        Kind::PisResponse
    }
}

/// Checks every publisher-a file, for use as a catalog.
fn publisher_reports(linter: &Linter, root: &Path) -> Vec<offerlint::FileReport> {
    let (files, errors) = offerlint::walk::collect(&[root.join("publisher-a")]);
    assert!(errors.is_empty());
    files
        .iter()
        .map(|file| {
            let name = file.display().to_string();
            let bytes = std::fs::read(file).unwrap();
            linter.check_bytes(
                &name,
                &bytes,
                Format::from_name(&name),
                Some(publisher_kind(&name)),
            )
        })
        .collect()
}

fn lint_faulty(
    linter: &Linter,
    root: &Path,
    name: &str,
    kind: &str,
    catalog: &[offerlint::FileReport],
) -> BTreeSet<Key> {
    let path = root.join("faulty").join(name);
    let bytes = std::fs::read(&path).unwrap();
    let kind: Kind = kind.parse().unwrap();
    let mut reports = [linter.check_bytes(name, &bytes, Format::from_name(name), Some(kind))];
    linter.check_catalog(&mut reports, catalog);
    let [report] = reports;
    report
        .findings
        .iter()
        .filter(|f| f.severity > Severity::Info && f.rule != "pis-badge-position-deprecated")
        .map(|f| {
            (
                f.rule.clone(),
                f.property(),
                f.start.line,
                f.start.column,
                f.severity.to_string(),
                f.offer_id.clone(),
            )
        })
        .collect()
}

fn expected_keys(entry: &Value) -> BTreeSet<Key> {
    entry["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["property"].as_str().map(str::to_owned),
                f["line"].as_u64().unwrap() as usize,
                f["column"].as_u64().unwrap() as usize,
                f["severity"].as_str().unwrap().to_owned(),
                f["offerExternalId"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

#[test]
fn parser_schema_and_business_faults_match_expected_findings() {
    let Some(root) = corpus_root() else { return };
    let expected: Value =
        serde_json::from_slice(&std::fs::read(root.join("faulty/EXPECTED.json")).unwrap()).unwrap();
    let linter = corpus_linter();
    let mut mismatches = Vec::new();
    let mut checked = 0;
    for (name, entry) in expected["files"].as_object().unwrap() {
        let area = entry["area"].as_str().unwrap();
        if !matches!(area, "parser" | "schema" | "business" | "valid") {
            continue;
        }
        checked += 1;
        let found = lint_faulty(&linter, &root, name, entry["kind"].as_str().unwrap(), &[]);
        let wanted = expected_keys(entry);
        if found != wanted {
            mismatches.push(format!("{name}:\n  found  {found:?}\n  wanted {wanted:?}"));
        }
    }
    assert!(checked >= 30, "only {checked} files checked");
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn catalog_faults_match_expected_findings_with_publisher_a_as_catalog() {
    let Some(root) = corpus_root() else { return };
    let expected: Value =
        serde_json::from_slice(&std::fs::read(root.join("faulty/EXPECTED.json")).unwrap()).unwrap();
    let linter = corpus_linter();
    let catalog = publisher_reports(&linter, &root);
    let mut mismatches = Vec::new();
    let mut checked = 0;
    for (name, entry) in expected["files"].as_object().unwrap() {
        if entry["catalog"].as_str() != Some("publisher-a") {
            continue;
        }
        checked += 1;
        let kind = entry["kind"].as_str().unwrap();
        let found = lint_faulty(&linter, &root, name, kind, &catalog);
        let wanted = expected_keys(entry);
        if found != wanted {
            mismatches.push(format!("{name}:\n  found  {found:?}\n  wanted {wanted:?}"));
        }
        // Alone, a catalog fault must raise no error: the catalog rules are skipped.
        let alone = lint_faulty(&linter, &root, name, kind, &[]);
        assert!(
            alone.iter().all(|key| !key.0.starts_with("catalog-")),
            "{name}: {alone:?}"
        );
    }
    assert_eq!(checked, 11);
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn business_and_catalog_faults_raise_no_schema_errors() {
    let Some(root) = corpus_root() else { return };
    let expected: Value =
        serde_json::from_slice(&std::fs::read(root.join("faulty/EXPECTED.json")).unwrap()).unwrap();
    let linter = corpus_linter();
    let mut unexpected = Vec::new();
    for (name, entry) in expected["files"].as_object().unwrap() {
        let area = entry["area"].as_str().unwrap();
        if !matches!(area, "business" | "catalog") {
            continue;
        }
        let found = lint_faulty(&linter, &root, name, entry["kind"].as_str().unwrap(), &[]);
        let wanted = expected_keys(entry);
        for key in found.difference(&wanted) {
            unexpected.push(format!("{name}: {key:?}"));
        }
    }
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n"));
}

#[test]
fn publisher_a_has_no_errors_and_only_badge_position_warnings() {
    let Some(root) = corpus_root() else { return };
    let linter = corpus_linter();
    let mut reports = publisher_reports(&linter, &root);
    linter.check_catalog(&mut reports, &[]);
    let mut problems = Vec::new();
    let mut position_warnings = 0;
    for report in &reports {
        let name = &report.name;
        for finding in report
            .findings
            .iter()
            .filter(|f| f.severity > Severity::Info)
        {
            if finding.rule == "pis-badge-position-deprecated" {
                position_warnings += 1;
            } else {
                problems.push(format!(
                    "{name}:{}:{} {} {}",
                    finding.start.line, finding.start.column, finding.rule, finding.message
                ));
            }
        }
    }
    assert_eq!(reports.len(), 28);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(position_warnings, 17);
}

#[test]
fn second_places_match_the_expected_related_locations() {
    let Some(root) = corpus_root() else { return };
    let expected: Value =
        serde_json::from_slice(&std::fs::read(root.join("faulty/EXPECTED.json")).unwrap()).unwrap();
    let linter = corpus_linter();
    let catalog = publisher_reports(&linter, &root);
    let mut checked = 0;
    for (name, entry) in expected["files"].as_object().unwrap() {
        for wanted in entry["findings"].as_array().unwrap() {
            let Some(related) = wanted.get("related") else {
                continue;
            };
            checked += 1;
            let bytes = std::fs::read(root.join("faulty").join(name)).unwrap();
            let kind: Kind = entry["kind"].as_str().unwrap().parse().unwrap();
            let file = format!("faulty/{name}");
            let mut reports =
                [linter.check_bytes(&file, &bytes, Format::from_name(name), Some(kind))];
            let uses_catalog = entry["catalog"].as_str() == Some("publisher-a");
            linter.check_catalog(&mut reports, if uses_catalog { &catalog } else { &[] });
            let finding = reports[0]
                .findings
                .iter()
                .find(|f| f.rule == wanted["rule"].as_str().unwrap())
                .unwrap_or_else(|| panic!("{name}: no finding"));
            let want_file = related["file"].as_str().unwrap();
            let hit = finding.related.iter().any(|r| {
                r.file.ends_with(want_file)
                    && r.property == related["property"].as_str().unwrap()
                    && r.start.line as u64 == related["line"].as_u64().unwrap()
            });
            assert!(
                hit,
                "{name}: related {:?} not in {:?}",
                related, finding.related
            );
        }
    }
    assert_eq!(checked, 4);
}
