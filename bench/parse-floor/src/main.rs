//! Parse floor: reads every `*.json` file under the given paths and parses it into a
//! `serde_json::Value` on all cores, doing nothing else. Prints how many files parsed and
//! how many did not; exits 1 if any did not.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        entries.sort();
        for entry in entries {
            collect(&entry, out)?;
        }
    } else if path.extension().is_some_and(|e| e == "json") {
        out.push(path.to_path_buf());
    }
    Ok(())
}

fn main() -> ExitCode {
    let mut files = Vec::new();
    for arg in std::env::args_os().skip(1) {
        if let Err(error) = collect(Path::new(&arg), &mut files) {
            eprintln!("parse-floor: {}: {error}", Path::new(&arg).display());
            return ExitCode::from(2);
        }
    }
    let failed: usize = files
        .par_iter()
        .map(|path| {
            let parsed = std::fs::read(path)
                .ok()
                .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok());
            usize::from(parsed.is_none())
        })
        .sum();
    println!(
        "{} files, {} parsed, {failed} failed",
        files.len(),
        files.len() - failed
    );
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
