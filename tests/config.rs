//! `.offerlint.yaml` end to end (discovery, kinds, catalog paths, rule settings scoped by
//! file and pointer, fail-on, profile, config mistakes), inline suppressions, and the
//! `rules` and `explain` commands.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn offerlint(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_offerlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("OFFERLINT_LOG")
        .output()
        .expect("the binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn check_json(dir: &Path, extra: &[&str]) -> (i32, Vec<Value>) {
    let mut args = vec!["check", "--now", "2026-12-01T00:00:00Z", "--format", "json"];
    args.extend_from_slice(extra);
    let run = offerlint(dir, &args);
    let report: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", run.stdout, run.stderr));
    (run.code, report["diagnostics"].as_array().unwrap().clone())
}

fn rules_of(diagnostics: &[Value]) -> Vec<(String, String)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const PRODUCT: &str = "name: Gems\npublisherProductId: gems\ntype: Quantity\n\
                       textFontColorHex: '#FFFFFF'\nproductImageUrl: https://example.invalid/g.png\n";

const RESPONSE: &str = r#"{"version": 2, "status": "valid", "sessionMetadata": {},
  "balances": [{"publisherProductId": "gem", "quantity": 5}]}
"#;

#[test]
fn uses_catalog_paths_and_kinds_from_the_discovered_config() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".offerlint.yaml",
        "kinds:\n  'pis/**': pis-response\ncatalog: [catalog/]\n",
    );
    write(dir.path(), "catalog/products.yaml", PRODUCT);
    write(dir.path(), "pis/a.json", RESPONSE);
    // Only the response is checked, as a pre-commit hook would; the catalog still resolves.
    let (code, diagnostics) = check_json(&dir.path().join("pis"), &["a.json"]);
    assert_eq!(code, 1);
    assert_eq!(
        rules_of(&diagnostics),
        [("catalog-product-known".to_owned(), "error".to_owned())]
    );
    assert_eq!(diagnostics[0]["help"], "did you mean `gems`?");
}

#[test]
fn switches_rules_off_and_regrades_them_by_file_and_pointer() {
    let dir = tempfile::tempdir().unwrap();
    let empty = r#"{"version": 2, "status": "valid", "sessionMetadata": {}, "offers": []}"#;
    write(dir.path(), "a/one.json", empty);
    write(dir.path(), "b/two.json", empty);
    write(
        dir.path(),
        ".offerlint.yaml",
        "rules:\n  pis-empty-offers: error\noverrides:\n  - files: ['b/**']\n    \
         pointers: ['/offers']\n    rules: {pis-empty-offers: off}\n",
    );
    let (code, diagnostics) = check_json(dir.path(), &["a", "b"]);
    assert_eq!(code, 1);
    let files: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["a/one.json"]);
    assert_eq!(
        rules_of(&diagnostics),
        [("pis-empty-offers".to_owned(), "error".to_owned())]
    );
}

#[test]
fn fails_on_the_configured_severity_unless_the_flag_says_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "r.json",
        r#"{"version": 2, "status": "valid", "sessionMetadata": {}, "offers": []}"#,
    );
    write(dir.path(), ".offerlint.yaml", "fail-on: warning\n");
    assert_eq!(check_json(dir.path(), &["r.json"]).0, 1);
    assert_eq!(
        check_json(dir.path(), &["r.json", "--fail-on", "error"]).0,
        0
    );
    assert_eq!(check_json(dir.path(), &["r.json", "--no-config"]).0, 0);
}

#[test]
fn follows_the_profile_for_contradicted_limits() {
    let dir = tempfile::tempdir().unwrap();
    let response = r#"{"version": 2, "status": "valid", "sessionMetadata": {},
      "balances": [{"publisherProductId": "gems", "quantity": 99999999999999999999}]}"#;
    write(dir.path(), "r.json", response);
    assert!(
        check_json(dir.path(), &["r.json"])
            .1
            .iter()
            .all(|d| d["severity"] != "error")
    );
    write(
        dir.path(),
        ".offerlint.yaml",
        "profile:\n  quantity-max-digits: 19\n",
    );
    let (_, diagnostics) = check_json(dir.path(), &["r.json"]);
    let digits = diagnostics
        .iter()
        .find(|d| d["rule"] == "pis-balance-quantity-digits");
    assert_eq!(
        digits.unwrap()["message"],
        "quantity must have up to 19 digits"
    );
}

#[test]
fn reports_config_mistakes_with_a_code_frame_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "r.json", RESPONSE);
    write(
        dir.path(),
        ".offerlint.yaml",
        "rules:\n  pis-empty-ofers: off\nkinds:\n  '*.json': response\n",
    );
    let run = offerlint(dir.path(), &["check", "r.json"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr.contains("unknown rule `pis-empty-ofers`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `pis-empty-offers`?"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(".offerlint.yaml:2:3"), "{}", run.stderr);
    assert!(
        run.stderr.contains("unknown kind `response`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("2 problem(s)"), "{}", run.stderr);
}

#[test]
fn silences_one_line_and_warns_on_a_suppression_that_matched_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let product = "name: Gems\npublisherProductId: gems\ntype: Quantity\n\
                   # offerlint-disable-next-line product-color-hex: brand colour, approved\n\
                   textFontColorHex: '#FFF'\n\
                   # offerlint-disable-next-line product-type-enum: stale\n\
                   productImageUrl: https://example.invalid/g.png\n";
    write(dir.path(), "p.yaml", product);
    let (code, diagnostics) = check_json(dir.path(), &["p.yaml"]);
    assert_eq!(code, 0);
    assert_eq!(
        rules_of(&diagnostics),
        [("config-suppression-unused".to_owned(), "warning".to_owned())]
    );
    assert_eq!(diagnostics[0]["line"], 6);
}

#[test]
fn one_comment_silences_several_rules_and_reports_the_unused_one() {
    let dir = tempfile::tempdir().unwrap();
    // `type: Gems` breaks product-type-enum; the colour is fine, so that part is unused.
    let product = "name: Gems\npublisherProductId: gems\ntextFontColorHex: '#FFFFFF'\n\
                   # offerlint-disable-next-line product-type-enum, product-color-hex: legacy\n\
                   type: Gems\n\
                   productImageUrl: https://example.invalid/g.png\n";
    write(dir.path(), "p.yaml", product);
    let (code, diagnostics) = check_json(dir.path(), &["p.yaml", "--kind", "product"]);
    assert_eq!(code, 0, "{diagnostics:?}");
    assert_eq!(
        rules_of(&diagnostics),
        [("config-suppression-unused".to_owned(), "warning".to_owned())]
    );
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("product-color-hex")),
        "{diagnostics:?}"
    );
}

#[test]
fn lists_rules_as_a_table_and_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let table = offerlint(dir.path(), &["rules"]);
    assert_eq!(table.code, 0);
    assert!(
        table
            .stdout
            .lines()
            .any(|l| l.starts_with("pis-status-enum ") && l.contains("error"))
    );
    // A rule known by a second id names it in the table.
    assert!(
        table
            .stdout
            .lines()
            .any(|l| l.starts_with("catalog-product-id-unique ")
                && l.ends_with("(also: product-id-unique)")),
        "{}",
        table.stdout
    );
    // Offline rules show `offline` where a severity would be, and a closing line says why.
    assert!(
        table
            .stdout
            .lines()
            .any(|l| l.starts_with("product-image-format ") && l.contains(" offline ")),
        "{}",
        table.stdout
    );
    assert!(
        table
            .stdout
            .trim_end()
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("offline: ")),
        "{}",
        table.stdout
    );
    let json = offerlint(dir.path(), &["rules", "--format", "json"]);
    let rules: Vec<Value> = serde_json::from_str(&json.stdout).unwrap();
    let registry = offerlint::registry::Registry::builtin();
    assert_eq!(rules.len(), registry.rules().len());
    assert!(
        rules
            .iter()
            .all(|r| r["id"].is_string() && r["severity"].is_string())
    );
}

#[test]
fn explains_a_rule_with_its_examples_and_suggests_on_a_typo() {
    let dir = tempfile::tempdir().unwrap();
    let run = offerlint(dir.path(), &["explain", "pis-status-enum"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.starts_with("pis-status-enum: "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Invalid (pis-response)"),
        "{}",
        run.stdout
    );
    let alias = offerlint(dir.path(), &["explain", "offer-v2-progress-bar-singleton"]);
    assert!(
        alias.stdout.starts_with("catalog-progress-bar-singleton: "),
        "{}",
        alias.stdout
    );
    let typo = offerlint(dir.path(), &["explain", "pis-status-enm"]);
    assert_eq!(typo.code, 2);
    assert!(
        typo.stderr.contains("did you mean `pis-status-enum`?"),
        "{}",
        typo.stderr
    );
}

#[test]
fn frames_a_file_with_a_byte_order_mark_at_the_right_column() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        "\u{feff}{\n  \"version\": 2,\n  \"status\": \"Valid\",\n  \"sessionMetadata\": {}\n}\n";
    write(dir.path(), "bom.json", text);
    let run = offerlint(dir.path(), &["check", "--no-config", "bom.json"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("bom.json:3:13: error[pis-status-enum]"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("[bom.json:3:13]"), "{}", run.stdout);
}

#[test]
fn checks_a_file_once_when_named_twice_in_different_spellings() {
    let dir = tempfile::tempdir().unwrap();
    let offer = r#"{"publisherOfferId": "bundle-a", "name": "Bundle A", "type": "Bundle",
      "active": true, "offerExternalUiId": "d", "segments": [],
      "productsSequence": [{"index": 1, "priceInUsdCents": 199,
      "products": [{"publisherProductId": "gems", "quantity": 5, "priority": "Main"}]}]}"#;
    write(dir.path(), "offers/a.json", offer);
    let (_, diagnostics) = check_json(dir.path(), &["--no-config", "offers", "./offers"]);
    assert!(
        diagnostics
            .iter()
            .all(|d| d["rule"] != "catalog-offer-id-unique"),
        "{diagnostics:?}"
    );
}
