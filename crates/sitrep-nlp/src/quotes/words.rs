//! The word lists and limits the quote rules read, and the small skips over the words they list
//! (datelines, dashes, connectives).

use std::ops::Range;

use crate::doc::Doc;

/// Verbs that report a quotation with their particle or object ("shot back", "went on", "chimed
/// in", "as Cornyn put it"), in the tenses news writes them; without it most of them report
/// nothing.
pub(super) const PHRASAL_CUES: &[(&str, &str)] = &[
    ("fired", "back"),
    ("fires", "back"),
    ("shot", "back"),
    ("shoots", "back"),
    ("hit", "back"),
    ("hits", "back"),
    ("pushed", "back"),
    ("went", "on"),
    ("goes", "on"),
    ("chimed", "in"),
    ("chimes", "in"),
    ("weighed", "in"),
    ("cut", "in"),
    ("broke", "in"),
    ("spoke", "up"),
    ("piped", "up"),
    ("summed", "up"),
    ("pointed", "out"),
    ("points", "out"),
    ("put", "it"),
    ("puts", "it"),
];

/// Whether `verb` (in lower case) and the word after it make one of [`PHRASAL_CUES`]: one
/// lookup of the verb instead of a walk over the list for every token.
pub(super) fn is_phrasal_cue(verb: &str, particle: &str) -> bool {
    static BY_VERB: std::sync::LazyLock<rustc_hash::FxHashMap<&str, Vec<&str>>> = std::sync::LazyLock::new(|| {
        let mut by_verb: rustc_hash::FxHashMap<&str, Vec<&str>> = rustc_hash::FxHashMap::default();
        for &(verb, particle) in PHRASAL_CUES {
            by_verb.entry(verb).or_default().push(particle);
        }
        by_verb
    });
    BY_VERB.get(verb).is_some_and(|particles| particles.contains(&particle))
}

/// Objects of "told" that belong to the cue.
pub(super) const TOLD_OBJECTS: &[&str] = &[
    "reporters",
    "journalists",
    "lawmakers",
    "senators",
    "supporters",
    "members",
    "parliament",
    "me",
    "us",
    "them",
    "him",
    "her",
    "delegates",
    "listeners",
    "viewers",
    "students",
    "crowds",
];

/// Words that may stand between a speaker and the cue ("Rubio recently stated").
pub(super) const ADVERBS: &[&str] = &[
    "also",
    "later",
    "then",
    "again",
    "recently",
    "previously",
    "once",
    "further",
    "had",
    "has",
    "have",
    "would",
    "will",
    "earlier",
    "often",
    "now",
    "too",
    "even",
];

/// Reporting verbs that introduce indirect speech reliably.
pub(super) const INDIRECT_CUES: &[&str] = &[
    "say",
    "said",
    "says",
    "saying",
    "adding",
    "arguing",
    "noting",
    "warning",
    "insisting",
    "claiming",
    "suggesting",
    "stressing",
    "explaining",
    "acknowledging",
    "asked",
    "asks",
    "reported",
    "reports",
    "told",
    "tells",
    "warned",
    "warns",
    "stressed",
    "stresses",
    "insisted",
    "insists",
    "argued",
    "argues",
    "claimed",
    "claims",
    "noted",
    "notes",
    "added",
    "adds",
    "stated",
    "states",
    "emphasized",
    "emphasised",
    "emphasizes",
    "announced",
    "acknowledged",
    "admitted",
    "reiterated",
    "predicted",
    "suggested",
    "explained",
    "confirmed",
    "denied",
    "wrote",
    "clarified",
    "maintained",
    "asserted",
    "conceded",
    "cautioned",
    "declared",
];

/// Words that make a clause subordinate.
pub(super) const SUBORDINATORS: &[&str] =
    &["after", "when", "while", "though", "although", "because", "since", "if", "before", "until", "once", "as"];

/// Past a dash opening a line ("- Bernie Sanders", "—Frank Newport").
pub(super) fn skip_dash(doc: &Doc<'_>, start: usize) -> usize {
    if matches!(doc.word(start), "-" | "—" | "–") { start + 1 } else { start }
}

/// The clause start past an opening connective ("But", "And", "Still,").
pub(super) fn skip_connector(doc: &Doc<'_>, start: usize) -> usize {
    let mut at = start;
    let opens = |lower: &str| CONNECTIVES.contains(&lower) || SUBORDINATORS.contains(&lower);
    while opens(doc.lower(at)) || (at > start && doc.word(at) == ",") {
        at += 1;
    }
    at
}

/// Words that open a clause inside a sentence: a relative pronoun, a conjunction, a
/// subordinator.
pub(super) const CLAUSE_OPENERS: &[&str] = &[
    "which", "that", "who", "whom", "whose", "where", "while", "whereas", "although", "though", "because", "since",
    "when", "if", "as", "and", "but", "or", "so", "yet", "than", "after", "before", "until", "unless", "even",
];

/// Words that open a sentence before its subject.
pub(super) const CONNECTIVES: &[&str] =
    &["but", "and", "still", "yet", "so", "however", "meanwhile", "now", "also", "instead"];

/// Cues that take a clause without "that" ("Reyes said the talks would open"); the others
/// ("declared", "denied", "confirmed") report speech only with "that", since they also take
/// plain objects ("declared an exclusion zone").
pub(super) const BARE_CLAUSE_CUES: &[&str] = &[
    "asked", "asks", "reported", "reports", "say", "said", "says", "told", "tells", "added", "adds", "warned", "warns",
    "insisted", "insists", "argued", "argues", "noted", "notes", "stressed", "stresses", "claimed", "claims",
];

/// Verbs that continue a sentence interrupted by its attribution.
pub(super) const CLAUSE_VERBS: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "should", "can", "may", "might",
    "must", "does", "did", "do", "remains", "remain", "needs", "need", "means", "won't", "isn't", "wasn't",
];

pub(super) fn is_preposition(word: &str) -> bool {
    matches!(
        word,
        "on" | "in"
            | "at"
            | "to"
            | "for"
            | "with"
            | "by"
            | "from"
            | "about"
            | "after"
            | "before"
            | "during"
            | "of"
            | "over"
            | "under"
            | "late"
            | "early"
            | "earlier"
            | "later"
            | "last"
            | "this"
            | "yesterday"
            | "today"
            | "again"
            | "as"
            | "when"
            | "while"
            | "without"
    )
}

/// A dateline opening a paragraph ("Washington:", "GENEVA —", "WASHINGTON (AP) —",
/// "WASHINGTON, Dec. 8 (UPI) —") is not part of what was said.
pub(super) fn skip_dateline(doc: &Doc<'_>, sentence: Range<usize>) -> usize {
    dateline_end(doc, sentence.clone(), false).unwrap_or(sentence.start)
}

/// Past a wire-service dateline only, whose place is written in capitals ("WASHINGTON (AP) —"):
/// where a name before a dash ("Newt Gingrich — ...") must not be mistaken for one.
pub(super) fn skip_wire_dateline(doc: &Doc<'_>, sentence: Range<usize>) -> usize {
    dateline_end(doc, sentence.clone(), true).unwrap_or(sentence.start)
}

/// The token after a paragraph-opening dateline's separator: a few capitalised words before a
/// colon or dash, or (`wire_only`) a place in capitals with a date and an agency.
fn dateline_end(doc: &Doc<'_>, sentence: Range<usize>, wire_only: bool) -> Option<usize> {
    if sentence.start != doc.paragraphs[doc.paragraph_of[sentence.start]].start || !doc.is_capitalised(sentence.start) {
        return None;
    }
    let in_dateline = |idx: usize| {
        let word = doc.word(idx);
        doc.is_capitalised(idx)
            || matches!(word, "," | "(" | ")" | ".")
            || (word.len() <= 4 && word.bytes().all(|b| b.is_ascii_digit()))
    };
    let in_capitals = |idx: usize| {
        let word = doc.word(idx);
        word.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !word.chars().any(char::is_lowercase)
    };
    let limit = sentence.end.min(sentence.start + MAX_DATELINE_TOKENS);
    let separator = (sentence.start + 1..limit).find(|&idx| matches!(doc.word(idx), ":" | "—" | "–"))?;
    let wire = in_capitals(sentence.start) && (sentence.start..separator).all(in_dateline);
    let short = separator - sentence.start <= MAX_SHORT_DATELINE_TOKENS
        && (sentence.start..separator).all(|word| doc.is_capitalised(word) || doc.word(word) == ",");
    (wire || (short && !wire_only)).then_some(separator + 1)
}

/// The longest dateline, in tokens: a place, a date and an agency ("WASHINGTON, Dec. 8 (UPI)").
const MAX_DATELINE_TOKENS: usize = 10;
/// The longest dateline of capitalised words alone ("Washington:", "New York, N.Y. —").
const MAX_SHORT_DATELINE_TOKENS: usize = 4;

/// How long an opening phrase set off by a comma before a clause's subject may be ("Earlier
/// this week,").
pub(super) const MAX_OPENING_PHRASE_TOKENS: usize = 6;

/// Prepositions opening a phrase before a sentence's subject ("Like Corker, Menendez ...",
/// "After meeting Trump, Cruz ..."): whoever the phrase names is not the subject.
pub(super) const ADJUNCT_OPENERS: &[&str] = &[
    "like",
    "unlike",
    "after",
    "before",
    "despite",
    "with",
    "without",
    "in",
    "at",
    "on",
    "during",
    "following",
    "besides",
    "among",
    "amid",
    "for",
    "from",
];

/// Words that open a common noun phrase that can be a speaker.
pub(super) const SPEAKER_DETERMINERS: &[&str] =
    &["the", "a", "an", "one", "another", "some", "several", "his", "her", "their", "its", "this", "that"];

/// The longest such phrase, in tokens.
pub(super) const MAX_NOUN_PHRASE_TOKENS: usize = 8;

/// The longest reporting clause read before its cue, appositions included.
pub(super) const MAX_SPEAKER_CLAUSE_TOKENS: usize = 40;

/// Words that end the noun phrase of a speaker named after the cue.
pub(super) const PHRASE_ENDS: &[&str] = &[
    "who",
    "whose",
    "which",
    "that",
    "in",
    "at",
    "on",
    "during",
    "after",
    "before",
    "while",
    "as",
    "when",
    "from",
    "to",
    "with",
    "about",
    "for",
    "of",
    "referring",
    "adding",
    "noting",
    "pointing",
    "according",
    "last",
    "this",
    "earlier",
    "later",
    "and",
    "but",
    "recently",
    "yesterday",
    "today",
    "tonight",
];

/// The most words a reporting clause after a quotation that ended its sentence runs on past its
/// cue ("she said on Tuesday in a statement").
pub(super) const MAX_AFTER_CUE_WORDS: usize = 5;

/// The longest apposition read between a speaker and their cue, commas included.
pub(super) const MAX_APPOSITION_TOKENS: usize = 12;

/// The most lower-case words between a name and the person it modifies ("Clinton campaign
/// spokesman Brian Fallon").
pub(super) const MAX_MODIFIER_WORDS: usize = 3;

/// Words that may stand between a speaker and the cue: listed auxiliaries and adverbs, and
/// lower-case words in -ly ("strongly").
pub(super) fn is_adverb(word: &str) -> bool {
    ADVERBS.contains(&word) || (word.len() > 4 && word.ends_with("ly") && word.chars().all(|c| c.is_lowercase()))
}
