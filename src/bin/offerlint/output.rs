//! Renders reports: human code frames (miette), a JSON document, or Integration Error Events.

use std::io::{self, Write};
use std::sync::Arc;

use rayon::prelude::*;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, NamedSource, SourceCode, SourceSpan, SpanContents,
};
use offerlint::document::LineIndex;
use offerlint::{EventContext, FileReport, Finding, Severity, build_events, build_v2_events};
use serde::Serialize;

use crate::args::CheckArgs;

/// A report with the bytes it was made from (kept for code frames).
pub type Checked = (FileReport, Option<Vec<u8>>);

/// Files whose frames are rendered together before they are printed.
const RENDER_BATCH: usize = 256;

/// Prints findings as code frames with a closing summary line.
pub fn human(
    out: &mut impl Write,
    reports: &[Checked],
    fail_on: Severity,
    unreadable: usize,
) -> io::Result<()> {
    let theme =
        if std::env::var_os("NO_COLOR").is_none() && io::IsTerminal::is_terminal(&io::stdout()) {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    // Frames are rendered on all cores a batch at a time and printed in input order, so
    // only one batch of rendered text is held at once.
    for batch in reports.chunks(RENDER_BATCH) {
        let rendered: Vec<String> = batch
            .par_iter()
            .map(|(report, bytes)| render_file(&handler, report, bytes.as_deref()))
            .collect();
        for text in rendered {
            out.write_all(text.as_bytes())?;
        }
    }
    let summary = Summary::of(reports, unreadable);
    write!(
        out,
        "{} error(s), {} warning(s), {} info in {} file(s); failing at {}",
        summary.errors, summary.warnings, summary.infos, summary.files, fail_on
    )?;
    if unreadable > 0 {
        write!(out, "; {unreadable} input(s) could not be read")?;
    }
    writeln!(out)
}

/// Renders every finding of one file: a header line, then a code frame or an excerpt.
fn render_file(
    handler: &GraphicalReportHandler,
    report: &FileReport,
    bytes: Option<&[u8]>,
) -> String {
    use std::fmt::Write as _;

    let mut out = String::new();
    if report.findings.is_empty() {
        return out;
    }
    let raw = match bytes {
        Some(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        None => std::fs::read(&report.name)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default(),
    };
    // Offsets in findings are counted after a byte-order mark, as the parsers see it.
    let text: Arc<str> = Arc::from(inert_source(raw.strip_prefix('\u{feff}').unwrap_or(&raw)));
    let name = printable(&report.name);
    let lines = Arc::new(LineIndex::new(&text));
    let lone_cr = has_lone_cr(text.as_bytes());
    // An empty file has no line to frame.
    let nothing_to_frame = text.trim_end_matches(['\n', '\r']).is_empty();
    for finding in &report.findings {
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            name,
            finding.start.line,
            finding.start.column,
            finding.severity,
            finding.rule,
            printable(&finding.message)
        );
        // Run-level notes (no place in the file) need no code frame.
        if finding.path.is_none() && finding.stage == offerlint::Stage::Rule {
            if let Some(help) = &finding.help {
                let _ = writeln!(out, "  help: {}\n", printable(help));
            }
            continue;
        }
        if nothing_to_frame {
            let _ = writeln!(out);
            continue;
        }
        if let Some(excerpt) = long_line_excerpt(&text, &lines, finding) {
            let _ = writeln!(out, "{excerpt}");
            continue;
        }
        let diagnostic = to_miette(finding, &text);
        let source = IndexedSource {
            name: name.clone().into_owned(),
            text: Arc::clone(&text),
            lines: Arc::clone(&lines),
            lone_cr,
        };
        let framed = Framed { diagnostic, source };
        let mut frame = String::new();
        if handler.render_report(&mut frame, &framed).is_ok() {
            let _ = writeln!(out, "{frame}");
        }
    }
    out
}

/// A diagnostic with its source, rendered directly (a `miette::Report` would set up a
/// default report handler for every finding).
#[derive(Debug)]
struct Framed {
    diagnostic: MietteDiagnostic,
    source: IndexedSource,
}

impl std::fmt::Display for Framed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.diagnostic, f)
    }
}

impl std::error::Error for Framed {}

impl Diagnostic for Framed {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.diagnostic.code()
    }

    fn severity(&self) -> Option<miette::Severity> {
        self.diagnostic.severity()
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.diagnostic.help()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.diagnostic.labels()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
}

/// A file's text with its line index, so a code frame reads only the lines it shows instead
/// of scanning the file from its start for every finding.
#[derive(Debug)]
struct IndexedSource {
    name: String,
    text: Arc<str>,
    lines: Arc<LineIndex>,
    /// A carriage return without a line feed is a line break for the renderer but not for
    /// the index; such a file is handed over whole.
    lone_cr: bool,
}

impl SourceCode for IndexedSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.text.as_bytes();
        let (start, end, first_line) = if self.lone_cr {
            (0, text.len(), 0)
        } else {
            let last = span.offset() + span.len().saturating_sub(1);
            // A margin of lines on both sides: the renderer decides where its context ends
            // (a span ending in a line break reaches into the next line), and it reads the
            // window exactly as it would read the whole file.
            self.lines.window(
                text.len(),
                span.offset(),
                last,
                context_lines_before + 1,
                context_lines_after + 2,
            )
        };
        let window = &text[start..end];
        let local = SourceSpan::new(span.offset().saturating_sub(start).into(), span.len());
        let inner = window.read_span(&local, context_lines_before, context_lines_after)?;
        // The renderer's column counts bytes; the frame header shows it, and findings count
        // characters, so it is counted again in characters.
        let column = span
            .offset()
            .checked_sub(inner.column())
            .and_then(|line_start| self.text.get(line_start..span.offset()))
            .map_or(inner.column(), |before| before.chars().count());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + start).into(), inner.span().len()),
            inner.line() + first_line,
            column,
            inner.line_count() + first_line,
        )))
    }
}

/// The label of a frame moved by [`past_the_end`].
const ENDS_HERE: &str = "the file ends after this";

/// For a place at the very end of a file (a document cut short), which lies past its last
/// line where no frame can show it: the byte range of the file's last character, line
/// breaks aside. `None` when the place is inside the text or the text is empty.
fn past_the_end(text: &str, offset: usize) -> Option<std::ops::Range<usize>> {
    if offset < text.len() {
        return None;
    }
    let content = text.trim_end_matches(['\n', '\r']);
    let last = content.chars().next_back()?;
    Some(content.len() - last.len_utf8()..content.len())
}

/// Characters that a terminal acts on instead of showing: C0 and C1 controls (escape
/// sequences start with them) and the bidirectional overrides that reorder what is shown.
fn acts_on_terminal(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether the text may hold a terminal-active character other than tab and line breaks:
/// a quick byte scan that lets almost every text skip the character-by-character look.
/// C1 controls start with the byte 0xC2 and the bidirectional controls with 0xE2 in UTF-8.
/// The scan has no early exit inside a block, so the compiler can vectorize it.
fn may_act_on_terminal(text: &str) -> bool {
    // Arithmetic on 0 and 1 rather than `&&`/`||`, so that nothing branches per byte.
    let suspect = |b: u8| {
        u8::from(b < 0x20) & u8::from(b != b'\t') & u8::from(b != b'\n') & u8::from(b != b'\r')
            | u8::from(b == 0x7f)
            | u8::from(b == 0xc2)
            | u8::from(b == 0xe2)
    };
    text.as_bytes()
        .chunks(64)
        .any(|block| block.iter().fold(0, |hit, &b| hit | suspect(b)) != 0)
}

/// 1 for the bytes a one-line message may not hold as they are (see
/// [`may_act_on_terminal`]; tab and line breaks count too), 0 for the others.
static SUSPECT_IN_LINE: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = 1;
        b += 1;
    }
    table[0x7f] = 1;
    table[0xc2] = 1;
    table[0xe2] = 1;
    table
};

/// A message, name or label from the input, with terminal-active characters written as
/// escapes (`\u{1b}`), so a file cannot move the cursor or retitle the terminal.
fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let suspect = text
        .bytes()
        .fold(0, |hit, b| hit | SUSPECT_IN_LINE[usize::from(b)]);
    if suspect == 0 || !text.chars().any(acts_on_terminal) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if acts_on_terminal(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The source text for code frames, with terminal-active characters (other than tab and
/// line breaks) replaced by visible ones of the same byte length and character count, so
/// every offset and column in the findings still points at the same place.
fn inert_source(text: &str) -> std::borrow::Cow<'_, str> {
    let active = |c: char| acts_on_terminal(c) && !matches!(c, '\t' | '\n' | '\r');
    if !may_act_on_terminal(text) || !text.chars().any(active) {
        return std::borrow::Cow::Borrowed(text);
    }
    let shown = text
        .chars()
        .map(|c| match c {
            c if !active(c) => c,
            // One byte: C0 controls and DEL.
            c if c.len_utf8() == 1 => '?',
            // Two bytes: C1 controls.
            c if c.len_utf8() == 2 => '¿',
            // Three bytes: bidirectional overrides, shown as the replacement character.
            _ => '\u{fffd}',
        })
        .collect();
    std::borrow::Cow::Owned(shown)
}

/// Whether the text has a carriage return that is not followed by a line feed.
fn has_lone_cr(text: &[u8]) -> bool {
    text.iter()
        .enumerate()
        .any(|(at, byte)| *byte == b'\r' && text.get(at + 1) != Some(&b'\n'))
}

/// Renders a config mistake with a code frame in the config file.
pub fn config_frame(
    path: &std::path::Path,
    text: &str,
    error: &offerlint::config::ConfigError,
) -> String {
    let mut start = error.span.start;
    let mut length = error.span.end.saturating_sub(start).max(1);
    let mut label = "here";
    if let Some(last) = past_the_end(text, start) {
        (start, length, label) = (last.start, last.len(), ENDS_HERE);
    }
    let mut diagnostic = MietteDiagnostic::new(printable(&error.message))
        .with_code("offerlint::config")
        .with_label(LabeledSpan::at(start..start + length, label));
    if let Some(help) = &error.help {
        diagnostic = diagnostic.with_help(printable(help));
    }
    let name = printable(&path.display().to_string()).into_owned();
    let source = NamedSource::new(name, inert_source(text).into_owned());
    let report = miette::Report::new(diagnostic).with_source_code(source);
    let handler =
        GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(100);
    let mut frame = String::new();
    let _ = handler.render_report(&mut frame, report.as_ref());
    frame
}

/// Lines longer than this get a short excerpt instead of a full code frame, so a minified
/// file with many findings does not print its one huge line again for each of them.
const LONG_LINE: usize = 240;

/// Characters shown on each side of the offending value in an excerpt.
const EXCERPT_CONTEXT: usize = 60;

fn long_line_excerpt(text: &str, lines: &LineIndex, finding: &Finding) -> Option<String> {
    let (start, end, ascii) = lines.line_range(text, finding.start.line)?;
    let line = &text[start..end];
    let width = if ascii {
        line.len()
    } else {
        line.chars().count()
    };
    if width <= LONG_LINE {
        return None;
    }
    let column = finding.start.column.saturating_sub(1).min(width);
    let length = if finding.end.line == finding.start.line {
        finding
            .end
            .column
            .saturating_sub(finding.start.column)
            .max(1)
    } else {
        1
    };
    let shown = length.min(EXCERPT_CONTEXT);
    let from = column.saturating_sub(EXCERPT_CONTEXT);
    let to = (column + shown + EXCERPT_CONTEXT).min(width);
    let window: String = if ascii {
        line[from..to].to_owned()
    } else {
        line.chars().skip(from).take(to - from).collect()
    };
    let lead = if from > 0 { "…" } else { "" };
    let tail = if to < width { "…" } else { "" };
    let marker = format!(
        "{}{}",
        " ".repeat(lead.chars().count() + column - from),
        "^".repeat(shown)
    );
    let mut excerpt = format!("  | {lead}{window}{tail}\n  | {marker}");
    if let Some(help) = &finding.help {
        excerpt.push_str("\n  help: ");
        excerpt.push_str(&printable(help));
    }
    excerpt.push('\n');
    Some(excerpt)
}

fn to_miette(finding: &Finding, text: &str) -> MietteDiagnostic {
    let severity = match finding.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    };
    let mut start = finding.start.offset;
    let mut length = finding.end.offset.saturating_sub(start).max(1);
    let mut label = finding
        .property()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "here".to_owned());
    if let Some(last) = past_the_end(text, start) {
        (start, length) = (last.start, last.len());
        ENDS_HERE.clone_into(&mut label);
    }
    // The rule id is on the header line already; the frame carries message and place.
    let mut diagnostic = MietteDiagnostic::new(printable(&finding.message))
        .with_severity(severity)
        .with_label(LabeledSpan::at(
            start..start + length,
            printable(&label).into_owned(),
        ));
    if let Some(help) = &finding.help {
        diagnostic = diagnostic.with_help(printable(help));
    }
    diagnostic
}

#[derive(Serialize, Default)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    /// Paths that could not be read (named on standard error); they were not checked.
    unreadable: usize,
}

impl Summary {
    fn of(reports: &[Checked], unreadable: usize) -> Self {
        let mut summary = Summary {
            files: reports.len(),
            unreadable,
            ..Summary::default()
        };
        for finding in reports.iter().flat_map(|(r, _)| &r.findings) {
            match finding.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        summary
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonDiagnostic<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    rule: &'a str,
    severity: Severity,
    pointer: Option<String>,
    property: Option<String>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    offer_external_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    file: &'a str,
    property: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonOutput<'a> {
    version: u32,
    diagnostics: Diagnostics<'a>,
    summary: Summary,
}

/// Every finding of every report, serialized one at a time (never collected).
struct Diagnostics<'a>(&'a [Checked]);

impl Serialize for Diagnostics<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().flat_map(|(report, _)| {
            report.findings.iter().map(move |f| JsonDiagnostic {
                file: &report.name,
                line: f.start.line,
                column: f.start.column,
                end_line: f.end.line,
                end_column: f.end.column,
                rule: &f.rule,
                severity: f.severity,
                pointer: f.pointer(),
                property: f.property(),
                message: &f.message,
                offer_external_id: f.offer_id.as_deref(),
                help: f.help.as_deref(),
                related: f
                    .related
                    .iter()
                    .map(|r| JsonRelated {
                        file: &r.file,
                        property: &r.property,
                        line: r.start.line,
                        column: r.start.column,
                        message: &r.label,
                    })
                    .collect(),
            })
        }))
    }
}

/// Prints one JSON object with every diagnostic and a summary.
pub fn json(out: &mut impl Write, reports: &[Checked], unreadable: usize) -> io::Result<()> {
    let output = JsonOutput {
        version: 1,
        diagnostics: Diagnostics(reports),
        summary: Summary::of(reports, unreadable),
    };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    writeln!(out)
}

/// Prints one JSON array of v1 Integration Error Events for every file.
pub fn events(
    out: &mut impl Write,
    reports: &[Checked],
    args: &CheckArgs,
    v2: bool,
) -> io::Result<()> {
    let timestamp_ms = args
        .now
        .unwrap_or_else(jiff::Timestamp::now)
        .as_millisecond();
    let context = EventContext {
        request_id: args.request_id.clone(),
        player_id: args.player_id.clone(),
        timestamp_ms,
        min_severity: Severity::Error,
    };
    if v2 {
        let events: Vec<_> = reports
            .iter()
            .flat_map(|(report, _)| build_v2_events(report, &context))
            .collect();
        serde_json::to_writer_pretty(&mut *out, &events)?;
        return writeln!(out);
    }
    let events: Vec<_> = reports
        .iter()
        .flat_map(|(report, _)| build_events(report, &context))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &events)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders one labelled span against a source, the way findings are rendered.
    fn frame(source: impl SourceCode + 'static, start: usize, length: usize) -> String {
        let diagnostic = MietteDiagnostic::new("message")
            .with_label(LabeledSpan::at(start..start + length, "label"));
        let report = miette::Report::new(diagnostic).with_source_code(source);
        let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor());
        let mut out = String::new();
        handler
            .render_report(&mut out, report.as_ref())
            .expect("renders");
        out
    }

    #[test]
    fn terminal_controls_are_escaped_in_messages_and_inert_in_sources() {
        assert_eq!(printable("plain text"), "plain text");
        assert_eq!(printable("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(printable("x\u{202e}y"), "x\\u{202e}y");
        let source = "a\t\u{1b}]0;t\u{7}\u{9b}\u{202e}z\r\n";
        let inert = inert_source(source);
        assert_eq!(inert, "a\t?]0;t?¿\u{fffd}z\r\n");
        assert_eq!(inert.len(), source.len());
        assert_eq!(inert.chars().count(), source.chars().count());
        assert!(matches!(
            inert_source("clean"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn the_frame_header_counts_columns_in_characters() {
        let text = "{\"a\": \"é€\", \"b\": 1}\n";
        let indexed = IndexedSource {
            name: "file".to_owned(),
            text: Arc::from(text),
            lines: Arc::new(LineIndex::new(text)),
            lone_cr: false,
        };
        let at = text.find("\"b\"").expect("key b");
        // `"b"` is the 13th character of the line but starts at its 16th byte.
        let shown = frame(indexed, at, 3);
        assert!(shown.contains("╭─[file:1:13]"), "{shown}");
    }

    #[test]
    fn the_indexed_source_renders_what_the_whole_file_renders() {
        let texts = [
            "{\n  \"a\": 1,\n  \"b\": [\n    2\n  ]\n}\n",
            "a: 1\r\nb: 2\r\nc:\r\n  - x\r\n  - y\r\n",
            "one\rtwo\rthree\r",
            "héllo: wörld\nnext: ünïcode\nlast: line",
            "single line without a break",
            "\n\n\nafter blank lines\n\n",
        ];
        for text in texts {
            let shared: Arc<str> = Arc::from(text);
            let lines = Arc::new(LineIndex::new(text));
            let boundaries: Vec<usize> = (0..=text.len())
                .filter(|at| text.is_char_boundary(*at))
                .collect();
            for &start in &boundaries {
                for &end in boundaries.iter().filter(|end| **end >= start) {
                    let length = (end - start).max(1);
                    if start + length > text.len() && start < text.len() {
                        continue;
                    }
                    let indexed = IndexedSource {
                        name: "file".to_owned(),
                        text: Arc::clone(&shared),
                        lines: Arc::clone(&lines),
                        lone_cr: has_lone_cr(text.as_bytes()),
                    };
                    let whole = NamedSource::new("file", text.to_owned());
                    // The header's column is counted in characters here, in bytes by
                    // miette; everything else must match.
                    let body = |frame: String| -> String {
                        frame
                            .lines()
                            .filter(|line| !line.contains("╭─["))
                            .collect::<Vec<_>>()
                            .join("\n")
                    };
                    assert_eq!(
                        body(frame(indexed, start, length)),
                        body(frame(whole, start, length)),
                        "{text:?} at {start}..{}",
                        start + length
                    );
                }
            }
        }
    }
}
