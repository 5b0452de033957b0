//! The tagger's labels. Entities are the four CoNLL types; internally each token carries a
//! BILOU label (Begin, Inside, Last, Unit, or Outside), which lets a linear model learn where
//! names end as well as where they start. Outside this module labels are spans.

use std::fmt;

/// The entity types the statistical tagger knows (CoNLL-2003's). The annotator refines them
/// into the contract's types (LOC into GPE or LOC, MISC into NORP or MISC) with its word lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NerType {
    /// People.
    Per,
    /// Organisations, including sports teams and companies.
    Org,
    /// Countries, cities, regions and other places.
    Loc,
    /// Nationalities, events, works, products and other names.
    Misc,
}

impl NerType {
    /// Every type, in label order.
    pub const ALL: [NerType; 4] = [NerType::Per, NerType::Org, NerType::Loc, NerType::Misc];

    /// The CoNLL name: `PER`, `ORG`, `LOC`, `MISC`.
    pub fn as_str(self) -> &'static str {
        match self {
            NerType::Per => "PER",
            NerType::Org => "ORG",
            NerType::Loc => "LOC",
            NerType::Misc => "MISC",
        }
    }

    /// The type a CoNLL name stands for.
    pub fn parse(name: &str) -> Option<NerType> {
        NerType::ALL.into_iter().find(|ner_type| ner_type.as_str() == name)
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for NerType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One entity in a sentence, in token indices of that sentence (end exclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NerSpan {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Its type.
    pub entity_type: NerType,
}

/// Number of BILOU labels: Outside plus four positions for each type.
pub(crate) const N_LABELS: usize = 1 + 4 * NerType::ALL.len();

const OUTSIDE: usize = 0;
const BEGIN: usize = 0;
const INSIDE: usize = 1;
const LAST: usize = 2;
const UNIT: usize = 3;

fn label(entity_type: NerType, position: usize) -> usize {
    1 + entity_type.index() * 4 + position
}

/// The position (BEGIN..UNIT) and type of a label, or None for Outside.
fn decompose(label: usize) -> Option<(usize, NerType)> {
    let entity_type = *NerType::ALL.get(label.checked_sub(1)? / 4)?;
    Some(((label - 1) % 4, entity_type))
}

/// The BILOU position (BEGIN..UNIT) of the token `offset` places into a phrase of `length`.
fn position_in(offset: usize, length: usize) -> usize {
    match (offset, length) {
        (_, 1) => UNIT,
        (0, _) => BEGIN,
        (offset, length) if offset + 1 == length => LAST,
        _ => INSIDE,
    }
}

/// The name of a BILOU position, as features spell it: "B", "I", "L" or "U".
pub(crate) fn position_name(offset: usize, length: usize) -> &'static str {
    ["B", "I", "L", "U"][position_in(offset, length)]
}

/// BILOU labels of a sentence of `n_tokens` tokens holding `spans` (which must not overlap).
pub(crate) fn labels_of(spans: &[NerSpan], n_tokens: usize) -> Vec<usize> {
    let mut labels = vec![OUTSIDE; n_tokens];
    for span in spans.iter().filter(|span| span.start < span.end && span.end <= n_tokens) {
        for (offset, slot) in labels[span.start..span.end].iter_mut().enumerate() {
            *slot = label(span.entity_type, position_in(offset, span.end - span.start));
        }
    }
    labels
}

/// The spans a label sequence encodes. Decoding only produces well-formed sequences, but an
/// ill-formed one still reads sensibly: a run is closed by Outside, a Begin, a Unit or a change
/// of type.
pub(crate) fn spans_of(labels: &[usize]) -> Vec<NerSpan> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, NerType)> = None;
    for (idx, &label) in labels.iter().enumerate() {
        let part = decompose(label);
        let continues = matches!((open, part), (Some((_, a)), Some((INSIDE | LAST, b))) if a == b);
        if !continues && let Some((start, entity_type)) = open.take() {
            spans.push(NerSpan { start, end: idx, entity_type });
        }
        match part {
            None => {}
            Some((UNIT, entity_type)) => spans.push(NerSpan { start: idx, end: idx + 1, entity_type }),
            Some((LAST, entity_type)) => {
                let start = open.take().map_or(idx, |(start, _)| start);
                spans.push(NerSpan { start, end: idx + 1, entity_type });
            }
            Some((_, entity_type)) if open.is_none() => open = Some((idx, entity_type)),
            Some(_) => {}
        }
    }
    if let Some((start, entity_type)) = open {
        spans.push(NerSpan { start, end: labels.len(), entity_type });
    }
    spans
}

/// Whether label `next` may follow label `previous` (None: the sentence start).
pub(crate) fn may_follow(previous: Option<usize>, next: usize) -> bool {
    let open = previous.and_then(decompose).filter(|&(position, _)| position == BEGIN || position == INSIDE);
    match (open, decompose(next)) {
        (Some((_, a)), Some((INSIDE | LAST, b))) => a == b,
        (Some(_), _) => false,
        (None, Some((INSIDE | LAST, _))) => false,
        (None, _) => true,
    }
}

/// Whether a sentence may end on `label`.
pub(crate) fn may_end(label: usize) -> bool {
    !matches!(decompose(label), Some((BEGIN | INSIDE, _)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_round_trip_through_labels() {
        let spans = vec![
            NerSpan { start: 0, end: 1, entity_type: NerType::Loc },
            NerSpan { start: 2, end: 5, entity_type: NerType::Per },
            NerSpan { start: 5, end: 7, entity_type: NerType::Org },
        ];
        let labels = labels_of(&spans, 8);
        assert_eq!(spans_of(&labels), spans);
        assert!(labels.windows(2).all(|pair| may_follow(Some(pair[0]), pair[1])));
        assert!(may_end(labels[7]));
    }

    #[test]
    fn ill_formed_labels_still_read() {
        // Inside without Begin, then a type change inside a run.
        let labels = [label(NerType::Per, INSIDE), label(NerType::Per, INSIDE), label(NerType::Org, LAST)];
        let spans = spans_of(&labels);
        assert_eq!(
            spans,
            [
                NerSpan { start: 0, end: 2, entity_type: NerType::Per },
                NerSpan { start: 2, end: 3, entity_type: NerType::Org }
            ]
        );
    }
}
