//! Business rules that a JSON Schema cannot express, one file per rule, named after its id.
//!
//! Each rule is a plain function over one document's tree. Rules must never assume the
//! document passed its schema: they look only at values of the shape they expect and skip
//! anything else (the schema stage reports shapes).

mod helpers;
mod offer_v1_section_bundle_only;
mod offer_v1_single_sequence_non_rolling;
mod offer_v1_ui_id_required;
mod offer_v2_daily_bonus_max_31;
mod offer_v2_daily_bonus_one_product;
mod offer_v2_free_special_no_schedule;
mod offer_v2_intervals_needs_availability;
mod offer_v2_player_availability_type;
mod offer_v2_post_purchase_one_product;
mod offer_v2_price_discount_paid_only;
mod offer_v2_price_free_or_min_80;
mod offer_v2_price_min_80;
mod offer_v2_price_must_be_zero;
mod offer_v2_progress_bar_range;
mod offer_v2_progress_points_not_popup_checkout;
mod offer_v2_reward_calendar_length;
mod offer_v2_rolling_products_range;
mod offer_v2_rolling_sequence_range;
mod offer_v2_schedule_end_not_past;
mod offer_v2_schedule_no_overlap;
mod offer_v2_schedule_start_before_end;
mod offer_v2_schedule_timeframes_required;
mod offer_v2_single_sequence;
mod offer_v2_ui_id_required;
mod pis_badge_position_deprecated;
mod pis_dynamic_offer_ui_deprecated;
mod pis_empty_offers;
mod pis_ends_in_milliseconds;
mod pis_offer_id_unique;
mod pis_player_availability_remaining_le_total;
mod pis_rarity_legacy_shape;
mod pis_sequence_index_contiguous;
mod pis_sequence_index_start_at_1;

use crate::document::{Node, Path};
use crate::kind::Kind;
use crate::schema::Anchor;

/// What a rule sees: the document, its kind and the lint clock.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The document's kind.
    pub kind: Kind,
    /// The document's root.
    pub root: &'a Node,
    /// The time "now" for schedule rules; `None` disables rules that need a clock.
    pub now: Option<jiff::Timestamp>,
}

/// One rule violation, before spans and severities are attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Rule id (must be in the rule table with `check: code`).
    pub rule: &'static str,
    /// Path of the offending value, from the document root.
    pub path: Path,
    /// Which part of the document to point at.
    pub anchor: Anchor,
    /// Message in the store's vocabulary (starts with the leaf property name).
    pub message: String,
    /// What to do, in the imperative.
    pub help: Option<String>,
    /// A second place in the same document, with a label.
    pub related: Option<(Path, String)>,
}

impl Hit {
    /// Returns a hit on the value at `path`.
    #[must_use]
    pub fn at(rule: &'static str, path: Path, message: String) -> Self {
        Self {
            rule,
            path,
            anchor: Anchor::Value,
            message,
            help: None,
            related: None,
        }
    }

    /// Adds a help text.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a related place in the same document.
    #[must_use]
    pub fn related(mut self, path: Path, label: impl Into<String>) -> Self {
        self.related = Some((path, label.into()));
        self
    }
}

/// A code rule: its id and its check function.
pub type Check = fn(&Context<'_>, &mut Vec<Hit>);

/// Every per-document code rule, as a plain static list.
pub const CODE_RULES: &[(&str, Check)] = &[
    (
        "offer-v1-section-bundle-only",
        offer_v1_section_bundle_only::check,
    ),
    (
        "offer-v1-single-sequence-non-rolling",
        offer_v1_single_sequence_non_rolling::check,
    ),
    ("offer-v1-ui-id-required", offer_v1_ui_id_required::check),
    (
        "offer-v2-daily-bonus-max-31",
        offer_v2_daily_bonus_max_31::check,
    ),
    (
        "offer-v2-daily-bonus-one-product",
        offer_v2_daily_bonus_one_product::check,
    ),
    (
        "offer-v2-free-special-no-schedule",
        offer_v2_free_special_no_schedule::check,
    ),
    (
        "offer-v2-intervals-needs-availability",
        offer_v2_intervals_needs_availability::check,
    ),
    (
        "offer-v2-player-availability-type",
        offer_v2_player_availability_type::check,
    ),
    (
        "offer-v2-post-purchase-one-product",
        offer_v2_post_purchase_one_product::check,
    ),
    (
        "offer-v2-price-discount-paid-only",
        offer_v2_price_discount_paid_only::check,
    ),
    (
        "offer-v2-price-free-or-min-80",
        offer_v2_price_free_or_min_80::check,
    ),
    ("offer-v2-price-min-80", offer_v2_price_min_80::check),
    (
        "offer-v2-price-must-be-zero",
        offer_v2_price_must_be_zero::check,
    ),
    (
        "offer-v2-progress-bar-range",
        offer_v2_progress_bar_range::check,
    ),
    (
        "offer-v2-progress-points-not-popup-checkout",
        offer_v2_progress_points_not_popup_checkout::check,
    ),
    (
        "offer-v2-reward-calendar-length",
        offer_v2_reward_calendar_length::check,
    ),
    (
        "offer-v2-rolling-products-range",
        offer_v2_rolling_products_range::check,
    ),
    (
        "offer-v2-rolling-sequence-range",
        offer_v2_rolling_sequence_range::check,
    ),
    (
        "offer-v2-schedule-end-not-past",
        offer_v2_schedule_end_not_past::check,
    ),
    (
        "offer-v2-schedule-no-overlap",
        offer_v2_schedule_no_overlap::check,
    ),
    (
        "offer-v2-schedule-start-before-end",
        offer_v2_schedule_start_before_end::check,
    ),
    (
        "offer-v2-schedule-timeframes-required",
        offer_v2_schedule_timeframes_required::check,
    ),
    ("offer-v2-single-sequence", offer_v2_single_sequence::check),
    ("offer-v2-ui-id-required", offer_v2_ui_id_required::check),
    (
        "pis-badge-position-deprecated",
        pis_badge_position_deprecated::check,
    ),
    (
        "pis-dynamic-offer-ui-deprecated",
        pis_dynamic_offer_ui_deprecated::check,
    ),
    ("pis-empty-offers", pis_empty_offers::check),
    ("pis-ends-in-milliseconds", pis_ends_in_milliseconds::check),
    ("pis-offer-id-unique", pis_offer_id_unique::check),
    (
        "pis-player-availability-remaining-le-total",
        pis_player_availability_remaining_le_total::check,
    ),
    ("pis-rarity-legacy-shape", pis_rarity_legacy_shape::check),
    (
        "pis-sequence-index-contiguous",
        pis_sequence_index_contiguous::check,
    ),
    (
        "pis-sequence-index-start-at-1",
        pis_sequence_index_start_at_1::check,
    ),
];

/// Runs every per-document code rule.
pub fn run(context: &Context<'_>, hits: &mut Vec<Hit>) {
    for (_, check) in CODE_RULES {
        check(context, hits);
    }
}

/// Helpers for rule unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::{Context, Hit, run};
    use crate::document::{Format, parse};

    /// Runs every code rule on `text` (JSON, or YAML when it does not start with `{`) as
    /// `kind`, with the clock at 2026-12-01T00:00:00Z, and returns `(rule, property)` pairs.
    pub fn hits(text: &str, kind: &str) -> Vec<(String, String)> {
        full_hits(text, kind)
            .into_iter()
            .map(|hit| (hit.rule.to_owned(), hit.path.dotted()))
            .collect()
    }

    /// Like [`hits`], returning the whole hits.
    pub fn full_hits(text: &str, kind: &str) -> Vec<Hit> {
        let format = if text.trim_start().starts_with('{') {
            Format::Json
        } else {
            Format::Yaml
        };
        let parsed = parse(text, format);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let root = &parsed.documents[0];
        let context = Context {
            kind: kind.parse().expect("known kind"),
            root,
            now: Some("2026-12-01T00:00:00Z".parse().expect("valid time")),
        };
        let mut hits = Vec::new();
        run(&context, &mut hits);
        hits
    }

    /// Returns each hit's property with the property its related label points at, if any.
    pub fn places(found: &[Hit]) -> Vec<(String, Option<String>)> {
        found
            .iter()
            .map(|hit| {
                (
                    hit.path.dotted(),
                    hit.related.as_ref().map(|(path, _)| path.dotted()),
                )
            })
            .collect()
    }

    /// Returns a PIS response (JSON) with one offer whose sequences carry the given `index`
    /// values, written as they stand, in order.
    pub fn pis_response_with_indexes(indexes: &[&str]) -> String {
        let sequences = indexes
            .iter()
            .map(|index| {
                format!(r#"{{"index": {index}, "products": [{{"publisherProductId": "p", "quantity": 1}}]}}"#)
            })
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            r#"{{"status": "valid", "sessionMetadata": {{}}, "offers": [{{"publisherOfferId": "a", "productsSequence": [{sequences}]}}]}}"#
        )
    }
}
