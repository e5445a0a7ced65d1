//! Document kinds: which schema and rules apply, given by the user or detected by shape.

use std::fmt;
use std::str::FromStr;

use crate::document::{Node, Value};

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A Player Info Sync (personalize) v2 response.
    PisResponse,
    /// An Offers API v2 offer configuration.
    Offer,
    /// A Products API product.
    Product,
    /// A Badges API badge.
    Badge,
}

impl Kind {
    /// Every kind, in the order detection tries them.
    pub const ALL: [Kind; 4] = [Kind::PisResponse, Kind::Offer, Kind::Product, Kind::Badge];

    /// Returns the kind's name as used by `--kind` and in configs.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Kind::PisResponse => "pis-response",
            Kind::Offer => "offer",
            Kind::Product => "product",
            Kind::Badge => "badge",
        }
    }

    /// Returns the word used for the document root in messages ("response must be an object").
    #[must_use]
    pub fn root_word(self) -> &'static str {
        match self {
            Kind::PisResponse => "response",
            Kind::Offer => "offer",
            Kind::Product => "product",
            Kind::Badge => "badge",
        }
    }

    /// Guesses the kind of a document from its shape.
    ///
    /// A `status` with `sessionMetadata` or `offers` is a PIS response; a `publisherOfferId`
    /// with a `type` or `productsSequence` is an offer; a `publisherProductId` with product
    /// catalog fields is a product; a `publisherBadgeId` with badge fields is a badge.
    #[must_use]
    pub fn detect(node: &Node) -> Option<Kind> {
        let Value::Object(_) = node.value else {
            return None;
        };
        let has = |key: &str| node.get(key).is_some();
        if has("status") && (has("sessionMetadata") || has("offers")) {
            return Some(Kind::PisResponse);
        }
        if has("publisherOfferId") && (has("type") || has("productsSequence")) {
            return Some(Kind::Offer);
        }
        let product_fields = ["textFontColorHex", "productImageUrl", "type", "name"];
        if has("publisherProductId") && product_fields.iter().any(|k| has(k)) {
            return Some(Kind::Product);
        }
        let badge_fields = ["type", "badgeImageUrl", "text", "name"];
        if has("publisherBadgeId") && badge_fields.iter().any(|k| has(k)) {
            return Some(Kind::Badge);
        }
        if has("offers") && (has("version") || has("balances")) {
            return Some(Kind::PisResponse);
        }
        None
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Kind {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|kind| kind.name() == text)
            .ok_or_else(|| {
                let names: Vec<_> = Kind::ALL.iter().map(|k| k.name()).collect();
                format!(
                    "unknown kind `{text}`; expected one of {}",
                    names.join(", ")
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse_json;

    fn detect(text: &str) -> Option<Kind> {
        Kind::detect(&parse_json(text).documents[0])
    }

    #[test]
    fn detects_each_kind_by_shape() {
        assert_eq!(
            detect(r#"{"status":"valid","sessionMetadata":{}}"#),
            Some(Kind::PisResponse)
        );
        assert_eq!(
            detect(r#"{"publisherOfferId":"a","type":"Bundle"}"#),
            Some(Kind::Offer)
        );
        assert_eq!(
            detect(r#"{"publisherProductId":"a","name":"A"}"#),
            Some(Kind::Product)
        );
        assert_eq!(
            detect(r#"{"publisherBadgeId":"a","type":"ribbon"}"#),
            Some(Kind::Badge)
        );
    }

    #[test]
    fn detects_nothing_for_unknown_shapes() {
        assert_eq!(detect(r#"{"hello":"world"}"#), None);
        assert_eq!(detect("[1,2]"), None);
        assert_eq!(detect(r#"{"publisherProductId":"a","quantity":1}"#), None);
    }

    #[test]
    fn parses_kind_names() {
        assert_eq!("pis-response".parse::<Kind>(), Ok(Kind::PisResponse));
        assert!("pis".parse::<Kind>().is_err());
    }
}
