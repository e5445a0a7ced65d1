//! Findings: what offerlint reports, where, how severe, and in which stage it was found.

use std::fmt;

use serde::Serialize;

use crate::document::Path;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run by default.
    Info,
    /// Likely a mistake, or deprecated.
    Warning,
    /// The store rejects this.
    Error,
}

impl Severity {
    /// Parses `error`, `warning` (or `warn`) and `info`.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "error" => Some(Self::Error),
            "warning" | "warn" => Some(Self::Warning),
            "info" => Some(Self::Info),
            _ => None,
        }
    }

    /// Returns the lowercase name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which stage produced a finding; it decides how findings group into events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Reading the file: syntax, encoding, duplicates, limits.
    Parse,
    /// Shape checks by the bundled JSON Schemas.
    Schema,
    /// Business rules written in code.
    Rule,
}

/// A 1-based line and column (columns count characters) with its byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// 0-based byte offset from the start of the file.
    pub offset: usize,
}

/// A second place a finding points at (the other definition of a duplicate id, say).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// File name as given to the linter.
    pub file: String,
    /// Dotted property of the other place.
    pub property: String,
    /// Where it starts.
    pub start: Position,
    /// What the other place is.
    pub label: String,
}

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Rule id, such as `pis-status-enum`.
    pub rule: String,
    /// Effective severity (after configuration).
    pub severity: Severity,
    /// Message in the store's vocabulary, starting with the leaf property name.
    pub message: String,
    /// What to do about it, when offerlint knows.
    pub help: Option<String>,
    /// Path from the root of the file's document (includes the element index in array files);
    /// `None` for problems that sit on no value, like a syntax error.
    pub path: Option<Path>,
    /// Index of the YAML document in its stream (0 for JSON).
    pub document: usize,
    /// Where the offending value starts.
    pub start: Position,
    /// Where it ends.
    pub end: Position,
    /// The `publisherOfferId` of the offer the finding lies in, if any.
    pub offer_id: Option<String>,
    /// The stage that found it.
    pub stage: Stage,
    /// Other places involved.
    pub related: Vec<Related>,
}

impl Finding {
    /// Returns the store's dotted property (`offers.0.status`), or `None`.
    #[must_use]
    pub fn property(&self) -> Option<String> {
        self.path.as_ref().map(Path::dotted)
    }

    /// Returns the JSON Pointer of the offending value, or `None`.
    #[must_use]
    pub fn pointer(&self) -> Option<String> {
        self.path.as_ref().map(Path::pointer)
    }

    /// Orders findings by place, then rule, so output is stable.
    #[must_use]
    pub fn sort_key(&self) -> (usize, usize, usize, &str, &str) {
        (
            self.document,
            self.start.line,
            self.start.column,
            &self.rule,
            &self.message,
        )
    }
}
