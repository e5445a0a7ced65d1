//! Invariants the fuzz targets check beyond "does not panic": every span and position lies
//! inside the input on a character boundary, every finding names a rule of the table and a
//! document of its report, and events can be built from any report.

use std::sync::OnceLock;

use offerlint::document::{Node, Parsed, Span, Value};
use offerlint::{EventContext, FileReport, Linter, LinterOptions, Severity, build_events};

/// Returns the linter shared by all runs of a target (building it compiles the schemas).
///
/// Its clock is fixed (the corpus's reference time), so a crash reproduces on any day.
///
/// # Panics
///
/// If the bundled schemas do not compile.
pub fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| {
        let mut options = LinterOptions::default();
        options.now = Some("2026-12-01T00:00:00Z".parse().expect("valid timestamp"));
        Linter::with_options(options).expect("bundled schemas compile")
    })
}

/// Asserts that every span of a parse result lies inside `text` on character boundaries.
///
/// # Panics
///
/// When a span does not.
pub fn assert_parsed_in_bounds(text: &str, parsed: &Parsed) {
    for root in &parsed.documents {
        assert_node_in_bounds(text, root);
    }
    for problem in &parsed.problems {
        assert_span(text, problem.span, problem.rule);
    }
}

fn assert_node_in_bounds(text: &str, node: &Node) {
    assert_span(text, node.span, "node");
    match &node.value {
        Value::Array(items) => items
            .iter()
            .for_each(|item| assert_node_in_bounds(text, item)),
        Value::Object(members) => {
            for member in members {
                assert_span(text, member.key_span, "key");
                assert_node_in_bounds(text, &member.value);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
    }
}

fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} span {span:?} outside 0..{}",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} span {span:?} splits a character"
    );
}

/// Asserts that a report of `input_len` bytes is well formed, and builds its events.
///
/// # Panics
///
/// When a finding names a rule outside the table, points outside the input or at a
/// document the report does not have.
pub fn assert_report_well_formed(input_len: usize, report: &FileReport) {
    let registry = linter().registry();
    for finding in &report.findings {
        assert!(
            registry.get(&finding.rule).is_some(),
            "finding with a rule outside the table: {}",
            finding.rule
        );
        assert!(finding.start.offset <= finding.end.offset, "{finding:?}");
        assert!(finding.end.offset <= input_len, "{finding:?}");
        assert!(
            finding.start.line >= 1 && finding.start.column >= 1,
            "{finding:?}"
        );
        assert!(finding.document <= report.documents.len(), "{finding:?}");
        let _ = (finding.pointer(), finding.property());
    }
    let context = EventContext {
        request_id: Some("fuzz".to_owned()),
        player_id: String::new(),
        timestamp_ms: 0,
        min_severity: Severity::Info,
    };
    let _ = build_events(report, &context);
}
