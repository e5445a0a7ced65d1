//! `pis-offer-id-unique`: nothing in the docs says what the store does with two entries for
//! the same offer, so at best one of them is ignored. Every repeat is reported and points at
//! the first entry with that id.

use std::collections::HashMap;

use super::helpers::pis_offers;
use super::{Context, Hit};
use crate::document::{Node, Path};

/// Reports each `publisherOfferId` that an earlier entry of `offers` already used.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    let mut first: HashMap<&str, Path> = HashMap::new();
    for (path, offer) in pis_offers(context) {
        let Some(id) = offer.get("publisherOfferId").and_then(Node::as_str) else {
            continue;
        };
        let id_path = path.key("publisherOfferId");
        if let Some(earlier) = first.get(id) {
            hits.push(
                Hit::at(
                    "pis-offer-id-unique",
                    id_path,
                    "publisherOfferId must be unique within offers".to_owned(),
                )
                .help(format!("merge the entries for `{id}` into one"))
                .related(earlier.clone(), "first used here"),
            );
        } else {
            first.insert(id, id_path);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{full_hits, hits, places};

    fn response(ids: &[&str]) -> String {
        let offers = ids
            .iter()
            .map(|id| {
                format!(
                    r#"{{"publisherOfferId": "{id}", "productsSequence": [{{"index": 1, "products": [{{"publisherProductId": "p", "quantity": 1}}]}}]}}"#
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        format!(r#"{{"status": "valid", "sessionMetadata": {{}}, "offers": [{offers}]}}"#)
    }

    #[test]
    fn fires_on_a_repeated_id_and_points_at_the_first() {
        let found = full_hits(&response(&["a", "b", "a", "a"]), "pis-response");
        assert_eq!(
            places(&found),
            [
                (
                    "offers.2.publisherOfferId".to_owned(),
                    Some("offers.0.publisherOfferId".to_owned())
                ),
                (
                    "offers.3.publisherOfferId".to_owned(),
                    Some("offers.0.publisherOfferId".to_owned())
                ),
            ]
        );
    }

    #[test]
    fn stays_silent_on_distinct_ids() {
        assert!(hits(&response(&["a", "b", "A"]), "pis-response").is_empty());
    }
}
