//! The `Linter`: built once, then checks any number of files or values, from any thread.

use std::cell::OnceCell;

use rayon::prelude::*;

use crate::catalog::{self, Catalog, Facts};
use crate::config::{self, Config, Suppression};
use crate::diagnostic::{Finding, Position, Related, Severity, Stage};
use crate::document::{
    self, Decoded, Format, LineIndex, Node, ParseProblem, Path, Segment, Span, Value,
};
use crate::kind::Kind;
use crate::registry::Registry;
use crate::rules;
use crate::schema::{Anchor, SchemaProfile, Schemas};

/// Checking a file stops once it has this many findings, so a huge file full of the same
/// mistake cannot exhaust memory; a `parse-too-many-findings` error says so.
pub const MAX_FINDINGS: usize = 10_000;

/// Files larger than this are reported instead of parsed (32 MiB).
pub const DEFAULT_MAX_FILE_SIZE: usize = 32 * 1024 * 1024;

/// Settings fixed when a [`Linter`] is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct LinterOptions {
    /// Which side of the spec's recorded contradictions the schemas follow.
    pub profile: SchemaProfile,
    /// Largest file, in bytes, that is parsed.
    pub max_file_size: usize,
    /// The clock for schedule rules; `None` reads the system clock at each check.
    pub now: Option<jiff::Timestamp>,
    /// Whether reports keep the references catalog rules judge (default `true`). A run over
    /// many files can turn this off, keep only definitions in memory, and gather references
    /// later with [`Linter::references_of`] (see [`Linter::check_catalog_with`]).
    pub gather_references: bool,
}

impl Default for LinterOptions {
    fn default() -> Self {
        Self {
            profile: SchemaProfile::default(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            now: None,
            gather_references: true,
        }
    }
}

/// Errors building a [`Linter`].
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum LinterError {
    /// A bundled schema failed to compile (a bug in offerlint).
    #[error("bundled schema failed to compile: {0}")]
    #[diagnostic(code(offerlint::schema))]
    Schema(String),
}

/// Checks documents against the bundled schemas and rules.
///
/// Building compiles the schemas; checking takes `&self`, so one `Linter` can be shared
/// between threads (it is `Send + Sync`).
#[derive(Debug)]
pub struct Linter {
    schemas: Schemas,
    registry: &'static Registry,
    options: LinterOptions,
    config: Option<Config>,
}

/// One checked unit of a file: a document, or one element of a file that is an array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentInfo {
    /// Index of the YAML document in the stream (0 for JSON).
    pub stream_index: usize,
    /// Index of the element when the file's root is an array of documents.
    pub element: Option<usize>,
    /// The kind the document was checked as, if it had one.
    pub kind: Option<Kind>,
    /// The offer id, for offer documents that have one.
    pub offer_id: Option<String>,
}

/// What checking one file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// The file name as given (used in every output).
    pub name: String,
    /// The documents that were checked, in order; findings refer to them by index.
    pub documents: Vec<DocumentInfo>,
    /// Findings, sorted by document, line, column and rule.
    pub findings: Vec<Finding>,
    /// What cross-document rules need to know about this file.
    pub facts: Facts,
    /// Inline suppression comments of the file (YAML only).
    pub suppressions: Vec<Suppression>,
}

impl FileReport {
    /// Returns a report with nothing checked yet.
    #[must_use]
    pub fn empty(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            documents: Vec::new(),
            findings: Vec::new(),
            facts: Facts::default(),
            suppressions: Vec::new(),
        }
    }

    /// Returns the number of findings at or above `severity`.
    #[must_use]
    pub fn count_at_least(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity >= severity)
            .count()
    }
}

impl Linter {
    /// Builds a linter with default options: current-docs profile, system clock.
    ///
    /// Build it once and share it (`&Linter` or `Arc<Linter>`); every check takes `&self`.
    ///
    /// ```
    /// let linter = offerlint::Linter::new()?;
    /// assert!(linter.registry().get("pis-status-enum").is_some());
    /// # Ok::<(), offerlint::LinterError>(())
    /// ```
    pub fn new() -> Result<Self, LinterError> {
        Self::with_options(LinterOptions::default())
    }

    /// Builds a linter with the given options.
    ///
    /// ```
    /// use offerlint::{Linter, LinterOptions};
    ///
    /// let mut options = LinterOptions::default();
    /// options.now = Some("2026-12-01T00:00:00Z".parse().unwrap());
    /// options.profile.quantity_max_digits = 19; // the older docs' limit (C-02)
    /// let linter = Linter::with_options(options)?;
    /// # Ok::<(), offerlint::LinterError>(())
    /// ```
    pub fn with_options(options: LinterOptions) -> Result<Self, LinterError> {
        let schemas = Schemas::new(options.profile).map_err(LinterError::Schema)?;
        Ok(Self {
            schemas,
            registry: Registry::builtin(),
            options,
            config: None,
        })
    }

    /// Builds a linter that follows a configuration: its profile, rule settings and kinds.
    ///
    /// ```
    /// use offerlint::config::Config;
    /// use offerlint::registry::Registry;
    /// use offerlint::{Format, Linter, LinterOptions};
    ///
    /// let text = "rules:\n  pis-empty-offers: off\n";
    /// let config = Config::parse(text, std::path::Path::new("."), Registry::builtin())
    ///     .expect("a valid config");
    /// let linter = Linter::with_config(LinterOptions::default(), config)?;
    /// let body = r#"{"version": 2, "status": "valid", "sessionMetadata": {}, "offers": []}"#;
    /// let report = linter.check_str("response.json", body, Format::Json, None);
    /// assert!(report.findings.is_empty());
    /// # Ok::<(), offerlint::LinterError>(())
    /// ```
    pub fn with_config(mut options: LinterOptions, config: Config) -> Result<Self, LinterError> {
        options.profile = config.profile;
        let mut linter = Self::with_options(options)?;
        linter.config = Some(config);
        Ok(linter)
    }

    /// Returns the configuration in use, if any.
    #[must_use]
    pub fn config(&self) -> Option<&Config> {
        self.config.as_ref()
    }

    /// Returns the options the linter was built with.
    #[must_use]
    pub fn options(&self) -> &LinterOptions {
        &self.options
    }

    /// Returns the rule table in use.
    #[must_use]
    pub fn registry(&self) -> &'static Registry {
        self.registry
    }

    /// Returns the compiled schemas.
    #[must_use]
    pub fn schemas(&self) -> &Schemas {
        &self.schemas
    }

    /// Checks the raw bytes of a file. `kind` forces the kind of every document in it;
    /// `None` detects each document's kind by its shape.
    ///
    /// ```
    /// use offerlint::{Format, Kind, Linter};
    ///
    /// let linter = Linter::new()?;
    /// let yaml = b"name: Gems\npublisherProductId: gems\ntype: Quantity\n\
    ///     textFontColorHex: '#FFF'\nproductImageUrl: https://example.invalid/g.png\n";
    /// let report = linter.check_bytes("gems.yaml", yaml, Format::Yaml, Some(Kind::Product));
    /// let finding = &report.findings[0];
    /// assert_eq!(finding.rule, "product-color-hex");
    /// assert_eq!((finding.start.line, finding.start.column), (4, 19));
    /// # Ok::<(), offerlint::LinterError>(())
    /// ```
    #[must_use]
    pub fn check_bytes(
        &self,
        name: &str,
        bytes: &[u8],
        format: Format,
        kind: Option<Kind>,
    ) -> FileReport {
        let mut report = FileReport::empty(name);
        if bytes.len() > self.options.max_file_size {
            let start = Position {
                line: 1,
                column: 1,
                offset: 0,
            };
            report.findings.push(self.bare_finding(
                "parse-too-large",
                format!(
                    "file is larger than the {} bytes offerlint parses",
                    self.options.max_file_size
                ),
                start,
            ));
            return report;
        }
        match document::decode(bytes) {
            Decoded::Text(text, _) => self.check_text(&mut report, text, format, kind),
            Decoded::InvalidUtf8 {
                offset,
                line,
                column,
            } => {
                let start = Position {
                    line,
                    column,
                    offset,
                };
                let mut finding = self.bare_finding(
                    "parse-invalid-utf8",
                    format!("file is not valid UTF-8: invalid byte at offset {offset}"),
                    start,
                );
                finding.help = Some("save the file as UTF-8".to_owned());
                report.findings.push(finding);
            }
        }
        report
    }

    /// Checks a parsed JSON value, such as the response a webhook handler is about to send.
    ///
    /// The value is written out as compact JSON and checked like a file named `name`, so
    /// lines and columns in the report refer to that compact text. To resolve references
    /// against a catalog, check the catalog files once at start-up and pass their reports
    /// to [`Linter::check_catalog`] together with this report.
    ///
    /// ```
    /// use offerlint::{Kind, Linter};
    ///
    /// let linter = Linter::new()?;
    /// let response = serde_json::json!({"version": 2, "status": "valid", "sessionMetadata": {}, "offers": []});
    /// let report = linter.check_value("response", &response, Some(Kind::PisResponse));
    /// assert_eq!(report.findings[0].rule, "pis-empty-offers");
    /// # Ok::<(), offerlint::LinterError>(())
    /// ```
    #[must_use]
    pub fn check_value(
        &self,
        name: &str,
        value: &serde_json::Value,
        kind: Option<Kind>,
    ) -> FileReport {
        let text = value.to_string();
        self.check_str(name, &text, Format::Json, kind)
    }

    /// Checks text that is already decoded.
    #[must_use]
    pub fn check_str(
        &self,
        name: &str,
        text: &str,
        format: Format,
        kind: Option<Kind>,
    ) -> FileReport {
        let mut report = FileReport::empty(name);
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        self.check_text(&mut report, text, format, kind);
        report
    }

    fn check_text(&self, report: &mut FileReport, text: &str, format: Format, kind: Option<Kind>) {
        self.visit_text(report, text, format, kind, false);
    }

    /// Gathers the catalog facts of a file, references included, without checking it.
    ///
    /// This is the second half of a run that set [`LinterOptions::gather_references`] to
    /// `false`: it parses the file again and records what catalog rules need.
    #[must_use]
    pub fn references_of(
        &self,
        name: &str,
        bytes: &[u8],
        format: Format,
        kind: Option<Kind>,
    ) -> Facts {
        let mut report = FileReport::empty(name);
        if bytes.len() <= self.options.max_file_size
            && let Decoded::Text(text, _) = document::decode(bytes)
        {
            self.visit_text(&mut report, text, format, kind, true);
        }
        report.facts
    }

    fn visit_text(
        &self,
        report: &mut FileReport,
        text: &str,
        format: Format,
        kind: Option<Kind>,
        facts_only: bool,
    ) {
        let parsed = document::parse(text, format);
        let locator = Locator::new(text);
        let mut problems = parsed.problems;

        if parsed.documents.is_empty() && problems.is_empty() {
            problems.push(ParseProblem {
                rule: "parse-syntax",
                message: "file is empty: expected a document".to_owned(),
                span: Span::new(0, 0),
                document: Some(0),
                path: None,
            });
        }
        let mut stopped_at: Option<Span> = None;
        'documents: for (stream_index, root) in parsed.documents.iter().enumerate() {
            // A PIS response is one object: an array given as one is itself the mistake.
            let units: Vec<(Option<usize>, &Node)> = match &root.value {
                Value::Array(_) if kind == Some(Kind::PisResponse) => vec![(None, root)],
                Value::Array(items) => items
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (Some(i), n))
                    .collect(),
                _ => vec![(None, root)],
            };
            for (element, node) in units {
                if report.findings.len() + problems.len() >= MAX_FINDINGS {
                    stopped_at = Some(node.span);
                    break 'documents;
                }
                let unit = report.documents.len();
                let detected = kind.or_else(|| Kind::detect(node));
                let offer_id = match detected {
                    Some(Kind::Offer | Kind::OfferV1) => {
                        node.get("publisherOfferId").and_then(Node::as_str)
                    }
                    _ => None,
                };
                report.documents.push(DocumentInfo {
                    stream_index,
                    element,
                    kind: detected,
                    offer_id: offer_id.map(str::to_owned),
                });
                let scope = Scope {
                    linter: self,
                    facts_only,
                    report_name: &report.name,
                    locator: &locator,
                    node,
                    prefix: element.map_or_else(Path::root, |i| Path::root().index(i)),
                    kind: detected,
                    unit,
                    cap: MAX_FINDINGS.saturating_sub(problems.len()),
                };
                if scope.check(&mut report.findings, &mut report.facts) {
                    stopped_at = Some(node.span);
                    break 'documents;
                }
            }
        }
        if facts_only {
            return;
        }
        if stopped_at.is_some() || parsed.dropped > 0 {
            let span = stopped_at.unwrap_or_default();
            problems.push(ParseProblem {
                rule: "parse-too-many-findings",
                message: format!(
                    "file has more than {MAX_FINDINGS} findings; the rest of it was not checked"
                ),
                span: Span::new(span.start, span.start),
                document: Some(report.documents.len()),
                path: None,
            });
        }
        self.place_problems(report, &problems, &locator);
        if format == Format::Yaml && text.contains(config::DIRECTIVE) {
            report.suppressions = config::suppressions(text);
        }
        let mut findings = std::mem::take(&mut report.findings);
        self.settle(report, &mut findings);
        report.findings = findings;
        report
            .findings
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }

    /// Applies inline suppressions and the config's rule settings to new findings of a file.
    fn settle(&self, report: &mut FileReport, findings: &mut Vec<Finding>) {
        let file = std::path::Path::new(&report.name);
        let suppressions = &mut report.suppressions;
        findings.retain_mut(|finding| {
            if let Some(suppression) = suppressions
                .iter_mut()
                .find(|s| config::suppresses(s, finding, self.registry))
            {
                suppression.used = true;
                return false;
            }
            match self.config.as_ref() {
                Some(config) => match config.judge(file, finding, self.registry) {
                    Some(severity) => {
                        finding.severity = severity;
                        true
                    }
                    None => false,
                },
                None => true,
            }
        });
    }

    /// Turns parser problems into findings, attached to the document they belong to.
    fn place_problems(
        &self,
        report: &mut FileReport,
        problems: &[ParseProblem],
        locator: &Locator,
    ) {
        for problem in problems {
            let stream = problem.document.unwrap_or(0);
            let element = problem.path.as_ref().and_then(|p| match p.0.first() {
                Some(Segment::Index(i)) => Some(*i),
                _ => None,
            });
            let unit = unit_of(&report.documents, stream, element);
            let offer_id = report.documents.get(unit).and_then(|d| d.offer_id.clone());
            report.findings.push(Finding {
                rule: problem.rule.to_owned(),
                severity: self.registry.severity(problem.rule),
                message: problem.message.clone(),
                help: None,
                path: problem.path.clone(),
                document: unit,
                start: locator.position(problem.span.start),
                end: locator.position(problem.span.end),
                offer_id,
                stage: Stage::Parse,
                related: Vec::new(),
            });
        }
    }

    /// Runs the cross-document rules over the reports of one run.
    ///
    /// `catalog_only` are reports of files loaded only for their definitions (the config's
    /// catalog paths): they feed the catalog, but their own findings are not touched. A file
    /// must not be in both lists, or its definitions would count twice. This call ends a run:
    /// it also reports inline suppressions that silenced nothing.
    ///
    /// ```
    /// use offerlint::{Format, Linter};
    ///
    /// let linter = Linter::new()?;
    /// let product = r##"{"name": "Gems", "publisherProductId": "gems", "type": "Quantity",
    ///     "textFontColorHex": "#FFFFFF", "productImageUrl": "https://example.invalid/g.png"}"##;
    /// let response = r#"{"version": 2, "status": "valid", "sessionMetadata": {},
    ///     "balances": [{"publisherProductId": "gem", "quantity": 5}]}"#;
    /// let catalog = [linter.check_str("gems.json", product, Format::Json, None)];
    /// let mut reports = [linter.check_str("pis.json", response, Format::Json, None)];
    /// linter.check_catalog(&mut reports, &catalog);
    /// let finding = &reports[0].findings[0];
    /// assert_eq!(finding.rule, "catalog-product-known");
    /// assert_eq!(finding.help.as_deref(), Some("did you mean `gems`?"));
    /// # Ok::<(), offerlint::LinterError>(())
    /// ```
    pub fn check_catalog(&self, reports: &mut [FileReport], catalog_only: &[FileReport]) {
        self.check_catalog_with(reports, catalog_only, &|_| None);
    }

    /// Like [`Linter::check_catalog`], for runs that dropped references to save memory
    /// ([`Facts::forget_references`]): `references(i)` must return the full facts of report
    /// `i` again (typically by checking its file once more). It is called only for reports
    /// whose references were dropped, and only when the run has definitions to judge them
    /// against; the facts are dropped again right after use. When it returns `None` (the
    /// file could not be read again), the report is judged as if it referred to nothing, so
    /// the caller should tell its user that the file went unjudged.
    pub fn check_catalog_with(
        &self,
        reports: &mut [FileReport],
        catalog_only: &[FileReport],
        references: &(dyn Fn(usize) -> Option<Facts> + Sync),
    ) {
        let all: Vec<(&str, &Facts)> = reports
            .iter()
            .chain(catalog_only)
            .map(|r| (r.name.as_str(), &r.facts))
            .collect();
        let catalog = Catalog::build(&all);
        // Per file: its catalog findings, and what it refers to that the run cannot judge.
        let judged: Vec<(Vec<Finding>, Option<catalog::Unjudged>)> = (0..reports.len())
            .into_par_iter()
            .map(|file| {
                let facts = all[file].1;
                if catalog.is_empty() {
                    return (Vec::new(), catalog::unjudged(&catalog, facts));
                }
                if !(facts.has_references() || facts.has_definitions()) {
                    return (Vec::new(), None);
                }
                if facts.references_dropped {
                    let fresh = references(file).unwrap_or_default();
                    let unjudged = catalog::unjudged(&catalog, &fresh);
                    (catalog.check(file, &fresh, self.registry), unjudged)
                } else {
                    let unjudged = catalog::unjudged(&catalog, facts);
                    (catalog.check(file, facts, self.registry), unjudged)
                }
            })
            .collect();
        let note = judged
            .iter()
            .enumerate()
            .find_map(|(file, (_, unjudged))| unjudged.map(|u| (file, u)));
        let mut new_findings: Vec<Vec<Finding>> =
            judged.into_iter().map(|(findings, _)| findings).collect();
        // One note per run, on the first file that needed what is missing.
        if let Some((file, unjudged)) = note {
            new_findings[file].push(catalog::skipped_note(unjudged));
        }
        drop(all);
        for (report, mut findings) in reports.iter_mut().zip(new_findings) {
            self.settle(report, &mut findings);
            for suppression in report.suppressions.iter().filter(|s| !s.used) {
                let start = Position {
                    line: suppression.line,
                    column: suppression.column,
                    offset: suppression.offset,
                };
                let mut finding = self.bare_finding(
                    "config-suppression-unused",
                    format!(
                        "suppression of {} matched no finding on line {}",
                        suppression.rule, suppression.target_line
                    ),
                    start,
                );
                finding.help = Some("remove the comment, or fix the rule id".to_owned());
                findings.push(finding);
            }
            if findings.is_empty() {
                continue;
            }
            report.findings.extend(findings);
            report
                .findings
                .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        }
    }

    fn bare_finding(&self, rule: &str, message: String, start: Position) -> Finding {
        Finding {
            rule: rule.to_owned(),
            severity: self.registry.severity(rule),
            message,
            help: None,
            path: None,
            document: 0,
            start,
            end: start,
            offer_id: None,
            stage: Stage::Parse,
            related: Vec::new(),
        }
    }
}

/// Returns the unit a parser problem belongs to, or `documents.len()` if none.
///
/// Units are in stream order and the elements of an array root are numbered from 0, so the
/// unit is found directly: a search through all units for each problem was quadratic in
/// files with many elements and many problems.
fn unit_of(documents: &[DocumentInfo], stream: usize, element: Option<usize>) -> usize {
    let first = documents.partition_point(|d| d.stream_index < stream);
    let belongs = |unit: usize| {
        documents.get(unit).is_some_and(|d| {
            d.stream_index == stream && (d.element.is_none() || d.element == element)
        })
    };
    if belongs(first) {
        return first;
    }
    match element {
        Some(index) if belongs(first + index) => first + index,
        _ => documents.len(),
    }
}

/// Computes positions from byte offsets, building the line index only when first needed.
struct Locator<'a> {
    text: &'a str,
    index: OnceCell<LineIndex>,
}

impl<'a> Locator<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            index: OnceCell::new(),
        }
    }

    fn position(&self, offset: usize) -> Position {
        let index = self.index.get_or_init(|| LineIndex::new(self.text));
        let (line, column) = index.line_col(self.text, offset);
        Position {
            line,
            column,
            offset,
        }
    }
}

/// Everything needed to check one document.
struct Scope<'a> {
    linter: &'a Linter,
    /// Only gather catalog facts (with references), no schema or rule findings.
    facts_only: bool,
    report_name: &'a str,
    locator: &'a Locator<'a>,
    node: &'a Node,
    prefix: Path,
    kind: Option<Kind>,
    unit: usize,
    /// Most findings the file may hold; checking stops there.
    cap: usize,
}

impl Scope<'_> {
    /// Checks the document, adding findings up to the cap; returns whether some were cut.
    fn check(&self, findings: &mut Vec<Finding>, facts: &mut Facts) -> bool {
        if self.facts_only {
            if let Some(kind) = self.kind {
                self.gather(kind, facts);
            }
            return false;
        }
        let Some(kind) = self.kind else {
            let tried: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
            findings.push(self.finding(
                "kind-unknown",
                format!(
                    "document matches no known kind (tried {}); pass --kind or map the path to \
                     a kind in .offerlint.yaml",
                    tried.join(", ")
                ),
                &Path::root(),
                self.node.span,
                Stage::Parse,
            ));
            return false;
        };
        let room = |findings: &Vec<Finding>| self.cap.saturating_sub(findings.len());

        let duplicates = document::duplicates(self.node);
        let has_duplicates = !duplicates.is_empty();
        let mut cut = duplicates.len() > room(findings);
        for duplicate in duplicates.into_iter().take(room(findings)) {
            let name = duplicate.path.leaf_name().unwrap_or("key").to_owned();
            let mut finding = self.finding(
                "parse-duplicate-key",
                format!("{name} is defined more than once in the same object"),
                &duplicate.path,
                duplicate.key_span,
                Stage::Parse,
            );
            finding.help = Some("keep one definition: the store reads only the last".to_owned());
            finding.related.push(Related {
                file: self.report_name.to_owned(),
                property: self.full_path(&duplicate.path).dotted(),
                start: self.locator.position(duplicate.first_span.start),
                label: "first defined here".to_owned(),
            });
            findings.push(finding);
        }

        {
            let schemas = &self.linter.schemas;
            let room = room(findings);
            let failures = schemas.check_document_at_most(kind, self.node, has_duplicates, room);
            cut |= failures.len() > room;
            for failure in failures.into_iter().take(room) {
                let span = self.span_of(&failure.path, failure.anchor);
                let mut finding = self.finding(
                    &failure.rule,
                    failure.message,
                    &failure.path,
                    span,
                    Stage::Schema,
                );
                finding.help = failure.help;
                findings.push(finding);
            }
        }

        let context = rules::Context {
            kind,
            root: self.node,
            now: Some(self.linter.options.now.unwrap_or_else(jiff::Timestamp::now)),
        };
        let mut hits = Vec::new();
        rules::run(&context, &mut hits);
        cut |= hits.len() > room(findings);
        let room = room(findings);
        for hit in hits.into_iter().take(room) {
            let span = self.span_of(&hit.path, hit.anchor);
            let mut finding = self.finding(hit.rule, hit.message, &hit.path, span, Stage::Rule);
            finding.help = hit.help;
            if let Some((path, label)) = hit.related {
                let start = self.span_of(&path, Anchor::Value).start;
                finding.related.push(Related {
                    file: self.report_name.to_owned(),
                    property: self.full_path(&path).dotted(),
                    start: self.locator.position(start),
                    label,
                });
            }
            findings.push(finding);
        }

        self.gather(kind, facts);
        cut
    }

    /// Records what catalog rules need about this document.
    fn gather(&self, kind: Kind, facts: &mut Facts) {
        let locate = |path: &Path| {
            let node = self.node.at(path)?;
            Some(catalog::Place {
                unit: self.unit,
                path: self.full_path(path),
                start: self.locator.position(node.span.start),
                end: self.locator.position(node.span.end),
            })
        };
        let references = self.facts_only || self.linter.options.gather_references;
        catalog::extract(kind, self.node, references, &locate, facts);
    }

    /// Returns the span to point at for a path, falling back to the document root.
    fn span_of(&self, path: &Path, anchor: Anchor) -> Span {
        let span = match anchor {
            Anchor::Value => self.node.at(path).map(|n| n.span),
            Anchor::Key => self.node.key_span_at(path),
            Anchor::Parent => {
                let parent = Path(path.0[..path.0.len().saturating_sub(1)].to_vec());
                self.node.at(&parent).map(|n| n.span)
            }
        };
        span.unwrap_or(self.node.span)
    }

    fn full_path(&self, path: &Path) -> Path {
        let mut full = self.prefix.clone();
        full.0.extend(path.0.iter().cloned());
        full
    }

    /// Returns the id of the offer a path lies in, if any.
    fn offer_id_at(&self, path: &Path) -> Option<String> {
        let id = match self.kind? {
            Kind::Offer | Kind::OfferV1 => self.node.get("publisherOfferId"),
            Kind::PisResponse => match path.0.as_slice() {
                [Segment::Key(offers), Segment::Index(index), ..] if offers == "offers" => self
                    .node
                    .get("offers")?
                    .as_array()?
                    .get(*index)?
                    .get("publisherOfferId"),
                _ => None,
            },
            Kind::Product | Kind::Badge => None,
        };
        id.and_then(Node::as_str).map(str::to_owned)
    }

    fn finding(
        &self,
        rule: &str,
        message: String,
        path: &Path,
        span: Span,
        stage: Stage,
    ) -> Finding {
        Finding {
            rule: rule.to_owned(),
            severity: self.linter.registry.severity(rule),
            message,
            help: None,
            path: Some(self.full_path(path)),
            document: self.unit,
            start: self.locator.position(span.start),
            end: self.locator.position(span.end),
            offer_id: self.offer_id_at(path),
            stage,
            related: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint(text: &str, format: Format, kind: Option<Kind>) -> FileReport {
        Linter::new().unwrap().check_str("test", text, format, kind)
    }

    #[test]
    fn attaches_parse_problems_to_their_element() {
        let count = 5_000;
        let text = format!("[{}y]", "y, ".repeat(count - 1));
        let report = lint(&text, Format::Yaml, None);
        let warnings: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.rule == "parse-yaml11-boolean")
            .collect();
        assert_eq!(warnings.len(), count);
        assert!(warnings.iter().enumerate().all(|(i, f)| f.document == i));
    }

    #[test]
    fn places_parse_problems_in_the_right_unit() {
        let documents = |units: &[(usize, Option<usize>)]| -> Vec<DocumentInfo> {
            units
                .iter()
                .map(|&(stream_index, element)| DocumentInfo {
                    stream_index,
                    element,
                    kind: None,
                    offer_id: None,
                })
                .collect()
        };
        let units = documents(&[(0, None), (1, Some(0)), (1, Some(1)), (3, None)]);
        assert_eq!(unit_of(&units, 0, None), 0);
        assert_eq!(unit_of(&units, 0, Some(4)), 0);
        assert_eq!(unit_of(&units, 1, Some(1)), 2);
        assert_eq!(unit_of(&units, 1, Some(2)), 4);
        assert_eq!(unit_of(&units, 1, None), 4);
        assert_eq!(unit_of(&units, 2, None), 4);
        assert_eq!(unit_of(&units, 3, Some(0)), 3);
        assert_eq!(unit_of(&[], 0, None), 0);
    }

    #[test]
    fn linter_is_send_and_sync() {
        fn assert_shareable<T: Send + Sync>() {}
        assert_shareable::<Linter>();
    }

    #[test]
    fn locates_schema_findings_on_the_value() {
        let report = lint(
            "{\n  \"version\": 2,\n  \"status\": \"Valid\",\n  \"sessionMetadata\": {}\n}",
            Format::Json,
            None,
        );
        let finding = &report.findings[0];
        assert_eq!(finding.rule, "pis-status-enum");
        assert_eq!((finding.start.line, finding.start.column), (3, 13));
        assert_eq!(finding.property().as_deref(), Some("status"));
        assert_eq!(finding.pointer().as_deref(), Some("/status"));
    }

    #[test]
    fn reports_an_unknown_shape_instead_of_passing() {
        let report = lint("{\"hello\": 1}", Format::Json, None);
        assert_eq!(report.findings[0].rule, "kind-unknown");
        assert!(report.findings[0].message.contains("pis-response"));
    }

    #[test]
    fn prefixes_paths_with_the_element_index_in_array_files() {
        let text = "- name: A\n  publisherProductId: a\n  type: Quantity\n  textFontColorHex: '#FFF'\n  productImageUrl: https://example.invalid/a.png\n";
        let report = lint(text, Format::Yaml, Some(Kind::Product));
        let finding = &report.findings[0];
        assert_eq!(finding.rule, "product-color-hex");
        assert_eq!(finding.property().as_deref(), Some("0.textFontColorHex"));
        assert_eq!(finding.start.line, 4);
    }

    #[test]
    fn reports_an_array_checked_as_a_pis_response() {
        for text in [
            "[]",
            r#"[{"version": 2, "status": "valid", "sessionMetadata": {}}]"#,
        ] {
            let report = lint(text, Format::Json, Some(Kind::PisResponse));
            assert_eq!(report.findings[0].rule, "pis-json-object", "{text}");
        }
    }

    #[test]
    fn reports_syntax_errors_and_empty_files() {
        let report = lint("{\"a\": }", Format::Json, None);
        assert_eq!(report.findings[0].rule, "parse-syntax");
        assert_eq!(report.findings[0].start.column, 7);
        let empty = lint("", Format::Yaml, None);
        assert_eq!(empty.findings[0].rule, "parse-syntax");
    }

    #[test]
    fn reports_oversized_files_without_parsing() {
        let linter = Linter::with_options(LinterOptions {
            max_file_size: 4,
            ..LinterOptions::default()
        })
        .unwrap();
        let report = linter.check_bytes("big.json", b"[1, 2, 3]", Format::Json, None);
        assert_eq!(report.findings[0].rule, "parse-too-large");
        // The CLI reads one byte past the limit, so the message cannot name a file size.
        assert_eq!(
            report.findings[0].message,
            "file is larger than the 4 bytes offerlint parses"
        );
    }
}
