//! `offer-v2-intervals-needs-availability`: `schedule.intervals` resets the player's purchase
//! count on a recurring basis; without a `playerAvailability` limit on a sequence there is
//! nothing to reset, so the setting has no effect.

use super::helpers::{given, offer_type, sequences};
use super::{Context, Hit};
use crate::document::Path;

/// Reports `schedule.intervals` on an offer none of whose sequences has `playerAvailability`.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    if offer_type(context).is_none() {
        return;
    }
    let root = context.root;
    let Some(schedule) = root.get("schedule") else {
        return;
    };
    if given(schedule, "intervals").is_none() {
        return;
    }
    let limited = sequences(root)
        .unwrap_or_default()
        .iter()
        .any(|sequence| given(sequence, "playerAvailability").is_some());
    if !limited {
        hits.push(
            Hit::at(
                "offer-v2-intervals-needs-availability",
                Path::root().key("schedule").key("intervals"),
                "intervals has no effect without playerAvailability".to_owned(),
            )
            .help("add a playerAvailability limit to the sequence, or remove intervals"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::hits;

    fn special(availability: &str) -> String {
        format!(
            "type: SpecialOffer\nofferUiId: ui\nproductsSequence:\n  - {{ index: 1, priceInUsdCents: 499, {availability}products: [{{ publisherProductId: gems, quantity: 5, priority: Main }}] }}\nschedule:\n  permanent: true\n  timeFrames: []\n  intervals: weekly\n"
        )
    }

    #[test]
    fn fires_without_a_limit() {
        assert_eq!(
            hits(&special(""), "offer"),
            [(
                "offer-v2-intervals-needs-availability".to_owned(),
                "schedule.intervals".to_owned()
            )]
        );
    }

    #[test]
    fn stays_silent_with_a_limit() {
        assert!(hits(&special("playerAvailability: 3, "), "offer").is_empty());
    }

    #[test]
    fn stays_silent_without_intervals() {
        let text = special("").replace("  intervals: weekly\n", "");
        assert!(hits(&text, "offer").is_empty());
        let null = special("").replace("intervals: weekly", "intervals: null");
        assert!(hits(&null, "offer").is_empty());
    }

    #[test]
    fn a_null_limit_is_no_limit() {
        assert_eq!(
            hits(&special("playerAvailability: null, "), "offer").len(),
            1
        );
    }
}
