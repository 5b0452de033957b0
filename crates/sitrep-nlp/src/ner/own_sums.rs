//! The summed weights of a word's own features, kept per thread from one document to the next.
//!
//! About half of a token's features read nothing but the token itself: its word, lower-case
//! form, shape, affixes and length, the document's usual casing of it and whether its sentence
//! is a headline (the templates of [`super::features::Template::is_own`]). Their weights add up
//! to the same integer rows wherever the word comes back, and in news it comes back: across the
//! 610 PolNeAR articles nine tokens in ten that the tagger scores are words it has scored
//! before. So tagging looks those features up once per word, sums their rows for every stage
//! and keeps the sums here; each later occurrence starts its scores from them instead of
//! hashing its affixes and reading a dozen rows from the weight table. Integer sums are exact,
//! so the scores are those of looking every feature up.
//!
//! A word is known by a 64-bit key (its hash, folded with the headline flag and the casing's
//! hash), not by its text: keeping and comparing every word's text took a tenth of the store's
//! time. Two words of one length up to eight bytes never share a key (each step of the hash is
//! a bijection of the word's bytes); any other pair does with a chance of about 2^-64, far
//! below the weight table's own 32-bit fingerprints (`crate::weights::table`).
//!
//! The sums belong to one model: a thread that tags with another model starts afresh, and so
//! does one whose store has grown past [`MAX_WORDS`] (at a document's start, never within one).

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use rustc_hash::FxHashMap;

use crate::ner::label::N_LABELS;
use crate::weights::FeatureTable;

/// Words kept before the store starts afresh: about 12 MB per thread at most (the 610 PolNeAR
/// articles hold about 16,000 distinct words the tagger scores).
const MAX_WORDS: usize = 1 << 16;

/// A stage's integer weights per label, summed over a word's own features.
pub(crate) type Sums = [i32; N_LABELS];

/// A word's identity in the store: its own features read these and nothing else.
#[derive(Clone, Copy)]
pub(crate) struct OwnWord {
    /// The hash of the word (`hash_str`), which the store's key starts from.
    pub(crate) word_hash: u64,
    pub(crate) headline: bool,
    /// The hash of the document's usual casing of the word.
    pub(crate) casing: u64,
}

impl OwnWord {
    fn key(&self) -> u64 {
        crate::ner::fold(crate::ner::fold(self.word_hash, u64::from(self.headline) + 1), self.casing)
    }
}

/// The sums of one model's stages per word seen.
#[derive(Default)]
pub(crate) struct OwnSums {
    /// The model whose weights the sums are of (see [`ModelId`]).
    model: u64,
    /// Entry per key of [`OwnWord::key`].
    index: FxHashMap<u64, u32>,
    /// Per stage, per entry.
    sums: Vec<Vec<Sums>>,
}

impl OwnSums {
    /// Makes the store that of `model` (of `n_stages` stages), emptied if it was another's or
    /// has grown too large.
    fn prepare(&mut self, model: u64, n_stages: usize) {
        if self.model != model || self.sums.len() != n_stages || self.index.len() > MAX_WORDS {
            *self = OwnSums { model, sums: vec![Vec::new(); n_stages], ..OwnSums::default() };
        }
    }

    /// The entry of `word`, if its sums are known.
    pub(crate) fn find(&self, word: &OwnWord) -> Option<u32> {
        self.index.get(&word.key()).copied()
    }

    /// Looks up `keys` (the word's own features) in `table`, sums their rows in every stage
    /// and keeps the sums; returns their entry. `rows` is scratch space.
    pub(crate) fn add(
        &mut self,
        word: &OwnWord,
        keys: &[u64],
        table: &FeatureTable<N_LABELS>,
        rows: &mut Vec<u32>,
    ) -> u32 {
        table.find_all(keys, rows);
        for (stage, stage_sums) in self.sums.iter_mut().enumerate() {
            stage_sums.push(table.sum_rows(stage, rows));
        }
        let entry = self.index.len() as u32;
        self.index.insert(word.key(), entry);
        entry
    }

    /// Stage `stage`'s sums, by entry.
    pub(crate) fn stage(&self, stage: usize) -> &[Sums] {
        self.sums.get(stage).map_or(&[], Vec::as_slice)
    }
}

thread_local! {
    static STORE: RefCell<OwnSums> = RefCell::new(OwnSums::default());
}

/// Runs `work` with this thread's store, made that of `model`.
pub(crate) fn with_store<T>(model: ModelId, n_stages: usize, work: impl FnOnce(&mut OwnSums) -> T) -> T {
    STORE.with_borrow_mut(|store| {
        store.prepare(model.0, n_stages);
        work(store)
    })
}

/// A number no other model loaded by this process has, naming a model's sums in the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ModelId(u64);

impl ModelId {
    pub(crate) fn new() -> ModelId {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        ModelId(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}
