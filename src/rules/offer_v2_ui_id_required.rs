//! `offer-v2-ui-id-required`: every offer is drawn with a design, named by its internal id
//! (`offerUiId`) or its external id (`offerExternalUiId`); the Offers API needs one of them.

use super::helpers::{given, missing_design_id, offer_type};
use super::{Context, Hit};
use crate::document::Path;

/// Reports an offer with neither design id, or whose only design id is an empty string.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    if offer_type(context).is_none() {
        return;
    }
    let root = context.root;
    let internal = given(root, "offerUiId");
    let external = given(root, "offerExternalUiId");
    let Some((key, anchor)) = missing_design_id(internal, external) else {
        return;
    };
    let mut hit = Hit::at(
        "offer-v2-ui-id-required",
        Path::root().key(key),
        format!("{key} should not be empty"),
    )
    .help("name the offer's design with offerUiId or offerExternalUiId");
    hit.anchor = anchor;
    hits.push(hit);
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{full_hits, hits};
    use crate::schema::Anchor;

    const BUNDLE: &str = "
type: Bundle
productsSequence:
  - { index: 1, priceInUsdCents: 99, products: [{ publisherProductId: gems, quantity: 5, priority: Main }] }
";

    #[test]
    fn fires_without_either_id() {
        let found = full_hits(BUNDLE, "offer");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, "offer-v2-ui-id-required");
        assert_eq!(found[0].path.dotted(), "offerUiId");
        assert_eq!(found[0].anchor, Anchor::Parent);
    }

    #[test]
    fn stays_silent_with_either_id() {
        assert!(hits(&format!("{BUNDLE}offerUiId: ui-1\n"), "offer").is_empty());
        assert!(hits(&format!("{BUNDLE}offerExternalUiId: design\n"), "offer").is_empty());
        assert!(
            hits(
                &format!("{BUNDLE}offerUiId: ''\nofferExternalUiId: design\n"),
                "offer"
            )
            .is_empty()
        );
    }

    #[test]
    fn fires_on_an_empty_id_at_its_value() {
        let found = full_hits(&format!("{BUNDLE}offerExternalUiId: ''\n"), "offer");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path.dotted(), "offerExternalUiId");
        assert_eq!(found[0].message, "offerExternalUiId should not be empty");
        assert_eq!(found[0].anchor, Anchor::Value);
    }

    #[test]
    fn treats_a_null_id_as_missing() {
        let found = full_hits(&format!("{BUNDLE}offerUiId: null\n"), "offer");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].anchor, Anchor::Parent);
    }
}
