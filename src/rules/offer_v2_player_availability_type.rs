//! `offer-v2-player-availability-type`: purchase limits exist for special offers, store refresh
//! popups and checkout links. On other types the API has no such field, so the limit the
//! publisher meant is never applied.

use super::helpers::{OfferType, given, offer_type, sequences_with_paths};
use super::{Context, Hit};
use crate::document::Path;

/// Reports each sequence `playerAvailability` of an offer type that has no purchase limit.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    let Some(offer_type) = offer_type(context) else {
        return;
    };
    if matches!(
        offer_type,
        OfferType::SpecialOffer | OfferType::StoreRefresh | OfferType::CheckoutLink
    ) {
        return;
    }
    for (path, sequence) in sequences_with_paths(context.root, &Path::root()) {
        if given(sequence, "playerAvailability").is_some() {
            hits.push(
                Hit::at(
                    "offer-v2-player-availability-type",
                    path.key("playerAvailability"),
                    "playerAvailability is not allowed for this offer type".to_owned(),
                )
                .help(format!(
                    "remove the limit, which {} does not apply, or make the offer a special offer",
                    offer_type.describe()
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::hits;

    fn offer(offer_type: &str) -> String {
        format!(
            "type: {offer_type}\nofferUiId: ui\nproductsSequence:\n  - {{ index: 1, priceInUsdCents: 399, playerAvailability: 2, products: [{{ publisherProductId: gems, quantity: 5, priority: Main }}] }}\n"
        )
    }

    #[test]
    fn fires_on_a_bundle() {
        assert_eq!(
            hits(&offer("Bundle"), "offer"),
            [(
                "offer-v2-player-availability-type".to_owned(),
                "productsSequence.0.playerAvailability".to_owned()
            )]
        );
    }

    #[test]
    fn stays_silent_on_special_offers_refresh_popups_and_checkout_links() {
        assert!(hits(&offer("SpecialOffer"), "offer").is_empty());
        assert!(hits(&offer("CheckoutLink"), "offer").is_empty());
        let refresh = offer("PopUp\nsubType: StoreRefresh");
        assert!(hits(&refresh, "offer").is_empty());
    }

    #[test]
    fn skips_unknown_types() {
        assert!(hits(&offer("Promotion"), "offer").is_empty());
    }
}
