//! `offer-v1-section-bundle-only`: in the v1 API only bundles are placed in a store section.
//! On a special offer, popup or rolling offer the section id is ignored, which usually means
//! the offer does not show up where its author expects.

use super::{Context, Hit};
use crate::document::{Node, Path};
use crate::kind::Kind;

/// The v1 offer types that take no `publisherSectionId`.
const SECTIONLESS_TYPES: [&str; 3] = ["SpecialOffer", "PopUp", "RollingOffer"];

/// Warns when a v1 offer other than a bundle sets `publisherSectionId`.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    if context.kind != Kind::OfferV1 || context.root.get("publisherSectionId").is_none() {
        return;
    }
    let Some(offer_type) = context.root.get("type").and_then(Node::as_str) else {
        return;
    };
    if !SECTIONLESS_TYPES.contains(&offer_type) {
        return;
    }
    hits.push(
        Hit::at(
            "offer-v1-section-bundle-only",
            Path::root().key("publisherSectionId"),
            "publisherSectionId only applies to bundles".to_owned(),
        )
        .help(format!(
            "remove publisherSectionId: a v1 {offer_type} is not placed in a section"
        ))
        .related(Path::root().key("type"), "the offer type is set here"),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::hits;

    const SPECIAL: &str = "
publisherOfferId: weekend
type: SpecialOffer
offerUiId: ui-1
publisherSectionId: featured
productsSequence:
  - { index: 1, priceInUsdCents: 499, products: [{ publisherProductId: gems, quantity: 5 }] }
";

    #[test]
    fn warns_on_a_special_offer_with_a_section() {
        assert_eq!(
            hits(SPECIAL, "offer-v1"),
            [(
                "offer-v1-section-bundle-only".to_owned(),
                "publisherSectionId".to_owned()
            )]
        );
    }

    #[test]
    fn warns_on_rolling_offers_and_popups_too() {
        for offer_type in ["RollingOffer", "PopUp"] {
            let text = SPECIAL.replace("SpecialOffer", offer_type);
            let found = hits(&text, "offer-v1");
            assert!(
                found
                    .iter()
                    .any(|(rule, _)| rule == "offer-v1-section-bundle-only"),
                "{offer_type}: {found:?}"
            );
        }
    }

    #[test]
    fn stays_silent_on_bundles_and_on_v2_offers() {
        let bundle = SPECIAL.replace("SpecialOffer", "Bundle");
        assert!(hits(&bundle, "offer-v1").is_empty());
        let v2 = SPECIAL.replace("quantity: 5", "quantity: 5, priority: Main");
        assert!(hits(&v2, "offer").is_empty());
    }

    #[test]
    fn stays_silent_on_an_unknown_type() {
        let text = SPECIAL.replace("SpecialOffer", "OnePlusOne");
        assert!(hits(&text, "offer-v1").is_empty());
    }
}
