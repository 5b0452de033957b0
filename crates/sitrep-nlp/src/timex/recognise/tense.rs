//! The tense of the clause around an expression: it places bare weekdays and months before or
//! after the publication date.

use crate::timex::lexicon;
use crate::timex::recognise::{Scanner, Tense};

/// How far from an expression, in tokens, a tense marker is looked for.
const MAX_REACH: usize = 40;

impl Scanner<'_, '_> {
    /// The tense of the clause around token `idx`: that of the nearest tense marker in the
    /// clause ("will", "was", "said", "expected", a verb in -ed); at the same distance the one
    /// before wins (the verb a time phrase follows), then a strong one ("will", "was").
    pub(super) fn tense(&self, idx: usize) -> Tense {
        let Some(sentence) = self.doc.sentence_of.get(idx).and_then(|&s| self.doc.sentences.get(s)) else {
            return Tense::Unknown;
        };
        let is_boundary = |token: usize| matches!(self.w(token), ";" | ":" | "—" | "“" | "”" | "\"" | "but");
        // A clause, and at most MAX_REACH tokens either side: a run-on "sentence" of a whole
        // page (a list, a table) must not make each weekday cost the page.
        let first = sentence.start.max(idx.saturating_sub(MAX_REACH));
        let last = sentence.end.min(idx + 1 + MAX_REACH);
        let start = (first..idx).rev().find(|&token| is_boundary(token)).map_or(first, |token| token + 1);
        let end = (idx + 1..last).find(|&token| is_boundary(token)).unwrap_or(last);
        // Tokens of the clause, nearest first.
        let by_distance = |token: &usize| token.abs_diff(idx);
        let mut clause: Vec<usize> = (start..end).filter(|&token| token != idx).collect();
        clause.sort_by_key(by_distance);
        // "as soon as Tuesday", "as soon as trading opened Monday": a time still to come.
        if (start..idx).any(|token| self.w(token) == "as" && self.w(token + 1) == "soon" && self.w(token + 2) == "as") {
            return Tense::Future;
        }
        // "had been due to expire Friday": the past perfect puts the whole clause in the past.
        // Not across a subordinating word that opens a clause of its own: "had not signed an
        // agreement ... when the case is heard in May".
        let opens_clause = |token: usize| matches!(self.w(token), "when" | "if" | "unless" | "once");
        if clause.iter().any(|&token| token < idx && self.w(token) == "had" && !(token..idx).any(opens_clause))
            && !clause.iter().any(|&token| lexicon::is_strong_future_marker(self.w(token)))
        {
            return Tense::Past;
        }
        let marked = |token: usize| {
            let word = self.w(token);
            if self.w(token + 1) == "to" && lexicon::is_future_before_to(word) {
                return Some((0, Tense::Future));
            }
            let strong = if lexicon::is_strong_future_marker(word) {
                Some(Tense::Future)
            } else if lexicon::is_strong_past_marker(word) {
                Some(Tense::Past)
            } else {
                None
            };
            // "to be held on April 24", "when the case is heard in May", "a still unspecified
            // date": a participle after "be", in the present passive or as an adjective is no
            // past.
            let after_be = token > 0
                && matches!(
                    self.w(token - 1),
                    "be" | "being"
                        | "is"
                        | "are"
                        | "am"
                        | "a"
                        | "an"
                        | "the"
                        | "still"
                        | "its"
                        | "their"
                        | "his"
                        | "her"
                );
            // "new markets untouched by the crisis", "a group led by Bank of America": a
            // participle with its agent after a noun is a passive, no finite past.
            let passive_with_agent = self.w(token + 1) == "by" && !lexicon::is_strong_past_marker(word);
            let weak = if lexicon::is_future_marker(word) {
                Some(Tense::Future)
            } else if lexicon::is_past_marker(word) && !after_be && !passive_with_agent {
                Some(Tense::Past)
            } else if lexicon::is_present_marker(word) {
                Some(Tense::Unknown)
            } else {
                None
            };
            strong.map(|tense| (0, tense)).or(weak.map(|tense| (1, tense)))
        };
        clause
            .iter()
            .filter_map(|&token| {
                marked(token).map(|(weakness, tense)| (by_distance(&token), token > idx, weakness, tense))
            })
            .min_by_key(|(distance, is_after, weakness, _)| (*distance, *is_after, *weakness))
            .map_or(Tense::Unknown, |(_, _, _, tense)| tense)
    }
}
