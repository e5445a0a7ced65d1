//! `pis-dynamic-offer-ui-deprecated`: `dynamicOfferUi` is the old way to put a sale label and
//! badges on an offer. The current callback describes `productSale`, `priceDiscount` and
//! `badges` instead, and the old object may stop working.

use super::helpers::{given, pis_offers};
use super::{Context, Hit};
use crate::schema::Anchor;

/// Reports each offer that sends `dynamicOfferUi`, on its key.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    for (path, offer) in pis_offers(context) {
        if given(offer, "dynamicOfferUi").is_some() {
            let mut hit = Hit::at(
                "pis-dynamic-offer-ui-deprecated",
                path.key("dynamicOfferUi"),
                "dynamicOfferUi is deprecated; use productSale, priceDiscount and badges"
                    .to_owned(),
            )
            .help(
                "move the sale to productSale and the badges to badges, then drop dynamicOfferUi",
            );
            hit.anchor = Anchor::Key;
            hits.push(hit);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::hits;

    fn response(extra: &str) -> String {
        format!(
            r#"{{"status": "valid", "sessionMetadata": {{}}, "offers": [{{"publisherOfferId": "a", {extra}"productsSequence": [{{"index": 1, "products": [{{"publisherProductId": "p", "quantity": 1}}]}}]}}]}}"#
        )
    }

    #[test]
    fn fires_on_dynamic_offer_ui() {
        assert_eq!(
            hits(
                &response(r#""dynamicOfferUi": {"salePercentage": 20}, "#),
                "pis-response"
            ),
            [(
                "pis-dynamic-offer-ui-deprecated".to_owned(),
                "offers.0.dynamicOfferUi".to_owned()
            )]
        );
    }

    #[test]
    fn stays_silent_on_the_current_fields() {
        let current = r#""productSale": {"sale": 20, "type": "percentage"}, "#;
        assert!(hits(&response(current), "pis-response").is_empty());
        let null = r#""dynamicOfferUi": null, "#;
        assert!(hits(&response(null), "pis-response").is_empty());
    }

    #[test]
    fn ignores_offer_configurations() {
        let offer = "type: Bundle\nofferUiId: ui\ndynamicOfferUi: { salePercentage: 20 }\nproductsSequence:\n  - { index: 1, priceInUsdCents: 99, products: [{ publisherProductId: p, quantity: 1, priority: Main }] }\n";
        assert!(hits(offer, "offer").is_empty());
    }
}
