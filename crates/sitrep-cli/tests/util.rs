//! A temporary working directory per test and a way to run `sitrep` in it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// One test's sandbox: a temp dir with its own store.
pub struct TestDir {
    pub dir: tempfile::TempDir,
}

/// What a run printed and how it ended.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl TestDir {
    pub fn new() -> TestDir {
        TestDir { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (bytes) under the sandbox and returns its path.
    pub fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(&path, content).expect("write file");
        path
    }

    /// Runs `sitrep` with the sandbox's store and `args`.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, None)
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: Option<&str>) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_sitrep"));
        command
            .current_dir(self.path())
            .env("SITREP_DATA", self.path().join("store"))
            .env_remove("SITREP_LOG")
            .env("NO_COLOR", "1")
            .args(args)
            .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("spawn sitrep");
        if let Some(input) = stdin {
            use std::io::Write;
            child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write stdin");
        }
        let Output { status, stdout, stderr } = child.wait_with_output().expect("wait for sitrep");
        Run {
            stdout: String::from_utf8_lossy(&stdout).to_string(),
            stderr: String::from_utf8_lossy(&stderr).to_string(),
            code: status.code().unwrap_or(-1),
        }
    }
}

/// The bundled example articles.
pub fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles")
}

/// The shared seeds, when `../shared/` is beside the repository.
pub fn seeds_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: ../shared/seeds is not present");
        None
    }
}

/// Parses every line of JSON Lines output.
pub fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|err| panic!("not JSON ({err}): {line}")))
        .collect()
}

/// Checks the contract's promise: every span slices `text` to the string stored beside it.
pub fn assert_spans_slice(article: &serde_json::Value) {
    let text: Vec<char> = article["text"].as_str().expect("text").chars().collect();
    let slice = |span: &serde_json::Value| -> String {
        let start = span["start"].as_u64().expect("start") as usize;
        let end = span["end"].as_u64().expect("end") as usize;
        assert!(start <= end && end <= text.len(), "span {start}..{end} out of bounds ({})", text.len());
        text[start..end].iter().collect()
    };
    let check = |span: &serde_json::Value, claimed: &serde_json::Value| {
        assert_eq!(slice(span), claimed.as_str().expect("claimed text"), "span {span}");
    };
    for mention in article["mentions"].as_array().expect("mentions") {
        check(&mention["span"], &mention["text"]);
    }
    for quote in article["quotes"].as_array().expect("quotes") {
        check(&quote["span"], &quote["text"]);
        if !quote["speaker"].is_null() {
            check(&quote["speaker"]["mention"], &quote["speaker"]["mention_text"]);
        }
        if !quote["cue"].is_null() {
            check(&quote["cue"]["span"], &quote["cue"]["text"]);
        }
    }
    for quantity in article["quantities"].as_array().expect("quantities") {
        check(&quantity["span"], &quantity["text"]);
    }
    for time in article["times"].as_array().expect("times") {
        check(&time["span"], &time["text"]);
    }
    for entity in article["entities"].as_array().expect("entities") {
        for role in entity["roles"].as_array().expect("roles") {
            check(&role["span"], &role["title"]);
        }
    }
}
