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

#[test]
fn dropping_and_regathering_references_gives_the_same_findings() {
    use offerlint::LinterOptions;
    use offerlint::walk::collect;

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let (files, errors) = collect(&[root]);
    assert!(errors.is_empty());
    let run = |gather: bool| {
        let mut options = LinterOptions::default();
        options.now = Some("2026-12-01T00:00:00Z".parse().unwrap());
        options.gather_references = gather;
        let linter = Linter::with_options(options).unwrap();
        let read = |index: usize| std::fs::read(&files[index]).unwrap();
        let mut reports: Vec<_> = (0..files.len())
            .map(|i| {
                let name = files[i].display().to_string();
                linter.check_bytes(&name, &read(i), Format::from_name(&name), None)
            })
            .collect();
        let refetch = |i: usize| {
            let name = files[i].display().to_string();
            Some(linter.references_of(&name, &read(i), Format::from_name(&name), None))
        };
        linter.check_catalog_with(&mut reports, &[], &refetch);
        reports
            .into_iter()
            .map(|r| (r.name, r.findings))
            .collect::<Vec<_>>()
    };
    let kept = run(true);
    let regathered = run(false);
    let catalog_findings = kept
        .iter()
        .flat_map(|(_, f)| f)
        .filter(|f| f.rule.starts_with("catalog-"))
        .count();
    assert!(
        catalog_findings > 5,
        "examples should exercise catalog rules"
    );
    assert_eq!(kept, regathered);
}
