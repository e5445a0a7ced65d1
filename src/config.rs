//! offerlint's own configuration, `.offerlint.yaml`: kinds by path glob, catalog paths,
//! rules switched off or re-graded (scoped by path glob and JSON Pointer), the failing
//! severity, and the side taken on the spec's recorded contradictions.
//!
//! The file is parsed with the same span-keeping YAML parser as the documents, then validated
//! into a typed [`Config`]; every mistake carries the span of the offending value so it can
//! be shown with a code frame in the config file.

use std::path::{Path as FsPath, PathBuf};

use globset::{Glob, GlobMatcher};

use crate::diagnostic::{Finding, Severity};
use crate::document::{Format, Node, Span, Value, parse};
use crate::kind::Kind;
use crate::registry::Registry;
use crate::schema::SchemaProfile;
use crate::suggest;

/// The file name looked for in the current directory and its parents.
pub const FILE_NAME: &str = ".offerlint.yaml";

/// A validated configuration.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Directory the config's globs and paths are relative to.
    pub base: PathBuf,
    /// Kinds by path glob, first match wins.
    pub kinds: Vec<(Pattern, Kind)>,
    /// Paths always loaded as catalog.
    pub catalog: Vec<PathBuf>,
    /// Rule settings, later entries win.
    pub rules: Vec<RuleSetting>,
    /// The severity that fails a run, if set.
    pub fail_on: Option<Severity>,
    /// The side taken on recorded contradictions.
    pub profile: SchemaProfile,
    /// Paths never checked.
    pub exclude: Vec<Pattern>,
}

/// A compiled path glob with its source text.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The glob as written.
    pub text: String,
    matcher: GlobMatcher,
}

impl Pattern {
    /// Compiles a glob; `/` separates path segments and `**` crosses them.
    pub fn new(text: &str) -> Result<Self, String> {
        let glob = Glob::new(text).map_err(|e| e.kind().to_string())?;
        Ok(Self {
            text: text.to_owned(),
            matcher: glob.compile_matcher(),
        })
    }

    /// Returns whether a relative path matches.
    #[must_use]
    pub fn matches(&self, path: &FsPath) -> bool {
        self.matcher.is_match(path)
    }
}

/// What to do with a rule where a setting applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Drop its findings.
    Off,
    /// Report its findings at this severity.
    Severity(Severity),
}

/// One rule setting, optionally scoped to files and JSON Pointers.
#[derive(Debug, Clone)]
pub struct RuleSetting {
    /// Rule id (aliases resolved).
    pub rule: String,
    /// The action.
    pub action: Action,
    /// Files it applies to (all when empty).
    pub files: Vec<Pattern>,
    /// JSON Pointer prefixes it applies to (all when empty); `*` matches one segment.
    pub pointers: Vec<String>,
}

/// A mistake in the config file, with the span of the offending value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ConfigError {
    /// What is wrong.
    pub message: String,
    /// Where, in the config text.
    pub span: Span,
    /// What to do, if known.
    pub help: Option<String>,
}

impl Config {
    /// Finds `.offerlint.yaml` in `start` or its parents.
    #[must_use]
    pub fn discover(start: &FsPath) -> Option<PathBuf> {
        start
            .ancestors()
            .map(|dir| dir.join(FILE_NAME))
            .find(|candidate| candidate.is_file())
    }

    /// Parses and validates config text; `base` is the directory paths are relative to.
    pub fn parse(
        text: &str,
        base: &FsPath,
        registry: &Registry,
    ) -> Result<Config, Vec<ConfigError>> {
        let parsed = parse(text, Format::Yaml);
        if let Some(problem) = parsed
            .problems
            .iter()
            .find(|p| p.rule != "parse-yaml11-boolean")
        {
            return Err(vec![ConfigError {
                message: problem.message.clone(),
                span: problem.span,
                help: None,
            }]);
        }
        let mut config = Config {
            base: base.to_path_buf(),
            ..Config::default()
        };
        let Some(root) = parsed.documents.first() else {
            return Ok(config);
        };
        let mut errors = Vec::new();
        let Some(members) = root.as_object() else {
            if root.value != Value::Null {
                errors.push(error(root.span, "the config must be a mapping", None));
            }
            return if errors.is_empty() {
                Ok(config)
            } else {
                Err(errors)
            };
        };
        for member in members {
            let value = &member.value;
            match member.key.as_str() {
                "kinds" => read_kinds(value, &mut config, &mut errors),
                "catalog" => {
                    for (item, span) in string_list(value, &mut errors) {
                        let path = base.join(item);
                        if path.exists() {
                            config.catalog.push(path);
                        } else {
                            errors.push(error(
                                span,
                                &format!("catalog path `{item}` does not exist"),
                                Some("paths are relative to the config file's folder".to_owned()),
                            ));
                        }
                    }
                }
                "exclude" => config.exclude.extend(patterns(value, &mut errors)),
                "rules" => read_rules(value, &[], &[], registry, &mut config, &mut errors),
                "overrides" => read_overrides(value, registry, &mut config, &mut errors),
                "fail-on" => match value.as_str().and_then(Severity::parse) {
                    Some(severity) => config.fail_on = Some(severity),
                    None => errors.push(error(
                        value.span,
                        "fail-on must be one of the following values: error, warning (or warn), info",
                        None,
                    )),
                },
                "profile" => read_profile(value, &mut config, &mut errors),
                other => {
                    let known = [
                        "kinds",
                        "catalog",
                        "exclude",
                        "rules",
                        "overrides",
                        "fail-on",
                        "profile",
                    ];
                    let hint =
                        suggest::closest(other, known).map(|k| format!("did you mean `{k}`?"));
                    errors.push(error(
                        member.key_span,
                        &format!("unknown key `{other}`"),
                        hint,
                    ));
                }
            }
        }
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(errors)
        }
    }

    /// Returns the kind the config maps a file to, if any.
    #[must_use]
    pub fn kind_for(&self, file: &FsPath) -> Option<Kind> {
        let relative = self.relative(file);
        self.kinds
            .iter()
            .find(|(pattern, _)| pattern.matches(&relative))
            .map(|(_, kind)| *kind)
    }

    /// Returns whether a file is excluded.
    #[must_use]
    pub fn is_excluded(&self, file: &FsPath) -> bool {
        let relative = self.relative(file);
        self.exclude.iter().any(|p| p.matches(&relative))
    }

    /// Applies rule settings to one finding: `None` drops it, otherwise its new severity.
    #[must_use]
    pub fn judge(&self, file: &FsPath, finding: &Finding, registry: &Registry) -> Option<Severity> {
        let relative = self.relative(file);
        let rule = registry
            .get(&finding.rule)
            .map_or(finding.rule.as_str(), |r| r.id.as_str());
        let pointer = finding.pointer().unwrap_or_default();
        let mut outcome = Some(finding.severity);
        for setting in &self.rules {
            if setting.rule != rule {
                continue;
            }
            let file_ok =
                setting.files.is_empty() || setting.files.iter().any(|p| p.matches(&relative));
            let pointer_ok = setting.pointers.is_empty()
                || setting
                    .pointers
                    .iter()
                    .any(|p| pointer_has_prefix(&pointer, p));
            if file_ok && pointer_ok {
                outcome = match setting.action {
                    Action::Off => None,
                    Action::Severity(severity) => Some(severity),
                };
            }
        }
        outcome
    }

    fn relative(&self, file: &FsPath) -> PathBuf {
        let absolute = if file.is_absolute() {
            file.to_path_buf()
        } else {
            std::env::current_dir().map_or_else(|_| file.to_path_buf(), |cwd| cwd.join(file))
        };
        let base = self
            .base
            .canonicalize()
            .unwrap_or_else(|_| self.base.clone());
        let absolute = normalize(&absolute);
        absolute
            .strip_prefix(&base)
            .map_or_else(|_| file.to_path_buf(), FsPath::to_path_buf)
    }
}

/// Removes `.` and `..` components without touching the file system.
fn normalize(path: &FsPath) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Returns whether `pointer` lies at or under `prefix`; `*` in the prefix matches one segment.
#[must_use]
pub fn pointer_has_prefix(pointer: &str, prefix: &str) -> bool {
    let segments: Vec<&str> = pointer.split('/').skip(1).collect();
    let wanted: Vec<&str> = prefix
        .split('/')
        .skip(1)
        .filter(|s| !s.is_empty())
        .collect();
    wanted.len() <= segments.len()
        && wanted
            .iter()
            .zip(&segments)
            .all(|(want, have)| *want == "*" || want == have)
}

fn error(span: Span, message: &str, help: Option<String>) -> ConfigError {
    ConfigError {
        message: message.to_owned(),
        span,
        help,
    }
}

fn string_list<'a>(node: &'a Node, errors: &mut Vec<ConfigError>) -> Vec<(&'a str, Span)> {
    match &node.value {
        Value::String(text) => vec![(text.as_str(), node.span)],
        Value::Array(items) => items
            .iter()
            .filter_map(|item| {
                let text = item.as_str();
                if text.is_none() {
                    errors.push(error(item.span, "expected a string", None));
                }
                text.map(|text| (text, item.span))
            })
            .collect(),
        _ => {
            errors.push(error(
                node.span,
                "expected a string or a list of strings",
                None,
            ));
            Vec::new()
        }
    }
}

fn patterns(node: &Node, errors: &mut Vec<ConfigError>) -> Vec<Pattern> {
    string_list(node, errors)
        .into_iter()
        .filter_map(|(text, span)| match Pattern::new(text) {
            Ok(pattern) => Some(pattern),
            Err(problem) => {
                errors.push(error(
                    span,
                    &format!("invalid glob `{text}`: {problem}"),
                    None,
                ));
                None
            }
        })
        .collect()
}

fn read_kinds(node: &Node, config: &mut Config, errors: &mut Vec<ConfigError>) {
    let Some(members) = node.as_object() else {
        errors.push(error(node.span, "kinds must map path globs to kinds", None));
        return;
    };
    for member in members {
        let pattern = match Pattern::new(&member.key) {
            Ok(pattern) => pattern,
            Err(problem) => {
                errors.push(error(
                    member.key_span,
                    &format!("invalid glob: {problem}"),
                    None,
                ));
                continue;
            }
        };
        match member.value.as_str().map(str::parse::<Kind>) {
            Some(Ok(kind)) => config.kinds.push((pattern, kind)),
            Some(Err(problem)) => errors.push(error(member.value.span, &problem, None)),
            None => errors.push(error(member.value.span, "expected a kind name", None)),
        }
    }
}

fn read_rules(
    node: &Node,
    files: &[Pattern],
    pointers: &[String],
    registry: &Registry,
    config: &mut Config,
    errors: &mut Vec<ConfigError>,
) {
    let Some(members) = node.as_object() else {
        errors.push(error(
            node.span,
            "rules must map rule ids to off, error, warning or info",
            None,
        ));
        return;
    };
    for member in members {
        let Some(rule) = registry.get(&member.key) else {
            let hint = registry
                .closest(&member.key)
                .map(|id| format!("did you mean `{id}`?"));
            errors.push(error(
                member.key_span,
                &format!("unknown rule `{}`", member.key),
                hint,
            ));
            continue;
        };
        let action = match &member.value.value {
            Value::String(text) if text == "off" => Some(Action::Off),
            Value::Bool(false) => Some(Action::Off),
            Value::String(text) => Severity::parse(text).map(Action::Severity),
            _ => None,
        };
        let Some(action) = action else {
            errors.push(error(
                member.value.span,
                "must be one of the following values: off, error, warning, info",
                None,
            ));
            continue;
        };
        config.rules.push(RuleSetting {
            rule: rule.id.clone(),
            action,
            files: files.to_vec(),
            pointers: pointers.to_vec(),
        });
    }
}

fn read_overrides(
    node: &Node,
    registry: &Registry,
    config: &mut Config,
    errors: &mut Vec<ConfigError>,
) {
    let Some(items) = node.as_array() else {
        errors.push(error(node.span, "overrides must be a list", None));
        return;
    };
    for item in items {
        let Some(members) = item.as_object() else {
            errors.push(error(item.span, "each override must be a mapping", None));
            continue;
        };
        let files = item
            .get("files")
            .map(|f| patterns(f, errors))
            .unwrap_or_default();
        let pointers: Vec<String> = item
            .get("pointers")
            .map(|p| string_list(p, errors))
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(text, span)| {
                if text.is_empty() || text.starts_with('/') {
                    Some(text.to_owned())
                } else {
                    errors.push(error(span, "a JSON Pointer starts with `/`", None));
                    None
                }
            })
            .collect();
        for member in members {
            if !matches!(member.key.as_str(), "files" | "pointers" | "rules") {
                errors.push(error(
                    member.key_span,
                    &format!("unknown key `{}` in an override", member.key),
                    Some("an override has files, pointers and rules".to_owned()),
                ));
            }
        }
        match item.get("rules") {
            Some(rules) => read_rules(rules, &files, &pointers, registry, config, errors),
            None => errors.push(error(item.span, "an override needs `rules`", None)),
        }
    }
}

fn read_profile(node: &Node, config: &mut Config, errors: &mut Vec<ConfigError>) {
    let Some(members) = node.as_object() else {
        errors.push(error(node.span, "profile must be a mapping", None));
        return;
    };
    for member in members {
        match member.key.as_str() {
            "quantity-max-digits" => match member.value.as_i64() {
                Some(19) => config.profile.quantity_max_digits = 19,
                Some(24) => config.profile.quantity_max_digits = 24,
                _ => errors.push(error(
                    member.value.span,
                    "quantity-max-digits must be 24 (current docs) or 19 (older docs, C-02)",
                    None,
                )),
            },
            "quantity-minimum" => match member.value.as_str() {
                Some("zero") => config.profile.quantity_strictly_positive = false,
                Some("positive") => config.profile.quantity_strictly_positive = true,
                _ => errors.push(error(
                    member.value.span,
                    "quantity-minimum must be `zero` (current docs) or `positive` (older docs, C-01)",
                    None,
                )),
            },
            other => errors.push(error(
                member.key_span,
                &format!("unknown profile setting `{other}`"),
                Some("known settings: quantity-max-digits, quantity-minimum".to_owned()),
            )),
        }
    }
}

/// An inline `# offerlint-disable-next-line <rule-id>[, <rule-id>...]: <reason>` comment
/// (one entry per rule it names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// 1-based line of the comment.
    pub line: usize,
    /// Column where the comment starts.
    pub column: usize,
    /// Byte offset of the comment.
    pub offset: usize,
    /// The rule id named.
    pub rule: String,
    /// The line it applies to: the next line that is neither blank nor a comment.
    pub target_line: usize,
    /// Whether it silenced a finding.
    pub used: bool,
}

/// The comment that silences one finding on the next line.
pub const DIRECTIVE: &str = "offerlint-disable-next-line";

/// Finds the suppression comments of a YAML text.
#[must_use]
pub fn suppressions(text: &str) -> Vec<Suppression> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut found = Vec::new();
    let mut offset = 0;
    for (index, line) in lines.iter().enumerate() {
        if let Some(at) = line.find('#') {
            let comment = line[at + 1..].trim_start();
            if let Some(rest) = comment.strip_prefix(DIRECTIVE) {
                let rules = named_rules(rest);
                let mut target = index + 1;
                while lines
                    .get(target)
                    .is_some_and(|l| l.trim().is_empty() || l.trim().starts_with('#'))
                {
                    target += 1;
                }
                for rule in rules {
                    found.push(Suppression {
                        line: index + 1,
                        column: line[..at].chars().count() + 1,
                        offset: offset + at,
                        rule: rule.to_owned(),
                        target_line: target + 1,
                        used: false,
                    });
                }
            }
        }
        offset += line.len();
    }
    found
}

/// Reads the rule ids after the directive: one id, or several separated by commas, ended by
/// `:` and the reason (`a, b: reason`). Without a colon the first word of each item counts.
fn named_rules(rest: &str) -> Vec<&str> {
    let ids = rest.split_once(':').map_or(rest, |(ids, _)| ids);
    ids.split(',')
        .filter_map(|item| item.split_whitespace().next())
        .collect()
}

/// Returns whether a suppression applies to a finding: it names the finding's rule (or an
/// alias of it) and the finding starts on the suppression's target line.
#[must_use]
pub fn suppresses(suppression: &Suppression, finding: &Finding, registry: &Registry) -> bool {
    if finding.start.line != suppression.target_line {
        return false;
    }
    suppression.rule == finding.rule
        || registry
            .get(&suppression.rule)
            .zip(registry.get(&finding.rule))
            .is_some_and(|(a, b)| a.id == b.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Config, Vec<ConfigError>> {
        Config::parse(text, FsPath::new("/repo"), Registry::builtin())
    }

    #[test]
    fn reports_a_catalog_path_that_does_not_exist() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("catalog")).unwrap();
        let text = "catalog: [catalog/, nosuchdir/]\n";
        let errors = Config::parse(text, dir.path(), Registry::builtin()).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(
            &text[errors[0].span.start..errors[0].span.end],
            "nosuchdir/"
        );
    }

    #[test]
    fn reads_a_full_config() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("catalog")).unwrap();
        std::fs::create_dir(dir.path().join("offers")).unwrap();
        let config = Config::parse(
            "kinds:\n  'pis/**': pis-response\ncatalog: [catalog/, offers/]\nfail-on: warning\n\
             rules:\n  pis-badge-position-deprecated: off\n\
             overrides:\n  - files: ['legacy/**']\n    pointers: ['/offers/*/dynamicOfferUi']\n    \
             rules: {pis-dynamic-offer-ui-deprecated: info}\n\
             profile: {quantity-max-digits: 19, quantity-minimum: positive}\n",
            dir.path(),
            Registry::builtin(),
        )
        .unwrap();
        assert_eq!(
            config.kind_for(&dir.path().join("pis/a.json")),
            Some(Kind::PisResponse)
        );
        assert_eq!(config.catalog.len(), 2);
        assert_eq!(config.fail_on, Some(Severity::Warning));
        assert_eq!(config.rules.len(), 2);
        assert_eq!(config.profile.quantity_max_digits, 19);
        assert!(config.profile.quantity_strictly_positive);
    }

    #[test]
    fn reports_mistakes_with_their_span_and_a_hint() {
        let text = "rules:\n  pis-status-enm: off\nfail_on: error\n";
        let errors = load(text).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(
            &text[errors[0].span.start..errors[0].span.end],
            "pis-status-enm"
        );
        assert_eq!(
            errors[0].help.as_deref(),
            Some("did you mean `pis-status-enum`?")
        );
        assert_eq!(errors[1].help.as_deref(), Some("did you mean `fail-on`?"));
    }

    #[test]
    fn matches_pointer_prefixes_with_wildcards() {
        assert!(pointer_has_prefix("/offers/3/badges/0", "/offers/*/badges"));
        assert!(!pointer_has_prefix("/offers/3", "/offers/*/badges"));
        assert!(pointer_has_prefix("/anything", ""));
    }

    #[test]
    fn finds_suppression_comments() {
        let text =
            "a: 1\n  # offerlint-disable-next-line pis-status-enum: legacy client\nstatus: x\n";
        let found = suppressions(text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].line, found[0].rule.as_str()),
            (2, "pis-status-enum")
        );
        assert_eq!(found[0].target_line, 3);
    }

    #[test]
    fn reads_several_rules_in_one_comment() {
        let text = "# offerlint-disable-next-line a-rule, b-rule ,c-rule: shared reason\nx: 1\n";
        let rules: Vec<String> = suppressions(text).into_iter().map(|s| s.rule).collect();
        assert_eq!(rules, ["a-rule", "b-rule", "c-rule"]);
        let without_reason = "# offerlint-disable-next-line a-rule,b-rule\nx: 1\n";
        let rules: Vec<String> = suppressions(without_reason)
            .into_iter()
            .map(|s| s.rule)
            .collect();
        assert_eq!(rules, ["a-rule", "b-rule"]);
        let no_colon = "# offerlint-disable-next-line a-rule legacy client\nx: 1\n";
        let rules: Vec<String> = suppressions(no_colon).into_iter().map(|s| s.rule).collect();
        assert_eq!(rules, ["a-rule"]);
    }
}
