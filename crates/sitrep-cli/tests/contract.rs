//! The JSON contract of `sitrep annotate`: one object per article, schema 1, every field named in
//! docs/schema.md, every span slicing the text.

use crate::util::{TestDir, assert_spans_slice, examples_dir, json_lines};

const TOP_LEVEL_FIELDS: &[&str] = &[
    "schema",
    "id",
    "url",
    "site",
    "title",
    "authors",
    "published",
    "language",
    "format",
    "text",
    "entities",
    "mentions",
    "quotes",
    "quantities",
    "times",
];

#[test]
fn annotate_writes_one_valid_object_per_article() {
    let test = TestDir::new();
    let run = test.run(&["annotate", examples_dir().to_str().expect("path")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let articles = json_lines(&run.stdout);
    assert_eq!(articles.len(), 7);
    for article in &articles {
        assert_eq!(article["schema"], 1);
        for field in TOP_LEVEL_FIELDS {
            assert!(article.get(field).is_some(), "missing {field}");
        }
        assert_spans_slice(article);
    }
}

#[test]
fn annotate_can_skip_the_numbers_and_times() {
    let test = TestDir::new();
    let path = examples_dir().join("03-ferreira-navy-funding-coastal-ledger.txt");
    let path = path.to_str().expect("path");
    let full = &json_lines(&test.run(&["annotate", path]).stdout)[0];
    let run = test.run(&["annotate", "--skip", "quantities,times", path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let skipped = &json_lines(&run.stdout)[0];
    assert!(full["quantities"].as_array().is_some_and(|list| !list.is_empty()), "{full}");
    assert!(full["times"].as_array().is_some_and(|list| !list.is_empty()), "{full}");
    assert_eq!((&skipped["quantities"], &skipped["times"]), (&serde_json::json!([]), &serde_json::json!([])));
    assert_eq!((&skipped["entities"], &skipped["quotes"]), (&full["entities"], &full["quotes"]));
    // Without indirect speech, the quotations in marks stay as they were.
    let run = test.run(&["annotate", "--skip", "quantities,times,indirect", path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let quotations = &json_lines(&run.stdout)[0];
    let (indirect, expected): (Vec<&serde_json::Value>, Vec<&serde_json::Value>) =
        full["quotes"].as_array().expect("quotes").iter().partition(|quote| quote["kind"] == "indirect");
    assert!(!indirect.is_empty() && !expected.is_empty(), "{full}");
    let found: Vec<&serde_json::Value> = quotations["quotes"].as_array().expect("quotes").iter().collect();
    assert_eq!(found, expected);
    let wrong = test.run(&["annotate", "--skip", "quotes", path]);
    assert_eq!(wrong.code, 2, "a layer that cannot be skipped is a usage error: {}", wrong.stderr);
    assert!(wrong.stderr.contains("quantities") && wrong.stderr.contains("times"), "{}", wrong.stderr);
}

#[test]
fn schema_doc_names_every_field() {
    let schema =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/schema.md")).expect("docs/schema.md");
    let test = TestDir::new();
    let run = test
        .run(&["annotate", examples_dir().join("03-ferreira-navy-funding-coastal-ledger.txt").to_str().expect("path")]);
    let article = &json_lines(&run.stdout)[0];
    let mut fields: Vec<String> = article.as_object().expect("object").keys().cloned().collect();
    for list in ["entities", "mentions", "quotes", "quantities", "times"] {
        if let Some(first) = article[list].as_array().and_then(|items| items.first()) {
            fields.extend(first.as_object().expect("object").keys().map(|key| format!("{list}[].{key}")));
        }
    }
    for field in fields {
        let name = field.rsplit('.').next().unwrap_or(&field);
        assert!(schema.contains(&format!("`{name}`")), "docs/schema.md does not document `{name}` ({field})");
    }
}

#[test]
fn jsonl_and_stdin_inputs() {
    let test = TestDir::new();
    let jsonl = concat!(
        "{\"text\":\"“We will not move,” Defence Minister Ana Ferreira said on Monday.\",\"title\":\"No move\",",
        "\"url\":\"https://www.example.org/a\",\"published\":\"2026-03-05\"}\n"
    );
    let path = test.write("in.jsonl", jsonl);
    let run = test.run(&["annotate", path.to_str().expect("path")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let article = &json_lines(&run.stdout)[0];
    assert_eq!(article["site"], "example.org");
    assert_eq!(article["published"], "2026-03-05T00:00:00Z");
    assert_eq!(article["quotes"][0]["speaker"]["name"], "Ana Ferreira");
    assert_eq!(article["times"][0]["value"], "2026-03-02");

    let piped = test.run_with_stdin(&["annotate", "-"], Some(jsonl));
    assert_eq!(json_lines(&piped.stdout)[0]["id"], article["id"]);
    let text =
        test.run_with_stdin(&["annotate", "--published", "2026-03-05", "-"], Some("“Fine,” he said. Reyes left."));
    assert_eq!(json_lines(&text.stdout)[0]["published"], "2026-03-05T00:00:00Z");
}
