//! `offer-v2-post-purchase-one-product`: a post-purchase popup currently supports a single
//! product in its single sequence; the Offers API refuses more.

use super::helpers::{OfferType, offer_type, products_outside};
use super::{Context, Hit};
use crate::document::Path;

/// Reports each post-purchase sequence whose `products` array does not hold exactly one product.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    if offer_type(context) != Some(OfferType::PostPurchase) {
        return;
    }
    for (path, _) in products_outside(context.root, &Path::root(), 1..=1) {
        hits.push(
            Hit::at(
                "offer-v2-post-purchase-one-product",
                path,
                "products must contain exactly 1 element for a post-purchase popup".to_owned(),
            )
            .help("keep one product in the popup"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::hits;

    const POPUP: &str = "
type: PopUp
subType: PostPurchase
offerUiId: ui
productsSequence:
  - index: 1
    priceInUsdCents: 0
    products:
      - { publisherProductId: gems, quantity: 5, priority: Main }
";

    #[test]
    fn fires_on_two_products() {
        let text =
            format!("{POPUP}      - {{ publisherProductId: coins, quantity: 1, priority: Sub }}\n");
        assert_eq!(
            hits(&text, "offer"),
            [(
                "offer-v2-post-purchase-one-product".to_owned(),
                "productsSequence.0.products".to_owned()
            )]
        );
    }

    #[test]
    fn stays_silent_with_one_product() {
        assert!(hits(POPUP, "offer").is_empty());
    }

    #[test]
    fn fires_on_no_product_and_ignores_other_popups() {
        let empty = POPUP.replace(
            "    products:\n      - { publisherProductId: gems, quantity: 5, priority: Main }\n",
            "    products: []\n",
        );
        assert_eq!(hits(&empty, "offer").len(), 1);
        let refresh = format!(
            "{}      - {{ publisherProductId: coins, quantity: 1, priority: Sub }}\n",
            POPUP.replace("PostPurchase", "StoreRefresh")
        );
        assert!(hits(&refresh, "offer").is_empty());
    }
}
