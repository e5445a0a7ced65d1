//! The whole pipeline on JSON: `Linter::check_bytes` (size limit, decoding, parsing, kind
//! detection, schemas, code rules, positions), then the Integration Error Events. Each input
//! is checked twice: with its kind detected from its shape, and forced to a kind picked by
//! the input's length (so inputs stay plain files that seed corpora can hold as they are).

#![no_main]

use libfuzzer_sys::fuzz_target;
use offerlint::{Format, Kind};

fuzz_target!(|bytes: &[u8]| {
    let linter = offerlint_fuzz::linter();
    let forced = Kind::ALL[bytes.len() % Kind::ALL.len()];
    for kind in [None, Some(forced)] {
        let report = linter.check_bytes("fuzz.json", bytes, Format::Json, kind);
        offerlint_fuzz::assert_report_well_formed(bytes.len(), &report);
    }
});
