//! Large and repetitive runs: the catalog answers correctly and without quadratic work.

use std::fmt::Write as _;

use offerlint::{Format, Kind, Linter};

#[test]
fn resolves_references_against_fifty_thousand_products() {
    let linter = Linter::new().unwrap();
    let mut products = String::new();
    for i in 0..50_000 {
        let _ = writeln!(
            products,
            "- {{name: Item {i}, publisherProductId: item_{i:05}, type: Quantity, \
             textFontColorHex: '#AABBCC', productImageUrl: https://example.invalid/{i}.png}}"
        );
    }
    let catalog = linter.check_bytes(
        "products.yaml",
        products.as_bytes(),
        Format::Yaml,
        Some(Kind::Product),
    );
    assert!(catalog.findings.is_empty(), "{:?}", &catalog.findings[..1]);

    let mut balances = Vec::new();
    for i in (0..50_000).step_by(50) {
        balances.push(format!(
            r#"{{"publisherProductId": "item_{i:05}", "quantity": 1}}"#
        ));
    }
    balances.push(r#"{"publisherProductId": "item_4999x", "quantity": 1}"#.to_owned());
    let response = format!(
        r#"{{"version": 2, "status": "valid", "sessionMetadata": {{}}, "balances": [{}]}}"#,
        balances.join(",")
    );
    let mut reports = [linter.check_bytes("pis.json", response.as_bytes(), Format::Json, None)];
    linter.check_catalog(&mut reports, &[catalog]);
    let misses: Vec<_> = reports[0]
        .findings
        .iter()
        .filter(|f| f.rule == "catalog-product-known")
        .collect();
    assert_eq!(misses.len(), 1, "{misses:?}");
    assert_eq!(
        misses[0].property().as_deref(),
        Some("balances.1000.publisherProductId")
    );
    assert!(
        misses[0]
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("item_4999")
    );
}

#[test]
fn reports_every_copy_of_an_offer_repeated_a_thousand_times() {
    let linter = Linter::new().unwrap();
    let offer = r#"{"publisherOfferId": "bundle-same", "name": "Same", "type": "Bundle", "active": true,
        "offerExternalUiId": "design-1", "segments": [],
        "productsSequence": [{"index": 1, "priceInUsdCents": 199,
        "products": [{"publisherProductId": "coins", "quantity": 5, "priority": "Main"}]}]}"#;
    let text = format!("[{}]", vec![offer; 1000].join(","));
    let mut reports = [linter.check_bytes(
        "offers.json",
        text.as_bytes(),
        Format::Json,
        Some(Kind::Offer),
    )];
    linter.check_catalog(&mut reports, &[]);
    let duplicates: Vec<_> = reports[0]
        .findings
        .iter()
        .filter(|f| f.rule == "catalog-offer-id-unique")
        .collect();
    assert_eq!(duplicates.len(), 1000);
    assert!(duplicates.iter().all(|f| f.related.len() == 1));
    assert_eq!(
        duplicates[0].property().as_deref(),
        Some("0.publisherOfferId")
    );
}

#[test]
fn reports_a_self_referencing_alias_instead_of_looping() {
    let linter = Linter::new().unwrap();
    let text = "publisherProductId: &a [*a]\n";
    let report = linter.check_bytes(
        "cycle.yaml",
        text.as_bytes(),
        Format::Yaml,
        Some(Kind::Product),
    );
    let finding = &report.findings[0];
    assert_eq!(finding.rule, "parse-syntax");
    assert!(
        finding.message.contains("unknown anchor"),
        "{}",
        finding.message
    );
    assert_eq!((finding.start.line, finding.start.column), (1, 25));
}
