//! Throughput of the named-entity tagger (both stages, features included), in tokens per second,
//! on the project's example articles (a fixed corpus, compiled in), already tokenised: the figure
//! `bench/ner.py` compares with spaCy's.
//!
//! Run with `cargo bench -p sitrep-nlp --bench ner`; criterion prints Kelem/s (tokens).

#![allow(missing_docs)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

mod common;

use common::ARTICLES;

fn tagger(c: &mut Criterion) {
    let model = sitrep_nlp::Model::builtin();
    let documents: Vec<Vec<Vec<&str>>> = ARTICLES.iter().map(|article| sitrep_nlp::sentence_tokens(article)).collect();
    let n_tokens: usize = documents.iter().flatten().map(Vec::len).sum();
    // The corpus must hold names, or the figure measures nothing.
    let n_names: usize = documents.iter().map(|sentences| model.ner().tag_document(sentences).concat().len()).sum();
    assert!(n_names > 50, "{n_names} names in the corpus");

    let mut group = c.benchmark_group("ner");
    group.throughput(Throughput::Elements(n_tokens as u64));
    group.bench_function("tag_document", |b| {
        b.iter(|| documents.iter().map(|sentences| model.ner().tag_document(sentences).len()).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, tagger);
criterion_main!(benches);
