//! Runs the boilerplate stage on the benchmark's DEV pages and prints per-page and mean
//! word F1 (the same measure as `shared/tools/score_boilerplate.py`) and the speed.
//!
//!     cargo run --release --example boilerplate_eval -- text|html [--favor precision|recall]
//!         [--dump ID] [--data DIR]
//!
//! `--dump ID` prints that page's blocks with their decisions.

use copydesk::boilerplate::{self, score};
use copydesk::{input, Favor, InputHint, Options};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args.first().map_or("text", String::as_str).to_string();
    let mut options = Options::default();
    let mut dump = None;
    let mut data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/boilerplate");
    let mut i = 1;
    while i < args.len() {
        match args[i].as_str() {
            "--favor" => {
                options.favor = match args[i + 1].as_str() {
                    "precision" => Favor::Precision,
                    "recall" => Favor::Recall,
                    _ => Favor::Balanced,
                };
                i += 1;
            }
            "--dump" => {
                dump = Some(args[i + 1].clone());
                i += 1;
            }
            "--data" => {
                data = PathBuf::from(&args[i + 1]);
                i += 1;
            }
            a => panic!("unknown argument {a}"),
        }
        i += 1;
    }
    let (file, hint) = if mode == "html" {
        ("source.html", InputHint::Html)
    } else {
        ("paste.txt", InputHint::Text)
    };
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&data)
        .expect("benchmark data")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("truth.txt").is_file())
        .collect();
    pages.sort();
    // Compile the patterns before timing (once per process, not per page).
    let _ = boilerplate::classify(&input::read("warm up", hint), &options);
    let t0 = Instant::now();
    let _ = boilerplate::patterns::get();
    let mut f1s = Vec::new();
    let _ = t0;
    let (mut bytes, mut elapsed) = (0usize, 0.0f64);
    for p in &pages {
        let id = p.file_name().unwrap().to_string_lossy().to_string();
        let src = String::from_utf8_lossy(&std::fs::read(p.join(file)).unwrap()).into_owned();
        let truth =
            String::from_utf8_lossy(&std::fs::read(p.join("truth.txt")).unwrap()).into_owned();
        let t0 = Instant::now();
        let doc = input::read(&src, hint);
        let decided = boilerplate::classify(&doc, &options);
        elapsed += t0.elapsed().as_secs_f64();
        bytes += src.len();
        let mut kept = String::new();
        for b in decided.blocks.iter().filter(|b| b.keep) {
            kept.push_str(&doc.text[b.start..b.end]);
            kept.push('\n');
        }
        let (pr, rc, f1) = score::word_f1(&truth, &kept);
        f1s.push(f1);
        if dump.is_none() {
            println!("{id}\t{pr:.3}\t{rc:.3}\t{f1:.3}");
        }
        if dump.as_deref() == Some(id.as_str()) {
            let truth_words: std::collections::HashSet<String> =
                score::words(&truth).into_iter().collect();
            for (i, b) in decided.blocks.iter().enumerate() {
                let s = &doc.text[b.start..b.end];
                let w = score::words(s);
                let in_truth = w.iter().filter(|x| truth_words.contains(*x)).count();
                let mark = if w.is_empty() || in_truth * 10 >= w.len() * 7 {
                    'T'
                } else {
                    '.'
                };
                let hint = doc.blocks[i]
                    .html
                    .as_ref()
                    .map(|h| {
                        let e =
                            &doc.elements[h.element.min(doc.elements.len() as u32 - 1) as usize];
                        format!(
                            " <{}> {:.60}",
                            h.tag,
                            &doc.names[e.names.0 as usize..e.names.1 as usize]
                        )
                    })
                    .unwrap_or_default();
                println!(
                    "{i:4} {} {mark} {:<14} {:.2} |{}{}",
                    if b.keep { "KEEP" } else { "  - " },
                    format!("{:?}", b.reason),
                    b.confidence,
                    s.chars().take(110).collect::<String>(),
                    hint
                );
            }
            println!("metadata: {:#?}", decided.metadata);
        }
    }
    let mean = f1s.iter().sum::<f64>() / f1s.len().max(1) as f64;
    println!(
        "pages {}  F1_mean {:.4}  F1_median {:.4}  speed {:.1} MB/s ({} bytes in {:.3} s)",
        f1s.len(),
        mean,
        score::median(&f1s),
        bytes as f64 / 1e6 / elapsed.max(1e-9),
        bytes,
        elapsed
    );
}
