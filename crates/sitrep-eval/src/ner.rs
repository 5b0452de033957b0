//! Named entities, CoNLL style: the data format (a token a line, the tag in the last column, a
//! blank line between sentences, `-DOCSTART-` lines between documents) and the entity-level
//! exact-match score of `conlleval`, as `../shared/scorers/ner.py` computes it: an entity counts
//! when its type and exact token span both match; precision, recall and F1 per type and
//! micro-averaged. Tags may be IOB1 or IOB2.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

/// A CoNLL file: documents of sentences of token lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConllFile {
    /// The documents. A file without `-DOCSTART-` lines is one document per sentence, since
    /// nothing tells where its articles begin.
    pub documents: Vec<ConllDocument>,
    /// Whether the file marks its documents.
    pub has_document_marks: bool,
}

/// One document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConllDocument {
    /// The `-DOCSTART-` line that opened it, if any.
    pub mark: Option<String>,
    /// Its sentences.
    pub sentences: Vec<ConllSentence>,
}

/// One sentence: its token lines split into columns (the token first, the tag last).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConllSentence {
    /// Each token's columns.
    pub lines: Vec<Vec<String>>,
}

impl ConllSentence {
    /// The tokens (first column).
    pub fn tokens(&self) -> Vec<&str> {
        self.lines.iter().map(|columns| columns.first().map_or("", String::as_str)).collect()
    }

    /// The tags (last column).
    pub fn tags(&self) -> Vec<&str> {
        self.lines.iter().map(|columns| columns.last().map_or("O", String::as_str)).collect()
    }
}

/// A line that is not CoNLL.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct ConllError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub problem: String,
}

impl ConllFile {
    /// Sentences in file order.
    pub fn sentences(&self) -> impl Iterator<Item = &ConllSentence> {
        self.documents.iter().flat_map(|document| &document.sentences)
    }

    /// The file again with each sentence's tags replaced by `tags` (one list per sentence, in
    /// file order), in the input's own layout.
    pub fn with_tags(&self, tags: &[Vec<String>]) -> String {
        let mut out = String::new();
        let mut sentence_tags = tags.iter();
        for document in &self.documents {
            if let Some(mark) = &document.mark {
                out.push_str(mark);
                out.push_str("\n\n");
            }
            for sentence in &document.sentences {
                let predicted = sentence_tags.next();
                for (idx, columns) in sentence.lines.iter().enumerate() {
                    let tag = predicted.and_then(|tags| tags.get(idx)).map_or("O", String::as_str);
                    let keep = columns.len().saturating_sub(1).max(1);
                    out.push_str(&columns[..keep.min(columns.len())].join(" "));
                    out.push(' ');
                    out.push_str(tag);
                    out.push('\n');
                }
                out.push('\n');
            }
        }
        out
    }
}

/// Reads CoNLL text.
pub fn parse_conll(text: &str) -> Result<ConllFile, ConllError> {
    let mut file = ConllFile::default();
    let mut document = ConllDocument::default();
    let mut sentence = ConllSentence::default();
    for (idx, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.starts_with("-DOCSTART-") {
            file.has_document_marks = true;
            push_sentence(&mut document, &mut sentence);
            if document.mark.is_some() || !document.sentences.is_empty() {
                file.documents.push(std::mem::take(&mut document));
            }
            document.mark = Some(line.to_string());
            continue;
        }
        if line.is_empty() {
            push_sentence(&mut document, &mut sentence);
            continue;
        }
        let columns: Vec<String> = line.split_whitespace().map(String::from).collect();
        if columns.len() < 2 {
            return Err(ConllError { line: idx + 1, problem: format!("expected `TOKEN ... TAG`, found {line:?}") });
        }
        let tag = columns.last().map_or("", String::as_str);
        if !is_tag(tag) {
            return Err(ConllError { line: idx + 1, problem: format!("{tag:?} is not a tag (O, B-TYPE or I-TYPE)") });
        }
        sentence.lines.push(columns);
    }
    push_sentence(&mut document, &mut sentence);
    if document.mark.is_some() || !document.sentences.is_empty() {
        file.documents.push(document);
    }
    if !file.has_document_marks {
        // One document per sentence: see `ConllFile::documents`.
        let sentences: Vec<ConllSentence> = file.documents.drain(..).flat_map(|document| document.sentences).collect();
        file.documents =
            sentences.into_iter().map(|sentence| ConllDocument { mark: None, sentences: vec![sentence] }).collect();
    }
    Ok(file)
}

fn push_sentence(document: &mut ConllDocument, sentence: &mut ConllSentence) {
    if !sentence.lines.is_empty() {
        document.sentences.push(std::mem::take(sentence));
    }
}

fn is_tag(tag: &str) -> bool {
    tag == "O" || tag.strip_prefix("B-").or_else(|| tag.strip_prefix("I-")).is_some_and(|ty| !ty.is_empty())
}

/// The entities of a tag sequence as (start, end, type), end exclusive, read as the scorer
/// reads them: an entity opens at `B-` or at an `I-` whose type differs from the open one.
pub fn entities(tags: &[&str]) -> BTreeSet<(usize, usize, String)> {
    let mut out = BTreeSet::new();
    let mut open: Option<(usize, &str)> = None;
    for (idx, tag) in tags.iter().copied().chain(std::iter::once("O")).enumerate() {
        let (prefix, ty) = tag.split_once('-').unwrap_or((tag, ""));
        let begins = prefix == "B" || (prefix == "I" && open.is_none_or(|(_, open_ty)| open_ty != ty));
        if let Some((start, open_ty)) = open
            && (tag == "O" || begins)
        {
            out.insert((start, idx, open_ty.to_string()));
            open = None;
        }
        if tag != "O" && open.is_none() {
            open = Some((idx, ty));
        }
    }
    out
}

/// IOB2 tags for `n_tokens` tokens holding the given (start, end, type) entities.
pub fn iob2_tags<'a>(n_tokens: usize, entities: impl IntoIterator<Item = (usize, usize, &'a str)>) -> Vec<String> {
    let mut tags = vec!["O".to_string(); n_tokens];
    for (start, end, ty) in entities {
        for (idx, tag) in tags.iter_mut().enumerate().take(end.min(n_tokens)).skip(start) {
            *tag = format!("{}-{ty}", if idx == start { "B" } else { "I" });
        }
    }
    tags
}

/// Precision, recall and F1 with the counts behind them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Entities predicted.
    pub predicted: usize,
    /// Gold entities.
    pub gold: usize,
    /// Predicted entities that match a gold one.
    pub correct: usize,
    /// correct / predicted (0 when nothing was predicted).
    pub precision: f64,
    /// correct / gold (0 when there is no gold entity).
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
}

impl Prf {
    fn new(correct: usize, predicted: usize, gold: usize) -> Prf {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(correct, predicted);
        let recall = ratio(correct, gold);
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        Prf { predicted, gold, correct, precision, recall, f1 }
    }
}

/// The scores of a tagging.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct NerScores {
    /// Per entity type, for every type seen in gold or predictions.
    pub types: BTreeMap<String, Prf>,
    /// Over all entities.
    pub micro: Prf,
}

/// Scores predicted against gold tags, sentence by sentence; `keep` limits both sides to
/// some types (for data annotated with fewer types).
pub fn score(gold: &[Vec<&str>], predicted: &[Vec<&str>], keep: Option<&BTreeSet<String>>) -> NerScores {
    let mut counts: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let kept = |entity: &(usize, usize, String)| keep.is_none_or(|keep| keep.contains(&entity.2));
    for (gold_tags, predicted_tags) in gold.iter().zip(predicted) {
        let gold_entities: BTreeSet<_> = entities(gold_tags).into_iter().filter(kept).collect();
        let predicted_entities: BTreeSet<_> = entities(predicted_tags).into_iter().filter(kept).collect();
        for entity in &predicted_entities {
            let entry = counts.entry(entity.2.clone()).or_default();
            entry.1 += 1;
            if gold_entities.contains(entity) {
                entry.0 += 1;
            }
        }
        for entity in &gold_entities {
            counts.entry(entity.2.clone()).or_default().2 += 1;
        }
    }
    let types: BTreeMap<String, Prf> = counts
        .iter()
        .map(|(ty, &(correct, predicted, gold))| (ty.clone(), Prf::new(correct, predicted, gold)))
        .collect();
    let total = counts.values().fold((0, 0, 0), |acc, counts| (acc.0 + counts.0, acc.1 + counts.1, acc.2 + counts.2));
    NerScores { types, micro: Prf::new(total.0, total.1, total.2) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_layouts() {
        let docs = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\n\n\
            -DOCSTART- -X- -X- O\n\nLONDON NNP B-NP B-LOC\n";
        let file = parse_conll(docs).expect("valid CoNLL");
        assert!(file.has_document_marks);
        assert_eq!(file.documents.len(), 2);
        assert_eq!(file.documents[0].sentences.len(), 2);
        assert_eq!(file.documents[0].sentences[0].tokens(), ["EU", "rejects"]);
        let plain = parse_conll("EU B-ORG\nrejects O\n\nPeter B-PER\n").expect("valid CoNLL");
        assert_eq!(plain.documents.len(), 2, "one document per sentence");
        let tags = vec![vec!["B-LOC".to_string(), "O".to_string()], vec!["O".to_string()], vec!["B-LOC".to_string()]];
        let written = file.with_tags(&tags);
        assert!(
            written.starts_with("-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-LOC\nrejects VBZ B-VP O\n\nPeter NNP B-NP O\n")
        );
        assert_eq!(parse_conll(&written).expect("own output reads back").sentences().count(), 3);
    }

    #[test]
    fn bad_lines_name_their_number() {
        let err = parse_conll("EU B-ORG\nrejects\n").expect_err("a line without a tag");
        assert_eq!(err.line, 2);
        assert!(parse_conll("EU X-ORG\n").is_err());
    }

    #[test]
    fn entities_read_iob1_and_iob2() {
        let iob2 = entities(&["B-PER", "I-PER", "O", "B-LOC", "B-LOC"]);
        assert_eq!(
            iob2.into_iter().collect::<Vec<_>>(),
            [(0, 2, "PER".into()), (3, 4, "LOC".into()), (4, 5, "LOC".into())]
        );
        let iob1 = entities(&["I-PER", "I-PER", "I-ORG"]);
        assert_eq!(iob1.into_iter().collect::<Vec<_>>(), [(0, 2, "PER".into()), (2, 3, "ORG".into())]);
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_or_fails_cleanly(text in "(\\PC{0,8}|[ \n]|-DOCSTART-|B-PER|I-ORG|O){0,60}") {
            if let Ok(file) = parse_conll(&text) {
                let tags: Vec<Vec<String>> = file.sentences().map(|sentence| sentence.tags().iter().map(|tag| tag.to_string()).collect()).collect();
                let written = file.with_tags(&tags);
                let again = parse_conll(&written).expect("own output reads back");
                proptest::prop_assert_eq!(again.sentences().count(), file.sentences().count());
            }
        }
    }

    #[test]
    fn scores_per_type_and_micro() {
        let gold = vec![vec!["B-PER", "I-PER", "O", "B-LOC"]];
        let predicted = vec![vec!["B-PER", "I-PER", "O", "B-ORG"]];
        let scores = score(&gold, &predicted, None);
        assert_eq!(scores.types["PER"].f1, 1.0);
        assert_eq!(scores.types["ORG"].precision, 0.0);
        assert_eq!(scores.types["LOC"].recall, 0.0);
        assert_eq!((scores.micro.correct, scores.micro.predicted, scores.micro.gold), (1, 2, 2));
        let keep: BTreeSet<String> = ["PER".to_string()].into();
        assert_eq!(score(&gold, &predicted, Some(&keep)).micro.f1, 1.0);
    }
}
