//! Raw bytes → UTF-8 decoding → the JSON parser. Besides not panicking, the parser must
//! accept exactly the documents `serde_json` accepts (where nesting stays below `serde_json`'s
//! own recursion limit), and keep every span inside the text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use offerlint::document::{self, Decoded};

fuzz_target!(|bytes: &[u8]| {
    let Decoded::Text(text, _) = document::decode(bytes) else {
        return;
    };
    let parsed = document::parse_json(text);
    offerlint_fuzz::assert_parsed_in_bounds(text, &parsed);
    assert!(parsed.documents.len() + parsed.problems.len() == 1);

    // Brackets inside strings count too, so this over-estimates the nesting: safe.
    // serde_json (with arbitrary_precision) reads an object with one reserved key as a
    // number, so such inputs are no reference for plain JSON.
    if max_bracket_depth(text) < 100 && !text.contains(SERDE_NUMBER_TOKEN) {
        let reference = serde_json::from_str::<serde_json::Value>(text);
        assert_eq!(
            parsed.problems.is_empty(),
            reference.is_ok(),
            "offerlint: {:?}, serde_json: {:?}",
            parsed.problems,
            reference.err()
        );
    }
});

const SERDE_NUMBER_TOKEN: &str = "$serde_json::private::Number";

fn max_bracket_depth(text: &str) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0;
    for byte in text.bytes() {
        match byte {
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}
