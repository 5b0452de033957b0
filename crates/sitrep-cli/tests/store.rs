//! The embedded store through the CLI: idempotent ingest, search, quotes, entities, JSON report.

use crate::util::{TestDir, examples_dir, json_lines};

#[test]
fn ingest_is_idempotent() {
    let test = TestDir::new();
    let examples = examples_dir();
    let first = test.run(&["ingest", examples.to_str().expect("path")]);
    assert!(first.stderr.contains("7 new, 0 duplicate"), "{}", first.stderr);
    let second = test.run(&["ingest", examples.to_str().expect("path")]);
    assert!(second.stderr.contains("0 new, 7 duplicate"), "{}", second.stderr);
    let report = test.run(&["report", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&report.stdout).expect("report JSON");
    assert_eq!(value["n_articles"], 7);
    assert_eq!(value["schema"], 1);
}

#[test]
fn search_quotes_and_entities() {
    let test = TestDir::new();
    assert_eq!(test.run(&["ingest", examples_dir().to_str().expect("path")]).code, 0);

    let search = test.run(&["search", "minehunters", "--format", "json"]);
    assert_eq!(search.code, 0, "{}", search.stderr);
    let hits = json_lines(&search.stdout);
    assert!(!hits.is_empty());
    assert!(hits[0]["snippet"].as_str().expect("snippet").to_lowercase().contains("[minehunters]"), "{:?}", hits[0]);
    let nothing = test.run(&["search", "zeppelin"]);
    assert_eq!(nothing.code, 1);

    let quotes = test.run(&["quotes", "--speaker", "Bransby"]);
    assert_eq!(quotes.code, 0);
    assert!(quotes.stdout.starts_with("Owen Bransby"), "{}", quotes.stdout);
    assert!(quotes.stdout.contains("“The inspection is now the whole negotiation.”"));
    let nobody = test.run(&["quotes", "--speaker", "Nobody Atall"]);
    assert_eq!(nobody.code, 1);
    assert!(nobody.stderr.contains("sitrep entities --type person"));

    let about = test.run(&["quotes", "--about", "Geneva", "--format", "json"]);
    assert!(json_lines(&about.stdout).iter().all(|speaker| {
        speaker["quotes"]
            .as_array()
            .expect("quotes")
            .iter()
            .all(|quote| quote["text"].as_str().expect("text").contains("Geneva"))
    }));

    let people = test.run(&["entities", "--type", "person", "--format", "json"]);
    let names: Vec<String> =
        json_lines(&people.stdout).iter().map(|actor| actor["name"].as_str().expect("name").to_string()).collect();
    for name in [
        "Ana Ferreira",
        "Tomas Reyes",
        "Lidia Marek",
        "Matthias Oduya",
        "Karin Vestergaard",
        "Owen Bransby",
        "Viktor Haldane",
    ] {
        assert!(names.contains(&name.to_string()), "{name} missing from {names:?}");
    }
}

#[test]
fn data_flag_chooses_the_store() {
    let test = TestDir::new();
    let elsewhere = test.path().join("elsewhere");
    let path = examples_dir().join("01-geneva-talks-agreed-meridian-post.txt");
    let run = test.run(&["--data", elsewhere.to_str().expect("path"), "ingest", path.to_str().expect("path")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(elsewhere.join("sitrep.sqlite3").exists());
    assert!(!test.path().join("store").exists());
}
