//! `offer-v2-rolling-products-range`: each step of a rolling offer shows one to three
//! products; the rolling offer guide and the v1 API both hold steps to that range.

use super::helpers::{OfferType, offer_type, products_outside};
use super::{Context, Hit};
use crate::document::Path;

/// The most products one rolling step shows.
const MAX_PRODUCTS: usize = 3;

/// Reports each rolling step with no product or more than three.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    if offer_type(context) != Some(OfferType::RollingOffer) {
        return;
    }
    for (path, count) in products_outside(context.root, &Path::root(), 1..=MAX_PRODUCTS) {
        hits.push(
            Hit::at(
                "offer-v2-rolling-products-range",
                path,
                format!("products must contain between 1 and {MAX_PRODUCTS} elements"),
            )
            .help(if count == 0 {
                "give the step at least one product, or remove it"
            } else {
                "split the step into two"
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::hits;

    const ROLLING: &str = "
type: RollingOffer
offerUiId: ui
productsSequence:
  - index: 1
    priceInUsdCents: 0
    products:
      - { publisherProductId: gems, quantity: 5, priority: Main }
  - index: 2
    priceInUsdCents: 199
    products:
      - { publisherProductId: gems, quantity: 50, priority: Main }
      - { publisherProductId: coins, quantity: 500, priority: Sub }
      - { publisherProductId: fuel, quantity: 5, priority: Sub }
";

    #[test]
    fn fires_on_four_products_in_a_step() {
        let text =
            format!("{ROLLING}      - {{ publisherProductId: ore, quantity: 1, priority: Sub }}\n");
        assert_eq!(
            hits(&text, "offer"),
            [(
                "offer-v2-rolling-products-range".to_owned(),
                "productsSequence.1.products".to_owned()
            )]
        );
    }

    #[test]
    fn stays_silent_with_one_to_three_products() {
        assert!(hits(ROLLING, "offer").is_empty());
    }

    #[test]
    fn fires_on_an_empty_step() {
        let text = ROLLING.replace(
            "    products:\n      - { publisherProductId: gems, quantity: 5, priority: Main }\n",
            "    products: []\n",
        );
        assert_eq!(
            hits(&text, "offer"),
            [(
                "offer-v2-rolling-products-range".to_owned(),
                "productsSequence.0.products".to_owned()
            )]
        );
    }
}
