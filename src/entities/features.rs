//! What the name tagger looks at: the features of a token in its sentence and document,
//! shared by the tagger in the page ([`super::tagger`]) and the training code
//! ([`super::train`]), so that both see exactly the same thing.
//!
//! Every feature is a 32-bit hash of a template name and its values (the word, its shape,
//! the previous tag, ...); the model maps hashes to weights, one per tag. Hashing keeps
//! the model free of strings and the extraction free of allocation.
//!
//! Tags are BILOU over four types: `O`, then `B-`, `I-`, `L-`, `U-` for PER, ORG, LOC,
//! MISC in that order.

use crate::model::EntityType;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Keys here are hashes already: a map need not hash them again.
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    /// Strings (the words of a document): eight bytes at a time.
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.0 = mix(self.0, u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            // The length in the top byte, which the (at most 7) bytes leave free: "ab" and
            // "ab\0" hash apart.
            self.0 = mix(self.0, u64::from_le_bytes(last) | (rest.len() as u64) << 56);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (n as u64).wrapping_mul(K0);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(K0);
    }
    /// Short words packed whole (see `tagger::packed_word`): their bytes are no hash, so
    /// both halves are mixed into the low bits the map's buckets read.
    fn write_u128(&mut self, n: u128) {
        let h = ((n as u64).wrapping_mul(K0) ^ (n >> 64) as u64).wrapping_mul(K1);
        self.0 = h ^ (h >> 32);
    }
}

/// A second odd multiplier, for [`KeyHasher::write_u128`].
const K1: u64 = 0x9e37_79b9_7f4a_7c15;

/// A map keyed by hashes.
pub type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// The name types the tagger learns, in tag order.
pub const TYPES: [EntityType; 4] = [
    EntityType::Person,
    EntityType::Org,
    EntityType::Location,
    EntityType::Misc,
];

/// `O` plus B/I/L/U for each type.
pub const N_TAGS: usize = 1 + 4 * TYPES.len();

/// The part of a name a tag marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Begin,
    Inside,
    Last,
    Unit,
}

/// The tag for `part` of a name of type `ty` (an index into [`TYPES`]).
pub const fn tag_of(ty: usize, part: Part) -> u8 {
    (1 + 4 * ty + part as usize) as u8
}

/// The type (index into [`TYPES`]) and part a tag marks; `None` for `O`.
pub fn tag_parts(tag: u8) -> Option<(usize, Part)> {
    if tag == 0 {
        return None;
    }
    let t = (tag - 1) as usize;
    let part = match t % 4 {
        0 => Part::Begin,
        1 => Part::Inside,
        2 => Part::Last,
        _ => Part::Unit,
    };
    Some((t / 4, part))
}

/// Whether tag `cur` may follow tag `prev` (BILOU: a name that began must go on or end
/// with its own type; outside a name only `O`, `B` or `U` may come).
pub fn allowed(prev: u8, cur: u8) -> bool {
    let open = matches!(tag_parts(prev), Some((_, Part::Begin | Part::Inside)));
    match (tag_parts(prev), tag_parts(cur)) {
        (Some((pt, _)), Some((ct, Part::Inside | Part::Last))) => open && pt == ct,
        (None, Some((_, Part::Inside | Part::Last))) => false,
        _ => !open,
    }
}

/// Whether a name may end after tag `last` (the sentence ends there).
pub fn may_end(last: u8) -> bool {
    !matches!(tag_parts(last), Some((_, Part::Begin | Part::Inside)))
}

/// Feature templates. The discriminant is hashed into every feature of the template, so
/// changing the order changes the model: retrain after editing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u64)]
pub enum T {
    Bias = 1,
    Word,
    WordPrev,
    WordNext,
    WordPrev2,
    WordNext2,
    WordPrevWord,
    WordWordNext,
    Shape,
    ShapePrev,
    ShapeNext,
    ShortPrevShort,
    ShortShortNext,
    ShortTrigram,
    Prefix,
    Suffix,
    FirstShape,
    AllCapsShape,
    DocCase,
    WordPrevShape,
    ShapeWordNext,
    Gazetteer,
    GazetteerPrev,
    GazetteerNext,
    PrevTag,
    PrevTagWord,
    PrevTagShape,
    History,
    HistoryShape,
    Length,
    Lexicon,
    LexiconNext,
    PrevSuffix,
    NextSuffix,
    Cluster,
    ClusterPrev,
    ClusterNext,
}

const K0: u64 = 0x517c_c1b7_2722_0a95;

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K0)
}

/// Bits of a feature's key: the tagger's table and the model file keep them (the file
/// writes each key as the distance from the previous one, which fewer bits shorten). One
/// feature the model does not hold in some 400 shares its key with one of the shipped
/// model's features, in training as on the page.
pub const FEATURE_BITS: u32 = 24;

#[inline]
fn finish(h: u64) -> u32 {
    let h = (h ^ (h >> 31)).wrapping_mul(0x94d0_49bb_1331_11eb);
    let h = (h ^ (h >> 29)) as u32;
    // 0 marks an empty slot in the tagger's table.
    (h >> (32 - FEATURE_BITS)).max(1)
}

#[inline]
fn f1(t: T, a: u64) -> u32 {
    finish(mix(mix(0, t as u64), a))
}

#[inline]
fn f2(t: T, a: u64, b: u64) -> u32 {
    finish(mix(mix(mix(0, t as u64), a), b))
}

#[inline]
fn f3(t: T, a: u64, b: u64, c: u64) -> u32 {
    finish(mix(mix(mix(mix(0, t as u64), a), b), c))
}

/// FNV-1a's starting state.
const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// One character into an FNV-1a state.
#[inline(always)]
fn fnv_step(h: u64, c: char) -> u64 {
    (h ^ c as u64).wrapping_mul(0x0100_0000_01b3)
}

/// FNV-1a over the characters given.
fn hash_chars(cs: impl Iterator<Item = char>) -> u64 {
    mix(cs.fold(FNV_START, fnv_step), 0x9e37)
}

/// The form of a word the features read: lower case, curly apostrophes and quotes
/// straightened, digits as `0`.
fn norm_char(c: char) -> char {
    match c {
        '’' | '‘' | '`' => '\'',
        '“' | '”' | '«' | '»' => '"',
        '–' | '—' | '‐' => '-',
        c if c.is_ascii_digit() => '0',
        c => c,
    }
}

/// The hash of a word's normalised lower-case form, the key of the gazetteer.
pub fn word_key(word: &str) -> u64 {
    if word.is_ascii() {
        return hash_chars(word.bytes().map(ascii_norm));
    }
    // As `hash_chars(word.chars().flat_map(char::to_lowercase).map(norm_char))`, with the
    // common letters lowered without the Unicode tables.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut step = |c: char| {
        h ^= norm_char(c) as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    for c in word.chars() {
        if c.is_ascii() {
            step(c.to_ascii_lowercase());
        } else if let Some((_, lower)) = common_letter(c) {
            step(lower);
        } else if plain_symbol(c) {
            step(c);
        } else {
            c.to_lowercase().for_each(&mut step);
        }
    }
    mix(h, 0x9e37)
}

/// Whether a character is one of the marks news writes outside ASCII (the general
/// punctuation block: curly quotes, dashes, ellipsis; the currency signs): no letter, no
/// figure, no case, its own lower case. Answered without the Unicode tables, which
/// `shapes` and `word_key` would otherwise ask four or five times about each
/// (`plain_symbols_agree_with_the_unicode_tables`).
#[inline]
fn plain_symbol(c: char) -> bool {
    matches!(c as u32, 0x2000..=0x206f | 0x20a0..=0x20cf)
}

/// The shape (`'X'` upper case, `'x'` lower case, `'a'` a letter without case) and the
/// lower case of a letter of the blocks news outside ASCII mostly uses (Latin-1, basic
/// Cyrillic, kana, CJK ideographs, Hangul syllables), without the Unicode tables; `None`
/// for other characters. The same answers as the tables
/// (`common_letters_agree_with_the_unicode_tables`).
#[inline]
fn common_letter(c: char) -> Option<(char, char)> {
    let u = c as u32;
    let shifted = |d: u32| char::from_u32(u + d).map(|l| ('X', l));
    match u {
        0xc0..=0xde if u != 0xd7 => shifted(0x20),
        0xdf..=0xff if u != 0xf7 => Some(('x', c)),
        0x400..=0x40f => shifted(0x50),
        0x410..=0x42f => shifted(0x20),
        0x430..=0x45f => Some(('x', c)),
        0x3041..=0x3096 | 0x30a1..=0x30fa | 0x4e00..=0x9fff | 0xac00..=0xd7a3 => Some(('a', c)),
        _ => None,
    }
}

/// `norm_char` of the lower case of an ASCII character (the common case, without the
/// Unicode tables).
#[inline]
fn ascii_norm(b: u8) -> char {
    match b {
        b'0'..=b'9' => '0',
        b'`' => '\'',
        b => b.to_ascii_lowercase() as char,
    }
}

/// The characters the affix features read: the word's normalised lower-case form.
fn lower_chars(word: &str, out: &mut Vec<char>) {
    if word.is_ascii() {
        out.extend(word.bytes().map(ascii_norm).take(40));
    } else {
        // As `word.chars().flat_map(char::to_lowercase).map(norm_char).take(40)`, with
        // the common letters and marks lowered without the Unicode tables.
        let end = out.len() + 40;
        for c in word.chars() {
            if out.len() >= end {
                break;
            }
            if c.is_ascii() {
                out.push(ascii_norm(c as u8));
            } else if let Some((_, lower)) = common_letter(c) {
                out.push(norm_char(lower));
            } else if plain_symbol(c) {
                out.push(norm_char(c));
            } else {
                for l in c.to_lowercase() {
                    if out.len() < end {
                        out.push(norm_char(l));
                    }
                }
            }
        }
    }
}

/// The key of a sequence of word keys (a gazetteer entry).
pub fn seq_key(keys: &[u64]) -> u32 {
    let mut h = SEQ_SEED;
    for &k in keys {
        h = mix(h, k);
    }
    finish(h)
}

const SEQ_SEED: u64 = 0x0067_617a;

/// How a word is written: `X` upper, `x` lower, `d` digit, other characters as they are,
/// runs longer than two cut to two ("McDonald" → "XxXxx"; short shape "XxXx").
/// Also whether the word [`Tok::may_be_in_name`].
fn shapes(word: &str) -> (u64, u64, Case, bool) {
    let mut long: u64 = 0xcbf2_9ce4_8422_2325;
    let mut short: u64 = long;
    let (mut last, mut run) = ('\0', 0);
    let (mut up, mut low, mut letters) = (0, 0, 0);
    // Figures and letters of a script without case.
    let mut other = false;
    for (i, c) in word.chars().enumerate() {
        // ASCII first: the same answers without the Unicode tables.
        let s = if c.is_ascii_uppercase() {
            up += 1;
            letters += 1;
            'X'
        } else if c.is_ascii_lowercase() {
            low += 1;
            letters += 1;
            'x'
        } else if c.is_ascii_digit() {
            other = true;
            'd'
        } else if c.is_ascii() {
            norm_char(c)
        } else if let Some((shape, _)) = common_letter(c) {
            match shape {
                'X' => up += 1,
                'x' => low += 1,
                _ => other = true,
            }
            letters += 1;
            shape
        } else if plain_symbol(c) {
            norm_char(c)
        } else if c.is_uppercase() {
            up += 1;
            letters += 1;
            'X'
        } else if c.is_lowercase() {
            low += 1;
            letters += 1;
            'x'
        } else if c.is_numeric() {
            other = true;
            'd'
        } else if c.is_alphabetic() {
            letters += 1;
            other = true;
            'a'
        } else {
            norm_char(c)
        };
        if s == last {
            run += 1;
        } else {
            run = 1;
            short = (short ^ s as u64).wrapping_mul(0x0100_0000_01b3);
        }
        if run <= 2 {
            long = (long ^ s as u64).wrapping_mul(0x0100_0000_01b3);
        }
        last = s;
        if i > 64 {
            break;
        }
    }
    let first_up = word.chars().next().is_some_and(|c| match common_letter(c) {
        Some((shape, _)) => shape == 'X',
        None => !plain_symbol(c) && c.is_uppercase(),
    });
    let case = if letters == 0 {
        Case::NoLetters
    } else if low == 0 && up > 0 {
        Case::Upper
    } else if first_up {
        Case::Title
    } else if up == 0 {
        Case::Lower
    } else {
        Case::Mixed
    };
    (mix(long, 1), mix(short, 2), case, up > 0 || other)
}

/// How a word is capitalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    NoLetters,
    Lower,
    Title,
    Upper,
    Mixed,
}

/// One token as the features read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// [`word_key`] of the token.
    pub key: u64,
    shape: u64,
    short: u64,
    pub case: Case,
    /// Characters, up to 255.
    len: u8,
    /// [`Tok::may_be_in_name`].
    named: bool,
    /// The lexicon's class of the word ([`Gazetteer::lexicon_class`]), when the tagger
    /// looked it up once for every token of the word ([`Tok::with_lexicon`]); else
    /// [`LEX_UNKNOWN`], and it is looked up at each token.
    lex: u8,
    /// The document's number of the word's key, when the tagger numbered the document's
    /// words ([`Tok::numbered`]): the casing and the earlier names of the word are then
    /// read from a list at that number, not from a map by key. Else [`NO_WORD`].
    word: u32,
    /// [`Gazetteer::cluster_code`] of the word, when looked up with the lexicon class;
    /// else [`CLUS_UNKNOWN`].
    clus: u32,
}

/// [`Tok::clus`] of a token whose cluster is not looked up yet.
const CLUS_UNKNOWN: u32 = u32::MAX;

/// [`Tok::lex`] of a token whose lexicon class is not looked up yet.
const LEX_UNKNOWN: u8 = u8::MAX;

/// [`Tok::word`] of a token whose word the tagger did not number.
const NO_WORD: u32 = u32::MAX;

impl Tok {
    pub fn new(word: &str) -> Tok {
        if word.is_ascii() {
            return Tok::ascii(word.as_bytes());
        }
        Tok::any(word)
    }

    /// [`Tok::new`] of an ASCII word: the shapes, the case and the key in one pass over the
    /// bytes, without the Unicode tables (the same values: `tok_of_ascii_words_is_tok_of_any`).
    fn ascii(word: &[u8]) -> Tok {
        const FNV: u64 = 0x0100_0000_01b3;
        let mut key: u64 = 0xcbf2_9ce4_8422_2325;
        let mut long = key;
        let mut short = key;
        let (mut last, mut run) = (0u8, 0);
        let (mut up, mut low, mut digits) = (0, 0, false);
        for (i, &b) in word.iter().enumerate() {
            key = (key ^ ascii_norm(b) as u64).wrapping_mul(FNV);
            // `shapes` reads the first 66 characters.
            if i > 65 {
                continue;
            }
            let s = match b {
                b'A'..=b'Z' => {
                    up += 1;
                    b'X'
                }
                b'a'..=b'z' => {
                    low += 1;
                    b'x'
                }
                b'0'..=b'9' => {
                    digits = true;
                    b'd'
                }
                b'`' => b'\'',
                b => b,
            };
            if s == last {
                run += 1;
            } else {
                run = 1;
                short = (short ^ s as u64).wrapping_mul(FNV);
            }
            if run <= 2 {
                long = (long ^ s as u64).wrapping_mul(FNV);
            }
            last = s;
        }
        let case = if up + low == 0 {
            Case::NoLetters
        } else if low == 0 {
            Case::Upper
        } else if word[0].is_ascii_uppercase() {
            Case::Title
        } else if up == 0 {
            Case::Lower
        } else {
            Case::Mixed
        };
        Tok {
            key: mix(key, 0x9e37),
            shape: mix(long, 1),
            short: mix(short, 2),
            case,
            len: word.len().min(255) as u8,
            named: up > 0 || digits,
            lex: LEX_UNKNOWN,
            word: NO_WORD,
            clus: CLUS_UNKNOWN,
        }
    }

    /// [`Tok::new`] of any word.
    fn any(word: &str) -> Tok {
        let (shape, short, case, named) = shapes(word);
        Tok {
            key: word_key(word),
            shape,
            short,
            case,
            len: word.chars().count().min(255) as u8,
            named,
            lex: LEX_UNKNOWN,
            word: NO_WORD,
            clus: CLUS_UNKNOWN,
        }
    }

    /// The token with its lexicon class in `gazetteer` looked up: a document's tokens of
    /// one word share one [`Tok`], so the tagger looks the class up once per word. The
    /// token must then be read with that gazetteer only.
    pub fn with_lexicon(mut self, gazetteer: &Gazetteer) -> Tok {
        self.lex = gazetteer.lexicon_class(self.key) as u8;
        self.clus = gazetteer.cluster_code(self.key);
        self
    }

    /// The token with its word's number in the document: the same number for every token
    /// with the same key ([`word_key`]), numbered from 0 without gaps, so that
    /// [`DocCasing::read_numbered`] and [`History::numbered`] keep a list by number instead
    /// of a map by key (no hash at each token).
    pub fn numbered(mut self, word: u32) -> Tok {
        self.word = word;
        self
    }

    /// Whether the word may be part of a name on its own writing: it has a capital, a
    /// figure ("2016 Olympics", "F-16"), or a letter of a script without case (whose
    /// capitals say nothing). (Read in the first 66 characters, as the shapes are.)
    pub fn may_be_in_name(&self) -> bool {
        self.named
    }
}

const PAD_BEFORE: u64 = 0xb05;
const PAD_AFTER: u64 = 0xe05;

/// Names seen in the training data: a normalised word sequence → the types it was tagged
/// with (bit `i` for [`TYPES`]`[i]`).
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    pub entries: KeyMap<u32, u8>,
    /// The longest entry, in words.
    pub max_len: usize,
    /// How the training text writes a word (its [`lexicon_key`] → [`LEX_LOWER`] or
    /// [`LEX_MOSTLY_CAPITALISED`]); words it never writes in lower case are absent. An
    /// unknown capitalised word that opens a sentence is more likely a name ("Seagal made
    /// headlines") than one the language writes in lower case ("Earlier this year").
    pub lexicon: KeyMap<u32, u8>,
    /// The word clusters: a word's [`cluster_key`] → its fine cluster + 1. Words that
    /// appear in like contexts share a cluster ("zimmer", "fischer", "wagner"; "thrace",
    /// "bavaria", "saxony"), so a name training never saw reads like those it did.
    pub clusters: WordClusters,
    /// One bit per 2^k values of an entry's key, set if some entry has one
    /// ([`Gazetteer::build_filter`]): a sequence whose bit is clear is in no entry, and
    /// [`Gazetteer::marks`] need not look it up in `entries` (most sequences it tries are
    /// not names). Empty: every sequence is looked up (training, whose entries grow).
    pub(crate) filter: Vec<u64>,
}

/// Bits of [`Gazetteer::filter`] per entry, at least: one sequence that is no entry in
/// some sixteen has its bit set by chance (the shipped model's 25,000 entries: 64 KB).
const GAZETTEER_FILTER_BITS_PER_ENTRY: usize = 16;

/// The bit of [`Gazetteer::filter`] (of `words` words, a power of two) for key `k`.
#[inline]
fn gazetteer_bit(k: u32, words: usize) -> (usize, u64) {
    let b = k.wrapping_mul(0x9e37_79b1) as usize;
    let b = b & (words * 64 - 1);
    (b >> 6, 1u64 << (b & 63))
}

/// The training text writes the word in lower case, more often than capitalised within a
/// sentence ("earlier", "president").
pub const LEX_LOWER: u8 = 1;
/// The training text writes the word in lower case, but capitalised within a sentence at
/// least as often ("Bush", "May").
pub const LEX_MOSTLY_CAPITALISED: u8 = 2;
/// Bits of a word's key the lexicon keeps: one unknown word in 2^9 shares a key with one
/// of ~8,000 words it holds.
pub const LEXICON_BITS: u32 = 22;

/// The lexicon's key of a word, from its [`word_key`]: the top [`LEXICON_BITS`] bits.
pub fn lexicon_key(key: u64) -> u32 {
    (key >> (64 - LEXICON_BITS)) as u32
}

/// Words grouped by the company they keep: each word's fine cluster and each fine
/// cluster's coarse one (512 and 64 in the shipped model; see MODEL.md).
#[derive(Debug, Clone, Default)]
pub struct WordClusters {
    /// A word's [`cluster_key`] → its fine cluster + 1.
    pub words: KeyMap<u32, u16>,
    /// Each fine cluster's coarse cluster.
    pub coarse: Vec<u8>,
}

impl WordClusters {
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Bits of a word's key the word clusters keep ([`Gazetteer::clusters`]): the shipped
/// 100,000 words fill one key in ten, so one word in ten outside them reads a listed
/// word's cluster, in training as on the page.
pub const CLUSTER_BITS: u32 = 20;

/// The word clusters' key of a word, from its [`word_key`]: the top [`CLUSTER_BITS`] bits.
pub fn cluster_key(key: u64) -> u32 {
    (key >> (64 - CLUSTER_BITS)) as u32
}

/// Bits of a fine cluster's number in the model file, for `n_fine` clusters.
pub fn cluster_id_bits(n_fine: usize) -> u32 {
    usize::BITS - n_fine.saturating_sub(1).leading_zeros()
}

impl Gazetteer {
    /// Builds [`Gazetteer::filter`] from the entries: call it once they are final (entries
    /// added afterwards would be missed by [`Gazetteer::marks`]).
    pub fn build_filter(&mut self) {
        let bits = (self.entries.len() * GAZETTEER_FILTER_BITS_PER_ENTRY)
            .next_power_of_two()
            .max(64);
        let mut filter = vec![0u64; bits / 64];
        for &k in self.entries.keys() {
            let (w, bit) = gazetteer_bit(k, filter.len());
            filter[w] |= bit;
        }
        self.filter = filter;
    }

    /// The types of the entry with key `k`, if any.
    #[inline]
    fn entry(&self, k: u32) -> Option<u8> {
        if !self.filter.is_empty() {
            let (w, bit) = gazetteer_bit(k, self.filter.len());
            if self.filter[w] & bit == 0 {
                return None;
            }
        }
        self.entries.get(&k).copied()
    }

    /// The lexicon's class of a word: 0 (never lower case), [`LEX_LOWER`] or
    /// [`LEX_MOSTLY_CAPITALISED`].
    fn lexicon_class(&self, key: u64) -> u64 {
        self.lexicon.get(&lexicon_key(key)).copied().unwrap_or(0) as u64
    }

    /// A word's clusters: (coarse + 1) << 16 | (fine + 1), or 0 for a word in no cluster.
    pub fn cluster_code(&self, key: u64) -> u32 {
        match self.clusters.words.get(&cluster_key(key)) {
            Some(&f) => (self.clusters.coarse[f as usize - 1] as u32 + 1) << 16 | f as u32,
            None => 0,
        }
    }

    /// [`Gazetteer::cluster_code`] of token `t`'s word.
    #[inline]
    fn cluster_of(&self, t: &Tok) -> u64 {
        if t.clus != CLUS_UNKNOWN {
            t.clus as u64
        } else {
            self.cluster_code(t.key) as u64
        }
    }

    /// [`Gazetteer::lexicon_class`] of token `t`'s word, its case in the low three bits.
    #[inline]
    fn lexicon_and_case(&self, t: &Tok) -> u64 {
        let class = if t.lex != LEX_UNKNOWN {
            t.lex as u64
        } else {
            self.lexicon_class(t.key)
        };
        class * 8 + t.case as u64
    }

    /// For each token, the gazetteer marks it carries: (type bits, part) of the longest
    /// entry starting at each position that covers it, into `out[..toks.len()]` (the lists
    /// are kept from sentence to sentence, so they are allocated once; those past the
    /// sentence are stale and not read).
    fn marks(&self, toks: &[Tok], out: &mut Vec<Vec<(u8, Part)>>) {
        if out.len() < toks.len() {
            out.resize_with(toks.len(), Vec::new);
        }
        for m in &mut out[..toks.len()] {
            m.clear();
        }
        if self.entries.is_empty() {
            return;
        }
        for i in 0..toks.len() {
            if matches!(toks[i].case, Case::NoLetters | Case::Lower) {
                // Punctuation, numbers and lower-case words do not start a name.
                continue;
            }
            let mut h = SEQ_SEED;
            let mut best = None;
            for (j, t) in toks.iter().enumerate().take(i + self.max_len).skip(i) {
                h = mix(h, t.key);
                if let Some(bits) = self.entry(finish(h)) {
                    best = Some((j + 1 - i, bits));
                }
            }
            if let Some((len, bits)) = best {
                for k in 0..len {
                    let part = match (len, k) {
                        (1, _) => Part::Unit,
                        (_, 0) => Part::Begin,
                        (l, k) if k + 1 == l => Part::Last,
                        _ => Part::Inside,
                    };
                    out[i + k].push((bits, part));
                }
            }
        }
    }
}

/// What a document says about a word's usual casing, read from the sentences that are
/// not all capitals: whether it appears in lower case, and capitalised away from the start
/// of a sentence. This tells a headline's `APPLE` the company from `APPLES` the fruit, and a
/// sentence-initial `Bush` the person from `Bush` the plant.
#[derive(Debug, Default)]
pub struct DocCasing {
    seen: KeyMap<u64, u8>,
    /// What `seen` says, by the words' numbers ([`Tok::numbered`]), when `numbered`.
    by_word: Vec<u8>,
    numbered: bool,
}

const SEEN_LOWER: u8 = 1;
const SEEN_CAPITALISED: u8 = 2;

/// Hands `f` each token whose casing tells something, with what it tells: a lower-case
/// word, or a capitalised one away from its sentence's start; sentences in capitals or in
/// headline case tell nothing.
#[inline]
fn casing_seen<'a>(sentences: &'a [Vec<Tok>], mut f: impl FnMut(&'a Tok, u8)) {
    for s in sentences {
        if all_caps(s) || headline_case(s) {
            continue;
        }
        for (i, t) in s.iter().enumerate() {
            let bit = match t.case {
                Case::Lower => SEEN_LOWER,
                Case::Title | Case::Mixed if i > 0 => SEEN_CAPITALISED,
                _ => continue,
            };
            f(t, bit);
        }
    }
}

impl DocCasing {
    /// Reads the casing of every sentence of a document.
    pub fn new(sentences: &[Vec<Tok>]) -> DocCasing {
        let mut casing = DocCasing::default();
        casing.read(sentences);
        casing
    }

    /// [`DocCasing::new`] in place: forgets what it read of another document, keeping its
    /// memory.
    pub fn read(&mut self, sentences: &[Vec<Tok>]) {
        self.numbered = false;
        let seen = &mut self.seen;
        seen.clear();
        casing_seen(sentences, |t, bit| *seen.entry(t.key).or_default() |= bit);
    }

    /// [`DocCasing::read`] of sentences whose tokens are numbered ([`Tok::numbered`]) from 0
    /// to `words` - 1: the same casing, kept by number.
    pub fn read_numbered(&mut self, sentences: &[Vec<Tok>], words: usize) {
        self.numbered = true;
        self.seen.clear();
        let by_word = &mut self.by_word;
        by_word.clear();
        by_word.resize(words, 0);
        casing_seen(sentences, |t, bit| by_word[t.word as usize] |= bit);
    }

    /// What the document says of the casing of token `t`'s word.
    #[inline]
    fn of(&self, t: &Tok) -> u8 {
        if self.numbered {
            self.by_word[t.word as usize]
        } else {
            self.seen.get(&t.key).copied().unwrap_or(0)
        }
    }
}

/// A sentence written in capitals (a headline, a dateline): no lower-case word and at
/// least one upper-case word of two letters or more.
pub fn all_caps(s: &[Tok]) -> bool {
    !s.iter()
        .any(|t| matches!(t.case, Case::Lower | Case::Title | Case::Mixed))
        && s.iter()
            .any(|t| t.case == Case::Upper && t.shape != t.short)
}

/// A sentence in headline case ("Putin Sends Russia’s Top Spy to North Korea"): at least
/// three words of four letters or more, all capitalised, and no long word in lower case.
/// Its capitals say as little as a capitals-only sentence's.
pub fn headline_case(s: &[Tok]) -> bool {
    let mut long_caps = 0;
    for t in s {
        match t.case {
            Case::Lower if t.len >= 4 => return false,
            Case::Title | Case::Upper | Case::Mixed if t.len >= 4 => long_caps += 1,
            _ => {}
        }
    }
    long_caps >= 3
}

/// Features of every token of a sentence that do not depend on the tags chosen:
/// `feats[starts[i]..starts[i + 1]]` are token `i`'s.
#[derive(Debug, Default, Clone)]
pub struct SentenceFeatures {
    pub feats: Vec<u32>,
    pub starts: Vec<u32>,
}

impl SentenceFeatures {
    pub fn of(&self, i: usize) -> &[u32] {
        &self.feats[self.starts[i] as usize..self.starts[i + 1] as usize]
    }
}

/// Reusable buffers of [`sentence_features`].
#[derive(Default)]
pub struct Scratch {
    chars: Vec<char>,
    marks: Vec<Vec<(u8, Part)>>,
    /// Each token's lexicon class × 8 + its case (looked up once a sentence).
    lex: Vec<u64>,
    /// Each token's [`Gazetteer::cluster_code`]; empty without clusters.
    clus: Vec<u64>,
}

/// What a template reads: it says where the tagger may keep a template's scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reads {
    /// The token alone: its word and how it is written, the document's casing of the word,
    /// whether the sentence is in capitals and whether the token opens it. The tagger sums
    /// these once per word of a document ([`WordCache`]).
    Own,
    /// The token `d` places away alone (or the padding past either end of the sentence),
    /// and whether the sentence is in capitals: summed once per word too, as seen from each
    /// of the offsets in [`NEIGHBOURS`].
    Word(isize),
    /// The short shapes of the token and of its two neighbours (see [`Sentence::shape`]):
    /// summed once per three shapes.
    Shapes,
    /// Anything else (the gazetteer's marks): computed and looked up at each token.
    Around,
}

use Reads::{Around, Own, Shapes, Word};

/// The offsets a [`Reads::Word`] template may read.
pub const NEIGHBOURS: [isize; 4] = [-2, -1, 1, 2];

/// The templates of the features that do not depend on the tags chosen, in the order of a
/// token's feature list: [`sentence_features`] and the tagger's [`WordCache`] both read
/// this one table, so that a template added here reaches training and tagging alike.
/// Each template's features are those [`template`] gives; it reads no more than its
/// [`Reads`] says (`tests/tagger_cache.rs` checks the cached sums against the plain list).
pub const TEMPLATES: [(T, Reads); 28] = [
    (T::Bias, Own),
    (T::Word, Own),
    (T::WordPrev, Word(-1)),
    (T::WordNext, Word(1)),
    (T::WordPrev2, Word(-2)),
    (T::WordNext2, Word(2)),
    (T::WordPrevWord, Around),
    (T::WordWordNext, Around),
    (T::Shape, Own),
    (T::ShapePrev, Word(-1)),
    (T::ShapeNext, Word(1)),
    (T::ShortPrevShort, Shapes),
    (T::ShortShortNext, Shapes),
    (T::ShortTrigram, Shapes),
    (T::WordPrevShape, Around),
    (T::ShapeWordNext, Around),
    (T::FirstShape, Own),
    (T::AllCapsShape, Own),
    (T::DocCase, Own),
    (T::Lexicon, Own),
    (T::LexiconNext, Around),
    // The length, then prefixes and suffixes of one to four characters.
    (T::Length, Own),
    (T::Gazetteer, Around),
    // The last two and three letters of a lower-case word before or after: a verb's
    // ending ("-ed", "-es") next to a capitalised word says a subject ("Caplan dismisses",
    // "says Pall") whose verb training may never have seen.
    (T::PrevSuffix, Word(-1)),
    (T::NextSuffix, Word(1)),
    // The word's cluster of similar words (from word vectors learnt on unlabelled text),
    // and its neighbours'.
    (T::Cluster, Own),
    (T::ClusterPrev, Word(-1)),
    (T::ClusterNext, Word(1)),
];

/// Whether two [`Reads`] are the same (`==` is not available in a `const fn`).
const fn same_reads(a: Reads, b: Reads) -> bool {
    match (a, b) {
        (Own, Own) | (Shapes, Shapes) | (Around, Around) => true,
        (Word(x), Word(y)) => x == y,
        _ => false,
    }
}

/// The templates that read what `reads` says, in table order; `N` is their count.
const fn templates_reading<const N: usize>(reads: Reads) -> [T; N] {
    let mut out = [T::Bias; N];
    let (mut k, mut n) = (0, 0);
    while k < TEMPLATES.len() {
        if same_reads(TEMPLATES[k].1, reads) {
            out[n] = TEMPLATES[k].0;
            n += 1;
        }
        k += 1;
    }
    assert!(n == N, "the count of templates that read the same");
    out
}

/// The [`Reads::Own`] templates.
const OWN_TEMPLATES: [T; 9] = templates_reading(Own);

/// The [`Reads::Word`]`(d)` templates for `d` = [`NEIGHBOURS`]`[k]`, in `NEAR_k`
/// (four constants, not one table, so that [`WordCache::near`] knows each one's templates
/// when it is compiled).
const NEAR_0: [T; 1] = templates_reading(Word(NEIGHBOURS[0]));
const NEAR_1: [T; 4] = templates_reading(Word(NEIGHBOURS[1]));
const NEAR_2: [T; 4] = templates_reading(Word(NEIGHBOURS[2]));
const NEAR_3: [T; 1] = templates_reading(Word(NEIGHBOURS[3]));

/// The [`Reads::Shapes`] templates.
const SHAPES_TEMPLATES: [T; 3] = templates_reading(Shapes);
/// The [`Reads::Around`] templates.
const AROUND_TEMPLATES: [T; 6] = templates_reading(Around);

/// Positions, in each token's features, of those that name the word itself (the word,
/// and the word with its neighbours); training hides them for rare words. The templates
/// before them give one feature each.
pub const WORD_IDENTITY: [usize; 3] = [1, 6, 7];

/// One sentence as the templates read it.
pub struct Sentence<'a> {
    words: &'a [&'a str],
    toks: &'a [Tok],
    casing: &'a DocCasing,
    /// A capitals-only or headline-case sentence: its shapes say nothing.
    caps: bool,
    marks: &'a [Vec<(u8, Part)>],
    /// Each token's lexicon class × 8 + its case; empty without a lexicon.
    lex: &'a [u64],
    /// Each token's [`Gazetteer::cluster_code`]; empty without clusters.
    clus: &'a [u64],
}

impl Sentence<'_> {
    /// The word key at `i`, or the padding past either end.
    fn key(&self, i: isize) -> u64 {
        if i < 0 {
            PAD_BEFORE
        } else if i as usize >= self.toks.len() {
            PAD_AFTER
        } else {
            self.toks[i as usize].key
        }
    }

    /// The shape (or `short` shape) at `i`. In a capitals-only or headline-case sentence
    /// the shape says nothing; the document's casing of the word stands in for it.
    #[inline]
    fn shape(&self, i: isize, short: bool) -> u64 {
        if i < 0 {
            return PAD_BEFORE;
        }
        let Some(t) = self.toks.get(i as usize) else {
            return PAD_AFTER;
        };
        if self.caps && matches!(t.case, Case::Upper | Case::Title) {
            return 0xca95 + self.casing.of(t) as u64;
        }
        if short {
            t.short
        } else {
            t.shape
        }
    }

    /// Where the token stands, for the features that depend on it: in a capitals
    /// sentence (0), first (1) or further on (2).
    fn position(&self, i: isize) -> u64 {
        if self.caps {
            0
        } else if i == 0 {
            1
        } else {
            2
        }
    }
}

/// 1 for a word with a capital, whose prefixes and suffixes [`T::Length`] weighs apart
/// from a lower-case word's; else 0.
#[inline]
fn affix_case(case: Case) -> u8 {
    !matches!(case, Case::Lower | Case::NoLetters) as u8
}

/// Gives `out` each feature template `t` gives token `i` of `s` (`chars` is a buffer).
/// Inlined: called with a constant template, only its own arm remains. A
/// [`Reads::Word`]`(d)` template is also asked about positions past the ends of the
/// sentence, where only `i + d` matters.
#[inline(always)]
fn template(t: T, s: &Sentence, i: isize, chars: &mut Vec<char>, out: &mut impl FnMut(u32)) {
    match t {
        T::Bias => out(f1(T::Bias, 0)),
        T::Word => out(f1(T::Word, s.key(i))),
        T::WordPrev => out(f1(T::WordPrev, s.key(i - 1))),
        T::WordNext => out(f1(T::WordNext, s.key(i + 1))),
        T::WordPrev2 => out(f1(T::WordPrev2, s.key(i - 2))),
        T::WordNext2 => out(f1(T::WordNext2, s.key(i + 2))),
        T::WordPrevWord => out(f2(T::WordPrevWord, s.key(i - 1), s.key(i))),
        T::WordWordNext => out(f2(T::WordWordNext, s.key(i), s.key(i + 1))),
        T::Shape => out(f1(T::Shape, s.shape(i, false))),
        T::ShapePrev => out(f1(T::ShapePrev, s.shape(i - 1, false))),
        T::ShapeNext => out(f1(T::ShapeNext, s.shape(i + 1, false))),
        T::ShortPrevShort => out(f2(
            T::ShortPrevShort,
            s.shape(i - 1, true),
            s.shape(i, true),
        )),
        T::ShortShortNext => out(f2(
            T::ShortShortNext,
            s.shape(i, true),
            s.shape(i + 1, true),
        )),
        T::ShortTrigram => out(f3(
            T::ShortTrigram,
            s.shape(i - 1, true),
            s.shape(i, true),
            s.shape(i + 1, true),
        )),
        T::WordPrevShape => out(f2(T::WordPrevShape, s.key(i - 1), s.shape(i, true))),
        T::ShapeWordNext => out(f2(T::ShapeWordNext, s.shape(i, true), s.key(i + 1))),
        T::FirstShape => {
            if i == 0 {
                out(f1(T::FirstShape, s.shape(i, true)));
            }
        }
        T::AllCapsShape => {
            if s.caps {
                out(f1(T::AllCapsShape, s.shape(i, true)));
            }
        }
        T::DocCase => {
            let t = &s.toks[i as usize];
            let cased = s.casing.of(t) as u64 * 8 + t.case as u64;
            out(f2(T::DocCase, cased, s.position(i)));
        }
        T::Lexicon => {
            let t = &s.toks[i as usize];
            if !s.lex.is_empty() && t.case != Case::NoLetters {
                let lex = s.lex[i as usize];
                out(f3(T::Lexicon, lex >> 3, t.case as u64, s.position(i)));
            }
        }
        T::LexiconNext => {
            let t = &s.toks[i as usize];
            if !s.lex.is_empty() && t.case != Case::NoLetters {
                let lex = s.lex[i as usize];
                let next = s.lex.get(i as usize + 1).copied().unwrap_or(PAD_AFTER);
                out(f3(T::LexiconNext, lex, next, s.position(i)));
            }
        }
        // The length, prefixes and suffixes of the lower-case form.
        T::Length => {
            chars.clear();
            lower_chars(s.words[i as usize], chars);
            out(f1(T::Length, chars.len().min(12) as u64));
            let cs = &chars[..];
            // A capitalised word's affixes weigh apart from a lower-case one's: "-er" of
            // "Zimmer" is not the "-er" of "water", which most of the text's words outweigh.
            let up = affix_case(s.toks[i as usize].case) as u64;
            // The prefixes hashed as they grow: each is [`hash_chars`] of its characters.
            let mut prefix = FNV_START;
            for k in 1..=4.min(cs.len()) {
                prefix = fnv_step(prefix, cs[k - 1]);
                out(f2(T::Prefix, k as u64 + 8 * up, mix(prefix, 0x9e37)));
                out(f2(
                    T::Suffix,
                    k as u64 + 8 * up,
                    hash_chars(cs[cs.len() - k..].iter().copied()),
                ));
            }
        }
        T::Gazetteer => {
            let (i, n) = (i as usize, s.toks.len());
            let ssh = s.shape(i as isize, true);
            for &(bits, part) in &s.marks[i] {
                out(f2(T::Gazetteer, bits as u64, part as u64));
                out(f3(T::Gazetteer, bits as u64, part as u64, ssh));
            }
            if i > 0 {
                for &(bits, part) in &s.marks[i - 1] {
                    out(f2(T::GazetteerPrev, bits as u64, part as u64));
                }
            }
            if i + 1 < n {
                for &(bits, part) in &s.marks[i + 1] {
                    out(f2(T::GazetteerNext, bits as u64, part as u64));
                }
            }
        }
        T::PrevSuffix | T::NextSuffix => {
            let j = if t == T::PrevSuffix { i - 1 } else { i + 1 };
            if j >= 0 && (j as usize) < s.toks.len() && s.toks[j as usize].case == Case::Lower {
                chars.clear();
                lower_chars(s.words[j as usize], chars);
                let cs = &chars[..];
                for k in 2..=3.min(cs.len().saturating_sub(1)) {
                    let end = hash_chars(cs[cs.len() - k..].iter().copied());
                    out(f2(t, k as u64, end));
                }
            }
        }
        T::Cluster => {
            let t = &s.toks[i as usize];
            if !s.clus.is_empty() && t.case != Case::NoLetters {
                let up = affix_case(t.case) as u64;
                cluster_features(s.clus[i as usize], up, s.position(i), out);
            }
        }
        T::ClusterPrev | T::ClusterNext => {
            let j = if t == T::ClusterPrev { i - 1 } else { i + 1 };
            if !s.clus.is_empty() && j >= 0 && (j as usize) < s.toks.len() {
                let n = &s.toks[j as usize];
                if n.case != Case::NoLetters {
                    let up = affix_case(n.case) as u64;
                    neighbour_cluster_features(t, s.clus[j as usize], up, out);
                }
            }
        }
        // Not tag-independent, or given by the templates above.
        T::Prefix
        | T::Suffix
        | T::GazetteerPrev
        | T::GazetteerNext
        | T::PrevTag
        | T::PrevTagWord
        | T::PrevTagShape
        | T::History
        | T::HistoryShape => {}
    }
}

/// [`template`] for a template known only at run time: one copy of every arm, out of
/// line (training's feature lists, a new word's neighbour scores), so that the inlined
/// copies stay in the hot loops only.
#[inline(never)]
fn any_template(t: T, s: &Sentence, i: isize, chars: &mut Vec<char>, out: &mut dyn FnMut(u32)) {
    template(t, s, i, chars, &mut |f| out(f));
}

impl Scratch {
    /// The sentence of `words` as the templates read it (the gazetteer's marks and the
    /// lexicon's classes are looked up into this scratch).
    fn sentence<'a>(
        &'a mut self,
        words: &'a [&'a str],
        toks: &'a [Tok],
        casing: &'a DocCasing,
        gazetteer: &Gazetteer,
    ) -> (Sentence<'a>, &'a mut Vec<char>) {
        gazetteer.marks(toks, &mut self.marks);
        self.look_up_lexicon(toks, gazetteer, |_| true);
        self.look_up_clusters(toks, gazetteer);
        let caps = all_caps(toks) || headline_case(toks);
        self.view(words, toks, casing, caps)
    }

    /// Each token's [`Gazetteer::cluster_code`] into `self.clus`; nothing without clusters.
    fn look_up_clusters(&mut self, toks: &[Tok], gazetteer: &Gazetteer) {
        self.clus.clear();
        if !gazetteer.clusters.is_empty() {
            self.clus
                .extend(toks.iter().map(|t| gazetteer.cluster_of(t)));
        }
    }

    /// Each token's lexicon class × 8 + its case into `self.lex`, for the tokens `wanted`
    /// says (0 for the others, which must not be read); nothing without a lexicon.
    fn look_up_lexicon(
        &mut self,
        toks: &[Tok],
        gazetteer: &Gazetteer,
        wanted: impl Fn(usize) -> bool,
    ) {
        self.lex.clear();
        if !gazetteer.lexicon.is_empty() {
            self.lex.extend(toks.iter().enumerate().map(|(i, t)| {
                if wanted(i) {
                    gazetteer.lexicon_and_case(t)
                } else {
                    0
                }
            }));
        }
    }

    /// The sentence as the templates read it, with the marks and classes looked up so far.
    fn view<'a>(
        &'a mut self,
        words: &'a [&'a str],
        toks: &'a [Tok],
        casing: &'a DocCasing,
        caps: bool,
    ) -> (Sentence<'a>, &'a mut Vec<char>) {
        let s = Sentence {
            words,
            toks,
            casing,
            caps,
            marks: &self.marks[..toks.len()],
            lex: &self.lex,
            clus: &self.clus,
        };
        (s, &mut self.chars)
    }
}

/// Computes the tag-independent features of one sentence: each token's features of every
/// template of [`TEMPLATES`], in its order.
pub fn sentence_features(
    words: &[&str],
    toks: &[Tok],
    casing: &DocCasing,
    gazetteer: &Gazetteer,
    scratch: &mut Scratch,
    out: &mut SentenceFeatures,
) {
    out.feats.clear();
    out.starts.clear();
    let (s, chars) = scratch.sentence(words, toks, casing, gazetteer);
    for i in 0..toks.len() {
        out.starts.push(out.feats.len() as u32);
        for &(t, _) in &TEMPLATES {
            any_template(t, &s, i as isize, chars, &mut |f| out.feats.push(f));
        }
    }
    out.starts.push(out.feats.len() as u32);
}

/// The names already tagged in this document: word → how often it was inside a name of
/// each type. A later mention of "Naryshkin" leans to what the earlier ones were.
#[derive(Debug, Default)]
pub struct History {
    counts: KeyMap<u64, [u16; 4]>,
    /// The counts by the words' numbers ([`Tok::numbered`]) instead, when `numbered`.
    by_word: Vec<[u16; 4]>,
    numbered: bool,
}

impl History {
    /// No names yet, in a document whose tokens are numbered ([`Tok::numbered`]) from 0 to
    /// `words` - 1: the counts are kept by number.
    pub fn numbered(words: usize) -> History {
        History {
            counts: KeyMap::default(),
            by_word: vec![[0; 4]; words],
            numbered: true,
        }
    }

    /// Notes the tags chosen for one sentence.
    pub fn note(&mut self, toks: &[Tok], tags: &[u8]) {
        for (t, &tag) in toks.iter().zip(tags) {
            if let Some((ty, _)) = tag_parts(tag) {
                if matches!(t.case, Case::Title | Case::Upper | Case::Mixed) {
                    let c = if self.numbered {
                        &mut self.by_word[t.word as usize]
                    } else {
                        self.counts.entry(t.key).or_default()
                    };
                    c[ty] = c[ty].saturating_add(1);
                }
            }
        }
    }

    /// The type most often given to token `t`'s word so far (index into [`TYPES`]), + 1;
    /// 0 if none.
    fn majority(&self, t: &Tok) -> u64 {
        let c = if self.numbered {
            &self.by_word[t.word as usize]
        } else {
            match self.counts.get(&t.key) {
                Some(c) => c,
                None => return 0,
            }
        };
        if *c == [0; 4] {
            return 0;
        }
        let (best, _) = c
            .iter()
            .enumerate()
            .max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i)))
            .expect("four types");
        best as u64 + 1
    }
}

/// The tag before the first token of a sentence.
pub const START: u8 = N_TAGS as u8;

/// What the features conjoined with the previous tag see of it: nothing before the
/// sentence, outside a name, or the type of the name it is in or just closed.
fn prev_class(p: u8) -> u64 {
    if p == START {
        return 5;
    }
    tag_parts(p).map_or(0, |(ty, _)| ty as u64 + 1)
}

/// Features of token `i` that depend on the document's earlier names.
pub fn history_features(toks: &[Tok], i: usize, history: &History) -> [u32; 2] {
    let t = &toks[i];
    history_features_of(t, history.majority(t))
}

/// [`history_features`] of token `t`, whose word's majority type is `h`: the first reads
/// `h` alone.
fn history_features_of(t: &Tok, h: u64) -> [u32; 2] {
    [f1(T::History, h), f2(T::HistoryShape, h, t.short)]
}

/// The feature of the transition from tag `prev`.
pub fn transition_feature(prev: u8) -> u32 {
    f1(T::PrevTag, prev as u64)
}

/// Features of token `i` conjoined with the class of the tag before it (see
/// [`prev_class`]), for each of the six classes.
pub fn context_features(t: &Tok, prev: u8) -> [u32; 2] {
    let c = prev_class(prev);
    [
        f2(T::PrevTagWord, c, t.key),
        f2(T::PrevTagShape, c, t.short),
    ]
}

/// Something that scores features: adds each tag's weight of feature `f` to `scores`.
/// Weights are integers (the perceptron's counts while training, fixed-point levels in the
/// shipped model): sums are exact, whatever order the features are added in.
pub trait Weights {
    fn add(&self, f: u32, scores: &mut [i32; N_TAGS]);

    /// The word-cluster templates' scores summed per cluster ([`ClusterRows`]), where the
    /// weights do not change (the page's model); else `None`, and they are looked up.
    fn cluster_rows(&self) -> Option<&ClusterRows> {
        None
    }
}

/// The features of [`T::Cluster`] for a word of cluster code `code` (see
/// [`Gazetteer::cluster_code`]), `up` its [`affix_case`], at `position`
/// ([`Sentence::position`]).
#[inline(always)]
fn cluster_features(code: u64, up: u64, position: u64, out: &mut impl FnMut(u32)) {
    out(f2(T::Cluster, code & 0xffff, up));
    out(f3(T::Cluster, 0x10_0000 | code >> 16, up, position));
}

/// The features of [`T::ClusterPrev`] or [`T::ClusterNext`] (`t`) for a neighbour of
/// cluster code `code`, `up` its [`affix_case`].
#[inline(always)]
fn neighbour_cluster_features(t: T, code: u64, up: u64, out: &mut impl FnMut(u32)) {
    out(f2(t, code & 0xffff, up));
    out(f2(t, 0x10_0000 | code >> 16, up));
}

/// The scores of the word-cluster templates, summed once per cluster when the model is
/// read: a word's cluster features are then one row each, not two look-ups each, and the
/// sums are the same (integers). Indexed by the fine cluster + 1 (0: no cluster).
pub struct ClusterRows {
    /// [`T::Cluster`], by (fine + 1) × 6 + up × 3 + position.
    own: Vec<[i32; N_TAGS]>,
    /// [`T::ClusterPrev`] and [`T::ClusterNext`], by (fine + 1) × 2 + up.
    prev: Vec<[i32; N_TAGS]>,
    next: Vec<[i32; N_TAGS]>,
}

impl ClusterRows {
    pub fn new(weights: &impl Weights, clusters: &WordClusters) -> ClusterRows {
        let mut rows = ClusterRows {
            own: Vec::new(),
            prev: Vec::new(),
            next: Vec::new(),
        };
        for fine in 0..=clusters.coarse.len() {
            let code = match fine {
                0 => 0,
                f => (clusters.coarse[f - 1] as u64 + 1) << 16 | f as u64,
            };
            for up in 0..2 {
                for position in 0..3 {
                    let mut row = [0; N_TAGS];
                    cluster_features(code, up, position, &mut |f| weights.add(f, &mut row));
                    rows.own.push(row);
                }
                for (t, out) in [
                    (T::ClusterPrev, &mut rows.prev),
                    (T::ClusterNext, &mut rows.next),
                ] {
                    let mut row = [0; N_TAGS];
                    neighbour_cluster_features(t, code, up, &mut |f| weights.add(f, &mut row));
                    out.push(row);
                }
            }
        }
        rows
    }

    /// [`T::Cluster`]'s row for token `i` of `s` (which has letters).
    #[inline]
    fn own(&self, s: &Sentence, i: usize) -> &[i32; N_TAGS] {
        let up = affix_case(s.toks[i].case) as usize;
        let fine = (s.clus[i] & 0xffff) as usize;
        &self.own[fine * 6 + up * 3 + s.position(i as isize) as usize]
    }

    /// [`T::ClusterPrev`] (`t`) or [`T::ClusterNext`]'s row for neighbour `j` of `s`, if
    /// it gives any features.
    #[inline]
    fn near(&self, t: T, s: &Sentence, j: isize) -> Option<&[i32; N_TAGS]> {
        let n = s.toks.get(usize::try_from(j).ok()?)?;
        if s.clus.is_empty() || n.case == Case::NoLetters {
            return None;
        }
        let at = (s.clus[j as usize] & 0xffff) as usize * 2 + affix_case(n.case) as usize;
        Some(if t == T::ClusterPrev {
            &self.prev[at]
        } else {
            &self.next[at]
        })
    }
}

/// Reusable buffers of [`viterbi`].
#[derive(Default)]
pub struct Lattice {
    emission: Vec<[i32; N_TAGS]>,
    context: Vec<[[i32; N_TAGS]; 6]>,
    /// Each token's best path scores, by last tag ([`best_path`]).
    paths: Vec<[i64; N_TAGS]>,
    /// Which tokens [`viterbi_cached`] fixed to `O` (see [`NAME_REACH`]); empty when none.
    fixed: Vec<bool>,
    /// Which tokens' words the tokens scored read ([`WordCache::look_up`]).
    needed: Vec<bool>,
    /// [`viterbi_cached`]: each token's entry in its [`WordCache`], whose context rows the
    /// search reads there (`context` is left empty unless `keep_contexts`).
    entries: Vec<u32>,
    /// Whether [`viterbi_cached`] copies the context rows into `context` too, for
    /// [`Lattice::contexts`].
    keep_contexts: bool,
}

/// How far from a word that may be part of a name ([`Tok::may_be_in_name`]) another may still
/// be: names' lower-case words sit between capitalised ones ("Bank of England", "Ludwig
/// van der Rohe", "Prix de l'Abbaye"). Where the tagger may prune, a token farther than this
/// from any such word is fixed to `O` and not scored: in normally capitalised English
/// such a stretch holds no name. Measured with 1, on gold tokens: such stretches hold 46%
/// of the tokens of CoNLL-2003 testa and 56% of UNER PUD's, and 4 of their 8,603 and 4 of
/// their 1,565 name tokens ("interior ministry", "the moon"); 21 of the 34,043 of CoNLL's
/// train file. With 2, 35% and 45% of the tokens, 2 and 3 name tokens.
pub const NAME_REACH: usize = 1;

/// Transition scores: row `p` holds the score of each tag after tag `p` (`START` for the
/// first token); the transitions BILOU forbids are never read. They depend on the weights
/// only: the tagger computes them once per document.
pub struct Transitions {
    scores: [[i32; N_TAGS]; N_TAGS + 1],
}

/// [`prev_class`] of each tag.
const CLASS: [u8; N_TAGS] = {
    let mut c = [0u8; N_TAGS];
    let mut t = 1;
    while t < N_TAGS {
        c[t] = ((t - 1) / 4 + 1) as u8;
        t += 1;
    }
    c
};

/// The tags a name may not be in the middle of: `O`, and `L` and `U` of each type, in tag
/// order. After one of them (or at the start) come only `O`, `B` and `U` ([`OPENERS`]).
const CLOSED: [u8; 9] = tags_where(false);

/// The tags that may follow a [`CLOSED`] one: `O`, and `B` and `U` of each type, in tag order.
const OPENERS: [u8; 9] = tags_where(true);

/// `O`, then for each type `B` and `U` (`openers`) or `L` and `U`.
const fn tags_where(openers: bool) -> [u8; 9] {
    let mut out = [0u8; 9];
    let mut ty = 0;
    while ty < 4 {
        let first = if openers { 1 } else { 3 };
        out[1 + 2 * ty] = (1 + 4 * ty + first - 1) as u8;
        out[2 + 2 * ty] = (4 + 4 * ty) as u8;
        ty += 1;
    }
    out
}

impl Transitions {
    pub fn new<W: Weights>(weights: &W) -> Transitions {
        let mut trans = [[0i32; N_TAGS]; N_TAGS + 1];
        for (p, row) in trans.iter_mut().enumerate() {
            weights.add(transition_feature(p as u8), row);
        }
        Transitions { scores: trans }
    }
}

/// A word's scores in one document's tagging, for the templates that read it alone: the
/// common words of a text are scored once. Which word: its [`Tok`] (its key, the hash of its
/// lower-case form, stands for the characters the affixes read) and the two things of the
/// sentence an [`Reads::Own`] template may read besides.
struct WordScores {
    key: u64,
    shape: u64,
    short: u64,
    case: Case,
    /// Whether the sentence is in capitals (bit 0) and the token opens it (bit 1).
    place: u8,
    /// [`Reads::Own`] templates; summed only once a token of the word is scored (`has_own`):
    /// a word read only as a neighbour of the tokens scored ([`NAME_REACH`]) needs none.
    own: [i32; N_TAGS],
    has_own: bool,
    /// [`Reads::Word`]`(d)` templates for `d` = [`NEIGHBOURS`]`[k]`: the word as the token
    /// `d` places away from the one scored; row `k` summed only once a token `d` places
    /// before one of the word is scored (bit `k` of `has_near`).
    near: [[i32; N_TAGS]; 4],
    has_near: u8,
    /// [`context_features`], one row per class of the tag before; summed only once a token
    /// of the word is scored or closes a stretch scored (`has_context`).
    context: [[i32; N_TAGS]; 6],
    has_context: bool,
}

/// The scores of the words of one document, for one set of weights (see [`WordScores`]),
/// and of the padding past the ends of a sentence.
#[derive(Default)]
pub struct WordCache {
    index: KeyMap<u64, u32>,
    words: Words,
    /// [`Reads::Word`] templates reading past the ends, per offset and capitals.
    pads: [[Option<[i32; N_TAGS]>; 2]; 4],
    /// Each token's entry in `words`, for the sentence being tagged.
    of: Vec<u32>,
    /// [`Reads::Shapes`] templates: three short shapes, and their scores.
    shapes: Vec<([u64; 3], [i32; N_TAGS])>,
    shapes_index: KeyMap<u64, u32>,
    /// The [`context_features`] that read the short shape alone, per short shape: a text
    /// writes its thousand words in a few dozen shapes.
    shape_context: KeyMap<u64, [[i32; N_TAGS]; 6]>,
    /// The [`T::Bias`] feature's scores, the same for every word.
    bias: Option<[i32; N_TAGS]>,
    /// The [`T::Word`] and [`T::Length`] templates' scores (which read the word's
    /// lower-case characters, and whether it has a capital: [`affix_case`]), per word key,
    /// in the map of its [`affix_case`].
    lexical: [KeyMap<u64, [i32; N_TAGS]>; 2],
    /// The [`T::History`] feature's scores, per majority type (0 for none, else the type + 1).
    history: [Option<[i32; N_TAGS]>; 1 + TYPES.len()],
}

/// The [`WordScores`] of a document, numbered from 0, in chunks that never move: chunk `c`
/// holds 64 × 2^`c` of them. (One vector would copy every entry so far each time it grew:
/// at some 800 bytes an entry, that was a tenth of the tagger's time.)
#[derive(Default)]
struct Words {
    chunks: Vec<Vec<WordScores>>,
    len: u32,
}

impl Words {
    /// The chunk of entry `at`, and its place there.
    #[inline]
    fn place(at: u32) -> (usize, usize) {
        let x = (at / 64 + 1) as usize;
        let c = x.ilog2() as usize;
        (c, at as usize - 64 * ((1 << c) - 1))
    }

    #[inline]
    fn get(&self, at: u32) -> &WordScores {
        let (c, k) = Self::place(at);
        &self.chunks[c][k]
    }

    #[inline]
    fn get_mut(&mut self, at: u32) -> &mut WordScores {
        let (c, k) = Self::place(at);
        &mut self.chunks[c][k]
    }

    /// A new entry for token `t` at `place`, with no scores summed yet; its number. An
    /// entry of an earlier document is taken again where there is one (its rows are
    /// stale: none is read before it is summed, as the `has_` fields say), so that the
    /// entries are neither copied in nor zeroed again.
    fn push(&mut self, t: &Tok, place: u8) -> u32 {
        let (c, k) = Self::place(self.len);
        if c == self.chunks.len() {
            self.chunks.push(Vec::with_capacity(64 << c));
        }
        let chunk = &mut self.chunks[c];
        if k == chunk.len() {
            chunk.push(WordScores {
                key: 0,
                shape: 0,
                short: 0,
                case: Case::NoLetters,
                place: 0,
                own: [0; N_TAGS],
                has_own: false,
                near: [[0; N_TAGS]; 4],
                has_near: 0,
                context: [[0; N_TAGS]; 6],
                has_context: false,
            });
        }
        let w = &mut chunk[k];
        (w.key, w.shape, w.short, w.case, w.place) = (t.key, t.shape, t.short, t.case, place);
        (w.has_own, w.has_near, w.has_context) = (false, 0, false);
        self.len += 1;
        self.len - 1
    }
}

fn add_row(scores: &mut [i32; N_TAGS], row: &[i32; N_TAGS]) {
    for (s, &r) in scores.iter_mut().zip(row) {
        *s += r;
    }
}

impl WordCache {
    /// How many words' scores the cache holds.
    pub fn words_held(&self) -> usize {
        self.words.len as usize
    }

    /// Forgets every score, keeping the memory: the cache is as new, for another document
    /// or other weights, without allocating (and the system zeroing) its pages again.
    pub fn clear(&mut self) {
        self.index.clear();
        // The entries stay, to be taken again (`Words::push`).
        self.words.len = 0;
        self.pads = Default::default();
        self.of.clear();
        self.shapes.clear();
        self.shapes_index.clear();
        self.shape_context.clear();
        self.bias = None;
        self.lexical.iter_mut().for_each(KeyMap::clear);
        self.history = Default::default();
    }

    /// The scores of the [`Reads::Word`] templates of offset `NEIGHBOURS[k]`, read by the
    /// token `i` of `s`.
    fn near<W: Weights>(
        weights: &W,
        s: &Sentence,
        k: usize,
        i: isize,
        chars: &mut Vec<char>,
    ) -> [i32; N_TAGS] {
        let mut row = [0; N_TAGS];
        let clusters = weights.cluster_rows();
        // One arm per offset, each with its templates known: their code inlined, as in
        // the other hot loops, rather than `any_template`'s call per template.
        match k {
            0 => {
                for t in NEAR_0 {
                    template(t, s, i, chars, &mut |f| weights.add(f, &mut row));
                }
            }
            1 => {
                for t in NEAR_1 {
                    if let (T::ClusterPrev, Some(c)) = (t, clusters) {
                        if let Some(r) = c.near(t, s, i - 1) {
                            add_row(&mut row, r);
                        }
                        continue;
                    }
                    template(t, s, i, chars, &mut |f| weights.add(f, &mut row));
                }
            }
            2 => {
                for t in NEAR_2 {
                    if let (T::ClusterNext, Some(c)) = (t, clusters) {
                        if let Some(r) = c.near(t, s, i + 1) {
                            add_row(&mut row, r);
                        }
                        continue;
                    }
                    template(t, s, i, chars, &mut |f| weights.add(f, &mut row));
                }
            }
            _ => {
                for t in NEAR_3 {
                    template(t, s, i, chars, &mut |f| weights.add(f, &mut row));
                }
            }
        }
        row
    }

    /// The scores of the [`Reads::Own`] templates of token `j` of `s`.
    fn own<W: Weights>(
        &mut self,
        weights: &W,
        s: &Sentence,
        j: usize,
        chars: &mut Vec<char>,
    ) -> [i32; N_TAGS] {
        let mut own = [0; N_TAGS];
        for tp in OWN_TEMPLATES {
            if matches!(tp, T::Word | T::Length) {
                // They read the word's characters and whether it has a capital (its key
                // and `affix_case` stand for them): summed once per word and case class,
                // whatever its place ("The" and "THE" share a row, "the" has its own).
                if tp == T::Word {
                    let key = s.toks[j].key;
                    let by_case = &mut self.lexical[affix_case(s.toks[j].case) as usize];
                    let row = by_case.entry(key).or_insert_with(|| {
                        let mut row = [0; N_TAGS];
                        for tp in [T::Word, T::Length] {
                            template(tp, s, j as isize, chars, &mut |f| weights.add(f, &mut row));
                        }
                        row
                    });
                    add_row(&mut own, row);
                }
                continue;
            }
            if let (T::Cluster, Some(c)) = (tp, weights.cluster_rows()) {
                if !s.clus.is_empty() && s.toks[j].case != Case::NoLetters {
                    add_row(&mut own, c.own(s, j));
                }
                continue;
            }
            if tp == T::Bias {
                // One feature, whatever the word: looked up once.
                let bias = self.bias.get_or_insert_with(|| {
                    let mut row = [0; N_TAGS];
                    template(T::Bias, s, j as isize, chars, &mut |f| {
                        weights.add(f, &mut row)
                    });
                    row
                });
                add_row(&mut own, bias);
                continue;
            }
            template(tp, s, j as isize, chars, &mut |f| weights.add(f, &mut own));
        }
        own
    }

    /// [`context_rows`] of token `t` into `c`: its word's features looked up, its short
    /// shape's taken from (or added to) `shape_context`.
    fn context_rows<W: Weights>(
        shape_context: &mut KeyMap<u64, [[i32; N_TAGS]; 6]>,
        weights: &W,
        t: &Tok,
        c: &mut [[i32; N_TAGS]; 6],
    ) {
        let shape_rows = shape_context.entry(t.short).or_insert_with(|| {
            let mut c = [[0i32; N_TAGS]; 6];
            for (k, row) in c.iter_mut().enumerate() {
                // The second feature reads the short shape alone.
                weights.add(context_features(t, CLASS_REPRESENTATIVE[k])[1], row);
            }
            c
        });
        *c = *shape_rows;
        for (k, row) in c.iter_mut().enumerate() {
            weights.add(context_features(t, CLASS_REPRESENTATIVE[k])[0], row);
        }
    }

    /// Finds (or scores and adds) the entry of each token of `s` into `self.of`, and the
    /// padding's scores for the sentence's casing.
    /// Only the tokens `needed` marks are looked up (all when it is empty); the others'
    /// entries are [`u32::MAX`] and must not be read. The tokens `fixed` marks (none when it
    /// is empty) are not scored themselves: their entries may lack the own scores, and,
    /// unless a token scored comes just before, the context rows. An entry's near rows are
    /// those the tokens scored read (none past the sentence's ends).
    fn look_up<W: Weights>(
        &mut self,
        weights: &W,
        s: &Sentence,
        needed: &[bool],
        fixed: &[bool],
        chars: &mut Vec<char>,
    ) {
        let caps = s.caps as usize;
        for (k, &d) in NEIGHBOURS.iter().enumerate() {
            if self.pads[k][caps].is_none() {
                // Just past the start (offsets before) or the end (offsets after).
                let i = if d < 0 {
                    -1 - d
                } else {
                    s.toks.len() as isize - d
                };
                self.pads[k][caps] = Some(Self::near(weights, s, k, i, chars));
            }
        }
        self.of.clear();
        for (j, t) in s.toks.iter().enumerate() {
            if !needed.is_empty() && !needed[j] {
                self.of.push(u32::MAX);
                continue;
            }
            let place = s.caps as u8 | ((j == 0) as u8) << 1;
            let h = mix(mix(t.key, t.shape), place as u64);
            let same = |w: &WordScores| {
                w.key == t.key
                    && w.shape == t.shape
                    && w.short == t.short
                    && w.case == t.case
                    && w.place == place
            };
            let own = fixed.is_empty() || !fixed[j];
            let context = own || (j > 0 && !fixed[j - 1]);
            // The neighbours' rows the tokens scored read: token `j - d` reads row `k`.
            let mut rows = 0u8;
            for (k, &d) in NEIGHBOURS.iter().enumerate() {
                let i = j as isize - d;
                let scored = i >= 0
                    && (i as usize) < s.toks.len()
                    && (fixed.is_empty() || !fixed[i as usize]);
                rows |= (scored as u8) << k;
            }
            let at = match self.index.get(&h).copied() {
                Some(at) if same(self.words.get(at)) => at,
                found => {
                    // New, or (rarely) another word with the same hash: indexed if new.
                    let at = self.words.push(t, place);
                    if found.is_none() {
                        self.index.insert(h, at);
                    }
                    at
                }
            };
            // Then what the tokens scored read of it and it lacks.
            let missing = rows & !self.words.get(at).has_near;
            if missing != 0 {
                for (k, &d) in NEIGHBOURS.iter().enumerate() {
                    if missing & 1 << k != 0 {
                        let i = j as isize - d;
                        let row = Self::near(weights, s, k, i, chars);
                        self.words.get_mut(at).near[k] = row;
                    }
                }
                self.words.get_mut(at).has_near |= missing;
            }
            if own && !self.words.get(at).has_own {
                let row = self.own(weights, s, j, chars);
                let w = self.words.get_mut(at);
                w.own = row;
                w.has_own = true;
            }
            if context && !self.words.get(at).has_context {
                let w = self.words.get_mut(at);
                Self::context_rows(&mut self.shape_context, weights, t, &mut w.context);
                w.has_context = true;
            }
            self.of.push(at);
        }
    }
}

/// [`viterbi_with`] for a sentence given as words: the same tags, the scores of the
/// templates that read one word, two or three shapes taken from `cache` (see [`Reads`]).
/// `cache` must have seen no other weights and no other document (its words' scores read
/// the document's casing).
///
/// With `prune`, in a sentence not in capitals or headline case, the tokens farther than
/// [`NAME_REACH`] from any word that [`Tok::may_be_in_name`] are fixed to `O` and not scored:
/// the stretches between them are searched apart (`best_path_between`), and the lattice
/// holds the rows of the tokens scored only.
#[allow(clippy::too_many_arguments)]
pub fn viterbi_cached<W: Weights>(
    weights: &W,
    trans: &Transitions,
    cache: &mut WordCache,
    words: &[&str],
    toks: &[Tok],
    casing: &DocCasing,
    gazetteer: &Gazetteer,
    scratch: &mut Scratch,
    history: &mut History,
    prune: bool,
    lattice: &mut Lattice,
    tags: &mut Vec<u8>,
) {
    let n = toks.len();
    tags.clear();
    if n == 0 {
        return;
    }
    let Lattice {
        emission,
        context,
        paths,
        fixed,
        needed,
        entries,
        keep_contexts,
    } = lattice;
    fixed.clear();
    needed.clear();
    gazetteer.marks(toks, &mut scratch.marks);
    scratch.look_up_clusters(toks, gazetteer);
    let caps = all_caps(toks) || headline_case(toks);
    if prune && !caps {
        // The pruning reads the first token's lexicon class; the templates, those of the
        // tokens scored and of the token after each (all `needed`).
        scratch.look_up_lexicon(toks, gazetteer, |i| i == 0);
        fix_to_o(&scratch.view(words, toks, casing, caps).0, fixed, needed);
        if needed.is_empty() {
            scratch.look_up_lexicon(toks, gazetteer, |_| true);
        } else if !scratch.lex.is_empty() {
            for (i, t) in toks.iter().enumerate().skip(1) {
                if needed[i] {
                    scratch.lex[i] = gazetteer.lexicon_and_case(t);
                }
            }
        }
    } else {
        scratch.look_up_lexicon(toks, gazetteer, |_| true);
    }
    let (s, chars) = scratch.view(words, toks, casing, caps);
    cache.look_up(weights, &s, needed, fixed, chars);
    emission.clear();
    context.clear();
    entries.clear();
    paths.clear();
    let caps = s.caps as usize;
    for (i, t) in toks.iter().enumerate() {
        if !fixed.is_empty() && fixed[i] {
            continue;
        }
        let word = cache.words.get(cache.of[i]);
        let mut e = word.own;
        for (k, &d) in NEIGHBOURS.iter().enumerate() {
            let j = i as isize + d;
            let row = if j >= 0 && (j as usize) < n {
                &cache.words.get(cache.of[j as usize]).near[k]
            } else {
                cache.pads[k][caps].as_ref().expect("padding scored")
            };
            add_row(&mut e, row);
        }
        let ii = i as isize;
        let three = [
            s.shape(ii - 1, true),
            s.shape(ii, true),
            s.shape(ii + 1, true),
        ];
        let h = mix(mix(three[0], three[1]), three[2]);
        let at = match cache.shapes_index.get(&h) {
            Some(&at) if cache.shapes[at as usize].0 == three => at as usize,
            found => {
                // New, or (rarely) other shapes with the same hash: scored, and indexed if
                // new.
                let mut row = [0; N_TAGS];
                for t in SHAPES_TEMPLATES {
                    template(t, &s, ii, chars, &mut |f| weights.add(f, &mut row));
                }
                if found.is_none() {
                    cache.shapes_index.insert(h, cache.shapes.len() as u32);
                }
                cache.shapes.push((three, row));
                cache.shapes.len() - 1
            }
        };
        add_row(&mut e, &cache.shapes[at].1);
        for t in AROUND_TEMPLATES {
            template(t, &s, ii, chars, &mut |f| weights.add(f, &mut e));
        }
        let h = history.majority(t);
        let [by_type, by_shape] = history_features_of(t, h);
        let by_type = cache.history[h as usize].get_or_insert_with(|| {
            let mut row = [0; N_TAGS];
            weights.add(by_type, &mut row);
            row
        });
        add_row(&mut e, by_type);
        weights.add(by_shape, &mut e);
        emission.push(e);
        entries.push(cache.of[i]);
        if *keep_contexts {
            context.push(word.context);
        }
    }
    let words = &cache.words;
    if fixed.is_empty() {
        tags.resize(n, 0);
        let c = |k: usize| &words.get(entries[k]).context;
        best_path_between(&trans.scores, emission, c, false, None, paths, tags);
    } else {
        tags.resize(n, 0);
        // Each stretch of tokens scored, with its rows in the lattice from `row`.
        let (mut i, mut row) = (0, 0);
        while i < n {
            if fixed[i] {
                i += 1;
                continue;
            }
            let a = i;
            while i < n && !fixed[i] {
                i += 1;
            }
            let rows = row..row + (i - a);
            let before_o = (i < n).then(|| &words.get(cache.of[i]).context);
            let e = &emission[rows.clone()];
            let c = |k: usize| &words.get(entries[row + k]).context;
            best_path_between(&trans.scores, e, c, a > 0, before_o, paths, &mut tags[a..i]);
            row = rows.end;
        }
    }
    history.note(toks, tags);
}

/// Whether token `i` of `s` may be part of a name, for the pruning ([`NAME_REACH`]): it
/// [`Tok::may_be_in_name`], unless it says nothing of a name:
///
/// * a number, figures without letters ("10", "2019", "1,000"): names hold figures beside
///   capitalised words ("Apollo 11"), which keep their neighbours scored themselves; a
///   number between lower-case words is a value, which the rules read;
/// * the sentence's first word, when the lexicon of casings ([`Gazetteer::lexicon`]) says
///   English writes it in lower case more often than capitalised, and the document never
///   capitalises it inside a sentence ("The", "But", "He", "This"): its capital is the
///   sentence's. Unless a number follows it: in a table of results ("Reading 4 Stoke 2")
///   a capital opening a line is a team's;
/// * the pronoun "I" (`pronoun` is its [`word_key`]).
///
/// Measured before building, on gold tokens (with [`NAME_REACH`] 1): the first word and
/// "I" fix 49.7% of CoNLL-2003 testa's tokens instead of 46.4%, 61.9% of UNER PUD's
/// instead of 56.5%, and 5 of their name tokens instead of 4 in each ("Stakes ,", "May
/// has"), 34 of the 34,043 of CoNLL's train file instead of 21. The numbers too: 57.5% of
/// testa's and 64.4% of PUD's tokens, 7 and 5 name tokens ("flight 103 over", "and 90
/// in"), 40 of train's.
#[inline]
fn may_be_in_name(s: &Sentence, i: usize, pronoun: u64) -> bool {
    let t = &s.toks[i];
    if !t.may_be_in_name() {
        return false;
    }
    match t.case {
        Case::NoLetters => false,
        Case::Upper => !(t.len == 1 && t.key == pronoun),
        Case::Title if i == 0 => {
            let class = s.lex.first().map_or(0, |&l| (l >> 3) as u8);
            let number_next = s
                .toks
                .get(1)
                .is_some_and(|n| n.case == Case::NoLetters && n.may_be_in_name());
            number_next || class != LEX_LOWER || s.casing.of(t) & SEEN_CAPITALISED != 0
        }
        _ => true,
    }
}

/// Marks in `fixed` the tokens of `s` farther than [`NAME_REACH`] from any word that
/// [`may_be_in_name`], and in `needed` those the others read (their neighbours up to two
/// places away, see [`NEIGHBOURS`], and the token after each stretch, whose context rows
/// close it). Leaves both empty when no token is fixed.
fn fix_to_o(s: &Sentence, fixed: &mut Vec<bool>, needed: &mut Vec<bool>) {
    let n = s.toks.len();
    let pronoun = word_key("I");
    // For now, which words may be in a name.
    needed.extend((0..n).map(|i| may_be_in_name(s, i, pronoun)));
    // One pass each, keeping a running count of the window's marks.
    let any_fixed = within(needed, NAME_REACH, |m| m, |_, near| fixed.push(near == 0));
    needed.clear();
    if !any_fixed {
        fixed.clear();
        return;
    }
    let reach = NEIGHBOURS
        .iter()
        .map(|d| d.unsigned_abs())
        .max()
        .unwrap_or(0);
    within(fixed, reach, |f| !f, |_, near| needed.push(near > 0));
}

/// Calls `each(i, count)` for each position `i` of `marks` with the count of the marks in
/// `i - reach ..= i + reach` that `is` says yes to: a running count, one pass. Returns
/// whether some count was 0.
fn within(
    marks: &[bool],
    reach: usize,
    is: impl Fn(bool) -> bool,
    mut each: impl FnMut(usize, usize),
) -> bool {
    let n = marks.len();
    let mut count = marks[..reach.min(n)].iter().filter(|&&m| is(m)).count();
    let mut some_zero = false;
    for i in 0..n {
        if i + reach < n && is(marks[i + reach]) {
            count += 1;
        }
        if i > reach && is(marks[i - reach - 1]) {
            count -= 1;
        }
        some_zero |= count == 0;
        each(i, count);
    }
    some_zero
}

impl Lattice {
    /// The scores of each token of the last sentence tagged, without the transitions'
    /// and the context's: its features', its history's. (With pruning, of the tokens
    /// scored only: see [`viterbi_cached`].)
    pub fn emissions(&self) -> &[[i32; N_TAGS]] {
        &self.emission
    }

    /// The scores of each token's [`context_features`] in the last sentence tagged, one row
    /// per class of the tag before. ([`viterbi_cached`] gives them only after
    /// [`Lattice::keep_contexts`].)
    pub fn contexts(&self) -> &[[[i32; N_TAGS]; 6]] {
        &self.context
    }

    /// Whether [`viterbi_cached`] keeps each token's context rows for
    /// [`Lattice::contexts`] (it need not copy them to search).
    pub fn keep_contexts(&mut self, keep: bool) {
        self.keep_contexts = keep;
    }
}

/// The scores of a token's [`context_features`], one row per class of the tag before it.
fn context_rows<W: Weights>(weights: &W, t: &Tok) -> [[i32; N_TAGS]; 6] {
    let mut c = [[0i32; N_TAGS]; 6];
    for (k, row) in c.iter_mut().enumerate() {
        for f in context_features(t, CLASS_REPRESENTATIVE[k]) {
            weights.add(f, row);
        }
    }
    c
}

/// One tag of each class of the tag before (index: the class, see [`prev_class`]): `O`,
/// then `U` of each type, then `START`.
const CLASS_REPRESENTATIVE: [u8; 6] = [
    0,
    tag_of(0, Part::Unit),
    tag_of(1, Part::Unit),
    tag_of(2, Part::Unit),
    tag_of(3, Part::Unit),
    START,
];

/// The best tag sequence for one sentence under the BILOU constraints (first-order
/// Viterbi), into `tags`; then notes its names in `history`.
pub fn viterbi<W: Weights>(
    weights: &W,
    toks: &[Tok],
    feats: &SentenceFeatures,
    history: &mut History,
    lattice: &mut Lattice,
    tags: &mut Vec<u8>,
) {
    let trans = Transitions::new(weights);
    viterbi_with(weights, &trans, toks, feats, history, lattice, tags);
}

/// [`viterbi`] with the transitions computed already.
pub fn viterbi_with<W: Weights>(
    weights: &W,
    trans: &Transitions,
    toks: &[Tok],
    feats: &SentenceFeatures,
    history: &mut History,
    lattice: &mut Lattice,
    tags: &mut Vec<u8>,
) {
    let n = toks.len();
    tags.clear();
    let trans = &trans.scores;
    let Lattice {
        emission,
        context,
        paths,
        ..
    } = lattice;
    emission.clear();
    context.clear();
    paths.clear();
    if n == 0 {
        return;
    }
    for i in 0..n {
        let mut e = [0i32; N_TAGS];
        for &f in feats.of(i) {
            weights.add(f, &mut e);
        }
        for f in history_features(toks, i, history) {
            weights.add(f, &mut e);
        }
        emission.push(e);
        context.push(context_rows(weights, &toks[i]));
    }
    best_path(trans, emission, context, paths, tags);
    history.note(toks, tags);
}

/// The best tags of the sentence [`viterbi_with`] last searched in `lattice`, its scores
/// with `cost(i, tag)` added to token `i`'s score of each tag: training's cost-augmented
/// search, which finds the tags that score best *and* cost most, so that the weights learn
/// to put the gold tags ahead of every other by a margin (see `train::Update`). It reads
/// the scores that search left (the history as that search read it) and notes nothing;
/// the scores hold the cost afterwards.
pub fn search_with_cost(
    lattice: &mut Lattice,
    trans: &Transitions,
    cost: impl Fn(usize, u8) -> i32,
    tags: &mut Vec<u8>,
) {
    let Lattice {
        emission,
        context,
        paths,
        ..
    } = lattice;
    for (i, e) in emission.iter_mut().enumerate() {
        for (tag, x) in e.iter_mut().enumerate() {
            *x += cost(i, tag as u8);
        }
    }
    best_path(&trans.scores, emission, context, paths, tags);
}

/// Below any path's score: the score of the tags no path can reach (`I` and `L` on the
/// first token). Far from `i64::MIN`, so that adding a few scores to it cannot overflow.
const UNREACHABLE: i64 = i64::MIN / 4;

/// The Viterbi search proper, over the integer scores of each token (`emission`, and
/// `context` by class of the tag before) and of each transition: the best tag sequence
/// under the BILOU constraints into `tags`. Path scores are `i64`: exact, and far from
/// overflow (a token adds less than 2^33).
///
/// Only the transitions BILOU allows are tried: after `O`, `L` or `U` ([`CLOSED`]) come
/// `O`, `B` or `U` ([`OPENERS`]); after `B` or `I` of a type, `I` or `L` of the same type:
/// 97 of the 289 pairs. Ties go to the lowest previous tag, then to the lowest last tag.
///
/// The forward pass keeps each token's best path scores (`paths`) and no back-pointers:
/// it takes maxima only. The way back asks [`best_before`] which tag came before, for
/// the one tag chosen at each token: the same choice, ties included, for a fraction of
/// the work.
fn best_path(
    trans: &[[i32; N_TAGS]; N_TAGS + 1],
    emission: &[[i32; N_TAGS]],
    context: &[[[i32; N_TAGS]; 6]],
    paths: &mut Vec<[i64; N_TAGS]>,
    tags: &mut Vec<u8>,
) {
    tags.resize(emission.len(), 0);
    let c = |k: usize| &context[k];
    best_path_between(trans, emission, c, false, None, paths, tags);
}

/// [`best_path`] over a stretch of a sentence between tokens fixed to `O` (`prune` in
/// [`viterbi_cached`]): `after_o` when an `O` token comes before the stretch (else
/// it opens the sentence), `before_o` the context rows of the `O` token after it (else it
/// ends the sentence). The `O` tokens' own scores are the same for every path, so the best
/// path through the whole sentence with those tokens fixed to `O` is, stretch by stretch,
/// this one: into the stretch from `O`, out of it by a tag that may precede `O`, scored
/// with that token's row for its class (ties as in [`best_before`]). `tags` is the
/// stretch's; `paths` is cleared.
fn best_path_between<'c>(
    trans: &[[i32; N_TAGS]; N_TAGS + 1],
    emission: &[[i32; N_TAGS]],
    context: impl Fn(usize) -> &'c [[i32; N_TAGS]; 6],
    after_o: bool,
    before_o: Option<&[[i32; N_TAGS]; 6]>,
    paths: &mut Vec<[i64; N_TAGS]>,
    tags: &mut [u8],
) {
    let n = emission.len();
    paths.clear();
    if n == 0 {
        return;
    }
    let (prev, class) = if after_o { (0, 0) } else { (START as usize, 5) };
    let mut score = [UNREACHABLE; N_TAGS];
    for &cur in &OPENERS {
        let cur = cur as usize;
        score[cur] =
            trans[prev][cur] as i64 + context(0)[class][cur] as i64 + emission[0][cur] as i64;
    }
    paths.push(score);
    for (i, emitted) in emission.iter().enumerate().skip(1) {
        let ctx = context(i);
        let mut next = [0i64; N_TAGS];
        for &cur in &OPENERS {
            let cur = cur as usize;
            // From `O`; then from `L` or `U` of each type, which share a class (one context
            // row): the better of the two, then against the best so far.
            let mut best = score[0] + (trans[0][cur] + ctx[0][cur]) as i64;
            for ty in 0..4 {
                let (l, u) = (CLOSED[1 + 2 * ty] as usize, CLOSED[2 + 2 * ty] as usize);
                let vl = score[l] + trans[l][cur] as i64;
                let vu = score[u] + trans[u][cur] as i64;
                best = best.max(vl.max(vu) + ctx[CLASS[l] as usize][cur] as i64);
            }
            next[cur] = best;
        }
        for ty in 0..4 {
            let (b, inside) = (1 + 4 * ty, 2 + 4 * ty);
            let class = ty + 1;
            for cur in [inside, inside + 1] {
                let c = ctx[class][cur];
                let vb = score[b] + (trans[b][cur] + c) as i64;
                let vi = score[inside] + (trans[inside][cur] + c) as i64;
                next[cur] = vb.max(vi);
            }
        }
        for (v, &e) in next.iter_mut().zip(emitted) {
            *v += e as i64;
        }
        score = next;
        paths.push(score);
    }
    let mut best = match before_o {
        // The tag before the `O` that follows, as the way back would ask it.
        Some(ctx) => best_before(trans, &score, ctx, 0),
        None => {
            let mut best = 0u8;
            for (t, &s) in score.iter().enumerate() {
                if may_end(t as u8) && s > score[best as usize] {
                    best = t as u8;
                }
            }
            best
        }
    };
    for i in (1..n).rev() {
        tags[i] = best;
        best = best_before(trans, &paths[i - 1], context(i), best as usize);
    }
    tags[0] = best;
}

/// The tag before `cur` on the best path into it, given the best path scores of the
/// token before (`score`) and this token's context rows: the lowest tag whose path
/// reaches the best score ([`best_path`]'s maxima, in the order it takes them).
fn best_before(
    trans: &[[i32; N_TAGS]; N_TAGS + 1],
    score: &[i64; N_TAGS],
    ctx: &[[i32; N_TAGS]; 6],
    cur: usize,
) -> u8 {
    match tag_parts(cur as u8) {
        Some((ty, Part::Inside | Part::Last)) => {
            let (b, inside) = (1 + 4 * ty, 2 + 4 * ty);
            let c = ctx[ty + 1][cur];
            let vb = score[b] + (trans[b][cur] + c) as i64;
            let vi = score[inside] + (trans[inside][cur] + c) as i64;
            // Ties go to the lower tag, `B`.
            if vi > vb {
                inside as u8
            } else {
                b as u8
            }
        }
        _ => {
            let mut best = score[0] + (trans[0][cur] + ctx[0][cur]) as i64;
            let mut arg = 0u8;
            for ty in 0..4 {
                let (l, u) = (CLOSED[1 + 2 * ty] as usize, CLOSED[2 + 2 * ty] as usize);
                let vl = score[l] + trans[l][cur] as i64;
                let vu = score[u] + trans[u][cur] as i64;
                let (v, p) = if vu > vl { (vu, u) } else { (vl, l) };
                let v = v + ctx[CLASS[l] as usize][cur] as i64;
                if v > best {
                    best = v;
                    arg = p as u8;
                }
            }
            arg
        }
    }
}

/// The names a tag sequence marks: (first token, end token, type index).
pub fn spans(tags: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        match tag_parts(tag) {
            Some((ty, Part::Unit)) => {
                out.push((i, i + 1, ty));
                open = None;
            }
            Some((ty, Part::Begin)) => open = Some((i, ty)),
            Some((ty, Part::Last)) => {
                if let Some((s, oty)) = open.take() {
                    if oty == ty {
                        out.push((s, i + 1, ty));
                    }
                }
            }
            Some((_, Part::Inside)) => {}
            None => open = None,
        }
    }
    out
}

/// BILOU tags for names given as (first token, end token, type index).
pub fn tags_of(n: usize, names: &[(usize, usize, usize)]) -> Vec<u8> {
    let mut tags = vec![0u8; n];
    for &(s, e, ty) in names {
        if e - s == 1 {
            tags[s] = tag_of(ty, Part::Unit);
        } else {
            tags[s] = tag_of(ty, Part::Begin);
            for t in &mut tags[s + 1..e - 1] {
                *t = tag_of(ty, Part::Inside);
            }
            tags[e - 1] = tag_of(ty, Part::Last);
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_round_trip_and_transitions() {
        let names = [(0, 2, 0), (3, 4, 2), (5, 8, 1)];
        let tags = tags_of(9, &names);
        assert_eq!(spans(&tags), names);
        for w in tags.windows(2) {
            assert!(allowed(w[0], w[1]), "{w:?}");
        }
        assert!(!allowed(0, tag_of(0, Part::Inside)));
        assert!(!allowed(tag_of(0, Part::Begin), 0));
        assert!(!allowed(tag_of(0, Part::Begin), tag_of(1, Part::Last)));
    }

    #[test]
    fn ascii_shortcuts_agree_with_unicode() {
        for b in 0u8..128 {
            let c = b as char;
            let lower: Vec<char> = c.to_lowercase().map(norm_char).collect();
            assert_eq!(lower, vec![ascii_norm(b)], "{b}");
            assert_eq!(c.is_uppercase(), c.is_ascii_uppercase(), "{b}");
            assert_eq!(c.is_lowercase(), c.is_ascii_lowercase(), "{b}");
            assert_eq!(c.is_numeric(), c.is_ascii_digit(), "{b}");
            assert!(!c.is_alphabetic() || c.is_ascii_alphabetic(), "{b}");
        }
    }

    #[test]
    fn closed_and_openers_are_the_bilou_transitions() {
        for p in 0..N_TAGS as u8 {
            for cur in 0..N_TAGS as u8 {
                let sparse = if CLOSED.contains(&p) {
                    OPENERS.contains(&cur)
                } else {
                    // B or I of a type: I or L of the same one.
                    let (ty, _) = tag_parts(p).expect("a name's tag");
                    cur == tag_of(ty, Part::Inside) || cur == tag_of(ty, Part::Last)
                };
                assert_eq!(sparse, allowed(p, cur), "{p} -> {cur}");
            }
            assert_eq!(OPENERS.contains(&p), allowed(0, p), "start -> {p}");
        }
        assert!(CLOSED.windows(2).all(|w| w[0] < w[1]));
        assert!(OPENERS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn word_identity_names_the_word_templates() {
        // Each template before the last of them gives exactly one feature per token, so
        // that positions in a token's list are template positions.
        let names: Vec<T> = WORD_IDENTITY.iter().map(|&k| TEMPLATES[k].0).collect();
        assert_eq!(names, [T::Word, T::WordPrevWord, T::WordWordNext]);
        let words = ["Ann", "met", "Bob", "."];
        let toks: Vec<Tok> = words.iter().map(|w| Tok::new(w)).collect();
        let casing = DocCasing::new(std::slice::from_ref(&toks));
        let (mut scratch, mut feats) = (Scratch::default(), SentenceFeatures::default());
        let gaz = Gazetteer::default();
        sentence_features(&words, &toks, &casing, &gaz, &mut scratch, &mut feats);
        for i in 0..words.len() {
            let (s, chars) = scratch.sentence(&words, &toks, &casing, &gaz);
            let mut own = Vec::new();
            for &(t, _) in &TEMPLATES[..=WORD_IDENTITY[2]] {
                let before = own.len();
                template(t, &s, i as isize, chars, &mut |f| own.push(f));
                assert_eq!(own.len(), before + 1, "{t:?}");
            }
            assert_eq!(&feats.of(i)[..own.len()], &own[..]);
        }
    }

    /// A character's shape as the Unicode tables give it, asked in the order `shapes` asks
    /// (None for a character that is no letter or digit).
    fn table_shape(c: char) -> Option<char> {
        if c.is_uppercase() {
            Some('X')
        } else if c.is_lowercase() {
            Some('x')
        } else if c.is_numeric() {
            Some('d')
        } else if c.is_alphabetic() {
            Some('a')
        } else {
            None
        }
    }

    /// The common letters' shapes and lower cases are those of the Unicode tables, over
    /// every character; and words in several scripts get the key of the plain formula.
    #[test]
    fn common_letters_agree_with_the_unicode_tables() {
        let mut seen = 0;
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            let Some((shape, lower)) = common_letter(c) else {
                continue;
            };
            seen += 1;
            let want = table_shape(c).unwrap_or('?');
            assert_eq!(shape, want, "{c:?}");
            assert_eq!(
                c.to_lowercase().collect::<String>(),
                lower.to_string(),
                "{c:?}"
            );
        }
        assert!(seen > 30_000, "{seen}");
        for w in [
            "Zoë",
            "ÉLYSÉE",
            "Straße",
            "Москва",
            "ЁЛКА",
            "Ǆemal",
            "İstanbul",
            "東京都",
            "ひらがなカタカナ",
            "서울",
            "🚀Launch",
            "“Quoted”",
            "O’Brien",
            "٣٤",
            "Ωmega",
            "×÷",
        ] {
            let plain = hash_chars(w.chars().flat_map(char::to_lowercase).map(norm_char));
            assert_eq!(word_key(w), plain, "{w:?}");
        }
    }

    /// The marks [`plain_symbol`] answers for are what the Unicode tables say: no case, no
    /// figure, no letter, their own lower case; and words of them and of letters get the
    /// key, the shapes and the affix characters of the plain formulas.
    #[test]
    fn plain_symbols_agree_with_the_unicode_tables() {
        let mut seen = 0;
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            if !plain_symbol(c) {
                continue;
            }
            seen += 1;
            assert!(!c.is_uppercase() && !c.is_lowercase(), "{c:?}");
            assert!(!c.is_numeric() && !c.is_alphabetic(), "{c:?}");
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c:?}");
            assert!(common_letter(c).is_none(), "{c:?}");
        }
        assert!(seen > 100, "{seen}");
        let long = "—".repeat(30) + "Ünïcödé" + &"İ".repeat(30);
        for w in [
            "“Quoted”",
            "’s",
            "—",
            "…",
            "€45",
            "‘Ab’",
            "İstanbul—Ankara",
            "ǅemal’s",
            "ΩMEGA–Ωmega",
            "x\u{2070}\u{2071}",
            &long,
        ] {
            let plain = hash_chars(w.chars().flat_map(char::to_lowercase).map(norm_char));
            assert_eq!(word_key(w), plain, "{w:?}");
            let mut got = Vec::new();
            lower_chars(w, &mut got);
            let want: Vec<char> = w
                .chars()
                .flat_map(char::to_lowercase)
                .map(norm_char)
                .take(40)
                .collect();
            assert_eq!(got, want, "{w:?}");
        }
        // The shapes and case of the plain formula: each character asked of the tables.
        for w in ["“Quoted”", "’S", "—", "A—B", "x’", "€", "“ÉLAN”", "—Ωmega"]
        {
            let shape = |c: char| table_shape(c).unwrap_or_else(|| norm_char(c));
            let (mut long, mut short): (u64, u64) = (FNV_START, FNV_START);
            let (mut last, mut run) = ('\0', 0);
            for c in w.chars().map(shape) {
                if c == last {
                    run += 1;
                } else {
                    run = 1;
                    short = fnv_step(short, c);
                }
                if run <= 2 {
                    long = fnv_step(long, c);
                }
                last = c;
            }
            let (l, s, case, _) = shapes(w);
            assert_eq!((l, s), (mix(long, 1), mix(short, 2)), "{w:?}");
            let first_up = w.chars().next().is_some_and(char::is_uppercase);
            let has_up = w.chars().any(char::is_uppercase);
            let has_low = w.chars().any(char::is_lowercase);
            let want = match (has_up, has_low) {
                (false, false) => Case::NoLetters,
                (true, false) => Case::Upper,
                _ if first_up => Case::Title,
                (false, true) => Case::Lower,
                _ => Case::Mixed,
            };
            assert_eq!(case, want, "{w:?}");
        }
    }

    #[test]
    fn tok_of_ascii_words_is_tok_of_any() {
        let long = "x".repeat(70) + "ABC" + &"9".repeat(300);
        let words = [
            "",
            "a",
            "A",
            "Ab",
            "AB",
            "ab",
            "McDonald",
            "U.S.",
            "3:41",
            "`quoted'",
            "x-ray",
            "ALL-CAPS",
            "iPhone",
            "1990s",
            "$2.5",
            "...",
            "__",
            "aaaaBBBBcccc",
            &long,
        ];
        for w in words {
            assert_eq!(Tok::ascii(w.as_bytes()), Tok::any(w), "{w:?}");
        }
        // Every byte, alone and between letters.
        for b in 0u8..128 {
            for w in [vec![b], vec![b'A', b, b'b', b], vec![b, b, b, b'z']] {
                let w = String::from_utf8(w).expect("ASCII");
                assert_eq!(Tok::ascii(w.as_bytes()), Tok::any(&w), "{w:?}");
            }
        }
    }

    /// [`best_path`] as first written: back-pointers kept for every tag of every token.
    fn best_path_with_back_pointers(
        trans: &[[i32; N_TAGS]; N_TAGS + 1],
        emission: &[[i32; N_TAGS]],
        context: &[[[i32; N_TAGS]; 6]],
    ) -> Vec<u8> {
        let n = emission.len();
        let mut back = Vec::new();
        let mut score = [UNREACHABLE; N_TAGS];
        for &cur in &OPENERS {
            let cur = cur as usize;
            score[cur] = trans[START as usize][cur] as i64
                + context[0][5][cur] as i64
                + emission[0][cur] as i64;
        }
        back.push([START; N_TAGS]);
        for i in 1..n {
            let mut next = [UNREACHABLE; N_TAGS];
            let mut from = [0u8; N_TAGS];
            for cur in 0..N_TAGS as u8 {
                for p in 0..N_TAGS as u8 {
                    if !allowed(p, cur) {
                        continue;
                    }
                    let (p, c) = (p as usize, cur as usize);
                    let v = score[p] + trans[p][c] as i64 + context[i][CLASS[p] as usize][c] as i64;
                    if v > next[c] {
                        next[c] = v;
                        from[c] = p as u8;
                    }
                }
            }
            for (v, &e) in next.iter_mut().zip(&emission[i]) {
                *v += e as i64;
            }
            score = next;
            back.push(from);
        }
        let mut best = 0u8;
        for (t, &s) in score.iter().enumerate() {
            if may_end(t as u8) && s > score[best as usize] {
                best = t as u8;
            }
        }
        let mut tags = vec![0; n];
        for i in (0..n).rev() {
            tags[i] = best;
            best = back[i][best as usize];
        }
        tags
    }

    /// The search without back-pointers chooses as the plain one, ties included: scores
    /// drawn from a few values, so that many paths tie.
    #[test]
    fn best_path_agrees_with_back_pointers() {
        let mut numbers = crate::test_numbers(0x9e37_79b9_7f4a_7c15u64);
        let mut next = move |m: u64| (numbers() % m) as i32;
        for round in 0..3000 {
            let spread = [2, 3, 5, 1000, 40_000][round % 5];
            let mut trans = [[0i32; N_TAGS]; N_TAGS + 1];
            for row in trans.iter_mut() {
                row.iter_mut()
                    .for_each(|t| *t = next(spread) - spread as i32 / 2);
            }
            let n = 1 + next(30) as usize;
            let mut emission = vec![[0i32; N_TAGS]; n];
            let mut context = vec![[[0i32; N_TAGS]; 6]; n];
            for (e, ctx) in emission.iter_mut().zip(context.iter_mut()) {
                e.iter_mut().for_each(|e| *e = next(spread));
                for row in ctx.iter_mut() {
                    row.iter_mut()
                        .for_each(|c| *c = next(spread) - spread as i32 / 3);
                }
            }
            let (mut paths, mut tags) = (Vec::new(), Vec::new());
            best_path(&trans, &emission, &context, &mut paths, &mut tags);
            let want = best_path_with_back_pointers(&trans, &emission, &context);
            assert_eq!(tags, want, "round {round}");
        }
    }

    #[test]
    fn word_chunks_hold_every_entry_once() {
        let mut expected = Vec::new();
        for c in 0..6usize {
            for k in 0..64 << c {
                expected.push((c, k));
            }
        }
        for (at, &want) in expected.iter().enumerate() {
            assert_eq!(Words::place(at as u32), want, "{at}");
        }
    }

    #[test]
    fn class_table_is_prev_class() {
        for t in 0..N_TAGS as u8 {
            assert_eq!(CLASS[t as usize] as u64, prev_class(t));
        }
        for (k, &rep) in CLASS_REPRESENTATIVE.iter().enumerate() {
            assert_eq!(prev_class(rep), k as u64);
        }
        // The types' representatives are their `U` tags, in the order of `TYPES`.
        for ty in 0..TYPES.len() {
            assert_eq!(
                tag_parts(CLASS_REPRESENTATIVE[ty + 1]),
                Some((ty, Part::Unit))
            );
        }
    }

    #[test]
    fn case_and_curly_quotes_do_not_change_the_word() {
        assert_eq!(word_key("Russia’s"), word_key("russia's"));
        assert_eq!(word_key("PUTIN"), word_key("Putin"));
        assert_ne!(Tok::new("PUTIN").shape, Tok::new("Putin").shape);
    }
}
