//! `train-ner`: trains the name tagger's weights (`src/entities/model.bin`) and scores a
//! model on gold column files. Native only. See `MODEL.md`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(match cli::main() {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("train-ner: {e}\n{}", cli::USAGE);
            2
        }
    });
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use copydesk::entities::tagger::Model;
    use copydesk::entities::train::{self, Columns, Document, Settings, Update};
    use std::path::{Path, PathBuf};
    use std::time::Instant;

    pub const USAGE: &str = "usage:
  train-ner [--data DIR] [--out FILE] [--corpora conll,wikigold,ewt] [--epochs N] [--seed N] [--max-bytes N]
            [--bags N] [--headlines P] [--gazetteer-extra btc-all,wnut] [--dropout P] [--word-dropout P]
            [--lexicon-min N] [--short-docs P] [--clusters FILE] [--level-step N] [--update pa|perceptron] [--dev]
      train (defaults as listed, 3 bags, a title-case headline for 30% of the documents, 30% of
      the documents cut into pieces of 1-5 sentences, passive-aggressive steps after a
      cost-augmented search; --update perceptron for the structured perceptron's); --gazetteer-extra names corpora whose names join the
      gazetteer without being trained on ('' for none); --clusters reads word clusters (default
      src/entities/word-clusters.txt, '' for none); --level-step N keeps every Nth of the 127
      log levels of the weights; --dev scores CoNLL testa and UNER PUD
      after every epoch (with --bags 1) or once
  train-ner --eval GOLD [--uner] [--model FILE] [--pred OUT.jsonl]
      score a model (default: the shipped one) on a gold file; --pred writes score_ner.py JSONL
  train-ner --speed GOLD [--uner] [--model FILE]
      tokens per second of the tagger alone on a gold file's text
  train-ner --cv K [--corpora ...] [--epochs N]
      K-fold cross-validation over the first corpus's documents (the others always train)";

    /// Corpora by name: file under the data folder, columns, sentences per document when
    /// the file has no document marks.
    const CORPORA: &[(&str, &[&str], Columns, usize)] = &[
        ("conll", &["conll2003/eng.train"], Columns::CONLL, 0),
        (
            "wikigold",
            &["wikigold/wikigold.conll.txt"],
            Columns::CONLL,
            0,
        ),
        (
            "ewt",
            &[
                "uner_en_ewt/en_ewt-ud-train.v0-2022-12.iob2",
                "uner_en_ewt/en_ewt-ud-dev.iob2",
            ],
            Columns::UNER,
            0,
        ),
        (
            "ewt-test",
            &["uner_en_ewt/en_ewt-ud-test.iob2"],
            Columns::UNER,
            0,
        ),
        ("btc", &["btc/g.conll"], Columns::CONLL, 1),
        (
            "btc-all",
            &[
                "btc/a.conll",
                "btc/b.conll",
                "btc/e.conll",
                "btc/f.conll",
                "btc/g.conll",
                "btc/h.conll",
            ],
            Columns::CONLL,
            1,
        ),
        (
            "wnut",
            &["wnut17/wnut17train.conll", "wnut17/emerging.dev.conll"],
            Columns::CONLL,
            1,
        ),
    ];

    const TESTA: &str = "conll2003/eng.testa";
    const PUD: &str = "uner_en_pud/en_pud-ud-test.iob2";

    fn read(path: &Path, cols: Columns, per_doc: usize) -> Result<Vec<Document>, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Ok(train::read_corpus(&text, cols, per_doc))
    }

    fn load_model(path: Option<&String>) -> Result<Model, String> {
        match path {
            Some(p) => {
                let bytes = std::fs::read(p).map_err(|e| format!("cannot read {p}: {e}"))?;
                Model::from_bytes(&bytes)
            }
            None => Model::from_bytes(include_bytes!("../entities/model.bin")),
        }
    }

    pub fn main() -> Result<(), String> {
        let argv: Vec<String> = std::env::args().skip(1).collect();
        let mut data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ner");
        let mut out = PathBuf::from("src/entities/model.bin");
        let mut corpora = "conll,wikigold,ewt".to_string();
        let mut settings = Settings {
            verbose: true,
            bags: 3,
            headlines: 0.3,
            short_docs: 0.3,
            ..Settings::default()
        };
        let (mut dev, mut uner) = (false, false);
        let mut cv: Option<usize> = None;
        let mut gaz_extra = "btc-all,wnut".to_string();
        let mut clusters = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/entities/word-clusters.txt")
            .display()
            .to_string();
        let (mut eval, mut speed, mut model, mut pred) = (None, None, None, None);
        let mut it = argv.iter();
        while let Some(a) = it.next() {
            let mut value = || it.next().ok_or(format!("{a} needs a value"));
            match a.as_str() {
                "--data" => data = PathBuf::from(value()?),
                "--out" => out = PathBuf::from(value()?),
                "--corpora" => corpora = value()?.clone(),
                "--epochs" => settings.epochs = value()?.parse().map_err(|_| "bad --epochs")?,
                "--seed" => settings.seed = value()?.parse().map_err(|_| "bad --seed")?,
                "--max-bytes" => {
                    settings.max_bytes = value()?.parse().map_err(|_| "bad --max-bytes")?
                }
                "--level-step" => {
                    settings.level_step = value()?.parse().map_err(|_| "bad --level-step")?
                }
                "--dev" => dev = true,
                "--dropout" => {
                    settings.rare_word_dropout = value()?.parse().map_err(|_| "bad --dropout")?
                }
                "--gazetteer-extra" => gaz_extra = value()?.clone(),
                "--clusters" => clusters = value()?.clone(),
                "--headlines" => {
                    settings.headlines = value()?.parse().map_err(|_| "bad --headlines")?
                }
                "--bags" => settings.bags = value()?.parse().map_err(|_| "bad --bags")?,
                "--short-docs" => {
                    settings.short_docs = value()?.parse().map_err(|_| "bad --short-docs")?
                }
                "--lexicon-min" => {
                    settings.lexicon_min = value()?.parse().map_err(|_| "bad --lexicon-min")?
                }
                "--word-dropout" => {
                    settings.word_dropout = value()?.parse().map_err(|_| "bad --word-dropout")?
                }
                "--update" => {
                    settings.update = match value()?.as_str() {
                        "pa" => Update::PassiveAggressive,
                        "perceptron" => Update::Perceptron,
                        _ => return Err("--update is pa or perceptron".into()),
                    }
                }
                "--cv" => cv = Some(value()?.parse().map_err(|_| "bad --cv")?),
                "--uner" => uner = true,
                "--eval" => eval = Some(value()?.clone()),
                "--speed" => speed = Some(value()?.clone()),
                "--model" => model = Some(value()?.clone()),
                "--pred" => pred = Some(value()?.clone()),
                "-h" | "--help" => {
                    println!("{USAGE}");
                    return Ok(());
                }
                _ => return Err(format!("unknown argument '{a}'")),
            }
        }
        let cols = if uner { Columns::UNER } else { Columns::CONLL };
        if let Some(gold) = eval {
            let m = load_model(model.as_ref())?;
            let docs = read(Path::new(&gold), cols, 0)?;
            let (scores, preds) = train::evaluate(&m, &docs);
            print!("{}", scores.report());
            if let Some(p) = pred {
                write_pred(&p, &docs, &preds)?;
            }
            return Ok(());
        }
        if let Some(gold) = speed {
            return measure_speed(&load_model(model.as_ref())?, Path::new(&gold), cols);
        }

        if !clusters.is_empty() {
            let text = std::fs::read_to_string(&clusters)
                .map_err(|e| format!("cannot read {clusters}: {e}"))?;
            settings.clusters = train::read_clusters(&text)?;
            eprintln!(
                "{clusters}: {} words in {} clusters",
                settings.clusters.words.len(),
                settings.clusters.coarse.len()
            );
        }
        for name in gaz_extra.split(',').filter(|s| !s.is_empty()) {
            let (_, files, cols, per_doc) = CORPORA
                .iter()
                .find(|c| c.0 == name)
                .ok_or(format!("unknown corpus '{name}'"))?;
            for f in *files {
                let mut d = read(&data.join(f), *cols, *per_doc)?;
                // Handles, hashtags and links are no names of the page's text.
                for s in d.iter_mut().flat_map(|d| &mut d.sentences) {
                    let words = &s.words;
                    s.names.retain(|&(a, b, _)| {
                        words[a..b].iter().all(|w| {
                            !w.starts_with(['@', '#']) && !w.contains("://") && !w.contains("www.")
                        })
                    });
                }
                eprintln!("{name}: {f}: {} documents, gazetteer only", d.len());
                settings.gazetteer_extra.extend(d);
            }
        }
        let mut docs = Vec::new();
        let mut first_corpus_docs = None;
        for spec in corpora.split(',').filter(|s| !s.is_empty()) {
            // "ewt*2": the corpus read twice (weighs it more).
            let (name, times) = match spec.split_once('*') {
                Some((n, k)) => (n, k.parse::<usize>().map_err(|_| "bad corpus weight")?),
                None => (spec, 1),
            };
            let (_, files, cols, per_doc) = CORPORA
                .iter()
                .find(|c| c.0 == name)
                .ok_or(format!("unknown corpus '{name}'"))?;
            for f in *files {
                let d = read(&data.join(f), *cols, *per_doc)?;
                eprintln!("{name}: {f}: {} documents x {times}", d.len());
                for _ in 0..times {
                    docs.extend(d.iter().cloned());
                }
            }
            first_corpus_docs.get_or_insert(docs.len());
        }
        if let Some(k) = cv {
            return cross_validate(&docs, first_corpus_docs.unwrap_or(0), k, &settings);
        }
        let dev_sets = if dev {
            vec![
                ("testa", read(&data.join(TESTA), Columns::CONLL, 0)?),
                ("pud", read(&data.join(PUD), Columns::UNER, 0)?),
            ]
        } else {
            Vec::new()
        };
        let start = Instant::now();
        let bytes = train::train(&docs, &settings, |epoch, bytes| {
            for (name, set) in &dev_sets {
                let m = Model::from_bytes(bytes).expect("fresh model parses");
                let (s, _) = train::evaluate(&m, set);
                eprintln!(
                    "  epoch {epoch} {name}: PER/ORG/LOC F1 {:.2} (PER {:.2} ORG {:.2} LOC {:.2} MISC {:.2})",
                    s.headline(),
                    s.micro(&[0]).2,
                    s.micro(&[1]).2,
                    s.micro(&[2]).2,
                    s.micro(&[3]).2
                );
            }
        });
        std::fs::write(&out, &bytes).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
        eprintln!(
            "wrote {} ({} bytes) in {:.1} s",
            out.display(),
            bytes.len(),
            start.elapsed().as_secs_f64()
        );
        Ok(())
    }

    /// Trains `k` models, each without one fold of the first `n_first` documents, and scores
    /// each on its held-out fold.
    fn cross_validate(
        docs: &[Document],
        n_first: usize,
        k: usize,
        settings: &Settings,
    ) -> Result<(), String> {
        let k = k.max(2);
        let mut total = train::Scores::default();
        for fold in 0..k {
            let held: Vec<Document> = (0..n_first)
                .filter(|i| i % k == fold)
                .map(|i| docs[i].clone())
                .collect();
            let rest: Vec<Document> = (0..docs.len())
                .filter(|&i| i >= n_first || i % k != fold)
                .map(|i| docs[i].clone())
                .collect();
            let quiet = Settings {
                verbose: false,
                ..settings.clone()
            };
            let bytes = train::train(&rest, &quiet, |_, _| {});
            let m = Model::from_bytes(&bytes)?;
            let (s, _) = train::evaluate(&m, &held);
            eprintln!(
                "fold {fold}: {} documents held out, PER/ORG/LOC F1 {:.2}",
                held.len(),
                s.headline()
            );
            for (t, c) in total.counts.iter_mut().zip(s.counts) {
                *t = (t.0 + c.0, t.1 + c.1, t.2 + c.2);
            }
        }
        println!("{k}-fold cross-validation, pooled:\n{}", total.report());
        Ok(())
    }

    /// Writes predictions as `score_ner.py` reads them: code-point offsets.
    fn write_pred(
        path: &str,
        docs: &[Document],
        preds: &[Vec<(copydesk::Span, copydesk::EntityType)>],
    ) -> Result<(), String> {
        use std::fmt::Write as _;
        let mut s = String::new();
        for (id, (doc, pred)) in docs.iter().zip(preds).enumerate() {
            let (text, _) = train::unit_text(doc);
            let chars = |b: usize| text[..b].chars().count();
            let es: Vec<String> = pred
                .iter()
                .map(|(sp, t)| {
                    format!(
                        "{{\"start\":{},\"end\":{},\"type\":\"{}\"}}",
                        chars(sp.0),
                        chars(sp.1),
                        t.as_str()
                    )
                })
                .collect();
            let _ = writeln!(s, "{{\"id\":{id},\"entities\":[{}]}}", es.join(","));
        }
        std::fs::write(path, s).map_err(|e| format!("cannot write {path}: {e}"))
    }

    /// CPU time of this thread in seconds (Linux), which a busy shared machine does not
    /// inflate the way it does wall time; wall time elsewhere.
    fn cpu_seconds(wall: Instant) -> f64 {
        std::fs::read_to_string("/proc/thread-self/schedstat")
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
            .map_or_else(|| wall.elapsed().as_secs_f64(), |ns| ns / 1e9)
    }

    fn measure_speed(m: &Model, gold: &Path, cols: Columns) -> Result<(), String> {
        use copydesk::entities::features::Tok;
        use copydesk::entities::tagger::tag_words;
        let docs = read(gold, cols, 0)?;
        let words: Vec<Vec<Vec<&str>>> = docs
            .iter()
            .map(|d| {
                d.sentences
                    .iter()
                    .map(|s| s.words.iter().map(String::as_str).collect())
                    .collect()
            })
            .collect();
        let n: usize = words.iter().flatten().map(Vec::len).sum();
        let start = Instant::now();
        let cpu0 = cpu_seconds(start);
        let mut names = 0;
        let rounds = 5;
        for _ in 0..rounds {
            for d in &words {
                let toks: Vec<Vec<Tok>> = d
                    .iter()
                    .map(|s| s.iter().map(|w| Tok::new(w)).collect())
                    .collect();
                names += tag_words(m, d, &toks).iter().map(Vec::len).sum::<usize>();
            }
        }
        let secs = start.elapsed().as_secs_f64();
        let cpu = cpu_seconds(start) - cpu0;
        println!(
            "{} tokens x {rounds}: {:.0} tokens/s of CPU time ({cpu:.3} s), {:.0} tokens/s of wall time ({secs:.3} s); {} names",
            n,
            (n * rounds) as f64 / cpu,
            (n * rounds) as f64 / secs,
            names / rounds
        );
        let start = Instant::now();
        let cpu0 = cpu_seconds(start);
        let bytes = include_bytes!("../entities/model.bin");
        let shipped = Model::from_bytes(bytes)?;
        println!(
            "shipped model: {} bytes, {} features; parse {:.1} ms CPU, {:.1} ms wall",
            bytes.len(),
            shipped.features,
            (cpu_seconds(start) - cpu0) * 1000.0,
            start.elapsed().as_secs_f64() * 1000.0
        );
        Ok(())
    }
}
