//! Fuzzes what the named-entity stage reads from outside: model files (`NerModel::from_bytes`),
//! CoNLL text (`sitrep_eval::ner::parse_conll`, then writing it back and scoring it), and
//! arbitrary text tokenised and tagged by the shipped model. Each must give a value or an error,
//! never a panic or a hang, and what it gives must keep its promises.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_eval::ner::{entities, parse_conll, score};
use sitrep_nlp::{Model, NerModel, sentence_tokens};

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    match mode % 3 {
        0 => model_file(rest),
        1 => conll(&String::from_utf8_lossy(rest)),
        _ => tagging(&String::from_utf8_lossy(rest)),
    }
});

/// Junk behind a valid header, so that the stage reader sees it, and junk alone.
fn model_file(bytes: &[u8]) {
    let mut file = b"SITREPNER".to_vec();
    for field in [2u32, 17, 1] {
        file.extend_from_slice(&field.to_le_bytes());
    }
    file.extend_from_slice(bytes);
    if let Ok(model) = NerModel::from_bytes(&file) {
        let reloaded = NerModel::from_bytes(&model.to_bytes()).expect("a model's own bytes read back");
        assert_eq!(reloaded.to_bytes(), model.to_bytes(), "writing a model read from a file changes it");
    }
    let _ = NerModel::from_bytes(bytes);
}

fn conll(text: &str) {
    let Ok(file) = parse_conll(text) else { return };
    let tags: Vec<Vec<String>> =
        file.sentences().map(|sentence| sentence.tags().iter().map(|tag| tag.to_string()).collect()).collect();
    let again = parse_conll(&file.with_tags(&tags)).expect("the parser reads what it writes");
    assert_eq!(again.sentences().count(), file.sentences().count(), "writing lost or added sentences");
    let gold: Vec<Vec<&str>> = file.sentences().map(|sentence| sentence.tags()).collect();
    let scores = score(&gold, &gold, None);
    let n_entities: usize = gold.iter().map(|tags| entities(tags).len()).sum();
    assert_eq!(scores.micro.gold, n_entities);
    assert!(n_entities == 0 || scores.micro.f1 == 1.0, "gold scored against itself is not perfect");
}

fn tagging(text: &str) {
    let sentences = sentence_tokens(text);
    let model = Model::builtin();
    let tagged = model.ner().tag_document(&sentences);
    assert_eq!(tagged.len(), sentences.len(), "a sentence lost its entities");
    for (tokens, spans) in sentences.iter().zip(&tagged) {
        for span in spans {
            assert!(span.start < span.end && span.end <= tokens.len(), "span {span:?} outside its sentence");
        }
        assert!(spans.windows(2).all(|pair| pair[0].end <= pair[1].start), "overlapping entities: {spans:?}");
    }
}
