//! `offer-v2-progress-points-not-popup-checkout`: only offers bought or collected in the store
//! page feed the progress bar. Popups and checkout links never add points, so
//! `progressBarPoints` on them is a setting that does nothing.

use super::helpers::{OfferType, given, offer_type, sequences_with_paths};
use super::{Context, Hit};
use crate::document::Path;

/// Reports each sequence `progressBarPoints` of a popup or checkout link.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    let Some(offer_type) = offer_type(context) else {
        return;
    };
    if !(offer_type.is_popup() || offer_type == OfferType::CheckoutLink) {
        return;
    }
    for (path, sequence) in sequences_with_paths(context.root, &Path::root()) {
        if given(sequence, "progressBarPoints").is_some() {
            hits.push(
                Hit::at(
                    "offer-v2-progress-points-not-popup-checkout",
                    path.key("progressBarPoints"),
                    "progressBarPoints is not allowed on popup or checkout link offers".to_owned(),
                )
                .help("remove progressBarPoints; only store page offers feed the progress bar"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::hits;

    fn offer(offer_type: &str) -> String {
        format!(
            "type: {offer_type}\nofferUiId: ui\nproductsSequence:\n  - index: 1\n    priceInUsdCents: 499\n    playerAvailability: 1\n    products: [{{ publisherProductId: gems, quantity: 5, priority: Main }}]\n    progressBarPoints: [{{ publisherBarId: bar, points: 10 }}]\n"
        )
    }

    #[test]
    fn fires_on_a_checkout_link() {
        assert_eq!(
            hits(&offer("CheckoutLink"), "offer"),
            [(
                "offer-v2-progress-points-not-popup-checkout".to_owned(),
                "productsSequence.0.progressBarPoints".to_owned()
            )]
        );
    }

    #[test]
    fn stays_silent_on_special_offers() {
        assert!(hits(&offer("SpecialOffer"), "offer").is_empty());
    }

    #[test]
    fn fires_on_any_popup() {
        let refresh = offer("PopUp\nsubType: StoreRefresh");
        assert_eq!(hits(&refresh, "offer").len(), 1);
        let unknown = offer("PopUp\nsubType: Surprise");
        assert_eq!(
            hits(&unknown, "offer")
                .iter()
                .filter(|(rule, _)| rule == "offer-v2-progress-points-not-popup-checkout")
                .count(),
            1
        );
    }
}
