//! Throughput of the quantity and time-expression annotators, in bytes of article text per
//! second, on the project's example articles (a fixed corpus, compiled in).
//!
//! Run with `cargo bench -p sitrep-nlp --bench numbers_and_time`; criterion prints MiB/s.

#![allow(missing_docs)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

mod common;

use common::ARTICLES;

fn annotators(c: &mut Criterion) {
    let n_bytes: usize = ARTICLES.iter().map(|article| article.len()).sum();
    let published = jiff::civil::date(2026, 3, 5);
    // The corpus must exercise both annotators, or the figure measures nothing.
    let n_times: usize = ARTICLES.iter().map(|article| sitrep_nlp::find_times(article, Some(published)).len()).sum();
    let n_quantities: usize = ARTICLES.iter().map(|article| sitrep_nlp::find_quantities(article).len()).sum();
    assert!(n_times > 10 && n_quantities > 10, "{n_times} times and {n_quantities} quantities in the corpus");

    let mut group = c.benchmark_group("numbers_and_time");
    group.throughput(Throughput::Bytes(n_bytes as u64));
    group.bench_function("times", |b| {
        b.iter(|| ARTICLES.iter().map(|article| sitrep_nlp::find_times(article, Some(published)).len()).sum::<usize>())
    });
    group.bench_function("quantities", |b| {
        b.iter(|| ARTICLES.iter().map(|article| sitrep_nlp::find_quantities(article).len()).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, annotators);
criterion_main!(benches);
