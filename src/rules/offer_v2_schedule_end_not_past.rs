//! `offer-v2-schedule-end-not-past`: the Offers API refuses time frames that are already over.
//! "Now" is the lint clock (`--now` for repeatable runs); without a clock the rule is skipped.

use super::helpers::time_frames;
use super::{Context, Hit};

/// Reports each time frame whose `endTime` lies before the lint clock.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    let Some(now) = context.now else {
        return;
    };
    for frame in time_frames(context) {
        if frame.end.is_some_and(|end| end < now) {
            hits.push(
                Hit::at(
                    "offer-v2-schedule-end-not-past",
                    frame.path.key("endTime"),
                    "endTime must not be in the past".to_owned(),
                )
                .help(format!(
                    "remove the expired time frame or move it after {now}"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::hits;

    fn bundle(end: &str) -> String {
        format!(
            "type: Bundle\nofferUiId: ui\nproductsSequence:\n  - {{ index: 1, priceInUsdCents: 799, products: [{{ publisherProductId: gems, quantity: 5, priority: Main }}] }}\nschedule:\n  permanent: false\n  timeFrames:\n    - startTime: '2026-06-01T00:00:00Z'\n      endTime: '{end}'\n"
        )
    }

    #[test]
    fn fires_on_a_frame_that_ended_before_the_clock() {
        assert_eq!(
            hits(&bundle("2026-06-30T23:59:59Z"), "offer"),
            [(
                "offer-v2-schedule-end-not-past".to_owned(),
                "schedule.timeFrames.0.endTime".to_owned()
            )]
        );
    }

    #[test]
    fn stays_silent_on_a_frame_that_ends_later() {
        assert!(hits(&bundle("2026-12-24T00:00:00Z"), "offer").is_empty());
        assert!(hits(&bundle("2026-12-01T00:00:00Z"), "offer").is_empty());
    }

    #[test]
    fn compares_offsets_and_skips_unparsable_times() {
        assert_eq!(hits(&bundle("2026-12-01T00:30:00+01:00"), "offer").len(), 1);
        assert!(hits(&bundle("2026-06-30"), "offer").is_empty());
        assert!(hits(&bundle("last summer"), "offer").is_empty());
    }
}
