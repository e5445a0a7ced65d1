//! Hostile and broken input, through the library and the binary: empty and oversized files,
//! deep nesting, alias bombs, binary data, invalid UTF-8, NUL bytes, and file-system oddities
//! (symlink loops, unreadable files, directories and FIFOs where files are expected).
//!
//! Every case must end quickly, without a panic, with a finding or an error that names the
//! file and the place, and must not keep the other files of the same run from being checked.
//! Inputs the fuzz targets (`fuzz/`) once failed on are replayed from `tests/fuzz_fixtures/`.

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use offerlint::document::{self, Value};
use offerlint::linter::LinterOptions;
use offerlint::{FileReport, Format, Linter};

/// The corpus's reference clock, so schedule rules do not depend on the day.
const NOW: &str = "2026-12-01T00:00:00Z";

/// How long one check may take before it counts as a hang (debug builds on a busy machine
/// are slow; every case here takes well under a second when nothing is wrong).
const HANG: Duration = Duration::from_secs(10);

/// A PIS response with exactly one error (`status` is capitalised, line 1 column 26).
const ONE_ERROR: &str = r#"{"version": 2, "status": "Valid", "sessionMetadata": {}}"#;

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| {
        let mut options = LinterOptions::default();
        options.now = Some(NOW.parse().unwrap());
        Linter::with_options(options).unwrap()
    })
}

/// Checks `bytes` and asserts every finding points inside them.
fn check(name: &str, bytes: &[u8], format: Format) -> FileReport {
    let report = linter().check_bytes(name, bytes, format, None);
    assert_in_bounds(&report, bytes.len());
    report
}

/// Asserts that every finding points inside the input.
fn assert_in_bounds(report: &FileReport, len: usize) {
    for finding in &report.findings {
        assert!(finding.start.offset <= finding.end.offset, "{finding:?}");
        assert!(finding.end.offset <= len, "{finding:?}");
        assert!(finding.start.line >= 1 && finding.start.column >= 1);
    }
}

/// Returns the only finding of a report, failing with the whole list otherwise.
fn only(report: &FileReport) -> &offerlint::Finding {
    assert_eq!(report.findings.len(), 1, "{:#?}", report.findings);
    &report.findings[0]
}

// ---------------------------------------------------------------------------------------
// Empty and oversized files

#[test]
fn empty_files_are_a_finding_at_the_start() {
    for (name, format) in [("empty.json", Format::Json), ("empty.yaml", Format::Yaml)] {
        for bytes in [&b""[..], b"\xEF\xBB\xBF"] {
            let report = check(name, bytes, format);
            let finding = only(&report);
            assert_eq!(finding.rule, "parse-syntax", "{name}");
            assert!(finding.message.contains("empty"), "{}", finding.message);
            assert_eq!((finding.start.line, finding.start.column), (1, 1));
        }
    }
}

#[test]
fn whitespace_and_comment_only_files_are_empty() {
    let cases: [(&str, &[u8], Format); 3] = [
        ("blank.json", b" \n\t\r\n", Format::Json),
        ("blank.yaml", b" \n\t\r\n", Format::Yaml),
        ("comment.yaml", b"# nothing here\n", Format::Yaml),
    ];
    for (name, bytes, format) in cases {
        let report = check(name, bytes, format);
        let finding = only(&report);
        assert_eq!(finding.rule, "parse-syntax", "{name}");
        assert!(
            finding.message.contains("empty"),
            "{name}: {}",
            finding.message
        );
    }
}

#[test]
fn files_over_the_size_limit_are_reported_without_parsing() {
    let mut options = LinterOptions::default();
    options.max_file_size = 16;
    let small = Linter::with_options(options).unwrap();
    // Not even valid: the size is all that is looked at.
    let report = small.check_bytes("big.json", b"[1, 2, 3, 4, 5, 6, 7, 8 {", Format::Json, None);
    let finding = only(&report);
    assert_eq!(finding.rule, "parse-too-large");
    assert_eq!(
        finding.message,
        "file is larger than the 16 bytes offerlint parses"
    );
    assert_eq!(report.name, "big.json");
}

#[test]
fn cli_reports_an_oversized_file_and_checks_the_others() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("big.json"),
        format!("[{}1]", "1, ".repeat(100)),
    )
    .unwrap();
    std::fs::write(dir.path().join("small.json"), ONE_ERROR).unwrap();
    let run = offerlint(dir.path(), &["check", ".", "--max-file-size", "100"]);
    assert_eq!(run.code, 1, "{run:?}");
    let found = run.findings();
    assert!(found.contains(&("big.json".into(), "parse-too-large".into(), 1, 1)));
    assert!(found.contains(&("small.json".into(), "pis-status-enum".into(), 1, 26)));
}

#[test]
fn cli_rejects_a_200_mb_file_by_its_size() {
    // A sparse file: 200 MB long, nothing written to disk. Reading stops at the limit.
    let dir = tempfile::tempdir().unwrap();
    let big = std::fs::File::create(dir.path().join("huge.json")).unwrap();
    big.set_len(200 * 1024 * 1024).unwrap();
    drop(big);
    std::fs::write(dir.path().join("small.json"), ONE_ERROR).unwrap();
    let run = offerlint(dir.path(), &["check", "huge.json", "small.json"]);
    assert_eq!(run.code, 1, "{run:?}");
    let found = run.findings();
    assert!(found.contains(&("huge.json".into(), "parse-too-large".into(), 1, 1)));
    assert!(found.contains(&("small.json".into(), "pis-status-enum".into(), 1, 26)));
}

// ---------------------------------------------------------------------------------------
// Deep nesting

#[test]
fn json_nested_10000_deep_stops_at_the_depth_limit() {
    let depth = 10_000;
    let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let objects = format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));
    let unclosed = "[".repeat(depth);
    for text in [arrays, objects, unclosed] {
        let report = check("deep.json", text.as_bytes(), Format::Json);
        let finding = only(&report);
        assert_eq!(finding.rule, "parse-too-deep");
        assert!(finding.message.contains("256"), "{}", finding.message);
        // It points at the opening bracket one past the limit.
        assert_eq!(finding.start.line, 1);
        assert!(finding.start.offset < 2_000, "{finding:?}");
    }
}

#[test]
fn yaml_flow_nested_10000_deep_stops_at_the_depth_limit() {
    let depth = 10_000;
    let sequences = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let mappings = format!("{}1{}", "{a: ".repeat(depth), "}".repeat(depth));
    for text in [sequences, mappings] {
        let report = check("deep.yaml", text.as_bytes(), Format::Yaml);
        let finding = only(&report);
        assert_eq!(finding.rule, "parse-too-deep", "{finding:?}");
        assert_eq!(finding.start.line, 1);
        assert!(finding.start.offset < 2_000, "{finding:?}");
    }
}

#[test]
fn yaml_block_sequences_nested_10000_deep_stop_at_the_depth_limit() {
    // `- - - - x`: block sequences, each inside the previous one, on one line.
    let text = format!("{}x\n", "- ".repeat(10_000));
    let report = check("deep.yaml", text.as_bytes(), Format::Yaml);
    let finding = only(&report);
    assert_eq!(finding.rule, "parse-too-deep");
    assert_eq!((finding.start.line, finding.start.column), (1, 513));
}

#[test]
fn yaml_block_mappings_nested_deep_stop_at_the_depth_limit() {
    // Block mappings need one more column of indentation per level, so 10,000 levels take
    // 50 MB, over the default size limit (checked below); 2,000 levels (2 MB) still go far
    // past the depth limit.
    let nested = |depth: usize| -> String {
        let mut text = String::new();
        for level in 0..depth {
            text.push_str(&" ".repeat(level));
            text.push_str("a:\n");
        }
        text
    };
    let report = check("deep.yaml", nested(2_000).as_bytes(), Format::Yaml);
    let finding = only(&report);
    assert_eq!(finding.rule, "parse-too-deep");
    assert_eq!((finding.start.line, finding.start.column), (257, 257));

    let mut sequences_of_mappings = String::new();
    for level in 0..2_000 {
        sequences_of_mappings.push_str(&"  ".repeat(level));
        sequences_of_mappings.push_str("- a:\n");
    }
    let report = check("deep.yaml", sequences_of_mappings.as_bytes(), Format::Yaml);
    assert_eq!(only(&report).rule, "parse-too-deep");

    let report = check("deep.yaml", nested(10_000).as_bytes(), Format::Yaml);
    assert_eq!(only(&report).rule, "parse-too-large");
}

// ---------------------------------------------------------------------------------------
// Alias bombs

/// The "billion laughs": nine levels of ten aliases to the level before, 10^9 leaves.
fn billion_laughs() -> String {
    let mut text = String::from("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..=9 {
        let aliases = vec![format!("*l{}", level - 1); 10].join(", ");
        let _ = writeln!(text, "l{level}: &l{level} [{aliases}]");
    }
    text
}

#[test]
fn yaml_alias_bomb_is_stopped_by_the_budget() {
    let text = billion_laughs();
    let report = check("bomb.yaml", text.as_bytes(), Format::Yaml);
    let finding = report
        .findings
        .iter()
        .find(|f| f.rule == "parse-alias-budget")
        .unwrap_or_else(|| panic!("{:#?}", report.findings));
    assert!(
        finding.message.contains("alias bomb"),
        "{}",
        finding.message
    );
    // The budget runs out on level 5 (line 6), not at the end of the file.
    assert_eq!(
        (finding.start.line, finding.start.column),
        (6, 40),
        "{finding:?}"
    );
}

#[test]
fn yaml_long_string_aliased_many_times_is_stopped_by_the_budget() {
    let text = format!(
        "a: &a \"{}\"\nb: [{}*a]\n",
        "x".repeat(1 << 20),
        "*a, ".repeat(50_000)
    );
    let report = check("strings.yaml", text.as_bytes(), Format::Yaml);
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.rule == "parse-alias-budget"),
        "{:#?}",
        report.findings
    );
}

#[test]
fn cli_reports_an_alias_bomb_and_checks_the_others() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bomb.yaml"), billion_laughs()).unwrap();
    std::fs::write(dir.path().join("small.json"), ONE_ERROR).unwrap();
    let run = offerlint(dir.path(), &["check", "."]);
    assert_eq!(run.code, 1, "{run:?}");
    let found = run.findings();
    assert!(found.contains(&("bomb.yaml".into(), "parse-alias-budget".into(), 6, 40)));
    assert!(found.contains(&("small.json".into(), "pis-status-enum".into(), 1, 26)));
}

// ---------------------------------------------------------------------------------------
// Binary data, invalid UTF-8, NUL bytes

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next().to_le_bytes()[0]).collect()
    }
}

#[test]
fn random_binary_data_is_a_finding() {
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    for round in 0..20 {
        let len = 1 + random.below(64 * 1024);
        let bytes = random.bytes(len);
        for (name, format) in [("blob.json", Format::Json), ("blob.yaml", Format::Yaml)] {
            let report = check(name, &bytes, format);
            assert!(!report.findings.is_empty(), "round {round}: {name} passed");
        }
    }
}

#[test]
fn random_token_soup_never_panics() {
    // Valid UTF-8 made of JSON and YAML punctuation, so the parsers get past decoding.
    const TOKENS: [&str; 24] = [
        "{", "}", "[", "]", ":", ",", "\"", "'", "-", "- ", "? ", "&a ", "*a", "!!str ", "\n",
        "  ", "\t", "#", "1", "-1.5e3", "true", "null", "\u{e9}", "\\u00",
    ];
    let mut random = Random(42);
    for _ in 0..400 {
        let text: String = (0..random.below(200))
            .map(|_| TOKENS[random.below(TOKENS.len())])
            .collect();
        for format in [Format::Json, Format::Yaml] {
            check("soup", text.as_bytes(), format);
        }
    }
}

#[test]
fn invalid_utf8_is_a_finding_with_its_byte_offset() {
    let bytes = b"{\n  \"status\": \"caf\xe9\"\n}\n";
    for (name, format) in [("latin1.json", Format::Json), ("latin1.yaml", Format::Yaml)] {
        let report = check(name, bytes, format);
        let finding = only(&report);
        assert_eq!(finding.rule, "parse-invalid-utf8");
        assert!(finding.message.contains("offset 18"), "{}", finding.message);
        assert_eq!(
            (
                finding.start.line,
                finding.start.column,
                finding.start.offset
            ),
            (2, 17, 18)
        );
    }
}

#[test]
fn cli_reports_invalid_utf8_with_file_and_place_and_checks_the_others() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("latin1.json"), b"{\"a\": \"caf\xe9\"}").unwrap();
    std::fs::write(dir.path().join("small.json"), ONE_ERROR).unwrap();
    let run = offerlint(dir.path(), &["check", "."]);
    assert_eq!(run.code, 1, "{run:?}");
    let found = run.findings();
    assert!(found.contains(&("latin1.json".into(), "parse-invalid-utf8".into(), 1, 11)));
    assert!(found.contains(&("small.json".into(), "pis-status-enum".into(), 1, 26)));
}

#[test]
fn nul_bytes_are_reported_where_they_are() {
    let cases: [(&[u8], Format, usize); 5] = [
        (b"{\"a\": \"x\0y\"}", Format::Json, 8),
        (b"{\0}", Format::Json, 1),
        (b"a: \"x\0y\"\n", Format::Yaml, 5),
        (b"a: x\0y\n", Format::Yaml, 4),
        (b"\0", Format::Yaml, 0),
    ];
    for (bytes, format, offset) in cases {
        let report = check("nul", bytes, format);
        let finding = only(&report);
        assert_eq!(finding.rule, "parse-syntax", "{bytes:?}");
        assert_eq!(finding.start.offset, offset, "{bytes:?}: {finding:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Inputs found by fuzzing

#[test]
fn serde_json_reserved_number_key_is_an_ordinary_key() {
    // serde_json with arbitrary_precision reads an object whose only key is this token as a
    // number; offerlint's own parser must keep it an object, and checking it must go through.
    let bytes = fuzz_fixture("parse_json-serde-number-key.json");
    let text = std::str::from_utf8(&bytes).unwrap();
    let parsed = document::parse_json(text);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let root = &parsed.documents[0];
    assert!(matches!(root.value, Value::Object(_)));
    assert!(root.get("$serde_json::private::Number").is_some());
    let report = check("fuzz.json", &bytes, Format::Json);
    assert_eq!(only(&report).rule, "kind-unknown");
}

fn fuzz_fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// ---------------------------------------------------------------------------------------
// File-system oddities (through the binary)

#[cfg(unix)]
#[test]
fn cli_walk_survives_symlink_loops_and_checks_the_other_files() {
    use std::os::unix::fs::symlink;

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("tree/sub")).unwrap();
    std::fs::write(root.join("tree/a.json"), ONE_ERROR).unwrap();
    std::fs::write(
        root.join("tree/sub/b.yaml"),
        "version: 2\nstatus: Valid\nsessionMetadata: {}\n",
    )
    .unwrap();
    symlink("..", root.join("tree/sub/up")).unwrap();
    symlink(".", root.join("tree/here")).unwrap();
    symlink("self.json", root.join("tree/self.json")).unwrap();

    let run = offerlint(root, &["check", "tree"]);
    assert_eq!(run.code, 1, "{run:?}");
    let files: Vec<String> = run.files();
    assert_eq!(files, ["tree/a.json", "tree/sub/b.yaml"], "{run:?}");

    // Given by name, the looping link is an error naming it; the other file is still checked.
    let run = offerlint(root, &["check", "tree/self.json", "tree/a.json"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("tree/self.json"), "{run:?}");
    assert!(run.stderr.contains("symbolic links"), "{run:?}");
    let files: Vec<String> = run.files();
    assert_eq!(files, ["tree/a.json"], "{run:?}");
}

#[cfg(unix)]
#[test]
fn cli_reports_an_unreadable_file_and_checks_the_others() {
    use std::os::unix::fs::PermissionsExt as _;

    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked.json");
    std::fs::write(&locked, ONE_ERROR).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::write(dir.path().join("small.json"), ONE_ERROR).unwrap();

    let run = offerlint(dir.path(), &["check", "locked.json", "small.json"]);
    let files: Vec<String> = run.files();
    if std::fs::read(&locked).is_ok() {
        // Root (as in CI) reads the file anyway: then it is simply checked.
        eprintln!("note: running as a user who can read a mode-000 file; checked it as readable");
        assert_eq!(run.code, 1, "{run:?}");
        assert_eq!(files, ["locked.json", "small.json"], "{run:?}");
    } else {
        assert_eq!(run.code, 2, "{run:?}");
        assert!(run.stderr.contains("failed to read locked.json"), "{run:?}");
        assert_eq!(files, ["small.json"], "{run:?}");
    }
}

#[test]
fn cli_walks_a_directory_named_like_a_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("offers.json")).unwrap();
    std::fs::write(
        dir.path().join("offers.json/inner.yaml"),
        "status: Valid\nversion: 2\nsessionMetadata: {}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("small.json"), ONE_ERROR).unwrap();
    let run = offerlint(dir.path(), &["check", "offers.json", "small.json"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(!run.stderr.contains("failed to read"), "{run:?}");
    let files: Vec<String> = run.files();
    assert_eq!(files, ["offers.json/inner.yaml", "small.json"], "{run:?}");
}

#[cfg(unix)]
#[test]
fn cli_skips_fifos_in_a_walk_and_reads_one_given_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.json");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|status| status.success()) {
        eprintln!("skipping: mkfifo is not available");
        return;
    }
    std::fs::write(dir.path().join("small.json"), ONE_ERROR).unwrap();

    // Walking never opens the FIFO (nobody writes to it, so reading would block).
    let run = offerlint(dir.path(), &["check", "."]);
    assert_eq!(run.code, 1, "{run:?}");
    let files: Vec<String> = run.files();
    assert_eq!(files, ["small.json"], "{run:?}");

    // Named explicitly, it is read like any file (as `<(command)` would be).
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, ONE_ERROR))
    };
    let run = offerlint(dir.path(), &["check", "pipe.json", "small.json"]);
    if !writer.is_finished() {
        // offerlint never opened the FIFO: take the writer's data so its thread can end.
        let _ = std::fs::read(&fifo);
    }
    writer.join().unwrap().unwrap();
    assert_eq!(run.code, 1, "{run:?}");
    let files: Vec<String> = run.files();
    assert_eq!(files, ["pipe.json", "small.json"], "{run:?}");
}

#[cfg(unix)]
#[test]
fn cli_stops_reading_an_endless_input_at_the_size_limit() {
    use std::io::Write as _;

    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("endless.json");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|status| status.success()) {
        eprintln!("skipping: mkfifo is not available");
        return;
    }
    std::fs::write(dir.path().join("small.json"), ONE_ERROR).unwrap();

    // Feeds the FIFO until the reader goes away, at about 100 MB/s so that a reader that
    // never stops cannot take much memory before the run is killed.
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut pipe = std::fs::OpenOptions::new().write(true).open(fifo)?;
            let chunk = vec![b' '; 1 << 20];
            loop {
                pipe.write_all(&chunk)?;
                std::thread::sleep(Duration::from_millis(10));
            }
            #[allow(unreachable_code)]
            Ok::<(), std::io::Error>(())
        })
    };
    let run = offerlint(
        dir.path(),
        &[
            "check",
            "endless.json",
            "small.json",
            "--max-file-size",
            "1000",
        ],
    );
    if !writer.is_finished() {
        // Opening and closing the reading end lets a writer still waiting to open fail.
        drop(std::fs::File::open(&fifo));
    }
    let _ = writer.join();
    let found = run.findings();
    assert!(found.contains(&("endless.json".into(), "parse-too-large".into(), 1, 1)));
    assert!(found.contains(&("small.json".into(), "pis-status-enum".into(), 1, 26)));
}

#[test]
fn cli_human_output_stays_small_for_a_long_line() {
    let dir = tempfile::tempdir().unwrap();
    let line = format!("[{}{{}}]", "{}, ".repeat(5_000));
    std::fs::write(dir.path().join("many.json"), &line).unwrap();
    let run = offerlint(dir.path(), &["check", "many.json", "--format", "human"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // 20,001 findings of a few hundred bytes each; the line itself is 80 KB.
    assert!(
        run.stdout.len() < 50 * 1024 * 1024,
        "{} bytes",
        run.stdout.len()
    );
}

// ---------------------------------------------------------------------------------------
// Running the binary

/// What one run of the binary did.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let cut = |text: &str| text.chars().take(4_000).collect::<String>();
        write!(
            f,
            "exit {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code,
            cut(&self.stdout),
            cut(&self.stderr)
        )
    }
}

impl Run {
    /// Returns `(file, rule, line, column)` of every diagnostic, `--format json` assumed.
    fn findings(&self) -> Vec<(String, String, u64, u64)> {
        let output: serde_json::Value = serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:?}"));
        let mut found: Vec<(String, String, u64, u64)> = output["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] != "info")
            .map(|d| {
                (
                    file_name(d["file"].as_str().unwrap()),
                    d["rule"].as_str().unwrap().to_owned(),
                    d["line"].as_u64().unwrap(),
                    d["column"].as_u64().unwrap(),
                )
            })
            .collect();
        found.sort();
        found
    }

    /// Returns the files that have a warning or an error, in order.
    fn files(&self) -> Vec<String> {
        let mut files: Vec<String> = self.findings().into_iter().map(|f| f.0).collect();
        files.dedup();
        files
    }
}

/// Returns a reported file name with `/` separators and without a leading `./`.
fn file_name(reported: &str) -> String {
    let name = reported.replace('\\', "/");
    name.strip_prefix("./").unwrap_or(&name).to_owned()
}

/// Runs `offerlint` in `dir` (JSON output unless the arguments say otherwise) and kills it
/// if it has not finished within [`HANG`].
fn offerlint(dir: &Path, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_offerlint"));
    command.args(args).current_dir(dir).env("NO_COLOR", "1");
    if !args.contains(&"--format") {
        command.args(["--format", "json"]);
    }
    command.args(["--now", NOW]);
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();

    // Drain both pipes on threads so a large output cannot block the child.
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut text);
            }
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as _));

    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("offerlint {args:?} did not finish within {HANG:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

#[test]
fn stops_checking_a_file_after_too_many_findings() {
    let linter = offerlint::Linter::new().unwrap();
    let json = format!("[{}{{}}]", "{}, ".repeat(50_000));
    let report = linter.check_bytes("many.json", json.as_bytes(), offerlint::Format::Json, None);
    assert!(report.findings.len() <= offerlint::linter::MAX_FINDINGS + 1);
    let last = report
        .findings
        .iter()
        .find(|f| f.rule == "parse-too-many-findings");
    assert!(
        last.is_some_and(|f| f.start.column > 1),
        "{:?}",
        report.findings.last()
    );

    let yaml = format!("[{}y]", "y, ".repeat(50_000));
    let report = linter.check_bytes("many.yaml", yaml.as_bytes(), offerlint::Format::Yaml, None);
    assert!(report.findings.len() <= offerlint::linter::MAX_FINDINGS + 2);
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.rule == "parse-too-many-findings")
    );
}

#[test]
fn stops_checking_one_document_after_too_many_findings() {
    let linter = offerlint::Linter::new().unwrap();
    // One response whose 6,000 balances each break two constraints: 12,000 findings.
    let balance = r#"{"publisherProductId": "gems", "quantity": "1", "colour": 1}"#;
    let balances = vec![balance; 6_000].join(", ");
    let json = format!(
        r#"{{"version": 2, "status": "valid", "sessionMetadata": {{}}, "balances": [{balances}]}}"#
    );
    let report = linter.check_bytes(
        "wide.json",
        json.as_bytes(),
        offerlint::Format::Json,
        Some(offerlint::Kind::PisResponse),
    );
    let max = offerlint::linter::MAX_FINDINGS;
    assert!(
        report.findings.len() <= max + 1,
        "{}",
        report.findings.len()
    );
    assert!(
        report.findings.len() >= max / 2,
        "{}",
        report.findings.len()
    );
    let notes = report
        .findings
        .iter()
        .filter(|f| f.rule == "parse-too-many-findings")
        .count();
    assert_eq!(notes, 1);
}
