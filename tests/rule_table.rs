//! Self-tests of the rule set: the table, the schema tags and the code rules match one to
//! one, ids are well-formed, and the generated reference is current.

use std::collections::BTreeSet;

use offerlint::registry::{Check, Registry, markdown};
use offerlint::schema::BUNDLED;
use serde_json::Value;

fn ids_with(check: Check) -> BTreeSet<String> {
    Registry::builtin()
        .rules()
        .iter()
        .filter(|r| r.check == check)
        .map(|r| r.id.clone())
        .collect()
}

fn collect_tags(value: &Value, tags: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                match (key.as_str(), inner) {
                    ("x-rule", Value::String(id)) => {
                        tags.insert(id.clone());
                    }
                    ("x-rules", Value::Object(by_keyword)) => {
                        for tag in by_keyword.values() {
                            match tag {
                                Value::String(id) => {
                                    tags.insert(id.clone());
                                }
                                Value::Object(by_property) => {
                                    tags.extend(
                                        by_property
                                            .values()
                                            .filter_map(|v| v.as_str().map(str::to_owned)),
                                    );
                                }
                                _ => {}
                            }
                        }
                    }
                    _ => collect_tags(inner, tags),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_tags(item, tags)),
        _ => {}
    }
}

#[test]
fn schema_tags_and_schema_rules_match_one_to_one() {
    let mut tags = BTreeSet::new();
    for (_, text) in BUNDLED {
        collect_tags(&serde_json::from_str(text).unwrap(), &mut tags);
    }
    let table = ids_with(Check::Schema);
    let untabled: Vec<_> = tags.difference(&table).collect();
    let untagged: Vec<_> = table.difference(&tags).collect();
    assert!(
        untabled.is_empty(),
        "tags missing from the table as schema rules: {untabled:?}"
    );
    assert!(
        untagged.is_empty(),
        "schema rules no schema tags: {untagged:?}"
    );
}

#[test]
fn code_rules_and_the_table_match_one_to_one() {
    let mut implemented: BTreeSet<String> = offerlint::rules::CODE_RULES
        .iter()
        .map(|(id, _)| (*id).to_owned())
        .collect();
    for id in offerlint::catalog::CATALOG_RULES {
        assert!(
            implemented.insert((*id).to_owned()),
            "{id} is implemented twice"
        );
    }
    let table = ids_with(Check::Code);
    let missing: Vec<_> = table.difference(&implemented).collect();
    let untabled: Vec<_> = implemented.difference(&table).collect();
    assert!(
        untabled.is_empty(),
        "code rules missing from the table as code rules: {untabled:?}"
    );
    assert!(
        missing.is_empty(),
        "table says code, but nothing implements: {missing:?}"
    );
}

#[test]
fn rule_ids_are_unique_sorted_within_areas_and_kebab_case() {
    let registry = Registry::builtin();
    let mut seen = BTreeSet::new();
    let mut previous: Option<(&str, &str)> = None;
    for rule in registry.rules() {
        assert!(seen.insert(&rule.id), "{} twice", rule.id);
        if let Some((area, id)) = previous
            && area == rule.area
        {
            {
                assert!(
                    id < rule.id.as_str(),
                    "{} is not sorted after {id}",
                    rule.id
                );
            }
        }
        previous = Some((&rule.area, &rule.id));
        let kebab = !rule.id.starts_with('-')
            && !rule.id.ends_with('-')
            && !rule.id.contains("--")
            && rule
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        assert!(kebab, "{} is not kebab-case", rule.id);
    }
}

#[test]
fn every_rule_id_is_listed_in_the_snapshot() {
    let ids: Vec<String> = Registry::builtin()
        .rules()
        .iter()
        .map(|r| {
            format!(
                "{} {} {}",
                r.id,
                r.severity,
                offerlint::registry::check_name(r.check)
            )
        })
        .collect();
    insta::assert_snapshot!("rule_ids", ids.join("\n"));
}

#[test]
fn generated_rule_reference_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    let fresh = markdown(Registry::builtin());
    assert!(
        on_disk == fresh,
        "docs/rules.md is stale: run `cargo run -- rules --markdown > docs/rules.md`"
    );
}

#[test]
fn generated_rule_table_matches_its_yaml_sources() {
    let sources = Registry::from_sources().expect("the YAML tables load");
    let fresh = serde_json::to_string_pretty(sources.rules()).unwrap() + "\n";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/table.json");
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == fresh,
        "rules/table.json is stale: run \
         `cargo run -- rules --from-sources --format json > rules/table.json`"
    );
}
