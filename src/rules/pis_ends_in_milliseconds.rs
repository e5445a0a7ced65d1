//! `pis-ends-in-milliseconds`: `offers[].endsIn` and `playerLevel.endsIn` are epoch
//! milliseconds. A positive value below 10^12 is a date in January 1970 when read as
//! milliseconds, which almost always means seconds were sent (the docs' own example does it),
//! and the countdown is over at once. Banner `endsIn` is left alone: its doc example is in
//! seconds (contradiction C-07).

use super::helpers::pis_offers;
use super::{Context, Hit};
use crate::document::{Node, Path};
use crate::kind::Kind;

/// The smallest epoch-milliseconds value that is not in 1970 (2001-09-09 as milliseconds).
const MIN_MILLISECONDS: f64 = 1e12;

/// Reports each offer and player level `endsIn` that looks like epoch seconds.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    if context.kind != Kind::PisResponse {
        return;
    }
    let level = context
        .root
        .get("playerLevel")
        .map(|level| (Path::root().key("playerLevel"), level));
    for (path, holder) in level.into_iter().chain(pis_offers(context)) {
        if holder.get("endsIn").is_some_and(looks_like_seconds) {
            hits.push(
                Hit::at(
                    "pis-ends-in-milliseconds",
                    path.key("endsIn"),
                    "endsIn looks like seconds; it must be epoch milliseconds".to_owned(),
                )
                .help("multiply the value by 1000"),
            );
        }
    }
}

/// Returns whether a number is positive and below 10^12. Strings are the schema's finding.
fn looks_like_seconds(value: &Node) -> bool {
    value
        .as_number()
        .and_then(|number| number.json.parse::<f64>().ok())
        .is_some_and(|number| number > 0.0 && number < MIN_MILLISECONDS)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::hits;

    fn response(level: &str, offer: &str) -> String {
        format!(
            r#"{{"status": "valid", "sessionMetadata": {{}}, "playerLevel": {{"assetId": "lvl"{level}}},
            "playerLevelBanners": [{{"assetId": "b", "designId": "d", "endsIn": 1720051200}}],
            "offers": [{{"publisherOfferId": "a"{offer}, "productsSequence": [{{"index": 1, "products": [{{"publisherProductId": "p", "quantity": 1}}]}}]}}]}}"#
        )
    }

    #[test]
    fn fires_on_seconds_in_an_offer_and_the_player_level() {
        let found = hits(
            &response(r#", "endsIn": 1797206400"#, r#", "endsIn": 1797206400"#),
            "pis-response",
        );
        assert_eq!(
            found,
            [
                (
                    "pis-ends-in-milliseconds".to_owned(),
                    "playerLevel.endsIn".to_owned()
                ),
                (
                    "pis-ends-in-milliseconds".to_owned(),
                    "offers.0.endsIn".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn stays_silent_on_milliseconds_and_on_banners() {
        let found = hits(
            &response(
                r#", "endsIn": 1797206400000"#,
                r#", "endsIn": 1000000000000"#,
            ),
            "pis-response",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn leaves_zero_negatives_and_strings_alone() {
        for value in ["0", "-5", r#""1797206400""#] {
            let found = hits(
                &response("", &format!(r#", "endsIn": {value}"#)),
                "pis-response",
            );
            assert!(found.is_empty(), "{value}: {found:?}");
        }
    }
}
