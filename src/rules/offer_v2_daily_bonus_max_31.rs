//! `offer-v2-daily-bonus-max-31`: a daily bonus pays one reward a day for at most 31 days, one
//! sequence per day; the daily bonus guide refuses longer cycles.

use super::helpers::{OfferType, offer_type, sequences};
use super::{Context, Hit};
use crate::document::Path;

/// The longest daily bonus cycle, in days.
const MAX_DAYS: usize = 31;

/// Reports a daily bonus with more than 31 sequences, on the `productsSequence` array.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    if offer_type(context) != Some(OfferType::DailyBonus) {
        return;
    }
    let Some(days) = sequences(context.root) else {
        return;
    };
    if days.len() > MAX_DAYS {
        hits.push(
            Hit::at(
                "offer-v2-daily-bonus-max-31",
                Path::root().key("productsSequence"),
                format!("productsSequence must contain no more than {MAX_DAYS} elements"),
            )
            .help(format!(
                "shorten the cycle from {} to at most {MAX_DAYS} days, or set startOver to repeat it",
                days.len()
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::hits;

    fn daily_bonus(days: usize) -> String {
        let sequence = (1..=days)
            .map(|day| {
                format!(
                    r#"{{"index": {day}, "priceInUsdCents": 0, "products": [{{"publisherProductId": "gems", "quantity": 1, "priority": "Main"}}]}}"#
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            r#"{{"type": "PopUp", "subType": "DailyBonus", "offerUiId": "ui", "productsSequence": [{sequence}]}}"#
        )
    }

    #[test]
    fn fires_on_32_days() {
        assert_eq!(
            hits(&daily_bonus(32), "offer"),
            [(
                "offer-v2-daily-bonus-max-31".to_owned(),
                "productsSequence".to_owned()
            )]
        );
    }

    #[test]
    fn stays_silent_on_31_days_and_on_other_types() {
        assert!(hits(&daily_bonus(31), "offer").is_empty());
        let rolling = daily_bonus(32).replace(
            r#""type": "PopUp", "subType": "DailyBonus""#,
            r#""type": "ProgressBar""#,
        );
        assert!(hits(&rolling, "offer").is_empty());
    }

    #[test]
    fn skips_a_sequence_that_is_not_an_array() {
        let text = r#"{"type": "PopUp", "subType": "DailyBonus", "offerUiId": "ui", "productsSequence": {"index": 1}}"#;
        assert!(hits(text, "offer").is_empty());
    }
}
