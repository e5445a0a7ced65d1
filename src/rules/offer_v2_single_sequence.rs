//! `offer-v2-single-sequence`: special offers, post-purchase popups and checkout links have
//! exactly one sequence in the Offers API, and personalization holds bundles and store refresh
//! popups to one as well. Extra sequences are refused or never shown.

use super::helpers::{OfferType, offer_type, sequences};
use super::{Context, Hit};
use crate::document::Path;

/// Reports a single-sequence offer whose `productsSequence` does not hold exactly one element.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    let Some(offer_type) = offer_type(context) else {
        return;
    };
    if !matches!(
        offer_type,
        OfferType::Bundle
            | OfferType::SpecialOffer
            | OfferType::PostPurchase
            | OfferType::StoreRefresh
            | OfferType::CheckoutLink
    ) {
        return;
    }
    let Some(count) = sequences(context.root).map(<[_]>::len) else {
        return;
    };
    if count != 1 {
        let help = if count == 0 {
            "add the offer's one sequence".to_owned()
        } else {
            format!(
                "put all products of {} in one sequence, or use a rolling offer for a chain",
                offer_type.describe()
            )
        };
        hits.push(
            Hit::at(
                "offer-v2-single-sequence",
                Path::root().key("productsSequence"),
                "productsSequence must contain exactly 1 element".to_owned(),
            )
            .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::hits;

    const SPECIAL: &str = "
type: SpecialOffer
offerUiId: ui
productsSequence:
  - index: 1
    priceInUsdCents: 499
    products: [{ publisherProductId: gems, quantity: 5, priority: Main }]
";
    const SECOND: &str = "  - index: 2
    priceInUsdCents: 999
    products: [{ publisherProductId: gems, quantity: 12, priority: Main }]
";

    #[test]
    fn fires_on_a_special_offer_with_two_sequences() {
        assert_eq!(
            hits(&format!("{SPECIAL}{SECOND}"), "offer"),
            [(
                "offer-v2-single-sequence".to_owned(),
                "productsSequence".to_owned()
            )]
        );
    }

    #[test]
    fn stays_silent_on_one_sequence_and_on_multi_sequence_types() {
        assert!(hits(SPECIAL, "offer").is_empty());
        let rolling = SPECIAL.replace("SpecialOffer", "RollingOffer");
        assert!(hits(&format!("{rolling}{SECOND}"), "offer").is_empty());
    }

    #[test]
    fn covers_bundles_checkout_links_and_empty_lists() {
        let bundle = SPECIAL.replace("SpecialOffer", "Bundle");
        assert_eq!(hits(&format!("{bundle}{SECOND}"), "offer").len(), 1);
        let empty = "type: CheckoutLink\nofferUiId: ui\nproductsSequence: []\n";
        assert_eq!(hits(empty, "offer").len(), 1);
        assert!(
            hits(
                "type: CheckoutLink\nofferUiId: ui\nproductsSequence: 3\n",
                "offer"
            )
            .is_empty()
        );
    }
}
