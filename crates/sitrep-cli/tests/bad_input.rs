//! Bad input gets a message naming the file and the problem; the run goes on with the rest and
//! fails only when nothing could be read. Never a panic.

use crate::util::{TestDir, json_lines};

#[test]
fn each_bad_file_is_named_and_skipped() {
    let test = TestDir::new();
    let good = test.write("good.txt", "“We will stay,” Ana Ferreira said.");
    let empty = test.write("empty.txt", "");
    let binary = test.write("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00junk");
    let latin1 = test.write("latin1.txt", b"caf\xe9 au lait, said Reyes.");
    let bad_jsonl = test.write("bad.jsonl", "{\"text\": \"fine line\"}\n{not json\n{\"title\": \"no text\"}\n");
    let missing = test.path().join("missing.txt");
    let empty_dir = test.path().join("nothing");
    std::fs::create_dir(&empty_dir).expect("mkdir");
    let paths = [&good, &empty, &binary, &latin1, &bad_jsonl, &missing, &empty_dir];
    let mut args = vec!["annotate"];
    args.extend(paths.iter().map(|path| path.to_str().expect("path")));
    let run = test.run(&args);
    assert_eq!(run.code, 0, "something was read, so the run succeeds: {}", run.stderr);
    assert_eq!(json_lines(&run.stdout).len(), 2, "good.txt and the good JSONL line");
    for expected in [
        "missing.txt: no such file or directory",
        "nothing: no readable articles here",
        "empty.txt: empty file, nothing to read",
        "binary.txt: binary file (NUL byte at offset 7)",
        "latin1.txt: not valid UTF-8 (first bad byte at offset 3)",
        "bad.jsonl:2: invalid JSON",
        "bad.jsonl:3: no \"text\" field",
    ] {
        assert!(run.stderr.contains(expected), "stderr lacks {expected:?}:\n{}", run.stderr);
    }
    assert!(!run.stderr.contains("panicked"));
}

#[test]
fn nothing_readable_exits_one() {
    let test = TestDir::new();
    let empty = test.write("empty.txt", "   \n");
    let run = test.run(&["ingest", empty.to_str().expect("path")]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("sitrep: no input could be read"), "{}", run.stderr);
    let run = test.run(&["analyze", "does-not-exist"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("does-not-exist: no such file or directory"));
}

#[test]
fn usage_errors_exit_two_with_a_hint() {
    let test = TestDir::new();
    let run = test.run(&["annotate"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("<PATH>"), "{}", run.stderr);
    let run = test.run(&["report"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no store in") && run.stderr.contains("sitrep ingest"), "{}", run.stderr);
    let run = test.run(&["entities", "--type", "robot"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("choose one of person, org, gpe, loc, norp, misc"), "{}", run.stderr);
}

#[test]
fn hostile_text_is_escaped_on_the_terminal() {
    let test = TestDir::new();
    let path = test.write("evil.txt", "Title: Evil\u{1b}[2J\u{202e}\n\n“Hello there, everyone,” Ana Ferreira said.");
    let run = test.run(&["annotate", "--format", "text", path.to_str().expect("path")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{202e}'));
    assert!(run.stdout.contains("Evil\\u{1b}[2J\\u{202e}"), "{}", run.stdout);
}
