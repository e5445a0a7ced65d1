//! Raw bytes → UTF-8 decoding → the YAML parser (events, tree building, alias budget).

#![no_main]

use libfuzzer_sys::fuzz_target;
use offerlint::document::{self, Decoded};

fuzz_target!(|bytes: &[u8]| {
    let Decoded::Text(text, _) = document::decode(bytes) else {
        return;
    };
    let parsed = document::parse_yaml(text);
    offerlint_fuzz::assert_parsed_in_bounds(text, &parsed);
});
