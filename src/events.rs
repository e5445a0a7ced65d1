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

impl EventContext {
    /// Returns a context for `player_id` at `timestamp_ms`, with a fresh request id per
    /// document and only errors turned into events.
    ///
    /// ```
    /// let context = offerlint::EventContext::new("plr-1", 1_767_225_600_000)
    ///     .with_request_id("7c0f3a52-1d9e-4b8a-9f61-2e4d5c6b7a80");
    /// assert_eq!(context.min_severity, offerlint::Severity::Error);
    /// ```
    #[must_use]
    pub fn new(player_id: impl Into<String>, timestamp_ms: i64) -> Self {
        Self {
            request_id: None,
            player_id: player_id.into(),
            timestamp_ms,
            min_severity: Severity::Error,
        }
    }

    /// Uses this request id for every event (the id of the PIS call being answered).
    #[must_use]
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }
}

/// Builds the events for one file: per document, one event for the schema stage (and
/// document-level rules) and one event per offer that fails business rules.
///
/// ```
/// use offerlint::{EventContext, Format, Linter, build_events};
///
/// let linter = Linter::new()?;
/// let body = r#"{"version": 2, "status": "Valid", "sessionMetadata": {}}"#;
/// let report = linter.check_str("response.json", body, Format::Json, None);
/// let context = EventContext::new("plr-1", 1_767_225_600_000).with_request_id("req-1");
/// let events = build_events(&report, &context);
/// assert_eq!(events[0].event, "invalid_property_error");
/// assert_eq!(events[0].data.request_id, "req-1");
/// let reasons = events[0].reasons().expect("reason is a JSON array");
/// assert_eq!(reasons[0].property, "status");
/// # Ok::<(), offerlint::LinterError>(())
/// ```
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

impl IntegrationErrorEvent {
    /// Parses `data.reason` as the documented `[{property, validationError}]` array.
    pub fn reasons(&self) -> Result<Vec<ReasonEntry>, serde_json::Error> {
        serde_json::from_str(&self.data.reason)
    }
}

/// The name of the v2 event offerlint can emit instead of the v1 event.
pub const V2_INVALID_PROPERTY: &str = "webstore.personalization_api.error.invalid_property";

/// A v2 event envelope (Events v2), as offerlint emits it for invalid properties and as the
/// store sends personalization errors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct V2Event {
    /// Dotted event name.
    pub event_name: String,
    /// Unique id (UUID), the key for de-duplicating redeliveries.
    pub event_id: String,
    /// Epoch milliseconds.
    pub timestamp: i64,
    /// Player session id, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// Request id.
    #[serde(default)]
    pub request_id: Option<String>,
    /// `success`, `failed`, or null.
    #[serde(default)]
    pub result: Option<String>,
    /// Short reason, or null.
    #[serde(default)]
    pub reason: Option<String>,
    /// The PIS `attributes` echoed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<serde_json::Value>,
    /// The player: `{id | playerId, email, name}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<serde_json::Value>,
    /// The session metadata echoed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_metadata: Option<serde_json::Value>,
    /// The PIS request id a personalization error refers to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlation_request_id: Option<String>,
    /// Error details of a personalization error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<serde_json::Value>,
    /// offerlint's details: v2 documents no field for the per-property list, so it travels in
    /// this clearly namespaced extension.
    #[serde(
        rename = "x-offerlint",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub offerlint: Option<V2Details>,
}

/// The per-property details offerlint adds to a v2 event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct V2Details {
    /// The offer, for business-rule events about one offer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer_external_id: Option<String>,
    /// The same entries as a v1 `reason`, as an array rather than a string.
    pub reasons: Vec<ReasonEntry>,
}

/// Builds v2 envelopes carrying the same content as [`build_events`].
///
/// ```
/// use offerlint::{EventContext, Format, Linter, build_v2_events};
///
/// let linter = Linter::new()?;
/// let body = r#"{"version": 2, "status": "Valid", "sessionMetadata": {}}"#;
/// let report = linter.check_str("response.json", body, Format::Json, None);
/// let events = build_v2_events(&report, &EventContext::new("plr-1", 0));
/// assert_eq!(events[0].event_name, "webstore.personalization_api.error.invalid_property");
/// # Ok::<(), offerlint::LinterError>(())
/// ```
#[must_use]
pub fn build_v2_events(report: &FileReport, context: &EventContext) -> Vec<V2Event> {
    build_events(report, context)
        .into_iter()
        .map(|event| V2Event {
            event_name: V2_INVALID_PROPERTY.to_owned(),
            event_id: uuid::Uuid::new_v4().to_string(),
            timestamp: event.timestamp,
            session_id: None,
            request_id: Some(event.data.request_id.clone()),
            result: Some("failed".to_owned()),
            reason: Some("invalid_property".to_owned()),
            attributes: None,
            customer: Some(serde_json::json!({ "playerId": event.data.player_id })),
            session_metadata: None,
            correlation_request_id: None,
            error: None,
            offerlint: Some(V2Details {
                offer_external_id: event.data.offer_external_id.clone(),
                reasons: event.reasons().unwrap_or_default(),
            }),
        })
        .collect()
}

/// An error event received from the store, in any of its documented shapes.
#[derive(Debug, Clone, PartialEq)]
pub enum IncomingErrorEvent {
    /// v1 with `event: invalid_property_error`, millisecond timestamp, array reason.
    V1(IntegrationErrorEvent),
    /// v1 as on the older Error Events page: no `event`, often a seconds timestamp, and a
    /// `reason` that may hold an object instead of an array.
    V1Legacy(LegacyErrorEvent),
    /// A v2 envelope (`webstore.personalization_api.error[.invalid_property]`).
    V2(Box<V2Event>),
}

/// The older v1 variant (spec events.md §3.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacyErrorEvent {
    /// Timestamp as sent (seconds or milliseconds).
    pub timestamp: i64,
    /// The payload.
    pub data: EventData,
}

impl LegacyErrorEvent {
    /// Returns the timestamp in milliseconds (a 10-digit value is taken as seconds).
    #[must_use]
    pub fn timestamp_ms(&self) -> i64 {
        if self.timestamp < 100_000_000_000 {
            self.timestamp.saturating_mul(1000)
        } else {
            self.timestamp
        }
    }
}

/// Why an incoming event could not be read.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum EventParseError {
    /// Not JSON, or not an object.
    #[error("event is not a JSON object: {0}")]
    #[diagnostic(code(offerlint::event::json))]
    Json(#[from] serde_json::Error),
    /// A JSON object of no known event shape.
    #[error("event matches no known error-event shape: {0}")]
    #[diagnostic(code(offerlint::event::shape))]
    Shape(String),
}

/// Parses an error event as the store posts it to the events webhook.
///
/// ```
/// use offerlint::{IncomingErrorEvent, parse_error_event};
///
/// let body = br#"{"timestamp": 1767225600, "data": {"requestId": "r", "playerId": "p",
///     "reason": "{\"error\": \"Invalid property 'priceDiscount'\"}"}}"#;
/// match parse_error_event(body)? {
///     IncomingErrorEvent::V1Legacy(event) => assert_eq!(event.timestamp_ms(), 1_767_225_600_000),
///     other => panic!("unexpected {other:?}"),
/// }
/// # Ok::<(), offerlint::events::EventParseError>(())
/// ```
pub fn parse_error_event(bytes: &[u8]) -> Result<IncomingErrorEvent, EventParseError> {
    let value: serde_json::Value = serde_json::from_slice(bytes)?;
    let object = value
        .as_object()
        .ok_or_else(|| EventParseError::Shape("not an object".to_owned()))?;
    if object.contains_key("eventName") {
        return serde_json::from_value(value)
            .map(|event| IncomingErrorEvent::V2(Box::new(event)))
            .map_err(|e| EventParseError::Shape(e.to_string()));
    }
    match object.get("event").and_then(serde_json::Value::as_str) {
        Some(INVALID_PROPERTY_ERROR) => serde_json::from_value(value)
            .map(IncomingErrorEvent::V1)
            .map_err(|e| EventParseError::Shape(e.to_string())),
        Some(other) => Err(EventParseError::Shape(format!(
            "event `{other}` is not an error event"
        ))),
        None => serde_json::from_value(value)
            .map(IncomingErrorEvent::V1Legacy)
            .map_err(|e| EventParseError::Shape(e.to_string())),
    }
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
    fn wraps_the_same_reasons_in_a_v2_envelope() {
        let text = r#"{"version": 2, "status": "Valid", "sessionMetadata": {}}"#;
        let report = Linter::new()
            .unwrap()
            .check_str("r.json", text, Format::Json, None);
        let events = build_v2_events(&report, &context());
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].event_name, V2_INVALID_PROPERTY);
        let details = events[0].offerlint.as_ref().unwrap();
        assert_eq!(details.reasons[0].property, "status");
        let text = serde_json::to_string(&events[0]).unwrap();
        assert!(text.contains("\"x-offerlint\""));
    }

    #[test]
    fn parses_all_documented_error_event_shapes() {
        let v1 = br#"{"timestamp": 1767225600123, "event": "invalid_property_error",
            "data": {"requestId": "r", "playerId": "p", "reason": "[{\"property\":\"a\",\"validationError\":\"a must be a string\"}]"}}"#;
        let IncomingErrorEvent::V1(event) = parse_error_event(v1).unwrap() else {
            panic!("expected v1");
        };
        assert_eq!(event.reasons().unwrap()[0].property, "a");

        let legacy = br#"{"timestamp": 1767225600, "data": {"requestId": "r", "playerId": "p",
            "offerExternalId": "o", "reason": "{\"error\": \"Invalid property\"}"}}"#;
        let IncomingErrorEvent::V1Legacy(event) = parse_error_event(legacy).unwrap() else {
            panic!("expected the legacy variant");
        };
        assert_eq!(event.timestamp_ms(), 1_767_225_600_000);
        assert_eq!(event.data.offer_external_id.as_deref(), Some("o"));

        let v2 = br#"{"eventName": "webstore.personalization_api.error", "eventId": "e",
            "timestamp": 1, "requestId": "q", "result": null, "reason": null,
            "correlationRequestId": "c", "error": {"type": "TimeoutError", "reason": "timeout"}}"#;
        let IncomingErrorEvent::V2(event) = parse_error_event(v2).unwrap() else {
            panic!("expected v2");
        };
        assert_eq!(event.correlation_request_id.as_deref(), Some("c"));

        assert!(parse_error_event(b"[1]").is_err());
        assert!(parse_error_event(br#"{"event": "login_resolved"}"#).is_err());
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
