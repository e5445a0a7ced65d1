//! A strict JSON (RFC 8259) parser that records spans and keeps numbers as text.

use compact_str::CompactString;

use super::{MAX_DEPTH, Member, Node, Number, ParseProblem, Parsed, Span, Value};

/// Parses one JSON document. A syntax error stops parsing and is reported as a problem.
#[must_use]
pub fn parse_json(text: &str) -> Parsed {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        position: 0,
        depth: 0,
    };
    let mut parsed = Parsed::default();
    let result = parser.document();
    match result {
        Ok(node) => parsed.documents.push(node),
        Err(failure) => parsed.problems.push(ParseProblem {
            rule: failure.rule,
            message: failure.message,
            span: Span::new(failure.offset, failure.offset),
            document: Some(0),
            path: None,
        }),
    }
    parsed
}

struct Failure {
    rule: &'static str,
    message: String,
    offset: usize,
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    position: usize,
    depth: usize,
}

type Step<T> = Result<T, Failure>;

impl Parser<'_> {
    fn document(&mut self) -> Step<Node> {
        self.skip_whitespace();
        if self.position >= self.bytes.len() {
            return Err(self.fail("document is empty: expected a JSON value"));
        }
        let node = self.value()?;
        self.skip_whitespace();
        if self.position < self.bytes.len() {
            return Err(self.fail(&format!(
                "unexpected {} after the end of the document",
                self.describe_here()
            )));
        }
        Ok(node)
    }

    fn value(&mut self) -> Step<Node> {
        match self.bytes.get(self.position) {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => {
                let start = self.position;
                let text = self.string()?;
                Ok(Node {
                    value: Value::String(text),
                    span: Span::new(start, self.position),
                })
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(_) => Err(self.fail(&format!(
                "expected a JSON value, found {}",
                self.describe_here()
            ))),
            None => Err(self.fail("unexpected end of file: expected a JSON value")),
        }
    }

    fn enter(&mut self) -> Step<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Failure {
                rule: "parse-too-deep",
                message: format!("document nests deeper than {MAX_DEPTH} levels"),
                offset: self.position,
            });
        }
        Ok(())
    }

    fn object(&mut self) -> Step<Node> {
        let start = self.position;
        self.enter()?;
        self.position += 1;
        let mut members = Vec::new();
        self.skip_whitespace();
        if self.eat(b'}') {
            self.depth -= 1;
            return Ok(Node {
                value: Value::Object(members),
                span: Span::new(start, self.position),
            });
        }
        loop {
            self.skip_whitespace();
            if self.bytes.get(self.position) != Some(&b'"') {
                return Err(self.fail(&format!(
                    "expected a string key, found {}",
                    self.describe_here()
                )));
            }
            let key_start = self.position;
            let key = self.string()?;
            let key_span = Span::new(key_start, self.position);
            self.skip_whitespace();
            if !self.eat(b':') {
                return Err(self.fail(&format!(
                    "expected `:` after an object key, found {}",
                    self.describe_here()
                )));
            }
            self.skip_whitespace();
            let value = self.value()?;
            members.push(Member {
                key,
                key_span,
                value,
            });
            self.skip_whitespace();
            if self.eat(b',') {
                continue;
            }
            if self.eat(b'}') {
                break;
            }
            return Err(self.fail(&format!(
                "expected `,` or `}}` after an object member, found {}",
                self.describe_here()
            )));
        }
        self.depth -= 1;
        Ok(Node {
            value: Value::Object(members),
            span: Span::new(start, self.position),
        })
    }

    fn array(&mut self) -> Step<Node> {
        let start = self.position;
        self.enter()?;
        self.position += 1;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.eat(b']') {
            self.depth -= 1;
            return Ok(Node {
                value: Value::Array(items),
                span: Span::new(start, self.position),
            });
        }
        loop {
            self.skip_whitespace();
            items.push(self.value()?);
            self.skip_whitespace();
            if self.eat(b',') {
                continue;
            }
            if self.eat(b']') {
                break;
            }
            return Err(self.fail(&format!(
                "expected `,` or `]` after an array element, found {}",
                self.describe_here()
            )));
        }
        self.depth -= 1;
        Ok(Node {
            value: Value::Array(items),
            span: Span::new(start, self.position),
        })
    }

    fn string(&mut self) -> Step<CompactString> {
        let open = self.position;
        self.position += 1;
        // Most strings have no escapes: take them straight from the source text.
        let run_start = self.position;
        self.plain_run();
        if self.bytes.get(self.position) == Some(&b'"') {
            self.position += 1;
            return Ok(CompactString::new(&self.text[run_start..self.position - 1]));
        }
        let mut out = String::from(&self.text[run_start..self.position]);
        loop {
            match self.bytes.get(self.position) {
                Some(b'"') => {
                    self.position += 1;
                    return Ok(CompactString::from(out));
                }
                Some(b'\\') => self.escape(&mut out)?,
                Some(_) => {
                    return Err(self.fail("control character inside a string: escape it"));
                }
                None => {
                    return Err(Failure {
                        rule: "parse-syntax",
                        message: "unterminated string".to_owned(),
                        offset: open,
                    });
                }
            }
            // Copy the run of plain characters in one go.
            let run_start = self.position;
            self.plain_run();
            out.push_str(&self.text[run_start..self.position]);
        }
    }

    /// Advances over characters that need no decoding inside a string.
    fn plain_run(&mut self) {
        let rest = self.bytes.get(self.position..).unwrap_or_default();
        let run = memchr::memchr2(b'"', b'\\', rest).unwrap_or(rest.len());
        // A control character inside the run ends it early (and is reported by the caller).
        let run = rest[..run]
            .iter()
            .position(|byte| *byte < 0x20)
            .unwrap_or(run);
        self.position += run;
    }

    fn escape(&mut self, out: &mut String) -> Step<()> {
        let at = self.position;
        self.position += 1;
        let Some(&kind) = self.bytes.get(self.position) else {
            return Err(self.fail("unterminated escape sequence"));
        };
        self.position += 1;
        let decoded = match kind {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(at, out),
            _ => {
                return Err(Failure {
                    rule: "parse-syntax",
                    message: "invalid escape sequence".to_owned(),
                    offset: at,
                });
            }
        };
        out.push(decoded);
        Ok(())
    }

    fn unicode_escape(&mut self, at: usize, out: &mut String) -> Step<()> {
        let first = self.hex4(at)?;
        let code = if (0xD800..0xDC00).contains(&first) {
            // A high surrogate must be followed by `\u` and a low surrogate.
            if self.bytes.get(self.position..self.position + 2) != Some(b"\\u") {
                return Err(Self::invalid_unicode(at));
            }
            self.position += 2;
            let second = self.hex4(at)?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(Self::invalid_unicode(at));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        match char::from_u32(code) {
            Some(decoded) => {
                out.push(decoded);
                Ok(())
            }
            None => Err(Self::invalid_unicode(at)),
        }
    }

    fn hex4(&mut self, at: usize) -> Step<u32> {
        let digits = self
            .text
            .get(self.position..self.position + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| Self::invalid_unicode(at))?;
        self.position += 4;
        u32::from_str_radix(digits, 16).map_err(|_| Self::invalid_unicode(at))
    }

    fn invalid_unicode(at: usize) -> Failure {
        Failure {
            rule: "parse-syntax",
            message: "invalid unicode escape".to_owned(),
            offset: at,
        }
    }

    fn number(&mut self) -> Step<Node> {
        let start = self.position;
        self.eat(b'-');
        match self.bytes.get(self.position) {
            Some(b'0') => self.position += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.fail("invalid number: expected a digit")),
        }
        if self.eat(b'.') {
            if !self
                .bytes
                .get(self.position)
                .is_some_and(u8::is_ascii_digit)
            {
                return Err(self.fail("invalid number: expected a digit after `.`"));
            }
            self.digits();
        }
        if matches!(self.bytes.get(self.position), Some(b'e' | b'E')) {
            self.position += 1;
            if matches!(self.bytes.get(self.position), Some(b'+' | b'-')) {
                self.position += 1;
            }
            if !self
                .bytes
                .get(self.position)
                .is_some_and(u8::is_ascii_digit)
            {
                return Err(self.fail("invalid number: expected a digit in the exponent"));
            }
            self.digits();
        }
        Ok(Node {
            value: Value::Number(Number {
                json: self.text[start..self.position].into(),
            }),
            span: Span::new(start, self.position),
        })
    }

    fn digits(&mut self) {
        while self
            .bytes
            .get(self.position)
            .is_some_and(u8::is_ascii_digit)
        {
            self.position += 1;
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Step<Node> {
        let start = self.position;
        if self.text[self.position..].starts_with(word) {
            self.position += word.len();
            return Ok(Node {
                value,
                span: Span::new(start, self.position),
            });
        }
        Err(self.fail(&format!(
            "expected a JSON value, found {}",
            self.describe_here()
        )))
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.position) {
            self.position += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.bytes.get(self.position) == Some(&byte) {
            self.position += 1;
            true
        } else {
            false
        }
    }

    fn describe_here(&self) -> String {
        match self.text[self.position..].chars().next() {
            None => "end of file".to_owned(),
            Some(c) if c.is_control() => format!("control character U+{:04X}", c as u32),
            Some(c) => format!("`{c}`"),
        }
    }

    fn fail(&self, message: &str) -> Failure {
        Failure {
            rule: "parse-syntax",
            message: message.to_owned(),
            offset: self.position,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Node {
        let parsed = parse_json(text);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        parsed.documents.into_iter().next().unwrap()
    }

    #[test]
    fn keeps_number_text_exactly() {
        let node = one(r#"{"q": 999999999999999999999999, "f": 500.0, "e": -1.5e+3}"#);
        assert_eq!(
            node.get("q").unwrap().as_number().unwrap().integer_digits(),
            24
        );
        assert!(
            !node
                .get("f")
                .unwrap()
                .as_number()
                .unwrap()
                .is_integer_text()
        );
        assert_eq!(
            &*node.get("e").unwrap().as_number().unwrap().json,
            "-1.5e+3"
        );
    }

    #[test]
    fn records_spans_of_keys_and_values() {
        let text = r#"{"a": [1, "x"]}"#;
        let node = one(text);
        let member = node.member("a").unwrap();
        assert_eq!(&text[member.key_span.start..member.key_span.end], "\"a\"");
        assert_eq!(
            &text[member.value.span.start..member.value.span.end],
            "[1, \"x\"]"
        );
    }

    #[test]
    fn keeps_duplicate_keys() {
        let node = one(r#"{"a": 1, "a": 2}"#);
        assert_eq!(node.as_object().unwrap().len(), 2);
        assert_eq!(node.get("a").unwrap().as_i64(), Some(2));
    }

    #[test]
    fn decodes_escapes_and_surrogates() {
        let node = one(r#""a\n\u00e9\ud83d\ude00""#);
        assert_eq!(node.as_str(), Some("a\n\u{e9}\u{1F600}"));
    }

    #[test]
    fn reports_missing_comma_at_the_next_token() {
        let parsed = parse_json("{\n  \"a\": 1\n  \"b\": 2\n}");
        let problem = &parsed.problems[0];
        assert_eq!(problem.rule, "parse-syntax");
        assert_eq!(problem.span.start, 13);
        assert!(
            problem.message.contains("expected `,`"),
            "{}",
            problem.message
        );
    }

    #[test]
    fn rejects_trailing_commas_and_garbage() {
        for text in [
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1 2",
            "",
            "nul",
            "\"\u{1}\"",
            "-",
            "1.",
            "1e",
        ] {
            let parsed = parse_json(text);
            assert_eq!(parsed.problems.len(), 1, "{text:?}");
        }
    }

    #[test]
    fn stops_at_the_depth_limit_without_overflowing() {
        let text = "[".repeat(100_000);
        let parsed = parse_json(&text);
        assert_eq!(parsed.problems[0].rule, "parse-too-deep");
    }
}
