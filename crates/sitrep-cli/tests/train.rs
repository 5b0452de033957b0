//! `sitrep train ner` on a small corpus written by the test: the model it writes loads, tags
//! and is the same file on a second run; bad training data is refused with its name.

use crate::util::TestDir;

/// A toy CoNLL corpus in the documents layout: people who say things in places.
fn toy_corpus() -> String {
    let people = ["Anna Berg", "Tomas Quill", "Rhea Moss", "Ivo Tarn", "Lena Hart", "Omar Veld", "Suri Pell"];
    let places = ["Kestria", "Valdoria", "Ostmark", "Serrat"];
    let mut out = String::new();
    for (idx, person) in people.iter().enumerate() {
        out.push_str("-DOCSTART- -X- -X- O\n\n");
        let (first, last) = person.split_once(' ').unwrap();
        let place = places[idx % places.len()];
        for (word, tag) in [
            (first, "B-PER"),
            (last, "I-PER"),
            ("said", "O"),
            ("talks", "O"),
            ("in", "O"),
            (place, "B-LOC"),
            ("will", "O"),
            ("resume", "O"),
            (".", "O"),
        ] {
            out.push_str(&format!("{word} X X {tag}\n"));
        }
        out.push('\n');
    }
    out
}

#[test]
fn train_ner_writes_a_model_that_tags_and_is_reproducible() {
    let test = TestDir::new();
    let data = test.write("toy.conll", toy_corpus());
    let data = data.to_str().unwrap();
    let model = test.path().join("ner.bin");
    let model = model.to_str().unwrap();
    let args =
        ["train", "ner", data, "--out", model, "--epochs", "4", "--folds", "2", "--min-count", "1", "--dev", data];
    let run = test.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("wrote") && run.stdout.contains("micro"), "{}", run.stdout);
    assert!(run.stderr.contains("second stage"), "{}", run.stderr);
    let first = std::fs::read(model).unwrap();
    assert_eq!(test.run(&args).code, 0);
    assert_eq!(std::fs::read(model).unwrap(), first, "the same data and flags give the same file");
    let eval = test.run(&["eval", "ner", data, "--model", model, "--format", "json"]);
    assert_eq!(eval.code, 0, "{}", eval.stderr);
    let figures: serde_json::Value = serde_json::from_str(eval.stdout.trim()).unwrap();
    assert_eq!(figures["micro"]["f1"], 1.0, "a model tags its own training data: {figures}");
}

#[test]
fn bad_training_data_and_model_files_are_named() {
    let test = TestDir::new();
    let wrong_type = test.write("gpe.conll", "Kestria B-GPE\n");
    let run = test.run(&["train", "ner", wrong_type.to_str().unwrap(), "--out", "unused.bin"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("gpe.conll") && run.stderr.contains("\"GPE\" is not one of"), "{}", run.stderr);
    let not_conll = test.write("notes.txt", "just some words\n");
    let run = test.run(&["eval", "ner", not_conll.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("notes.txt is not CoNLL: line 1"), "{}", run.stderr);
    let data = test.write("toy.conll", toy_corpus());
    let run = test.run(&["eval", "ner", data.to_str().unwrap(), "--model", not_conll.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not a sitrep NER model file"), "{}", run.stderr);
}

/// Toy PolNeAR records: people who "quibbled" (a cue no word list holds) that something is so.
fn toy_attributions() -> String {
    let people = ["Anna Berg", "Tomas Quill", "Rhea Moss", "Ivo Tarn", "Lena Hart", "Omar Veld", "Suri Pell"];
    let claims = ["the budget is too small", "the talks will resume soon", "the bridge needs repairs"];
    let mut out = String::new();
    for (idx, person) in people.iter().enumerate() {
        let claim = claims[idx % claims.len()];
        let text = format!("A short headline\n\n{person} quibbled that {claim}. The weather was fine.");
        let at = |part: &str| text.find(part).unwrap();
        let content = format!("that {claim}");
        let record = serde_json::json!({
            "id": format!("toy-{idx}"),
            "text": text,
            "quotes": [{
                "quote": content, "quote_start": at(&content), "quote_end": at(&content) + content.len(),
                "speaker": person, "speaker_start": at(person), "speaker_end": at(person) + person.len(),
                "cue": "quibbled", "cue_start": at("quibbled"), "cue_end": at("quibbled") + "quibbled".len(),
                "kind": "indirect", "attr_id": "E1",
            }],
        });
        out.push_str(&format!("{record}\n"));
    }
    out
}

#[test]
fn train_attribution_cross_validates_and_writes_a_model_eval_reads() {
    let test = TestDir::new();
    let data = test.write("toy.jsonl", toy_attributions());
    let data = data.to_str().unwrap();
    let model = test.path().join("attribution.bin");
    let model = model.to_str().unwrap();
    let predictions = test.path().join("cv");
    let args = [
        "train",
        "attribution",
        data,
        "--out",
        model,
        "--predictions",
        predictions.to_str().unwrap(),
        "--epochs",
        "4",
        "--folds",
        "2",
        "--stage-folds",
        "2",
        "--min-count",
        "1",
    ];
    let run = test.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("cross-validated over 2 folds") && run.stdout.contains("wrote"), "{}", run.stdout);
    let n_articles = toy_attributions().lines().count();
    for kinds in ["direct", "direct-mixed", "all"] {
        let written = std::fs::read_to_string(predictions.join(format!("{kinds}.jsonl"))).unwrap();
        let ids: Vec<serde_json::Value> = written
            .lines()
            .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap()["id"].clone())
            .collect();
        assert_eq!(ids.len(), n_articles, "one cross-validated prediction per article in {kinds}.jsonl");
        assert!(ids.iter().all(serde_json::Value::is_string));
    }
    let first = std::fs::read(model).unwrap();
    assert_eq!(test.run(&args).code, 0);
    assert_eq!(std::fs::read(model).unwrap(), first, "the same data and flags give the same file");
    let eval = |model: &str| {
        let run =
            test.run(&["eval", "quotes", data, "--kinds", "all", "--attribution-model", model, "--format", "json"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let figures: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
        figures["scores"]["lenient"]["R"].as_f64().unwrap()
    };
    assert_eq!(eval("none"), 0.0, "no rule knows \"quibbled\"");
    assert_eq!(eval(model), 1.0, "the tagger reads its training data back");
    let not_a_model = test.write("notes.txt", "just some words\n");
    let run = test.run(&["eval", "quotes", data, "--attribution-model", not_a_model.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("notes.txt") && run.stderr.contains("not a sitrep attribution model file"),
        "{}",
        run.stderr
    );
}

/// `data/words_inside_names.txt` is what its header says: the words of lower-case letters that
/// CoNLL's training split tags inside a name at least twice (when `../shared/` is present).
#[test]
fn the_words_inside_names_are_those_of_training() {
    use std::io::Read;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let train = root.join("../../../shared/data/ner/train.conll.gz");
    let Ok(file) = std::fs::File::open(&train) else {
        eprintln!("skipped: {} is absent", train.display());
        return;
    };
    let mut text = String::new();
    flate2::read::GzDecoder::new(file).read_to_string(&mut text).expect("read the CoNLL train split");
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for line in text.lines() {
        let columns: Vec<&str> = line.split_whitespace().collect();
        let (Some(word), Some(tag)) = (columns.first(), columns.last()) else { continue };
        let lower_letters = word.chars().all(|c| c.is_alphabetic() && c.is_lowercase());
        if columns.len() >= 2 && *tag != "O" && lower_letters {
            *counts.entry(word).or_default() += 1;
        }
    }
    let derived: Vec<&str> = counts.into_iter().filter(|&(_, count)| count >= 2).map(|(word, _)| word).collect();
    let listed = std::fs::read_to_string(root.join("../sitrep-nlp/data/words_inside_names.txt")).expect("the list");
    let listed: Vec<&str> =
        listed.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')).collect();
    assert!(derived.contains(&"of") && derived.len() > 10, "{derived:?}");
    assert_eq!(listed, derived);
}
