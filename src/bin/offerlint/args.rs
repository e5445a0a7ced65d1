//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use offerlint::Kind;

/// Lints Appcharge offer configs and Player Info Sync responses.
#[derive(Debug, Parser)]
#[command(name = "offerlint", version, about)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Log more (repeat for more detail); logs go to stderr.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Checks files and directories (`-` reads standard input).
    Check(CheckArgs),
    /// Lists every rule with its id, default severity and summary.
    Rules(RulesArgs),
    /// Prints a rule's documentation.
    Explain {
        /// The rule id (or an alias).
        rule: String,
    },
}

/// Arguments of `offerlint rules`.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
    /// Print the Markdown reference (docs/rules.md) instead of the table.
    #[arg(long)]
    pub markdown: bool,
    /// Read the table from its YAML sources instead of the generated rules/table.json
    /// (to regenerate it: `rules --from-sources --format json > rules/table.json`).
    #[arg(long, hide = true)]
    pub from_sources: bool,
}

/// Output formats of `offerlint rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// An aligned text table.
    Table,
    /// A JSON array.
    Json,
}

/// Arguments of `offerlint check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or directories; directories are walked for *.json, *.yaml and *.yml.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Treat every document as this kind instead of detecting it by shape: pis-response,
    /// offer, offer-v1, product or badge.
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<Kind>,
    /// Request id for `--format events` and `events-v2` (default: a fresh UUID v4 per document).
    #[arg(long)]
    pub request_id: Option<String>,
    /// Player id for `--format events` and `events-v2` (default: empty).
    #[arg(long, default_value = "")]
    pub player_id: String,
    /// File name used in messages when reading standard input.
    #[arg(long, default_value = "<stdin>")]
    pub stdin_filename: String,
    /// Lowest severity that makes the run fail (exit code 1); default: the config's
    /// `fail-on`, else error.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailLevel>,
    /// Configuration file (default: .offerlint.yaml in the current directory or a parent).
    #[arg(long, conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any .offerlint.yaml.
    #[arg(long)]
    pub no_config: bool,
    /// Quantity rules follow the older docs: at most 19 digits and greater than 0 (C-01, C-02).
    #[arg(long)]
    pub legacy_quantity: bool,
    /// The time to check schedules against and to stamp events with (RFC 3339, e.g.
    /// 2026-12-01T00:00:00Z); default: the system clock.
    #[arg(long, value_parser = parse_now)]
    pub now: Option<jiff::Timestamp>,
    /// Largest file to parse, in bytes.
    #[arg(long, default_value_t = offerlint::linter::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: usize,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Code frames for people.
    Human,
    /// One JSON object with every diagnostic.
    Json,
    /// A JSON array of Integration Error Events, as the store would send them.
    Events,
    /// The same events in the Events v2 envelope
    /// (`webstore.personalization_api.error.invalid_property`).
    EventsV2,
}

/// Severities a run can fail on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailLevel {
    /// Fail on errors only.
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any finding.
    Info,
}

impl FailLevel {
    /// Returns the matching severity.
    pub fn severity(self) -> offerlint::Severity {
        match self {
            FailLevel::Error => offerlint::Severity::Error,
            FailLevel::Warning => offerlint::Severity::Warning,
            FailLevel::Info => offerlint::Severity::Info,
        }
    }
}

fn parse_kind(text: &str) -> Result<Kind, String> {
    text.parse()
}

/// Reads `--now`, naming the expected form when the value is not an RFC 3339 time.
fn parse_now(value: &str) -> Result<jiff::Timestamp, String> {
    value.parse().map_err(|_| {
        "expected an RFC 3339 date-time with an offset, such as 2026-12-01T00:00:00Z".to_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_takes_rfc3339_and_names_the_form_otherwise() {
        let at = parse_now("2026-12-01T00:00:00Z").expect("valid time");
        assert_eq!(at.as_second(), 1_796_083_200);
        let offset = parse_now("2026-12-01T01:00:00+01:00").expect("valid time");
        assert_eq!(offset, at);
        let error = parse_now("yesterday").expect_err("not a time");
        assert!(error.contains("RFC 3339"), "{error}");
        assert!(parse_now("2026-12-01").is_err());
    }
}
