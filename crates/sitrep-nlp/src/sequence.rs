//! What the trained taggers share: exact Viterbi decoding of a linear-chain model over `N`
//! labels, and the pieces of averaged-perceptron training (averaged weights, a seeded shuffle).

/// The best label sequence for `emissions` (`n_tokens * N` scores) given start, end and
/// label-to-label scores (`transitions[previous * N + next]`), minus infinity where a label
/// is not allowed.
pub(crate) fn viterbi<const N: usize>(
    emissions: &[f32],
    start: &[f32],
    end: &[f32],
    transitions: &[f32],
) -> Vec<usize> {
    let n_tokens = emissions.len() / N;
    if n_tokens == 0 {
        return Vec::new();
    }
    let mut back = vec![0u8; n_tokens * N];
    let mut previous_row = [0.0f32; N];
    for (label, slot) in previous_row.iter_mut().enumerate() {
        *slot = start[label] + emissions[label];
    }
    for token_idx in 1..n_tokens {
        // Previous label in the outer loop, so that the inner one runs over a contiguous row of
        // transitions (the compiler vectorises it).
        let mut row = [f32::NEG_INFINITY; N];
        let mut from = [0u8; N];
        for (previous, &previous_score) in previous_row.iter().enumerate() {
            if previous_score == f32::NEG_INFINITY {
                continue;
            }
            let transitions = &transitions[previous * N..(previous + 1) * N];
            for label in 0..N {
                let score = previous_score + transitions[label];
                if score > row[label] {
                    row[label] = score;
                    from[label] = previous as u8;
                }
            }
        }
        let cell = token_idx * N;
        for label in 0..N {
            row[label] += emissions[cell + label];
        }
        back[cell..cell + N].copy_from_slice(&from);
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
