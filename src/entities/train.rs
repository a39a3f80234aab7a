//! Training and evaluation of the name tagger (native only; never in the page).
//!
//! Reads column-format corpora (CoNLL-2003, UNER, wikigold, BTC), trains the averaged
//! perceptron of [`super::features`] and writes the compact model file that
//! [`super::tagger::Model::from_bytes`] reads. The gazetteer features of a training
//! document come from the names of the *other* folds, so the model learns how far to trust
//! a gazetteer hit on a name it has not memorised; corpora that are not trained on (tweets,
//! whose names are still names) may add to every fold's gazetteer. Several perceptrons
//! ("bags"), each with its own folds and order, are averaged into the shipped weights.
//! Everything is seeded: the same data and options give the same bytes.
//!
//! [`evaluate`] scores a model the way `score_ner.py` does: each document's text is its
//! sentences joined by line breaks and its tokens by spaces; that text goes through our
//! tokenizer and tagger; a predicted span is snapped out to the gold tokens it overlaps and
//! counts only with the exact gold span and type.

use super::features::{
    all_caps, cluster_id_bits, cluster_key, context_features, headline_case, history_features,
    lexicon_key, search_with_cost, sentence_features, seq_key, tags_of, transition_feature,
    viterbi_with, Case, DocCasing, Gazetteer, History, KeyMap, Lattice, Scratch, SentenceFeatures,
    Tok, Transitions, Weights, WordClusters, LEX_LOWER, LEX_MOSTLY_CAPITALISED, N_TAGS, START,
    TYPES, WORD_IDENTITY,
};
use super::tagger::{Levels, Model, MAGIC};
use crate::model::{EntityType, Span};
use std::fmt::Write as _;

/// One sentence of a corpus: its words and names (first token, end token, type index).
#[derive(Debug, Clone)]
pub struct Sentence {
    pub words: Vec<String>,
    pub names: Vec<(usize, usize, usize)>,
}

/// One document: sentences that share casing and name history.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub sentences: Vec<Sentence>,
}

/// Where the token and the tag are in a corpus line.
#[derive(Debug, Clone, Copy)]
pub struct Columns {
    pub token: usize,
    /// `None`: the last column.
    pub tag: Option<usize>,
}

impl Columns {
    pub const CONLL: Columns = Columns {
        token: 0,
        tag: None,
    };
    pub const UNER: Columns = Columns {
        token: 1,
        tag: Some(2),
    };
}

/// The type index of a corpus tag's type, or `None` for types we do not learn.
fn type_index(t: &str) -> Option<usize> {
    let ty = match t.to_ascii_uppercase().as_str() {
        "PER" | "PERSON" => EntityType::Person,
        "ORG" | "ORGANIZATION" | "ORGANISATION" | "CORPORATION" => EntityType::Org,
        "LOC" | "LOCATION" | "GPE" => EntityType::Location,
        "MISC" | "OTH" => EntityType::Misc,
        _ => return None,
    };
    TYPES.iter().position(|&x| x == ty)
}

/// Reads names from IOB1, IOB2 or IOBES tags the way conlleval does.
fn chunks(tags: &[String]) -> Vec<(usize, usize, usize)> {
    let parse = |t: &str| -> (char, Option<usize>) {
        if t == "O" || t.len() < 3 {
            return ('O', None);
        }
        let (p, ty) = t.split_at(1);
        match type_index(&ty[1..]) {
            Some(i) => (p.chars().next().unwrap_or('O'), Some(i)),
            None => ('O', None),
        }
    };
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut prev: (char, Option<usize>) = ('O', None);
    for (i, t) in tags.iter().enumerate() {
        let cur = parse(t);
        let starts = match cur {
            (_, None) => false,
            ('B' | 'S' | 'U', _) => true,
            (_, ty) => prev.1 != ty || matches!(prev.0, 'E' | 'L' | 'S' | 'U'),
        };
        if let Some((s, ty)) = open {
            if starts || cur.1.is_none() {
                out.push((s, i, ty));
                open = None;
            }
        }
        if starts {
            open = cur.1.map(|ty| (i, ty));
        }
        if matches!(cur.0, 'E' | 'L' | 'S' | 'U') {
            if let Some((s, ty)) = open.take() {
                out.push((s, i + 1, ty));
            }
        }
        prev = cur;
    }
    if let Some((s, ty)) = open {
        out.push((s, tags.len(), ty));
    }
    out
}

/// Reads a column corpus: `-DOCSTART-` or `# newdoc` start a document, a blank line ends
/// a sentence, other `#` lines are comments. Without document marks every
/// `sentences_per_doc` sentences make a document (0: one document).
pub fn read_corpus(text: &str, cols: Columns, sentences_per_doc: usize) -> Vec<Document> {
    let mut docs = vec![Document::default()];
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let mut marked = false;
    let flush = |docs: &mut Vec<Document>, words: &mut Vec<String>, tags: &mut Vec<String>| {
        if !words.is_empty() {
            let names = chunks(tags);
            docs.last_mut()
                .expect("a document")
                .sentences
                .push(Sentence {
                    words: std::mem::take(words),
                    names,
                });
            tags.clear();
        }
    };
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.starts_with("-DOCSTART-") || line.starts_with("# newdoc") {
            flush(&mut docs, &mut words, &mut tags);
            marked = true;
            if !docs.last().expect("a document").sentences.is_empty() {
                docs.push(Document::default());
            }
            continue;
        }
        if line.starts_with('#') && cols.token > 0 {
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut docs, &mut words, &mut tags);
            if !marked
                && sentences_per_doc > 0
                && docs.last().expect("a document").sentences.len() >= sentences_per_doc
            {
                docs.push(Document::default());
            }
            continue;
        }
        let parts: Vec<&str> = if line.contains('\t') {
            line.split('\t').collect()
        } else {
            line.split_whitespace().collect()
        };
        let tag = match cols.tag {
            Some(i) => parts.get(i),
            None => parts.last(),
        };
        if let (Some(w), Some(t)) = (parts.get(cols.token), tag) {
            words.push(w.to_string());
            tags.push(t.to_string());
        }
    }
    flush(&mut docs, &mut words, &mut tags);
    docs.retain(|d| !d.sentences.is_empty());
    docs
}

/// Builds a gazetteer from the names of `docs` (names of up to six words) and the world's
/// places, and the lexicon of how their text writes words (words written in lower case at
/// least `lexicon_min` times; none for 0), and the names of `extra` (not in the lexicon:
/// tweets write names in lower case).
pub fn gazetteer<'a>(
    docs: impl Iterator<Item = &'a Document>,
    extra: &[Document],
    lexicon_min: u32,
) -> Gazetteer {
    let mut g = Gazetteer::default();
    // Per lexicon key: (lower case, capitalised within a sentence).
    let mut casing: KeyMap<u32, (u32, u32)> = KeyMap::default();
    for (d, in_lexicon) in docs
        .map(|d| (d, true))
        .chain(extra.iter().map(|d| (d, false)))
    {
        for s in &d.sentences {
            if lexicon_min > 0 && in_lexicon {
                let toks: Vec<Tok> = s.words.iter().map(|w| Tok::new(w)).collect();
                if !all_caps(&toks) && !headline_case(&toks) {
                    for (i, t) in toks.iter().enumerate() {
                        let c = casing.entry(lexicon_key(t.key)).or_default();
                        match t.case {
                            Case::Lower => c.0 += 1,
                            Case::Title | Case::Mixed if i > 0 => c.1 += 1,
                            _ => {}
                        }
                    }
                }
            }
            for &(a, b, ty) in &s.names {
                if b - a > 6 {
                    continue;
                }
                let keys: Vec<u64> = s.words[a..b]
                    .iter()
                    .map(|w| super::features::word_key(w))
                    .collect();
                *g.entries.entry(seq_key(&keys)).or_default() |= 1 << ty;
                g.max_len = g.max_len.max(b - a);
                if TYPES[ty] == EntityType::Person && b - a >= 2 {
                    // "Sergei" and "Naryshkin" alone: a first name and a surname.
                    *g.entries.entry(seq_key(&keys[..1])).or_default() |= FIRST_NAME;
                    *g.entries
                        .entry(seq_key(&keys[keys.len() - 1..]))
                        .or_default() |= SURNAME;
                }
            }
        }
    }
    let lists = [
        (super::places::WORLD_PLACES, WORLD_PLACE),
        (super::places::WORLD_DEMONYMS, WORLD_DEMONYM),
    ];
    for (list, bit) in lists {
        for name in list {
            let keys: Vec<u64> = name.split(' ').map(super::features::word_key).collect();
            *g.entries.entry(seq_key(&keys)).or_default() |= bit;
            g.max_len = g.max_len.max(keys.len());
        }
    }
    for (k, (lower, capitalised)) in casing {
        if lexicon_min > 0 && lower >= lexicon_min {
            let class = if capitalised >= lower {
                LEX_MOSTLY_CAPITALISED
            } else {
                LEX_LOWER
            };
            g.lexicon.insert(k, class);
        }
    }
    g
}

/// Reads word clusters from lines `FINE COARSE WORD WORD …` (fine and coarse cluster
/// numbers from 0, then the cluster's words; `#` opens a comment line). The words are
/// kept by [`cluster_key`] only.
pub fn read_clusters(text: &str) -> Result<WordClusters, String> {
    let mut c = WordClusters::default();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let bad = || format!("word clusters, line {}: expected FINE COARSE WORD…", n + 1);
        let mut it = line.split(' ');
        let fine: usize = it.next().and_then(|f| f.parse().ok()).ok_or_else(bad)?;
        let coarse: u8 = it.next().and_then(|f| f.parse().ok()).ok_or_else(bad)?;
        if fine >= 1024 {
            return Err(format!(
                "word clusters, line {}: at most 1024 clusters",
                n + 1
            ));
        }
        if c.coarse.len() <= fine {
            c.coarse.resize(fine + 1, 0);
        }
        c.coarse[fine] = coarse;
        for w in it.filter(|w| !w.is_empty()) {
            c.words
                .insert(cluster_key(super::features::word_key(w)), fine as u16 + 1);
        }
    }
    Ok(c)
}

/// The gazetteer bits of [`super::places`]' lists, apart from the corpus types so that the
/// model weighs the sources separately.
const WORLD_PLACE: u8 = 1 << 4;
const WORLD_DEMONYM: u8 = 1 << 5;
/// Bits of the first and last words of the corpora's person names.
const FIRST_NAME: u8 = 1 << 6;
const SURNAME: u8 = 1 << 7;

/// Training settings.
#[derive(Debug, Clone)]
pub struct Settings {
    pub epochs: usize,
    pub seed: u64,
    /// Folds for the gazetteer features of the training documents.
    pub folds: usize,
    /// Largest model file, in bytes; the weakest features are dropped to fit.
    pub max_bytes: usize,
    /// Weights use every `level_step`-th of the 127 levels of the log scale ([`encode`]).
    pub level_step: u8,
    /// Print progress to stderr.
    pub verbose: bool,
    /// How often a once-seen word's identity features are hidden in training.
    pub rare_word_dropout: f64,
    /// How often any word's identity features are hidden in training.
    pub word_dropout: f64,
    /// Documents whose names join the gazetteer (of every fold and of the model) without
    /// being trained on.
    pub gazetteer_extra: Vec<Document>,
    /// The share of training documents given a title-case headline (see [`with_headline`]).
    pub headlines: f64,
    /// Perceptrons trained with different seeds and averaged.
    pub bags: usize,
    /// The share of training documents cut into pieces of one to five sentences.
    pub short_docs: f64,
    /// A word joins the lexicon of casings when the text writes it in lower case this many
    /// times (0: no lexicon).
    pub lexicon_min: u32,
    /// Word clusters the features read (none: empty).
    pub clusters: WordClusters,
    /// How the weights learn from a sentence they tag wrong.
    pub update: Update,
}

/// How the weights learn from a sentence the current weights tag wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Update {
    /// The structured perceptron (Collins 2002): one step up for the features of the gold
    /// tags, one down for those of the predicted tags.
    Perceptron,
    /// Passive-aggressive steps after a cost-augmented search (Crammer et al. 2006; the
    /// search as in Taskar et al.'s max-margin training). The prediction learnt from is the
    /// tag sequence that scores best *plus* its cost against the gold tags ([`tag_cost`]),
    /// so a sentence is learnt from until its gold tags lead every other sequence by that
    /// sequence's cost, not merely lead it; the step is the smallest that would make the
    /// gold tags lead this one by its cost: τ = (cost − (score(gold) − score(pred))) / ‖Δφ‖²,
    /// where Δφ counts each (feature, tag) of the gold tags minus the predicted ones.
    PassiveAggressive,
}

/// What a tag costs at a token whose gold tag is `gold`, in [`Update::PassiveAggressive`]'s
/// search: 0 if right; 1 for a token put in a name wrongly or left out of one; 2 for a name's
/// token given another type or another place in the name. Span F1 counts a name found
/// with the wrong type or boundary twice (a false positive and a false negative) and a
/// missed or invented name once. (Against 1 for all three, one model each, seeds 11–16:
/// testa 94.92 → 95.05, PUD 73.24 → 73.62; MODEL.md.)
fn tag_cost(gold: u8, tag: u8) -> i32 {
    if gold == tag {
        0
    } else if gold == 0 || tag == 0 {
        1
    } else {
        2
    }
}

/// Weight units of one unit of [`tag_cost`] in [`Update::PassiveAggressive`]: the steps are
/// integers (the perceptron's weights are), rounded from τ in these units (τ is typically
/// a few dozen of them, so rounding moves a step by about 1%).
const PA_SCALE: i64 = 4096;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            epochs: 10,
            seed: 2003,
            folds: 5,
            max_bytes: 620_000,
            level_step: 8,
            verbose: false,
            rare_word_dropout: 0.9,
            word_dropout: 0.0,
            gazetteer_extra: Vec::new(),
            bags: 1,
            headlines: 0.0,
            lexicon_min: 1,
            short_docs: 0.0,
            clusters: WordClusters::default(),
            update: Update::PassiveAggressive,
        }
    }
}

/// A sentence ready for training: its tokens, static features and gold tags.
struct Prepared {
    toks: Vec<Tok>,
    feats: SentenceFeatures,
    gold: Vec<u8>,
}

/// The weights being learned (by either [`Update`]): current and summed-over-time, one
/// row per feature, allocated when a feature is first updated.
struct Perceptron {
    index: KeyMap<u32, u32>,
    w: Vec<i32>,
    /// Sum of `time * update`, for averaging: average = w - u / time.
    u: Vec<i64>,
    time: i64,
}

impl Weights for Perceptron {
    #[inline]
    fn add(&self, f: u32, scores: &mut [i32; N_TAGS]) {
        if let Some(&r) = self.index.get(&f) {
            let r = r as usize * N_TAGS;
            for (s, &w) in scores.iter_mut().zip(&self.w[r..r + N_TAGS]) {
                *s += w;
            }
        }
    }
}

impl Perceptron {
    fn update(&mut self, f: u32, tag: u8, d: i32) {
        let next = self.index.len() as u32;
        let r = *self.index.entry(f).or_insert(next) as usize;
        if r == self.w.len() / N_TAGS {
            self.w.extend([0; N_TAGS]);
            self.u.extend([0; N_TAGS]);
        }
        let i = r * N_TAGS + tag as usize;
        self.w[i] += d;
        self.u[i] += self.time * d as i64;
    }

    /// The current weight of feature `f` for `tag`.
    fn get(&self, f: u32, tag: u8) -> i32 {
        self.index
            .get(&f)
            .map_or(0, |&r| self.w[r as usize * N_TAGS + tag as usize])
    }

    /// Learns from one sentence tagged `pred` instead of `gold`: `delta` holds Δφ (see
    /// [`differences`]), `cost` the prediction's total [`tag_cost`].
    fn learn(&mut self, update: Update, delta: &KeyMap<u64, i32>, cost: i64) {
        let step = match update {
            Update::Perceptron => 1,
            Update::PassiveAggressive => {
                let (mut margin, mut norm) = (0i64, 0i64);
                for (&k, &d) in delta {
                    margin += d as i64 * self.get((k >> 8) as u32, k as u8) as i64;
                    norm += (d * d) as i64;
                }
                if norm == 0 {
                    return;
                }
                // The search maximised score + cost, so cost·scale − margin ≥ 0.
                ((cost * PA_SCALE - margin) as f64 / norm as f64).round() as i32
            }
        };
        if step > 0 {
            for (&k, &d) in delta {
                self.update((k >> 8) as u32, k as u8, d * step);
            }
        }
    }

    fn averaged(&self) -> Vec<(u32, [f32; N_TAGS])> {
        let t = self.time.max(1) as f64;
        let mut out: Vec<(u32, [f32; N_TAGS])> = self
            .index
            .iter()
            .map(|(&f, &r)| {
                let r = r as usize * N_TAGS;
                let mut row = [0f32; N_TAGS];
                for (k, x) in row.iter_mut().enumerate() {
                    *x = (self.w[r + k] as f64 - self.u[r + k] as f64 / t) as f32;
                }
                (f, row)
            })
            .collect();
        out.sort_by_key(|&(f, _)| f);
        out
    }
}

/// A small seeded generator (xorshift64*), for shuffling.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Features of a sentence for training. The word-identity features of a word seen once
/// in the training data are dropped with probability `settings.rare_word_dropout`: at
/// run time most names are words the model never saw, and it must learn to read them from
/// their shape and context rather than lean on memorised words.
fn prepare(
    doc: &Document,
    gaz: &Gazetteer,
    scratch: &mut Scratch,
    counts: &KeyMap<u64, u32>,
    dropout: f64,
    word_dropout: f64,
    rng: &mut Rng,
) -> Vec<Prepared> {
    let words: Vec<Vec<&str>> = doc
        .sentences
        .iter()
        .map(|s| s.words.iter().map(String::as_str).collect())
        .collect();
    let toks: Vec<Vec<Tok>> = words
        .iter()
        .map(|s| s.iter().map(|w| Tok::new(w)).collect())
        .collect();
    let casing = DocCasing::new(&toks);
    doc.sentences
        .iter()
        .zip(words.iter().zip(toks))
        .map(|(s, (ws, ts))| {
            let mut feats = SentenceFeatures::default();
            sentence_features(ws, &ts, &casing, gaz, scratch, &mut feats);
            if dropout > 0.0 || word_dropout > 0.0 {
                let mut kept = SentenceFeatures::default();
                for (i, t) in ts.iter().enumerate() {
                    kept.starts.push(kept.feats.len() as u32);
                    let drop = (counts.get(&t.key).copied().unwrap_or(0) <= 1
                        && (rng.next() % 1_000_000) as f64 / 1e6 < dropout)
                        || (word_dropout > 0.0
                            && ws[i].chars().any(char::is_alphabetic)
                            && (rng.next() % 1_000_000) as f64 / 1e6 < word_dropout);
                    for (k, &f) in feats.of(i).iter().enumerate() {
                        if !(drop && WORD_IDENTITY.contains(&k)) {
                            kept.feats.push(f);
                        }
                    }
                }
                kept.starts.push(kept.feats.len() as u32);
                feats = kept;
            }
            Prepared {
                gold: tags_of(ts.len(), &s.names),
                toks: ts,
                feats,
            }
        })
        .collect()
}

/// Trains a model on `docs`; after each epoch calls `each_epoch(epoch, model bytes)` (with
/// several bags, once, with the averaged model).
pub fn train(
    docs: &[Document],
    settings: &Settings,
    mut each_epoch: impl FnMut(usize, &[u8]),
) -> Vec<u8> {
    let bags = settings.bags.max(1);
    if bags == 1 {
        return train_one(docs, settings, settings.seed, &mut each_epoch).0;
    }
    // Several perceptrons, each with its own folds and order, averaged: less variance.
    let mut sum: KeyMap<u32, [f32; N_TAGS]> = KeyMap::default();
    let mut gaz = Gazetteer::default();
    for b in 0..bags {
        let seed = settings.seed.wrapping_add(b as u64 * 7919);
        let (_, rows, g) = train_one(docs, settings, seed, &mut |_, _| {});
        for (f, r) in rows {
            let row = sum.entry(f).or_insert([0.0; N_TAGS]);
            for (x, y) in row.iter_mut().zip(r) {
                *x += y / bags as f32;
            }
        }
        gaz = g;
    }
    let mut rows: Vec<(u32, [f32; N_TAGS])> = sum.into_iter().collect();
    rows.sort_by_key(|&(f, _)| f);
    let bytes = encode(&rows, &gaz, settings.max_bytes, settings.level_step);
    each_epoch(settings.epochs, &bytes);
    bytes
}

type Rows = Vec<(u32, [f32; N_TAGS])>;

/// Δφ of a sentence tagged `pred`: each (feature, tag), keyed `feature << 8 | tag`, counted
/// +1 for each time the gold tags read it and −1 for each time `pred` does (tokens where
/// both tags and the tags before them agree cancel out and are skipped); `hist` holds each
/// token's history features as tagging read them. Pairs that cancel are left out.
fn differences(s: &Prepared, pred: &[u8], hist: &[[u32; 2]]) -> KeyMap<u64, i32> {
    let mut delta: KeyMap<u64, i32> = KeyMap::default();
    for i in 0..s.toks.len() {
        let (g, q) = (s.gold[i], pred[i]);
        let gp = if i > 0 { s.gold[i - 1] } else { START };
        let qp = if i > 0 { pred[i - 1] } else { START };
        if g == q && gp == qp {
            continue;
        }
        for (tag, prev, d) in [(g, gp, 1), (q, qp, -1)] {
            let mut add = |f: u32| *delta.entry((f as u64) << 8 | tag as u64).or_default() += d;
            for &f in s.feats.of(i).iter().chain(&hist[i]) {
                add(f);
            }
            add(transition_feature(prev));
            for f in context_features(&s.toks[i], prev) {
                add(f);
            }
        }
    }
    delta.retain(|_, d| *d != 0);
    delta
}

fn train_one(
    docs: &[Document],
    settings: &Settings,
    seed: u64,
    each_epoch: &mut dyn FnMut(usize, &[u8]),
) -> (Vec<u8>, Rows, Gazetteer) {
    let mut rng = Rng(seed.max(1));
    // Assign documents to folds; a document's gazetteer is built from the other folds.
    let mut order: Vec<usize> = (0..docs.len()).collect();
    rng.shuffle(&mut order);
    let folds = settings.folds.max(2);
    // Copies of a document (a corpus read twice to weigh it more) share a fold, so that a
    // copy's names never reach the other's gazetteer.
    let mut fold_of = vec![0; docs.len()];
    let mut seen: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
    for &d in &order {
        let next = seen.len() % folds;
        fold_of[d] = *seen.entry(document_key(&docs[d])).or_insert(next);
    }
    let mut scratch = Scratch::default();
    let mut counts: KeyMap<u64, u32> = KeyMap::default();
    for s in docs.iter().flat_map(|d| &d.sentences) {
        for w in &s.words {
            *counts.entry(super::features::word_key(w)).or_default() += 1;
        }
    }
    let mut prepared: Vec<Vec<Prepared>> = (0..docs.len()).map(|_| Vec::new()).collect();
    for f in 0..folds {
        let mut gaz = gazetteer(
            docs.iter()
                .zip(&fold_of)
                .filter(|(_, &k)| k != f)
                .map(|(d, _)| d),
            &settings.gazetteer_extra,
            settings.lexicon_min,
        );
        // The clusters come from other text: the same for every fold.
        gaz.clusters = settings.clusters.clone();
        for (i, d) in docs.iter().enumerate() {
            if fold_of[i] == f {
                let copy = if settings.headlines > 0.0
                    && (rng.next() % 1_000_000) as f64 / 1e6 < settings.headlines
                {
                    with_headline(d, &mut rng)
                } else {
                    None
                };
                let d = copy.as_ref().unwrap_or(d);
                let mut pieces = if settings.short_docs > 0.0
                    && d.sentences.len() > 1
                    && (rng.next() % 1_000_000) as f64 / 1e6 < settings.short_docs
                {
                    short_pieces(d, &mut rng)
                } else {
                    vec![d.clone()]
                };
                let first = pieces.remove(0);
                for (k, piece) in std::iter::once(first).chain(pieces).enumerate() {
                    let unit = prepare(
                        &piece,
                        &gaz,
                        &mut scratch,
                        &counts,
                        settings.rare_word_dropout,
                        settings.word_dropout,
                        &mut rng,
                    );
                    if k == 0 {
                        prepared[i] = unit;
                    } else {
                        order.push(prepared.len());
                        prepared.push(unit);
                    }
                }
            }
        }
    }
    let mut full_gaz = gazetteer(docs.iter(), &settings.gazetteer_extra, settings.lexicon_min);
    full_gaz.clusters = settings.clusters.clone();
    if settings.verbose {
        eprintln!(
            "prepared {} documents, {} sentences; gazetteer {} names",
            docs.len(),
            prepared.iter().map(Vec::len).sum::<usize>(),
            full_gaz.entries.len()
        );
    }
    let mut p = Perceptron {
        index: KeyMap::default(),
        w: Vec::new(),
        u: Vec::new(),
        time: 1,
    };
    let mut lattice = Lattice::default();
    let mut pred: Vec<u8> = Vec::new();
    let mut last = Vec::new();
    for epoch in 1..=settings.epochs {
        rng.shuffle(&mut order);
        let (mut errors, mut total) = (0usize, 0usize);
        for &d in &order {
            let mut history = History::default();
            for s in &prepared[d] {
                // Features of the history must be those seen before this sentence's names
                // are noted.
                let hist: Vec<[u32; 2]> = (0..s.toks.len())
                    .map(|i| history_features(&s.toks, i, &history))
                    .collect();
                // The tags as the page would find them, which the history notes; then, to
                // learn from, those of the cost-augmented search over the same scores.
                let trans = Transitions::new(&p);
                viterbi_with(
                    &p,
                    &trans,
                    &s.toks,
                    &s.feats,
                    &mut history,
                    &mut lattice,
                    &mut pred,
                );
                total += s.toks.len();
                errors += pred.iter().zip(&s.gold).filter(|(a, b)| a != b).count();
                if settings.update == Update::PassiveAggressive {
                    let cost = |i: usize, tag: u8| tag_cost(s.gold[i], tag) * PA_SCALE as i32;
                    search_with_cost(&mut lattice, &trans, cost, &mut pred);
                }
                if pred != s.gold {
                    let cost = pred
                        .iter()
                        .zip(&s.gold)
                        .map(|(&q, &g)| tag_cost(g, q) as i64)
                        .sum();
                    p.learn(settings.update, &differences(s, &pred, &hist), cost);
                }
                p.time += 1;
            }
        }
        last = encode(
            &p.averaged(),
            &full_gaz,
            settings.max_bytes,
            settings.level_step,
        );
        if settings.verbose {
            eprintln!(
                "epoch {epoch}: {:.2}% token errors, {} features learned, model {} bytes",
                100.0 * errors as f64 / total.max(1) as f64,
                p.index.len(),
                last.len()
            );
        }
        each_epoch(epoch, &last);
    }
    (last, p.averaged(), full_gaz)
}

/// Function words a headline leaves in lower case.
const HEADLINE_LOWER: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with",
];

/// The document with a headline: one of its sentences that holds a name, set in title case
/// ("Putin Sends Russia’s Top Spy to North Korea") and put first, as a page's headline
/// stands above its story. The corpora have all-caps headlines but few in title case, where
/// the capitals say nothing and the tagger must read the words from the story's casing.
fn with_headline(doc: &Document, rng: &mut Rng) -> Option<Document> {
    let candidates: Vec<&Sentence> = doc
        .sentences
        .iter()
        .filter(|s| {
            (5..=20).contains(&s.words.len())
                && !s.names.is_empty()
                && s.words
                    .iter()
                    .any(|w| w.len() >= 4 && w.starts_with(|c: char| c.is_lowercase()))
        })
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let s = candidates[(rng.next() % candidates.len() as u64) as usize];
    let words = s
        .words
        .iter()
        .map(|w| {
            if HEADLINE_LOWER.contains(&w.as_str()) {
                return w.clone();
            }
            let mut cs = w.chars();
            cs.next()
                .map(|c| c.to_uppercase().chain(cs).collect())
                .unwrap_or_default()
        })
        .collect();
    let mut out = doc.clone();
    out.sentences.insert(
        0,
        Sentence {
            words,
            names: s.names.clone(),
        },
    );
    Some(out)
}

/// A document cut into short pieces of one to five sentences, each a document of its own:
/// many pages quote a story's first paragraphs only, where the casing elsewhere in the
/// document and the names already tagged say little.
fn short_pieces(doc: &Document, rng: &mut Rng) -> Vec<Document> {
    let mut out = Vec::new();
    let mut rest = &doc.sentences[..];
    while !rest.is_empty() {
        let n = (1 + (rng.next() % 5) as usize).min(rest.len());
        out.push(Document {
            sentences: rest[..n].to_vec(),
        });
        rest = &rest[n..];
    }
    out
}

/// A hash of a document's words, the same for its copies.
fn document_key(doc: &Document) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for w in doc.sentences.iter().flat_map(|s| &s.words) {
        h = (h ^ super::features::word_key(w)).wrapping_mul(0x100_0000_01b3);
    }
    h
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Writes sorted `keys` as distances from the previous one (varints), as
/// [`Model::from_bytes`] reads them.
fn put_keys(out: &mut Vec<u8>, keys: impl IntoIterator<Item = u64>) {
    let mut prev = 0u64;
    for k in keys {
        put_varint(out, k - prev);
        prev = k;
    }
}

/// Quantises averaged weights to one byte each on a log scale (see
/// [`super::tagger::Levels`]), on every `step`-th level only, and writes the model file,
/// dropping the weakest weights until it fits in `max_bytes`.
///
/// Every eighth of the 127 levels (codes 1, 9, …, 121 and 127: each about 1.35 times the
/// last in the shipped model) tags as well as all of them, and the codes, of fewer kinds,
/// pack far smaller: gzip packs more weights into the page's bytes.
pub fn encode(
    rows: &[(u32, [f32; N_TAGS])],
    gaz: &Gazetteer,
    max_bytes: usize,
    step: u8,
) -> Vec<u8> {
    let mut mags: Vec<f32> = rows
        .iter()
        .flat_map(|(_, r)| r.iter().map(|x| x.abs()))
        .filter(|&x| x > 0.0)
        .collect();
    mags.sort_by(f32::total_cmp);
    // The smallest level: the 20th percentile of magnitudes; the largest: the maximum.
    let min = mags.get(mags.len() / 5).copied().unwrap_or(1.0).max(1e-6);
    let max = mags.last().copied().unwrap_or(1.0).max(min * 2.0);
    let levels = Levels::new(min, max);
    let step = step.max(1) as i32;
    let on_step = |c: i8| {
        let a = c.unsigned_abs() as i32;
        let m = if a == 0 {
            0
        } else {
            (1 + step * ((a - 1 + step / 2) / step)).min(127)
        };
        (m * (c as i32).signum()) as i8
    };
    let quant: Vec<(u32, [(i8, f32); N_TAGS])> = rows
        .iter()
        .map(|(f, r)| {
            let mut q = [(0i8, 0f32); N_TAGS];
            for (x, &w) in q.iter_mut().zip(r) {
                *x = (on_step(levels.code(w)), w.abs());
            }
            (*f, q)
        })
        .filter(|(_, q)| q.iter().any(|&(x, _)| x != 0))
        .collect();
    // The weakest weights are dropped until the file fits: the least number of the
    // smallest magnitudes, found by bisection over them.
    let mut kept: Vec<f32> = quant
        .iter()
        .flat_map(|(_, q)| q.iter().filter(|&&(x, _)| x != 0).map(|&(_, a)| a))
        .collect();
    kept.sort_by(f32::total_cmp);
    let fits = |cut: f32| {
        let bytes = write_model(&quant, gaz, &levels, cut);
        (bytes.len() <= max_bytes).then_some(bytes)
    };
    if let Some(bytes) = fits(-1.0) {
        return bytes;
    }
    // Dropping kept[..n] (cut = kept[n - 1]) fits for n = hi, not for n = lo.
    let (mut lo, mut hi) = (0usize, kept.len());
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        if fits(kept[mid - 1]).is_some() {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    let cut = kept.get(hi.wrapping_sub(1)).copied().unwrap_or(f32::MAX);
    write_model(&quant, gaz, &levels, cut)
}

fn write_model(
    quant: &[(u32, [(i8, f32); N_TAGS])],
    gaz: &Gazetteer,
    levels: &Levels,
    cut: f32,
) -> Vec<u8> {
    // The features' keys (as distances), then their masks, then their weights: each kind
    // of number together, which gzip packs better than the three interleaved.
    let (mut keys, mut masks, mut codes) = (Vec::new(), Vec::new(), Vec::new());
    for (f, q) in quant {
        let mask: u64 = q
            .iter()
            .enumerate()
            .filter(|(_, &(x, a))| x != 0 && a > cut)
            .map(|(i, _)| 1u64 << i)
            .sum();
        if mask == 0 {
            continue;
        }
        keys.push(*f as u64);
        put_varint(&mut masks, mask);
        for (i, &(x, _)) in q.iter().enumerate() {
            if mask & (1 << i) != 0 {
                codes.push(x as u8);
            }
        }
    }
    let n = keys.len() as u32;
    let mut body = Vec::new();
    put_keys(&mut body, keys);
    body.extend_from_slice(&masks);
    body.extend_from_slice(&codes);
    // The gazetteer's keys (as distances), then their type bits.
    let mut entries: Vec<(u32, u8)> = gaz.entries.iter().map(|(&k, &v)| (k, v)).collect();
    entries.sort();
    put_keys(&mut body, entries.iter().map(|&(k, _)| k as u64));
    body.extend(entries.iter().map(|&(_, v)| v));
    if !gaz.lexicon.is_empty() || !gaz.clusters.is_empty() {
        let mut codes: Vec<u64> = gaz
            .lexicon
            .iter()
            .map(|(&k, &c)| k as u64 * 2 + (c - 1) as u64)
            .collect();
        codes.sort_unstable();
        put_varint(&mut body, codes.len() as u64);
        put_keys(&mut body, codes);
    }
    if !gaz.clusters.is_empty() {
        // The clusters: the coarse cluster of each fine one; the words' count; each word's
        // cluster key as the distance from the previous one; then their fine clusters,
        // `cluster_id_bits` bits each.
        put_varint(&mut body, gaz.clusters.coarse.len() as u64);
        body.extend_from_slice(&gaz.clusters.coarse);
        let mut words: Vec<(u32, u16)> = gaz
            .clusters
            .words
            .iter()
            .map(|(&k, &f)| (k, f - 1))
            .collect();
        words.sort_unstable();
        put_varint(&mut body, words.len() as u64);
        put_keys(&mut body, words.iter().map(|&(k, _)| k as u64));
        let bits = cluster_id_bits(gaz.clusters.coarse.len());
        let (mut acc, mut n) = (0u64, 0u32);
        for &(_, f) in &words {
            acc |= (f as u64) << n;
            n += bits;
            while n >= 8 {
                body.push(acc as u8);
                acc >>= 8;
                n -= 8;
            }
        }
        if n > 0 {
            body.push(acc as u8);
        }
    }
    let mut out = Vec::with_capacity(body.len() + 20);
    out.extend_from_slice(MAGIC);
    out.push(N_TAGS as u8);
    out.extend_from_slice(&levels.min.to_le_bytes());
    out.extend_from_slice(&levels.max.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    out.push(gaz.max_len.min(255) as u8);
    out.extend_from_slice(&body);
    out
}

/// Exact-span scores per type: (true positives, false positives, false negatives).
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub counts: [(usize, usize, usize); 4],
}

impl Scores {
    fn prf((tp, fp, fn_): (usize, usize, usize)) -> (f64, f64, f64) {
        let p = if tp + fp > 0 {
            tp as f64 / (tp + fp) as f64
        } else {
            0.0
        };
        let r = if tp + fn_ > 0 {
            tp as f64 / (tp + fn_) as f64
        } else {
            0.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (100.0 * p, 100.0 * r, 100.0 * f)
    }

    /// Micro P/R/F1 over the given type indexes.
    pub fn micro(&self, types: &[usize]) -> (f64, f64, f64) {
        let mut sum = (0, 0, 0);
        for &t in types {
            let c = self.counts[t];
            sum = (sum.0 + c.0, sum.1 + c.1, sum.2 + c.2);
        }
        Self::prf(sum)
    }

    /// The headline: micro F1 over PER, ORG and LOC.
    pub fn headline(&self) -> f64 {
        self.micro(&[0, 1, 2]).2
    }

    pub fn report(&self) -> String {
        let mut s = String::new();
        for (t, ty) in TYPES.iter().enumerate() {
            let (p, r, f) = Self::prf(self.counts[t]);
            let _ = writeln!(
                s,
                "{:<9} P {p:6.2}  R {r:6.2}  F1 {f:6.2}  (tp {} fp {} fn {})",
                ty.as_str(),
                self.counts[t].0,
                self.counts[t].1,
                self.counts[t].2
            );
        }
        let (p, r, f) = self.micro(&[0, 1, 2]);
        let _ = writeln!(s, "PER/ORG/LOC P {p:6.2}  R {r:6.2}  F1 {f:6.2}");
        s
    }
}

/// A document's text as the scorer builds it, with each gold token's byte span and
/// sentence.
pub fn unit_text(doc: &Document) -> (String, Vec<Vec<Span>>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    for (k, s) in doc.sentences.iter().enumerate() {
        if k > 0 {
            text.push('\n');
        }
        let mut sp = Vec::new();
        for (i, w) in s.words.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            sp.push(Span(text.len(), text.len() + w.len()));
            text.push_str(w);
        }
        spans.push(sp);
    }
    (text, spans)
}

/// The predicted names of one document as the scorer would read them, with their byte
/// spans in [`unit_text`]: runs the tokenizer and the entity stage (tagger and groups) on
/// the text.
pub fn predict(model: &Model, text: &str) -> Vec<(Span, EntityType)> {
    let blocks: Vec<Span> = crate::input::line_blocks(text, 0, text.len()).collect();
    let tokenized = crate::tokens::tokenize(text, &blocks);
    super::find_with(model, text, &tokenized)
        .entities
        .into_iter()
        .filter(|e| e.kind.is_name())
        .map(|e| (e.span(), e.kind))
        .collect()
}

/// Scores `model` on gold documents, and returns also each document's predictions.
pub fn evaluate(model: &Model, docs: &[Document]) -> (Scores, Vec<Vec<(Span, EntityType)>>) {
    let mut scores = Scores::default();
    let mut all = Vec::new();
    for doc in docs {
        let (text, spans) = unit_text(doc);
        let pred = predict(model, &text);
        let mut gold: Vec<(usize, usize, usize, usize)> = Vec::new();
        for (k, s) in doc.sentences.iter().enumerate() {
            gold.extend(s.names.iter().map(|&(a, b, t)| (k, a, b, t)));
        }
        let mut found: Vec<(usize, usize, usize, usize)> = Vec::new();
        let mut wrong = [0usize; 4];
        for (span, kind) in &pred {
            let Some(t) = TYPES.iter().position(|x| x == kind) else {
                continue;
            };
            // Snap out to the gold tokens the span overlaps.
            let covered: Vec<(usize, usize)> = spans
                .iter()
                .enumerate()
                .flat_map(|(k, s)| s.iter().enumerate().map(move |(i, sp)| (k, i, *sp)))
                .filter(|(_, _, sp)| sp.0 < span.1 && span.0 < sp.1)
                .map(|(k, i, _)| (k, i))
                .collect();
            match (covered.first(), covered.last()) {
                (Some(a), Some(b)) if a.0 == b.0 => found.push((a.0, a.1, b.1 + 1, t)),
                _ => wrong[t] += 1,
            }
        }
        found.sort();
        found.dedup();
        for (t, counts) in scores.counts.iter_mut().enumerate() {
            let g: Vec<_> = gold.iter().filter(|x| x.3 == t).collect();
            let f: Vec<_> = found.iter().filter(|x| x.3 == t).collect();
            let tp = f.iter().filter(|x| g.contains(x)).count();
            counts.0 += tp;
            counts.1 += f.len() - tp + wrong[t];
            counts.2 += g.len() - tp;
        }
        all.push(pred);
    }
    (scores, all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_iob1_iob2_and_iobes() {
        let t = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(chunks(&t("I-PER I-PER O I-LOC")), [(0, 2, 0), (3, 4, 2)]);
        assert_eq!(chunks(&t("B-PER I-PER B-PER O")), [(0, 2, 0), (2, 3, 0)]);
        assert_eq!(chunks(&t("I-ORG B-ORG I-ORG")), [(0, 1, 1), (1, 3, 1)]);
        assert_eq!(chunks(&t("S-LOC B-MISC E-MISC")), [(0, 1, 2), (1, 3, 3)]);
        assert_eq!(chunks(&t("B-OTH I-OTH B-product")), [(0, 2, 3)]);
    }

    fn perceptron() -> Perceptron {
        Perceptron {
            index: KeyMap::default(),
            w: Vec::new(),
            u: Vec::new(),
            time: 1,
        }
    }

    /// Σ Δφ · w: how far the gold tags lead the prediction.
    fn margin(p: &Perceptron, delta: &KeyMap<u64, i32>) -> i64 {
        delta
            .iter()
            .map(|(&k, &d)| d as i64 * p.get((k >> 8) as u32, k as u8) as i64)
            .sum()
    }

    #[test]
    fn a_passive_aggressive_step_puts_the_gold_tags_ahead_by_the_cost() {
        // Δφ of a made-up sentence: feature 7 read with the gold tag 1 and the predicted 0,
        // feature 9 twice with the gold tag 1, feature 11 once with the predicted tag 5.
        let delta: KeyMap<u64, i32> = [
            (7 << 8 | 1, 1),
            (7 << 8, -1),
            (9 << 8 | 1, 2),
            (11 << 8 | 5, -1),
        ]
        .into_iter()
        .collect();
        let norm: i64 = delta.values().map(|&d| (d * d) as i64).sum();
        // From zero weights: the step makes the lead the cost, to the rounding of one step.
        let mut p = perceptron();
        p.learn(Update::PassiveAggressive, &delta, 3);
        assert!(
            (margin(&p, &delta) - 3 * PA_SCALE).abs() <= norm / 2,
            "{}",
            margin(&p, &delta)
        );
        // Already leading by half the cost: a step half as large.
        let mut q = perceptron();
        q.update(9, 1, (3 * PA_SCALE / 4) as i32);
        assert_eq!(margin(&q, &delta), 3 * PA_SCALE / 2);
        q.learn(Update::PassiveAggressive, &delta, 3);
        assert!((margin(&q, &delta) - 3 * PA_SCALE).abs() <= norm / 2);
        assert_eq!(
            q.get(11, 5),
            -((3 * PA_SCALE / 2) as f64 / norm as f64).round() as i32
        );
        // Leading by more than the cost: no step.
        let before = q.w.clone();
        q.learn(Update::PassiveAggressive, &delta, 2);
        assert_eq!(q.w, before);
        // The perceptron steps by one, whatever the lead.
        let mut r = perceptron();
        r.learn(Update::Perceptron, &delta, 3);
        assert_eq!(
            (r.get(7, 1), r.get(7, 0), r.get(9, 1), r.get(11, 5)),
            (1, -1, 2, -1)
        );
    }

    #[test]
    fn a_cost_augmented_search_finds_the_costliest_tags_where_weights_say_nothing() {
        use super::super::features::{tag_of, Part};
        let (per, org) = (|p| tag_of(0, p), |p| tag_of(1, p));
        // A mistyped or mis-cut name's token costs twice a missed or invented one's.
        assert_eq!(tag_cost(per(Part::Unit), per(Part::Unit)), 0);
        assert_eq!(tag_cost(0, per(Part::Unit)), 1);
        assert_eq!(tag_cost(per(Part::Unit), 0), 1);
        assert_eq!(tag_cost(per(Part::Unit), org(Part::Unit)), 2);
        assert_eq!(tag_cost(per(Part::Begin), per(Part::Unit)), 2);
        // With no weights every sequence scores 0, so the search returns the costliest one
        // BILOU allows: against "O U-PER O", a name on every token, of another type on the
        // second.
        let toks: Vec<Tok> = ["the", "Holm", "said"]
            .iter()
            .map(|w| Tok::new(w))
            .collect();
        let feats = SentenceFeatures {
            feats: Vec::new(),
            starts: vec![0; 4],
        };
        let gold = [0, per(Part::Unit), 0];
        let p = perceptron();
        let trans = Transitions::new(&p);
        let (mut lattice, mut plain) = (Lattice::default(), Vec::new());
        let mut history = History::default();
        viterbi_with(
            &p,
            &trans,
            &toks,
            &feats,
            &mut history,
            &mut lattice,
            &mut plain,
        );
        // Without a cost, the same weights keep every token out of names.
        assert_eq!(plain, [0, 0, 0]);
        let mut tags = Vec::new();
        search_with_cost(
            &mut lattice,
            &trans,
            |i, tag| tag_cost(gold[i], tag),
            &mut tags,
        );
        assert!(tags.iter().all(|&t| t != 0), "{tags:?}");
        let cost: i32 = (0..3).map(|i| tag_cost(gold[i], tags[i])).sum();
        assert_eq!(cost, 4);
    }

    #[test]
    fn short_pieces_keep_every_sentence_in_order() {
        let doc = Document {
            sentences: (0..23)
                .map(|i| Sentence {
                    words: vec![format!("w{i}")],
                    names: Vec::new(),
                })
                .collect(),
        };
        let pieces = short_pieces(&doc, &mut Rng(7));
        assert!(pieces.len() >= 5);
        assert!(pieces.iter().all(|p| (1..=5).contains(&p.sentences.len())));
        let words: Vec<&String> = pieces
            .iter()
            .flat_map(|p| &p.sentences)
            .map(|s| &s.words[0])
            .collect();
        let expected: Vec<&String> = doc.sentences.iter().map(|s| &s.words[0]).collect();
        assert_eq!(words, expected);
    }
}
