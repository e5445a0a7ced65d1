//! Finds the files to check: explicit paths as given, directories walked for JSON and YAML
//! files in a deterministic order, skipping hidden and gitignored entries.

use std::path::{Path, PathBuf};

/// Extensions picked up when walking directories.
pub const EXTENSIONS: [&str; 3] = ["json", "yaml", "yml"];

/// A path that could not be walked or read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    /// The path concerned (may be the directory being walked).
    pub path: PathBuf,
    /// What went wrong.
    pub message: String,
}

/// Expands `inputs` into a sorted, de-duplicated list of files.
///
/// A file given explicitly is always kept, whatever its extension. Directories are walked
/// recursively for `*.json`, `*.yaml` and `*.yml`; hidden entries and entries ignored by
/// `.gitignore` files are skipped, and symbolic links are not followed (so link loops
/// cannot trap the walk). Problems are returned beside the files, never instead of them.
#[must_use]
pub fn collect(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<WalkError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        match std::fs::metadata(input) {
            Ok(meta) if meta.is_dir() => walk_dir(input, &mut files, &mut errors),
            Ok(_) => files.push(input.clone()),
            Err(error) => errors.push(WalkError {
                path: input.clone(),
                message: error.to_string(),
            }),
        }
    }
    files.sort();
    files.dedup();
    // The same file reached by two spellings (`a/b` and `./a/b`, relative and absolute)
    // is checked once, or its definitions would count twice in the catalog. One input
    // cannot reach a file twice (links are not followed), so only several inputs need it.
    if inputs.len() > 1 {
        use rayon::prelude::*;
        let canonical: Vec<PathBuf> = files
            .par_iter()
            .map(|file| file.canonicalize().unwrap_or_else(|_| file.clone()))
            .collect();
        let mut seen = std::collections::HashSet::with_capacity(files.len());
        let mut keep = canonical.into_iter().map(|c| seen.insert(c));
        files.retain(|_| keep.next().unwrap_or(true));
    }
    (files, errors)
}

fn walk_dir(root: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<WalkError>) {
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(std::cmp::Ord::cmp)
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && has_lint_extension(entry.path()) {
                    files.push(entry.into_path());
                } else if is_file {
                    let path = entry.path().display();
                    tracing::debug!(%path, "skipped: not .json, .yaml or .yml");
                } else if entry.path_is_symlink() {
                    let path = entry.path().display();
                    tracing::info!(%path, "skipped: a symbolic link (links are not followed)");
                }
            }
            Err(error) => errors.push(WalkError {
                path: root.to_path_buf(),
                message: error.to_string(),
            }),
        }
    }
}

/// Returns whether a path ends in one of [`EXTENSIONS`] (case-insensitive).
#[must_use]
pub fn has_lint_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_in_sorted_order_and_skips_hidden_and_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b")).unwrap();
        std::fs::create_dir_all(root.join(".hidden")).unwrap();
        for name in [
            "b/z.yaml",
            "a.json",
            "b/a.yml",
            ".hidden/x.json",
            "notes.txt",
            "skip.json",
        ] {
            std::fs::write(root.join(name), "{}").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "skip.json\n").unwrap();
        let (files, errors) = collect(&[root.to_path_buf()]);
        assert!(errors.is_empty());
        let names: Vec<String> = files
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a.json", "b/a.yml", "b/z.yaml"]);
    }

    #[test]
    fn keeps_one_copy_of_a_file_reached_by_two_spellings() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.json"), "{}").unwrap();
        let plain = dir.path().to_path_buf();
        let dotted = dir.path().join(".");
        let (files, errors) = collect(&[plain, dotted]);
        assert!(errors.is_empty());
        assert_eq!(files.len(), 1, "{files:?}");
    }

    #[test]
    fn reports_missing_paths_and_keeps_going() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.json"), "{}").unwrap();
        let (files, errors) =
            collect(&[dir.path().join("missing.json"), dir.path().join("a.json")]);
        assert_eq!(files.len(), 1);
        assert_eq!(errors.len(), 1);
    }
}
