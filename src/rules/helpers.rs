//! Small readers shared by several rules: the offer type of an offer configuration, its
//! sequences, products and prices, its design ids, the offers of a PIS response, and schedule
//! time frames.
//!
//! Every reader returns `None` or nothing at all for a value of the wrong shape, so a rule
//! built on them skips what the schema stage already reports.

use std::ops::RangeInclusive;

use super::Context;
use crate::document::{Node, Path, Value};
use crate::kind::Kind;
use crate::schema::Anchor;

/// An Offers API v2 offer type, with popups split by sub-type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferType {
    /// `Bundle`.
    Bundle,
    /// `SpecialOffer`.
    SpecialOffer,
    /// `RollingOffer`.
    RollingOffer,
    /// `PopUp` with `subType: DailyBonus`.
    DailyBonus,
    /// `PopUp` with `subType: PostPurchase`.
    PostPurchase,
    /// `PopUp` with `subType: StoreRefresh`.
    StoreRefresh,
    /// `PopUp` with `subType: RewardCalendar`.
    RewardCalendar,
    /// `PopUp` with a missing or unknown `subType`.
    OtherPopUp,
    /// `CheckoutLink`.
    CheckoutLink,
    /// `ProgressBar`.
    ProgressBar,
}

impl OfferType {
    /// Returns whether the type is a popup, whatever its sub-type.
    pub fn is_popup(self) -> bool {
        matches!(
            self,
            Self::DailyBonus
                | Self::PostPurchase
                | Self::StoreRefresh
                | Self::RewardCalendar
                | Self::OtherPopUp
        )
    }

    /// Returns the name used in messages ("a daily bonus").
    pub fn describe(self) -> &'static str {
        match self {
            Self::Bundle => "a bundle",
            Self::SpecialOffer => "a special offer",
            Self::RollingOffer => "a rolling offer",
            Self::DailyBonus => "a daily bonus",
            Self::PostPurchase => "a post-purchase popup",
            Self::StoreRefresh => "a store refresh popup",
            Self::RewardCalendar => "a reward calendar",
            Self::OtherPopUp => "a popup",
            Self::CheckoutLink => "a checkout link",
            Self::ProgressBar => "a progress bar",
        }
    }
}

/// Returns the type of an offer configuration, or `None` for other kinds and unknown types.
pub fn offer_type(context: &Context<'_>) -> Option<OfferType> {
    if context.kind != Kind::Offer {
        return None;
    }
    let root = context.root;
    let offer_type = match root.get("type")?.as_str()? {
        "Bundle" => OfferType::Bundle,
        "SpecialOffer" => OfferType::SpecialOffer,
        "RollingOffer" => OfferType::RollingOffer,
        "CheckoutLink" => OfferType::CheckoutLink,
        "ProgressBar" => OfferType::ProgressBar,
        "PopUp" => match root.get("subType").and_then(Node::as_str) {
            Some("DailyBonus") => OfferType::DailyBonus,
            Some("PostPurchase") => OfferType::PostPurchase,
            Some("StoreRefresh") => OfferType::StoreRefresh,
            Some("RewardCalendar") => OfferType::RewardCalendar,
            _ => OfferType::OtherPopUp,
        },
        _ => return None,
    };
    Some(offer_type)
}

/// Returns the member value for `key` unless it is missing or `null`.
///
/// Many serializers write an unset field as `null`; a rule about a field being sent treats
/// that as not sent.
pub fn given<'a>(holder: &'a Node, key: &str) -> Option<&'a Node> {
    holder.get(key).filter(|value| value.value != Value::Null)
}

/// Returns the `productsSequence` array of an offer (configuration or PIS entry).
pub fn sequences(offer: &Node) -> Option<&[Node]> {
    offer.get("productsSequence")?.as_array()
}

/// Returns each sequence of an offer with its path, given the offer's own path.
pub fn sequences_with_paths<'a>(
    offer: &'a Node,
    offer_path: &Path,
) -> impl Iterator<Item = (Path, &'a Node)> {
    let base = offer_path.key("productsSequence");
    sequences(offer)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(move |(index, sequence)| (base.index(index), sequence))
}

/// Returns every sequence's `index` with the sequence's path, or `None` when one index is
/// missing or not an integer (which makes the numbering unknowable).
pub fn integer_indexes(offer: &Node, offer_path: &Path) -> Option<Vec<(i64, Path)>> {
    sequences_with_paths(offer, offer_path)
        .map(|(path, sequence)| {
            let index = sequence.get("index").and_then(Node::as_i64)?;
            Some((index, path))
        })
        .collect()
}

/// Returns the `products` array of a sequence.
pub fn products(sequence: &Node) -> Option<&[Node]> {
    sequence.get("products")?.as_array()
}

/// Returns the path of each sequence's `products` array whose length falls outside `allowed`,
/// with that length; a sequence without a `products` array is skipped.
pub fn products_outside(
    offer: &Node,
    offer_path: &Path,
    allowed: RangeInclusive<usize>,
) -> impl Iterator<Item = (Path, usize)> {
    sequences_with_paths(offer, offer_path).filter_map(move |(path, sequence)| {
        let count = products(sequence)?.len();
        (!allowed.contains(&count)).then(|| (path.key("products"), count))
    })
}

/// Returns a sequence's `priceInUsdCents` when it is an integer that fits in `i64`.
pub fn price(sequence: &Node) -> Option<i64> {
    sequence.get("priceInUsdCents")?.as_i64()
}

/// Returns whether an offer has at least one integer price and every integer price is 0.
pub fn is_free(offer: &Node) -> bool {
    let mut prices = sequences(offer)
        .unwrap_or_default()
        .iter()
        .filter_map(price);
    match prices.next() {
        Some(first) => first == 0 && prices.all(|other| other == 0),
        None => false,
    }
}

/// Returns the design id to report on an offer when neither its `offerUiId` (`internal`) nor
/// its `offerExternalUiId` (`external`) names a design, with the anchor of the finding; `None`
/// when one of them does.
///
/// An empty id that was written is reported at its value (the internal one first); with no id
/// at all, `offerUiId` is reported on the offer that lacks it.
pub fn missing_design_id(
    internal: Option<&Node>,
    external: Option<&Node>,
) -> Option<(&'static str, Anchor)> {
    if [internal, external]
        .into_iter()
        .flatten()
        .any(names_a_design)
    {
        return None;
    }
    let missing = match (internal, external) {
        (None, Some(_)) => ("offerExternalUiId", Anchor::Value),
        (Some(_), _) => ("offerUiId", Anchor::Value),
        (None, None) => ("offerUiId", Anchor::Parent),
    };
    Some(missing)
}

/// Returns whether a design id counts as given: a non-empty string, or a value of another
/// type (the schema reports the type).
fn names_a_design(id: &Node) -> bool {
    id.as_str().is_none_or(|text| !text.trim().is_empty())
}

/// Returns each entry of a PIS response's `offers` array with its path.
pub fn pis_offers<'a>(context: &Context<'a>) -> impl Iterator<Item = (Path, &'a Node)> + use<'a> {
    let offers = if context.kind == Kind::PisResponse {
        context
            .root
            .get("offers")
            .and_then(Node::as_array)
            .unwrap_or_default()
    } else {
        &[]
    };
    let base = Path::root().key("offers");
    offers
        .iter()
        .enumerate()
        .map(move |(index, offer)| (base.index(index), offer))
}

/// One schedule time frame whose bounds parsed as timestamps with a time zone.
#[derive(Debug, Clone)]
pub struct TimeFrame {
    /// Path of the frame (`schedule.timeFrames.N`).
    pub path: Path,
    /// `startTime`, when present and valid.
    pub start: Option<jiff::Timestamp>,
    /// `endTime`, when present and valid.
    pub end: Option<jiff::Timestamp>,
}

/// Returns the time frames of an offer configuration's schedule, in document order.
pub fn time_frames(context: &Context<'_>) -> Vec<TimeFrame> {
    if context.kind != Kind::Offer {
        return Vec::new();
    }
    let Some(frames) = context
        .root
        .get("schedule")
        .and_then(|schedule| schedule.get("timeFrames"))
        .and_then(Node::as_array)
    else {
        return Vec::new();
    };
    let base = Path::root().key("schedule").key("timeFrames");
    frames
        .iter()
        .enumerate()
        .filter(|(_, frame)| frame.as_object().is_some())
        .map(|(index, frame)| TimeFrame {
            path: base.index(index),
            start: timestamp(frame.get("startTime")),
            end: timestamp(frame.get("endTime")),
        })
        .collect()
}

/// Parses an ISO 8601 date-time with a time zone; anything else is left to the schema.
fn timestamp(node: Option<&Node>) -> Option<jiff::Timestamp> {
    node?.as_str()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::{OfferType, is_free, offer_type, time_frames};
    use crate::document::{Format, parse};
    use crate::rules::Context;

    fn with_context<T>(text: &str, kind: &str, check: impl FnOnce(&Context<'_>) -> T) -> T {
        let parsed = parse(text, Format::Json);
        let context = Context {
            kind: kind.parse().expect("known kind"),
            root: &parsed.documents[0],
            now: None,
        };
        check(&context)
    }

    #[test]
    fn reads_the_offer_type_and_popup_sub_type() {
        let daily = r#"{"type": "PopUp", "subType": "DailyBonus"}"#;
        assert_eq!(
            with_context(daily, "offer", offer_type),
            Some(OfferType::DailyBonus)
        );
        let popup = r#"{"type": "PopUp", "subType": 3}"#;
        assert_eq!(
            with_context(popup, "offer", offer_type),
            Some(OfferType::OtherPopUp)
        );
        assert_eq!(
            with_context(r#"{"type": "Promotion"}"#, "offer", offer_type),
            None
        );
        assert_eq!(
            with_context(r#"{"type": "Bundle"}"#, "pis-response", offer_type),
            None
        );
    }

    #[test]
    fn an_offer_is_free_only_with_every_price_at_zero() {
        let free = parse(
            r#"{"productsSequence": [{"priceInUsdCents": 0}, {"priceInUsdCents": 0}]}"#,
            Format::Json,
        );
        assert!(is_free(&free.documents[0]));
        let mixed = parse(
            r#"{"productsSequence": [{"priceInUsdCents": 0}, {"priceInUsdCents": 99}]}"#,
            Format::Json,
        );
        assert!(!is_free(&mixed.documents[0]));
        let unpriced = parse(r#"{"productsSequence": [{}]}"#, Format::Json);
        assert!(!is_free(&unpriced.documents[0]));
    }

    #[test]
    fn time_frames_keep_only_valid_bounds() {
        let text = r#"{"schedule": {"timeFrames": [
            {"startTime": "2026-12-01T00:00:00Z", "endTime": "yesterday"}, 7]}}"#;
        let frames = with_context(text, "offer", time_frames);
        assert_eq!(frames.len(), 1);
        assert!(frames[0].start.is_some());
        assert!(frames[0].end.is_none());
    }
}
