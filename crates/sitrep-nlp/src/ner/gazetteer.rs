//! Name lists as tagger features: for each token, which lists a phrase covering it belongs to
//! and where the token stands in that phrase (B, I, L, or U for a one-word phrase). The lists
//! are the project's word lists (`data/`) and the gazetteers made from registry packages
//! (`data/gazetteers/`, see its README); none comes from the training data.

use rustc_hash::FxHashMap as HashMap;

use crate::lexicon::Lexicon;
use crate::ner::features::{fold, lower_hash};
use crate::ner::label::position_name;
use sitrep_model::EntityType;

/// Lists of phrases, each a run of lower-case words.
#[derive(Debug)]
pub(crate) struct Gazetteer {
    /// Every phrase, and every phrase's opening words short of the whole (its first word, its
    /// first two words, ...), so that a phrase is extended only while some listed one goes on;
    /// each by its [`phrase_key`], so that a sentence is matched on the hashes of its words
    /// (computed once for all the tagger's features) without building a string per phrase.
    phrases: HashMap<u64, Phrase>,
}

/// The key of a phrase: the hashes of its lower-case words ([`hash_str`]) folded in order, one
/// word at a time, so that each word of a sentence extends the key of the words before it.
fn phrase_key(before: Option<u64>, word_hash: u64) -> u64 {
    fold(before.unwrap_or(PHRASE_SEED), word_hash)
}

const PHRASE_SEED: u64 = 0x517c_c1b7_2722_0a95;

/// What the lists say of a run of words.
#[derive(Debug, Default)]
struct Phrase {
    /// The names of the lists holding it as a phrase (none for an opening alone).
    lists: Vec<&'static str>,
    /// Whether a listed phrase goes on past it.
    goes_on: bool,
}

/// The (token, list, position) of every phrase token found, in order of phrase start.
pub(crate) type GazetteerMatches = Vec<(usize, &'static str, &'static str)>;

/// The lists made from registry packages, by the name their features carry.
const PACKAGED_LISTS: &[(&str, &str)] = &[
    ("first", include_str!("../../data/gazetteers/first_names.txt")),
    ("surname", include_str!("../../data/gazetteers/surnames.txt")),
    ("country", include_str!("../../data/gazetteers/countries.txt")),
    ("region", include_str!("../../data/gazetteers/regions.txt")),
    ("city", include_str!("../../data/gazetteers/cities.txt")),
    ("language", include_str!("../../data/gazetteers/languages.txt")),
];

impl Gazetteer {
    /// The lists built into the binary: the lexicon's and the packaged ones.
    pub(crate) fn builtin(lexicon: &Lexicon) -> Gazetteer {
        let mut gazetteer = Gazetteer { phrases: HashMap::default() };
        for (surface, known) in &lexicon.names {
            let list = if known.entity_type == EntityType::Org { "org" } else { "place" };
            gazetteer.add(list, surface);
        }
        let word_lists: [(&'static str, &rustc_hash::FxHashSet<String>); 5] = [
            ("title", &lexicon.titles),
            ("orgword", &lexicon.org_words),
            ("placehead", &lexicon.place_heads),
            ("placelead", &lexicon.place_leads),
            ("polity", &lexicon.polity_words),
        ];
        for (list, words) in word_lists {
            for word in words {
                gazetteer.add(list, word);
            }
        }
        for demonym in lexicon.demonyms.keys() {
            gazetteer.add("demonym", demonym);
        }
        for name in lexicon.given_names.keys() {
            gazetteer.add("given", name);
        }
        for (list, text) in PACKAGED_LISTS {
            for line in text.lines().filter(|line| !line.is_empty() && !line.starts_with('#')) {
                gazetteer.add(list, line.trim());
            }
        }
        for phrase in gazetteer.phrases.values_mut() {
            phrase.lists.sort_unstable();
            phrase.lists.dedup();
        }
        gazetteer
    }

    fn add(&mut self, list: &'static str, phrase: &str) {
        let mut lower = String::new();
        let mut key = None;
        for word in phrase.split_whitespace() {
            if let Some(opening) = key {
                self.phrases.entry(opening).or_default().goes_on = true;
            }
            key = Some(phrase_key(key, lower_hash(word, &mut lower)));
        }
        if let Some(key) = key {
            self.phrases.entry(key).or_default().lists.push(list);
        }
    }

    /// The matches in a sentence given by the hashes of its lower-case words ([`hash_str`]).
    /// Each list takes the longest phrase at a start, and a phrase starts only after the list's
    /// previous one ended.
    pub(crate) fn matches(&self, lower_hashes: &[u64]) -> GazetteerMatches {
        let mut matches: GazetteerMatches = Vec::new();
        // Few lists: a vector beats a map here.
        let mut covered_until: Vec<(&'static str, usize)> = Vec::new();
        // The phrases found at a start, by their number of words.
        let mut found: Vec<(usize, &Vec<&'static str>)> = Vec::new();
        for start in 0..lower_hashes.len() {
            found.clear();
            let mut key = None;
            for (idx, &word_hash) in lower_hashes[start..].iter().enumerate() {
                let phrase = phrase_key(key, word_hash);
                key = Some(phrase);
                let Some(entry) = self.phrases.get(&phrase) else { break };
                if !entry.lists.is_empty() {
                    found.push((idx + 1, &entry.lists));
                }
                if !entry.goes_on {
                    break;
                }
            }
            // Longest first: each list takes the longest phrase at a start.
            for &(n_words, lists) in found.iter().rev() {
                for &list in lists {
                    match covered_until.iter_mut().find(|(covered, _)| *covered == list) {
                        Some((_, end)) if *end > start => continue,
                        Some((_, end)) => *end = start + n_words,
                        None => covered_until.push((list, start + n_words)),
                    }
                    for offset in 0..n_words {
                        matches.push((start + offset, list, position_name(offset, n_words)));
                    }
                }
            }
        }
        matches
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::features::hash_str;

    #[test]
    fn longest_phrase_per_list() {
        let gazetteer = Gazetteer::builtin(&Lexicon::builtin());
        let words = ["in", "new", "york", ",", "mary", "smith"].map(hash_str);
        let matches = gazetteer.matches(&words);
        assert!(matches.contains(&(1, "region", "B")) && matches.contains(&(2, "region", "L")), "{matches:?}");
        assert!(matches.contains(&(4, "first", "U")), "{matches:?}");
        assert!(matches.contains(&(5, "surname", "U")), "{matches:?}");
        assert!(!matches.iter().any(|&(token, _, _)| token == 0));
    }

    #[test]
    fn a_phrase_is_matched_whole_on_its_lower_case_words() {
        let gazetteer = Gazetteer::builtin(&Lexicon::builtin());
        let region = |words: &[&str]| {
            let mut buffer = String::new();
            let hashes: Vec<u64> = words.iter().map(|word| lower_hash(word, &mut buffer)).collect();
            gazetteer.matches(&hashes).into_iter().filter(|&(_, list, _)| list == "region").collect::<Vec<_>>()
        };
        assert_eq!(region(&["NEW", "YORK"]), [(0, "region", "B"), (1, "region", "L")]);
        // "new" opens "new york" and "new south wales" but is no region alone.
        assert_eq!(region(&["new", "wales"]), [(1, "region", "U")]);
        assert_eq!(region(&["new", "south", "wales"]).len(), 3);
    }
}
