//! offerlint: finds what the Appcharge web store would reject in offer configs and
//! Player Info Sync responses, and reports it in the store's own Integration Error shape.

pub mod document;
