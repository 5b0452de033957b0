//! The weights of the tagger, looked up by feature key: the hottest loop, laid out for the
//! cache. An open-addressing table (linear probing, load at most one quarter, so that most
//! probes end at their first slot) holds for each slot a 32-bit fingerprint of the key and the
//! index of its weight rows, side by side. Each stage's rows are 16-bit integers (times one scale
//! per stage), packed densely in a layer of their own, all layers indexed alike: the second stage
//! reads most of the first stage's features, so one lookup serves both.
//!
//! Most features of a token are unknown to the model (rare words, bigrams) and cost one probe of
//! the slot array; a known one costs one more read, of a 34-byte row. An unknown feature is
//! mistaken for a known one only when their 32-bit fingerprints agree within one probe run:
//! about once in a few billion lookups, far below anything the figures could show.

use rustc_hash::FxHashMap;

/// One feature's weight per label (`N` labels), as the model file stores it: multiples of the
/// layer's scale.
pub(crate) type Row<const N: usize> = [i16; N];

/// One stage's weights before they are laid out: (key, row) pairs and their scale.
pub(crate) struct Layer<const N: usize> {
    pub(crate) entries: Vec<(u64, Row<N>)>,
    pub(crate) scale: f32,
}

impl<const N: usize> Layer<N> {
    /// Float rows quantised to 16 bits with one scale (the largest weight maps to `i16::MAX`),
    /// as the model file stores them.
    pub(crate) fn quantise(entries: Vec<(u64, [f32; N])>) -> Layer<N> {
        let max_weight =
            entries.iter().flat_map(|(_, row)| row.iter()).fold(0.0f32, |max, weight| max.max(weight.abs()));
        let scale = if max_weight > 0.0 { max_weight / f32::from(i16::MAX) } else { 1.0 };
        let entries =
            entries.into_iter().map(|(key, row)| (key, row.map(|weight| (weight / scale).round() as i16))).collect();
        Layer { entries, scale }
    }
}

pub(crate) struct FeatureTable<const N: usize> {
    /// Per slot: the fingerprint (`EMPTY` for none) and the row index.
    slots: Vec<(u32, u32)>,
    /// Full keys of the rows, for writing the table back out.
    keys: Vec<u64>,
    /// Per layer, a row per key (all zero where the layer has no weight for it).
    layers: Vec<Vec<Row<N>>>,
    /// What one unit of a row is worth, per layer.
    scales: Vec<f32>,
    /// 64 minus log2 of the number of slots.
    shift: u32,
}

const EMPTY: u32 = 0;

/// The fingerprint of a key: its high half, never `EMPTY`.
fn fingerprint(key: u64) -> u32 {
    match (key >> 32) as u32 {
        EMPTY => 1,
        other => other,
    }
}

impl<const N: usize> FeatureTable<N> {
    /// A table of the given layers; rows that are all zero are left out, and a key holds a row
    /// in every layer (zero where the layer lacks it). Keys are laid out in order, so the same
    /// layers give the same table.
    pub(crate) fn new(layers: Vec<Layer<N>>) -> FeatureTable<N> {
        let mut index_of: FxHashMap<u64, u32> = FxHashMap::default();
        let mut keys: Vec<u64> = Vec::new();
        for layer in &layers {
            for (key, row) in &layer.entries {
                if row.iter().any(|&weight| weight != 0) && !index_of.contains_key(key) {
                    index_of.insert(*key, keys.len() as u32);
                    keys.push(*key);
                }
            }
        }
        let n_slots = (keys.len() * 4).next_power_of_two().max(16);
        let shift = 64 - n_slots.trailing_zeros();
        let mut table = FeatureTable {
            slots: vec![(EMPTY, 0); n_slots],
            layers: Vec::with_capacity(layers.len()),
            scales: layers.iter().map(|layer| layer.scale).collect(),
            keys: Vec::new(),
            shift,
        };
        for (index, &key) in keys.iter().enumerate() {
            let mut slot = table.slot_of(key);
            while table.slots[slot].0 != EMPTY {
                slot = (slot + 1) & (n_slots - 1);
            }
            table.slots[slot] = (fingerprint(key), index as u32);
        }
        for layer in layers {
            let mut rows = vec![[0i16; N]; keys.len()];
            for (key, row) in layer.entries {
                if let Some(&index) = index_of.get(&key) {
                    rows[index as usize] = row;
                }
            }
            table.layers.push(rows);
        }
        table.keys = keys;
        table
    }

    /// Fibonacci hashing: the high bits of the key times the golden ratio.
    fn slot_of(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// The row index of every key (`u32::MAX` where there is none) into `out`: two passes,
    /// first the slots then the probes, so that the processor has many independent loads of
    /// the slot array in flight instead of one lookup's chain at a time.
    pub(crate) fn find_all(&self, keys: &[u64], out: &mut Vec<u32>) {
        out.clear();
        out.extend(keys.iter().map(|&key| self.slot_of(key) as u32));
        let mask = self.slots.len() - 1;
        for (slot_or_row, &key) in out.iter_mut().zip(keys) {
            let wanted = fingerprint(key);
            let mut slot = *slot_or_row as usize;
            *slot_or_row = loop {
                match self.slots.get(slot) {
                    None | Some(&(EMPTY, _)) => break u32::MAX,
                    Some(&(found, row)) if found == wanted => break row,
                    Some(_) => slot = (slot + 1) & mask,
                }
            };
        }
    }

    /// A layer's rows, indexed as [`FeatureTable::find_all`] gives them (empty for a layer
    /// the table lacks).
    pub(crate) fn layer(&self, layer: usize) -> &[Row<N>] {
        self.layers.get(layer).map_or(&[], Vec::as_slice)
    }

    /// The emission scores of a sentence of `n_tokens` by one layer's weights into `out`
    /// (`n_tokens * N`), summed over groups of features: each group is its tokens' starts
    /// (token `t`'s features are `starts[t]..starts[t + 1]`) and the row indices
    /// [`FeatureTable::find_all`] gave for its keys. Token `t` starts from the sums
    /// `own_sums[own[t]]` of features looked up apart (none where `own` is short or holds an
    /// index past `own_sums`).
    pub(crate) fn emissions(
        &self,
        layer: usize,
        n_tokens: usize,
        groups: &[(&[usize], &[u32])],
        (own, own_sums): (&[u32], &[[i32; N]]),
        out: &mut Vec<f32>,
    ) {
        out.clear();
        out.reserve(n_tokens * N);
        let scale = self.scale(layer);
        let layer_rows = self.layer(layer);
        for token_idx in 0..n_tokens {
            // Integer sums: exact, and the rows stay 16-bit in the cache.
            let mut sums =
                own.get(token_idx).and_then(|&entry| own_sums.get(entry as usize)).copied().unwrap_or([0; N]);
            for (starts, rows) in groups {
                let token_rows = match (starts.get(token_idx), starts.get(token_idx + 1)) {
                    (Some(&start), Some(&end)) => rows.get(start..end).unwrap_or_default(),
                    _ => &[],
                };
                add_rows(&mut sums, layer_rows, token_rows);
            }
            out.extend(sums.map(|sum| sum as f32 * scale));
        }
    }

    /// The sum of one layer's rows of the given indices ([`FeatureTable::find_all`]).
    pub(crate) fn sum_rows(&self, layer: usize, rows: &[u32]) -> [i32; N] {
        let mut sums = [0; N];
        add_rows(&mut sums, self.layer(layer), rows);
        sums
    }

    pub(crate) fn scale(&self, layer: usize) -> f32 {
        self.scales.get(layer).copied().unwrap_or(1.0)
    }

    /// Keys with a row in some layer.
    pub(crate) fn n_keys(&self) -> usize {
        self.keys.len()
    }

    #[cfg(test)]
    pub(crate) fn n_layers(&self) -> usize {
        self.layers.len()
    }

    /// Keys with a non-zero row in `layer`.
    pub(crate) fn len(&self, layer: usize) -> usize {
        self.iter(layer).count()
    }

    /// The keys and non-zero rows of a layer, in key order of first sight.
    pub(crate) fn iter(&self, layer: usize) -> impl Iterator<Item = (u64, &Row<N>)> {
        let rows = self.layers.get(layer).map_or(&[][..], Vec::as_slice);
        self.keys.iter().copied().zip(rows).filter(|(_, row)| row.iter().any(|&weight| weight != 0))
    }
}

/// Adds the rows `rows` of `layer_rows` to `sums`; unknown features (`u32::MAX`) fall outside
/// the layer and add nothing.
fn add_rows<const N: usize>(sums: &mut [i32; N], layer_rows: &[Row<N>], rows: &[u32]) {
    for weights in rows.iter().filter_map(|&row| layer_rows.get(row as usize)) {
        for (sum, &weight) in sums.iter_mut().zip(weights) {
            *sum += i32::from(weight);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const N_LABELS: usize = 17;

    fn row(label: usize, value: i16) -> Row<N_LABELS> {
        let mut row = [0; N_LABELS];
        row[label] = value;
        row
    }

    /// Keys that differ in their high halves, as hashes do.
    fn key(idx: u64) -> u64 {
        idx.wrapping_mul(0x2545_f491_4f6c_dd1d) | 1 << 40
    }

    #[test]
    fn finds_what_it_holds_and_nothing_else() {
        let first: Vec<(u64, Row<N_LABELS>)> = (0..1000u64).map(|idx| (key(idx), row(3, idx as i16 + 1))).collect();
        let second: Vec<(u64, Row<N_LABELS>)> = (500..1500u64).map(|idx| (key(idx), row(4, -(idx as i16)))).collect();
        let zero = (key(5000), [0; N_LABELS]);
        let table = FeatureTable::new(vec![
            Layer { entries: first.iter().copied().chain([zero]).collect(), scale: 0.5 },
            Layer { entries: second.clone(), scale: 0.25 },
        ]);
        assert_eq!((table.len(0), table.len(1), table.n_layers()), (1000, 1000, 2), "the all-zero row is left out");
        let all_keys: Vec<u64> = (0..1500).map(key).chain([key(2000), key(5000)]).collect();
        let mut rows = Vec::new();
        table.find_all(&all_keys, &mut rows);
        for (idx, &index) in rows.iter().enumerate().take(1500) {
            let idx = idx as u64;
            let expected_first = if idx < 1000 { row(3, idx as i16 + 1) } else { [0; N_LABELS] };
            let expected_second = if idx >= 500 { row(4, -(idx as i16)) } else { [0; N_LABELS] };
            assert_eq!(table.layer(0).get(index as usize), Some(&expected_first));
            assert_eq!(table.layer(1).get(index as usize), Some(&expected_second));
        }
        assert_eq!(&rows[1500..], [u32::MAX, u32::MAX]);
        assert_eq!(table.scale(1), 0.25);
    }

    #[test]
    fn quantising_keeps_the_largest_weight_exact() {
        let mut weights = [0.0; N_LABELS];
        weights[0] = -3.0;
        weights[1] = 1.5;
        let layer = Layer::<N_LABELS>::quantise(vec![(1 << 40, weights)]);
        let stored = layer.entries[0].1;
        assert_eq!(f32::from(stored[0]) * layer.scale, -3.0);
        assert!((f32::from(stored[1]) * layer.scale - 1.5).abs() < 1e-4);
    }
}
