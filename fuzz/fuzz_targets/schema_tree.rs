//! Differential target for the schema stage: a document validated in place on the span tree
//! must give exactly the failures it gives once copied into a `serde_json::Value`, for every
//! kind. Inputs are read as JSON, or as YAML when they are not JSON.

#![no_main]

use libfuzzer_sys::fuzz_target;
use offerlint::Kind;
use offerlint::document::{self, Decoded, Format};

fuzz_target!(|bytes: &[u8]| {
    let Decoded::Text(text, _) = document::decode(bytes) else {
        return;
    };
    let schemas = offerlint_fuzz::linter().schemas();
    let mut parsed = document::parse(text, Format::Json);
    if parsed.documents.is_empty() {
        parsed = document::parse(text, Format::Yaml);
    }
    for tree in &parsed.documents {
        let mut duplicates = Vec::new();
        let value = document::to_json(tree, &mut duplicates);
        if !duplicates.is_empty() {
            continue;
        }
        for kind in Kind::ALL {
            let in_place = schemas.check(kind, tree);
            assert_eq!(in_place, schemas.check_value(kind, &value), "{kind}");
            assert_eq!(schemas.is_valid(kind, tree), in_place.is_empty(), "{kind}");
        }
    }
});
