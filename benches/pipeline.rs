//! Throughput of each pipeline stage and of the whole `analyze()`, and how it scales.
//!
//! The articles are the DEV pastes and pages of `../shared/data/boilerplate` when that
//! folder is present (read at run time, never copied), else the fixtures in
//! `benches/fixtures/` (an article written for these benchmarks).
//!
//! - `cargo bench --bench pipeline`: divan's tables (time, MB/s, tokens/s).
//! - `COPYDESK_BENCH_JSON=out.json cargo bench --bench pipeline`: instead of divan, a median
//!   of timed passes per figure written as JSON, read by `scripts/bench-table.sh`
//!   (`COPYDESK_BENCH_SMOKE=1` for one quick pass).

use copydesk::{
    analyze, boilerplate, entities, input, provenance, sources, tokens, InputHint, Options, Span,
};
use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The CLI's allocator (src/bin/copydesk.rs), so that native figures are the CLI's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Sizes of the scaling benchmark, in bytes.
const SIZES: [usize; 4] = [10_000, 100_000, 1_000_000, 10_000_000];

struct Corpus {
    /// Where the articles came from ("DEV pastes (73)" or "fixture").
    origin: String,
    texts: Vec<String>,
    pages: Vec<String>,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/fixtures")
}

fn load() -> Corpus {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/boilerplate");
    let mut texts = Vec::new();
    let mut pages = Vec::new();
    if let Ok(dir) = std::fs::read_dir(&shared) {
        let mut ids: Vec<PathBuf> = dir
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        ids.sort();
        for id in ids {
            if let Ok(t) = std::fs::read_to_string(id.join("paste.txt")) {
                texts.push(t);
            }
            if let Ok(h) = std::fs::read_to_string(id.join("source.html")) {
                pages.push(h);
            }
        }
    }
    if texts.is_empty() || pages.is_empty() {
        eprintln!("bench: ../shared/data/boilerplate absent; using benches/fixtures");
        let f = fixtures();
        return Corpus {
            origin: "fixture article".into(),
            texts: vec![std::fs::read_to_string(f.join("article.txt"))
                .expect("benches/fixtures/article.txt")],
            pages: vec![std::fs::read_to_string(f.join("article.html"))
                .expect("benches/fixtures/article.html")],
        };
    }
    if std::env::var_os("COPYDESK_BENCH_SMOKE").is_some() {
        // A smoke run only checks that everything runs: a few articles are enough.
        texts.truncate(3);
        pages.truncate(3);
    }
    Corpus {
        origin: format!("DEV pastes ({}) and pages ({})", texts.len(), pages.len()),
        texts,
        pages,
    }
}

fn corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(load)
}

fn total(v: &[String]) -> usize {
    v.iter().map(String::len).sum()
}

/// Pasted text of about `size` bytes: the articles repeated, a blank line between them.
fn text_of_size(size: usize) -> String {
    let texts = &corpus().texts;
    let mut s = String::with_capacity(size + 100_000);
    let mut i = 0;
    while s.len() < size {
        let t = &texts[i % texts.len()];
        let room = size - s.len();
        if t.len() <= room {
            s.push_str(t);
        } else {
            // Cut the last one at a line break near the size.
            let cut = t[..input::floor_char_boundary(t, room)]
                .rfind('\n')
                .unwrap_or(0);
            if cut == 0 {
                break;
            }
            s.push_str(&t[..cut]);
        }
        s.push_str("\n\n");
        i += 1;
    }
    s
}

/// Every stage's input for one article, computed once.
struct Staged {
    doc: input::Document,
    options: Options,
    /// The boilerplate stage's decisions: the provenance stage's input.
    decided: boilerplate::Decided,
    analysed: Vec<Span>,
    tokenized: tokens::Tokenized,
    found: entities::Found,
}

fn stage(text: &str, hint: InputHint) -> Staged {
    let options = Options {
        input: hint,
        ..Options::default()
    };
    let doc = input::read(text, hint);
    let decided = boilerplate::classify(&doc, &options);
    let analysed: Vec<Span> = decided
        .blocks
        .iter()
        .filter(|b| b.analysed())
        .map(|b| b.span())
        .collect();
    let tokenized = tokens::tokenize(&doc.text, &analysed);
    let found = entities::find(&doc.text, &tokenized);
    Staged {
        doc,
        options,
        decided,
        analysed,
        tokenized,
        found,
    }
}

fn staged() -> &'static Vec<Staged> {
    static S: OnceLock<Vec<Staged>> = OnceLock::new();
    S.get_or_init(|| {
        corpus()
            .texts
            .iter()
            .map(|t| stage(t, InputHint::Text))
            .collect()
    })
}

fn token_count() -> usize {
    staged().iter().map(|s| s.tokenized.tokens.len()).sum()
}

// ---- divan benchmarks ----

fn main() {
    if let Ok(path) = std::env::var("COPYDESK_BENCH_JSON") {
        summary(
            Path::new(&path),
            std::env::var_os("COPYDESK_BENCH_SMOKE").is_some(),
        );
        return;
    }
    eprintln!("bench: articles are {}", corpus().origin);
    divan::main();
}

mod stages {
    use super::*;

    #[divan::bench]
    fn input_read_text(b: Bencher) {
        let c = corpus();
        b.counter(BytesCount::new(total(&c.texts))).bench(|| {
            c.texts
                .iter()
                .map(|t| input::read(black_box(t), InputHint::Text).blocks.len())
                .sum::<usize>()
        });
    }

    #[divan::bench]
    fn input_read_html(b: Bencher) {
        let c = corpus();
        b.counter(BytesCount::new(total(&c.pages))).bench(|| {
            c.pages
                .iter()
                .map(|t| input::read(black_box(t), InputHint::Html).blocks.len())
                .sum::<usize>()
        });
    }

    #[divan::bench]
    fn boilerplate_classify(b: Bencher) {
        let s = staged();
        b.counter(BytesCount::new(total(&corpus().texts)))
            .bench(|| {
                s.iter()
                    .map(|x| {
                        boilerplate::classify(black_box(&x.doc), &x.options)
                            .blocks
                            .len()
                    })
                    .sum::<usize>()
            });
    }

    #[divan::bench]
    fn provenance_gather(b: Bencher) {
        let s = staged();
        b.counter(BytesCount::new(total(&corpus().texts)))
            .bench(|| {
                s.iter()
                    .map(|x| {
                        provenance::gather(
                            black_box(&x.doc.text),
                            &x.decided.blocks,
                            x.decided.metadata.clone(),
                        )
                        .authors
                        .len()
                    })
                    .sum::<usize>()
            });
    }

    #[divan::bench]
    fn tokens_tokenize(b: Bencher) {
        let s = staged();
        b.counter(BytesCount::new(total(&corpus().texts)))
            .counter(ItemsCount::new(token_count()))
            .bench(|| {
                s.iter()
                    .map(|x| {
                        tokens::tokenize(black_box(&x.doc.text), &x.analysed)
                            .tokens
                            .len()
                    })
                    .sum::<usize>()
            });
    }

    #[divan::bench]
    fn entities_find(b: Bencher) {
        let s = staged();
        b.counter(BytesCount::new(total(&corpus().texts)))
            .counter(ItemsCount::new(token_count()))
            .bench(|| {
                s.iter()
                    .map(|x| {
                        entities::find(black_box(&x.doc.text), &x.tokenized)
                            .entities
                            .len()
                    })
                    .sum::<usize>()
            });
    }

    #[divan::bench]
    fn sources_find(b: Bencher) {
        let s = staged();
        b.counter(BytesCount::new(total(&corpus().texts)))
            .counter(ItemsCount::new(token_count()))
            .bench(|| {
                s.iter()
                    .map(|x| sources::find(black_box(&x.doc.text), &x.tokenized, &x.found).len())
                    .sum::<usize>()
            });
    }
}

mod whole {
    use super::*;

    #[divan::bench]
    fn analyze_texts(b: Bencher) {
        let c = corpus();
        let o = Options {
            input: InputHint::Text,
            ..Options::default()
        };
        b.counter(BytesCount::new(total(&c.texts)))
            .counter(ItemsCount::new(token_count()))
            .bench(|| {
                c.texts
                    .iter()
                    .map(|t| analyze(black_box(t), &o).blocks.len())
                    .sum::<usize>()
            });
    }

    #[divan::bench]
    fn analyze_pages(b: Bencher) {
        let c = corpus();
        let o = Options {
            input: InputHint::Html,
            ..Options::default()
        };
        b.counter(BytesCount::new(total(&c.pages))).bench(|| {
            c.pages
                .iter()
                .map(|t| analyze(black_box(t), &o).blocks.len())
                .sum::<usize>()
        });
    }

    /// Short pastes (one paragraph repeated to about 100 B and 1 KB): a cost paid per
    /// document rather than per byte would dominate them. (On the DEV pastes, time per
    /// article fits bytes with no positive intercept: the cost is per byte.)
    #[divan::bench(args = [100, 1_000])]
    fn analyze_short(b: Bencher, size: usize) {
        const PARAGRAPH: &str =
            "The harbour authority said on Monday that the ferry would sail again next week.\n\n";
        let text = PARAGRAPH.repeat(size.div_ceil(PARAGRAPH.len()));
        let o = Options {
            input: InputHint::Text,
            ..Options::default()
        };
        b.counter(BytesCount::new(text.len()))
            .bench(|| analyze(black_box(&text), &o).blocks.len());
    }

    #[divan::bench(args = SIZES, sample_count = 5, sample_size = 1, max_time = 20)]
    fn analyze_scaling(b: Bencher, size: usize) {
        let text = text_of_size(size);
        let o = Options {
            input: InputHint::Text,
            ..Options::default()
        };
        b.counter(BytesCount::new(text.len()))
            .bench(|| analyze(black_box(&text), &o).blocks.len());
    }
}

// ---- the JSON summary read by scripts/bench-table.sh ----

/// Median seconds of `passes` runs of `f` after one warm-up run.
fn median(passes: usize, mut f: impl FnMut() -> usize) -> f64 {
    black_box(f());
    let mut times: Vec<Duration> = (0..passes)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2].as_secs_f64()
}

fn summary(path: &Path, smoke: bool) {
    let c = corpus();
    let s = staged();
    let passes = if smoke { 1 } else { 7 };
    let text_bytes = total(&c.texts) as f64;
    let page_bytes = total(&c.pages) as f64;
    let ot = Options {
        input: InputHint::Text,
        ..Options::default()
    };
    let oh = Options {
        input: InputHint::Html,
        ..Options::default()
    };
    let mbs = |bytes: f64, secs: f64| bytes / secs / 1e6;
    let mut rows: Vec<(String, f64, f64)> = Vec::new(); // (name, MB/s, seconds)
    let mut add = |name: &str, bytes: f64, secs: f64| {
        eprintln!(
            "bench: {name:<28} {:>9.2} MB/s  ({:.2} ms)",
            mbs(bytes, secs),
            secs * 1e3
        );
        rows.push((name.to_string(), mbs(bytes, secs), secs));
    };
    add(
        "input (text)",
        text_bytes,
        median(passes, || {
            c.texts
                .iter()
                .map(|t| input::read(t, InputHint::Text).blocks.len())
                .sum()
        }),
    );
    add(
        "input (html)",
        page_bytes,
        median(passes, || {
            c.pages
                .iter()
                .map(|t| input::read(t, InputHint::Html).blocks.len())
                .sum()
        }),
    );
    add(
        "boilerplate",
        text_bytes,
        median(passes, || {
            s.iter()
                .map(|x| boilerplate::classify(&x.doc, &x.options).blocks.len())
                .sum()
        }),
    );
    add(
        "provenance",
        text_bytes,
        median(passes, || {
            s.iter()
                .map(|x| {
                    provenance::gather(&x.doc.text, &x.decided.blocks, x.decided.metadata.clone())
                        .authors
                        .len()
                })
                .sum()
        }),
    );
    let tok_secs = median(passes, || {
        s.iter()
            .map(|x| tokens::tokenize(&x.doc.text, &x.analysed).tokens.len())
            .sum()
    });
    add("tokens", text_bytes, tok_secs);
    let ent_secs = median(passes, || {
        s.iter()
            .map(|x| entities::find(&x.doc.text, &x.tokenized).entities.len())
            .sum()
    });
    add("entities", text_bytes, ent_secs);
    add(
        "sources",
        text_bytes,
        median(passes, || {
            s.iter()
                .map(|x| sources::find(&x.doc.text, &x.tokenized, &x.found).len())
                .sum()
        }),
    );
    let all_secs = median(passes, || {
        c.texts.iter().map(|t| analyze(t, &ot).blocks.len()).sum()
    });
    add("analyze (text)", text_bytes, all_secs);
    add(
        "analyze (html)",
        page_bytes,
        median(passes, || {
            c.pages.iter().map(|t| analyze(t, &oh).blocks.len()).sum()
        }),
    );
    let fixture = std::fs::read_to_string(fixtures().join("article.txt")).unwrap();
    let fixture_secs = median(if smoke { 3 } else { 51 }, || {
        analyze(&fixture, &ot).blocks.len()
    });
    let mut scaling = Vec::new();
    for size in SIZES.iter().copied().filter(|&n| !smoke || n <= 100_000) {
        let text = text_of_size(size);
        let secs = median(if size >= 10_000_000 { 3 } else { passes }, || {
            analyze(&text, &ot).blocks.len()
        });
        eprintln!(
            "bench: analyze {size:>9} bytes {:>9.2} MB/s",
            mbs(text.len() as f64, secs)
        );
        scaling.push(format!(
            "{{\"bytes\": {}, \"mb_per_s\": {:.3}, \"seconds\": {:.6}}}",
            text.len(),
            mbs(text.len() as f64, secs),
            secs
        ));
    }
    let tokens = token_count() as f64;
    let stages: Vec<String> = rows
        .iter()
        .map(|(n, m, t)| {
            format!("{{\"stage\": \"{n}\", \"mb_per_s\": {m:.3}, \"seconds\": {t:.6}}}")
        })
        .collect();
    let json = format!(
        "{{\n  \"corpus\": \"{}\",\n  \"articles\": {},\n  \"text_bytes\": {},\n  \"page_bytes\": {},\n  \"tokens\": {},\n  \"tokens_per_s\": {:.0},\n  \"tokenize_tokens_per_s\": {:.0},\n  \"fixture_bytes\": {},\n  \"fixture_ms\": {:.4},\n  \"stages\": [\n    {}\n  ],\n  \"scaling\": [\n    {}\n  ]\n}}\n",
        c.origin,
        c.texts.len(),
        text_bytes,
        page_bytes,
        tokens,
        tokens / all_secs,
        tokens / tok_secs,
        fixture.len(),
        fixture_secs * 1e3,
        stages.join(",\n    "),
        scaling.join(",\n    ")
    );
    std::fs::write(path, json).expect("write the bench JSON");
    eprintln!("bench: wrote {}", path.display());
}
