//! Integration Error Events (`invalid_property_error`): the shape in which the store reports
//! what it dropped, built here from findings so that publishers see them before the store does.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Finding, Severity, Stage};
use crate::linter::FileReport;

/// The event name of a v1 Integration Error Event.
pub const INVALID_PROPERTY_ERROR: &str = "invalid_property_error";

/// A v1 Integration Error Event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntegrationErrorEvent {
    /// Event time, epoch milliseconds.
    pub timestamp: i64,
    /// Always [`INVALID_PROPERTY_ERROR`] for the events offerlint builds.
    pub event: String,
    /// The payload.
    pub data: EventData,
}

/// The `data` object of an Integration Error Event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventData {
    /// Id of the Player Info Sync request (a UUID v4).
    pub request_id: String,
    /// The player the response was for.
    pub player_id: String,
    /// The offer's `publisherOfferId`, for business-rule events about one offer.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub offer_external_id: Option<String>,
    /// The JSON text of a `[{property, validationError}]` array.
    pub reason: String,
}

/// One element of the parsed `reason` array.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReasonEntry {
    /// Dotted path from the document root, 0-based indexes (`offers.0.endsIn`).
    pub property: String,
    /// Messages of every failed constraint of that property, joined with `", "`.
    pub validation_error: String,
}

/// Everything an event needs besides the findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventContext {
    /// Request id to use; when `None`, a fresh UUID v4 is made for each document.
    pub request_id: Option<String>,
    /// Player id (empty when unknown).
    pub player_id: String,
    /// Event time, epoch milliseconds.
    pub timestamp_ms: i64,
    /// Findings below this severity are left out (the store drops only errors).
    pub min_severity: Severity,
}

/// Builds the events for one file: per document, one event for the schema stage (and
/// document-level rules) and one event per offer that fails business rules.
#[must_use]
pub fn build_events(report: &FileReport, context: &EventContext) -> Vec<IntegrationErrorEvent> {
    let mut events = Vec::new();
    for document in 0..report.documents.len().max(1) {
        let findings: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.document == document && f.severity >= context.min_severity)
            .collect();
        if findings.is_empty() {
            continue;
        }
        let request_id = context
            .request_id
            .clone()
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());

        // Group: `None` for the document event, `Some(offer)` for each offer's own event.
        let mut groups: BTreeMap<Option<&str>, Vec<&Finding>> = BTreeMap::new();
        for finding in findings {
            let offer = match finding.stage {
                Stage::Rule => finding.offer_id.as_deref(),
                Stage::Parse | Stage::Schema => None,
            };
            groups.entry(offer).or_default().push(finding);
        }
        for (offer, group) in groups {
            events.push(IntegrationErrorEvent {
                timestamp: context.timestamp_ms,
                event: INVALID_PROPERTY_ERROR.to_owned(),
                data: EventData {
                    request_id: request_id.clone(),
                    player_id: context.player_id.clone(),
                    offer_external_id: offer.map(str::to_owned),
                    reason: reason_json(&group),
                },
            });
        }
    }
    events
}

/// Joins findings into the `reason` text: one entry per property, in order of first
/// appearance, messages of the same property joined with `", "`.
#[must_use]
pub fn reason_json(findings: &[&Finding]) -> String {
    let mut entries: Vec<ReasonEntry> = Vec::new();
    for finding in findings {
        let property = finding.property().unwrap_or_default();
        match entries.iter_mut().find(|e| e.property == property) {
            Some(entry) => {
                if !entry
                    .validation_error
                    .split(", ")
                    .any(|m| m == finding.message)
                {
                    entry.validation_error.push_str(", ");
                    entry.validation_error.push_str(&finding.message);
                }
            }
            None => entries.push(ReasonEntry {
                property,
                validation_error: finding.message.clone(),
            }),
        }
    }
    serde_json::to_string(&entries).unwrap_or_else(|_| "[]".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::linter::Linter;

    fn context() -> EventContext {
        EventContext {
            request_id: Some("7c0f3a52-1d9e-4b8a-9f61-2e4d5c6b7a80".to_owned()),
            player_id: "plr-1".to_owned(),
            timestamp_ms: 1_767_225_600_123,
            min_severity: Severity::Error,
        }
    }

    #[test]
    fn builds_one_schema_event_with_a_parseable_reason() {
        let text =
            r#"{"version": 2, "status": "Valid", "offersOrder": "random", "sessionMetadata": {}}"#;
        let report = Linter::new()
            .unwrap()
            .check_str("r.json", text, Format::Json, None);
        let events = build_events(&report, &context());
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].event, "invalid_property_error");
        assert!(events[0].data.offer_external_id.is_none());
        let reason: Vec<ReasonEntry> = serde_json::from_str(&events[0].data.reason).unwrap();
        let properties: Vec<&str> = reason.iter().map(|e| e.property.as_str()).collect();
        assert_eq!(properties, ["status", "offersOrder"]);
    }

    #[test]
    fn builds_no_event_for_a_clean_document() {
        let text = r#"{"version": 2, "status": "valid", "sessionMetadata": {}}"#;
        let report = Linter::new()
            .unwrap()
            .check_str("r.json", text, Format::Json, None);
        assert!(build_events(&report, &context()).is_empty());
    }
}
