//! `offer-v2-free-special-no-schedule`: an older scheduling guide says free special offers
//! cannot be scheduled; they stay permanent and are targeted by segment. The current docs do
//! not repeat it, so this is a warning.

use super::helpers::{OfferType, is_free, offer_type};
use super::{Context, Hit};
use crate::document::{Node, Path, Value};

/// Reports the `schedule` of a free special offer when it limits the offer to time frames.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    if offer_type(context) != Some(OfferType::SpecialOffer) || !is_free(context.root) {
        return;
    }
    let Some(schedule) = context.root.get("schedule") else {
        return;
    };
    if is_scheduled(schedule) {
        hits.push(
            Hit::at(
                "offer-v2-free-special-no-schedule",
                Path::root().key("schedule"),
                "schedule is not supported on a free special offer".to_owned(),
            )
            .help("drop the time frames and target the offer by segment, or give it a price"),
        );
    }
}

/// Returns whether a schedule restricts the offer: not permanent, or with time frames.
fn is_scheduled(schedule: &Node) -> bool {
    let not_permanent = schedule
        .get("permanent")
        .is_some_and(|permanent| permanent.value == Value::Bool(false));
    let has_frames = schedule
        .get("timeFrames")
        .and_then(Node::as_array)
        .is_some_and(|frames| !frames.is_empty());
    not_permanent || has_frames
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::hits;

    fn special(price: u32, schedule: &str) -> String {
        format!(
            "type: SpecialOffer\nofferUiId: ui\nproductsSequence:\n  - {{ index: 1, priceInUsdCents: {price}, products: [{{ publisherProductId: gems, quantity: 5, priority: Main }}] }}\n{schedule}"
        )
    }

    const FRAMED: &str = "schedule:\n  permanent: false\n  timeFrames:\n    - { startTime: '2027-01-01T00:00:00Z', endTime: '2027-01-02T00:00:00Z' }\n";

    #[test]
    fn fires_on_a_scheduled_free_special_offer() {
        assert_eq!(
            hits(&special(0, FRAMED), "offer"),
            [(
                "offer-v2-free-special-no-schedule".to_owned(),
                "schedule".to_owned()
            )]
        );
    }

    #[test]
    fn stays_silent_on_paid_or_permanent_offers() {
        assert!(hits(&special(499, FRAMED), "offer").is_empty());
        let permanent = "schedule:\n  permanent: true\n  timeFrames: []\n";
        assert!(hits(&special(0, permanent), "offer").is_empty());
        assert!(hits(&special(0, ""), "offer").is_empty());
    }

    #[test]
    fn skips_a_schedule_of_another_shape() {
        assert!(hits(&special(0, "schedule: weekly\n"), "offer").is_empty());
    }
}
