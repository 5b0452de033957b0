//! `sitrep eval ...` agrees with the shared reference scorers on the same predictions (when
//! `../shared/` and python3 are present).

use std::io::{BufRead, Write};
use std::process::Command;

use crate::util::TestDir;

fn shared_path(relative: &str) -> Option<std::path::PathBuf> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(relative);
    if !path.exists() {
        eprintln!("skipping: {} is not present", path.display());
        return None;
    }
    let python = Command::new("python3").arg("--version").output();
    if python.is_err() {
        eprintln!("skipping: python3 is not available");
        return None;
    }
    Some(path)
}

/// Runs `sitrep` with `args` (an `eval` command with `--format json`) and parses its output.
fn eval_json(test: &TestDir, args: &[&str]) -> serde_json::Value {
    let run = test.run(args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(run.stdout.trim()).unwrap()
}

/// Runs a reference scorer with `args` (ending with its JSON flag when it needs one) and parses
/// its output.
fn reference_json(scorer: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let reference = Command::new("python3").arg(scorer).args(args).output().unwrap();
    assert!(reference.status.success(), "{}", String::from_utf8_lossy(&reference.stderr));
    serde_json::from_slice(&reference.stdout).unwrap()
}

#[test]
fn eval_extraction_agrees_with_the_reference_scorer() {
    let (Some(data), Some(scorer)) =
        (shared_path("data/extraction/dev.jsonl.gz"), shared_path("scorers/extraction.py"))
    else {
        return;
    };
    let test = TestDir::new();
    // A subset with both sources and gold metadata, small enough for a debug build.
    let file = std::fs::File::open(&data).unwrap();
    let reader = std::io::BufReader::new(flate2::read::MultiGzDecoder::new(file));
    let subset = test.path().join("subset.jsonl");
    let mut out = std::fs::File::create(&subset).unwrap();
    let (mut n_scrapinghub, mut n_wcxb) = (0, 0);
    for line in reader.lines() {
        let line = line.unwrap();
        let scrapinghub = line.contains("\"source\": \"scrapinghub\"") || line.contains("\"source\":\"scrapinghub\"");
        let wanted = if scrapinghub { n_scrapinghub < 20 } else { n_wcxb < 20 };
        if wanted {
            writeln!(out, "{line}").unwrap();
            if scrapinghub { n_scrapinghub += 1 } else { n_wcxb += 1 }
        }
        if n_scrapinghub >= 20 && n_wcxb >= 20 {
            break;
        }
    }
    drop(out);
    let predictions = test.path().join("predictions.jsonl");
    let (subset, predictions) = (subset.to_str().unwrap(), predictions.to_str().unwrap());
    let ours = eval_json(&test, &["eval", "extraction", subset, "--format", "json", "--predictions", predictions]);
    assert_eq!(ours["n_pages"], 40);
    for source in ["scrapinghub", "wcxb-article"] {
        let theirs =
            reference_json(&scorer, &[subset, predictions, "--source", source, "--json", "--n-bootstrap", "2"]);
        let mine = &ours["scores"]["by_source"][source];
        let close =
            |a: &serde_json::Value, b: &serde_json::Value| (a.as_f64().unwrap() - b.as_f64().unwrap()).abs() < 1e-9;
        for (ours_key, theirs_key) in [
            ("f1", "f1"),
            ("precision", "precision"),
            ("recall", "recall"),
            ("accuracy", "accuracy"),
            ("mean_page_f1", "mean_page_f1"),
        ] {
            assert!(
                close(&mine["body"][ours_key], &theirs[theirs_key]),
                "{source} {ours_key}: {} vs {}",
                mine["body"][ours_key],
                theirs[theirs_key]
            );
        }
        assert_eq!(mine["body"]["empty"], theirs["empty"]);
        for (ours_key, theirs_key) in [("title", "meta_title"), ("author", "meta_author"), ("date", "meta_date")] {
            let (a, b) = (&mine["metadata"][ours_key], &theirs[theirs_key]);
            assert!(a.is_null() && b.is_null() || close(a, b), "{source} {ours_key}: {a} vs {b}");
        }
    }
}

#[test]
fn eval_timex_agrees_with_the_reference_scorer() {
    let (Some(data), Some(scorer)) = (shared_path("data/timex/train.jsonl"), shared_path("scorers/timex.py")) else {
        return;
    };
    let test = TestDir::new();
    let predictions = test.path().join("predictions.jsonl");
    let (data, predictions) = (data.to_str().unwrap(), predictions.to_str().unwrap());
    let ours = eval_json(&test, &["eval", "timex", data, "--format", "json", "--predictions", predictions]);
    assert_eq!(ours["n_documents"], 256);
    let theirs = reference_json(&scorer, &[data, predictions]);
    let mine = &ours["scores"];
    for key in ["gold", "system", "relaxed_match", "strict_match"] {
        assert_eq!(mine[key], theirs[key], "{key}");
    }
    // The reference prints figures rounded to four places.
    for key in [
        "strict_p",
        "strict_r",
        "strict_f1",
        "relaxed_p",
        "relaxed_r",
        "relaxed_f1",
        "value_accuracy",
        "type_accuracy",
        "value_f1",
        "type_f1",
    ] {
        let rounded = format!("{:.4}", mine[key].as_f64().unwrap());
        let reference_figure = format!("{:.4}", theirs[key].as_f64().unwrap());
        assert_eq!(rounded, reference_figure, "{key}: {} vs {}", mine[key], theirs[key]);
    }
    assert!(mine["system"].as_u64().unwrap() > 0, "the annotator found no time expressions");

    // The two parts of the project's split cover the file between them.
    let mut n_documents = 0;
    let mut n_gold = 0;
    for (split, expected) in [("dev", 220), ("heldout", 36)] {
        let part = eval_json(&test, &["eval", "timex", data, "--format", "json", "--split", split]);
        assert_eq!(part["n_documents"], expected, "{split}");
        n_documents += part["n_documents"].as_u64().unwrap();
        n_gold += part["scores"]["gold"].as_u64().unwrap();
    }
    assert_eq!((n_documents, n_gold), (256, mine["gold"].as_u64().unwrap()));
}

#[test]
fn eval_quotes_agrees_with_the_reference_scorer() {
    let (Some(data), Some(scorer)) = (shared_path("data/quotes/dev.jsonl"), shared_path("scorers/quotes.py")) else {
        return;
    };
    let test = TestDir::new();
    // A subset keeps the debug build quick; the reference scorer reads the same subset.
    let subset = test.path().join("gold.jsonl");
    let mut out = std::fs::File::create(&subset).unwrap();
    for line in std::io::BufReader::new(std::fs::File::open(&data).unwrap()).lines().take(120) {
        writeln!(out, "{}", line.unwrap()).unwrap();
    }
    drop(out);
    let subset = subset.to_str().unwrap();
    for kinds in ["direct", "direct,mixed", "all"] {
        let predictions = test.path().join(format!("predictions-{kinds}.jsonl"));
        let predictions = predictions.to_str().unwrap();
        let ours = eval_json(
            &test,
            &["eval", "quotes", subset, "--kinds", kinds, "--format", "json", "--predictions", predictions],
        );
        assert_eq!(ours["n_articles"], 120);
        let theirs = reference_json(&scorer, &[subset, predictions, "--kinds", kinds, "--json"]);
        let mine = &ours["scores"];
        for key in ["gold", "pred", "ignored_pred", "speaker_n", "speaker_named_n"] {
            assert_eq!(mine[key], theirs[key], "{kinds} {key}");
        }
        assert!(mine["pred"].as_u64().unwrap() > 0, "{kinds}: the annotator found no quotes");
        // The reference rounds its figures to four places.
        let close =
            |a: &serde_json::Value, b: &serde_json::Value| (a.as_f64().unwrap() - b.as_f64().unwrap()).abs() < 6e-5;
        for key in ["strict", "lenient", "e2e"] {
            for part in ["P", "R", "F1"] {
                assert!(
                    close(&mine[key][part], &theirs[key][part]),
                    "{kinds} {key} {part}: {} vs {}",
                    mine[key][part],
                    theirs[key][part]
                );
            }
        }
        for key in ["speaker_acc_all", "speaker_acc_named"] {
            assert!(close(&mine[key], &theirs[key]), "{kinds} {key}: {} vs {}", mine[key], theirs[key]);
        }
    }
    // Scoring no indirect speech, the eval leaves it out of the annotation (less work): the
    // quotations must be those of the annotation with every kind.
    let lines = |kinds: &str| -> Vec<serde_json::Value> {
        let text = std::fs::read_to_string(test.path().join(format!("predictions-{kinds}.jsonl"))).unwrap();
        crate::util::json_lines(&text)
    };
    let quotations: Vec<serde_json::Value> = lines("all")
        .into_iter()
        .map(|mut article| {
            let quotes = article["quotes"].as_array_mut().unwrap();
            quotes.retain(|quote| quote["kind"] != "indirect");
            article
        })
        .collect();
    assert_eq!(lines("direct,mixed"), quotations);
}

#[test]
fn eval_ner_agrees_with_the_reference_scorer() {
    let (Some(data), Some(scorer)) = (shared_path("data/ner/dev.docs.conll.gz"), shared_path("scorers/ner.py")) else {
        return;
    };
    let test = TestDir::new();
    // The first documents of dev, so that a debug build stays quick, in the docs layout.
    let file = std::fs::File::open(&data).unwrap();
    let reader = std::io::BufReader::new(flate2::read::MultiGzDecoder::new(file));
    let subset = test.path().join("subset.conll");
    let mut out = std::fs::File::create(&subset).unwrap();
    let mut n_documents = 0;
    for line in reader.lines() {
        let line = line.unwrap();
        if line.starts_with("-DOCSTART-") {
            n_documents += 1;
            if n_documents > 40 {
                break;
            }
        }
        writeln!(out, "{line}").unwrap();
    }
    drop(out);
    let predictions = test.path().join("predictions.conll");
    let (subset, predictions) = (subset.to_str().unwrap(), predictions.to_str().unwrap());
    for types in [None, Some("PER,LOC,ORG")] {
        let mut args = vec!["eval", "ner", subset, "--format", "json", "--predictions", predictions];
        let mut scorer_args = vec![subset, predictions, "--json"];
        if let Some(types) = types {
            args.extend(["--types", types]);
            scorer_args.extend(["--types", types]);
        }
        let ours = eval_json(&test, &args);
        assert_eq!(ours["documents"], 40);
        let theirs = reference_json(&scorer, &scorer_args);
        let theirs = theirs.as_object().unwrap();
        let ours_types = ours["types"].as_object().unwrap();
        assert_eq!(theirs.len(), ours_types.len() + 1, "the same types plus micro: {theirs:?}");
        for (name, figures) in theirs {
            let mine = if name == "micro" { &ours["micro"] } else { &ours["types"][name] };
            for key in ["precision", "recall", "f1"] {
                let (a, b) = (mine[key].as_f64().unwrap(), figures[key].as_f64().unwrap());
                assert!((a - b).abs() < 1e-12, "{types:?} {name} {key}: {a} vs {b}");
            }
        }
        assert!(ours["micro"]["f1"].as_f64().unwrap() > 0.8, "the shipped model tags: {}", ours["micro"]);
    }
}
