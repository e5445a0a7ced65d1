//! offerlint finds what the Appcharge web store would reject in offer configurations and
//! Player Info Sync (personalize) responses, and reports it in the store's own
//! Integration Error Event shape.
//!
//! Build a [`Linter`] once, then check files, strings or bytes with it from any thread:
//!
//! ```
//! use offerlint::{Format, Linter};
//!
//! let linter = Linter::new()?;
//! let report = linter.check_str(
//!     "response.json",
//!     r#"{"version": 2, "status": "Valid", "sessionMetadata": {}}"#,
//!     Format::Json,
//!     None,
//! );
//! assert_eq!(report.findings[0].rule, "pis-status-enum");
//! assert_eq!(report.findings[0].property().as_deref(), Some("status"));
//! # Ok::<(), offerlint::LinterError>(())
//! ```

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
