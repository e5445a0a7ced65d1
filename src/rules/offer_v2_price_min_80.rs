//! `offer-v2-price-min-80`: checkout links are paid offers with no free option, priced from 80
//! US cents.

use super::helpers::{OfferType, offer_type, price, sequences_with_paths};
use super::{Context, Hit};
use crate::document::Path;

/// The smallest price of a checkout link, in US cents.
const MIN_PRICE: i64 = 80;

/// Reports each checkout link sequence priced from 0 to 79 cents.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    if offer_type(context) != Some(OfferType::CheckoutLink) {
        return;
    }
    for (path, sequence) in sequences_with_paths(context.root, &Path::root()) {
        // Negative and fractional prices are the schema's finding.
        if price(sequence).is_some_and(|cents| (0..MIN_PRICE).contains(&cents)) {
            hits.push(
                Hit::at(
                    "offer-v2-price-min-80",
                    path.key("priceInUsdCents"),
                    format!("priceInUsdCents must not be less than {MIN_PRICE}"),
                )
                .help("set a price of at least 80 US cents; checkout links cannot be free"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::hits;

    fn link(price: &str) -> String {
        format!(
            r#"{{"type": "CheckoutLink", "offerUiId": "ui", "productsSequence": [{{"index": 1, "priceInUsdCents": {price}, "playerAvailability": 1, "products": [{{"publisherProductId": "gems", "quantity": 5, "priority": "Main"}}]}}]}}"#
        )
    }

    #[test]
    fn fires_on_a_free_checkout_link() {
        assert_eq!(
            hits(&link("0"), "offer"),
            [(
                "offer-v2-price-min-80".to_owned(),
                "productsSequence.0.priceInUsdCents".to_owned()
            )]
        );
    }

    #[test]
    fn stays_silent_from_80_cents() {
        assert!(hits(&link("80"), "offer").is_empty());
        assert!(hits(&link("499"), "offer").is_empty());
    }

    #[test]
    fn leaves_odd_prices_and_bundles_alone() {
        assert!(hits(&link("-1"), "offer").is_empty());
        assert!(hits(&link("\"0\""), "offer").is_empty());
        let bundle = link("0").replace("CheckoutLink", "Bundle");
        assert!(
            hits(&bundle, "offer")
                .iter()
                .all(|(rule, _)| rule != "offer-v2-price-min-80")
        );
    }
}
