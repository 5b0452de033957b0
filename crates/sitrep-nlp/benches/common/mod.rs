//! The benchmarks' fixed corpus: the project's example articles, compiled in.

pub const ARTICLES: &[&str] = &[
    include_str!("../../../../examples/articles/01-geneva-talks-agreed-meridian-post.txt"),
    include_str!("../../../../examples/articles/02-shipping-losses-harbour-daily.txt"),
    include_str!("../../../../examples/articles/03-ferreira-navy-funding-coastal-ledger.txt"),
    include_str!("../../../../examples/articles/04-ferreira-defence-spending-meridian-post.txt"),
    include_str!("../../../../examples/articles/05-kestria-mine-accusation-harbour-daily.txt"),
    include_str!("../../../../examples/articles/06-deal-within-reach-coastal-ledger.txt"),
    include_str!("../../../../examples/articles/07-strait-corridor-agreed-meridian-post.txt"),
];
