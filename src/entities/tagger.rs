//! Names: PERSON, ORG, LOCATION and MISC mentions, found by a trained sequence tagger.
//!
//! The tagger is an averaged perceptron over BILOU tags, decoded with Viterbi under the
//! BILOU constraints (see [`super::features`] for what it reads, `MODEL.md` for its data and scores). Its
//! weights, `model.bin`, are built by `cargo run --release --bin train-ner` and embedded in
//! the binary; they are parsed once, on first use.
//!
//! Around the model: a line break always ends a sentence (a name never runs from a
//! headline into the next line), the possessive `’s` is its own token and never part of a
//! name, and titles before a person ("President", "State Security Minister") are kept as
//! the person's role rather than in the span.

use super::features::{
    all_caps, headline_case, sentence_features, spans, viterbi_cached, viterbi_with, Case,
    ClusterRows, DocCasing, Gazetteer, History, KeyHasher, KeyMap, Lattice, Scratch,
    SentenceFeatures, Tok, Transitions, Weights, WordCache, WordClusters, N_TAGS, TYPES,
};
use crate::model::{Entity, EntityType, Span};
use crate::tokens::Tokenized;
use std::sync::OnceLock;

/// The shipped weights (see `MODEL.md`).
static MODEL_BYTES: &[u8] = include_bytes!("model.bin");

/// Marks the start of a model file, with its format version.
pub const MAGIC: &[u8; 6] = b"CDNER\x02";

/// Words before a person's name that say what the person is, not who: kept as the role.
pub const TITLES: &[&str] = &[
    "president",
    "vice",
    "prime",
    "minister",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "gov.",
    "governor",
    "mayor",
    "general",
    "gen.",
    "colonel",
    "col.",
    "lt.",
    "sgt.",
    "capt.",
    "captain",
    "major",
    "commander",
    "admiral",
    "dr.",
    "dr",
    "mr.",
    "mr",
    "mrs.",
    "mrs",
    "ms.",
    "ms",
    "prof.",
    "professor",
    "sir",
    "dame",
    "lord",
    "judge",
    "justice",
    "secretary",
    "director",
    "chairman",
    "chairwoman",
    "chief",
    "ambassador",
    "speaker",
    "leader",
    "sheikh",
    "deputy",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "coach",
    "ceo",
    "founder",
    "rev.",
    "father",
    "cardinal",
    "archbishop",
    "bishop",
    "ayatollah",
    "emperor",
    "sultan",
    "crown",
];

/// Months that are also names ("Theresa May", "June Carter"): alone, they are the month
/// when a date surrounds them, and the value rules make them a DATE.
const MONTHS_ALSO_NAMES: &[&str] = &["may", "june", "april", "august", "march"];

/// Words before a month that make it a date: "in May", "since June", "last August".
const DATE_CUES_BEFORE: &[&str] = &[
    "in", "since", "until", "till", "by", "last", "next", "this", "early", "mid", "late", "of",
    "from", "through", "during", "before", "after", "end",
];

/// Whether the one-word name at `i` is a month used as a date: followed by a number
/// ("May 5", "May 1997") or preceded by a date cue ("in May").
fn is_month_date(words: &[&str], i: usize) -> bool {
    if !MONTHS_ALSO_NAMES.contains(&words[i].to_lowercase().as_str()) {
        return false;
    }
    let next_is_number = words
        .get(i + 1)
        .is_some_and(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()));
    let cue_before = i > 0 && DATE_CUES_BEFORE.contains(&words[i - 1].to_lowercase().as_str());
    next_is_number || cue_before
}

/// Capitalised words at the start of a sentence that never open a title phrase.
const NOT_TITLE_WORDS: &[&str] = &["the", "a", "an", "and", "but", "of", "in", "on"];

/// The tagger's weights: a table from feature hash to its weights, and the names seen in
/// training.
pub struct Model {
    /// Open addressing, linear probing; key 0 is an empty slot. A slot holds the key and
    /// where its weights sit in [`Model::weights`]: the table stays small enough (8 bytes a
    /// slot) to sit in the CPU's cache.
    slots: Vec<Slot>,
    /// Each feature's weights as (tag, code of [`Levels`]), only for the tags it has one
    /// for, for the features with more than [`INLINE_MAX`] (and fewer than [`DENSE_FROM`]):
    /// most features have one or two of seventeen, kept in their slot.
    weights: Vec<[u8; 2]>,
    /// The weights of the features with many, one per tag (0 for none): the common
    /// features, added seventeen at a time.
    dense: Vec<[i32; N_TAGS]>,
    /// One bit per 2^`FILTER_BITS` hash value: set if some feature has it. Most features of
    /// a text are not in the model; this small table (L2-resident) answers them without
    /// touching the large one.
    filter: Vec<u64>,
    /// Each code's weight in fixed point ([`Levels::fixed`]).
    fixed: [i32; 256],
    pub gazetteer: Gazetteer,
    pub features: usize,
    /// The word-cluster templates' scores, summed per cluster at load.
    cluster_rows: Option<ClusterRows>,
}

/// Size of [`Model::filter`] in bits, as a power of two.
const FILTER_BITS: u32 = 20;

#[inline]
fn filter_bit(f: u32) -> (usize, u64) {
    let b = (f.wrapping_mul(0x2c1b_3c6d) >> (32 - FILTER_BITS)) as usize;
    (b >> 6, 1u64 << (b & 63))
}

/// One feature: its key, and its weights: `at & 31` of them in `at` itself when at most
/// [`INLINE_MAX`], else `weights[at >> 5..][..at & 31]`, or `dense[at >> 5]` when `at & 31`
/// is [`DENSE`].
#[derive(Clone, Copy)]
struct Slot {
    key: u32,
    at: u32,
}

const EMPTY: Slot = Slot { key: 0, at: 0 };

/// Marks a slot whose weights are in [`Model::dense`].
const DENSE: u32 = 31;

/// Features with this many weights or more are kept dense.
const DENSE_FROM: usize = 4;

/// Features with at most this many weights keep them in their slot, each as (its tag × 256
/// plus its code) in [`INLINE_BITS`] bits above the count: `at` is
/// `(second << 13 | first) << 5 | n`. Most features have one or two.
const INLINE_MAX: usize = 2;
const INLINE_BITS: u32 = 13;
const INLINE_MASK: u32 = (1 << INLINE_BITS) - 1;

/// One-byte weights on a log scale: code `c` (1..=127) stands for
/// `min * (max / min) ^ ((c - 1) / 126)`, negative codes for negative weights, 0 for none.
/// Both the bias-like weights in the hundreds and the fine ones near 1 keep a few per cent
/// of precision.
#[derive(Debug, Clone)]
pub struct Levels {
    pub min: f32,
    pub max: f32,
    values: [f32; 256],
}

impl Levels {
    pub fn new(min: f32, max: f32) -> Levels {
        let step = (max / min).ln() / 126.0;
        let mut values = [0f32; 256];
        for c in 1..=127i32 {
            let v = min * (step * (c - 1) as f32).exp();
            values[c as u8 as usize] = v;
            values[(-c) as u8 as usize] = -v;
        }
        Levels { min, max, values }
    }

    /// The code of a weight (0 if it is too small to keep).
    pub fn code(&self, w: f32) -> i8 {
        let a = w.abs();
        if a < self.min * 0.5 {
            return 0;
        }
        let step = (self.max / self.min).ln() / 126.0;
        let c = ((a / self.min).ln() / step).round().clamp(0.0, 126.0) as i8 + 1;
        if w < 0.0 {
            -c
        } else {
            c
        }
    }

    #[inline]
    pub fn value(&self, code: i8) -> f32 {
        self.values[code as u8 as usize]
    }

    /// The factor that turns a level into the integer the tagger adds: a power of two, the
    /// smallest that gives the smallest level at least 256 units (rounding it to a whole
    /// unit then costs at most 1/512, 0.2%, of its value, and less for the larger ones),
    /// unless that would give the largest level more than 2^20 units.
    ///
    /// Why 2^20: a token's score for one tag sums at most one weight per feature, and a
    /// token has fewer than 2,048 features (about 35 from the templates, at most four per
    /// gazetteer entry covering it or its neighbours, and entries are at most 255 words), so
    /// that sum stays below 2^31 and fits an `i32`; the Viterbi path sums are `i64`. The
    /// shipped model's levels span 0.28 to 33.8: a factor 1024, 285 to 34,570 units.
    pub fn scale(&self) -> f64 {
        let mut scale = 1f64;
        while (self.min as f64) * scale >= 512.0 {
            scale /= 2.0;
        }
        while (self.min as f64) * scale < 256.0 && (self.max as f64) * scale * 2.0 <= MAX_UNITS {
            scale *= 2.0;
        }
        while (self.max as f64) * scale > MAX_UNITS {
            scale /= 2.0;
        }
        scale
    }

    /// The integer weight of each code (index: the code as a byte), in units of
    /// 1 / [`Levels::scale`]. Integer scores add up exactly, in any order: a word's
    /// features summed once and cached give the very score of adding them one by one.
    pub fn fixed(&self) -> [i32; 256] {
        let scale = self.scale();
        let mut out = [0i32; 256];
        for (x, &v) in out.iter_mut().zip(&self.values) {
            *x = (v as f64 * scale).round() as i32;
        }
        out
    }
}

/// The largest weight in fixed point (see [`Levels::scale`]).
const MAX_UNITS: f64 = (1 << 20) as f64;

impl Weights for Model {
    /// The filter's answer inline (most features of a text are not in the model), the
    /// table's out of line.
    #[inline(always)]
    fn add(&self, f: u32, scores: &mut [i32; N_TAGS]) {
        let (word, bit) = filter_bit(f);
        if self.filter[word] & bit != 0 {
            self.add_known(f, scores);
        }
    }

    fn cluster_rows(&self) -> Option<&ClusterRows> {
        self.cluster_rows.as_ref()
    }
}

impl Model {
    /// [`Weights::add`] of a feature the filter lets through.
    #[inline(never)]
    fn add_known(&self, f: u32, scores: &mut [i32; N_TAGS]) {
        let mask = self.slots.len() - 1;
        let mut i = f as usize & mask;
        loop {
            let slot = &self.slots[i];
            if slot.key == f {
                let (from, n) = ((slot.at >> 5) as usize, (slot.at & 31) as usize);
                if n == DENSE as usize {
                    for (s, &w) in scores.iter_mut().zip(&self.dense[from]) {
                        *s += w;
                    }
                    return;
                }
                if n > INLINE_MAX {
                    for &[tag, code] in &self.weights[from..from + n] {
                        scores[tag as usize] += self.fixed[code as usize];
                    }
                    return;
                }
                // In the slot itself: no second place in memory to read.
                for k in 0..n {
                    let pair = slot.at >> (5 + INLINE_BITS * k as u32) & INLINE_MASK;
                    scores[(pair >> 8) as usize] += self.fixed[(pair & 0xff) as usize];
                }
                return;
            }
            if slot.key == 0 {
                return;
            }
            i = (i + 1) & mask;
        }
    }
}

/// Reads an unsigned LEB128 number. A one-byte number (most tag masks) is read inline.
#[inline]
fn varint(bytes: &[u8], at: &mut usize) -> Result<u64, String> {
    match bytes.get(*at) {
        Some(&b) if b < 0x80 => {
            *at += 1;
            Ok(b as u64)
        }
        _ => varint_long(bytes, at),
    }
}

/// [`varint`] of any length.
fn varint_long(bytes: &[u8], at: &mut usize) -> Result<u64, String> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*at).ok_or("model file is truncated")?;
        *at += 1;
        v |= ((b & 0x7f) as u64) << shift;
        if b < 0x80 {
            return Ok(v);
        }
        shift += 7;
        if shift > 63 {
            return Err("bad number in model file".into());
        }
    }
}

/// `n` sorted keys written as distances from the previous one (varints), from `at` on.
/// A count past the file's length is caught as truncation, not allocated for.
fn read_keys(bytes: &[u8], at: &mut usize, n: usize) -> Result<Vec<u32>, String> {
    let mut keys = Vec::with_capacity(n.min(bytes.len()));
    let mut key = 0u64;
    for _ in 0..n {
        key += varint(bytes, at)?;
        keys.push(key as u32);
    }
    Ok(keys)
}

impl Model {
    /// Parses a model file (format 2): the magic, the tag count, the [`Levels`] (min, max),
    /// the feature count, the gazetteer's count and longest entry; then each feature's key
    /// as its distance from the previous key, then each feature's bit mask of the tags it
    /// has weights for, then their weights (i8), feature after feature; then each gazetteer
    /// entry's key distance, then each one's type mask; then, optionally, the lexicon of
    /// word casings and the word clusters.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        if bytes.len() < 24 || &bytes[..6] != MAGIC {
            return Err("not a copydesk NER model".into());
        }
        if bytes[6] as usize != N_TAGS {
            return Err(format!("model has {} tags, expected {N_TAGS}", bytes[6]));
        }
        let word = |i: usize| <[u8; 4]>::try_from(&bytes[i..i + 4]).expect("4 bytes");
        let levels = Levels::new(f32::from_le_bytes(word(7)), f32::from_le_bytes(word(11)));
        let fixed = levels.fixed();
        let n = u32::from_le_bytes(word(15)) as usize;
        let n_gaz = u32::from_le_bytes(word(19)) as usize;
        let max_len = bytes[23] as usize;
        let mut at = 24;
        // Load factor at most 2/3.
        let cap = (n * 3 / 2 + 1).next_power_of_two().max(16);
        let mut slots = vec![EMPTY; cap];
        let mut filter = vec![0u64; 1 << (FILTER_BITS - 6)];
        let mut weights = Vec::with_capacity(n * 2);
        let mut dense = Vec::new();
        // The features' keys (as distances), then their masks, then their weights: each
        // kind of number together, which gzip packs better. (Counts past the file's length
        // are caught as truncation, not allocated for.)
        let keys = read_keys(bytes, &mut at, n)?;
        let mut masks = Vec::with_capacity(n.min(bytes.len()));
        for _ in 0..n {
            masks.push(varint(bytes, &mut at)?);
        }
        for (&f, &mask) in keys.iter().zip(&masks) {
            // Only the mask's set bits, lowest tag first (bits past the last tag mean nothing).
            let mut mask = mask & ((1 << N_TAGS) - 1);
            let from = weights.len();
            while mask != 0 {
                let tag = mask.trailing_zeros() as u8;
                mask &= mask - 1;
                let code = *bytes.get(at).ok_or("model file is truncated")?;
                at += 1;
                if code != 0 {
                    weights.push([tag, code]);
                }
            }
            if weights.len() >= 1 << 27 {
                return Err("model file has too many weights".into());
            }
            let mut place = (from as u32) << 5 | (weights.len() - from) as u32;
            if weights.len() - from <= INLINE_MAX {
                place = (weights.len() - from) as u32;
                for (k, [tag, code]) in weights.drain(from..).enumerate() {
                    let pair = (tag as u32) << 8 | code as u32;
                    place |= pair << (5 + INLINE_BITS * k as u32);
                }
            } else if weights.len() - from >= DENSE_FROM {
                let mut row = [0i32; N_TAGS];
                for [tag, code] in weights.drain(from..) {
                    row[tag as usize] = fixed[code as usize];
                }
                place = (dense.len() as u32) << 5 | DENSE;
                dense.push(row);
            }
            let mut i = f as usize & (cap - 1);
            while slots[i].key != 0 {
                i = (i + 1) & (cap - 1);
            }
            slots[i] = Slot { key: f, at: place };
            let (word, bit) = filter_bit(f);
            filter[word] |= bit;
        }
        // The gazetteer's keys (as distances), then their type bits.
        let gaz_keys = read_keys(bytes, &mut at, n_gaz)?;
        let bits = bytes.get(at..at + n_gaz).ok_or("model file is truncated")?;
        at += n_gaz;
        let mut entries = KeyMap::default();
        entries.reserve(n_gaz);
        entries.extend(gaz_keys.into_iter().zip(bits.iter().copied()));
        // Then, if present, the lexicon: its count and each word as the distance from the
        // previous code, a code being the word's lexicon key × 2 + (class − 1).
        let mut lexicon = KeyMap::default();
        if at < bytes.len() {
            let n_lex = varint(bytes, &mut at)? as usize;
            lexicon.reserve(n_lex);
            for code in read_keys(bytes, &mut at, n_lex)? {
                lexicon.insert(code >> 1, (code & 1) as u8 + 1);
            }
        }
        // Then, if present, the word clusters: the coarse cluster of each fine one, the
        // words' count, each word's cluster key as the distance from the previous one, then
        // their fine clusters, bit-packed.
        let mut clusters = KeyMap::default();
        let mut coarse = Vec::new();
        if at < bytes.len() {
            let n_fine = varint(bytes, &mut at)? as usize;
            coarse = bytes
                .get(at..at + n_fine)
                .ok_or("model file is truncated")?
                .to_vec();
            at += n_fine;
            let n = varint(bytes, &mut at)? as usize;
            let keys = read_keys(bytes, &mut at, n)?;
            let bits = super::features::cluster_id_bits(n_fine);
            let packed = bytes
                .get(at..at + (n * bits as usize).div_ceil(8))
                .ok_or("model file is truncated")?;
            at += packed.len();
            clusters.reserve(keys.len());
            for (i, k) in keys.into_iter().enumerate() {
                let bit = i * bits as usize;
                let mut v = 0u64;
                for (j, &b) in packed[bit / 8..].iter().take(4).enumerate() {
                    v |= (b as u64) << (8 * j);
                }
                let fine = ((v >> (bit % 8)) & ((1 << bits) - 1)) as usize;
                if fine >= n_fine {
                    return Err("bad cluster in model file".into());
                }
                clusters.insert(k, fine as u16 + 1);
            }
        }
        if at != bytes.len() {
            return Err("model file has trailing bytes".into());
        }
        let mut gazetteer = Gazetteer {
            entries,
            max_len,
            lexicon,
            clusters: WordClusters {
                words: clusters,
                coarse,
            },
            ..Gazetteer::default()
        };
        gazetteer.build_filter();
        let mut model = Model {
            slots,
            weights,
            dense,
            filter,
            gazetteer,
            fixed,
            features: n,
            cluster_rows: None,
        };
        if !model.gazetteer.clusters.is_empty() {
            model.cluster_rows = Some(ClusterRows::new(&model, &model.gazetteer.clusters));
        }
        Ok(model)
    }
}

/// The shipped model, parsed on first use.
pub fn model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| Model::from_bytes(MODEL_BYTES).expect("the embedded NER model parses"))
}

/// Tags the names in every sentence with the shipped model.
pub fn tag(text: &str, tokenized: &Tokenized) -> Vec<Entity> {
    tag_with(model(), text, tokenized)
}

/// The token spans of each sentence the tagger reads: the tokenizer's sentences, cut
/// again at line breaks.
fn tagger_sentences(text: &str, tokenized: &Tokenized) -> Vec<Vec<Span>> {
    let mut out = Vec::with_capacity(tokenized.sentences.len());
    let bytes = text.as_bytes();
    for s in &tokenized.sentences {
        let tokens = tokenized.sentence_tokens(s);
        let mut cur: Vec<Span> = Vec::with_capacity(tokens.len());
        for t in tokens {
            if let Some(prev) = cur.last() {
                // The gap between two tokens: a byte or two, mostly.
                if bytes[prev.1..t.span.0]
                    .iter()
                    .any(|&b| b == b'\n' || b == b'\r')
                {
                    out.push(std::mem::take(&mut cur));
                }
            }
            cur.push(t.span);
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    out
}

/// The word of `len` bytes at `start` of `text` as one number, if it has at most 15
/// bytes: its bytes, then zeros, then its length in the top byte. Two words have the same
/// number if and only if they are the same.
#[inline]
fn packed_word(text: &[u8], start: usize, len: usize) -> Option<u128> {
    if len > 15 {
        return None;
    }
    let bytes = match text.get(start..start + 16) {
        // Sixteen bytes read at once, those past the word masked off.
        Some(b) => {
            let all = u128::from_le_bytes(b.try_into().expect("16 bytes"));
            all & ((1u128 << (8 * len)) - 1)
        }
        None => text[start..start + len]
            .iter()
            .rev()
            .fold(0u128, |v, &b| v << 8 | b as u128),
    };
    Some(bytes | (len as u128) << 120)
}

/// Tags the names of a document with `model`.
pub fn tag_with(model: &Model, text: &str, tokenized: &Tokenized) -> Vec<Entity> {
    tag_document(
        model,
        text,
        tokenized,
        Scoring::Pruned,
        None::<fn(&Lattice)>,
    )
}

/// [`tag_with`], scoring as `scoring` says; `each` sees the lattice of every stretch read
/// (see [`tag_words_with`]).
pub fn tag_with_scoring(
    model: &Model,
    text: &str,
    tokenized: &Tokenized,
    scoring: Scoring,
    each: impl FnMut(&Lattice),
) -> Vec<Entity> {
    tag_document(model, text, tokenized, scoring, Some(each))
}

/// [`tag_with_scoring`], handing the lattices to `each` if there is one (else the
/// lattice need not keep each token's context rows).
fn tag_document(
    model: &Model,
    text: &str,
    tokenized: &Tokenized,
    scoring: Scoring,
    each: Option<impl FnMut(&Lattice)>,
) -> Vec<Entity> {
    let sentences = tagger_sentences(text, tokenized);
    let words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.iter().map(|t| &text[t.0..t.1]).collect())
        .collect();
    // The buffers of the last document tagged on this thread, if any (taken: a tagging
    // inside `each` would start its own).
    let mut buffers = BUFFERS.with(|b| b.take()).unwrap_or_default();
    // A word is read once per document: a short one found by its bytes, packed into a
    // number (no string to hash and compare), a longer one by the string. Its lexicon
    // class too, and its key's number in the document (the casing and the history read
    // lists by number, with no hash at each token).
    let Buffers {
        short_words: short,
        word_numbers: numbers,
        ..
    } = &mut *buffers;
    short.clear();
    numbers.clear();
    let mut long: KeyMap<&str, Tok> = KeyMap::default();
    let mut new_tok = |w: &str| {
        let t = Tok::new(w).with_lexicon(&model.gazetteer);
        let next = numbers.len() as u32;
        t.numbered(*numbers.entry(t.key).or_insert(next))
    };
    let toks: Vec<Vec<Tok>> = sentences
        .iter()
        .zip(&words)
        .map(|(spans_, ws)| {
            spans_
                .iter()
                .zip(ws)
                .map(
                    |(span, w)| match packed_word(text.as_bytes(), span.0, w.len()) {
                        Some(k) => *short.entry(k).or_insert_with(|| new_tok(w)),
                        None => *long.entry(w).or_insert_with(|| new_tok(w)),
                    },
                )
                .collect()
        })
        .collect();
    let numbered = Some(buffers.word_numbers.len());
    let mut names = tag_words_in(&mut buffers, model, &words, &toks, numbered, scoring, each);
    keep_buffers(buffers);
    split_headline_names(&words, &toks, &mut names);
    join_plural_possessives(&words, &mut names);
    join_states_of_places(&words, &toks, &mut names);
    join_events(&words, &toks, &mut names);
    each_cased_sentence(&words, &toks, &mut names, |ws, found| {
        join_name_suffixes(ws, found);
        places_by_their_words(ws, found);
        places_after_titles(ws, found);
        acronyms_in_brackets(ws, found);
        names_in_lists(ws, found);
    });
    let mut out = Vec::new();
    // The possessive is not part of a name the document also writes without it (alone,
    // after "the", or opening a longer name), though the model may run the name on to it
    // ("the North ’s satellites" beside "North Korea"); "Macy’s" alone keeps it.
    let possessive = |w: &str| matches!(w, "’s" | "'s" | "’S" | "'S");
    let bare: std::collections::HashSet<&[&str], std::hash::BuildHasherDefault<KeyHasher>> = names
        .iter()
        .zip(&words)
        .flat_map(|(found, ws)| found.iter().map(move |&(s, e, _)| &ws[s..e]))
        .filter(|n| !n.last().is_some_and(|w| possessive(w)))
        .map(|n| match n.first() {
            Some(&("the" | "The")) => &n[1..],
            _ => n,
        })
        .flat_map(|n| (1..=n.len()).map(move |k| &n[..k]))
        .collect();
    let trimmed: Vec<Vec<(usize, usize, usize)>> = names
        .iter()
        .zip(&words)
        .map(|(found, ws)| {
            found
                .iter()
                .map(|&(s, e, ty)| {
                    let keep = e - s < 2 || !possessive(ws[e - 1]) || !bare.contains(&ws[s..e - 1]);
                    (s, if keep { e } else { e - 1 }, ty)
                })
                .collect()
        })
        .collect();
    for ((spans_, ws), found) in sentences.iter().zip(&words).zip(trimmed) {
        let mut named = vec![false; ws.len()];
        for &(s, e, _) in &found {
            named[s..e].iter_mut().for_each(|n| *n = true);
        }
        for &(s, e, ty) in &found {
            if e - s == 1 && is_month_date(ws, s) {
                continue;
            }
            // "Ms Pugh", "Mrs Jones": a name that an honorific opens or precedes is a person.
            let honoured =
                (e - s >= 2 && is_honorific(ws[s])) || (s > 0 && is_honorific(ws[s - 1]));
            let kind = if honoured {
                EntityType::Person
            } else {
                TYPES[ty]
            };
            let (s, role) = if kind == EntityType::Person {
                person_role(ws, s, e, &named)
            } else {
                (s, None)
            };
            let span = Span(spans_[s].0, spans_[e - 1].1);
            out.push(Entity {
                start: span.0,
                end: span.1,
                kind,
                text: text[span.0..span.1].to_string(),
                group: 0,
                role,
            });
        }
    }
    out
}

/// In a headline written in title case ("Putin Sends Russia’s Top Spy to North Korea") the
/// tagger may run names together across words it cannot read. A name found there that the
/// rest of the document never uses is replaced by the document's names it contains, with
/// their types ("Putin" PER, "Russia" LOC), when it contains any and its other words are
/// in none of the document's names. (All-caps headlines are left alone: the training data
/// has many and the tagger reads them well.)
fn split_headline_names(
    words: &[Vec<&str>],
    toks: &[Vec<Tok>],
    names: &mut [Vec<(usize, usize, usize)>],
) {
    let lower = |ws: &[&str]| ws.iter().map(|w| w.to_lowercase()).collect::<Vec<_>>();
    // A title-case line of words: no numbers (a results table is not a headline), no
    // full stop at the end (a sentence of short words is not either).
    let headline: Vec<bool> = toks
        .iter()
        .zip(words)
        .map(|(t, ws)| {
            !all_caps(t)
                && headline_case(t)
                && ws.len() >= 5
                && !ws.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
                && !ws
                    .last()
                    .is_some_and(|w| matches!(*w, "." | "!" | ":" | ";"))
        })
        .collect();
    if !headline.iter().any(|&h| h) {
        return;
    }
    // Names outside headlines, as lower-case words, and their types.
    let mut known: Vec<(Vec<String>, usize)> = Vec::new();
    for (k, found) in names.iter().enumerate() {
        if !headline[k] && !all_caps(&toks[k]) {
            for &(s, e, ty) in found {
                known.push((lower(&words[k][s..e]), ty));
            }
        }
    }
    for (k, found) in names.iter_mut().enumerate() {
        if !headline[k] {
            continue;
        }
        let mut out = Vec::new();
        for &(s, e, ty) in found.iter() {
            let ws = lower(&words[k][s..e]);
            if e - s < 2 || known.iter().any(|(n, _)| *n == ws) {
                out.push((s, e, ty));
                continue;
            }
            let mut parts = Vec::new();
            let mut i = 0;
            while i < ws.len() {
                let hit = (i + 1..=ws.len()).rev().find_map(|j| {
                    known
                        .iter()
                        .find(|(n, _)| n[..] == ws[i..j])
                        .map(|&(_, t)| (j, t))
                });
                match hit {
                    Some((j, t)) => {
                        parts.push((s + i, s + j, t));
                        i = j;
                    }
                    None => i += 1,
                }
            }
            let covered = |i: usize| parts.iter().any(|&(a, b, _)| (a..b).contains(&(s + i)));
            let foreign = (0..ws.len())
                .filter(|&i| !covered(i))
                .all(|i| !known.iter().any(|(n, _)| n.contains(&ws[i])));
            if parts.is_empty() || !foreign {
                out.push((s, e, ty));
            } else {
                out.extend(parts);
            }
        }
        *found = out;
    }
}

/// Tags the names of a document given as sentences of words; returns, per sentence, the
/// names as (first token, end token, type index).
pub fn tag_words(
    model: &Model,
    words: &[Vec<&str>],
    toks: &[Vec<Tok>],
) -> Vec<Vec<(usize, usize, usize)>> {
    tag_words_with(model, words, toks, Scoring::Cached, |_| {})
}

/// How [`tag_words_with`] scores the words. `Plain` and `Cached` give the same scores,
/// exactly; `Pruned` scores fewer tokens, the same way as `Cached`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scoring {
    /// Each token's features listed and looked up one by one (as training reads them).
    Plain,
    /// The features that read one word summed once per word of the document
    /// ([`WordCache`]); the others looked up at each token.
    Cached,
    /// `Cached`, but in a document that capitalises its names ([`capitalises_names`]), a
    /// token far from any capital, figure or caseless letter is fixed to `O` unscored
    /// (see [`super::features::NAME_REACH`]): what the tagger ships with.
    Pruned,
}

/// Of a thousand words with letters, how many at least must be capitalised away from a
/// sentence's start (outside capitals and headline-case lines) for the tagger to prune
/// ([`Scoring::Pruned`]): news capitalises its names, some 10-20% of its words; a text
/// written all in lower case (a chat log, a transcript) has none, and the tagger must read
/// every word of it.
const CAPITALISED_PER_THOUSAND: usize = 20;

/// Whether a document capitalises its names: 2% at least of its words with letters are
/// capitalised away from a sentence's start (`CAPITALISED_PER_THOUSAND`).
pub fn capitalises_names(toks: &[Vec<Tok>]) -> bool {
    let (mut letters, mut capitalised) = (0, 0);
    for s in toks {
        if all_caps(s) || headline_case(s) {
            continue;
        }
        for (i, t) in s.iter().enumerate() {
            match t.case {
                Case::NoLetters => {}
                Case::Lower => letters += 1,
                Case::Title | Case::Upper | Case::Mixed => {
                    letters += 1;
                    capitalised += (i > 0) as usize;
                }
            }
        }
    }
    letters > 0 && capitalised * 1000 >= CAPITALISED_PER_THOUSAND * letters
}

/// [`tag_words`], scoring as `scoring` says, and calling `each` with the lattice of each
/// stretch read (a sentence, or a window of a long one) once it is tagged.
pub fn tag_words_with(
    model: &Model,
    words: &[Vec<&str>],
    toks: &[Vec<Tok>],
    scoring: Scoring,
    each: impl FnMut(&Lattice),
) -> Vec<Vec<(usize, usize, usize)>> {
    // The buffers of the last document tagged on this thread, if any (taken: a tagging
    // inside `each` would start its own).
    let mut buffers = BUFFERS.with(|b| b.take()).unwrap_or_default();
    let out = tag_words_in(&mut buffers, model, words, toks, None, scoring, Some(each));
    keep_buffers(buffers);
    out
}

/// Gives the thread's [`Buffers`] back for the next document, unless a very long one
/// made them large: many words scored, or many distinct words read (a long text whose
/// words are mostly not scored still fills the maps of words and their numbers).
fn keep_buffers(buffers: Box<Buffers>) {
    if buffers.cache.words_held() <= KEEP_WORDS
        && buffers.short_words.len() <= KEEP_WORDS
        && buffers.word_numbers.len() <= KEEP_WORDS
    {
        BUFFERS.with(|b| b.set(Some(buffers)));
    }
}

/// [`tag_words_with`] in `buffers`; `numbered` is the number of the document's words if
/// its tokens are numbered ([`Tok::numbered`]).
fn tag_words_in(
    buffers: &mut Buffers,
    model: &Model,
    words: &[Vec<&str>],
    toks: &[Vec<Tok>],
    numbered: Option<usize>,
    scoring: Scoring,
    mut each: Option<impl FnMut(&Lattice)>,
) -> Vec<Vec<(usize, usize, usize)>> {
    let Buffers {
        scratch,
        feats,
        lattice,
        tags,
        cache,
        casing,
        ..
    } = buffers;
    let mut history = match numbered {
        Some(n) => {
            casing.read_numbered(toks, n);
            History::numbered(n)
        }
        None => {
            casing.read(toks);
            History::default()
        }
    };
    let casing = &*casing;
    let prune = scoring == Scoring::Pruned && capitalises_names(toks);
    cache.clear();
    lattice.keep_contexts(each.is_some());
    let trans = Transitions::new(model);
    let gazetteer = &model.gazetteer;
    let mut out = Vec::with_capacity(words.len());
    for (ws, ts) in words.iter().zip(toks) {
        let mut found = Vec::new();
        for (a, b) in windows(ws) {
            let (ws, ts) = (&ws[a..b], &ts[a..b]);
            match scoring {
                Scoring::Plain => {
                    sentence_features(ws, ts, casing, gazetteer, scratch, feats);
                    viterbi_with(model, &trans, ts, feats, &mut history, lattice, tags);
                }
                Scoring::Cached | Scoring::Pruned => viterbi_cached(
                    model,
                    &trans,
                    cache,
                    ws,
                    ts,
                    casing,
                    gazetteer,
                    scratch,
                    &mut history,
                    prune,
                    lattice,
                    tags,
                ),
            }
            if let Some(each) = &mut each {
                each(lattice);
            }
            found.extend(spans(tags).into_iter().map(|(s, e, t)| (s + a, e + a, t)));
        }
        out.push(found);
    }
    out
}

/// The most words whose scores [`Buffers`] keep after a document (some 800 bytes each:
/// 6.5 MB); after a longer document they are freed.
const KEEP_WORDS: usize = 8192;

/// The tagger's working memory for one document: its lattice, its scratch, its cache of
/// word scores. Kept from one document to the next on each thread ([`BUFFERS`]), emptied
/// before each: a document's tagging then allocates almost nothing. (Allocated anew, the
/// cache's pages cost more than the scores in them: the system zeroes each page.)
#[derive(Default)]
struct Buffers {
    scratch: Scratch,
    feats: SentenceFeatures,
    lattice: Lattice,
    tags: Vec<u8>,
    cache: WordCache,
    /// The document's casing of its words.
    casing: DocCasing,
    /// The [`Tok`] of each short word of the document, by its packed bytes
    /// ([`packed_word`]).
    short_words: KeyMap<u128, Tok>,
    /// The number of each word key of the document ([`Tok::numbered`]).
    word_numbers: KeyMap<u64, u32>,
}

thread_local! {
    /// The [`Buffers`] of the last document tagged on this thread.
    static BUFFERS: std::cell::Cell<Option<Box<Buffers>>> = const { std::cell::Cell::new(None) };
}

/// The longest stretch of tokens the tagger reads at once. The tagger keeps a few hundred
/// bytes per token of the stretch it reads; a "sentence" of a hundred thousand tokens
/// (markup pasted as text, a list with no full stop) is read in windows of at most this
/// many tokens, so that its memory stays bounded. Real sentences are far shorter and are
/// read whole.
pub const WINDOW: usize = 300;

/// The windows (first token, end token) a sentence is read in: the whole sentence when it
/// has at most [`WINDOW`] tokens; else windows cut, in the second half of each, after the
/// last punctuation mark, or else before the last lower-case word (a name rarely runs
/// across either), or else at [`WINDOW`] tokens.
fn windows(words: &[&str]) -> Vec<(usize, usize)> {
    let n = words.len();
    let mut out = Vec::new();
    let mut a = 0;
    while n - a > WINDOW {
        let (lo, hi) = (a + WINDOW / 2, a + WINDOW);
        let punct = |w: &str| {
            w.chars()
                .all(|c| c.is_ascii_punctuation() && c != '.' && c != '&')
        };
        let lower = |w: &str| w.chars().next().is_some_and(char::is_lowercase);
        let cut = (lo..hi)
            .rev()
            .find(|&i| punct(words[i - 1]))
            .or_else(|| (lo..hi).rev().find(|&i| lower(words[i])))
            .unwrap_or(hi);
        out.push((a, cut));
        a = cut;
    }
    out.push((a, n));
    out
}

/// Plurals that take `’s` ("the people’s", "the women’s"). Inside a name their possessive is
/// part of it ("Democratic People’s Republic of Korea", "Women’s Health Initiative"): a
/// people or the women are no entity of their own that the name after them belongs to.
const PLURALS_WITH_S: &[&str] = &["People", "Children", "Women", "Men"];

/// Joins two names the tagger split at the possessive of a plural that ends the first
/// ("Democratic People" + "’s" + "Republic of Korea", or "Democratic People’s" + "Republic
/// of Korea"): one name, of the second part's type (its head comes last).
fn join_plural_possessives(words: &[Vec<&str>], names: &mut [Vec<(usize, usize, usize)>]) {
    let possessive = |w: &str| matches!(w, "’s" | "'s");
    for (ws, found) in words.iter().zip(names.iter_mut()) {
        let mut i = 0;
        while i + 1 < found.len() {
            let (s1, e1, _) = found[i];
            let (s2, e2, ty2) = found[i + 1];
            let joins =
                (e1 + 1 == s2 && possessive(ws[e1]) && PLURALS_WITH_S.contains(&ws[e1 - 1]))
                    || (e1 == s2
                        && e1 >= s1 + 2
                        && possessive(ws[e1 - 1])
                        && PLURALS_WITH_S.contains(&ws[e1 - 2]));
            if joins {
                found[i] = (s1, e2, ty2);
                found.remove(i + 1);
            } else {
                i += 1;
            }
        }
    }
}

/// Type indexes of [`TYPES`] the rules below read and write.
const PERSON_TYPE: usize = 0;
const ORG_TYPE: usize = 1;
const LOCATION_TYPE: usize = 2;
const MISC_TYPE: usize = 3;

/// Words that end the name of a state, before "of" and its place: "Democratic Republic of
/// the Congo", "Kingdom of Saudi Arabia", "State of Qatar".
const STATE_WORDS: &[&str] = &[
    "Republic",
    "Kingdom",
    "Federation",
    "Commonwealth",
    "Principality",
    "Sultanate",
    "Emirate",
    "Duchy",
    "State",
];

/// Whether a sentence's capitals say which words are names: neither all capitals nor a
/// headline in title case, where the joins below would read every word as one.
fn cased_sentence(toks: &[Tok]) -> bool {
    !all_caps(toks) && !headline_case(toks)
}

/// Whether a word is written capitalised: a capital, then letters in lower case, each
/// part after a hyphen capitalised or not ("Cold", "Six-Day", "Soviet-era").
fn capitalised(word: &str) -> bool {
    let mut cs = word.chars();
    let mut after_hyphen = false;
    cs.next().is_some_and(char::is_uppercase)
        && word.len() > 1
        && cs.all(|c| {
            let ok = c.is_lowercase() || c == '-' || (after_hyphen && c.is_uppercase());
            after_hyphen = c == '-';
            ok
        })
}

/// Joins a state's name to the place that follows it after "of" (and "the"), which the
/// tagger may tag apart ("Democratic Republic" ORG + "Congo" LOC): one LOCATION, the
/// state. The state's part is a name ending in a word of [`STATE_WORDS`], or that word
/// alone with the capitalised words before it that no name holds ("Kingdom of Saudi
/// Arabia"). Not across a name of a person, and not in headlines or capitals.
fn join_states_of_places(
    words: &[Vec<&str>],
    toks: &[Vec<Tok>],
    names: &mut [Vec<(usize, usize, usize)>],
) {
    for ((ws, ts), found) in words.iter().zip(toks).zip(names.iter_mut()) {
        if found.is_empty() {
            continue;
        }
        let mut k = 0;
        while k < found.len() {
            let (s2, e2, ty2) = found[k];
            let the = s2 >= 3 && ws[s2 - 1] == "the";
            let of = s2.saturating_sub(1 + the as usize);
            // "Secretary of State of the United States" names no state.
            let state_word =
                |i: usize| STATE_WORDS.contains(&ws[i]) && (i == 0 || ws[i - 1] != "of");
            if ty2 != LOCATION_TYPE
                || of == 0
                || ws[of] != "of"
                || !state_word(of - 1)
                || !cased_sentence(ts)
            {
                k += 1;
                continue;
            }
            let state = of - 1;
            let before = k.checked_sub(1).map(|j| found[j]);
            let joined = match before {
                // A name ending with the state word: "Democratic Republic" ORG.
                Some((s1, e1, ty1)) if e1 == of && TYPES[ty1] != EntityType::Person => {
                    Some((s1, k - 1))
                }
                _ if before.map_or(true, |b| b.1 <= state) => {
                    // The state word alone, with the capitalised words before it.
                    let floor = before.map_or(0, |b| b.1);
                    let mut s1 = state;
                    while s1 > floor.max(1) && capitalised(ws[s1 - 1]) {
                        s1 -= 1;
                    }
                    Some((s1, k))
                }
                _ => None,
            };
            match joined {
                Some((s1, at)) => {
                    found[at] = (s1, e2, LOCATION_TYPE);
                    if at < k {
                        found.remove(k);
                    }
                    k = at + 1;
                }
                None => k += 1,
            }
        }
    }
}

/// Words that make the name of an event of the name (or capitalised word) before them:
/// "Korean War", "Vietnam War", "Iranian Revolution", "Asian Games", "Arab Spring".
const EVENT_WORDS: &[&str] = &["War", "Wars", "Revolution", "Uprising", "Games", "Spring"];

/// Whether `word` is one of [`EVENT_WORDS`]: asked of every token, so a word that does
/// not open with a capital or is too short or long for any is ruled out before the list
/// is read.
fn is_event_word(word: &str) -> bool {
    let (shortest, longest) = EVENT_WORDS_LENGTHS;
    (shortest..=longest).contains(&word.len())
        && word.as_bytes()[0].is_ascii_uppercase()
        && EVENT_WORDS.contains(&word)
}

/// The lengths of the shortest and the longest of [`EVENT_WORDS`].
const EVENT_WORDS_LENGTHS: (usize, usize) = {
    let (mut shortest, mut longest, mut k) = (usize::MAX, 0, 0);
    while k < EVENT_WORDS.len() {
        let n = EVENT_WORDS[k].len();
        if n < shortest {
            shortest = n;
        }
        if n > longest {
            longest = n;
        }
        k += 1;
    }
    (shortest, longest)
};

/// Of [`EVENT_WORDS`], those that make an event of any capitalised word before them
/// ("the Cold War", "the Cultural Revolution"): "Games" and "Spring" only follow a place
/// or a people ("Video Games" is a menu).
const EVENT_WORDS_ALONE: &[&str] = &["War", "Wars", "Revolution"];

/// Numbers that end a war's name ("World War II").
const EVENT_NUMBERS: &[&str] = &["I", "II", "One", "Two"];

/// Ordinals that open an event's name ("the First World War", "the Second Opium War").
const EVENT_ORDINALS: &[&str] = &["First", "Second", "Third", "Fourth", "Fifth"];

/// Joins a place or a people the tagger found to the event word after it that it left out
/// ("Korean" MISC + "War" → "Korean War" MISC, not an alias of the Koreans), and makes one
/// MISC of an untagged capitalised word inside a sentence and a war or revolution after
/// it ("the Cold War"). Not when a capitalised word follows the event word (a longer name
/// the tagger did not read, "War Room"), and not in headlines or capitals.
fn join_events(words: &[Vec<&str>], toks: &[Vec<Tok>], names: &mut [Vec<(usize, usize, usize)>]) {
    for ((ws, ts), found) in words.iter().zip(toks).zip(names.iter_mut()) {
        let named = |found: &[(usize, usize, usize)], i: usize| {
            found.iter().any(|&(s, e, _)| (s..e).contains(&i))
        };
        for i in 1..ws.len() {
            if !is_event_word(ws[i]) || named(found, i) || !cased_sentence(ts) {
                continue;
            }
            let mut end = i + 1;
            if ws.get(end).is_some_and(|w| EVENT_NUMBERS.contains(w)) {
                end += 1;
            }
            if ws
                .get(end)
                .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
            {
                continue;
            }
            // Capitalised words no name holds, back to the sentence's second word
            // ("the Cold War", "the 1967 Six-Day War", "the Yom Kippur War").
            let mut first = i;
            while first > 1 && capitalised(ws[first - 1]) && !named(found, first - 1) {
                first -= 1;
            }
            let walked = first < i;
            // Then a place or a people ("Korean War", "Spanish Civil War").
            let before = found
                .iter()
                .position(|&(_, e, ty)| e == first && matches!(ty, LOCATION_TYPE | MISC_TYPE));
            let alone = EVENT_WORDS_ALONE.contains(&ws[i]);
            // Words walked over make an event of a war or revolution only.
            let event = if walked { alone } else { before.is_some() };
            if !event {
                continue;
            }
            if let Some(k) = before {
                first = found[k].0;
                found.remove(k);
            }
            if first > 0 && EVENT_ORDINALS.contains(&ws[first - 1]) && !named(found, first - 1) {
                first -= 1;
            }
            let at = found.partition_point(|&(s, _, _)| s < first);
            found.insert(at, (first, end, MISC_TYPE));
        }
    }
}

/// Epithets that end a ruler's or a painter's name after "the" ("Alexander the Great",
/// "Lucas Cranach the Elder").
const EPITHETS: &[&str] = &[
    "Great",
    "Elder",
    "Younger",
    "Conqueror",
    "Bold",
    "Pious",
    "Wise",
];

/// Whether a word is a Roman numeral from II to XXXIX, as in a regnal name ("Paul VI",
/// "Thutmose III", "Pius X"). "I" is not one here: after a name it is more often the
/// pronoun.
fn regnal_number(word: &str) -> bool {
    let units = word.trim_start_matches('X');
    let tens = word.len() - units.len();
    let tens_only = (1..=3).contains(&tens) && units.is_empty();
    let with_units = tens <= 3
        && word != "I"
        && matches!(
            units,
            "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX"
        );
    tens_only || with_units
}

/// Runs a person's name on to what ends it and the tagger left out, as the corpora tag
/// them: a regnal number ("Thutmose III", "Mojmír I (ruled 830–846)", "Charles I of
/// England": "I" only before "(" or "of", where it is no pronoun), "Jr." or "Sr.", with or
/// without a comma before it ("Martin Luther King, Jr."), or "the" and an epithet
/// ("Lucas Cranach the Elder"). Not in headlines or capitals, and not onto another name.
fn join_name_suffixes(ws: &[&str], found: &mut [(usize, usize, usize)]) {
    for k in 0..found.len() {
        let (s, e, ty) = found[k];
        if ty != PERSON_TYPE {
            continue;
        }
        let at = |i: usize| ws.get(e + i).copied().unwrap_or("");
        let junior = |w: &str| matches!(w, "Jr." | "Jr" | "Sr." | "Sr");
        let more = if regnal_number(at(0))
            || junior(at(0))
            || (at(0) == "I" && matches!(at(1), "(" | "of"))
        {
            1
        } else if (at(0) == "," && junior(at(1))) || (at(0) == "the" && EPITHETS.contains(&at(1))) {
            2
        } else {
            0
        };
        let free = found.get(k + 1).map_or(true, |&(s2, _, _)| s2 >= e + more);
        if more > 0 && free {
            found[k] = (s, e + more, ty);
        }
    }
}

/// Calls `rules` with the words and names of each sentence that holds a name and is
/// neither in capitals nor a headline in title case (see [`cased_sentence`]): the
/// post-tagging rules read capitals as a name's, which such a sentence's are not.
fn each_cased_sentence(
    words: &[Vec<&str>],
    toks: &[Vec<Tok>],
    names: &mut [Vec<(usize, usize, usize)>],
    mut rules: impl FnMut(&[&str], &mut Vec<(usize, usize, usize)>),
) {
    for ((ws, ts), found) in words.iter().zip(toks).zip(names.iter_mut()) {
        if !found.is_empty() && cased_sentence(ts) {
            rules(ws, found);
        }
    }
}

/// Words that end the name of a place of the earth's surface ("Celtic Sea", "Danube
/// Delta", "Hong Kong Island"). Each ends a LOCATION in the training corpora (CoNLL-2003
/// train, wikigold, UNER EWT) in all or all but one of its uses; words that end teams,
/// clubs and works as often are left out ("Park", "Coast", "Lake", "Mountain", "Channel",
/// "Creek").
const NATURAL_PLACE_HEADS: &[&str] = &[
    "Sea",
    "Seas",
    "Ocean",
    "River",
    "Rivers",
    "Island",
    "Islands",
    "Isles",
    "Bay",
    "Gulf",
    "Strait",
    "Straits",
    "Falls",
    "Mountains",
    "Valley",
    "Canal",
    "Delta",
    "Plains",
    "Hills",
    "Peninsula",
    "Desert",
    "Archipelago",
    "Glacier",
];

/// Words that end the name of a place in a town ("Wall Street", "Tiananmen Square"), as
/// [`NATURAL_PLACE_HEADS`] do in the corpora; works are named after them too ("Sesame
/// Street"), so a MISC ending in one stays as it is.
const TOWN_PLACE_HEADS: &[&str] = &["Street", "Square", "Avenue", "Heights"];

/// Words that open the name of a place ("Mount Everest", "Cape Horn", "Isle of Man").
const PLACE_OPENERS: &[&str] = &["Mount", "Cape", "Isle"];

/// Words that end the name of a state or open it before "of" ("Moravian Principality",
/// "Principality of Nitra", "Russian Empire"): LOCATION in the training corpora in all
/// their uses but a person's surname ("Roger Kingdom") and an era ("Second Empire").
/// Federations are not among them: sports' and trades' federations are organisations.
const POLITY_WORDS: &[&str] = &[
    "Republic",
    "Kingdom",
    "Principality",
    "Empire",
    "Duchy",
    "Sultanate",
    "Emirate",
    "Caliphate",
    "Khanate",
];

/// Makes places of the names whose own words say so, which the tagger may type by a word
/// it knows from elsewhere ("Celtic" of the football club in "Celtic Sea"): a name of two
/// words or more, all capitalised, that is an organisation or a MISC ending in a word of
/// [`NATURAL_PLACE_HEADS`] or opening with one of [`PLACE_OPENERS`], or an organisation
/// ending in a word of [`TOWN_PLACE_HEADS`]; an organisation ending in a word of
/// [`POLITY_WORDS`] or opening with one before "of". A place or a MISC the tagger ended
/// just before a word of [`NATURAL_PLACE_HEADS`], which no name holds, runs on to it
/// ("Hong Kong" + "Island", "Irish" + "Seas"). Persons are left as they are ("Mickey
/// Rivers"). Not in headlines or capitals.
fn places_by_their_words(ws: &[&str], found: &mut [(usize, usize, usize)]) {
    for k in 0..found.len() {
        let (s, e, ty) = found[k];
        let free = found.get(k + 1).map_or(true, |&(s2, _, _)| s2 > e);
        if matches!(ty, LOCATION_TYPE | MISC_TYPE)
            && free
            && ws.get(e).is_some_and(|w| NATURAL_PLACE_HEADS.contains(w))
        {
            found[k] = (s, e + 1, LOCATION_TYPE);
            continue;
        }
        let name = &ws[s..e];
        let [first, .., last] = name else {
            continue;
        };
        let natural = NATURAL_PLACE_HEADS.contains(last) || PLACE_OPENERS.contains(first);
        let town = TOWN_PLACE_HEADS.contains(last);
        let place = name.iter().all(|w| capitalised(w))
            && ((natural && matches!(ty, ORG_TYPE | MISC_TYPE)) || (town && ty == ORG_TYPE));
        let polity = ty == ORG_TYPE
            && (POLITY_WORDS.contains(last) || (POLITY_WORDS.contains(first) && name[1] == "of"));
        if place || polity {
            found[k].2 = LOCATION_TYPE;
        }
    }
}

/// Titles of those who rule or govern a place, before "of" and its name ("the mayor of
/// Saint-Gaudens", "Countess of Lennox", "Duke of Cumberland").
const TITLES_OF_PLACES: &[&str] = &[
    "mayor",
    "governor",
    "duke",
    "duchess",
    "count",
    "countess",
    "earl",
    "prince",
    "princess",
    "king",
    "queen",
    "bishop",
    "archbishop",
    "emperor",
    "empress",
    "baron",
    "baroness",
    "marquess",
    "marquis",
    "viscount",
    "sultan",
    "emir",
    "shah",
    "tsar",
    "czar",
];

/// Makes a place of the name after a ruler's or governor's title and "of", which the
/// tagger, seeing an unknown word near a title, may take for a person or another name
/// ("the mayor of Saint-Gaudens", "Countess of Lennox"). In the training corpora the name
/// after these words and "of" is a place in 19 of 20 uses ("kings of Kadamba", a dynasty,
/// is the other; "governor of Bank of Israel", an organisation of several words, is not
/// taken); a president's is left out (a company's: "president of PC Data Inc").
fn places_after_titles(ws: &[&str], found: &mut [(usize, usize, usize)]) {
    for name in found.iter_mut() {
        let (s, e, ty) = *name;
        // An organisation of several words is left alone: "governor of Bank of Israel".
        let one_org = ty == ORG_TYPE && e - s == 1;
        if (matches!(ty, PERSON_TYPE | MISC_TYPE) || one_org)
            && s >= 2
            && ws[s - 1] == "of"
            && TITLES_OF_PLACES.contains(&ws[s - 2].to_lowercase().as_str())
        {
            name.2 = LOCATION_TYPE;
        }
    }
}

/// Makes an organisation of an acronym in brackets right after an organisation's name
/// ("the International Renewable Energy Agency (IRENA)"), which the tagger may leave out
/// when its letters are not the name's initials: two to six capital letters, the first
/// of them the initial of one of the name's words ("(NYSE)" after a company is left
/// alone). The groups then join the two ([`super::groups`]). Not after a place: a
/// dateline's "(AP)" is the agency.
fn acronyms_in_brackets(ws: &[&str], found: &mut Vec<(usize, usize, usize)>) {
    let mut k = 0;
    while k < found.len() {
        let (s, e, ty) = found[k];
        let free = found.get(k + 1).map_or(true, |&(s2, _, _)| s2 > e + 1);
        let acronym = ws.get(e + 1).copied().unwrap_or("");
        if ty == ORG_TYPE
            && free
            && ws.get(e) == Some(&"(")
            && ws.get(e + 2) == Some(&")")
            && is_initialism(acronym)
            && acronym.len() <= 6
            && ws[s..e]
                .iter()
                .any(|w| w.as_bytes()[0] == acronym.as_bytes()[0])
        {
            found.insert(k + 1, (e + 1, e + 2, ORG_TYPE));
            k += 1;
        }
        k += 1;
    }
}

/// Gives a capitalised word of a list the type of the names on either side of it, which
/// the tagger found while leaving it out ("Reddit, Twitter and Spotify"): one word no name
/// holds, after a name and a comma, before a comma, "and" or "or" and a name of the same
/// type (a person, an organisation or a place). Not in headlines or capitals.
fn names_in_lists(ws: &[&str], found: &mut Vec<(usize, usize, usize)>) {
    let mut k = 0;
    while k + 1 < found.len() {
        let (_, e1, ty1) = found[k];
        let (s2, _, ty2) = found[k + 1];
        let i = e1 + 1;
        if ty1 == ty2
            && ty1 != MISC_TYPE
            && s2 == i + 2
            && ws[e1] == ","
            && matches!(ws[i + 1], "," | "and" | "or")
            && (capitalised(ws[i]) || is_initialism(ws[i]))
        {
            found.insert(k + 1, (i, i + 1, ty1));
            k += 1;
        }
        k += 1;
    }
}

/// Whether a word is two or more capital letters and nothing else ("IAG", "KFC").
pub(super) fn is_initialism(word: &str) -> bool {
    word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase())
}

/// Words that stand before a person's name only, as written in running text (British news
/// writes them without a full stop; in capitals, "MX" is more likely a team's initials).
const HONORIFICS: &[&str] = &["Mr", "Mrs", "Ms", "Mx", "Dr"];

fn is_honorific(word: &str) -> bool {
    HONORIFICS.contains(&word.strip_suffix('.').unwrap_or(word))
}

fn is_title(word: &str) -> bool {
    let lower = word.to_lowercase();
    TITLES.contains(&lower.as_str())
}

/// Moves titles out of a person's span into its role: those the tagger left outside
/// ("President Vladimir Putin") and any it took in. A run of capitalised words before a
/// title belongs to it ("State Security Minister"), up to an earlier name.
fn person_role(words: &[&str], mut s: usize, e: usize, named: &[bool]) -> (usize, Option<String>) {
    let mut role: Vec<&str> = Vec::new();
    while e - s > 1 && is_title(words[s]) {
        role.push(words[s]);
        s += 1;
    }
    let mut b = s;
    let mut seen_title = !role.is_empty();
    while b > 0 && !named[b - 1] {
        let w = words[b - 1];
        let capitalised = w.chars().next().is_some_and(char::is_uppercase);
        if is_title(w) {
            seen_title = true;
        } else if !(seen_title
            && capitalised
            && w.chars().all(|c| c.is_alphabetic() || c == '-')
            && !NOT_TITLE_WORDS.contains(&w.to_lowercase().as_str()))
        {
            break;
        }
        b -= 1;
    }
    // Capitalised words are only walked over after a title, so `lead` ends with one.
    let mut lead: Vec<&str> = words[b..s].to_vec();
    lead.extend(role);
    (s, (!lead.is_empty()).then(|| lead.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document of many distinct words, even lower-case ones the pruned tagger never
    /// scores (so that its cache of scored words stays small), does not leave its large
    /// maps to the thread; a short one does.
    #[test]
    fn buffers_are_kept_after_a_short_document_only() {
        let tag_text = |text: &str| {
            let blocks: Vec<_> = crate::input::line_blocks(text, 0, text.len()).collect();
            tag(text, &crate::tokens::tokenize(text, &blocks))
        };
        let held = || {
            BUFFERS.with(|b| {
                let kept = b.take();
                let held = kept.is_some();
                b.set(kept);
                held
            })
        };
        tag_text("Ada Penrose met Orchard Trust in Eastbridge.");
        assert!(held());
        // Distinct lower-case words: "qa", "qb", … (base 26), one sentence of prose.
        let word = |mut n: usize| {
            let mut w = String::from("q");
            loop {
                w.push(char::from(b'a' + (n % 26) as u8));
                n /= 26;
                if n == 0 {
                    return w;
                }
            }
        };
        // Sentences that name someone, so that the tagger scores only the words beside
        // the names and caches few.
        let long: Vec<String> = (0..3 * KEEP_WORDS).map(word).collect();
        let text: String = long
            .chunks(25)
            .map(|ws| format!("Then Ada Penrose wrote {}. ", ws.join(" ")))
            .collect();
        tag_text(&text);
        assert!(!held());
        tag_text("Ada Penrose met Orchard Trust in Eastbridge.");
        assert!(held());
    }

    /// The casing and the history read by the words' numbers ([`Tok::numbered`]) tag as
    /// those read by key: the same names, with one word in lower case, capitalised,
    /// in capitals and in a headline.
    #[test]
    fn numbered_words_tag_as_keyed_words() {
        let text = "MARLOW HALL SELLS FARM TO ORCHARD TRUST\n\
            Marlow Hall Weighs Offer From Orchard Trust Over Farm\n\
            The orchard trust said on Monday that Marlow Hall had sold its farm near \
            Eastbridge. \"We are glad,\" said Ada Penrose, who chairs the Orchard Trust. \
            Penrose said the hall would keep its orchard. Hall staff were told in March.\n\
            Marlow said little. The trust will plant apples; Penrose wants pears.";
        let blocks: Vec<_> = crate::input::line_blocks(text, 0, text.len()).collect();
        let tokenized = crate::tokens::tokenize(text, &blocks);
        let sentences = tagger_sentences(text, &tokenized);
        let words: Vec<Vec<&str>> = sentences
            .iter()
            .map(|s| s.iter().map(|t| &text[t.0..t.1]).collect())
            .collect();
        let model = model();
        let mut numbers: KeyMap<u64, u32> = KeyMap::default();
        let toks: Vec<Vec<Tok>> = words
            .iter()
            .map(|ws| {
                ws.iter()
                    .map(|w| {
                        let t = Tok::new(w).with_lexicon(&model.gazetteer);
                        let next = numbers.len() as u32;
                        t.numbered(*numbers.entry(t.key).or_insert(next))
                    })
                    .collect()
            })
            .collect();
        assert!(numbers.len() < toks.iter().map(Vec::len).sum::<usize>());
        for scoring in [Scoring::Plain, Scoring::Cached, Scoring::Pruned] {
            let none = None::<fn(&Lattice)>;
            let by_key = tag_words_in(
                &mut Buffers::default(),
                model,
                &words,
                &toks,
                None,
                scoring,
                none,
            );
            let by_number = tag_words_in(
                &mut Buffers::default(),
                model,
                &words,
                &toks,
                Some(numbers.len()),
                scoring,
                none,
            );
            assert_eq!(by_key, by_number, "{scoring:?}");
            assert!(by_key.iter().any(|names| !names.is_empty()));
        }
    }

    /// The pre-check of [`is_event_word`] lets every listed word through, and no other.
    #[test]
    fn event_words_pass_their_pre_check() {
        for w in EVENT_WORDS {
            assert!(is_event_word(w), "{w}");
        }
        for w in [
            "",
            "W",
            "war",
            "WAR",
            "Warsaw",
            "Games2",
            "Revolutions",
            "Spring ",
        ] {
            assert!(!is_event_word(w), "{w:?}");
        }
    }

    /// Roman numerals from II to XXXIX are regnal numbers; "I" and other words are not.
    #[test]
    fn regnal_numbers_are_roman_numerals_but_i() {
        for w in [
            "II", "III", "IV", "V", "IX", "X", "XI", "XIV", "XX", "XXXIX",
        ] {
            assert!(regnal_number(w), "{w}");
        }
        for w in ["", "I", "IIII", "XXXX", "XL", "Xi", "VX", "Iv", "MIX"] {
            assert!(!regnal_number(w), "{w:?}");
        }
    }

    /// A person's name runs on to "I" only before "(" or "of"; a suffix another name
    /// holds stays apart.
    #[test]
    fn a_name_takes_the_pronoun_i_only_before_a_bracket_or_of() {
        let join_all = |text: &str, mut found: Vec<(usize, usize, usize)>| {
            let words: Vec<&str> = text.split(' ').collect();
            join_name_suffixes(&words, &mut found);
            found
        };
        let join = |text: &str, name: (usize, usize)| {
            join_all(text, vec![(name.0, name.1, PERSON_TYPE)])[0]
        };
        assert_eq!(join("Then I told Smith I would come .", (3, 4)), (3, 4, 0));
        assert_eq!(join("Then Boris I ( ruled ) came .", (1, 2)), (1, 3, 0));
        assert_eq!(join("Then Charles I of England came .", (1, 2)), (1, 3, 0));
        assert_eq!(join("Then Martin King , Jr. came .", (1, 3)), (1, 5, 0));
        assert_eq!(join("Then Louis the Great came .", (1, 2)), (1, 4, 0));
        assert_eq!(join("Then Louis the Greatest came .", (1, 2)), (1, 2, 0));
        // "Great" tagged apart (MISC) keeps its own name.
        let apart = vec![(1, 2, PERSON_TYPE), (3, 4, MISC_TYPE)];
        assert_eq!(
            join_all("Then Louis the Great came .", apart.clone()),
            apart
        );
    }

    /// Each word of a text gets the number of its bytes and length, read whole or near the
    /// text's end; words longer than 15 bytes get none.
    #[test]
    fn packed_words_are_their_bytes() {
        let text = "a Bb ccc 0123456789abcde x-ray Zoë 0123456789abcdef é ’s";
        let bytes = text.as_bytes();
        let mut seen: Vec<(u128, &str)> = Vec::new();
        let mut start = 0;
        for w in text.split(' ') {
            let got = packed_word(bytes, start, w.len());
            if w.len() > 15 {
                assert_eq!(got, None, "{w:?}");
            } else {
                let mut want = [0u8; 16];
                want[..w.len()].copy_from_slice(w.as_bytes());
                want[15] = w.len() as u8;
                assert_eq!(got, Some(u128::from_le_bytes(want)), "{w:?}");
                seen.push((got.expect("short"), w));
            }
            start += w.len() + 1;
        }
        for (i, a) in seen.iter().enumerate() {
            for b in &seen[i + 1..] {
                assert_ne!(a.0, b.0, "{} {}", a.1, b.1);
            }
        }
        // The empty word, and a text shorter than sixteen bytes.
        assert_eq!(packed_word(b"ab", 1, 0), Some(0));
        assert_eq!(packed_word(b"ab", 1, 1), Some(b'b' as u128 | 1 << 120));
    }
}
