//! `offer-v2-schedule-start-before-end`: a time frame that ends before it starts, or ends the
//! moment it starts, never shows the offer. The docs do not say so; it follows from the
//! meaning of the two fields.

use super::helpers::time_frames;
use super::{Context, Hit};

/// Reports each time frame whose `startTime` is not before its `endTime`.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    for frame in time_frames(context) {
        let (Some(start), Some(end)) = (frame.start, frame.end) else {
            continue;
        };
        if start >= end {
            hits.push(
                Hit::at(
                    "offer-v2-schedule-start-before-end",
                    frame.path.key("startTime"),
                    "startTime must be before endTime".to_owned(),
                )
                .help("swap or fix the two times")
                .related(frame.path.key("endTime"), "the frame ends here"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{full_hits, hits};

    fn bundle(start: &str, end: &str) -> String {
        format!(
            "type: Bundle\nofferUiId: ui\nproductsSequence:\n  - {{ index: 1, priceInUsdCents: 799, products: [{{ publisherProductId: gems, quantity: 5, priority: Main }}] }}\nschedule:\n  permanent: false\n  timeFrames:\n    - startTime: '{start}'\n      endTime: '{end}'\n"
        )
    }

    #[test]
    fn fires_on_a_frame_that_ends_before_it_starts() {
        let found = full_hits(
            &bundle("2027-03-09T00:00:00Z", "2027-03-08T00:00:00Z"),
            "offer",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, "offer-v2-schedule-start-before-end");
        assert_eq!(found[0].path.dotted(), "schedule.timeFrames.0.startTime");
        let related = found[0].related.as_ref().map(|(path, _)| path.dotted());
        assert_eq!(related.as_deref(), Some("schedule.timeFrames.0.endTime"));
    }

    #[test]
    fn stays_silent_on_an_ordered_frame() {
        assert!(
            hits(
                &bundle("2027-03-01T00:00:00Z", "2027-03-08T00:00:00Z"),
                "offer"
            )
            .is_empty()
        );
    }

    #[test]
    fn fires_on_an_empty_frame_and_compares_instants() {
        assert_eq!(
            hits(
                &bundle("2027-03-01T00:00:00Z", "2027-03-01T00:00:00Z"),
                "offer"
            )
            .len(),
            1
        );
        // 02:00 at +03:00 is 23:00 the day before in UTC, so the frame is ordered.
        assert!(
            hits(
                &bundle("2027-03-02T02:00:00+03:00", "2027-03-02T00:00:00Z"),
                "offer"
            )
            .is_empty()
        );
    }
}
