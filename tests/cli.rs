//! The `offerlint` binary end to end: exit codes, inputs (paths, directories, stdin), the
//! three output formats, and snapshots of the machine formats over `examples/`.
//!
//! Every run passes `--now` so that schedules and event timestamps do not depend on the day
//! the tests run, and sets `NO_COLOR` (the output is a pipe, so there is no colour anyway).

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

/// The corpus's reference clock.
const NOW: &str = "2026-12-01T00:00:00Z";

/// A response with no finding.
const CLEAN: &str = r#"{
  "version": 2,
  "status": "valid",
  "sessionMetadata": {},
  "offers": [
    {
      "publisherOfferId": "bundle-starter",
      "productsSequence": [
        {"index": 1, "products": [{"publisherProductId": "gold_coins", "quantity": 500}]}
      ]
    }
  ]
}
"#;

/// A response with one error: `status` is capitalised (line 3, column 13).
const ERROR: &str = r#"{
  "version": 2,
  "status": "Valid",
  "sessionMetadata": {}
}
"#;

/// A response whose only finding is a warning: an unknown property.
const WARNING: &str = r#"{
  "version": 2,
  "status": "valid",
  "sessionMetadata": {},
  "offerOrder": "publisherOrder"
}
"#;

/// What one run of the binary did.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    /// Returns the `(file, rule)` pairs of `--format json` output, in output order.
    fn file_rules(&self) -> Vec<(String, String)> {
        self.json()["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let field = |name: &str| d[name].as_str().unwrap().to_owned();
                (field("file"), field("rule"))
            })
            .collect()
    }
}

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_offerlint"));
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("OFFERLINT_LOG")
        .stdin(Stdio::null());
    command
}

/// Runs the binary with exactly these arguments.
fn run_raw(dir: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    let mut command = command(dir, args);
    if stdin.is_some() {
        command.stdin(Stdio::piped());
    }
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().expect("exited normally"),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// Runs `offerlint check --now NOW <args>` in `dir`.
fn check(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["check", "--now", NOW];
    all.extend_from_slice(args);
    run_raw(dir, &all, None)
}

/// Like [`check`], feeding `stdin` to the process.
fn check_stdin(dir: &Path, args: &[&str], stdin: &str) -> Run {
    let mut all = vec!["check", "--now", NOW];
    all.extend_from_slice(args);
    run_raw(dir, &all, Some(stdin))
}

/// A temporary folder with the given files (parent folders are created).
fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

// ---- exit codes ----

#[test]
fn exits_0_on_a_clean_file() {
    let dir = tree(&[("clean.json", CLEAN)]);
    let run = check(dir.path(), &["clean.json"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("0 error(s), 0 warning(s)"),
        "{}",
        run.stdout
    );
}

#[test]
fn exits_1_on_errors() {
    let dir = tree(&[("error.json", ERROR)]);
    let run = check(dir.path(), &["error.json"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("error.json:3:13: error[pis-status-enum]")
    );
}

#[test]
fn fails_on_warnings_only_when_asked() {
    let dir = tree(&[("warning.json", WARNING)]);
    let default = check(dir.path(), &["warning.json"]);
    assert_eq!(default.code, 0, "{}", default.stdout);
    assert!(default.stdout.contains("warning[pis-unknown-property]"));
    let strict = check(dir.path(), &["--fail-on", "warning", "warning.json"]);
    assert_eq!(strict.code, 1, "{}", strict.stdout);
}

#[test]
fn exits_2_on_a_missing_path_and_still_reports_the_other_files() {
    let dir = tree(&[("error.json", ERROR)]);
    let run = check(
        dir.path(),
        &["--format", "json", "missing.json", "error.json"],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("missing.json"), "{}", run.stderr);
    let expected = [("error.json".to_owned(), "pis-status-enum".to_owned())];
    assert_eq!(run.file_rules(), expected);
    assert_eq!(run.json()["summary"]["unreadable"], 1);
    assert_eq!(run.json()["summary"]["files"], 1);
    let human = check(dir.path(), &["missing.json", "error.json"]);
    assert!(
        human
            .stdout
            .trim_end()
            .ends_with("in 1 file(s); failing at error; 1 input(s) could not be read"),
        "{}",
        human.stdout
    );
}

#[test]
fn warns_when_the_paths_hold_nothing_to_check() {
    let dir = tree(&[("notes.txt", "not a config")]);
    let run = check(dir.path(), &["."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("no .json, .yaml or .yml files to check"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn exits_2_on_an_unreadable_path_and_still_reports_the_other_files() {
    let dir = tree(&[("error.json", ERROR)]);
    std::os::unix::fs::symlink("nowhere.json", dir.path().join("dangling.json")).unwrap();
    let run = check(
        dir.path(),
        &["--format", "json", "dangling.json", "error.json"],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("dangling.json"), "{}", run.stderr);
    assert_eq!(run.file_rules().len(), 1);
}

#[test]
fn exits_2_on_bad_flags() {
    let dir = tree(&[("clean.json", CLEAN)]);
    for args in [
        &["check", "--bogus", "clean.json"][..],
        &["check", "--format", "xml", "clean.json"],
        &["check", "--kind", "coupon", "clean.json"],
        &["check", "--now", "yesterday", "clean.json"],
        &["check", "--fail-on", "never", "clean.json"],
    ] {
        let run = run_raw(dir.path(), args, None);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}");
    }
}

// ---- inputs ----

#[test]
fn reads_stdin_under_the_given_name() {
    let dir = tree(&[]);
    let args = ["--stdin-filename", "player-7.json", "-"];
    let human = check_stdin(dir.path(), &args, ERROR);
    assert_eq!(human.code, 1);
    assert!(
        human
            .stdout
            .contains("player-7.json:3:13: error[pis-status-enum]")
    );

    let json_args = ["--format", "json", "--stdin-filename", "player-7.json", "-"];
    let json = check_stdin(dir.path(), &json_args, ERROR);
    let expected = [("player-7.json".to_owned(), "pis-status-enum".to_owned())];
    assert_eq!(json.file_rules(), expected);
}

#[test]
fn reads_yaml_from_stdin_when_the_name_says_yaml() {
    let dir = tree(&[]);
    let yaml = "version: 2\nstatus: Valid\nsessionMetadata: {}\n";
    let args = ["--format", "json", "--stdin-filename", "player.yaml", "-"];
    let run = check_stdin(dir.path(), &args, yaml);
    let diagnostic = &run.json()["diagnostics"][0];
    assert_eq!(diagnostic["rule"], "pis-status-enum");
    assert_eq!(
        (&diagnostic["line"], &diagnostic["column"]),
        (&2.into(), &9.into())
    );
}

#[test]
fn reports_a_json_syntax_error_and_checks_the_other_files() {
    let broken = "{\n  \"version\": 2,\n  \"status\": }\n";
    let dir = tree(&[("a-broken.json", broken), ("b-error.json", ERROR)]);
    let run = check(
        dir.path(),
        &["--format", "json", "a-broken.json", "b-error.json"],
    );
    assert_eq!(run.code, 1);
    let output = run.json();
    let first = &output["diagnostics"][0];
    assert_eq!(first["rule"], "parse-syntax");
    assert_eq!(first["file"], "a-broken.json");
    assert_eq!((&first["line"], &first["column"]), (&3.into(), &13.into()));
    assert_eq!(output["diagnostics"][1]["rule"], "pis-status-enum");
}

#[test]
fn reports_a_yaml_syntax_error_and_checks_the_other_files() {
    // The flow sequence opened on line 2 is never closed; the parser notices at the `:`
    // after `sessionMetadata` (line 3, column 16).
    let broken = "version: 2\nstatus: [valid\nsessionMetadata: {}\n";
    let dir = tree(&[("a-broken.yaml", broken), ("b-error.json", ERROR)]);
    let run = check(
        dir.path(),
        &["--format", "json", "a-broken.yaml", "b-error.json"],
    );
    assert_eq!(run.code, 1);
    let output = run.json();
    let first = &output["diagnostics"][0];
    assert_eq!(first["rule"], "parse-syntax");
    assert_eq!((&first["line"], &first["column"]), (&3.into(), &16.into()));
    assert_eq!(output["diagnostics"][1]["rule"], "pis-status-enum");
    assert_eq!(output["summary"]["files"], 2);
}

#[test]
fn kind_flag_overrides_shape_detection() {
    // Without `status` the document no longer looks like a response.
    let text = "{\"version\": 2, \"sessionMetadata\": {}}";
    let dir = tree(&[("response.json", text)]);
    let detected = check(dir.path(), &["--format", "json", "response.json"]);
    let forced = check(
        dir.path(),
        &[
            "--format",
            "json",
            "--kind",
            "pis-response",
            "response.json",
        ],
    );
    let rules =
        |run: &Run| -> Vec<String> { run.file_rules().into_iter().map(|(_, r)| r).collect() };
    assert_eq!(rules(&detected), ["kind-unknown"]);
    assert_eq!(rules(&forced), ["pis-status-required"]);
}

#[test]
fn an_unknown_shape_is_a_failing_finding() {
    let dir = tree(&[("mystery.json", "{\"hello\": \"world\"}")]);
    let run = check(dir.path(), &["--format", "json", "mystery.json"]);
    assert_eq!(run.code, 1);
    let diagnostic = &run.json()["diagnostics"][0];
    assert_eq!(diagnostic["rule"], "kind-unknown");
    assert_eq!(diagnostic["severity"], "error");
}

#[test]
fn walks_directories_in_sorted_order_skipping_hidden_and_ignored_files() {
    let dir = tree(&[
        ("store/b/z.yaml", ERROR),
        ("store/a.json", ERROR),
        ("store/b/a.yml", ERROR),
        ("store/.hidden/x.json", ERROR),
        ("store/.secret.json", ERROR),
        ("store/ignored.json", ERROR),
        ("store/build/out.json", ERROR),
        ("store/notes.txt", ERROR),
        ("store/.gitignore", "ignored.json\nbuild/\n"),
    ]);
    let run = check(dir.path(), &["--format", "json", "store"]);
    let files: Vec<String> = run.file_rules().into_iter().map(|(f, _)| f).collect();
    assert_eq!(files, ["store/a.json", "store/b/a.yml", "store/b/z.yaml"]);
    assert_eq!(run.json()["summary"]["files"], 3);

    // The same walk, again: byte-for-byte the same output.
    let again = check(dir.path(), &["--format", "json", "store"]);
    assert_eq!(run.stdout, again.stdout);
}

// ---- events ----

/// Returns the events of `--format events` output, checking the reason of each.
fn parse_events(run: &Run) -> Vec<Value> {
    let events = run.json().as_array().expect("events are an array").clone();
    for event in &events {
        assert_eq!(event["event"], "invalid_property_error");
        let reason = event["data"]["reason"]
            .as_str()
            .expect("reason is a string");
        let entries: Vec<Value> = serde_json::from_str(reason).expect("reason is JSON");
        assert!(!entries.is_empty());
        for entry in entries {
            let entry = entry.as_object().expect("reason entries are objects");
            let mut keys: Vec<&str> = entry.keys().map(String::as_str).collect();
            keys.sort_unstable();
            assert_eq!(keys, ["property", "validationError"], "{entry:?}");
            assert!(entry.values().all(Value::is_string), "{entry:?}");
        }
    }
    events
}

#[test]
fn events_carry_the_given_request_and_player_ids() {
    let dir = tree(&[("a.json", ERROR), ("b.json", ERROR)]);
    let args = [
        "--format",
        "events",
        "--request-id",
        "R",
        "--player-id",
        "P",
    ];
    let run = check(dir.path(), &[&args[..], &["a.json", "b.json"]].concat());
    let events = parse_events(&run);
    assert_eq!(events.len(), 2);
    for event in &events {
        assert_eq!(event["data"]["requestId"], "R");
        assert_eq!(event["data"]["playerId"], "P");
        assert_eq!(event["timestamp"], 1_796_083_200_000_i64);
    }
}

#[test]
fn events_get_a_fresh_uuid_v4_per_document() {
    let dir = tree(&[("a.json", ERROR), ("b.json", ERROR)]);
    let run = check(dir.path(), &["--format", "events", "a.json", "b.json"]);
    let ids: Vec<String> = parse_events(&run)
        .iter()
        .map(|e| e["data"]["requestId"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
    for id in &ids {
        assert!(is_uuid_v4(id), "{id}");
    }
}

/// `xxxxxxxx-xxxx-4xxx-Yxxx-xxxxxxxxxxxx`, lower-case hex, Y one of 8, 9, a, b.
fn is_uuid_v4(id: &str) -> bool {
    let groups: Vec<&str> = id.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    lengths == [8, 4, 4, 4, 12]
        && groups.iter().all(|g| {
            g.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
        && groups[2].starts_with('4')
        && groups[3].starts_with(['8', '9', 'a', 'b'])
}

#[test]
fn a_closed_stdout_pipe_is_not_an_error() {
    // Enough output to overflow any pipe buffer, so that writing must hit the closed pipe.
    let files: Vec<(String, &str)> = (0..400)
        .map(|i| (format!("response-{i:03}.json"), ERROR))
        .collect();
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    let dir = tree(&borrowed);
    let mut child = command(
        dir.path(),
        &["check", "--now", NOW, "--format", "json", "."],
    )
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

// ---- snapshots over examples/ and fixtures ----

#[test]
fn json_output_over_examples_matches_the_snapshot() {
    let run = check(repo_root(), &["--format", "json", "examples"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!("examples_json", run.stdout);

    // Each deliberate mistake shows its rule, and nothing else reaches error level.
    let mistakes = [
        (
            "examples/offers/mistakes/bundle-misspelt-sequence-key.yaml",
            "offer-v2-required-fields",
        ),
        (
            "examples/offers/mistakes/bundle-misspelt-sequence-key.yaml",
            "offer-v2-unknown-property",
        ),
        (
            "examples/offers/mistakes/bundle-price-as-float.yaml",
            "offer-v2-price-integer-cents",
        ),
        (
            "examples/pis/mistake-discount-type.json",
            "pis-price-discount-type-enum",
        ),
        (
            "examples/pis/mistake-quantity-as-string.json",
            "pis-product-quantity-integer",
        ),
        (
            "examples/pis/mistake-status-capitalised.json",
            "pis-status-enum",
        ),
    ];
    let found = run.file_rules();
    for (file, rule) in mistakes {
        assert!(
            found.iter().any(|(f, r)| f == file && r == rule),
            "{file} should show {rule}"
        );
    }
    // A cross-document error may land on a valid file when the other place is a mistake
    // (a second progress bar makes the first one an error too).
    let output = run.json();
    for diagnostic in output["diagnostics"].as_array().unwrap() {
        let file = diagnostic["file"].as_str().unwrap();
        let related_to_mistake = diagnostic["related"].as_array().is_some_and(|related| {
            related
                .iter()
                .any(|r| r["file"].as_str().is_some_and(|f| f.contains("mistake")))
        });
        if diagnostic["severity"] == "error" {
            assert!(
                file.contains("mistake") || related_to_mistake,
                "unexpected error in {file}: {diagnostic}"
            );
        }
    }
}

#[test]
fn events_output_over_examples_matches_the_snapshot() {
    let args = [
        "--format",
        "events",
        "--request-id",
        "req-snapshot",
        "--player-id",
        "plr-snapshot",
        "examples",
    ];
    let run = check(repo_root(), &args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!("examples_events", run.stdout);

    // One event per document with schema findings (they share it), plus one per offer with
    // rule findings; the snapshot pins each of them. Every error of the JSON report must
    // reach some event under its property.
    let events = parse_events(&run);
    let json_run = check(repo_root(), &["--format", "json", "examples"]);
    let report: serde_json::Value = serde_json::from_str(&json_run.stdout).unwrap();
    let all_reasons: String = events
        .iter()
        .map(|e| e["data"]["reason"].as_str().unwrap())
        .collect();
    for diagnostic in report["diagnostics"].as_array().unwrap() {
        if diagnostic["severity"] != "error" {
            continue;
        }
        let property = diagnostic["property"].as_str().unwrap_or_default();
        let needle = format!("\"property\":\"{property}\"");
        assert!(all_reasons.contains(&needle), "no event for {diagnostic}");
    }
    let reasons: Vec<&str> = events
        .iter()
        .map(|e| e["data"]["reason"].as_str().unwrap())
        .collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("\"property\":\"status\"")),
        "{reasons:?}"
    );
}

/// Renders the human output for one fixture file, as run from the repository root.
fn human(path: &str) -> String {
    let run = check(repo_root(), &[path]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    run.stdout
}

#[test]
fn human_output_for_a_json_error_matches_the_snapshot() {
    let path = "tests/fixtures/pis-status-enum/invalid-capitalised.pis-response.json";
    insta::assert_snapshot!("human_pis_status_enum", human(path));
}

#[test]
fn human_output_for_a_yaml_error_matches_the_snapshot() {
    let path = "tests/fixtures/offer-v2-price-integer-cents/invalid-dollars.yaml";
    insta::assert_snapshot!("human_offer_price_integer_cents", human(path));
}

#[test]
fn human_output_for_a_warning_with_help_matches_the_snapshot() {
    let path =
        "tests/fixtures/pis-unknown-property/invalid-misspelt-offers-order.pis-response.json";
    let output = human(path);
    assert!(
        output.contains("offersOrder"),
        "the help should suggest the right key"
    );
    insta::assert_snapshot!("human_pis_unknown_property", output);
}

/// Debug logging from the workers while several files are checked must not wait on a lock
/// the main thread holds (the run used to hang forever with `-vv`).
#[test]
fn debug_logging_over_several_files_finishes() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.json", "b.json", "c.json", "d.json"] {
        std::fs::write(
            dir.path().join(name),
            r#"{"version": 2, "status": "Valid", "sessionMetadata": {}, "offers": []}"#,
        )
        .unwrap();
    }
    let mut child = command(dir.path(), &["check", "-vv", "--now", NOW, "."])
        .env("OFFERLINT_LOG", "trace")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain both pipes on threads so a full pipe cannot be mistaken for a hang.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).map(|_| text)
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut text).map(|_| text)
    });
    // A deadlock guard, not a speed check: the run takes milliseconds when it works.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let stdout = out.join().unwrap().unwrap();
    let stderr = err.join().unwrap().unwrap();
    let status = status.expect("offerlint check -vv over four files did not finish");
    assert_eq!(status.code(), Some(1), "{stdout}\n{stderr}");
    assert_eq!(stdout.matches("pis-status-enum").count(), 4, "{stdout}");
    assert!(stderr.contains("checking"), "{stderr}");
}

/// References whose kind of definition is missing from the run are not judged, and one info
/// note names what was missing (here: offers and badges, with products present).
#[test]
fn names_the_missing_definitions_when_only_part_of_the_catalog_is_there() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("product.yaml"),
        "publisherProductId: gems\nname: Gems\ntype: Quantity\ntextFontColorHex: '#FFFFFF'\n\
         productImageUrl: https://example.invalid/g.png\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("response.json"),
        r#"{"version": 2, "status": "valid", "sessionMetadata": {}, "offers": [
            {"publisherOfferId": "bundle-a", "badges": [{"publisherBadgeId": "ribbon_x"}],
             "productsSequence": [{"index": 1, "products": [
                {"publisherProductId": "gemz", "quantity": 5, "priority": "Main"}]}]}]}"#,
    )
    .unwrap();
    let run = check(dir.path(), &["--format", "json", "."]);
    let diagnostics = run.json()["diagnostics"].as_array().unwrap().clone();
    let note: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["rule"] == "catalog-offer-type-known")
        .collect();
    assert_eq!(note.len(), 1, "{diagnostics:?}");
    assert_eq!(note[0]["severity"], "info");
    assert_eq!(
        note[0]["message"],
        "catalog rules skipped for offer and badge references: the run holds no offer and \
         badge definitions"
    );
    // Products are there, so the misspelt product reference is judged.
    assert!(
        diagnostics
            .iter()
            .any(|d| d["rule"] == "catalog-product-known"),
        "{diagnostics:?}"
    );
}

#[test]
fn judges_standard_input_against_the_definitions_on_disk() {
    let dir = tree(&[(
        "product.yaml",
        "publisherProductId: gems\nname: Gems\ntype: Quantity\ntextFontColorHex: '#FFFFFF'\n\
         productImageUrl: https://example.invalid/g.png\n",
    )]);
    let response = r#"{"version": 2, "status": "valid", "sessionMetadata": {},
        "balances": [{"publisherProductId": "gemz", "quantity": 5}]}"#;
    let args = [
        "--format",
        "json",
        "--stdin-filename",
        "player.json",
        "-",
        "product.yaml",
    ];
    let run = check_stdin(dir.path(), &args, response);
    let diagnostics = run.json()["diagnostics"].as_array().unwrap().clone();
    let unknown: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["rule"] == "catalog-product-known")
        .collect();
    assert_eq!(unknown.len(), 1, "{diagnostics:?}");
    assert_eq!(unknown[0]["file"], "player.json");
    assert_eq!(unknown[0]["property"], "balances.0.publisherProductId");
    assert_eq!(run.code, 1, "{}", run.stderr);
}

#[test]
fn a_file_cut_short_is_framed_at_its_last_character() {
    let dir = tree(&[("cut.json", "{\n  \"version\": 2,\n"), ("empty.json", "")]);
    let run = check(dir.path(), &["--no-config", "cut.json", "empty.json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("the file ends after this"),
        "{}",
        run.stdout
    );
    insta::assert_snapshot!("human_file_cut_short", run.stdout);
}

#[test]
fn human_output_never_passes_terminal_escapes_through() {
    let dir = tree(&[
        (
            "key.json",
            "{\"version\": 2, \"status\": \"valid\", \"sessionMetadata\": {}, \
             \"\\u001b]0;title\\u0007\": 1}\n",
        ),
        (
            "raw.json",
            "{\"version\": 2, \"status\": \"\u{1b}[2J\", \"sessionMetadata\": {}}\n",
        ),
    ]);
    let args = [
        "--no-config",
        "--kind",
        "pis-response",
        "key.json",
        "raw.json",
    ];
    let run = check(dir.path(), &args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stdout.contains('\u{1b}'), "{:?}", run.stdout);
    assert!(!run.stdout.contains('\u{7}'), "{:?}", run.stdout);
    // The escaped key is still named, so the finding can be acted on.
    assert!(
        run.stdout.contains("\\u{1b}]0;title\\u{7}"),
        "{}",
        run.stdout
    );
}

#[cfg(unix)]
#[test]
fn says_why_a_linked_file_was_not_checked() {
    let dir = tree(&[("real/response.json", ERROR)]);
    std::fs::create_dir(dir.path().join("linked")).unwrap();
    std::os::unix::fs::symlink("../real/response.json", dir.path().join("linked/r.json")).unwrap();
    let run = check(dir.path(), &["-v", "--no-config", "linked"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    assert!(run.stderr.contains("r.json"), "{}", run.stderr);
}
