//! `offer-v2-reward-calendar-length`: a reward calendar runs in whole weeks of seven tiles,
//! for one to ten weeks. Tile indexes go from 1 to 70 and every tile grants at least one
//! product; the Offers API refuses anything else.

use super::helpers::{OfferType, offer_type, products, sequences, sequences_with_paths};
use super::{Context, Hit};
use crate::document::Path;

/// Tiles per week.
const WEEK: usize = 7;
/// The most tiles of a calendar (ten weeks), which is also the highest tile index.
const MAX_TILES: usize = 70;
/// The highest tile index.
const MAX_INDEX: i64 = 70;

/// Reports a tile count that is not 7 to 70 in whole weeks, indexes above 70 and empty tiles.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    if offer_type(context) != Some(OfferType::RewardCalendar) {
        return;
    }
    let Some(tiles) = sequences(context.root) else {
        return;
    };
    let count = tiles.len();
    if !(WEEK..=MAX_TILES).contains(&count) || count % WEEK != 0 {
        let lower = (count / WEEK).max(1) * WEEK;
        let help = if count > MAX_TILES {
            format!("remove tiles to reach at most {MAX_TILES}")
        } else if count < WEEK {
            format!("add tiles to reach a full week of {WEEK}")
        } else {
            format!(
                "add or remove tiles to reach {lower} or {} (whole weeks of {WEEK})",
                lower + WEEK
            )
        };
        hits.push(
            Hit::at(
                "offer-v2-reward-calendar-length",
                Path::root().key("productsSequence"),
                format!(
                    "productsSequence must contain a multiple of {WEEK} elements between {WEEK} and {MAX_TILES}"
                ),
            )
            .help(help),
        );
    }
    for (path, tile) in sequences_with_paths(context.root, &Path::root()) {
        if tile
            .get("index")
            .and_then(crate::document::Node::as_i64)
            .is_some_and(|index| index > MAX_INDEX)
        {
            hits.push(
                Hit::at(
                    "offer-v2-reward-calendar-length",
                    path.key("index"),
                    format!("index must not be greater than {MAX_INDEX}"),
                )
                .help("number the tiles from 1 to 70"),
            );
        }
        if products(tile).is_some_and(<[_]>::is_empty) {
            hits.push(
                Hit::at(
                    "offer-v2-reward-calendar-length",
                    path.key("products"),
                    "products should not be empty".to_owned(),
                )
                .help("give every tile at least one product"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use crate::rules::testing::hits;

    fn calendar(tiles: usize) -> String {
        let mut text = String::from(
            "type: PopUp\nsubType: RewardCalendar\nofferUiId: ui\nproductsSequence:\n",
        );
        for index in 1..=tiles {
            let _ = writeln!(
                text,
                "  - {{ index: {index}, products: [{{ publisherProductId: gems, quantity: '5', priority: Main }}] }}"
            );
        }
        text
    }

    #[test]
    fn fires_on_ten_tiles() {
        assert_eq!(
            hits(&calendar(10), "offer"),
            [(
                "offer-v2-reward-calendar-length".to_owned(),
                "productsSequence".to_owned()
            )]
        );
    }

    #[test]
    fn stays_silent_on_whole_weeks() {
        assert!(hits(&calendar(7), "offer").is_empty());
        assert!(hits(&calendar(70), "offer").is_empty());
    }

    #[test]
    fn fires_on_too_many_tiles_high_indexes_and_empty_tiles() {
        let found = hits(&calendar(77), "offer");
        assert_eq!(found.len(), 8, "{found:?}");
        assert_eq!(found[1].1, "productsSequence.70.index");
        let empty = calendar(7).replace(
            "{ index: 3, products: [{ publisherProductId: gems, quantity: '5', priority: Main }] }",
            "{ index: 3, products: [] }",
        );
        assert_eq!(
            hits(&empty, "offer"),
            [(
                "offer-v2-reward-calendar-length".to_owned(),
                "productsSequence.2.products".to_owned()
            )]
        );
    }
}
