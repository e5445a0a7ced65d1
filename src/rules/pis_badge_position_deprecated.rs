//! `pis-badge-position-deprecated`: the callback page still lists `position` as required on
//! every badge, yet calls it outdated: the dashboard decides where a badge appears. Sending it
//! does no harm and has no effect, so every present `position` gets a warning that says so.

use super::helpers::{given, pis_offers, sequences_with_paths};
use super::{Context, Hit};
use crate::document::{Node, Path};
use crate::schema::Anchor;

/// Reports each `position` of an offer's, a sequence's or a `dynamicOfferUi`'s badges.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    for (offer_path, offer) in pis_offers(context) {
        badge_positions(offer, &offer_path, hits);
        if let Some(legacy) = offer.get("dynamicOfferUi") {
            badge_positions(legacy, &offer_path.key("dynamicOfferUi"), hits);
        }
        for (path, sequence) in sequences_with_paths(offer, &offer_path) {
            badge_positions(sequence, &path, hits);
        }
    }
}

/// Reports the positions of the `badges` array of `holder`, found at `path`.
fn badge_positions(holder: &Node, path: &Path, hits: &mut Vec<Hit>) {
    let Some(badges) = holder.get("badges").and_then(Node::as_array) else {
        return;
    };
    for (index, badge) in badges.iter().enumerate() {
        if given(badge, "position").is_some() {
            let mut hit = Hit::at(
                "pis-badge-position-deprecated",
                path.key("badges").index(index).key("position"),
                "position is outdated and ignored; the dashboard sets the badge position"
                    .to_owned(),
            )
            .help("set the badge's placement in the dashboard; the value here has no effect");
            hit.anchor = Anchor::Key;
            hits.push(hit);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::hits;

    #[test]
    fn fires_on_every_present_position() {
        let text = r#"{"status": "valid", "sessionMetadata": {}, "offers": [
            {"publisherOfferId": "a",
             "badges": [{"publisherBadgeId": "x", "position": "right"}, {"publisherBadgeId": "y"}],
             "dynamicOfferUi": {"salePercentage": 10, "badges": [{"publisherBadgeId": "z", "position": "left"}]},
             "productsSequence": [{"index": 1, "products": [], "badges": [{"publisherBadgeId": "w", "position": "center"}]}]}
        ]}"#;
        let found: Vec<_> = hits(text, "pis-response")
            .into_iter()
            .filter(|(rule, _)| rule == "pis-badge-position-deprecated")
            .map(|(_, property)| property)
            .collect();
        assert_eq!(
            found,
            [
                "offers.0.badges.0.position",
                "offers.0.dynamicOfferUi.badges.0.position",
                "offers.0.productsSequence.0.badges.0.position",
            ]
        );
    }

    #[test]
    fn stays_silent_without_positions() {
        let text = r#"{"status": "valid", "sessionMetadata": {}, "offers": [
            {"publisherOfferId": "a", "badges": [{"publisherBadgeId": "x"}],
             "productsSequence": [{"index": 1, "products": [{"publisherProductId": "p", "quantity": 1}]}]}
        ]}"#;
        assert!(hits(text, "pis-response").is_empty());
    }

    #[test]
    fn skips_badges_of_another_shape() {
        let text = r#"{"status": "valid", "sessionMetadata": {}, "offers": [
            {"publisherOfferId": "a", "badges": {"position": "right"},
             "productsSequence": [{"index": 1, "products": [{"publisherProductId": "p", "quantity": 1}], "badges": ["right"]}]}
        ]}"#;
        assert!(hits(text, "pis-response").is_empty());
    }
}
