//! Document kinds: which schema and rules apply, given by the user or detected by shape.

use std::fmt;
use std::str::FromStr;

use crate::document::{Node, Value};

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A Player Info Sync (personalize) v2 response.
    PisResponse,
    /// An Offers API v2 offer configuration.
    Offer,
    /// An Offers API v1 (legacy) offer configuration: a bundle, special offer, popup or
    /// rolling offer as the `/offering/...` endpoints take it.
    OfferV1,
    /// A Products API product.
    Product,
    /// A Badges API badge.
    Badge,
}

impl Kind {
    /// Every kind, in the order detection tries them.
    pub const ALL: [Kind; 5] = [
        Kind::PisResponse,
        Kind::Offer,
        Kind::OfferV1,
        Kind::Product,
        Kind::Badge,
    ];

    /// Returns the kind's name as used by `--kind` and in configs.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Kind::PisResponse => "pis-response",
            Kind::Offer => "offer",
            Kind::OfferV1 => "offer-v1",
            Kind::Product => "product",
            Kind::Badge => "badge",
        }
    }

    /// Returns the word used for the document root in messages ("response must be an object").
    #[must_use]
    pub fn root_word(self) -> &'static str {
        match self {
            Kind::PisResponse => "response",
            Kind::Offer | Kind::OfferV1 => "offer",
            Kind::Product => "product",
            Kind::Badge => "badge",
        }
    }

    /// Guesses the kind of a document from its shape.
    ///
    /// A `status` with `sessionMetadata` or `offers` is a PIS response; a `publisherOfferId`
    /// with a `type` or `productsSequence` is an offer, of the v1 API when
    /// it uses a v1-only field or value (`looks_like_v1`); a `publisherProductId` with product
    /// catalog fields is a product; a `publisherBadgeId` with badge fields is a badge.
    #[must_use]
    pub fn detect(node: &Node) -> Option<Kind> {
        let Value::Object(_) = node.value else {
            return None;
        };
        let has = |key: &str| node.get(key).is_some();
        if has("status") && (has("sessionMetadata") || has("offers")) {
            return Some(Kind::PisResponse);
        }
        if has("publisherOfferId") && (has("type") || has("productsSequence")) {
            if Kind::looks_like_v1(node) {
                return Some(Kind::OfferV1);
            }
            return Some(Kind::Offer);
        }
        let product_fields = ["textFontColorHex", "productImageUrl", "type", "name"];
        if has("publisherProductId") && product_fields.iter().any(|k| has(k)) {
            return Some(Kind::Product);
        }
        let badge_fields = ["type", "badgeImageUrl", "text", "name"];
        if has("publisherBadgeId") && badge_fields.iter().any(|k| has(k)) {
            return Some(Kind::Badge);
        }
        if has("offers") && (has("version") || has("balances")) {
            return Some(Kind::PisResponse);
        }
        None
    }

    /// Returns whether an offer configuration is evidently written for the v1 API.
    ///
    /// A product `priority` settles it for v2: v1 products have no such field and v2 requires
    /// it. Without one, any of these marks v1: products in the sequences (all of them without
    /// `priority`), a `dynamicOfferUi` object, an `offerUiId` with no `offerExternalUiId`, or
    /// the `createdBy` field of the earliest offer shape.
    fn looks_like_v1(node: &Node) -> bool {
        let products: Vec<&Node> = node
            .get("productsSequence")
            .and_then(Node::as_array)
            .unwrap_or_default()
            .iter()
            .filter_map(|sequence| sequence.get("products")?.as_array())
            .flatten()
            .collect();
        if products
            .iter()
            .any(|product| product.get("priority").is_some())
        {
            return false;
        }
        let has = |key: &str| node.get(key).is_some();
        !products.is_empty()
            || has("dynamicOfferUi")
            || (has("offerUiId") && !has("offerExternalUiId"))
            || has("createdBy")
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Kind {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|kind| kind.name() == text)
            .ok_or_else(|| {
                let names: Vec<_> = Kind::ALL.iter().map(|k| k.name()).collect();
                format!(
                    "unknown kind `{text}`; expected one of {}",
                    names.join(", ")
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Format, parse_json};

    fn detect(text: &str) -> Option<Kind> {
        Kind::detect(&parse_json(text).documents[0])
    }

    #[test]
    fn detects_each_kind_by_shape() {
        assert_eq!(
            detect(r#"{"status":"valid","sessionMetadata":{}}"#),
            Some(Kind::PisResponse)
        );
        assert_eq!(
            detect(r#"{"publisherOfferId":"a","type":"Bundle"}"#),
            Some(Kind::Offer)
        );
        assert_eq!(
            detect(r#"{"publisherProductId":"a","name":"A"}"#),
            Some(Kind::Product)
        );
        assert_eq!(
            detect(r#"{"publisherBadgeId":"a","type":"ribbon"}"#),
            Some(Kind::Badge)
        );
    }

    #[test]
    fn detects_nothing_for_unknown_shapes() {
        assert_eq!(detect(r#"{"hello":"world"}"#), None);
        assert_eq!(detect("[1,2]"), None);
        assert_eq!(detect(r#"{"publisherProductId":"a","quantity":1}"#), None);
    }

    const V2_BUNDLE: &str = r#"{"publisherOfferId": "a", "type": "Bundle", "offerUiId": "ui",
        "productsSequence": [{"index": 1, "priceInUsdCents": 99,
        "products": [{"publisherProductId": "gems", "quantity": 5, "priority": "Main"}]}]}"#;

    #[test]
    fn detects_a_v1_offer_by_products_without_priority() {
        let text = r#"{"publisherOfferId": "a", "type": "Bundle",
            "productsSequence": [{"index": 1, "priceInUsdCents": 99,
            "products": [{"publisherProductId": "gems", "quantity": 5}]}]}"#;
        assert_eq!(detect(text), Some(Kind::OfferV1));
    }

    #[test]
    fn detects_a_v1_offer_by_its_v1_only_fields() {
        let base = r#""publisherOfferId": "a", "type": "Bundle""#;
        for extra in [
            r#""dynamicOfferUi": {"salePercentage": 10}"#,
            r#""offerUiId": "ui""#,
            r#""createdBy": "API""#,
        ] {
            assert_eq!(
                detect(&format!("{{{base}, {extra}}}")),
                Some(Kind::OfferV1),
                "{extra}"
            );
        }
    }

    #[test]
    fn keeps_v2_when_a_product_has_a_priority() {
        assert_eq!(detect(V2_BUNDLE), Some(Kind::Offer));
        let with_legacy = V2_BUNDLE.replacen('{', r#"{"dynamicOfferUi": {}, "#, 1);
        assert_eq!(detect(&with_legacy), Some(Kind::Offer));
    }

    #[test]
    fn keeps_v2_without_any_v1_mark() {
        assert_eq!(
            detect(r#"{"publisherOfferId": "a", "type": "Bundle", "offerExternalUiId": "d"}"#),
            Some(Kind::Offer)
        );
        assert_eq!(
            detect(
                r#"{"publisherOfferId": "a", "offerUiId": "ui", "offerExternalUiId": "d",
                "productsSequence": []}"#
            ),
            Some(Kind::Offer)
        );
    }

    #[test]
    fn detects_every_shipped_v2_offer_as_v2() {
        let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        for folder in [
            manifest.join("examples/offers"),
            manifest.join("../shared/corpus/publisher-a/offers"),
        ] {
            for file in offer_files(&folder) {
                let text = std::fs::read_to_string(&file).expect("readable example");
                let name = file.display().to_string();
                let parsed = crate::document::parse(&text, Format::from_name(&name));
                for root in &parsed.documents {
                    let units = match &root.value {
                        Value::Array(items) => items.iter().collect(),
                        _ => vec![root],
                    };
                    for unit in units {
                        let kind = Kind::detect(unit);
                        assert!(
                            kind.is_none_or(|k| k == Kind::Offer),
                            "{name}: detected as {kind:?}"
                        );
                        checked += usize::from(kind.is_some());
                    }
                }
            }
        }
        assert!(checked >= 10, "only {checked} offers checked");
    }

    /// Lists the JSON and YAML files under `folder`, depth first; nothing if it is missing.
    fn offer_files(folder: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut files = Vec::new();
        let Ok(entries) = std::fs::read_dir(folder) else {
            return files;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                files.extend(offer_files(&path));
            } else if path
                .extension()
                .is_some_and(|e| e == "json" || e == "yaml" || e == "yml")
            {
                files.push(path);
            }
        }
        files
    }

    #[test]
    fn parses_kind_names() {
        assert_eq!("pis-response".parse::<Kind>(), Ok(Kind::PisResponse));
        assert_eq!("offer-v1".parse::<Kind>(), Ok(Kind::OfferV1));
        assert!("pis".parse::<Kind>().is_err());
    }
}
