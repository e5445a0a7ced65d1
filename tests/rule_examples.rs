//! Executed documentation: the invalid and valid example of every rule in the table behave as
//! its docs say, every rule a document can break has such examples, and every such rule fires
//! on some file under `examples/` when that folder is checked as one run, as the CLI does.

use std::fmt::Write as _;
use std::path::Path;

use offerlint::registry::{Check, Examples, Registry, Rule};
use offerlint::{Finding, Format, Kind, Linter, LinterOptions, Severity, walk};

/// The clock every example is checked against (the corpus's reference clock).
const NOW: &str = "2026-12-01T00:00:00Z";

/// The rule every PIS example with a badge shows: the schema requires `position` on a badge
/// and the same page calls it outdated, so a valid badge always carries the warning.
const BADGE_POSITION: &str = "pis-badge-position-deprecated";

/// Rules checked by schema, code or parser that have no examples, and why.
const WITHOUT_EXAMPLES: &[(&str, &str)] = &[
    (
        "parse-invalid-utf8",
        "the table is UTF-8 text, so it cannot hold the invalid byte the rule is about",
    ),
    (
        "parse-too-deep",
        "it takes 257 nested levels, which no short, readable example shows",
    ),
    (
        "parse-too-large",
        "it takes a file above the 32 MiB size limit",
    ),
    (
        "parse-too-many-findings",
        "it takes more than 10,000 findings in one file",
    ),
];

/// Rules an invalid example may show beside its own, and why that cannot be avoided.
const TOLERATED: &[(&str, &str, &str)] = &[(
    "pis-dynamic-offer-ui-sale-required",
    "pis-dynamic-offer-ui-deprecated",
    "the rule is about a field of dynamicOfferUi, which is deprecated as a whole",
)];

/// Examples that do not behave as documented yet. Each entry must still fail, so that the
/// fix also removes it from this list.
const KNOWN_FAILING: &[(&str, &str)] = &[];

/// Rules that fire on no file under `examples/`, and why.
const NOT_IN_EXAMPLES_FOLDER: &[(&str, &str)] = &[
    (
        "catalog-offer-type-known",
        "it only notes a run without any offer, product or badge definition, and examples/ \
         holds a whole catalog",
    ),
    (
        "pis-json-object",
        "a body that is not an object has no shape to detect, so by shape it is kind-unknown; \
         the rule needs the kind forced, as its docs example does",
    ),
    (
        "parse-alias-budget",
        "an alias bomb is hostile input, not a publisher's mistake; the rule's docs example \
         shows it",
    ),
    (
        "parse-too-deep",
        "257 nested levels are hostile input, not a publisher's mistake; the parser's unit \
         tests cover it",
    ),
    (
        "parse-too-large",
        "a file above 32 MiB does not belong in the repository; the CLI tests cover it",
    ),
    (
        "parse-too-many-findings",
        "a file with 10,000 findings does not belong in the repository; the bad-input tests \
         cover it",
    ),
];

fn linter() -> Linter {
    let mut options = LinterOptions::default();
    options.now = Some(NOW.parse().unwrap());
    Linter::with_options(options).unwrap()
}

/// Rules with examples whose `check` says they can run, in table order.
fn executable_rules() -> impl Iterator<Item = (&'static Rule, &'static Examples)> {
    Registry::builtin()
        .rules()
        .iter()
        .filter(|rule| rule.check != Check::Offline)
        .filter_map(|rule| Some((rule, rule.examples.as_ref()?)))
}

/// Lints one example text the way the docs describe it: the kind forced unless it is `auto`,
/// and the catalog rules run over the single report.
fn lint(linter: &Linter, rule: &Rule, examples: &Examples, text: &str) -> Vec<Finding> {
    let (format, extension) = match examples.format.as_str() {
        "json" => (Format::Json, "json"),
        "yaml" => (Format::Yaml, "yaml"),
        other => panic!("{}: unknown example format `{other}`", rule.id),
    };
    let kind = match examples.kind.as_str() {
        "auto" => None,
        name => Some(
            name.parse::<Kind>()
                .unwrap_or_else(|e| panic!("{}: {e}", rule.id)),
        ),
    };
    let name = format!("{}.{extension}", rule.id);
    let mut reports = vec![linter.check_str(&name, text, format, kind)];
    linter.check_catalog(&mut reports, &[]);
    reports.pop().unwrap().findings
}

/// Returns whether a finding is the rule's own, by id or alias.
fn is_own(rule: &Rule, finding: &Finding) -> bool {
    finding.rule == rule.id || rule.aliases.contains(&finding.rule)
}

/// Returns whether a finding of another rule does not count against an example of `rule`.
fn is_tolerated(rule: &Rule, examples: &Examples, finding: &Finding) -> bool {
    let pis = matches!(examples.kind.as_str(), "pis-response" | "auto");
    (pis && rule.id != BADGE_POSITION && finding.rule == BADGE_POSITION)
        || TOLERATED
            .iter()
            .any(|(own, other, _)| *own == rule.id && *other == finding.rule)
}

fn describe(findings: &[&Finding]) -> String {
    let mut text = String::new();
    for f in findings {
        let property = f.property().unwrap_or_default();
        let _ = write!(
            text,
            "\n    {}:{} {} {} [{property}] {}",
            f.start.line, f.start.column, f.severity, f.rule, f.message
        );
    }
    text
}

/// Returns what is wrong with the examples of one rule, if anything.
fn judge(linter: &Linter, rule: &Rule, examples: &Examples) -> Vec<String> {
    let mut problems = Vec::new();
    let counted =
        |f: &&Finding| f.severity >= Severity::Warning && !is_tolerated(rule, examples, f);

    let findings = lint(linter, rule, examples, &examples.invalid);
    if !findings.iter().any(|f| is_own(rule, f)) {
        let all: Vec<&Finding> = findings.iter().collect();
        problems.push(format!(
            "invalid example does not show the rule; it shows:{}",
            describe(&all)
        ));
    }
    let others: Vec<&Finding> = findings
        .iter()
        .filter(|f| !is_own(rule, f))
        .filter(counted)
        .collect();
    if !others.is_empty() {
        problems.push(format!(
            "invalid example also shows other rules:{}",
            describe(&others)
        ));
    }

    let findings = lint(linter, rule, examples, &examples.valid);
    let shown: Vec<&Finding> = findings.iter().filter(counted).collect();
    if !shown.is_empty() {
        problems.push(format!(
            "valid example shows warnings or errors:{}",
            describe(&shown)
        ));
    }
    problems
}

#[test]
fn every_example_behaves_as_its_docs_say() {
    let linter = linter();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (rule, examples) in executable_rules() {
        checked += 1;
        let problems = judge(&linter, rule, examples);
        let known = KNOWN_FAILING.iter().any(|(id, _)| *id == rule.id);
        match (problems.is_empty(), known) {
            (true, false) | (false, true) => {}
            (true, true) => failures.push(format!(
                "{}: the examples work now; remove the rule from KNOWN_FAILING",
                rule.id
            )),
            (false, false) => failures.push(format!("{}: {}", rule.id, problems.join("\n  "))),
        }
    }
    assert!(checked > 100, "only {checked} rules have examples");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_checkable_rule_has_examples_unless_exempt() {
    let registry = Registry::builtin();
    let mut failures = Vec::new();
    for rule in registry.rules() {
        if rule.check == Check::Offline {
            continue;
        }
        let exempt = WITHOUT_EXAMPLES.iter().any(|(id, _)| *id == rule.id);
        match (&rule.examples, exempt) {
            (None, false) => failures.push(format!("{} has no examples", rule.id)),
            (Some(_), true) => failures.push(format!(
                "{} has examples now; remove it from WITHOUT_EXAMPLES",
                rule.id
            )),
            _ => {}
        }
    }
    for (id, _) in WITHOUT_EXAMPLES.iter().chain(KNOWN_FAILING) {
        assert!(registry.get(id).is_some(), "{id} is not in the table");
    }
    for (own, other, _) in TOLERATED {
        assert!(registry.get(own).is_some(), "{own} is not in the table");
        assert!(registry.get(other).is_some(), "{other} is not in the table");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_checkable_rule_fires_somewhere_under_examples() {
    let linter = linter();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (files, errors) = walk::collect(&[root.join("examples")]);
    assert!(errors.is_empty(), "{errors:?}");

    // As `offerlint check examples/`: kinds by shape, no config, one catalog over all files.
    let mut reports: Vec<_> = files
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).unwrap();
            let name = path.strip_prefix(root).unwrap().display().to_string();
            linter.check_bytes(&name, &bytes, Format::from_name(&name), None)
        })
        .collect();
    linter.check_catalog(&mut reports, &[]);

    let registry = Registry::builtin();
    let fired = |rule: &Rule| {
        reports
            .iter()
            .flat_map(|report| &report.findings)
            .any(|f| is_own(rule, f))
    };
    let mut failures = Vec::new();
    for rule in registry.rules() {
        if rule.check == Check::Offline {
            continue;
        }
        let exempt = NOT_IN_EXAMPLES_FOLDER.iter().any(|(id, _)| *id == rule.id);
        match (fired(rule), exempt) {
            (false, false) => failures.push(format!("{} fires on no file", rule.id)),
            (true, true) => failures.push(format!(
                "{} fires now; remove it from NOT_IN_EXAMPLES_FOLDER",
                rule.id
            )),
            _ => {}
        }
    }
    assert!(
        failures.is_empty(),
        "under examples/:\n{}",
        failures.join("\n")
    );
}
