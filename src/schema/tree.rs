//! Lets the JSON Schema validator read the span-keeping document tree directly, so a check
//! does not copy every document into a `serde_json::Value` first.
//!
//! An object's members are read in source order and looked up by a forward scan, which is
//! only right when no key repeats; the schema stage validates a document with repeated keys
//! through a `serde_json::Value` copy instead (last occurrence wins, as the store reads it).

use std::borrow::Cow;

use compact_str::CompactString;
use jsonschema::json::{Array, Json, JsonNumber, Node as JsonNode, NodeIdentity, Object};
use jsonschema::types::JsonType;
use serde_json::Value as SerdeValue;

use crate::document::{Member, Node, Number, Span, Value};

/// The document tree as a JSON representation for the validator.
pub struct Tree;

impl Json for Tree {
    type Node<'a> = &'a Node;
    type PreparedKey = CompactString;
    // A lookup is a scan of the members, so one pass over them never costs more than the
    // lookups it replaces.
    const KEYS_PER_LOOKUP: usize = 1024;
    type StringBuffer = Node;

    fn prepare_key(key: &str) -> CompactString {
        CompactString::new(key)
    }

    fn with_string_node<T>(buffer: &mut Node, string: &str, f: impl FnOnce(&Node) -> T) -> T {
        *buffer = Node {
            value: Value::String(CompactString::new(string)),
            span: Span::default(),
        };
        f(buffer)
    }
}

/// An object's members.
#[derive(Clone, Copy)]
pub struct Members<'a>(&'a [Member]);

/// An array's elements.
#[derive(Clone, Copy)]
pub struct Items<'a>(&'a [Node]);

/// Iterates an object's members as (name, value) pairs.
pub struct MembersIter<'a>(std::slice::Iter<'a, Member>);

impl<'a> Iterator for MembersIter<'a> {
    type Item = (&'a str, &'a Node);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|m| (m.key.as_str(), &m.value))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<'a> JsonNode<'a, Tree> for &'a Node {
    type Object = Members<'a>;
    type Array = Items<'a>;
    type Number = &'a Number;

    fn as_object(&self) -> Option<Members<'a>> {
        match &self.value {
            Value::Object(members) => Some(Members(members)),
            _ => None,
        }
    }

    fn as_array(&self) -> Option<Items<'a>> {
        match &self.value {
            Value::Array(items) => Some(Items(items)),
            _ => None,
        }
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        match &self.value {
            Value::String(text) => Some(Cow::Borrowed(text.as_str())),
            _ => None,
        }
    }

    fn as_number(&self) -> Option<&'a Number> {
        match &self.value {
            Value::Number(number) => Some(number),
            _ => None,
        }
    }

    fn as_boolean(&self) -> Option<bool> {
        match self.value {
            Value::Bool(flag) => Some(flag),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    fn is_string(&self) -> bool {
        matches!(self.value, Value::String(_))
    }

    fn json_type(&self) -> JsonType {
        match self.value {
            Value::Null => JsonType::Null,
            Value::Bool(_) => JsonType::Boolean,
            Value::Number(_) => JsonType::Number,
            Value::String(_) => JsonType::String,
            Value::Array(_) => JsonType::Array,
            Value::Object(_) => JsonType::Object,
        }
    }

    fn string_length(&self) -> Option<u64> {
        match &self.value {
            Value::String(text) => Some(text.chars().count() as u64),
            _ => None,
        }
    }

    fn equals_value(&self, expected: &SerdeValue) -> bool {
        // Strings, booleans and null compare without building a value; numbers and
        // containers take the exact (mathematical) comparison of the validator.
        match (&self.value, expected) {
            (Value::String(text), SerdeValue::String(other)) => text.as_str() == other.as_str(),
            (Value::Bool(flag), SerdeValue::Bool(other)) => flag == other,
            (Value::Null, SerdeValue::Null) => true,
            (Value::String(_) | Value::Bool(_) | Value::Null, _)
            | (_, SerdeValue::String(_) | SerdeValue::Bool(_) | SerdeValue::Null) => false,
            _ => jsonschema::json::cmp::equal(&self.to_value(), expected),
        }
    }

    fn to_value(&self) -> Cow<'a, SerdeValue> {
        Cow::Owned(to_serde(self))
    }

    fn identity(&self) -> Option<NodeIdentity> {
        Some(NodeIdentity::new(std::ptr::from_ref::<Node>(self) as usize))
    }
}

impl<'a> Object<'a, Tree> for Members<'a> {
    type Node = &'a Node;
    type MemberName = &'a str;
    type MembersIter = MembersIter<'a>;

    fn len(&self) -> usize {
        self.0.len()
    }

    fn get(&self, key: &CompactString) -> Option<&'a Node> {
        self.0.iter().find(|m| m.key == *key).map(|m| &m.value)
    }

    fn members(&self) -> MembersIter<'a> {
        MembersIter(self.0.iter())
    }
}

impl<'a> Array<'a, Tree> for Items<'a> {
    type Node = &'a Node;
    type ElementsIter = std::slice::Iter<'a, Node>;

    fn len(&self) -> usize {
        self.0.len()
    }

    fn elements(&self) -> std::slice::Iter<'a, Node> {
        self.0.iter()
    }
}

impl JsonNumber for &Number {
    fn as_u64(&self) -> Option<u64> {
        self.json.parse().ok()
    }

    fn as_i64(&self) -> Option<i64> {
        self.json.parse().ok()
    }

    fn as_f64(&self) -> Option<f64> {
        self.json.parse().ok()
    }

    fn as_str(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.json)
    }

    fn to_number(&self) -> Cow<'_, serde_json::Number> {
        // The parsers only produce JSON number syntax, which always parses.
        Cow::Owned(
            self.json
                .parse()
                .unwrap_or_else(|_| serde_json::Number::from(0)),
        )
    }

    fn is_integer(&self) -> bool {
        integer_valued(&self.json)
    }
}

/// Whether a JSON number denotes an integer, decided exactly on its text (`1.0`, `1e2` and
/// `120e-1` are integers, `1.5` and `1e-1` are not).
fn integer_valued(text: &str) -> bool {
    if !text.contains(['.', 'e', 'E']) {
        return true;
    }
    let body = text.trim_start_matches('-');
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], &body[at + 1..]),
        None => (body, "0"),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = || whole.bytes().chain(fraction.bytes());
    if digits().all(|b| b == b'0') {
        return true;
    }
    let trailing_zeros = digits().rev().take_while(|&b| b == b'0').count();
    // The value is (whole fraction) x 10^(exponent - fraction digits): an integer when the
    // power of ten, counting the trailing zeros, is not negative.
    let Ok(exponent) = exponent.trim_start_matches('+').parse::<i64>() else {
        // An exponent beyond i64: huge numbers are integers, tiny non-zero ones are not.
        return !exponent.starts_with('-');
    };
    let shift = |count: usize| i64::try_from(count).unwrap_or(i64::MAX);
    exponent
        .saturating_sub(shift(fraction.len()))
        .saturating_add(shift(trailing_zeros))
        >= 0
}

/// Copies a subtree into a `serde_json::Value` (for error reports and rare comparisons).
fn to_serde(node: &Node) -> SerdeValue {
    match &node.value {
        Value::Null => SerdeValue::Null,
        Value::Bool(flag) => SerdeValue::Bool(*flag),
        Value::Number(number) => number.json.parse::<serde_json::Number>().map_or_else(
            |_| SerdeValue::String(number.json.to_string()),
            SerdeValue::Number,
        ),
        Value::String(text) => SerdeValue::String(text.to_string()),
        Value::Array(items) => SerdeValue::Array(items.iter().map(to_serde).collect()),
        Value::Object(members) => SerdeValue::Object(
            members
                .iter()
                .map(|m| (m.key.to_string(), to_serde(&m.value)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::integer_valued;

    #[test]
    fn decides_integers_on_the_text() {
        for text in [
            "0",
            "-0",
            "12",
            "1.0",
            "1.000",
            "1e2",
            "1E+2",
            "120e-1",
            "0.0e-7",
            "1e99999999999999999999",
        ] {
            assert!(integer_valued(text), "{text}");
        }
        for text in [
            "1.5",
            "1e-1",
            "0.01",
            "12e-2",
            "-3.25",
            "1e-99999999999999999999",
        ] {
            assert!(!integer_valued(text), "{text}");
        }
    }
}
