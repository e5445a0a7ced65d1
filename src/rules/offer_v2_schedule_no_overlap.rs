//! `offer-v2-schedule-no-overlap`: each appearance of a scheduled offer resets its
//! availability, so two appearances may not overlap. The finding sits on the later frame's
//! start and points at the end of the earlier frame it runs into.

use super::helpers::{TimeFrame, time_frames};
use super::{Context, Hit};

/// Reports each time frame that starts before an earlier-starting frame has ended.
pub fn check(context: &Context<'_>, hits: &mut Vec<Hit>) {
    // Frames without both bounds, or that end before they start, are other rules' findings.
    let mut frames: Vec<(jiff::Timestamp, jiff::Timestamp, TimeFrame)> = time_frames(context)
        .into_iter()
        .filter_map(|frame| match (frame.start, frame.end) {
            (Some(start), Some(end)) if start < end => Some((start, end, frame)),
            _ => None,
        })
        .collect();
    // Stable: frames with the same start keep their document order.
    frames.sort_by_key(|(start, _, _)| *start);
    let mut latest: Option<(jiff::Timestamp, &TimeFrame)> = None;
    for (start, end, frame) in &frames {
        if let Some((latest_end, earlier)) = latest
            && *start < latest_end
        {
            hits.push(
                Hit::at(
                    "offer-v2-schedule-no-overlap",
                    frame.path.key("startTime"),
                    "startTime must not be before the end of another time frame".to_owned(),
                )
                .help("move one of the frames so that they do not overlap")
                .related(earlier.path.key("endTime"), "the earlier frame ends here"),
            );
        }
        if latest.is_none_or(|(latest_end, _)| *end > latest_end) {
            latest = Some((*end, frame));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use crate::rules::testing::{full_hits, hits, places};

    fn special(frames: &[(&str, &str)]) -> String {
        let mut text = String::from(
            "type: SpecialOffer\nofferUiId: ui\nproductsSequence:\n  - { index: 1, priceInUsdCents: 699, products: [{ publisherProductId: gems, quantity: 5, priority: Main }] }\nschedule:\n  permanent: false\n  timeFrames:\n",
        );
        for (start, end) in frames {
            let _ = writeln!(text, "    - {{ startTime: '{start}', endTime: '{end}' }}");
        }
        text
    }

    #[test]
    fn fires_on_the_later_frame_and_points_at_the_earlier_end() {
        let text = special(&[
            ("2027-03-01T00:00:00Z", "2027-03-08T00:00:00Z"),
            ("2027-03-07T00:00:00Z", "2027-03-09T00:00:00Z"),
        ]);
        let found = full_hits(&text, "offer");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, "offer-v2-schedule-no-overlap");
        assert_eq!(found[0].path.dotted(), "schedule.timeFrames.1.startTime");
        let related = found[0].related.as_ref().map(|(path, _)| path.dotted());
        assert_eq!(related.as_deref(), Some("schedule.timeFrames.0.endTime"));
    }

    #[test]
    fn stays_silent_on_frames_that_touch_or_are_apart() {
        let text = special(&[
            ("2027-03-08T00:00:00Z", "2027-03-09T00:00:00Z"),
            ("2027-03-01T00:00:00Z", "2027-03-08T00:00:00Z"),
            ("2027-04-01T00:00:00Z", "2027-04-08T00:00:00Z"),
        ]);
        assert!(hits(&text, "offer").is_empty());
    }

    #[test]
    fn orders_frames_by_start_not_by_position() {
        // The first frame in the file starts later, inside the long second one.
        let text = special(&[
            ("2027-03-05T00:00:00Z", "2027-03-06T00:00:00Z"),
            ("2027-03-01T00:00:00Z", "2027-03-31T00:00:00Z"),
            ("2027-03-20T00:00:00Z", "2027-04-02T00:00:00Z"),
        ]);
        let found = full_hits(&text, "offer");
        assert_eq!(
            places(&found),
            [
                (
                    "schedule.timeFrames.0.startTime".to_owned(),
                    Some("schedule.timeFrames.1.endTime".to_owned())
                ),
                (
                    "schedule.timeFrames.2.startTime".to_owned(),
                    Some("schedule.timeFrames.1.endTime".to_owned())
                ),
            ]
        );
    }
}
