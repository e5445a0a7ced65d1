//! offerlint finds what the Appcharge web store would reject in offer configurations and
//! Player Info Sync (personalize) responses, and reports it in the store's own
//! Integration Error Event shape.
//!
//! # Checking
//!
//! Build a [`Linter`] once (it is `Send + Sync`; share it by reference or in an `Arc`), then
//! check bytes, strings or parsed [`serde_json::Value`]s with it from any thread. Pass the
//! [`Kind`] when you know it, or `None` to detect it from the document's shape:
//!
//! ```
//! use offerlint::{Format, Kind, Linter};
//!
//! let linter = Linter::new()?;
//! let report = linter.check_str(
//!     "response.json",
//!     r#"{"version": 2, "status": "Valid", "sessionMetadata": {}}"#,
//!     Format::Json,
//!     Some(Kind::PisResponse),
//! );
//! assert_eq!(report.findings[0].rule, "pis-status-enum");
//! assert_eq!(report.findings[0].property().as_deref(), Some("status"));
//! # Ok::<(), offerlint::LinterError>(())
//! ```
//!
//! # Rules across documents
//!
//! A check looks at one document. Whether a response names products, offers and badges
//! that exist, and the rules that depend on an offer's configured type, need the
//! definitions as well: check the configuration files once, keep their reports, and pass
//! them to [`Linter::check_catalog`] with each report to judge. Without that call those
//! rules do not run at all (the CLI says so with an info note; the library stays quiet).
//!
//! ```
//! use offerlint::{Format, Linter};
//!
//! let linter = Linter::new()?;
//! let product = r##"{"name": "Gems", "publisherProductId": "gems", "type": "Quantity",
//!     "textFontColorHex": "#FFFFFF", "productImageUrl": "https://example.invalid/g.png"}"##;
//! // Once, at start-up.
//! let catalog = [linter.check_str("products/gems.json", product, Format::Json, None)];
//! // Per response.
//! let body = r#"{"version": 2, "status": "valid", "sessionMetadata": {},
//!     "balances": [{"publisherProductId": "gem", "quantity": 5}]}"#;
//! let mut reports = [linter.check_str("response.json", body, Format::Json, None)];
//! linter.check_catalog(&mut reports, &catalog);
//! assert_eq!(reports[0].findings[0].rule, "catalog-product-known");
//! # Ok::<(), offerlint::LinterError>(())
//! ```
//!
//! # Integration Error Events
//!
//! [`build_events`] turns a report into the v1 events the store would post (one per
//! document for schema findings, one per offer for business rules), given the player, the
//! clock and the request id in an [`EventContext`]; [`build_v2_events`] wraps them in the
//! v2 envelope. [`parse_error_event`] reads an event the store sent (v1 in either variant,
//! or v2) back into typed values.
//!
//! ```
//! use offerlint::{EventContext, Format, Kind, Linter, build_events, parse_error_event};
//!
//! let linter = Linter::new()?;
//! let body = br#"{"version": 2, "status": "valid", "sessionMetadata": {},
//!     "balances": [{"publisherProductId": "gems", "quantity": -5}]}"#;
//! let report = linter.check_bytes("response.json", body, Format::Json, Some(Kind::PisResponse));
//! let context = EventContext::new("player-7", 1_767_225_600_000).with_request_id("req-1");
//! let events = build_events(&report, &context);
//! assert_eq!(events.len(), 1);
//! let reasons = events[0].reasons().expect("reason is a JSON array");
//! assert_eq!(reasons[0].property, "balances.0.quantity");
//!
//! // The same event, as the store would send it, read back.
//! let wire = serde_json::to_vec(&events[0]).expect("events serialize");
//! assert!(parse_error_event(&wire).is_ok());
//! # Ok::<(), offerlint::LinterError>(())
//! ```
//!
//! `examples/pis_handler.rs` puts these together in an HTTP handler.

pub mod catalog;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod events;
pub mod kind;
pub mod linter;
pub mod registry;
pub mod rules;
pub mod schema;
pub mod suggest;
pub mod walk;

pub use diagnostic::{Finding, Position, Related, Severity, Stage};
pub use document::Format;
pub use events::{
    EventContext, IncomingErrorEvent, IntegrationErrorEvent, ReasonEntry, V2Event, build_events,
    build_v2_events, parse_error_event,
};
pub use kind::Kind;
pub use linter::{DocumentInfo, FileReport, Linter, LinterError, LinterOptions};

/// What checking one document or file found: its findings and what was checked.
pub type Report = FileReport;
