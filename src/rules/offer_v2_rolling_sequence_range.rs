//! `offer-v2-rolling-sequence-range`: a rolling offer chains two to fifty steps. With one step
//! there is nothing to roll (a bundle or special offer does that job); more than fifty are
//! refused.

use super::helpers::{OfferType, offer_type, sequences};
use super::{Context, Hit};
use crate::document::Path;

/// The fewest steps of a rolling offer.
const MIN_STEPS: usize = 2;
/// The most steps of a rolling offer.
const MAX_STEPS: usize = 50;

/// Reports a rolling offer whose `productsSequence` has fewer than 2 or more than 50 steps.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    if offer_type(context) != Some(OfferType::RollingOffer) {
        return;
    }
    let Some(steps) = sequences(context.root) else {
        return;
    };
    if !(MIN_STEPS..=MAX_STEPS).contains(&steps.len()) {
        let help = if steps.len() < MIN_STEPS {
            "add steps, or use a bundle or special offer for a single step"
        } else {
            "remove steps, or split the chain into two rolling offers"
        };
        hits.push(
            Hit::at(
                "offer-v2-rolling-sequence-range",
                Path::root().key("productsSequence"),
                format!(
                    "productsSequence must contain between {MIN_STEPS} and {MAX_STEPS} elements"
                ),
            )
            .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use crate::rules::testing::hits;

    fn rolling(steps: usize) -> String {
        let mut text = String::from("type: RollingOffer\nofferUiId: ui\nproductsSequence:\n");
        for index in 1..=steps {
            let _ = writeln!(
                text,
                "  - index: {index}\n    priceInUsdCents: 0\n    products: [{{ publisherProductId: gems, quantity: 1, priority: Main }}]"
            );
        }
        text
    }

    #[test]
    fn fires_on_a_single_step() {
        assert_eq!(
            hits(&rolling(1), "offer"),
            [(
                "offer-v2-rolling-sequence-range".to_owned(),
                "productsSequence".to_owned()
            )]
        );
    }

    #[test]
    fn stays_silent_from_2_to_50_steps() {
        assert!(hits(&rolling(2), "offer").is_empty());
        assert!(hits(&rolling(50), "offer").is_empty());
    }

    #[test]
    fn fires_on_51_steps_and_on_none() {
        assert_eq!(hits(&rolling(51), "offer").len(), 1);
        assert_eq!(
            hits(
                "type: RollingOffer\nofferUiId: ui\nproductsSequence: []\n",
                "offer"
            )
            .len(),
            1
        );
    }
}
