//! `pis-sequence-index-start-at-1`: the first sequence of an offer has index 1; starting at 2
//! or later leaves the first day, step or mission empty. The finding sits on the lowest index.
//! (Indexes below 1 are the schema's finding.)

use super::helpers::{integer_indexes, pis_offers};
use super::{Context, Hit};

/// Reports an offer whose lowest integer sequence index is above 1.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    for (offer_path, offer) in pis_offers(context) {
        // One index of another shape makes the numbering unknowable; the schema reports it.
        let Some(indexes) = integer_indexes(offer, &offer_path) else {
            continue;
        };
        // The first of equal lowest indexes, in document order.
        let lowest = indexes
            .into_iter()
            .fold(None, |lowest, (index, path)| match lowest {
                Some((low, _)) if low <= index => lowest,
                _ => Some((index, path)),
            });
        if let Some((index, path)) = lowest
            && index > 1
        {
            hits.push(
                Hit::at(
                    "pis-sequence-index-start-at-1",
                    path.key("index"),
                    "index must start from 1".to_owned(),
                )
                .help(format!(
                    "renumber the sequences from 1; the lowest index is {index}"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{hits, pis_response_with_indexes as response};

    #[test]
    fn fires_on_the_lowest_index_when_it_is_above_1() {
        assert_eq!(
            hits(&response(&["3", "2", "4"]), "pis-response"),
            [(
                "pis-sequence-index-start-at-1".to_owned(),
                "offers.0.productsSequence.1.index".to_owned()
            )]
        );
    }

    #[test]
    fn stays_silent_when_1_is_there() {
        assert!(hits(&response(&["1", "2", "3"]), "pis-response").is_empty());
    }

    #[test]
    fn skips_non_integer_indexes_and_leaves_0_to_the_schema() {
        assert!(hits(&response(&[r#""1""#, "2", "3"]), "pis-response").is_empty());
        assert!(hits(&response(&["0", "1"]), "pis-response").is_empty());
        assert!(hits(&response(&[]), "pis-response").is_empty());
    }
}
