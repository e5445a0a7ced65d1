//! `offer-v2-price-discount-paid-only`: a price discount is shown against the price, so on a
//! free sequence it has nothing to discount. The store refresh docs say so; the logic holds for
//! every offer type.

use super::helpers::{given, is_free, offer_type, price, sequences_with_paths};
use super::{Context, Hit};
use crate::document::Path;

/// Reports an offer-level `priceDiscount` on an offer whose every price is 0, and a
/// sequence-level `priceDiscount` on a sequence priced 0.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    if offer_type(context).is_none() {
        return;
    }
    let root = context.root;
    if given(root, "priceDiscount").is_some() && is_free(root) {
        hits.push(hit(Path::root().key("priceDiscount")));
    }
    for (path, sequence) in sequences_with_paths(root, &Path::root()) {
        if given(sequence, "priceDiscount").is_some() && price(sequence) == Some(0) {
            hits.push(hit(path.key("priceDiscount")));
        }
    }
}

fn hit(path: Path) -> Hit {
    Hit::at(
        "offer-v2-price-discount-paid-only",
        path,
        "priceDiscount has no effect on a free offer".to_owned(),
    )
    .help("remove the discount, or set a price")
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
    products: [{ publisherProductId: gems, quantity: 5, priority: Main }]
  - index: 2
    priceInUsdCents: 199
    priceDiscount: { discount: 25, type: percentage }
    products: [{ publisherProductId: gems, quantity: 50, priority: Main }]
";

    #[test]
    fn fires_on_a_discount_on_a_free_step() {
        let text = ROLLING.replace("priceInUsdCents: 199", "priceInUsdCents: 0");
        assert_eq!(
            hits(&text, "offer"),
            [(
                "offer-v2-price-discount-paid-only".to_owned(),
                "productsSequence.1.priceDiscount".to_owned()
            )]
        );
    }

    #[test]
    fn stays_silent_on_paid_steps_and_mixed_offers() {
        assert!(hits(ROLLING, "offer").is_empty());
        let offer_level = format!("{ROLLING}priceDiscount: {{ discount: 10, type: percentage }}\n");
        assert!(hits(&offer_level, "offer").is_empty());
    }

    #[test]
    fn fires_on_an_offer_level_discount_of_a_free_bundle() {
        let text = "
type: Bundle
offerUiId: ui
priceDiscount: { discount: 10, type: percentage }
productsSequence:
  - { index: 1, priceInUsdCents: 0, products: [{ publisherProductId: gems, quantity: 5, priority: Main }] }
";
        assert_eq!(
            hits(text, "offer"),
            [(
                "offer-v2-price-discount-paid-only".to_owned(),
                "priceDiscount".to_owned()
            )]
        );
    }
}
