//! What the trained taggers share: exact Viterbi decoding of a linear-chain model over `N`
//! labels, and its training as a structured averaged perceptron (features numbered into weight
//! rows, a seeded shuffle, averaged weights). Same data, same configuration: the same weights.

/// The best label sequence for `emissions` (`n_tokens * N` scores) given start, end and
/// label-to-label scores (`transitions[previous * N + next]`), minus infinity where a label
/// is not allowed. A token marked in `outside` (which may be empty: none is) takes label 0,
/// whatever its scores, at the cost of one label's step instead of all of them.
pub(crate) fn viterbi<const N: usize>(
    emissions: &[f32],
    start: &[f32],
    end: &[f32],
    transitions: &[f32],
    outside: &[bool],
) -> Vec<usize> {
    let n_tokens = emissions.len() / N;
    if n_tokens == 0 {
        return Vec::new();
    }
    let is_outside = |token_idx: usize| outside.get(token_idx).copied().unwrap_or(false);
    let mut back = vec![0u8; n_tokens * N];
    let mut previous_row = [0.0f32; N];
    for (label, slot) in previous_row.iter_mut().enumerate() {
        *slot = start[label] + emissions[label];
    }
    if is_outside(0) {
        previous_row[1..].fill(f32::NEG_INFINITY);
    }
    for token_idx in 1..n_tokens {
        let cell = token_idx * N;
        let mut row = [f32::NEG_INFINITY; N];
        // As wide as the scores, so that choosing between two previous labels is one mask for
        // both (no packing of the comparison down to bytes); stored as bytes below.
        let mut from = [0u32; N];
        if is_outside(token_idx) && is_outside(token_idx - 1) {
            // Only label 0 reached the token before: the one step is from it (`back` holds
            // label 0 already).
            row[0] = previous_row[0] + transitions[0] + emissions[cell];
            previous_row = row;
            continue;
        }
        if is_outside(token_idx) {
            for (previous, &previous_score) in previous_row.iter().enumerate() {
                let score = previous_score + transitions[previous * N];
                if score > row[0] {
                    row[0] = score;
                    from[0] = previous as u32;
                }
            }
            row[0] += emissions[cell];
            store_back(&mut back[cell..cell + N], &from);
            previous_row = row;
            continue;
        }
        // Previous label in the outer loop, so that the inner one runs over a contiguous row of
        // transitions (the compiler vectorises it; visiting only the pairs the constraints
        // allow, a third of them, takes twice the instructions).
        for (previous, &previous_score) in previous_row.iter().enumerate() {
            if previous_score == f32::NEG_INFINITY {
                continue;
            }
            let transitions = &transitions[previous * N..(previous + 1) * N];
            for label in 0..N {
                let score = previous_score + transitions[label];
                if score > row[label] {
                    row[label] = score;
                    from[label] = previous as u32;
                }
            }
        }
        for label in 0..N {
            row[label] += emissions[cell + label];
        }
        store_back(&mut back[cell..cell + N], &from);
        previous_row = row;
    }
    let mut label = (0..N)
        .max_by(|&a, &b| {
            let score = |label: usize| previous_row[label] + end[label];
            score(a).total_cmp(&score(b)).then(b.cmp(&a))
        })
        .unwrap_or(0);
    let mut labels = vec![0; n_tokens];
    for token_idx in (0..n_tokens).rev() {
        labels[token_idx] = label;
        label = back[token_idx * N + label] as usize;
    }
    labels
}

/// A token's back pointers (previous labels, fewer than 256) as bytes.
fn store_back(back: &mut [u8], from: &[u32]) {
    for (slot, &previous) in back.iter_mut().zip(from) {
        *slot = previous as u8;
    }
}

/// Weights with the time-weighted sum of their updates, for averaging.
pub(crate) struct Averaged {
    pub(crate) current: Vec<f32>,
    weighted_updates: Vec<f64>,
}

impl Averaged {
    pub(crate) fn new(n: usize) -> Averaged {
        Averaged { current: vec![0.0; n], weighted_updates: vec![0.0; n] }
    }

    pub(crate) fn add(&mut self, idx: usize, delta: f32, time: f64) {
        self.current[idx] += delta;
        self.weighted_updates[idx] += f64::from(delta) * time;
    }

    /// The weights averaged over every step so far.
    pub(crate) fn average(&self, time: f64) -> Vec<f32> {
        self.current
            .iter()
            .zip(&self.weighted_updates)
            .map(|(&current, &updates)| (f64::from(current) - updates / time) as f32)
            .collect()
    }
}

/// A small seeded generator (SplitMix64), so that training needs no dependency for shuffling
/// and shuffles alike everywhere.
pub(crate) struct SplitMix64(pub(crate) u64);

impl SplitMix64 {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Fisher–Yates.
pub(crate) fn shuffle(items: &mut [usize], rng: &mut SplitMix64) {
    for idx in (1..items.len()).rev() {
        let other = (rng.next() % (idx as u64 + 1)) as usize;
        items.swap(idx, other);
    }
}

/// One training sentence: its tokens' feature keys (token `t`'s are `keys[starts[t]..starts[t +
/// 1]]`) and gold labels.
pub(crate) struct KeyedSentence {
    pub(crate) keys: Vec<u64>,
    pub(crate) starts: Vec<usize>,
    pub(crate) gold: Vec<usize>,
}

/// One training sentence as rows of the weight table.
pub(crate) struct Example {
    rows: Vec<u32>,
    starts: Vec<usize>,
    gold: Vec<usize>,
}

/// The sentences as weight rows: keys seen at least `min_count` times over all of them, numbered
/// in order of first sight; and the key of each row.
pub(crate) fn number_rows(sentences: Vec<KeyedSentence>, min_count: u32) -> (Vec<Example>, Vec<u64>) {
    let mut counts: rustc_hash::FxHashMap<u64, u32> = rustc_hash::FxHashMap::default();
    for &key in sentences.iter().flat_map(|sentence| &sentence.keys) {
        *counts.entry(key).or_default() += 1;
    }
    let mut row_of: rustc_hash::FxHashMap<u64, u32> = rustc_hash::FxHashMap::default();
    let mut keys = Vec::new();
    let examples = sentences
        .into_iter()
        .map(|sentence| {
            let mut rows = Vec::with_capacity(sentence.keys.len());
            let mut starts = Vec::with_capacity(sentence.gold.len() + 1);
            for token_idx in 0..sentence.gold.len() {
                starts.push(rows.len());
                for &key in &sentence.keys[sentence.starts[token_idx]..sentence.starts[token_idx + 1]] {
                    if counts.get(&key).copied().unwrap_or(0) < min_count {
                        continue;
                    }
                    let row = *row_of.entry(key).or_insert_with(|| {
                        keys.push(key);
                        (keys.len() - 1) as u32
                    });
                    rows.push(row);
                }
            }
            starts.push(rows.len());
            Example { rows, starts, gold: sentence.gold }
        })
        .collect();
    (examples, keys)
}

/// Averaged weights a structured perceptron learnt: `N` per row, and start, end and transition
/// scores.
pub(crate) struct Learnt {
    pub(crate) weights: Vec<f32>,
    pub(crate) start: Vec<f32>,
    pub(crate) end: Vec<f32>,
    pub(crate) transitions: Vec<f32>,
}

/// Trains a linear-chain model over `N` labels (Collins 2002): each epoch visits the examples in
/// an order shuffled by `seed`, decodes each with the current weights and, where the best
/// sequence differs from gold, moves the weights of the tokens and label pairs that differ
/// toward gold. `on_epoch` hears each epoch's number, mislabelled tokens and tokens.
pub(crate) fn train_perceptron<const N: usize>(
    examples: &[Example],
    n_rows: usize,
    epochs: usize,
    seed: u64,
    constraints: &crate::weights::Constraints,
    on_epoch: &mut dyn FnMut(usize, usize, usize),
) -> Learnt {
    let mut weights = Averaged::new(n_rows * N);
    let mut start = Averaged::new(N);
    let mut end = Averaged::new(N);
    let mut transitions = Averaged::new(N * N);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = SplitMix64(seed);
    let mut emissions = Vec::new();
    let mut time = 1.0f64;
    for epoch in 1..=epochs {
        shuffle(&mut order, &mut rng);
        let (mut n_wrong, mut n_tokens) = (0, 0);
        for &example_idx in &order {
            let example = &examples[example_idx];
            let length = example.gold.len();
            if length == 0 {
                continue;
            }
            n_tokens += length;
            emissions.clear();
            emissions.resize(length * N, 0.0f32);
            for token_idx in 0..length {
                let scores = &mut emissions[token_idx * N..(token_idx + 1) * N];
                for &row in &example.rows[example.starts[token_idx]..example.starts[token_idx + 1]] {
                    let row = row as usize * N;
                    for (score, weight) in scores.iter_mut().zip(&weights.current[row..row + N]) {
                        *score += weight;
                    }
                }
            }
            let scores = constraints.apply(&start.current, &end.current, &transitions.current);
            let predicted = viterbi::<N>(&emissions, &scores.start, &scores.end, &scores.transitions, &[]);
            if predicted == example.gold {
                time += 1.0;
                continue;
            }
            for token_idx in 0..length {
                let (gold, guess) = (example.gold[token_idx], predicted[token_idx]);
                if gold != guess {
                    n_wrong += 1;
                    for &row in &example.rows[example.starts[token_idx]..example.starts[token_idx + 1]] {
                        let row = row as usize * N;
                        weights.add(row + gold, 1.0, time);
                        weights.add(row + guess, -1.0, time);
                    }
                }
                if token_idx > 0 {
                    let gold_pair = (example.gold[token_idx - 1], gold);
                    let guess_pair = (predicted[token_idx - 1], guess);
                    if gold_pair != guess_pair {
                        transitions.add(gold_pair.0 * N + gold_pair.1, 1.0, time);
                        transitions.add(guess_pair.0 * N + guess_pair.1, -1.0, time);
                    }
                }
            }
            if example.gold[0] != predicted[0] {
                start.add(example.gold[0], 1.0, time);
                start.add(predicted[0], -1.0, time);
            }
            if example.gold[length - 1] != predicted[length - 1] {
                end.add(example.gold[length - 1], 1.0, time);
                end.add(predicted[length - 1], -1.0, time);
            }
            time += 1.0;
        }
        on_epoch(epoch, n_wrong, n_tokens);
    }
    Learnt {
        weights: weights.average(time),
        start: start.average(time),
        end: end.average(time),
        transitions: transitions.average(time),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three labels; label 2 may not follow label 0.
    fn scores() -> (Vec<f32>, Vec<f32>, Vec<f32>) {
        let mut transitions = vec![0.0; 9];
        transitions[2] = f32::NEG_INFINITY;
        transitions[3 + 1] = 1.0;
        (vec![0.0; 3], vec![0.0; 3], transitions)
    }

    #[test]
    fn decodes_the_best_allowed_sequence() {
        let (start, end, transitions) = scores();
        let emissions = [0.0, 2.0, 0.0, 0.0, 1.0, 3.0, 1.0, 0.0, 0.0];
        assert_eq!(viterbi::<3>(&emissions, &start, &end, &transitions, &[]), vec![1, 2, 0]);
    }

    #[test]
    fn a_token_marked_outside_takes_label_zero_and_the_rest_follow_from_it() {
        let (start, end, transitions) = scores();
        let emissions = [0.0, 2.0, 0.0, 0.0, 1.0, 3.0, 1.0, 0.0, 0.0];
        // Label 2 may not follow the forced 0, so the second token settles for label 1.
        assert_eq!(viterbi::<3>(&emissions, &start, &end, &transitions, &[true, false, false]), vec![0, 1, 0]);
        // Where the unforced best sequence already has label 0, forcing it changes nothing.
        assert_eq!(viterbi::<3>(&emissions, &start, &end, &transitions, &[false, false, true]), vec![1, 2, 0]);
    }
}
