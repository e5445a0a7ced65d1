//! Parses JSON and YAML into one tree that keeps a byte span for every key and value.
//!
//! Both parsers produce the same [`Node`] tree, so everything after parsing (kinds, schemas,
//! rules, outputs) is format-blind. Numbers keep their source text, duplicate keys are kept
//! (and reported later), and hostile input is cut off by explicit limits rather than by
//! running out of stack or memory.

mod json;
mod yaml;

use compact_str::CompactString;
use std::fmt::Write as _;

pub use json::parse_json;
pub use yaml::parse_yaml;

/// Maximum nesting of arrays and objects a document may have.
pub const MAX_DEPTH: usize = 256;

/// Most problems recorded for one file; further warnings are only counted.
pub const MAX_PROBLEMS: usize = 10_000;

/// Maximum number of nodes a YAML file's anchors and aliases may copy.
pub const MAX_ALIAS_NODES: usize = 1_000_000;

/// Maximum number of bytes of keys and scalars a YAML file's anchors and aliases may copy
/// (32 MiB): a long string aliased many times is a bomb with few nodes.
pub const MAX_ALIAS_BYTES: usize = 32 * 1024 * 1024;

/// A half-open byte range `start..end` into the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// Returns a span covering `start..end`.
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
}

/// A parsed value together with where it was written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where the value was written.
    pub span: Span,
}

/// A value of the document tree.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    /// `null` (JSON) or an empty/`~`/`null` plain scalar (YAML).
    #[default]
    Null,
    /// A boolean.
    Bool(bool),
    /// A number, kept exactly as written.
    Number(Number),
    /// A string (short ones are stored inline, without an allocation).
    String(CompactString),
    /// An array or YAML sequence.
    Array(Vec<Node>),
    /// An object or YAML mapping, with members in source order, duplicates included.
    Object(Vec<Member>),
}

/// One key of an object and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The key text (stored inline up to 24 bytes).
    pub key: CompactString,
    /// Where the key was written.
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

/// A number as JSON text: exact, never rounded through a float.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// The number in JSON syntax (YAML forms such as `0x1F` or `+5` are normalised).
    pub json: Box<str>,
}

impl Number {
    /// Returns whether the number is written without fraction or exponent.
    #[must_use]
    pub fn is_integer_text(&self) -> bool {
        !self.json.contains(['.', 'e', 'E'])
    }

    /// Returns the count of digits of an integer, ignoring sign and leading zeros.
    #[must_use]
    pub fn integer_digits(&self) -> usize {
        integer_digits(&self.json)
    }
}

/// Returns the count of digits of an integer written as text, ignoring sign and leading zeros.
#[must_use]
pub fn integer_digits(text: &str) -> usize {
    let digits = text.trim_start_matches(['-', '+']).trim_start_matches('0');
    digits.len().max(1)
}

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// An object member (stored inline up to 24 bytes, so paths clone cheaply).
    Key(CompactString),
    /// An array element (0-based).
    Index(usize),
}

/// A path from a document root, rendered as JSON Pointer or as the store's dotted property.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Path(pub Vec<Segment>);

impl Path {
    /// Returns the root path.
    #[must_use]
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// Returns this path extended by one key.
    #[must_use]
    pub fn key(&self, key: &str) -> Self {
        let mut segments = Vec::with_capacity(self.0.len() + 1);
        segments.extend(self.0.iter().cloned());
        segments.push(Segment::Key(CompactString::new(key)));
        Self(segments)
    }

    /// Returns this path extended by one index.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        let mut segments = Vec::with_capacity(self.0.len() + 1);
        segments.extend(self.0.iter().cloned());
        segments.push(Segment::Index(index));
        Self(segments)
    }

    /// Renders the path as a JSON Pointer (RFC 6901), `""` for the root.
    #[must_use]
    pub fn pointer(&self) -> String {
        let mut out = String::new();
        for segment in &self.0 {
            out.push('/');
            match segment {
                Segment::Key(key) => out.push_str(&key.replace('~', "~0").replace('/', "~1")),
                Segment::Index(index) => {
                    let _ = write!(out, "{index}");
                }
            }
        }
        out
    }

    /// Renders the path in the store's dotted form (`offers.0.productsSequence`).
    ///
    /// Keys are written as they are, dots included; the pointer stays exact.
    #[must_use]
    pub fn dotted(&self) -> String {
        let mut out = String::new();
        for (position, segment) in self.0.iter().enumerate() {
            if position > 0 {
                out.push('.');
            }
            match segment {
                Segment::Key(key) => out.push_str(key),
                Segment::Index(index) => {
                    let _ = write!(out, "{index}");
                }
            }
        }
        out
    }

    /// Returns the last key of the path (the leaf property name), if the path ends in a key.
    #[must_use]
    pub fn leaf_name(&self) -> Option<&str> {
        self.0.iter().rev().find_map(|segment| match segment {
            Segment::Key(key) => Some(key.as_str()),
            Segment::Index(_) => None,
        })
    }

    /// Parses a JSON Pointer. Array indexes are recognised where all characters are digits.
    #[must_use]
    pub fn from_pointer(pointer: &str) -> Self {
        let mut segments = Vec::new();
        if pointer.is_empty() {
            return Self(segments);
        }
        for token in pointer.trim_start_matches('/').split('/') {
            let token = token.replace("~1", "/").replace("~0", "~");
            match token.parse::<usize>() {
                Ok(index) if !token.is_empty() && (token == "0" || !token.starts_with('0')) => {
                    segments.push(Segment::Index(index));
                }
                _ => segments.push(Segment::Key(CompactString::from(token))),
            }
        }
        Self(segments)
    }
}

impl Node {
    /// Returns the member value for `key`; with duplicate keys, the last one (as JSON parsers do).
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Object(members) => members
                .iter()
                .rev()
                .find(|m| m.key == key)
                .map(|m| &m.value),
            _ => None,
        }
    }

    /// Returns the member (key and value) for `key`, last one wins.
    #[must_use]
    pub fn member(&self, key: &str) -> Option<&Member> {
        match &self.value {
            Value::Object(members) => members.iter().rev().find(|m| m.key == key),
            _ => None,
        }
    }

    /// Returns the string value, if this node is a string.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    /// Returns the elements, if this node is an array.
    #[must_use]
    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// Returns the members, if this node is an object.
    #[must_use]
    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.value {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    /// Returns the number, if this node is a number.
    #[must_use]
    pub fn as_number(&self) -> Option<&Number> {
        match &self.value {
            Value::Number(number) => Some(number),
            _ => None,
        }
    }

    /// Returns the value as an `i64` when it is an integer number that fits.
    #[must_use]
    pub fn as_i64(&self) -> Option<i64> {
        self.as_number()
            .filter(|n| n.is_integer_text())
            .and_then(|n| n.json.parse().ok())
    }

    /// Follows `path` from this node.
    #[must_use]
    pub fn at(&self, path: &Path) -> Option<&Node> {
        let mut node = self;
        for segment in &path.0 {
            node = match (segment, &node.value) {
                (Segment::Key(key), Value::Object(_)) => node.get(key)?,
                (Segment::Index(index), Value::Array(items)) => items.get(*index)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// Follows `path` and returns the span of the key that holds the last segment, if any.
    #[must_use]
    pub fn key_span_at(&self, path: &Path) -> Option<Span> {
        let (last, parent) = path.0.split_last()?;
        let parent = self.at(&Path(parent.to_vec()))?;
        match last {
            Segment::Key(key) => parent.member(key).map(|m| m.key_span),
            Segment::Index(_) => None,
        }
    }

    /// Returns a short name of the JSON type (`object`, `array`, `string`, ...).
    #[must_use]
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }
}

/// A problem found while parsing or converting a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseProblem {
    /// Rule id (`parse-syntax`, `parse-duplicate-key`, ...).
    pub rule: &'static str,
    /// Message in the store's vocabulary.
    pub message: String,
    /// Where the problem is.
    pub span: Span,
    /// Which document of the file it belongs to (YAML streams), if known.
    pub document: Option<usize>,
    /// Path inside that document, when the problem sits on a value.
    pub path: Option<Path>,
}

/// The documents of one file, and what went wrong while reading them.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// The roots of the documents in the file, in order.
    pub documents: Vec<Node>,
    /// Syntax errors, limits hit and similar; duplicates are found later.
    pub problems: Vec<ParseProblem>,
    /// Warnings not recorded because [`MAX_PROBLEMS`] was reached.
    pub dropped: usize,
}

/// Maps byte offsets to 1-based line and column numbers (columns count characters).
///
/// On an ASCII line a column is a byte difference. On other lines, characters are counted
/// from a per-chunk tally, so a lookup reads at most one chunk however long the line: a
/// minified file is one line, and counting from its start for every finding was quadratic.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// Per line: whether it is pure ASCII, so a column is a byte difference.
    ascii: Vec<bool>,
    /// Number of characters before byte `k * COLUMN_CHUNK`; empty for ASCII text.
    chars_before_chunk: Vec<usize>,
}

const COLUMN_CHUNK: usize = 64;

impl LineIndex {
    /// Indexes the line starts of `text`.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut ascii = Vec::new();
        let mut start = 0;
        for newline in memchr::memchr_iter(b'\n', bytes) {
            ascii.push(bytes[start..newline].is_ascii());
            start = newline + 1;
            line_starts.push(start);
        }
        ascii.push(bytes[start..].is_ascii());
        let mut chars_before_chunk = Vec::new();
        if !ascii.iter().all(|line| *line) {
            chars_before_chunk.reserve(text.len() / COLUMN_CHUNK + 2);
            let mut chars = 0;
            for chunk in text.as_bytes().chunks(COLUMN_CHUNK) {
                chars_before_chunk.push(chars);
                chars += count_chars(chunk);
            }
            chars_before_chunk.push(chars);
        }
        Self {
            line_starts,
            ascii,
            chars_before_chunk,
        }
    }

    /// Returns the 1-based line and column of a byte offset.
    #[must_use]
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        };
        let start = self.line_starts[line];
        let column = if self.ascii.get(line).copied().unwrap_or(false) {
            offset - start
        } else {
            self.chars_before(text, offset)
                .saturating_sub(self.chars_before(text, start))
        };
        (line + 1, column + 1)
    }

    /// Returns the byte range of a 1-based line (without its line break) and whether the
    /// line is pure ASCII.
    #[must_use]
    pub fn line_range(&self, text: &str, line: usize) -> Option<(usize, usize, bool)> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(line)
            .map_or(text.len(), |next| next.saturating_sub(1));
        let end = if text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        Some((start, end, self.ascii[line - 1]))
    }

    /// Returns the byte offset of a 1-based line and 0-based character column.
    #[must_use]
    pub fn offset(&self, text: &str, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return text.len();
        };
        if self
            .ascii
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(false)
        {
            return (start + column).min(text.len());
        }
        let rest = &text[start..];
        rest.char_indices()
            .nth(column)
            .map_or(text.len(), |(byte, _)| start + byte)
    }

    /// Returns the byte range holding the lines from `before` lines above the one containing
    /// `start` to `after` lines below the one containing `end` (line breaks included), and
    /// the 0-based number of its first line. Code frames read only this window.
    #[must_use]
    pub fn window(
        &self,
        text_len: usize,
        start: usize,
        end: usize,
        before: usize,
        after: usize,
    ) -> (usize, usize, usize) {
        let line_of = |offset: usize| match self.line_starts.binary_search(&offset.min(text_len)) {
            Ok(line) => line,
            Err(next) => next - 1,
        };
        let first = line_of(start).saturating_sub(before);
        let last = line_of(end.max(start)).saturating_add(after);
        let window_end = self
            .line_starts
            .get(last.saturating_add(1))
            .copied()
            .unwrap_or(text_len);
        (self.line_starts[first], window_end, first)
    }

    /// Returns the number of characters that start before byte `offset`.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let chunk = offset / COLUMN_CHUNK;
        let Some(&before) = self.chars_before_chunk.get(chunk) else {
            return count_chars(text.as_bytes().get(..offset).unwrap_or_default());
        };
        let tail = text
            .as_bytes()
            .get(chunk * COLUMN_CHUNK..offset)
            .unwrap_or_default();
        before + count_chars(tail)
    }
}

/// Counts the characters that start in `bytes` (every byte but UTF-8 continuation bytes).
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|byte| (**byte & 0xC0) != 0x80).count()
}

/// The format of a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON.
    Json,
    /// YAML 1.2.
    Yaml,
}

impl Format {
    /// Guesses the format from a file name: `.yaml`/`.yml` are YAML, anything else JSON.
    #[must_use]
    pub fn from_name(name: &str) -> Self {
        let extension = std::path::Path::new(name).extension();
        if extension
            .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
        {
            Format::Yaml
        } else {
            Format::Json
        }
    }
}

/// Decoded source text: a byte-order mark removed, or the first invalid UTF-8 byte reported.
#[derive(Debug)]
pub enum Decoded<'a> {
    /// Valid UTF-8 text (without BOM) and the number of BOM bytes that were skipped.
    Text(&'a str, usize),
    /// The byte offset of the first invalid byte, and its line and column (1-based).
    InvalidUtf8 {
        /// Byte offset from the start of the file.
        offset: usize,
        /// 1-based line.
        line: usize,
        /// 1-based column in characters.
        column: usize,
    },
}

/// Decodes raw file bytes as UTF-8, skipping a byte-order mark.
#[must_use]
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    let (bom, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    match std::str::from_utf8(body) {
        Ok(text) => Decoded::Text(text, bom),
        Err(error) => {
            let valid = error.valid_up_to();
            // The prefix is valid by construction, so this never falls back.
            let prefix = std::str::from_utf8(&body[..valid]).unwrap_or_default();
            let line = prefix.matches('\n').count() + 1;
            let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
            let column = prefix[line_start..].chars().count() + 1;
            Decoded::InvalidUtf8 {
                offset: bom + valid,
                line,
                column,
            }
        }
    }
}

/// Parses `text` in the given format.
#[must_use]
pub fn parse(text: &str, format: Format) -> Parsed {
    match format {
        Format::Json => parse_json(text),
        Format::Yaml => parse_yaml(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_pointer_and_dotted_forms() {
        let path = Path::root().key("offers").index(0).key("a/b~c");
        assert_eq!(path.pointer(), "/offers/0/a~1b~0c");
        assert_eq!(path.dotted(), "offers.0.a/b~c");
        assert_eq!(Path::from_pointer(&path.pointer()), path);
    }

    #[test]
    fn counts_columns_in_characters() {
        let text = "ab\n\u{e9}\u{e9}x";
        let index = LineIndex::new(text);
        let offset = text.find('x').unwrap();
        assert_eq!(index.line_col(text, offset), (2, 3));
        assert_eq!(index.offset(text, 2, 2), offset);
    }

    #[test]
    fn counts_columns_on_long_non_ascii_lines() {
        // Every lookup used to count characters from the start of the line: on this
        // 1.8 MB line, about 300 GB of counting.
        let text = "\u{e9}a\u{2713}".repeat(300_000);
        let index = LineIndex::new(&text);
        for (column, (offset, _)) in text.char_indices().enumerate().step_by(3) {
            assert_eq!(index.line_col(&text, offset), (1, column + 1));
        }
        let text = "ab\ncd\u{e9}\n\u{e9}x";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, text.len()), (3, 3));
        assert_eq!(index.line_col(text, 3), (2, 1));
    }

    #[test]
    fn reports_invalid_utf8_with_its_offset() {
        let bytes = b"{\n  \"a\": \"caf\xe9\"\n}";
        match decode(bytes) {
            Decoded::InvalidUtf8 {
                offset,
                line,
                column,
            } => {
                assert_eq!((offset, line, column), (13, 2, 12));
            }
            Decoded::Text(..) => panic!("expected invalid UTF-8"),
        }
    }

    #[test]
    fn strips_byte_order_mark() {
        match decode(b"\xEF\xBB\xBF{}") {
            Decoded::Text(text, bom) => assert_eq!((text, bom), ("{}", 3)),
            Decoded::InvalidUtf8 { .. } => panic!("valid input"),
        }
    }

    #[test]
    fn counts_integer_digits_exactly() {
        assert_eq!(integer_digits("999999999999999999999999"), 24);
        assert_eq!(integer_digits("-1000000000000000000000000"), 25);
        assert_eq!(integer_digits("0"), 1);
    }
}

/// A key that occurs twice in one object: the path of the later occurrence and its key span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// Path of the repeated member.
    pub path: Path,
    /// Span of the later key.
    pub key_span: Span,
    /// Span of the first key.
    pub first_span: Span,
}

/// Converts a tree to a `serde_json::Value` (last duplicate wins) and lists duplicate keys.
#[must_use]
pub fn to_json(node: &Node, duplicates: &mut Vec<Duplicate>) -> serde_json::Value {
    let mut trail = Vec::new();
    convert(node, &mut trail, duplicates)
}

/// Lists the keys that occur more than once in an object, anywhere in the tree.
#[must_use]
pub fn duplicates(node: &Node) -> Vec<Duplicate> {
    let mut found = Vec::new();
    let mut trail = Vec::new();
    find_duplicates(node, &mut trail, &mut found);
    found
}

/// Objects up to this many members are searched pairwise; larger ones through a hash set.
const PAIRWISE_MEMBERS: usize = 24;

fn find_duplicates<'a>(node: &'a Node, trail: &mut Vec<Step<'a>>, found: &mut Vec<Duplicate>) {
    match &node.value {
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                if matches!(item.value, Value::Array(_) | Value::Object(_)) {
                    trail.push(Step::Index(index));
                    find_duplicates(item, trail, found);
                    trail.pop();
                }
            }
        }
        Value::Object(members) => {
            let repeats = if members.len() <= PAIRWISE_MEMBERS {
                members
                    .iter()
                    .enumerate()
                    .any(|(at, m)| members[..at].iter().any(|earlier| earlier.key == m.key))
            } else {
                let mut seen = std::collections::HashSet::with_capacity(members.len());
                !members.iter().all(|m| seen.insert(m.key.as_str()))
            };
            for (position, member) in members.iter().enumerate() {
                trail.push(Step::Key(&member.key));
                let first = repeats
                    .then(|| members[..position].iter().find(|m| m.key == member.key))
                    .flatten();
                if let Some(first) = first {
                    found.push(Duplicate {
                        path: trail_path(trail),
                        key_span: member.key_span,
                        first_span: first.key_span,
                    });
                }
                if matches!(member.value.value, Value::Array(_) | Value::Object(_)) {
                    find_duplicates(&member.value, trail, found);
                }
                trail.pop();
            }
        }
        _ => {}
    }
}

enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn convert<'a>(
    node: &'a Node,
    trail: &mut Vec<Step<'a>>,
    duplicates: &mut Vec<Duplicate>,
) -> serde_json::Value {
    use serde_json::Value as Json;
    match &node.value {
        Value::Null => Json::Null,
        Value::Bool(flag) => Json::Bool(*flag),
        Value::Number(number) => number
            .json
            .parse::<serde_json::Number>()
            .map_or_else(|_| Json::String(number.json.to_string()), Json::Number),
        Value::String(text) => Json::String(text.to_string()),
        Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (index, item) in items.iter().enumerate() {
                trail.push(Step::Index(index));
                out.push(convert(item, trail, duplicates));
                trail.pop();
            }
            Json::Array(out)
        }
        Value::Object(members) => {
            let mut out = serde_json::Map::new();
            for (position, member) in members.iter().enumerate() {
                trail.push(Step::Key(&member.key));
                let value = convert(&member.value, trail, duplicates);
                if out.insert(member.key.to_string(), value).is_some() {
                    let first = members[..position]
                        .iter()
                        .find(|m| m.key == member.key)
                        .map_or(member.key_span, |m| m.key_span);
                    duplicates.push(Duplicate {
                        path: trail_path(trail),
                        key_span: member.key_span,
                        first_span: first,
                    });
                }
                trail.pop();
            }
            Json::Object(out)
        }
    }
}

fn trail_path(trail: &[Step<'_>]) -> Path {
    Path(
        trail
            .iter()
            .map(|step| match step {
                Step::Key(key) => Segment::Key(CompactString::new(key)),
                Step::Index(index) => Segment::Index(*index),
            })
            .collect(),
    )
}

#[cfg(test)]
mod conversion_tests {
    use super::*;

    #[test]
    fn converts_and_reports_duplicates_with_both_places() {
        let text = r#"{"a": [{"q": 1, "q": 2}]}"#;
        let node = &parse_json(text).documents[0];
        let mut duplicates = Vec::new();
        let json = to_json(node, &mut duplicates);
        assert_eq!(json["a"][0]["q"], serde_json::json!(2));
        assert_eq!(duplicates.len(), 1);
        assert_eq!(duplicates[0].path.dotted(), "a.0.q");
        assert_eq!(
            &text[duplicates[0].key_span.start..duplicates[0].key_span.end],
            "\"q\""
        );
        assert!(duplicates[0].first_span.start < duplicates[0].key_span.start);
    }

    #[test]
    fn keeps_big_numbers_exact_in_json() {
        let node = &parse_json("1000000000000000000000000").documents[0];
        let json = to_json(node, &mut Vec::new());
        assert_eq!(json.to_string(), "1000000000000000000000000");
    }
}
