//! `offerlint rules` and `offerlint explain`: the rule table for people and machines.

use std::io::{self, Write};
use std::process::ExitCode;

use offerlint::registry::{Registry, check_name, markdown};

use crate::args::{RulesArgs, RulesFormat};

/// Prints the rule table (text, JSON or Markdown).
pub fn list(args: &RulesArgs) -> io::Result<ExitCode> {
    let sources;
    let registry = if args.from_sources {
        sources = Registry::from_sources().map_err(io::Error::other)?;
        &sources
    } else {
        Registry::builtin()
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    if args.markdown {
        out.write_all(markdown(registry).as_bytes())?;
    } else if args.format == RulesFormat::Json {
        serde_json::to_writer_pretty(&mut out, registry.rules())?;
        writeln!(out)?;
    } else {
        let width = registry
            .rules()
            .iter()
            .map(|r| r.id.len())
            .max()
            .unwrap_or(0);
        for rule in registry.rules() {
            // Rules that cannot be checked offline say so in place of a severity.
            let severity = if rule.check == offerlint::registry::Check::Offline {
                "offline"
            } else {
                rule.severity.as_str()
            };
            write!(out, "{:<width$}  {severity:<7}  {}", rule.id, rule.summary)?;
            if rule.aliases.is_empty() {
                writeln!(out)?;
            } else {
                writeln!(out, " (also: {})", rule.aliases.join(", "))?;
            }
        }
        if registry
            .rules()
            .iter()
            .any(|r| r.check == offerlint::registry::Check::Offline)
        {
            writeln!(
                out,
                "\noffline: the store checks these on what offerlint cannot read (the image \
                 files behind URLs); listed for reference, never reported"
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Prints one rule's documentation with its examples.
pub fn explain(id: &str) -> io::Result<ExitCode> {
    let registry = Registry::builtin();
    let Some(rule) = registry.get(id) else {
        let mut stderr = io::stderr().lock();
        write!(stderr, "offerlint: unknown rule `{id}`")?;
        if let Some(close) = registry.closest(id) {
            write!(stderr, "; did you mean `{close}`?")?;
        }
        writeln!(stderr)?;
        return Ok(ExitCode::from(2));
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    writeln!(out, "{}: {}\n", rule.id, rule.summary)?;
    writeln!(out, "severity:   {}", rule.severity)?;
    writeln!(out, "checked by: {}", check_name(rule.check))?;
    writeln!(out, "sources:    {}", rule.sources.join(", "))?;
    for key in &rule.sources {
        if let Some(page) = offerlint::registry::source(key) {
            writeln!(out, "            {key}: {page}")?;
        }
    }
    if !rule.aliases.is_empty() {
        writeln!(out, "aliases:    {}", rule.aliases.join(", "))?;
    }
    if !rule.message.is_empty() {
        writeln!(out, "message:    {}", rule.message)?;
    }
    writeln!(out, "\n{}", rule.docs.trim_end())?;
    let cited = offerlint::registry::contradictions_in(&rule.docs);
    if !cited.is_empty() {
        writeln!(out)?;
        for (id, text) in cited {
            write!(out, "{}", wrap(&format!("{id}: {text}"), 92, "      "))?;
        }
    }
    if let Some(examples) = &rule.examples {
        writeln!(
            out,
            "\nInvalid ({}):\n\n{}",
            examples.kind,
            indent(&examples.invalid)
        )?;
        writeln!(out, "Valid:\n\n{}", indent(&examples.valid))?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Breaks text into lines of at most `width` columns at spaces, indenting the lines after
/// the first.
fn wrap(text: &str, width: usize, hang: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let prefix = if out.is_empty() { "" } else { hang };
        if !line.is_empty()
            && prefix.len() + line.chars().count() + 1 + word.chars().count() > width
        {
            out.push_str(prefix);
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(if out.is_empty() { "" } else { hang });
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn indent(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        out.push_str("    ");
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_spaces_with_a_hanging_indent() {
        let text = "C-02: one two three four five six";
        assert_eq!(
            wrap(text, 14, "  "),
            "C-02: one two\n  three four\n  five six\n"
        );
        assert_eq!(wrap("short", 14, "  "), "short\n");
        // A word longer than the width stays whole on its own line.
        assert_eq!(wrap("a abcdefghijklmnop", 5, ""), "a\nabcdefghijklmnop\n");
    }
}
