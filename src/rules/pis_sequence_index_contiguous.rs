//! `pis-sequence-index-contiguous`: sequences are shown in index order, so a gap or a repeat
//! leaves the store guessing which day, step or mission comes next. The docs require
//! consecutive indexes for progress bar missions; offerlint expects them for every offer.
//!
//! Indexes are compared by value, not by their place in the array: `2, 1, 3` is fine. The
//! finding sits on the index right after a gap, or on the later of two equal indexes. Where
//! the numbering starts is `pis-sequence-index-start-at-1`'s business.

use super::helpers::{integer_indexes, pis_offers};
use super::{Context, Hit};

/// Reports each sequence index that repeats another or leaves a gap below it.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    for (offer_path, offer) in pis_offers(context) {
        // One index of another shape makes the numbering unknowable; the schema reports it.
        let Some(mut indexes) = integer_indexes(offer, &offer_path) else {
            continue;
        };
        // Stable: equal indexes keep their document order, so the repeat is the later one.
        indexes.sort_by_key(|(index, _)| *index);
        for pair in indexes.windows(2) {
            let [(previous, _), (index, path)] = pair else {
                continue;
            };
            let problem = if index == previous {
                format!("index {index} is used twice")
            } else if *index > previous.saturating_add(1) {
                format!("index {index} follows {previous}")
            } else {
                continue;
            };
            hits.push(
                Hit::at(
                    "pis-sequence-index-contiguous",
                    path.key("index"),
                    "index must follow the previous index without gaps or repeats".to_owned(),
                )
                .help(format!(
                    "number the sequences 1, 2, 3 and so on ({problem})"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{hits, pis_response_with_indexes as response};

    fn contiguity(indexes: &[&str]) -> Vec<String> {
        hits(&response(indexes), "pis-response")
            .into_iter()
            .filter(|(rule, _)| rule == "pis-sequence-index-contiguous")
            .map(|(_, property)| property)
            .collect()
    }

    #[test]
    fn fires_on_the_index_after_a_gap() {
        assert_eq!(
            contiguity(&["1", "2", "4"]),
            ["offers.0.productsSequence.2.index"]
        );
    }

    #[test]
    fn stays_silent_on_consecutive_indexes_in_any_order() {
        assert!(contiguity(&["1", "2", "3"]).is_empty());
        assert!(contiguity(&["2", "1", "3"]).is_empty());
        assert!(contiguity(&["2", "3", "4"]).is_empty());
    }

    #[test]
    fn fires_on_the_later_of_two_equal_indexes() {
        assert_eq!(
            contiguity(&["1", "2", "2", "3"]),
            ["offers.0.productsSequence.2.index"]
        );
    }

    #[test]
    fn skips_an_offer_with_an_index_of_another_shape() {
        assert!(contiguity(&["1", r#""2""#, "4"]).is_empty());
    }
}
