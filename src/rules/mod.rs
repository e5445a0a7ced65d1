//! Business rules that a JSON Schema cannot express, one file per rule, named after its id.
//!
//! Each rule is a plain function over one document's tree. Rules must never assume the
//! document passed its schema: they look only at values of the shape they expect and skip
//! anything else (the schema stage reports shapes).

mod pis_empty_offers;

use crate::document::{Node, Path};
use crate::kind::Kind;
use crate::schema::Anchor;

/// What a rule sees: the document, its kind and the lint clock.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The document's kind.
    pub kind: Kind,
    /// The document's root.
    pub root: &'a Node,
    /// The time "now" for schedule rules; `None` disables rules that need a clock.
    pub now: Option<jiff::Timestamp>,
}

/// One rule violation, before spans and severities are attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Rule id (must be in the rule table with `check: code`).
    pub rule: &'static str,
    /// Path of the offending value, from the document root.
    pub path: Path,
    /// Which part of the document to point at.
    pub anchor: Anchor,
    /// Message in the store's vocabulary (starts with the leaf property name).
    pub message: String,
    /// What to do, in the imperative.
    pub help: Option<String>,
    /// A second place in the same document, with a label.
    pub related: Option<(Path, String)>,
}

impl Hit {
    /// Returns a hit on the value at `path`.
    #[must_use]
    pub fn at(rule: &'static str, path: Path, message: String) -> Self {
        Self {
            rule,
            path,
            anchor: Anchor::Value,
            message,
            help: None,
            related: None,
        }
    }

    /// Adds a help text.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a related place in the same document.
    #[must_use]
    pub fn related(mut self, path: Path, label: impl Into<String>) -> Self {
        self.related = Some((path, label.into()));
        self
    }
}

/// A code rule: its id and its check function.
pub type Check = fn(&Context<'_>, &mut Vec<Hit>);

/// Every per-document code rule, as a plain static list.
pub const CODE_RULES: &[(&str, Check)] = &[("pis-empty-offers", pis_empty_offers::check)];

/// Runs every per-document code rule.
pub fn run(context: &Context<'_>, hits: &mut Vec<Hit>) {
    for (_, check) in CODE_RULES {
        check(context, hits);
    }
}

/// Helpers for rule unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::{Context, Hit, run};
    use crate::document::{Format, parse};

    /// Runs every code rule on `text` (JSON, or YAML when it does not start with `{`) as
    /// `kind`, with the clock at 2026-12-01T00:00:00Z, and returns `(rule, property)` pairs.
    pub fn hits(text: &str, kind: &str) -> Vec<(String, String)> {
        full_hits(text, kind)
            .into_iter()
            .map(|hit| (hit.rule.to_owned(), hit.path.dotted()))
            .collect()
    }

    /// Like [`hits`], returning the whole hits.
    pub fn full_hits(text: &str, kind: &str) -> Vec<Hit> {
        let format = if text.trim_start().starts_with('{') {
            Format::Json
        } else {
            Format::Yaml
        };
        let parsed = parse(text, format);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let root = &parsed.documents[0];
        let context = Context {
            kind: kind.parse().expect("known kind"),
            root,
            now: Some("2026-12-01T00:00:00Z".parse().expect("valid time")),
        };
        let mut hits = Vec::new();
        run(&context, &mut hits);
        hits
    }
}
