//! Builds span-keeping trees from YAML 1.2 text, on top of saphyr's event parser.
//!
//! Scalars are resolved with the YAML 1.2 core schema: `yes` stays a string (and gets a
//! warning, since YAML 1.1 tools read it as `true`), `0x1F` is a number. Aliases are expanded
//! under a budget of copied nodes and bytes, so an alias bomb ends as a finding, not as
//! exhausted memory.

use std::collections::HashMap;

use compact_str::CompactString;
use saphyr_parser::{Event, Parser, ScalarStyle, Span as YamlSpan};

use super::{
    MAX_ALIAS_BYTES, MAX_ALIAS_NODES, MAX_DEPTH, Member, Node, Number, ParseProblem, Parsed, Path,
    Segment, Span, Value,
};

/// Parses every document of a YAML stream.
#[must_use]
pub fn parse_yaml(text: &str) -> Parsed {
    let index = CharOffsets::new(text);
    let mut builder = Builder {
        index: &index,
        frames: Vec::new(),
        anchors: HashMap::new(),
        copied: Cost::default(),
        parsed: Parsed::default(),
    };
    // YAML allows no NUL byte anywhere, and the scanner takes one for the end of the
    // stream: inside a quoted scalar that reads as "unexpected end of stream" at the quote.
    if let Some(at) = text.find('\0') {
        builder.parsed.problems.push(ParseProblem {
            rule: "parse-syntax",
            message: "NUL byte (U+0000) is not allowed in YAML".to_owned(),
            span: Span::new(at, at + 1),
            document: Some(0),
            path: None,
        });
        return builder.parsed;
    }
    let mut parser = Parser::new_from_str(text);
    while let Some(step) = parser.next_event() {
        let outcome = match step {
            Ok((event, span)) => builder.on_event(event, span),
            Err(error) => Err(scan_failure(&error, &index)),
        };
        if let Err(stop) = outcome {
            let document = builder.parsed.documents.len();
            builder.parsed.problems.push(ParseProblem {
                rule: stop.rule,
                message: stop.message,
                span: Span::new(stop.offset, stop.offset),
                document: Some(document),
                path: None,
            });
            break;
        }
    }
    builder.parsed
}

/// Turns a scanner error into a stop, naming the nesting limit like the JSON parser does.
fn scan_failure(error: &saphyr_parser::ScanError, index: &CharOffsets<'_>) -> Stop {
    let offset = index.byte_offset(error.marker().index());
    // The scanner counts flow levels in a byte and gives up past 255.
    if error.info() == "recursion limit exceeded" {
        return Stop {
            rule: "parse-too-deep",
            message: "document nests deeper than 255 levels of flow collections".to_owned(),
            offset,
        };
    }
    Stop {
        rule: "parse-syntax",
        message: error.info().to_owned(),
        offset,
    }
}

struct Stop {
    rule: &'static str,
    message: String,
    offset: usize,
}

enum Frame {
    Sequence {
        start: usize,
        anchor: usize,
        items: Vec<Node>,
    },
    Mapping {
        start: usize,
        anchor: usize,
        members: Vec<Member>,
        key: Option<(CompactString, Span)>,
    },
}

struct Builder<'a> {
    index: &'a CharOffsets<'a>,
    frames: Vec<Frame>,
    /// Anchored nodes by the parser's anchor id, with what copying one costs.
    anchors: HashMap<usize, (Node, Cost)>,
    /// What anchors and aliases have copied so far, charged against the alias budget.
    copied: Cost,
    parsed: Parsed,
}

impl Builder<'_> {
    fn on_event(&mut self, event: Event<'_>, span: YamlSpan) -> Result<(), Stop> {
        let start = self.offset(span.start);
        let end = self.offset(span.end);
        match event {
            Event::SequenceStart(anchor, _) => {
                self.enter(start)?;
                self.frames.push(Frame::Sequence {
                    start,
                    anchor,
                    items: Vec::new(),
                });
            }
            Event::MappingStart(anchor, _) => {
                self.enter(start)?;
                self.frames.push(Frame::Mapping {
                    start,
                    anchor,
                    members: Vec::new(),
                    key: None,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(end)?,
            Event::Scalar(text, style, anchor, tag) => {
                let forced_string = tag.as_ref().is_some_and(|t| t.suffix == "str");
                let plain = matches!(style, ScalarStyle::Plain) && !forced_string;
                let value = if plain {
                    resolve_plain(&text)
                } else {
                    Value::String(CompactString::new(&text))
                };
                if plain && is_yaml11_boolean(&text) && self.expecting_value() {
                    self.warn_yaml11_boolean(&text, start);
                }
                let node = Node {
                    value,
                    span: Span::new(start, end.max(start)),
                };
                self.remember(anchor, &node)?;
                self.complete(node, Some(text.to_string()))?;
            }
            Event::Alias(anchor) => {
                let Some((node, cost)) = self.anchors.get(&anchor) else {
                    return Err(Stop {
                        rule: "parse-syntax",
                        message: "alias refers to an unknown anchor".to_owned(),
                        offset: start,
                    });
                };
                self.copied.charge(*cost, start)?;
                let mut node = node.clone();
                node.span = Span::new(start, end.max(start));
                self.complete(node, None)?;
            }
            Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart(_)
            | Event::DocumentEnd
            | Event::Nothing => {}
        }
        Ok(())
    }

    fn enter(&self, offset: usize) -> Result<(), Stop> {
        if self.frames.len() >= MAX_DEPTH {
            return Err(Stop {
                rule: "parse-too-deep",
                message: format!("document nests deeper than {MAX_DEPTH} levels"),
                offset,
            });
        }
        Ok(())
    }

    fn close(&mut self, end: usize) -> Result<(), Stop> {
        let Some(frame) = self.frames.pop() else {
            return Ok(());
        };
        let (node, anchor) = match frame {
            Frame::Sequence {
                start,
                anchor,
                items,
            } => (
                Node {
                    value: Value::Array(items),
                    span: Span::new(start, end.max(start)),
                },
                anchor,
            ),
            Frame::Mapping {
                start,
                anchor,
                members,
                ..
            } => (
                Node {
                    value: Value::Object(members),
                    span: Span::new(start, end.max(start)),
                },
                anchor,
            ),
        };
        self.remember(anchor, &node)?;
        self.complete(node, None)
    }

    /// Places a finished node into its parent, or makes it a document root.
    fn complete(&mut self, node: Node, scalar_text: Option<String>) -> Result<(), Stop> {
        match self.frames.last_mut() {
            None => self.parsed.documents.push(node),
            Some(Frame::Sequence { items, .. }) => items.push(node),
            Some(Frame::Mapping { members, key, .. }) => {
                if let Some((key, key_span)) = key.take() {
                    members.push(Member {
                        key,
                        key_span,
                        value: node,
                    });
                } else {
                    let Some(text) = scalar_text else {
                        return Err(Stop {
                            rule: "parse-syntax",
                            message: "mapping keys must be scalars".to_owned(),
                            offset: node.span.start,
                        });
                    };
                    *key = Some((CompactString::from(text), node.span));
                }
            }
        }
        Ok(())
    }

    /// Keeps a copy of an anchored node for its aliases.
    ///
    /// The copy is charged to the budget too: nested anchors each keep a copy of their
    /// subtree, so a file with no alias at all could otherwise fill memory.
    fn remember(&mut self, anchor: usize, node: &Node) -> Result<(), Stop> {
        if anchor == 0 {
            return Ok(());
        }
        let cost = cost_of(node);
        self.copied.charge(cost, node.span.start)?;
        self.anchors.insert(anchor, (node.clone(), cost));
        Ok(())
    }

    /// Returns whether the next scalar is a value (not a mapping key).
    fn expecting_value(&self) -> bool {
        match self.frames.last() {
            Some(Frame::Mapping { key, .. }) => key.is_some(),
            _ => true,
        }
    }

    fn warn_yaml11_boolean(&mut self, text: &str, offset: usize) {
        if self.parsed.problems.len() >= super::MAX_PROBLEMS {
            self.parsed.dropped += 1;
            return;
        }
        let path = self.current_path();
        // An element of a sequence is named by its whole path (`segments.1`), a member by its key.
        let name = match path.0.last() {
            Some(Segment::Index(_)) => path.dotted(),
            Some(Segment::Key(key)) => key.to_string(),
            None => "value".to_owned(),
        };
        self.parsed.problems.push(ParseProblem {
            rule: "parse-yaml11-boolean",
            message: format!(
                "{name} is the plain scalar `{text}`: a string in YAML 1.2 but a boolean \
                 in YAML 1.1 tools; quote it or write true/false"
            ),
            span: Span::new(offset, offset + text.len()),
            document: Some(self.parsed.documents.len()),
            path: Some(path),
        });
    }

    /// Returns the path of the node about to be completed.
    fn current_path(&self) -> Path {
        let mut path = Path::root();
        for frame in &self.frames {
            path = match frame {
                Frame::Sequence { items, .. } => path.index(items.len()),
                Frame::Mapping { key, .. } => match key {
                    Some((key, _)) => path.key(key),
                    None => path,
                },
            };
        }
        path
    }

    fn offset(&self, marker: saphyr_parser::Marker) -> usize {
        self.index.byte_offset(marker.index())
    }
}

/// Turns the parser's character indexes into byte offsets in near-constant time.
///
/// Scanning from the start of the line for every event made long single-line documents
/// (minified flow YAML) quadratic; a checkpoint every few characters bounds each lookup.
struct CharOffsets<'a> {
    text: &'a str,
    /// Byte offset of every `CHECKPOINT_EVERY`-th character; empty for ASCII text.
    checkpoints: Vec<usize>,
}

const CHECKPOINT_EVERY: usize = 64;

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> Self {
        let checkpoints = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices()
                .step_by(CHECKPOINT_EVERY)
                .map(|(byte, _)| byte)
                .collect()
        };
        Self { text, checkpoints }
    }

    /// Returns the byte offset of the character with index `chars` (the text's length past
    /// the end).
    fn byte_offset(&self, chars: usize) -> usize {
        if self.checkpoints.is_empty() {
            return chars.min(self.text.len());
        }
        let Some(&start) = self.checkpoints.get(chars / CHECKPOINT_EVERY) else {
            return self.text.len();
        };
        self.text[start..]
            .char_indices()
            .nth(chars % CHECKPOINT_EVERY)
            .map_or(self.text.len(), |(byte, _)| start + byte)
    }
}

/// What copying a node costs: its nodes, and the bytes of its keys and scalars.
#[derive(Debug, Clone, Copy, Default)]
struct Cost {
    nodes: usize,
    bytes: usize,
}

impl Cost {
    /// Adds the cost of one more copy to this running total, failing past the budget.
    fn charge(&mut self, copy: Cost, offset: usize) -> Result<(), Stop> {
        self.nodes = self.nodes.saturating_add(copy.nodes);
        self.bytes = self.bytes.saturating_add(copy.bytes);
        if self.nodes > MAX_ALIAS_NODES || self.bytes > MAX_ALIAS_BYTES {
            return Err(Stop {
                rule: "parse-alias-budget",
                message: format!(
                    "anchors and aliases copy more than {MAX_ALIAS_NODES} nodes or \
                     {MAX_ALIAS_BYTES} bytes of text; the file looks like an alias bomb"
                ),
                offset,
            });
        }
        Ok(())
    }
}

fn cost_of(node: &Node) -> Cost {
    let mut cost = Cost { nodes: 1, bytes: 0 };
    let mut add = |inner: Cost| {
        cost.nodes = cost.nodes.saturating_add(inner.nodes);
        cost.bytes = cost.bytes.saturating_add(inner.bytes);
    };
    match &node.value {
        Value::Null | Value::Bool(_) => {}
        Value::Number(number) => add(Cost {
            nodes: 0,
            bytes: number.json.len(),
        }),
        Value::String(text) => add(Cost {
            nodes: 0,
            bytes: text.len(),
        }),
        Value::Array(items) => items.iter().for_each(|item| add(cost_of(item))),
        Value::Object(members) => {
            for member in members {
                add(Cost {
                    nodes: 1,
                    bytes: member.key.len(),
                });
                add(cost_of(&member.value));
            }
        }
    }
    cost
}

fn is_yaml11_boolean(text: &str) -> bool {
    matches!(
        text,
        "y" | "Y"
            | "yes"
            | "Yes"
            | "YES"
            | "n"
            | "N"
            | "no"
            | "No"
            | "NO"
            | "on"
            | "On"
            | "ON"
            | "off"
            | "Off"
            | "OFF"
    )
}

/// Resolves a plain scalar with the YAML 1.2 core schema.
fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    match number_as_json(text) {
        Some(json) => Value::Number(Number { json: json.into() }),
        None => Value::String(CompactString::new(text)),
    }
}

/// Returns the JSON spelling of a YAML 1.2 core-schema number, or `None` if `text` is not one.
/// Infinities and NaN have no JSON form and stay strings.
fn number_as_json(text: &str) -> Option<String> {
    if let Some(hex) = text.strip_prefix("0x") {
        return radix(hex, 16);
    }
    if let Some(octal) = text.strip_prefix("0o") {
        return radix(octal, 8);
    }
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let (whole, fraction) = match mantissa.find('.') {
        Some(at) => (&mantissa[..at], Some(&mantissa[at + 1..])),
        None => (mantissa, None),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || !fraction.is_none_or(all_digits) {
        return None;
    }
    if whole.is_empty() && fraction.is_none_or(str::is_empty) {
        return None;
    }
    if let Some(exponent) = exponent {
        let digits = exponent.trim_start_matches(['+', '-']);
        if digits.is_empty() || !all_digits(digits) || exponent.len() - digits.len() > 1 {
            return None;
        }
    }
    // A plain integer with an exponent but no fraction is a float in YAML 1.2 only with a dot.
    if exponent.is_some() && fraction.is_none() {
        return None;
    }
    let mut json = String::with_capacity(text.len() + 2);
    if negative {
        json.push('-');
    }
    let trimmed = whole.trim_start_matches('0');
    json.push_str(if trimmed.is_empty() { "0" } else { trimmed });
    if let Some(fraction) = fraction {
        json.push('.');
        json.push_str(if fraction.is_empty() { "0" } else { fraction });
    }
    if let Some(exponent) = exponent {
        json.push('e');
        json.push_str(exponent);
    }
    Some(json)
}

fn radix(digits: &str, base: u32) -> Option<String> {
    if digits.is_empty() {
        return None;
    }
    u128::from_str_radix(digits, base)
        .ok()
        .map(|value| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Node {
        let parsed = parse_yaml(text);
        assert!(
            parsed
                .problems
                .iter()
                .all(|p| p.rule == "parse-yaml11-boolean"),
            "{:?}",
            parsed.problems
        );
        parsed.documents.into_iter().next().unwrap()
    }

    #[test]
    fn resolves_scalars_with_the_core_schema() {
        let node =
            one("a: yes\nb: true\nc: 0x1F\nd: '12'\ne: 1.50\nf: ~\ng: 2027-01-01\nh: +007\n");
        assert_eq!(node.get("a").unwrap().as_str(), Some("yes"));
        assert_eq!(node.get("b").unwrap().value, Value::Bool(true));
        assert_eq!(&*node.get("c").unwrap().as_number().unwrap().json, "31");
        assert_eq!(node.get("d").unwrap().as_str(), Some("12"));
        assert_eq!(&*node.get("e").unwrap().as_number().unwrap().json, "1.50");
        assert_eq!(node.get("f").unwrap().value, Value::Null);
        assert_eq!(node.get("g").unwrap().as_str(), Some("2027-01-01"));
        assert_eq!(&*node.get("h").unwrap().as_number().unwrap().json, "7");
    }

    #[test]
    fn keeps_24_digit_integers_exact() {
        let node = one("q: 999999999999999999999999\n");
        assert_eq!(
            node.get("q").unwrap().as_number().unwrap().integer_digits(),
            24
        );
    }

    #[test]
    fn warns_on_yaml11_booleans_with_their_path() {
        let parsed = parse_yaml("a:\n  - notes: yes\n");
        let problem = &parsed.problems[0];
        assert_eq!(problem.rule, "parse-yaml11-boolean");
        assert_eq!(problem.path.as_ref().unwrap().dotted(), "a.0.notes");
        assert_eq!(problem.span.start, 14);
    }

    #[test]
    fn points_block_collections_at_their_first_item() {
        let text = "root:\n  seq:\n    - 1\n  map:\n    k: v\n";
        let node = one(text);
        let seq = node.get("root").unwrap().get("seq").unwrap();
        assert_eq!(&text[seq.span.start..=seq.span.start], "-");
        let map = node.get("root").unwrap().get("map").unwrap();
        assert_eq!(&text[map.span.start..=map.span.start], "k");
    }

    #[test]
    fn expands_aliases() {
        let node = one("a: &c {x: 1}\nb: *c\n");
        assert_eq!(node.get("b").unwrap().get("x").unwrap().as_i64(), Some(1));
    }

    #[test]
    fn stops_an_alias_bomb() {
        let mut lines = vec!["a0: &a0 [x, x, x, x, x, x, x, x, x, x]".to_owned()];
        for level in 1..12 {
            let prev = level - 1;
            let aliases = vec![format!("*a{prev}"); 10].join(", ");
            lines.push(format!("a{level}: &a{level} [{aliases}]"));
        }
        let text = lines.join("\n");
        let parsed = parse_yaml(&text);
        assert_eq!(parsed.problems.last().unwrap().rule, "parse-alias-budget");
    }

    #[test]
    fn stops_a_long_string_aliased_many_times() {
        // Few nodes, but each alias used to copy the whole string: about 60 GB here.
        let text = format!(
            "a: &a \"{}\"\nb: [{}*a]\n",
            "x".repeat(1 << 20),
            "*a, ".repeat(60_000)
        );
        let parsed = parse_yaml(&text);
        assert_eq!(parsed.problems.last().unwrap().rule, "parse-alias-budget");
    }

    #[test]
    fn charges_copies_kept_for_nested_anchors() {
        // No alias at all, yet every anchor used to keep its own copy of its subtree.
        let text = format!(
            "{}{}1{}",
            "&a [".repeat(200),
            "1, ".repeat(20_000),
            "]".repeat(200)
        );
        let parsed = parse_yaml(&text);
        assert_eq!(parsed.problems.last().unwrap().rule, "parse-alias-budget");
    }

    #[test]
    fn resolves_ordinary_anchors_within_the_budget() {
        let text = "base: &base {price: 100, sku: gems}\nitems: [*base, *base, *base]\n";
        let node = one(text);
        assert_eq!(node.get("items").unwrap().as_array().unwrap().len(), 3);
    }

    #[test]
    fn reads_every_document_of_a_stream() {
        let parsed = parse_yaml("a: 1\n---\nb: 2\n");
        assert_eq!(parsed.documents.len(), 2);
    }

    #[test]
    fn reports_syntax_errors_with_position() {
        let text = "name: Reef Explorer: Deluxe\n";
        let parsed = parse_yaml(text);
        let problem = parsed.problems.last().unwrap();
        assert_eq!(problem.rule, "parse-syntax");
        assert_eq!(problem.span.start, 19);
    }

    #[test]
    fn keeps_byte_spans_after_multibyte_characters() {
        let text = format!("a: {}\nb: [x, \u{2713}, y]\n", "\u{e9}".repeat(200));
        let node = one(&text);
        let items = node.get("b").unwrap().as_array().unwrap();
        assert_eq!(&text[items[1].span.start..items[1].span.end], "\u{2713}");
        assert_eq!(&text[items[2].span.start..items[2].span.end], "y");
    }

    #[test]
    fn parses_long_single_line_documents() {
        // Offsets used to be found by scanning from the start of the line for each event.
        for prefix in ["", "\u{e9}: "] {
            let text = format!("{prefix}[{}1]", "1, ".repeat(50_000));
            let parsed = parse_yaml(&text);
            assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
            assert_eq!(parsed.documents.len(), 1);
        }
    }

    #[test]
    fn reports_a_nul_byte_where_it_is() {
        // A NUL inside quotes used to read as an unexpected end of stream at the quote.
        for text in ["a: \"x\0y\"\n", "a: x\0y\n", "# \0\n"] {
            let parsed = parse_yaml(text);
            assert_eq!(parsed.problems.len(), 1, "{text:?}");
            let problem = &parsed.problems[0];
            assert_eq!(problem.rule, "parse-syntax");
            assert_eq!(problem.span.start, text.find('\0').unwrap(), "{text:?}");
            assert!(problem.message.contains("NUL"), "{}", problem.message);
        }
    }

    #[test]
    fn reports_deep_flow_nesting_as_too_deep() {
        let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let parsed = parse_yaml(&text);
        assert_eq!(parsed.problems.len(), 1, "{:?}", parsed.problems);
        assert_eq!(parsed.problems[0].rule, "parse-too-deep");
        assert_eq!(parsed.problems[0].span.start, 255);
    }

    #[test]
    fn stops_at_the_depth_limit() {
        let text = "[".repeat(10_000);
        let parsed = parse_yaml(&text);
        assert_eq!(parsed.problems.len(), 1, "{:?}", parsed.problems);
        assert!(parsed.documents.is_empty());
    }
}
