//! `pis-rarity-legacy-shape`: older callback pages put `tooltipText` and `rarityText` directly
//! under `rarityProductInfo`; the current schema nests them in `tooltip` (or replaces them with
//! tooltip sections). The flat form is accepted but may stop working.

use super::helpers::{given, pis_offers, products, sequences_with_paths};
use super::{Context, Hit};
use crate::schema::Anchor;

/// The flat keys of the legacy form.
const LEGACY_KEYS: [&str; 2] = ["tooltipText", "rarityText"];

/// Reports each flat `tooltipText` or `rarityText` of a product's `rarityProductInfo`, on its key.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    for (offer_path, offer) in pis_offers(context) {
        for (sequence_path, sequence) in sequences_with_paths(offer, &offer_path) {
            let products_path = sequence_path.key("products");
            for (index, product) in products(sequence).unwrap_or_default().iter().enumerate() {
                let Some(info) = product.get("rarityProductInfo") else {
                    continue;
                };
                let info_path = products_path.index(index).key("rarityProductInfo");
                for key in LEGACY_KEYS {
                    if given(info, key).is_some() {
                        let mut hit = Hit::at(
                            "pis-rarity-legacy-shape",
                            info_path.key(key),
                            format!(
                                "{key} is the legacy form; put it in rarityProductInfo.tooltip"
                            ),
                        )
                        .help("move tooltipText and rarityText into a tooltip object");
                        hit.anchor = Anchor::Key;
                        hits.push(hit);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::hits;

    fn response(info: &str) -> String {
        format!(
            r#"{{"status": "valid", "sessionMetadata": {{}}, "offers": [{{"publisherOfferId": "a", "productsSequence": [{{"index": 1, "products": [{{"publisherProductId": "p", "quantity": 1, "rarityProductInfo": {info}}}]}}]}}]}}"#
        )
    }

    #[test]
    fn fires_on_the_flat_form() {
        assert_eq!(
            hits(
                &response(r#"{"stars": 3, "tooltipText": "Rare find", "rarityText": "Rare"}"#),
                "pis-response"
            ),
            [
                (
                    "pis-rarity-legacy-shape".to_owned(),
                    "offers.0.productsSequence.0.products.0.rarityProductInfo.tooltipText"
                        .to_owned()
                ),
                (
                    "pis-rarity-legacy-shape".to_owned(),
                    "offers.0.productsSequence.0.products.0.rarityProductInfo.rarityText"
                        .to_owned()
                ),
            ]
        );
    }

    #[test]
    fn stays_silent_on_the_nested_form() {
        let nested =
            r#"{"stars": 3, "tooltip": {"tooltipText": "Rare find", "rarityText": "Rare"}}"#;
        assert!(hits(&response(nested), "pis-response").is_empty());
    }

    #[test]
    fn skips_a_rarity_info_of_another_shape() {
        assert!(hits(&response(r#""Rare""#), "pis-response").is_empty());
    }
}
