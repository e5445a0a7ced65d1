//! `pis-empty-offers`: an empty `offers` list is one of the documented causes of a
//! personalization error; the store then shows the player nothing to buy.

use super::{Context, Hit};
use crate::document::Path;
use crate::kind::Kind;

/// Warns when a PIS response sends `offers: []`.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    if context.kind != Kind::PisResponse {
        return;
    }
    let Some(offers) = context.root.get("offers").and_then(|o| o.as_array()) else {
        return;
    };
    if offers.is_empty() {
        hits.push(
            Hit::at(
                "pis-empty-offers",
                Path::root().key("offers"),
                "offers should not be empty".to_owned(),
            )
            .help("list every offer the player may see, or leave `offers` out"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::hits;

    #[test]
    fn warns_on_an_empty_offer_list() {
        let found = hits(
            r#"{"status": "valid", "sessionMetadata": {}, "offers": []}"#,
            "pis-response",
        );
        assert_eq!(
            found,
            [("pis-empty-offers".to_owned(), "offers".to_owned())]
        );
    }

    #[test]
    fn stays_silent_with_offers_or_without_the_key() {
        assert!(
            hits(
                r#"{"status": "valid", "sessionMetadata": {}}"#,
                "pis-response"
            )
            .is_empty()
        );
        let with_offer = r#"{"status": "valid", "sessionMetadata": {}, "offers": [{"publisherOfferId": "a", "productsSequence": []}]}"#;
        assert!(hits(with_offer, "pis-response").is_empty());
    }
}
