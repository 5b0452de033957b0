//! The weights of a stage, looked up by feature key: the tagger's hottest loop, laid out for
//! the cache. An open-addressing table (linear probing, load at most one quarter, so that most probes end at their first slot) holds for each
//! slot a 32-bit fingerprint of the key and the index of its weight row, side by side; the rows
//! are 16-bit integers (times one scale per table), packed densely. Most features of a token are
//! unknown to the model (rare words, bigrams) and cost one probe of the slot array; a known one
//! costs one more read, of a 34-byte row. An unknown feature is mistaken for a known one only
//! when their 32-bit fingerprints agree within one probe run: about once in a few billion
//! lookups, far below anything the figures could show.

use crate::ner::label::N_LABELS;

/// One feature's weight per label, as the model file stores it: multiples of the table's scale.
pub(crate) type Row = [i16; N_LABELS];

pub(crate) struct FeatureTable {
    /// Per slot: the fingerprint (`EMPTY` for none) and the row index.
    slots: Vec<(u32, u32)>,
    /// Full keys of the rows, for writing the table back out.
    keys: Vec<u64>,
    rows: Vec<Row>,
    /// What one unit of a row is worth.
    scale: f32,
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

impl FeatureTable {
    /// A table of quantised rows; rows that are all zero are left out.
    pub(crate) fn new(entries: impl IntoIterator<Item = (u64, Row)>, scale: f32) -> FeatureTable {
        let entries: Vec<(u64, Row)> =
            entries.into_iter().filter(|(_, row)| row.iter().any(|&weight| weight != 0)).collect();
        let n_slots = (entries.len() * 4).next_power_of_two().max(16);
        let shift = 64 - n_slots.trailing_zeros();
        let mut table = FeatureTable {
            slots: vec![(EMPTY, 0); n_slots],
            keys: Vec::with_capacity(entries.len()),
            rows: Vec::with_capacity(entries.len()),
            scale,
            shift,
        };
        for (key, row) in entries {
            let mut slot = table.slot_of(key);
            while table.slots[slot].0 != EMPTY {
                slot = (slot + 1) & (n_slots - 1);
            }
            table.slots[slot] = (fingerprint(key), table.rows.len() as u32);
            table.keys.push(key);
            table.rows.push(row);
        }
        table
    }

    /// A table of float rows, quantised to 16 bits with one scale (the largest weight maps to
    /// `i16::MAX`), as the model file stores them.
    pub(crate) fn quantise(entries: impl IntoIterator<Item = (u64, [f32; N_LABELS])>) -> FeatureTable {
        let entries: Vec<(u64, [f32; N_LABELS])> = entries.into_iter().collect();
        let max_weight =
            entries.iter().flat_map(|(_, row)| row.iter()).fold(0.0f32, |max, weight| max.max(weight.abs()));
        let scale = if max_weight > 0.0 { max_weight / f32::from(i16::MAX) } else { 1.0 };
        let quantised = entries.into_iter().map(|(key, row)| (key, row.map(|weight| (weight / scale).round() as i16)));
        FeatureTable::new(quantised, scale)
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

    /// The row at an index [`FeatureTable::find_all`] gave.
    pub(crate) fn row(&self, index: u32) -> Option<&Row> {
        self.rows.get(index as usize)
    }

    /// The row of a key.
    #[cfg(test)]
    pub(crate) fn get(&self, key: u64) -> Option<&Row> {
        let wanted = fingerprint(key);
        let mask = self.slots.len() - 1;
        let mut slot = self.slot_of(key);
        loop {
            match *self.slots.get(slot)? {
                (EMPTY, _) => return None,
                (found, row) if found == wanted => return self.rows.get(row as usize),
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    pub(crate) fn scale(&self) -> f32 {
        self.scale
    }

    pub(crate) fn len(&self) -> usize {
        self.rows.len()
    }

    /// The keys and rows, in insertion order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (u64, &Row)> {
        self.keys.iter().copied().zip(&self.rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_it_holds_and_nothing_else() {
        let row = |value: i16| {
            let mut row = [0; N_LABELS];
            row[3] = value;
            row
        };
        // Keys that differ in their high halves, as hashes do.
        let key = |idx: u64| idx.wrapping_mul(0x2545_f491_4f6c_dd1d) | 1 << 40;
        let entries: Vec<(u64, Row)> = (0..1000u64).map(|idx| (key(idx), row(idx as i16 + 1))).collect();
        let table = FeatureTable::new(entries.iter().copied().chain([(key(5000), [0; N_LABELS])]), 0.5);
        assert_eq!(table.len(), 1000, "the all-zero row is left out");
        for (key, expected) in &entries {
            assert_eq!(table.get(*key), Some(expected));
        }
        assert_eq!(table.get(key(2000)), None);
        assert_eq!(table.get(key(5000)), None);
        assert_eq!(table.iter().count(), 1000);
    }

    #[test]
    fn quantising_keeps_the_largest_weight_exact() {
        let mut row = [0.0; N_LABELS];
        row[0] = -3.0;
        row[1] = 1.5;
        let table = FeatureTable::quantise([(1 << 40, row)]);
        let stored = table.get(1 << 40).expect("stored");
        assert_eq!(f32::from(stored[0]) * table.scale(), -3.0);
        assert!((f32::from(stored[1]) * table.scale() - 1.5).abs() < 1e-4);
    }
}
