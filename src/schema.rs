//! The schema stage: runs the bundled JSON Schemas and turns their failures into findings
//! through the rule tags (`x-rule`, `x-rules`) written next to each constraint.

use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::json::SerdeJson;
use jsonschema::{Keyword, ValidationError, Validator};
use serde_json::Value as Json;

use crate::document::{self, Node, Path, Segment, integer_digits};
use crate::kind::Kind;
use crate::suggest;

mod tree;

use tree::Tree;

/// The bundled schema texts, by kind.
pub const BUNDLED: [(Kind, &str); 5] = [
    (
        Kind::PisResponse,
        include_str!("../schemas/pis-response.json"),
    ),
    (Kind::Offer, include_str!("../schemas/offer.json")),
    (Kind::OfferV1, include_str!("../schemas/offer-v1.json")),
    (Kind::Product, include_str!("../schemas/product.json")),
    (Kind::Badge, include_str!("../schemas/badge.json")),
];

/// Choices where the spec records a contradiction and the schemas can follow either side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchemaProfile {
    /// Most digits a quantity may have: 24 (current docs, default) or 19 (older docs), C-02.
    pub quantity_max_digits: u32,
    /// Quantities must be greater than 0 (older docs) instead of at least 0 (default), C-01.
    pub quantity_strictly_positive: bool,
}

impl Default for SchemaProfile {
    fn default() -> Self {
        Self {
            quantity_max_digits: 24,
            quantity_strictly_positive: false,
        }
    }
}

/// What went wrong in one place, before spans are attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaFailure {
    /// Rule id from the schema tag.
    pub rule: String,
    /// Path of the offending value (for a missing property: the missing member's path).
    pub path: Path,
    /// Where to point: the value, its key, or its parent object.
    pub anchor: Anchor,
    /// The message in the store's vocabulary.
    pub message: String,
    /// A hint, such as "did you mean `productsSequence`?".
    pub help: Option<String>,
}

/// Which part of the document a schema failure points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The value at the path.
    Value,
    /// The key of the member at the path (unknown properties).
    Key,
    /// The object that should hold the member at the path (missing properties).
    Parent,
}

/// The compiled schemas for every kind.
pub struct Schemas {
    profile: SchemaProfile,
    /// One slot per bundled schema, compiled on first use: a run over PIS responses never
    /// pays for compiling the offer schemas, which keeps start-up short.
    compiled: Vec<(Kind, OnceLock<Option<Compiled>>)>,
}

struct Compiled {
    /// Validates the span-keeping tree in place.
    validator: Validator<Tree>,
    /// Validates a `serde_json::Value` (documents with repeated keys); compiled on first use.
    value_validator: OnceLock<Option<Validator>>,
    schema: Json,
}

impl std::fmt::Debug for Schemas {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kinds: Vec<Kind> = self.compiled.iter().map(|(kind, _)| *kind).collect();
        f.debug_struct("Schemas")
            .field("profile", &self.profile)
            .field("kinds", &kinds)
            .finish()
    }
}

impl Schemas {
    /// Prepares the bundled schemas with the given profile; each compiles on first use.
    pub fn new(profile: SchemaProfile) -> Result<Self, String> {
        let compiled = BUNDLED
            .iter()
            .map(|(kind, _)| (*kind, OnceLock::new()))
            .collect();
        Ok(Self { profile, compiled })
    }

    /// Compiles one bundled schema.
    fn compile(kind: Kind, text: &str, profile: SchemaProfile) -> Result<Compiled, String> {
        let mut schema: Json = serde_json::from_str(text)
            .map_err(|e| format!("schema for {kind} is not JSON: {e}"))?;
        apply_profile(&mut schema, profile);
        let validator = jsonschema::options_for::<Tree>()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .with_keyword("x-integer", |_, _, _| Ok(Box::new(WrittenAsInteger)))
            .with_keyword("x-maxDigits", |_, value: &Json, _| {
                Ok(Box::new(MaxDigits(digit_limit(value))))
            })
            .build(&schema)
            .map_err(|e| format!("schema for {kind} does not compile: {e}"))?;
        Ok(Compiled {
            validator,
            value_validator: OnceLock::new(),
            schema,
        })
    }

    /// Compiles the `serde_json::Value` validator of a schema.
    fn compile_for_values(kind: Kind, schema: &Json) -> Option<Validator> {
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .with_keyword("x-integer", |_, _, _| Ok(Box::new(WrittenAsInteger)))
            .with_keyword("x-maxDigits", |_, value: &Json, _| {
                Ok(Box::new(MaxDigits(digit_limit(value))))
            })
            .build(schema)
            .inspect_err(|problem| {
                tracing::error!(%kind, %problem, "bundled schema unusable; schema stage skipped");
            })
            .ok()
    }

    /// Returns the compiled schema of a kind, compiling it now if needed.
    fn get(&self, kind: Kind) -> Option<&Compiled> {
        let (_, slot) = self.compiled.iter().find(|(k, _)| *k == kind)?;
        slot.get_or_init(|| {
            let text = BUNDLED.iter().find(|(k, _)| *k == kind)?.1;
            match Self::compile(kind, text, self.profile) {
                Ok(compiled) => Some(compiled),
                Err(problem) => {
                    // The bundled schemas are compiled by the tests; this is a build defect.
                    tracing::error!(%problem, "bundled schema unusable; schema stage skipped");
                    None
                }
            }
        })
        .as_ref()
    }

    /// Returns the schema document of a kind (for tag lookups and tests).
    #[must_use]
    pub fn schema(&self, kind: Kind) -> Option<&Json> {
        self.get(kind).map(|c| &c.schema)
    }

    /// Returns whether a document is valid for its kind (fast path, no details).
    ///
    /// The tree is read in place; it must not repeat a key within an object (see
    /// [`Schemas::is_valid_value`] for documents that do).
    #[must_use]
    pub fn is_valid(&self, kind: Kind, instance: &Node) -> bool {
        self.get(kind)
            .is_none_or(|c| c.validator.is_valid(instance))
    }

    /// Validates a document and returns every failure, mapped to rule ids and messages.
    ///
    /// The tree must not repeat a key within an object (see [`Schemas::check_value`]).
    #[must_use]
    pub fn check(&self, kind: Kind, instance: &Node) -> Vec<SchemaFailure> {
        self.check_at_most(kind, instance, usize::MAX)
    }

    /// Like [`Schemas::check`], stopping once more than `max` failures are found.
    fn check_at_most(&self, kind: Kind, instance: &Node, max: usize) -> Vec<SchemaFailure> {
        let Some(compiled) = self.get(kind) else {
            return Vec::new();
        };
        collect(
            &compiled.schema,
            kind,
            compiled.validator.iter_errors(instance),
            max,
        )
    }

    /// Returns whether a `serde_json::Value` is valid for a kind.
    #[must_use]
    pub fn is_valid_value(&self, kind: Kind, instance: &Json) -> bool {
        self.value_validator(kind)
            .is_none_or(|validator| validator.is_valid(instance))
    }

    /// Validates a `serde_json::Value` and returns every failure.
    #[must_use]
    pub fn check_value(&self, kind: Kind, instance: &Json) -> Vec<SchemaFailure> {
        self.check_value_at_most(kind, instance, usize::MAX)
    }

    /// Like [`Schemas::check_value`], stopping once more than `max` failures are found.
    fn check_value_at_most(&self, kind: Kind, instance: &Json, max: usize) -> Vec<SchemaFailure> {
        let (Some(compiled), Some(validator)) = (self.get(kind), self.value_validator(kind)) else {
            return Vec::new();
        };
        collect(&compiled.schema, kind, validator.iter_errors(instance), max)
    }

    /// Validates a parsed document whichever way its shape allows and returns every failure.
    ///
    /// A document without repeated keys is validated in place; one with repeated keys is
    /// copied into a `serde_json::Value` first, so the last occurrence of a key wins.
    #[must_use]
    pub fn check_document(
        &self,
        kind: Kind,
        instance: &Node,
        has_duplicates: bool,
    ) -> Vec<SchemaFailure> {
        self.check_document_at_most(kind, instance, has_duplicates, usize::MAX)
    }

    /// Like [`Schemas::check_document`], but stops looking once more than `max` failures
    /// are found, so a document with millions of mistakes costs bounded memory. More than
    /// `max` failures in the result means the document has more than were collected.
    #[must_use]
    pub fn check_document_at_most(
        &self,
        kind: Kind,
        instance: &Node,
        has_duplicates: bool,
        max: usize,
    ) -> Vec<SchemaFailure> {
        if has_duplicates {
            let json = document::to_json(instance, &mut Vec::new());
            if self.is_valid_value(kind, &json) {
                Vec::new()
            } else {
                self.check_value_at_most(kind, &json, max)
            }
        } else if self.is_valid(kind, instance) {
            Vec::new()
        } else {
            self.check_at_most(kind, instance, max)
        }
    }

    fn value_validator(&self, kind: Kind) -> Option<&Validator> {
        let compiled = self.get(kind)?;
        compiled
            .value_validator
            .get_or_init(|| Self::compile_for_values(kind, &compiled.schema))
            .as_ref()
    }
}

/// Maps validation errors to failures, stopping once there are more than `max`, and
/// returns them in order.
fn collect<'i>(
    schema: &Json,
    kind: Kind,
    errors: impl Iterator<Item = ValidationError<'i>>,
    max: usize,
) -> Vec<SchemaFailure> {
    let mut failures = Vec::new();
    for error in errors {
        map_error(schema, kind, &error, &mut failures);
        if failures.len() > max {
            break;
        }
    }
    sorted(failures)
}

/// Orders failures by place, then rule and message, without repeats.
fn sorted(mut failures: Vec<SchemaFailure>) -> Vec<SchemaFailure> {
    failures.sort_by(|a, b| (&a.path, &a.rule, &a.message).cmp(&(&b.path, &b.rule, &b.message)));
    failures.dedup();
    failures
}

/// Reads the digit limit of an `x-maxDigits` keyword.
fn digit_limit(value: &Json) -> usize {
    value
        .as_u64()
        .and_then(|limit| usize::try_from(limit).ok())
        .unwrap_or(24)
}

/// Rewrites the contradiction-dependent limits of quantity fields.
fn apply_profile(schema: &mut Json, profile: SchemaProfile) {
    match schema {
        Json::Object(map) => {
            if map.get("x-maxDigits").is_some_and(Json::is_number) {
                map.insert(
                    "x-maxDigits".to_owned(),
                    Json::from(profile.quantity_max_digits),
                );
                if profile.quantity_strictly_positive && map.contains_key("minimum") {
                    let rules = map.get_mut("x-rules").and_then(Json::as_object_mut);
                    let minimum_rule = rules.as_ref().and_then(|r| r.get("minimum")).cloned();
                    if let (Some(rules), Some(rule)) = (rules, minimum_rule) {
                        rules.insert("exclusiveMinimum".to_owned(), rule);
                    }
                    map.remove("minimum");
                    map.insert("exclusiveMinimum".to_owned(), Json::from(0));
                }
            }
            for (key, value) in map.iter_mut() {
                if !key.starts_with("x-") {
                    apply_profile(value, profile);
                }
            }
        }
        Json::Array(items) => {
            for item in items {
                apply_profile(item, profile);
            }
        }
        _ => {}
    }
}

/// Turns a custom keyword's answer into its result.
fn verdict<'i>(valid: bool, message: &'static str) -> Result<(), ValidationError<'i>> {
    if valid {
        Ok(())
    } else {
        Err(ValidationError::custom(message))
    }
}

/// `x-integer`: a number must be written without a fraction or an exponent (`500.0` is not
/// an integer for the store).
struct WrittenAsInteger;

impl WrittenAsInteger {
    fn accepts(number: Option<&str>) -> bool {
        number.is_none_or(|text| !text.contains(['.', 'e', 'E']))
    }
}

impl<'i> Keyword<'i> for WrittenAsInteger {
    fn validate(&self, instance: &'i Json) -> Result<(), ValidationError<'i>> {
        verdict(
            Keyword::<SerdeJson>::is_valid(self, instance),
            "must be written as an integer",
        )
    }

    fn is_valid(&self, instance: &'i Json) -> bool {
        Self::accepts(instance.as_number().map(serde_json::Number::as_str))
    }
}

impl<'i> Keyword<'i, Tree> for WrittenAsInteger {
    fn validate(&self, instance: &'i Node) -> Result<(), ValidationError<'i>> {
        verdict(
            Keyword::<Tree>::is_valid(self, instance),
            "must be written as an integer",
        )
    }

    fn is_valid(&self, instance: &'i Node) -> bool {
        Self::accepts(instance.as_number().map(|n| &*n.json))
    }
}

/// `x-maxDigits`: a number (or a string of digits) may have at most this many digits, counted
/// exactly on the text.
struct MaxDigits(usize);

impl MaxDigits {
    fn accepts(&self, number: Option<&str>, string: Option<&str>) -> bool {
        if let Some(text) = number {
            return text.contains(['.', 'e', 'E']) || integer_digits(text) <= self.0;
        }
        match string {
            Some(text) if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
                integer_digits(text) <= self.0
            }
            _ => true,
        }
    }
}

impl<'i> Keyword<'i> for MaxDigits {
    fn validate(&self, instance: &'i Json) -> Result<(), ValidationError<'i>> {
        verdict(
            Keyword::<SerdeJson>::is_valid(self, instance),
            "has too many digits",
        )
    }

    fn is_valid(&self, instance: &'i Json) -> bool {
        self.accepts(
            instance.as_number().map(serde_json::Number::as_str),
            instance.as_str(),
        )
    }
}

impl<'i> Keyword<'i, Tree> for MaxDigits {
    fn validate(&self, instance: &'i Node) -> Result<(), ValidationError<'i>> {
        verdict(
            Keyword::<Tree>::is_valid(self, instance),
            "has too many digits",
        )
    }

    fn is_valid(&self, instance: &'i Node) -> bool {
        self.accepts(instance.as_number().map(|n| &*n.json), instance.as_str())
    }
}

fn map_error(schema: &Json, kind: Kind, error: &ValidationError<'_>, out: &mut Vec<SchemaFailure>) {
    let path = Path::from_pointer(error.instance_path().as_str());
    let schema_path = error.schema_path().as_str();
    let (holder_pointer, keyword) = split_keyword(schema_path);
    let holder = schema.pointer(holder_pointer).unwrap_or(&Json::Null);
    let tag = |property: Option<&str>| rule_tag(holder, keyword, property);
    let leaf = leaf_phrase(&path, kind);

    match error.kind() {
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            out.push(SchemaFailure {
                rule: tag(Some(name)),
                path: path.key(name),
                anchor: Anchor::Parent,
                message: format!("{name} should not be empty"),
                help: Some(format!("add `{name}`")),
            });
        }
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let known: Vec<&str> = holder
                .get("properties")
                .and_then(Json::as_object)
                .map(|p| p.keys().map(String::as_str).collect())
                .unwrap_or_default();
            for name in unexpected {
                let hint = suggest::closest(name, known.iter().copied());
                out.push(SchemaFailure {
                    rule: tag(Some(name)),
                    path: path.key(name),
                    anchor: Anchor::Key,
                    message: format!("property {name} should not exist"),
                    help: Some(match hint {
                        Some(hint) => format!("did you mean `{hint}`?"),
                        None => "remove it, or check the spelling against the docs".to_owned(),
                    }),
                });
            }
        }
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            let branches = holder.get(keyword).and_then(Json::as_array);
            let instance_type = json_type(error.instance());
            let meant = branches.and_then(|branches| {
                branches
                    .iter()
                    .position(|branch| branch_accepts_type(schema, branch, instance_type))
            });
            match meant.and_then(|index| context.get(index)) {
                Some(branch_errors) if !branch_errors.is_empty() => {
                    for branch_error in branch_errors {
                        map_error(schema, kind, branch_error, out);
                    }
                }
                _ => {
                    let types: Vec<String> = branches
                        .map(|b| b.iter().filter_map(|s| branch_type(schema, s)).collect())
                        .unwrap_or_default();
                    out.push(SchemaFailure {
                        rule: tag(None),
                        path,
                        anchor: Anchor::Value,
                        message: format!("{leaf} must be {}", type_list(&types)),
                        help: None,
                    });
                }
            }
        }
        other => {
            let message = constraint_message(other, keyword, holder, &leaf);
            out.push(SchemaFailure {
                rule: tag(None),
                path,
                anchor: Anchor::Value,
                message,
                help: None,
            });
        }
    }
}

/// Splits `/a/b/keyword` into the pointer of the holding subschema and the keyword.
fn split_keyword(schema_path: &str) -> (&str, &str) {
    match schema_path.rfind('/') {
        Some(at) => (&schema_path[..at], &schema_path[at + 1..]),
        None => ("", schema_path),
    }
}

/// Finds the rule id a schema tags on `keyword` in `holder`.
fn rule_tag(holder: &Json, keyword: &str, property: Option<&str>) -> String {
    let specific = holder.get("x-rules").and_then(|rules| rules.get(keyword));
    match specific {
        Some(Json::String(id)) => return id.clone(),
        Some(Json::Object(by_property)) => {
            if let Some(Json::String(id)) = property.and_then(|p| by_property.get(p)) {
                return id.clone();
            }
            if let Some(Json::String(id)) = by_property.get("*") {
                return id.clone();
            }
        }
        _ => {}
    }
    match holder.get("x-rule") {
        Some(Json::String(id)) => id.clone(),
        _ => format!("schema-untagged-{keyword}"),
    }
}

fn json_type(value: &Json) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "boolean",
        Json::Number(n) if !n.as_str().contains(['.', 'e', 'E']) => "integer",
        Json::Number(_) => "number",
        Json::String(_) => "string",
        Json::Array(_) => "array",
        Json::Object(_) => "object",
    }
}

/// Follows a local `$ref` chain to the subschema that says something.
fn resolve<'a>(schema: &'a Json, mut branch: &'a Json) -> &'a Json {
    for _ in 0..16 {
        match branch.get("$ref").and_then(Json::as_str) {
            Some(reference) => match reference.strip_prefix('#') {
                Some(pointer) => match schema.pointer(pointer) {
                    Some(target) => branch = target,
                    None => break,
                },
                None => break,
            },
            None => break,
        }
    }
    branch
}

fn branch_type(schema: &Json, branch: &Json) -> Option<String> {
    resolve(schema, branch)
        .get("type")
        .and_then(Json::as_str)
        .map(str::to_owned)
}

fn branch_accepts_type(schema: &Json, branch: &Json, instance_type: &str) -> bool {
    match resolve(schema, branch).get("type") {
        Some(Json::String(t)) => {
            t == instance_type || (t == "number" && instance_type == "integer")
        }
        Some(Json::Array(types)) => types.iter().any(|t| {
            t.as_str() == Some(instance_type) || (t == "number" && instance_type == "integer")
        }),
        _ => false,
    }
}

/// Returns how a message names the value at `path`: its key, "each value in <key>" for an
/// array element, or the document's root word.
fn leaf_phrase(path: &Path, kind: Kind) -> String {
    match path.0.last() {
        None => kind.root_word().to_owned(),
        Some(Segment::Key(key)) => key.to_string(),
        Some(Segment::Index(_)) => match path.leaf_name() {
            Some(key) if path.0.len() >= 2 => match &path.0[path.0.len() - 2] {
                Segment::Key(_) => format!("each value in {key}"),
                Segment::Index(_) => key.to_owned(),
            },
            _ => format!("each value in {}", kind.root_word()),
        },
    }
}

fn type_word(name: &str) -> &'static str {
    match name {
        "integer" => "an integer number",
        "number" => "a number",
        "string" => "a string",
        "array" => "an array",
        "object" => "an object",
        "boolean" => "a boolean value",
        "null" => "null",
        _ => "of another type",
    }
}

fn type_list(types: &[String]) -> String {
    let words: Vec<&str> = types.iter().map(|t| type_word(t)).collect();
    match words.as_slice() {
        [] => "of another shape".to_owned(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn render(value: &Json) -> String {
    match value {
        Json::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn constraint_message(
    kind: &ValidationErrorKind,
    keyword: &str,
    holder: &Json,
    leaf: &str,
) -> String {
    match kind {
        ValidationErrorKind::Type { kind } => {
            let types: Vec<String> = match kind {
                TypeKind::Single(t) => vec![t.to_string()],
                TypeKind::Multiple(set) => set.iter().map(|t| t.to_string()).collect(),
            };
            format!("{leaf} must be {}", type_list(&types))
        }
        ValidationErrorKind::Enum { options } => {
            let values: Vec<String> = options
                .as_array()
                .map(|o| o.iter().map(render).collect())
                .unwrap_or_default();
            format!(
                "{leaf} must be one of the following values: {}",
                values.join(", ")
            )
        }
        ValidationErrorKind::Constant { expected_value } => {
            format!("{leaf} must be equal to {}", render(expected_value))
        }
        ValidationErrorKind::Minimum { limit } => format!("{leaf} must not be less than {limit}"),
        ValidationErrorKind::Maximum { limit } => {
            format!("{leaf} must not be greater than {limit}")
        }
        ValidationErrorKind::ExclusiveMinimum { limit } => {
            format!("{leaf} must be greater than {limit}")
        }
        ValidationErrorKind::ExclusiveMaximum { limit } => {
            format!("{leaf} must be less than {limit}")
        }
        ValidationErrorKind::MinLength { limit } => {
            format!("{leaf} must be longer than or equal to {limit} characters")
        }
        ValidationErrorKind::MaxLength { limit } => {
            format!("{leaf} must be shorter than or equal to {limit} characters")
        }
        ValidationErrorKind::MinItems { limit } => {
            format!("{leaf} must contain at least {limit} elements")
        }
        ValidationErrorKind::MaxItems { limit } => {
            format!("{leaf} must contain no more than {limit} elements")
        }
        ValidationErrorKind::Pattern { pattern } => {
            format!("{leaf} must match {pattern} regular expression")
        }
        ValidationErrorKind::Format { format } => match format.as_str() {
            "date-time" => format!("{leaf} must be a valid ISO 8601 date string"),
            "uri" | "url" => format!("{leaf} must be a URL address"),
            other => format!("{leaf} must be a valid {other}"),
        },
        ValidationErrorKind::UniqueItems => format!("all {leaf}'s elements must be unique"),
        ValidationErrorKind::Custom { .. } if keyword == "x-integer" => {
            format!("{leaf} must be an integer number")
        }
        ValidationErrorKind::Custom { .. } if keyword == "x-maxDigits" => {
            let limit = holder
                .get("x-maxDigits")
                .map_or_else(|| "24".to_owned(), render);
            format!("{leaf} must have up to {limit} digits")
        }
        ValidationErrorKind::MinProperties { limit } => {
            format!("{leaf} must have at least {limit} properties")
        }
        ValidationErrorKind::MaxProperties { limit } => {
            format!("{leaf} must have no more than {limit} properties")
        }
        ValidationErrorKind::FalseSchema => format!("{leaf} should not exist"),
        ValidationErrorKind::Not { .. } => format!("{leaf} is not allowed here"),
        other => format!("{leaf} is invalid ({})", other.keyword()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schemas() -> Schemas {
        Schemas::new(SchemaProfile::default()).expect("bundled schemas compile")
    }

    /// Checks a value both ways (in place on the tree and as a `serde_json::Value`), asserts
    /// that they agree, and returns the failures.
    fn both(schemas: &Schemas, kind: Kind, value: &Json) -> Vec<SchemaFailure> {
        let parsed = crate::document::parse(&value.to_string(), crate::document::Format::Json);
        let tree = &parsed.documents[0];
        let from_tree = schemas.check(kind, tree);
        let from_value = schemas.check_value(kind, value);
        assert_eq!(from_tree, from_value, "{value}");
        assert_eq!(
            schemas.is_valid(kind, tree),
            from_tree.is_empty(),
            "{value}"
        );
        assert_eq!(
            schemas.is_valid_value(kind, value),
            from_value.is_empty(),
            "{value}"
        );
        from_tree
    }

    /// Every JSON and YAML file of the fixtures and examples, for every kind, gives the same
    /// failures in place as through a `serde_json::Value` copy.
    #[test]
    fn validating_in_place_agrees_with_the_value_copy() {
        let schemas = schemas();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut pending = vec![root.join("tests/fixtures"), root.join("examples")];
        let mut compared = 0;
        while let Some(dir) = pending.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    pending.push(path);
                    continue;
                }
                let format = match path.extension().and_then(|e| e.to_str()) {
                    Some("json") => crate::document::Format::Json,
                    Some("yaml" | "yml") => crate::document::Format::Yaml,
                    _ => continue,
                };
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let parsed = crate::document::parse(&text, format);
                for tree in &parsed.documents {
                    let mut duplicates = Vec::new();
                    let value = crate::document::to_json(tree, &mut duplicates);
                    if !duplicates.is_empty() {
                        continue;
                    }
                    for kind in Kind::ALL {
                        assert_eq!(
                            schemas.check(kind, tree),
                            schemas.check_value(kind, &value),
                            "{} as {kind}",
                            path.display()
                        );
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 500, "only {compared} comparisons");
    }

    #[test]
    fn a_repeated_key_is_validated_with_the_last_occurrence() {
        let text = r#"{"version":2,"status":"Valid","status":"valid","sessionMetadata":{}}"#;
        let parsed = crate::document::parse(text, crate::document::Format::Json);
        let tree = &parsed.documents[0];
        assert!(!schemas().check(Kind::PisResponse, tree).is_empty());
        assert!(
            schemas()
                .check_document(Kind::PisResponse, tree, true)
                .is_empty()
        );
    }

    #[test]
    fn compiles_every_bundled_schema() {
        for (kind, text) in BUNDLED {
            if let Err(problem) = Schemas::compile(kind, text, SchemaProfile::default()) {
                panic!("{problem}");
            }
        }
        let schemas = schemas();
        for kind in Kind::ALL {
            assert!(schemas.schema(kind).is_some(), "{kind}");
        }
    }

    #[test]
    fn reports_a_wrong_enum_value_with_its_tag_and_message() {
        let failures = both(
            &schemas(),
            Kind::PisResponse,
            &json!({"version": 2, "status": "Valid", "sessionMetadata": {}}),
        );
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert_eq!(failures[0].rule, "pis-status-enum");
        assert_eq!(failures[0].path.dotted(), "status");
        assert_eq!(
            failures[0].message,
            "status must be one of the following values: valid, invalid"
        );
    }

    #[test]
    fn reports_a_missing_property_at_its_parent() {
        let failures = both(&schemas(), Kind::PisResponse, &json!({"status": "valid"}));
        assert_eq!(failures[0].rule, "pis-session-metadata-required");
        assert_eq!(failures[0].anchor, Anchor::Parent);
        assert_eq!(failures[0].message, "sessionMetadata should not be empty");
    }

    #[test]
    fn counts_digits_exactly_beyond_u64() {
        let ok: Json = serde_json::from_str(
            r#"{"version":2,"status":"valid","sessionMetadata":{},"balances":[{"publisherProductId":"a","quantity":999999999999999999999999}]}"#,
        )
        .unwrap();
        assert!(both(&schemas(), Kind::PisResponse, &ok).is_empty());
        let too_long: Json = serde_json::from_str(
            r#"{"version":2,"status":"valid","sessionMetadata":{},"balances":[{"publisherProductId":"a","quantity":1000000000000000000000000}]}"#,
        )
        .unwrap();
        let failures = both(&schemas(), Kind::PisResponse, &too_long);
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert_eq!(failures[0].message, "quantity must have up to 24 digits");
    }

    #[test]
    fn follows_the_older_digit_limit_when_asked() {
        let profile = SchemaProfile {
            quantity_max_digits: 19,
            quantity_strictly_positive: true,
        };
        let schemas = Schemas::new(profile).unwrap();
        let value: Json = serde_json::from_str(
            r#"{"version":2,"status":"valid","sessionMetadata":{},"balances":[{"publisherProductId":"a","quantity":0},{"publisherProductId":"b","quantity":99999999999999999999}]}"#,
        )
        .unwrap();
        let messages: Vec<String> = both(&schemas, Kind::PisResponse, &value)
            .into_iter()
            .map(|f| f.message)
            .collect();
        assert!(
            messages.contains(&"quantity must be greater than 0".to_owned()),
            "{messages:?}"
        );
        assert!(
            messages.contains(&"quantity must have up to 19 digits".to_owned()),
            "{messages:?}"
        );
    }

    #[test]
    fn names_array_elements_the_store_way() {
        let path = Path::root().key("segments").index(2);
        assert_eq!(
            leaf_phrase(&path, Kind::PisResponse),
            "each value in segments"
        );
        assert_eq!(leaf_phrase(&Path::root(), Kind::Offer), "offer");
    }
}
