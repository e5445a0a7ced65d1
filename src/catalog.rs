//! The catalog: every offer, product and badge of one run, and the rules that need more than
//! one document (ids unique, references resolve, one progress bar, type-dependent PIS rules).
//!
//! Checking happens in two phases so files can be checked in parallel and their trees
//! dropped early: while a file is checked, [`extract`] records the few facts cross-document
//! rules need (definitions, references, counts, with their places); then [`Catalog::build`]
//! indexes the facts of the whole run in hash maps, and [`Catalog::check`] judges each
//! file's facts against it. Nothing compares documents pairwise.

use std::collections::HashMap;

use crate::diagnostic::{Finding, Position, Related, Severity, Stage};
use crate::document::{Node, Path, Value};
use crate::kind::Kind;
use crate::registry::Registry;
use crate::suggest;

const SINGLE_SEQUENCE_HELP: &str = "send one sequence; only daily bonuses, rolling offers, \
                                    progress bars and reward calendars have several";

const POINTS_HELP: &str =
    "remove progressBarPoints: popups and checkout links do not feed progress bars";

/// The rules this module enforces, for the rule-table self-tests.
pub const CATALOG_RULES: &[&str] = &[
    "catalog-badge-known",
    "catalog-focus-bundle-known",
    "catalog-offer-id-unique",
    "catalog-offer-known",
    "catalog-offer-type-known",
    "catalog-product-id-unique",
    "catalog-product-known",
    "catalog-progress-bar-singleton",
    "catalog-rolling-sequence-count",
    "offer-v2-progress-points-bar-known",
    "pis-daily-bonus-one-product",
    "pis-player-availability-special-only",
    "pis-progress-bar-points-bar-known",
    "pis-progress-bar-points-not-popup-checkout",
    "pis-ribbon-override-ribbon-only",
    "pis-root-sale-not-rolling",
    "pis-sequence-sale-rolling-only",
    "pis-sequence-single-unless-multi-type",
];

/// Where a fact sits: file-level document index, full path, and positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Index of the checked document in its file report.
    pub unit: usize,
    /// Path from the file's document root (with the element index in array files).
    pub path: Path,
    /// Start of the value.
    pub start: Position,
    /// End of the value.
    pub end: Position,
}

/// An id defined or referenced somewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdAt {
    /// The id.
    pub id: String,
    /// Where the id's value is written.
    pub place: Place,
    /// The offer the place lies in, if any.
    pub offer_id: Option<String>,
}

/// An offer definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferDef {
    /// The `publisherOfferId` and its place.
    pub id: IdAt,
    /// `type`, if a string.
    pub offer_type: Option<String>,
    /// `subType`, if a string.
    pub sub_type: Option<String>,
    /// Where `type` is written.
    pub type_place: Option<Place>,
    /// Number of sequences and where `productsSequence` is written.
    pub sequences: Option<(usize, Place)>,
}

/// A badge definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadgeDef {
    /// The `publisherBadgeId` and its place.
    pub id: IdAt,
    /// `emblem` or `ribbon`, if given.
    pub badge_type: Option<String>,
}

/// What a PIS response says about one of its offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PisOffer {
    /// The `publisherOfferId` and its place.
    pub id: IdAt,
    /// Number of sequences and where `productsSequence` is written.
    pub sequences: Option<(usize, Place)>,
    /// For each sequence: number of products and where `products` is written.
    pub products_per_sequence: Vec<(usize, Place)>,
    /// Offer-level `productSale`, `priceDiscount`, `badges` (not for rolling offers).
    pub offer_level_extras: Vec<Place>,
    /// Sequence-level `productSale`, `priceDiscount`, `badges` (rolling offers only).
    pub sequence_level_extras: Vec<Place>,
    /// Sequence-level `playerAvailability` (special offers only).
    pub availability: Vec<Place>,
    /// Sequence-level `progressBarPoints` (not on popups and checkout links).
    pub progress_points: Vec<Place>,
    /// Badges with a `ribbonTextOverride`: badge id and the override's place.
    pub ribbon_overrides: Vec<IdAt>,
}

/// The cross-document facts of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// Offers defined.
    pub offers: Vec<OfferDef>,
    /// Products defined.
    pub products: Vec<IdAt>,
    /// Badges defined.
    pub badges: Vec<BadgeDef>,
    /// Offers listed by PIS responses.
    pub pis_offers: Vec<PisOffer>,
    /// Product ids referenced (offers, balances, tooltips).
    pub product_refs: Vec<IdAt>,
    /// Badge ids referenced.
    pub badge_refs: Vec<IdAt>,
    /// Progress-bar ids referenced, with the rule that reports a miss.
    pub bar_refs: Vec<(IdAt, &'static str)>,
    /// `focus.publisherBundleId` values.
    pub focus_refs: Vec<IdAt>,
    /// Whether references were recorded and then dropped to save memory; they must be
    /// gathered again (by checking the file again) before catalog rules can judge them.
    pub references_dropped: bool,
}

impl Facts {
    /// Returns whether the file defines any offer, product or badge.
    #[must_use]
    pub fn has_definitions(&self) -> bool {
        !(self.offers.is_empty() && self.products.is_empty() && self.badges.is_empty())
    }

    /// Returns whether the file refers to any offer, product, badge or progress bar.
    #[must_use]
    pub fn has_references(&self) -> bool {
        self.references_dropped
            || !(self.pis_offers.is_empty()
                && self.product_refs.is_empty()
                && self.badge_refs.is_empty()
                && self.bar_refs.is_empty()
                && self.focus_refs.is_empty())
    }

    /// Drops the references (keeping definitions), remembering that there were some.
    ///
    /// A run over many files keeps only definitions in memory this way; see
    /// [`crate::Linter::check_catalog_with`].
    pub fn forget_references(&mut self) {
        if self.has_references() {
            self.references_dropped = true;
        }
        self.pis_offers = Vec::new();
        self.product_refs = Vec::new();
        self.badge_refs = Vec::new();
        self.bar_refs = Vec::new();
        self.focus_refs = Vec::new();
    }
}

/// Locates a path of the current document: returns its place, if the path exists.
pub type Locate<'a> = dyn Fn(&Path) -> Option<Place> + 'a;

/// Records the cross-document facts of one document into `facts`.
///
/// With `references` false, only definitions are recorded, and a document that may refer
/// to others marks `references_dropped` so the references can be gathered later.
pub fn extract(kind: Kind, root: &Node, references: bool, locate: &Locate<'_>, facts: &mut Facts) {
    let at = |path: &Path| locate(path);
    let id_at = |path: Path, offer_id: Option<&str>| -> Option<IdAt> {
        let id = root.at(&path)?.as_str()?.to_owned();
        Some(IdAt {
            id,
            place: at(&path)?,
            offer_id: offer_id.map(str::to_owned),
        })
    };
    if !references {
        let filled = |key: &str| {
            root.get(key)
                .is_some_and(|value| value.as_array().is_none_or(|items| !items.is_empty()))
        };
        let refers = match kind {
            Kind::PisResponse => filled("offers") || filled("balances") || filled("focus"),
            Kind::Offer | Kind::OfferV1 => filled("productsSequence") || filled("badges"),
            Kind::Product | Kind::Badge => false,
        };
        facts.references_dropped |= refers;
        if kind == Kind::PisResponse {
            return;
        }
    }
    match kind {
        Kind::Product => facts
            .products
            .extend(id_at(Path::root().key("publisherProductId"), None)),
        Kind::Badge => {
            if let Some(id) = id_at(Path::root().key("publisherBadgeId"), None) {
                let badge_type = root.get("type").and_then(Node::as_str).map(str::to_owned);
                facts.badges.push(BadgeDef { id, badge_type });
            }
        }
        Kind::Offer | Kind::OfferV1 => extract_offer(root, references, &at, &id_at, facts),
        Kind::PisResponse => extract_pis(root, &at, &id_at, facts),
    }
}

type IdAtFn<'a> = dyn Fn(Path, Option<&str>) -> Option<IdAt> + 'a;
type AtFn<'a> = dyn Fn(&Path) -> Option<Place> + 'a;

fn extract_offer(
    root: &Node,
    references: bool,
    at: &AtFn<'_>,
    id_at: &IdAtFn<'_>,
    facts: &mut Facts,
) {
    let offer_id = root.get("publisherOfferId").and_then(Node::as_str);
    if let Some(id) = id_at(Path::root().key("publisherOfferId"), offer_id) {
        let text = |key: &str| root.get(key).and_then(Node::as_str).map(str::to_owned);
        let sequences_path = Path::root().key("productsSequence");
        let sequences = root
            .get("productsSequence")
            .and_then(Node::as_array)
            .and_then(|items| Some((items.len(), at(&sequences_path)?)));
        facts.offers.push(OfferDef {
            id,
            offer_type: text("type"),
            sub_type: text("subType"),
            type_place: at(&Path::root().key("type")),
            sequences,
        });
    }
    if !references {
        return;
    }
    for_each_sequence(root, &Path::root(), |sequence, path| {
        for_each_product(sequence, &path, |product_path| {
            facts
                .product_refs
                .extend(id_at(product_path.key("publisherProductId"), offer_id));
        });
        for (index, _) in array_at(sequence, "progressBarPoints") {
            let bar = path
                .key("progressBarPoints")
                .index(index)
                .key("publisherBarId");
            if let Some(reference) = id_at(bar, offer_id) {
                facts
                    .bar_refs
                    .push((reference, "offer-v2-progress-points-bar-known"));
            }
        }
        for (index, _) in array_at(sequence, "badges") {
            let badge = path.key("badges").index(index).key("publisherBadgeId");
            facts.badge_refs.extend(id_at(badge, offer_id));
        }
    });
    for (index, _) in array_at(root, "badges") {
        let badge = Path::root()
            .key("badges")
            .index(index)
            .key("publisherBadgeId");
        facts.badge_refs.extend(id_at(badge, offer_id));
    }
}

fn extract_pis(root: &Node, at: &AtFn<'_>, id_at: &IdAtFn<'_>, facts: &mut Facts) {
    for (index, _) in array_at(root, "balances") {
        let product = Path::root()
            .key("balances")
            .index(index)
            .key("publisherProductId");
        facts.product_refs.extend(id_at(product, None));
    }
    if root.get("focus").is_some() {
        let focus = Path::root().key("focus").key("publisherBundleId");
        facts.focus_refs.extend(id_at(focus, None));
    }
    for (index, offer) in array_at(root, "offers") {
        let base = Path::root().key("offers").index(index);
        let offer_id = offer.get("publisherOfferId").and_then(Node::as_str);
        let Some(id) = id_at(base.key("publisherOfferId"), offer_id) else {
            continue;
        };
        let mut pis_offer = PisOffer {
            id,
            sequences: None,
            products_per_sequence: Vec::new(),
            offer_level_extras: Vec::new(),
            sequence_level_extras: Vec::new(),
            availability: Vec::new(),
            progress_points: Vec::new(),
            ribbon_overrides: Vec::new(),
        };
        pis_offer.sequences = offer
            .get("productsSequence")
            .and_then(Node::as_array)
            .and_then(|items| Some((items.len(), at(&base.key("productsSequence"))?)));
        for key in ["productSale", "priceDiscount", "badges"] {
            if offer.get(key).is_some() {
                pis_offer.offer_level_extras.extend(at(&base.key(key)));
            }
        }
        collect_badges(offer, &base, offer_id, id_at, facts, &mut pis_offer);
        for_each_sequence(offer, &base, |sequence, path| {
            if let Some(products) = sequence.get("products").and_then(Node::as_array) {
                pis_offer
                    .products_per_sequence
                    .extend(at(&path.key("products")).map(|p| (products.len(), p)));
            }
            for key in ["productSale", "priceDiscount", "badges"] {
                if sequence.get(key).is_some() {
                    pis_offer.sequence_level_extras.extend(at(&path.key(key)));
                }
            }
            if sequence.get("playerAvailability").is_some() {
                pis_offer
                    .availability
                    .extend(at(&path.key("playerAvailability")));
            }
            if sequence.get("progressBarPoints").is_some() {
                pis_offer
                    .progress_points
                    .extend(at(&path.key("progressBarPoints")));
            }
            for (points, _) in array_at(sequence, "progressBarPoints") {
                let bar = path
                    .key("progressBarPoints")
                    .index(points)
                    .key("publisherBarId");
                if let Some(reference) = id_at(bar, offer_id) {
                    facts
                        .bar_refs
                        .push((reference, "pis-progress-bar-points-bar-known"));
                }
            }
            collect_badges(sequence, &path, offer_id, id_at, facts, &mut pis_offer);
            for_each_product(sequence, &path, |product_path| {
                facts
                    .product_refs
                    .extend(id_at(product_path.key("publisherProductId"), offer_id));
                collect_tooltip_products(root, &product_path, offer_id, id_at, facts);
            });
        });
        facts.pis_offers.push(pis_offer);
    }
}

fn collect_badges(
    holder: &Node,
    base: &Path,
    offer_id: Option<&str>,
    id_at: &IdAtFn<'_>,
    facts: &mut Facts,
    pis_offer: &mut PisOffer,
) {
    for (index, badge) in array_at(holder, "badges") {
        let path = base.key("badges").index(index);
        let Some(reference) = id_at(path.key("publisherBadgeId"), offer_id) else {
            continue;
        };
        if badge.get("ribbonTextOverride").is_some() {
            // Keep the badge id, point at the override text.
            let mut at_override = reference.clone();
            if let Some(text) = id_at(path.key("ribbonTextOverride"), offer_id) {
                at_override.place = text.place;
            }
            pis_offer.ribbon_overrides.push(at_override);
        }
        facts.badge_refs.push(reference);
    }
}

fn collect_tooltip_products(
    root: &Node,
    product_path: &Path,
    offer_id: Option<&str>,
    id_at: &IdAtFn<'_>,
    facts: &mut Facts,
) {
    let tooltip_path = product_path.key("rarityProductInfo").key("tooltip");
    let Some(sections) = root.at(&tooltip_path).and_then(Node::as_array) else {
        return;
    };
    for (section_index, section) in sections.iter().enumerate() {
        for (index, _) in array_at(section, "products") {
            let path = tooltip_path
                .index(section_index)
                .key("products")
                .index(index)
                .key("publisherProductId");
            facts.product_refs.extend(id_at(path, offer_id));
        }
    }
}

fn array_at<'a>(node: &'a Node, key: &str) -> impl Iterator<Item = (usize, &'a Node)> {
    node.get(key)
        .and_then(Node::as_array)
        .unwrap_or_default()
        .iter()
        .enumerate()
}

fn for_each_sequence(holder: &Node, base: &Path, mut visit: impl FnMut(&Node, Path)) {
    for (index, sequence) in array_at(holder, "productsSequence") {
        visit(sequence, base.key("productsSequence").index(index));
    }
}

fn for_each_product(sequence: &Node, base: &Path, mut visit: impl FnMut(Path)) {
    for (index, product) in array_at(sequence, "products") {
        if matches!(product.value, Value::Object(_)) {
            visit(base.key("products").index(index));
        }
    }
}

/// Where a definition lives: which file (by report index) and its place.
#[derive(Debug, Clone)]
struct Located<'a, T> {
    file: usize,
    item: &'a T,
}

/// The indexed definitions of a whole run.
#[derive(Debug)]
pub struct Catalog<'a> {
    names: Vec<&'a str>,
    offers: HashMap<&'a str, Vec<Located<'a, OfferDef>>>,
    products: HashMap<&'a str, Vec<Located<'a, IdAt>>>,
    badges: HashMap<&'a str, Vec<Located<'a, BadgeDef>>>,
    progress_bars: Vec<Located<'a, OfferDef>>,
}

impl<'a> Catalog<'a> {
    /// Indexes the facts of every file of a run: `(file name, facts)` in report order.
    #[must_use]
    pub fn build(files: &[(&'a str, &'a Facts)]) -> Self {
        let mut catalog = Catalog {
            names: files.iter().map(|(name, _)| *name).collect(),
            offers: HashMap::new(),
            products: HashMap::new(),
            badges: HashMap::new(),
            progress_bars: Vec::new(),
        };
        for (file, (_, facts)) in files.iter().enumerate() {
            for offer in &facts.offers {
                let located = Located { file, item: offer };
                if offer.offer_type.as_deref() == Some("ProgressBar") {
                    catalog.progress_bars.push(located.clone());
                }
                catalog
                    .offers
                    .entry(offer.id.id.as_str())
                    .or_default()
                    .push(located);
            }
            for product in &facts.products {
                catalog
                    .products
                    .entry(product.id.as_str())
                    .or_default()
                    .push(Located {
                        file,
                        item: product,
                    });
            }
            for badge in &facts.badges {
                catalog
                    .badges
                    .entry(badge.id.id.as_str())
                    .or_default()
                    .push(Located { file, item: badge });
            }
        }
        catalog
    }

    /// Returns whether the run defines any offer, product or badge.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.offers.is_empty() && self.products.is_empty() && self.badges.is_empty()
    }

    /// Judges the facts of file `file` against the catalog and returns the findings.
    #[must_use]
    pub fn check(&self, file: usize, facts: &Facts, registry: &Registry) -> Vec<Finding> {
        let mut out = Findings {
            registry,
            names: &self.names,
            list: Vec::new(),
        };
        self.check_unique(file, facts, &mut out);
        self.check_references(facts, &mut out);
        self.check_pis_offers(facts, &mut out);
        out.list
    }

    fn check_unique(&self, file: usize, facts: &Facts, out: &mut Findings<'_>) {
        for offer in &facts.offers {
            let all = &self.offers[offer.id.id.as_str()];
            if let Some(other) = other_definition(all, file, &offer.id.place) {
                let related = out.related(other.file, &other.item.id.place, "also defined here");
                out.push(
                    "catalog-offer-id-unique",
                    format!("publisherOfferId {} is defined more than once", offer.id.id),
                    &offer.id,
                    Some("give each offer its own publisherOfferId"),
                )
                .related
                .push(related);
            }
        }
        for product in &facts.products {
            let all = &self.products[product.id.as_str()];
            if let Some(other) = other_definition_of(all, file, &product.place) {
                let related = out.related(other.file, &other.item.place, "also defined here");
                out.push(
                    "catalog-product-id-unique",
                    format!(
                        "publisherProductId {} is defined more than once",
                        product.id
                    ),
                    product,
                    Some("give each product its own publisherProductId"),
                )
                .related
                .push(related);
            }
        }
        if self.progress_bars.len() > 1 {
            for bar in &facts.offers {
                if bar.offer_type.as_deref() != Some("ProgressBar") {
                    continue;
                }
                let Some(place) = &bar.type_place else {
                    continue;
                };
                let other = self
                    .progress_bars
                    .iter()
                    .take(2)
                    .find(|b| !(b.file == file && b.item.id.place == bar.id.place));
                let at = IdAt {
                    id: bar.id.id.clone(),
                    place: place.clone(),
                    offer_id: Some(bar.id.id.clone()),
                };
                let finding = out.push(
                    "catalog-progress-bar-singleton",
                    format!(
                        "type ProgressBar is used by {} offers; \
                         a store has at most one progress bar",
                        self.progress_bars.len()
                    ),
                    &at,
                    Some("keep one progress bar offer and deactivate or delete the others"),
                );
                if let Some(other) = other {
                    let place = other
                        .item
                        .type_place
                        .as_ref()
                        .unwrap_or(&other.item.id.place);
                    let related = Related {
                        file: self.names[other.file].to_owned(),
                        property: place.path.dotted(),
                        start: place.start,
                        label: "another progress bar".to_owned(),
                    };
                    finding.related.push(related);
                }
            }
        }
    }

    fn check_references(&self, facts: &Facts, out: &mut Findings<'_>) {
        if !self.products.is_empty() {
            for reference in &facts.product_refs {
                if !self.products.contains_key(reference.id.as_str()) {
                    let hint = suggest::closest(&reference.id, self.products.keys().copied());
                    out.missing(
                        "catalog-product-known",
                        "publisherProductId",
                        "product",
                        reference,
                        hint,
                    );
                }
            }
        }
        if !self.badges.is_empty() {
            for reference in &facts.badge_refs {
                if !self.badges.contains_key(reference.id.as_str()) {
                    let hint = suggest::closest(&reference.id, self.badges.keys().copied());
                    out.missing(
                        "catalog-badge-known",
                        "publisherBadgeId",
                        "badge",
                        reference,
                        hint,
                    );
                }
            }
        }
        // Without any progress bar in the run, a reference cannot be judged: the bar may
        // simply live in files that were not loaded.
        if !self.progress_bars.is_empty() {
            let bar_ids = self.progress_bars.iter().map(|b| b.item.id.id.as_str());
            for (reference, rule) in &facts.bar_refs {
                if !self
                    .progress_bars
                    .iter()
                    .any(|b| b.item.id.id == reference.id)
                {
                    let hint = suggest::closest(&reference.id, bar_ids.clone());
                    out.missing(
                        rule,
                        "publisherBarId",
                        "progress bar offer",
                        reference,
                        hint,
                    );
                }
            }
        }
        if !self.offers.is_empty() {
            for reference in &facts.focus_refs {
                let is_bundle = self.offers.get(reference.id.as_str()).is_some_and(|defs| {
                    defs.iter()
                        .any(|d| d.item.offer_type.as_deref() == Some("Bundle"))
                });
                if !is_bundle {
                    let hint = suggest::closest(&reference.id, self.offers.keys().copied());
                    out.missing(
                        "catalog-focus-bundle-known",
                        "publisherBundleId",
                        "bundle",
                        reference,
                        hint,
                    );
                }
            }
        }
    }

    fn check_pis_offers(&self, facts: &Facts, out: &mut Findings<'_>) {
        if self.offers.is_empty() {
            return;
        }
        for pis in &facts.pis_offers {
            let Some(config) = self
                .offers
                .get(pis.id.id.as_str())
                .and_then(|defs| defs.first())
            else {
                let hint = suggest::closest(&pis.id.id, self.offers.keys().copied());
                out.missing(
                    "catalog-offer-known",
                    "publisherOfferId",
                    "offer",
                    &pis.id,
                    hint,
                );
                continue;
            };
            self.check_pis_offer_type(pis, config, out);
        }
        for pis in &facts.pis_offers {
            let defined = self.offers.get(pis.id.id.as_str());
            if let (Some(defs), Some((count, place))) = (defined, &pis.sequences) {
                let config = &defs[0];
                let rolling = config.item.offer_type.as_deref() == Some("RollingOffer");
                if let (true, Some((configured, config_place))) = (rolling, &config.item.sequences)
                    && count != configured
                {
                    let at = pis.id.clone_at(place);
                    let finding = out.push(
                        "catalog-rolling-sequence-count",
                        format!(
                            "productsSequence has {count} sub-offers, \
                                 the rolling offer is configured with {configured}"
                        ),
                        &at,
                        Some("send one sequence per configured sub-offer"),
                    );
                    finding.related.push(Related {
                        file: self.names[config.file].to_owned(),
                        property: config_place.path.dotted(),
                        start: config_place.start,
                        label: "configured sub-offers".to_owned(),
                    });
                }
            }
        }
    }

    fn check_pis_offer_type(
        &self,
        pis: &PisOffer,
        config: &Located<'_, OfferDef>,
        out: &mut Findings<'_>,
    ) {
        let offer_type = config.item.offer_type.as_deref().unwrap_or_default();
        let sub_type = config.item.sub_type.as_deref().unwrap_or_default();
        let rolling = offer_type == "RollingOffer";
        let multi = matches!(offer_type, "RollingOffer" | "ProgressBar")
            || (offer_type == "PopUp" && matches!(sub_type, "DailyBonus" | "RewardCalendar"));
        let type_name = if sub_type.is_empty() {
            offer_type.to_owned()
        } else {
            format!("{offer_type}/{sub_type}")
        };

        if let (false, Some((count, place))) = (multi, &pis.sequences)
            && *count > 1
        {
            out.push(
                "pis-sequence-single-unless-multi-type",
                format!(
                    "productsSequence must contain no more than 1 elements \
                         for a {type_name} offer"
                ),
                &pis.id.clone_at(place),
                Some(SINGLE_SEQUENCE_HELP),
            );
        }
        if offer_type == "PopUp" && sub_type == "DailyBonus" {
            for (count, place) in &pis.products_per_sequence {
                if *count != 1 {
                    out.push(
                        "pis-daily-bonus-one-product",
                        "products must contain exactly 1 element for a daily bonus".to_owned(),
                        &pis.id.clone_at(place),
                        Some("give each day exactly one product"),
                    );
                }
            }
        }
        let extras = if rolling {
            (
                &pis.offer_level_extras,
                "pis-root-sale-not-rolling",
                "is not applicable to rolling offers: set it on each sequence",
            )
        } else {
            (
                &pis.sequence_level_extras,
                "pis-sequence-sale-rolling-only",
                "on a sequence is only applicable to rolling offers: set it on the offer",
            )
        };
        for place in extras.0 {
            let name = place.path.leaf_name().unwrap_or("value").to_owned();
            out.push(
                extras.1,
                format!("{name} {}", extras.2),
                &pis.id.clone_at(place),
                None,
            );
        }
        if offer_type != "SpecialOffer" {
            for place in &pis.availability {
                out.push(
                    "pis-player-availability-special-only",
                    format!(
                        "playerAvailability is only applicable to special offers, \
                         not to a {type_name} offer"
                    ),
                    &pis.id.clone_at(place),
                    Some("remove playerAvailability from this offer"),
                );
            }
        }
        if matches!(offer_type, "PopUp" | "CheckoutLink") {
            for place in &pis.progress_points {
                out.push(
                    "pis-progress-bar-points-not-popup-checkout",
                    format!("progressBarPoints is not applicable to a {type_name} offer"),
                    &pis.id.clone_at(place),
                    Some(POINTS_HELP),
                );
            }
        }
        for badge in &pis.ribbon_overrides {
            let is_emblem = self.badges.get(badge.id.as_str()).is_some_and(|defs| {
                defs.iter()
                    .all(|d| d.item.badge_type.as_deref() == Some("emblem"))
            });
            if is_emblem {
                out.push(
                    "pis-ribbon-override-ribbon-only",
                    format!(
                        "ribbonTextOverride has no effect on emblem badge {}",
                        badge.id
                    ),
                    badge,
                    Some("remove the override, or use a ribbon badge"),
                );
            }
        }
    }
}

impl IdAt {
    fn clone_at(&self, place: &Place) -> IdAt {
        IdAt {
            id: self.id.clone(),
            place: place.clone(),
            offer_id: self.offer_id.clone(),
        }
    }
}

fn other_definition<'c, 'a>(
    all: &'c [Located<'a, OfferDef>],
    file: usize,
    place: &Place,
) -> Option<&'c Located<'a, OfferDef>> {
    if all.len() < 2 {
        return None;
    }
    all.iter()
        .find(|d| !(d.file == file && d.item.id.place == *place))
}

fn other_definition_of<'c, 'a>(
    all: &'c [Located<'a, IdAt>],
    file: usize,
    place: &Place,
) -> Option<&'c Located<'a, IdAt>> {
    if all.len() < 2 {
        return None;
    }
    all.iter()
        .find(|d| !(d.file == file && d.item.place == *place))
}

struct Findings<'a> {
    registry: &'a Registry,
    names: &'a [&'a str],
    list: Vec<Finding>,
}

impl Findings<'_> {
    fn push(&mut self, rule: &str, message: String, at: &IdAt, help: Option<&str>) -> &mut Finding {
        self.list.push(Finding {
            rule: rule.to_owned(),
            severity: self.registry.severity(rule),
            message,
            help: help.map(str::to_owned),
            path: Some(at.place.path.clone()),
            document: at.place.unit,
            start: at.place.start,
            end: at.place.end,
            offer_id: at.offer_id.clone(),
            stage: Stage::Rule,
            related: Vec::new(),
        });
        let last = self.list.len() - 1;
        &mut self.list[last]
    }

    fn missing(&mut self, rule: &str, field: &str, what: &str, at: &IdAt, hint: Option<&str>) {
        let help = hint.map(|hint| format!("did you mean `{hint}`?"));
        let message = if at.id.is_empty() {
            format!("{field} should not be empty")
        } else {
            format!("{field} {} does not name a configured {what}", at.id)
        };
        let finding = self.push(rule, message, at, None);
        finding.help = help;
    }

    fn related(&self, file: usize, place: &Place, label: &str) -> Related {
        Related {
            file: self.names[file].to_owned(),
            property: place.path.dotted(),
            start: place.start,
            label: label.to_owned(),
        }
    }
}

/// What a file refers to that the run has no definitions for (see [`unjudged`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unjudged {
    /// The run holds no definitions at all.
    Everything,
    /// Some kinds are missing: offers, products, badges.
    Kinds {
        /// Offer references (PIS offers, focus) without any offer definition.
        offers: bool,
        /// Product references without any product definition.
        products: bool,
        /// Badge references without any badge definition.
        badges: bool,
    },
}

/// Returns which of a file's references cannot be judged because the run holds none of the
/// definitions they need (no catalog at all, or no products, badges or offers where the file
/// refers to them).
#[must_use]
pub fn unjudged(catalog: &Catalog<'_>, facts: &Facts) -> Option<Unjudged> {
    if catalog.is_empty() {
        return facts.has_references().then_some(Unjudged::Everything);
    }
    let offers =
        catalog.offers.is_empty() && !(facts.pis_offers.is_empty() && facts.focus_refs.is_empty());
    let products = catalog.products.is_empty() && !facts.product_refs.is_empty();
    let badges = catalog.badges.is_empty() && !facts.badge_refs.is_empty();
    (offers || products || badges).then_some(Unjudged::Kinds {
        offers,
        products,
        badges,
    })
}

/// Returns the info note that catalog rules were skipped; a run shows it once, on the first
/// file with unjudged references.
#[must_use]
pub fn skipped_note(unjudged: Unjudged) -> Finding {
    let message = match unjudged {
        Unjudged::Everything => {
            "catalog rules skipped: the run holds no offer, product or badge definitions".to_owned()
        }
        Unjudged::Kinds {
            offers,
            products,
            badges,
        } => {
            let missing: Vec<&str> = [(offers, "offer"), (products, "product"), (badges, "badge")]
                .into_iter()
                .filter_map(|(missing, name)| missing.then_some(name))
                .collect();
            let list = match missing.as_slice() {
                [init @ .., last] if !init.is_empty() => format!("{} and {last}", init.join(", ")),
                _ => missing.concat(),
            };
            format!(
                "catalog rules skipped for {list} references: the run holds no {list} definitions"
            )
        }
    };
    let start = Position {
        line: 1,
        column: 1,
        offset: 0,
    };
    Finding {
        rule: "catalog-offer-type-known".to_owned(),
        // Always a note, even where a config raises the rule: nothing is wrong with the file.
        severity: Severity::Info,
        message,
        help: Some(
            "lint the configuration files in the same run, \
             or name them under `catalog:` in .offerlint.yaml"
                .to_owned(),
        ),
        path: None,
        document: 0,
        start,
        end: start,
        offer_id: None,
        stage: Stage::Rule,
        related: Vec::new(),
    }
}
