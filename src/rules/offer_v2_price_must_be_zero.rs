//! `offer-v2-price-must-be-zero`: daily bonus days and progress bar rewards are collected,
//! never bought, and the Offers API only takes a price of 0 for them. Reward calendars also
//! ignore the price, but the API does not refuse one there, so they are left out.

use super::helpers::{OfferType, offer_type, price, sequences_with_paths};
use super::{Context, Hit};
use crate::document::Path;

/// Reports each daily bonus or progress bar sequence with a positive price.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    let Some(offer_type @ (OfferType::DailyBonus | OfferType::ProgressBar)) = offer_type(context)
    else {
        return;
    };
    for (path, sequence) in sequences_with_paths(context.root, &Path::root()) {
        // Negative and fractional prices are the schema's finding.
        if price(sequence).is_some_and(|cents| cents > 0) {
            hits.push(
                Hit::at(
                    "offer-v2-price-must-be-zero",
                    path.key("priceInUsdCents"),
                    "priceInUsdCents must be equal to 0".to_owned(),
                )
                .help(format!(
                    "set the price to 0; the rewards of {} are collected, not bought",
                    offer_type.describe()
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::hits;

    fn popup(sub_type: &str, price: &str) -> String {
        format!(
            "type: PopUp\nsubType: {sub_type}\nofferUiId: ui\nproductsSequence:\n  - {{ index: 1, priceInUsdCents: 0, products: [{{ publisherProductId: gems, quantity: 5, priority: Main }}] }}\n  - {{ index: 2, priceInUsdCents: {price}, products: [{{ publisherProductId: gems, quantity: 5, priority: Main }}] }}\n"
        )
    }

    #[test]
    fn fires_on_a_paid_daily_bonus_day() {
        assert_eq!(
            hits(&popup("DailyBonus", "99"), "offer"),
            [(
                "offer-v2-price-must-be-zero".to_owned(),
                "productsSequence.1.priceInUsdCents".to_owned()
            )]
        );
    }

    #[test]
    fn stays_silent_on_free_days() {
        assert!(hits(&popup("DailyBonus", "0"), "offer").is_empty());
    }

    #[test]
    fn covers_progress_bars_but_not_reward_calendars() {
        let bar = popup("DailyBonus", "99")
            .replace("type: PopUp\nsubType: DailyBonus", "type: ProgressBar");
        assert_eq!(hits(&bar, "offer").len(), 1);
        assert!(
            hits(&popup("RewardCalendar", "99"), "offer")
                .iter()
                .all(|(rule, _)| rule != "offer-v2-price-must-be-zero")
        );
    }
}
