//! `pis-player-availability-remaining-le-total`: a player cannot have more purchases left than
//! the limit allows. No document states it, but such a pair points at a bug in the publisher's
//! bookkeeping.

use super::helpers::{pis_offers, sequences_with_paths};
use super::{Context, Hit};
use crate::document::Node;

/// Reports each legacy `playerAvailability` whose `remaining` exceeds its `total`.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    for (offer_path, offer) in pis_offers(context) {
        for (path, sequence) in sequences_with_paths(offer, &offer_path) {
            let Some(availability) = sequence.get("playerAvailability") else {
                continue;
            };
            let total = availability.get("total").and_then(Node::as_i64);
            let remaining = availability.get("remaining").and_then(Node::as_i64);
            let (Some(total), Some(remaining)) = (total, remaining) else {
                continue;
            };
            if remaining > total {
                let path = path.key("playerAvailability");
                hits.push(
                    Hit::at(
                        "pis-player-availability-remaining-le-total",
                        path.key("remaining"),
                        "remaining must not be greater than total".to_owned(),
                    )
                    .help(format!(
                        "check how remaining is computed; it is {remaining} of at most {total}"
                    ))
                    .related(path.key("total"), "the limit"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::hits;

    fn response(availability: &str) -> String {
        format!(
            r#"{{"status": "valid", "sessionMetadata": {{}}, "offers": [{{"publisherOfferId": "a", "productsSequence": [{{"index": 1, "playerAvailability": {availability}, "products": [{{"publisherProductId": "p", "quantity": 1}}]}}]}}]}}"#
        )
    }

    #[test]
    fn fires_when_remaining_exceeds_total() {
        assert_eq!(
            hits(&response(r#"{"total": 2, "remaining": 3}"#), "pis-response"),
            [(
                "pis-player-availability-remaining-le-total".to_owned(),
                "offers.0.productsSequence.0.playerAvailability.remaining".to_owned()
            )]
        );
    }

    #[test]
    fn stays_silent_up_to_the_total() {
        assert!(hits(&response(r#"{"total": 2, "remaining": 2}"#), "pis-response").is_empty());
        assert!(hits(&response(r#"{"total": 2, "remaining": 0}"#), "pis-response").is_empty());
    }

    #[test]
    fn skips_incomplete_or_odd_objects() {
        for availability in [r#"{"total": 2}"#, r#"{"total": "2", "remaining": 3}"#, "3"] {
            assert!(
                hits(&response(availability), "pis-response").is_empty(),
                "{availability}"
            );
        }
    }
}
