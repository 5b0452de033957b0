//! The README's main command on the bundled examples, and who said what in them.

use crate::util::{TestDir, examples_dir, json_lines};

fn speaker_of(quotes: &[serde_json::Value], words: &str) -> String {
    let quote = quotes
        .iter()
        .find(|quote| quote["text"].as_str().is_some_and(|text| text.contains(words)))
        .unwrap_or_else(|| panic!("no quote containing {words:?}"));
    quote["speaker"]["name"].as_str().unwrap_or("(none)").to_string()
}

#[test]
fn analyze_prints_the_report() {
    let test = TestDir::new();
    let run = test.run(&["analyze", examples_dir().to_str().expect("path")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("read 7 articles: 7 new, 0 duplicate, 0 failed"), "{}", run.stderr);
    for section in ["# Situation report", "## Stories", "## Actors", "## Who said what", "## Numbers", "## Timeline"] {
        assert!(run.stdout.contains(section), "missing {section}");
    }
    assert!(run.stdout.contains("### Ana Ferreira, Valdorian Defence Minister"), "{}", run.stdout);
    assert!(run.stdout.contains("7 articles from 3 outlets, published 2026-03-02 to 2026-03-11."));
}

#[test]
fn every_direct_quote_has_the_right_speaker() {
    let test = TestDir::new();
    let run = test.run(&["annotate", examples_dir().to_str().expect("path")]);
    let quotes: Vec<serde_json::Value> = json_lines(&run.stdout)
        .iter()
        .flat_map(|article| article["quotes"].as_array().cloned().unwrap_or_default())
        .collect();
    let expected = [
        // After the speaker, before it, in the middle, by pronoun, title and surname.
        ("Both governments have told me", "Tomas Reyes"),
        ("We are going to Geneva to end this crisis", "Ana Ferreira"),
        ("but Valdoria will not sign anything while our sailors are held hostage", "Ana Ferreira"),
        ("The cargo is the number everyone quotes", "Owen Bransby"),
        ("but the bigger cost is that shippers", "Owen Bransby"),
        ("This is a corridor, not a peace treaty", "Matthias Oduya"),
        ("If Minister Ferreira wants to negotiate", "Lidia Marek"),
        // Introduced by a colon, and running over two paragraphs.
        ("We are not asking anyone to give up a claim", "Karin Vestergaard"),
        ("The Republic of Kestria came to Geneva in good faith", "Lidia Marek"),
        ("On Friday night I was not sure", "Matthias Oduya"),
        // Partial quotes, and a headline quote named by title.
        ("theatre for a domestic audience", "Lidia Marek"),
        ("steady hand", "Ana Ferreira"),
        ("Within Reach", "Matthias Oduya"),
        ("We are closer than we were on Thursday", "Viktor Haldane"),
        ("Both sides will go home and say", "Owen Bransby"),
    ];
    for (words, speaker) in expected {
        assert_eq!(speaker_of(&quotes, words), speaker, "speaker of {words:?}");
    }
}

#[test]
fn one_remark_carried_by_two_outlets_is_shown_once() {
    let test = TestDir::new();
    assert_eq!(test.run(&["ingest", examples_dir().to_str().expect("path")]).code, 0);
    let run = test.run(&["quotes", "--speaker", "ferreira", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let speakers = json_lines(&run.stdout);
    assert_eq!(speakers.len(), 1);
    let remark = speakers[0]["quotes"]
        .as_array()
        .expect("quotes")
        .iter()
        .find(|quote| quote["text"].as_str().is_some_and(|text| text.starts_with("We did not start this crisis")))
        .expect("remark");
    let outlets: Vec<&str> =
        remark["sources"].as_array().expect("sources").iter().filter_map(|source| source["site"].as_str()).collect();
    assert_eq!(outlets, ["coastalledger.example", "meridianpost.example"]);
}

#[test]
fn debris_is_removed_and_reported() {
    let test = TestDir::new();
    let path = examples_dir().join("02-shipping-losses-harbour-daily.txt");
    let run = test.run(&["extract", path.to_str().expect("path")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (body, removed) = run.stdout.split_once("removed as debris:").expect("debris line");
    for debris in ["Listen to this article", "LEAVE A REPLY", "Please enter your comment!", "Share on Facebook"] {
        assert!(!body.contains(debris), "{debris} left in the body");
    }
    assert!(removed.contains("LEAVE A REPLY"));
}
