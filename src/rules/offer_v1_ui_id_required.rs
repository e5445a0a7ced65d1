//! `offer-v1-ui-id-required`: a v1 offer is drawn with a design, named by its internal id
//! (`offerUiId`) or its external id (`offerExternalUiId`). The popup endpoint lists
//! `offerUiId` itself as required, so popups need that one.

use super::helpers::missing_design_id;
use super::{Context, Hit};
use crate::document::{Node, Path};
use crate::kind::Kind;

/// Reports a v1 offer without a usable design id: a popup without `offerUiId`, any other
/// offer with neither id. An empty string counts as missing.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    if context.kind != Kind::OfferV1 {
        return;
    }
    let root = context.root;
    let popup = match root.get("type").and_then(Node::as_str) {
        Some("PopUp") => true,
        Some("Bundle" | "SpecialOffer" | "RollingOffer") => false,
        _ => return,
    };
    // A popup's design counts only when named by offerUiId.
    let internal = root.get("offerUiId");
    let external = root.get("offerExternalUiId").filter(|_| !popup);
    let Some((key, anchor)) = missing_design_id(internal, external) else {
        return;
    };

    let help = if popup {
        "name the popup's design with offerUiId: the popup endpoint requires it"
    } else {
        "name the offer's design with offerUiId or offerExternalUiId"
    };
    let mut hit = Hit::at(
        "offer-v1-ui-id-required",
        Path::root().key(key),
        format!("{key} should not be empty"),
    )
    .help(help);
    hit.anchor = anchor;
    hits.push(hit);
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{full_hits, hits};
    use crate::schema::Anchor;

    const BUNDLE: &str = "
publisherOfferId: starter
type: Bundle
productsSequence:
  - { index: 1, priceInUsdCents: 499, products: [{ publisherProductId: gems, quantity: 5 }] }
";

    fn popup() -> String {
        BUNDLE.replace("type: Bundle", "type: PopUp\nsubType: PostPurchase")
    }

    #[test]
    fn fires_without_either_id() {
        let found = full_hits(BUNDLE, "offer-v1");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rule, "offer-v1-ui-id-required");
        assert_eq!(found[0].path.dotted(), "offerUiId");
        assert_eq!(found[0].anchor, Anchor::Parent);
    }

    #[test]
    fn stays_silent_with_either_id_outside_popups() {
        assert!(hits(&format!("{BUNDLE}offerUiId: ui-1\n"), "offer-v1").is_empty());
        assert!(hits(&format!("{BUNDLE}offerExternalUiId: design\n"), "offer-v1").is_empty());
    }

    #[test]
    fn fires_on_a_popup_with_only_the_external_id() {
        let found = full_hits(
            &format!("{}offerExternalUiId: design\n", popup()),
            "offer-v1",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].path.dotted(), "offerUiId");
        assert_eq!(found[0].message, "offerUiId should not be empty");
        assert!(hits(&format!("{}offerUiId: ui-1\n", popup()), "offer-v1").is_empty());
    }

    #[test]
    fn fires_on_an_empty_id_at_its_value() {
        let found = full_hits(&format!("{BUNDLE}offerExternalUiId: ''\n"), "offer-v1");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].path.dotted(), "offerExternalUiId");
        assert_eq!(found[0].anchor, Anchor::Value);
    }

    #[test]
    fn leaves_v2_offers_to_the_v2_rule() {
        let found = hits(BUNDLE, "offer");
        assert!(found.iter().all(|(rule, _)| !rule.starts_with("offer-v1-")));
    }
}
