//! `offer-v2-progress-bar-range`: a progress bar holds one to fifty missions, and each mission
//! pays out at most three products. (barSize being an integer is checked by the schema.)

use super::helpers::{OfferType, offer_type, products_outside, sequences};
use super::{Context, Hit};
use crate::document::Path;

/// The most missions of a progress bar.
const MAX_MISSIONS: usize = 50;
/// The most reward products of one mission.
const MAX_PRODUCTS: usize = 3;

/// Reports a mission count outside 1 to 50 and each mission with more than three products.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    if offer_type(context) != Some(OfferType::ProgressBar) {
        return;
    }
    let Some(missions) = sequences(context.root) else {
        return;
    };
    if !(1..=MAX_MISSIONS).contains(&missions.len()) {
        hits.push(
            Hit::at(
                "offer-v2-progress-bar-range",
                Path::root().key("productsSequence"),
                format!("productsSequence must contain between 1 and {MAX_MISSIONS} elements"),
            )
            .help("give the progress bar between one and fifty missions"),
        );
    }
    for (path, _) in products_outside(context.root, &Path::root(), 0..=MAX_PRODUCTS) {
        hits.push(
            Hit::at(
                "offer-v2-progress-bar-range",
                path,
                format!("products must contain no more than {MAX_PRODUCTS} elements"),
            )
            .help(
                "keep at most three rewards per mission, or bundle them into one catalog product",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use crate::rules::testing::hits;

    const BAR: &str = "
type: ProgressBar
offerUiId: ui
productsSequence:
  - index: 1
    barSize: 50
    priceInUsdCents: 0
    products:
      - { publisherProductId: gems, quantity: 5, priority: Main }
      - { publisherProductId: coins, quantity: 500, priority: Sub }
      - { publisherProductId: fuel, quantity: 5, priority: Sub }
";

    #[test]
    fn fires_on_four_rewards_in_a_mission() {
        let text =
            format!("{BAR}      - {{ publisherProductId: ore, quantity: 1, priority: Sub }}\n");
        assert_eq!(
            hits(&text, "offer"),
            [(
                "offer-v2-progress-bar-range".to_owned(),
                "productsSequence.0.products".to_owned()
            )]
        );
    }

    #[test]
    fn stays_silent_with_three_rewards() {
        assert!(hits(BAR, "offer").is_empty());
    }

    #[test]
    fn fires_on_no_mission_and_on_51() {
        let none = "type: ProgressBar\nofferUiId: ui\nproductsSequence: []\n";
        assert_eq!(
            hits(none, "offer"),
            [(
                "offer-v2-progress-bar-range".to_owned(),
                "productsSequence".to_owned()
            )]
        );
        let mut many = String::from("type: ProgressBar\nofferUiId: ui\nproductsSequence:\n");
        for index in 1..=51 {
            let _ = writeln!(
                many,
                "  - {{ index: {index}, priceInUsdCents: 0, products: [] }}"
            );
        }
        assert_eq!(hits(&many, "offer").len(), 1);
    }
}
