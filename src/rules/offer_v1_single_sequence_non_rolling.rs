//! `offer-v1-single-sequence-non-rolling`: a v1 bundle, special offer or post-purchase popup
//! keeps all of its products in one sequence with index 1. Only rolling offers (one sequence
//! per step) and daily bonus popups (one sequence per day) have more.

use super::helpers::sequences;
use super::{Context, Hit};
use crate::document::{Node, Path};
use crate::kind::Kind;

/// The message, shared by both ways of breaking the rule.
const MESSAGE: &str = "productsSequence must contain exactly 1 element with index 1";

/// Reports a single-sequence v1 offer with other than one sequence, or whose one sequence has
/// an index other than 1.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    if context.kind != Kind::OfferV1 || !has_one_sequence(context.root) {
        return;
    }
    let Some(all) = sequences(context.root) else {
        return;
    };
    let base = Path::root().key("productsSequence");

    // Several sequences (or none): point at the list.
    if all.len() != 1 {
        let help = if all.is_empty() {
            "add one sequence with index 1 that holds the offer's products"
        } else {
            "merge the sequences into one with index 1, or make the offer a rolling offer"
        };
        hits.push(
            Hit::at(
                "offer-v1-single-sequence-non-rolling",
                base,
                MESSAGE.to_owned(),
            )
            .help(help),
        );
        return;
    }

    // One sequence with a numeric index other than 1: point at the index.
    let index = all[0].get("index").and_then(Node::as_number);
    let index = index.and_then(|number| number.json.parse::<f64>().ok());
    if index.is_some_and(|index| (index - 1.0).abs() > f64::EPSILON) {
        hits.push(
            Hit::at(
                "offer-v1-single-sequence-non-rolling",
                base.index(0).key("index"),
                MESSAGE.to_owned(),
            )
            .help("number the offer's one sequence 1"),
        );
    }
}

/// Returns whether a v1 offer type holds exactly one sequence: bundles, special offers and
/// post-purchase popups. A popup without a known sub-type is left to the schema.
fn has_one_sequence(root: &Node) -> bool {
    match root.get("type").and_then(Node::as_str) {
        Some("Bundle" | "SpecialOffer") => true,
        Some("PopUp") => root.get("subType").and_then(Node::as_str) == Some("PostPurchase"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::hits;

    const BUNDLE: &str = "
publisherOfferId: starter
type: Bundle
offerUiId: ui-1
productsSequence:
  - { index: 1, priceInUsdCents: 499, products: [{ publisherProductId: gems, quantity: 5 }] }
";
    const SECOND: &str = "  - { index: 2, priceInUsdCents: 999, products: [{ publisherProductId: gems, quantity: 12 }] }\n";

    fn rule_hits(text: &str) -> Vec<String> {
        hits(text, "offer-v1")
            .into_iter()
            .filter(|(rule, _)| rule == "offer-v1-single-sequence-non-rolling")
            .map(|(_, property)| property)
            .collect()
    }

    #[test]
    fn fires_on_a_bundle_with_two_sequences() {
        assert_eq!(
            rule_hits(&format!("{BUNDLE}{SECOND}")),
            ["productsSequence"]
        );
    }

    #[test]
    fn fires_on_a_single_sequence_numbered_2() {
        let text = BUNDLE.replace("index: 1", "index: 2");
        assert_eq!(rule_hits(&text), ["productsSequence.0.index"]);
    }

    #[test]
    fn fires_on_a_post_purchase_popup_with_two_sequences() {
        let popup = BUNDLE.replace("type: Bundle", "type: PopUp\nsubType: PostPurchase");
        assert_eq!(rule_hits(&format!("{popup}{SECOND}")), ["productsSequence"]);
    }

    #[test]
    fn stays_silent_on_one_sequence_with_index_1() {
        assert!(rule_hits(BUNDLE).is_empty());
        assert!(rule_hits(&BUNDLE.replace("index: 1", "index: 1.0")).is_empty());
    }

    #[test]
    fn stays_silent_on_rolling_offers_and_daily_bonuses() {
        let rolling = BUNDLE.replace("Bundle", "RollingOffer");
        assert!(rule_hits(&format!("{rolling}{SECOND}")).is_empty());
        let daily = BUNDLE.replace("type: Bundle", "type: PopUp\nsubType: DailyBonus");
        assert!(rule_hits(&format!("{daily}{SECOND}")).is_empty());
    }

    #[test]
    fn stays_silent_on_v2_offers() {
        assert!(rule_hits_as_offer(&format!("{BUNDLE}{SECOND}")).is_empty());
    }

    fn rule_hits_as_offer(text: &str) -> Vec<(String, String)> {
        hits(text, "offer")
            .into_iter()
            .filter(|(rule, _)| rule.starts_with("offer-v1-"))
            .collect()
    }
}
