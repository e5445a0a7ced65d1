//! `offer-v2-price-free-or-min-80`: bundles, special offers, post-purchase and store refresh
//! popups are either free or priced from 80 US cents; a price in between is below the smallest
//! price the store sells at and the Offers API refuses it.

use super::helpers::{OfferType, offer_type, price, sequences_with_paths};
use super::{Context, Hit};
use crate::document::Path;

/// The smallest paid price, in US cents.
const MIN_PAID: i64 = 80;

/// Reports each sequence of those types priced from 1 to 79 cents.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    if !matches!(
        offer_type(context),
        Some(
            OfferType::Bundle
                | OfferType::SpecialOffer
                | OfferType::PostPurchase
                | OfferType::StoreRefresh
        )
    ) {
        return;
    }
    for (path, sequence) in sequences_with_paths(context.root, &Path::root()) {
        // Negative and fractional prices are the schema's finding.
        if price(sequence).is_some_and(|cents| (1..MIN_PAID).contains(&cents)) {
            hits.push(
                Hit::at(
                    "offer-v2-price-free-or-min-80",
                    path.key("priceInUsdCents"),
                    format!("priceInUsdCents must be 0 or not less than {MIN_PAID}"),
                )
                .help("set 0 for a free offer or at least 80; the price is in US cents"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::hits;

    fn bundle(price: &str) -> String {
        format!(
            "type: Bundle\nofferUiId: ui\nproductsSequence:\n  - index: 1\n    priceInUsdCents: {price}\n    products: [{{ publisherProductId: gems, quantity: 5, priority: Main }}]\n"
        )
    }

    #[test]
    fn fires_on_49_cents() {
        assert_eq!(
            hits(&bundle("49"), "offer"),
            [(
                "offer-v2-price-free-or-min-80".to_owned(),
                "productsSequence.0.priceInUsdCents".to_owned()
            )]
        );
    }

    #[test]
    fn stays_silent_on_free_and_on_80_or_more() {
        for price in ["0", "80", "99", "1000000000000000000000000"] {
            assert!(hits(&bundle(price), "offer").is_empty(), "{price}");
        }
    }

    #[test]
    fn leaves_odd_prices_and_other_types_alone() {
        for price in ["-5", "1.5", "'49'"] {
            assert!(hits(&bundle(price), "offer").is_empty(), "{price}");
        }
        let rolling = bundle("49").replace("Bundle", "RollingOffer");
        assert!(
            hits(&rolling, "offer")
                .iter()
                .all(|(rule, _)| rule != "offer-v2-price-free-or-min-80")
        );
    }
}
