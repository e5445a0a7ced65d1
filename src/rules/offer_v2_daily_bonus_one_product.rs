//! `offer-v2-daily-bonus-one-product`: each day of a daily bonus grants exactly one product.
//! The daily bonus guide speaks of one reward per day, and personalization responses are held
//! to the same limit, so a second product on a day is refused there.

use super::helpers::{OfferType, offer_type, products_outside};
use super::{Context, Hit};
use crate::document::Path;

/// Reports each daily bonus day whose `products` array does not hold exactly one product.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    if offer_type(context) != Some(OfferType::DailyBonus) {
        return;
    }
    for (path, count) in products_outside(context.root, &Path::root(), 1..=1) {
        hits.push(
            Hit::at(
                "offer-v2-daily-bonus-one-product",
                path,
                "products must contain exactly 1 element for a daily bonus".to_owned(),
            )
            .help(if count == 0 {
                "give the day one reward product"
            } else {
                "keep one product per day; for a bigger reward create a catalog product for the whole pack"
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::hits;

    const DAILY: &str = "
type: PopUp
subType: DailyBonus
offerUiId: ui
productsSequence:
  - index: 1
    priceInUsdCents: 0
    products:
      - { publisherProductId: gems, quantity: 5, priority: Main }
  - index: 2
    priceInUsdCents: 0
    products:
      - { publisherProductId: gems, quantity: 10, priority: Main }
";

    #[test]
    fn fires_on_a_day_with_two_products() {
        let text =
            format!("{DAILY}      - {{ publisherProductId: coins, quantity: 1, priority: Sub }}\n");
        assert_eq!(
            hits(&text, "offer"),
            [(
                "offer-v2-daily-bonus-one-product".to_owned(),
                "productsSequence.1.products".to_owned()
            )]
        );
    }

    #[test]
    fn stays_silent_with_one_product_a_day() {
        assert!(hits(DAILY, "offer").is_empty());
    }

    #[test]
    fn fires_on_an_empty_day_and_skips_other_shapes() {
        let empty = DAILY.replace(
            "    products:\n      - { publisherProductId: gems, quantity: 10, priority: Main }\n",
            "    products: []\n",
        );
        assert_eq!(hits(&empty, "offer").len(), 1);
        let odd = DAILY.replace(
            "    products:\n      - { publisherProductId: gems, quantity: 10, priority: Main }\n",
            "    products: gems\n",
        );
        assert!(hits(&odd, "offer").is_empty());
        let bundle = DAILY.replace("type: PopUp\nsubType: DailyBonus", "type: Bundle");
        let two = format!(
            "{bundle}      - {{ publisherProductId: coins, quantity: 1, priority: Sub }}\n"
        );
        assert!(
            hits(&two, "offer")
                .iter()
                .all(|(rule, _)| rule != "offer-v2-daily-bonus-one-product")
        );
    }
}
