//! `offer-v2-schedule-timeframes-required`: with `permanent: false` the offer only appears
//! inside its time frames, so an empty list hides it for good. (A missing `timeFrames` key is
//! the schema's required-field finding.)

use super::helpers::offer_type;
use super::{Context, Hit};
use crate::document::{Node, Path, Value};

/// Reports an empty `schedule.timeFrames` on a schedule that is not permanent.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    if offer_type(context).is_none() {
        return;
    }
    let Some(schedule) = context.root.get("schedule") else {
        return;
    };
    let not_permanent = schedule
        .get("permanent")
        .is_some_and(|permanent| permanent.value == Value::Bool(false));
    let empty = schedule
        .get("timeFrames")
        .and_then(Node::as_array)
        .is_some_and(<[_]>::is_empty);
    if not_permanent && empty {
        hits.push(
            Hit::at(
                "offer-v2-schedule-timeframes-required",
                Path::root().key("schedule").key("timeFrames"),
                "timeFrames should not be empty when permanent is false".to_owned(),
            )
            .help("add a time frame, or set permanent to true"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::hits;

    fn bundle(schedule: &str) -> String {
        format!(
            "type: Bundle\nofferUiId: ui\nproductsSequence:\n  - {{ index: 1, priceInUsdCents: 799, products: [{{ publisherProductId: gems, quantity: 5, priority: Main }}] }}\nschedule: {schedule}\n"
        )
    }

    #[test]
    fn fires_on_no_frames_when_not_permanent() {
        assert_eq!(
            hits(&bundle("{ permanent: false, timeFrames: [] }"), "offer"),
            [(
                "offer-v2-schedule-timeframes-required".to_owned(),
                "schedule.timeFrames".to_owned()
            )]
        );
    }

    #[test]
    fn stays_silent_when_permanent() {
        assert!(hits(&bundle("{ permanent: true, timeFrames: [] }"), "offer").is_empty());
    }

    #[test]
    fn skips_other_shapes() {
        assert!(hits(&bundle("{ permanent: 'false', timeFrames: [] }"), "offer").is_empty());
        assert!(hits(&bundle("{ permanent: false }"), "offer").is_empty());
        assert!(hits(&bundle("{ permanent: false, timeFrames: {} }"), "offer").is_empty());
    }
}
