//! The rule table: every rule's id, default severity, summary, sources, message and docs,
//! loaded from the YAML files in `rules/` that are compiled into the binary.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Severity;
use crate::document::{Format, parse, to_json};

/// The table files, by area, as compiled in.
const TABLES: [(&str, &str); 7] = [
    ("config", include_str!("../rules/config.yaml")),
    ("parse", include_str!("../rules/parse.yaml")),
    ("pis", include_str!("../rules/pis.yaml")),
    ("offers-v1", include_str!("../rules/offers-v1.yaml")),
    ("offers-v2", include_str!("../rules/offers-v2.yaml")),
    ("components", include_str!("../rules/components.yaml")),
    ("catalog", include_str!("../rules/catalog.yaml")),
];

/// How a rule is enforced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Check {
    /// By a tagged constraint in a bundled JSON Schema.
    Schema,
    /// By a Rust function.
    Code,
    /// By the parser (syntax, encoding, limits, kinds).
    Parser,
    /// Not checkable offline; its docs say why.
    Offline,
}

/// One row of the rule table.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Permanent kebab-case id.
    pub id: String,
    /// Default severity.
    pub severity: Severity,
    /// One-line summary.
    pub summary: String,
    /// Spec source keys.
    #[serde(default)]
    pub sources: Vec<String>,
    /// How the rule is enforced.
    pub check: Check,
    /// Message template; `{property}` stands for the leaf property name.
    #[serde(default)]
    pub message: String,
    /// Longer documentation.
    #[serde(default)]
    pub docs: String,
    /// Other ids the spec uses for the same rule.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// One invalid and one valid example document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub examples: Option<Examples>,
    /// Area (file) the rule comes from.
    #[serde(skip_deserializing)]
    pub area: String,
}

/// The examples of a rule's docs: two documents of one kind, written in YAML unless
/// `format` says `json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Kind of both documents (`pis-response`, `offer`, `product`, `badge`).
    pub kind: String,
    /// `yaml` (default) or `json`.
    #[serde(default = "default_example_format")]
    pub format: String,
    /// A document that breaks the rule.
    pub invalid: String,
    /// The same document, fixed.
    pub valid: String,
}

fn default_example_format() -> String {
    "yaml".to_owned()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    area: String,
    rules: Vec<Rule>,
}

impl<'de> Deserialize<'de> for Severity {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Severity::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown severity `{text}`")))
    }
}

/// All rules, looked up by id or alias.
#[derive(Debug)]
pub struct Registry {
    rules: Vec<Rule>,
    by_id: HashMap<String, usize>,
}

impl Registry {
    /// Returns the compiled-in rule table.
    ///
    /// # Panics
    ///
    /// Panics if a compiled-in table is malformed; the registry tests make that impossible
    /// in a released build.
    #[must_use]
    pub fn builtin() -> &'static Registry {
        static REGISTRY: OnceLock<Registry> = OnceLock::new();
        REGISTRY.get_or_init(|| match Registry::load(&TABLES) {
            Ok(registry) => registry,
            Err(problem) => panic!("the built-in rule table is broken: {problem}"),
        })
    }

    /// Loads tables given as `(name, yaml text)` pairs.
    pub fn load(tables: &[(&str, &str)]) -> Result<Registry, String> {
        let mut rules = Vec::new();
        let mut by_id = HashMap::new();
        for (name, text) in tables {
            let parsed = parse(text, Format::Yaml);
            if let Some(problem) = parsed.problems.first() {
                return Err(format!("rules/{name}.yaml: {}", problem.message));
            }
            let Some(root) = parsed.documents.first() else {
                return Err(format!("rules/{name}.yaml is empty"));
            };
            let table: Table = serde_json::from_value(to_json(root, &mut Vec::new()))
                .map_err(|e| format!("rules/{name}.yaml: {e}"))?;
            for mut rule in table.rules {
                rule.area.clone_from(&table.area);
                for id in std::iter::once(&rule.id).chain(&rule.aliases) {
                    if by_id.insert(id.clone(), rules.len()).is_some() {
                        return Err(format!("rule id `{id}` is defined twice"));
                    }
                }
                rules.push(rule);
            }
        }
        Ok(Registry { rules, by_id })
    }

    /// Returns the rule with this id or alias.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.by_id.get(id).map(|&index| &self.rules[index])
    }

    /// Returns every rule, in table order.
    #[must_use]
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Returns the default severity of a rule; unknown ids count as errors.
    #[must_use]
    pub fn severity(&self, id: &str) -> Severity {
        self.get(id).map_or(Severity::Error, |rule| rule.severity)
    }

    /// Returns the known id closest to `id`, for "did you mean" hints.
    #[must_use]
    pub fn closest(&self, id: &str) -> Option<&str> {
        crate::suggest::closest(id, self.by_id.keys().map(String::as_str))
    }
}

/// Renders the rule reference as Markdown (the text of `docs/rules.md`).
#[must_use]
pub fn markdown(registry: &Registry) -> String {
    use std::fmt::Write as _;
    let mut out = String::from(
        "# offerlint rules\n\nGenerated by `offerlint rules --markdown`; do not edit by hand.\n\n\
         | id | severity | check | summary |\n|---|---|---|---|\n",
    );
    for rule in registry.rules() {
        let _ = writeln!(
            out,
            "| [`{id}`](#{id}) | {} | {} | {} |",
            rule.severity,
            check_name(rule.check),
            rule.summary.replace('|', "\\|"),
            id = rule.id,
        );
    }
    for rule in registry.rules() {
        let _ = write!(out, "\n## {}\n\n{}\n\n", rule.id, rule.summary);
        let _ = writeln!(
            out,
            "- severity: {}\n- checked by: {}\n- sources: {}",
            rule.severity,
            check_name(rule.check),
            rule.sources.join(", ")
        );
        if !rule.aliases.is_empty() {
            let _ = writeln!(out, "- also known as: {}", rule.aliases.join(", "));
        }
        if !rule.message.is_empty() {
            let _ = writeln!(out, "- message: `{}`", rule.message);
        }
        let _ = write!(out, "\n{}\n", rule.docs.trim_end());
        if let Some(examples) = &rule.examples {
            let language = if examples.format == "json" {
                "json"
            } else {
                "yaml"
            };
            let _ = write!(
                out,
                "\nInvalid ({kind}):\n\n```{language}\n{}\n```\n\nValid:\n\n```{language}\n{}\n```\n",
                examples.invalid.trim_end(),
                examples.valid.trim_end(),
                kind = examples.kind,
            );
        }
    }
    out
}

/// Returns a word for how a rule is checked.
#[must_use]
pub fn check_name(check: Check) -> &'static str {
    match check {
        Check::Schema => "schema",
        Check::Code => "code",
        Check::Parser => "parser",
        Check::Offline => "not checkable offline",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_the_builtin_table_with_unique_well_formed_ids() {
        let registry = Registry::builtin();
        assert!(registry.rules().len() > 100);
        for rule in registry.rules() {
            assert!(
                rule.id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{} is not kebab-case",
                rule.id
            );
            assert!(!rule.summary.is_empty(), "{} has no summary", rule.id);
            assert!(!rule.docs.trim().is_empty(), "{} has no docs", rule.id);
        }
    }

    #[test]
    fn finds_rules_by_alias() {
        let registry = Registry::builtin();
        let rule = registry.get("offer-v2-progress-bar-singleton").unwrap();
        assert_eq!(rule.id, "catalog-progress-bar-singleton");
    }

    #[test]
    fn rejects_duplicate_ids() {
        let table = "area: x\nrules:\n  - {id: a, severity: error, summary: s, check: code}\n  \
                     - {id: a, severity: error, summary: s, check: code}\n";
        assert!(
            Registry::load(&[("x", table)])
                .unwrap_err()
                .contains("twice")
        );
    }
}
