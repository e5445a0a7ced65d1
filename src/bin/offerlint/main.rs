//! The `offerlint` command: parses arguments, runs the library, prints, and maps the
//! outcome to an exit code (0 clean, 1 findings at the failing severity, 2 offerlint failed).

mod args;
mod check;
mod output;
mod rules;

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;

// The checker allocates many small strings and vectors from several threads; mimalloc
// handles that pattern much faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = args::Args::parse();
    init_logging(args.verbose);
    let outcome = match args.command {
        args::Command::Check(check_args) => check::run(&check_args),
        args::Command::Rules(rules_args) => rules::list(&rules_args),
        args::Command::Explain { rule } => rules::explain(&rule),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            // A closed pipe (e.g. `offerlint check | head`) is not a failure.
            if error.kind() == std::io::ErrorKind::BrokenPipe {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(std::io::stderr(), "offerlint: {error}");
            ExitCode::from(2)
        }
    }
}

fn init_logging(verbose: u8) {
    let level = match verbose {
        0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("OFFERLINT_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .without_time()
        .try_init();
}
