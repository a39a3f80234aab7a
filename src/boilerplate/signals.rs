//! Local signals of one block, measured in a single pass over its text without
//! allocating: how long it is, whether it reads like prose (sentence punctuation,
//! function words, commas), whether it addresses the reader as a publisher does in an
//! appeal ("we", "our", "your support"), and how much of it sits in links.
//!
//! Function words are one signal among several: a page in a language whose function
//! words are not in [`super::patterns::STOP_WORDS`] still has long blocks, commas and
//! sentence punctuation.

use super::patterns::{APPEAL_WORDS, READER_WORDS, STOP_WORDS, WE_WORDS};
use crate::tokens::simple_case;
use std::sync::OnceLock;

/// The first letters of [`APPEAL_WORDS`] (checked in a test).
const APPEAL_FIRST: &[u8] = b"cdfijmprs";

/// Bits of [`word_kinds`].
const STOP: u8 = 1;
const WE: u8 = 2;
const READER: u8 = 4;

/// A word of at most 8 bytes as a number (bytes in order, zeros after): words hold no
/// NUL, so two words are equal exactly when their keys are.
fn key(b: &[u8]) -> Option<u64> {
    (b.len() <= 8).then(|| {
        let mut k = [0u8; 8];
        k[..b.len()].copy_from_slice(b);
        u64::from_be_bytes(k)
    })
}

/// [`key`] of the ASCII word `b` lower-cased, read from the word itself: the lower-cased
/// bytes are shifted in one by one (no copy into a buffer).
fn ascii_key(b: &[u8]) -> Option<u64> {
    (!b.is_empty() && b.len() <= 8).then(|| {
        let k = b
            .iter()
            .fold(0u64, |k, &x| k << 8 | u64::from(x.to_ascii_lowercase()));
        k << (8 * (8 - b.len()))
    })
}

/// [`ascii_key`] of the word `bytes[start..end]`, made of ASCII letters and digits only,
/// read with one 8-byte load when the text goes on for 8 bytes: setting bit 5 (`0x20`) of
/// a letter or digit lower-cases it (digits have it already), and the bytes after the word
/// are masked off.
#[inline]
fn alnum_key(bytes: &[u8], start: usize, end: usize) -> Option<u64> {
    let n = end - start;
    if n == 0 || n > 8 {
        return None;
    }
    match bytes.get(start..start + 8) {
        Some(eight) => {
            let raw = u64::from_be_bytes(eight.try_into().expect("8 bytes"));
            Some((raw | 0x2020_2020_2020_2020) & (u64::MAX << (8 * (8 - n))))
        }
        None => ascii_key(&bytes[start..end]),
    }
}

/// Whether the word `b` starts with one of [`APPEAL_WORDS`], ASCII case ignored (a word
/// in another script comes here lower-cased).
#[inline]
fn appeal_word(b: &[u8]) -> bool {
    if b.len() < 5 || !APPEAL_FIRST.contains(&b[0].to_ascii_lowercase()) {
        return false;
    }
    // The word's head lower-cased, as long as the longest appeal word (checked in a test).
    let mut head = [0u8; 10];
    let n = b.len().min(head.len());
    head[..n].copy_from_slice(&b[..n]);
    head.make_ascii_lowercase();
    APPEAL_WORDS
        .iter()
        .any(|p| head[..n].starts_with(p.as_bytes()))
}

/// Slots of the [`word_kinds`] table: a power of two, several times the number of words,
/// so a word is nearly always in its slot or the next (see [`kind_of`]).
const SLOTS: usize = 1024;

fn slot(k: u64) -> usize {
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOTS.trailing_zeros())) as usize
}

/// Every word of [`STOP_WORDS`], [`WE_WORDS`] and [`READER_WORDS`] (all at most 8 bytes)
/// by [`key`], with the lists it is in, in an open-addressing hash table (key 0 marks an
/// empty slot: no word is empty): one multiplication and usually one slot per word,
/// instead of a search per list.
fn word_kinds() -> &'static [(u64, u8)] {
    static T: OnceLock<Vec<(u64, u8)>> = OnceLock::new();
    T.get_or_init(|| {
        let mut t: Vec<(u64, u8)> = vec![(0, 0); SLOTS];
        for (list, bit) in [(STOP_WORDS, STOP), (WE_WORDS, WE), (READER_WORDS, READER)] {
            for &w in list {
                let k = key(w.as_bytes()).expect("listed words have at most 8 bytes");
                let mut i = slot(k);
                while t[i].0 != 0 && t[i].0 != k {
                    i = (i + 1) % SLOTS;
                }
                t[i] = (k, t[i].1 | bit);
            }
        }
        t
    })
}

/// The lists ([`STOP`], [`WE`], [`READER`] bits) the word with key `k` is in.
///
/// The word's slot and the next are read without a branch on what they hold (whether a
/// word is a function word is a coin toss the processor cannot predict); only when both
/// are taken by other words does the search go on (every listed word has a bit, so a
/// found word answers non-zero).
#[inline]
fn kind_of(kinds: &[(u64, u8)], k: u64) -> u8 {
    let i = slot(k);
    let (k0, b0) = kinds[i];
    let (k1, b1) = kinds[(i + 1) % SLOTS];
    let found =
        (b0 & 0u8.wrapping_sub(u8::from(k0 == k))) | (b1 & 0u8.wrapping_sub(u8::from(k1 == k)));
    if (k0 != 0) & (k1 != 0) & (found == 0) {
        kind_further(kinds, k, (i + 2) % SLOTS)
    } else {
        found
    }
}

/// [`kind_of`] from slot `i` on.
#[inline(never)]
fn kind_further(kinds: &[(u64, u8)], k: u64, mut i: usize) -> u8 {
    loop {
        let (sk, bits) = kinds[i];
        if sk == k {
            return bits;
        }
        if sk == 0 {
            return 0;
        }
        i = (i + 1) % SLOTS;
    }
}

/// What the classifier knows about one block's text.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Signals {
    /// Words as the tokens stage counts them (runs of letters and digits).
    pub words: usize,
    /// Ends with sentence punctuation (., !, ?, …, or a closing quote after one).
    pub sentence_end: bool,
    /// Ends with a colon (a lead-in: "A message from the editors:").
    pub colon_end: bool,
    /// Share of function words among the words.
    pub stop_ratio: f32,
    /// Commas (a strong prose signal in every language here).
    pub commas: usize,
    /// "we", "our", "us" (the publisher speaking).
    pub we: usize,
    /// "you", "your" (the reader addressed).
    pub you: usize,
    /// "support", "donate", "journalism", "independent", ... (what appeals ask for).
    pub appeal: usize,
    /// Share of words that start with a capital letter.
    pub capitalised: f32,
    /// Share of the text inside links (HTML only; 0 for text).
    pub link_density: f32,
    /// Starts with a digit (list numbers, dates, counters).
    pub starts_digit: bool,
    /// Contains a quotation mark (speech: rare in captions and menus).
    pub quoted: bool,
    /// A title-case headline glued to a sentence with no space ("Ferry Fares RiseThe
    /// operator said..."): how a teaser card (headline and summary) pastes.
    pub glued_headline: bool,
    /// Has an underscore: the only character that is part of a word for
    /// [`crate::tokens::word_count`] and not for [`Signals::words`], so without one the two
    /// counts agree (see [`Signals::counted_words`]).
    pub underscore: bool,
}

impl Signals {
    /// [`crate::tokens::word_count`] of the measured text `s`, without reading it again
    /// when it has no underscore (the usual case).
    pub fn counted_words(&self, s: &str) -> usize {
        if self.underscore {
            crate::tokens::word_count(s)
        } else {
            self.words
        }
    }
}

/// Classes of a byte for [`measure`]'s loop: one table look-up per byte answers what a
/// chain of comparisons did. Bytes from 0x80 up start or continue a character outside
/// ASCII (decoded only there).
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const DIGIT: u8 = 4;
/// An ASCII letter or digit: part of a word.
const ALNUM: u8 = LOWER | UPPER | DIGIT;
/// `,`, `"`, `_`, `?` or `!`: counted or noted.
const MARK: u8 = 8;
const NON_ASCII: u8 = 16;

static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let x = b as u8;
        t[b] = if x.is_ascii_lowercase() {
            LOWER
        } else if x.is_ascii_uppercase() {
            UPPER
        } else if x.is_ascii_digit() {
            DIGIT
        } else if matches!(x, b',' | b'"' | b'_' | b'?' | b'!') {
            MARK
        } else if !x.is_ascii() {
            NON_ASCII
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Longest word whose function-word kind and appeal are looked up (longer words are only
/// counted).
const LONGEST_LOOKED_UP: usize = 24;

/// [`APPEAL_WORDS`] as (the first up to 8 bytes as a key, the mask of those bytes, the
/// word's length), for comparing with a word's lower-cased 8-byte head in place; the
/// bytes past 8 are compared one by one.
struct AppealHeads([(u64, u64, usize); APPEAL_WORDS.len()]);

static APPEAL_HEADS: AppealHeads = {
    let mut t = [(0u64, 0u64, 0usize); APPEAL_WORDS.len()];
    let mut w = 0;
    while w < APPEAL_WORDS.len() {
        let p = APPEAL_WORDS[w].as_bytes();
        let n = if p.len() < 8 { p.len() } else { 8 };
        let mut k = 0u64;
        let mut i = 0;
        while i < 8 {
            k <<= 8;
            if i < n {
                k |= p[i] as u64;
            }
            i += 1;
        }
        t[w] = (k, u64::MAX << (8 * (8 - n)), p.len());
        w += 1;
    }
    AppealHeads(t)
};

/// [`appeal_word`] of the ASCII word `bytes[start..start + len]` (letters and digits,
/// `5 <= len`), whose first `min(len, 8)` bytes lower-cased are `head` (as [`key`]).
#[inline]
fn ascii_appeal(bytes: &[u8], start: usize, len: usize, head: u64) -> bool {
    let first = (head >> 56) as u8;
    if !APPEAL_FIRST.contains(&first) {
        return false;
    }
    APPEAL_HEADS
        .0
        .iter()
        .zip(APPEAL_WORDS)
        .any(|(&(k, mask, n), p)| {
            n <= len
                && head & mask == k
                && (n <= 8
                    || bytes[start + 8..start + n]
                        .iter()
                        .zip(&p.as_bytes()[8..])
                        .all(|(&x, &y)| x.to_ascii_lowercase() == y))
        })
}

/// Counts of the words read so far.
#[derive(Default)]
struct Counts {
    stop: usize,
    caps: usize,
}

/// Measures `s`. `link_bytes` is the number of bytes of `s` inside links (0 for text).
///
/// One pass over the bytes: an ASCII byte is classed by [`BYTE_CLASS`], and a word of
/// ASCII letters and digits (most words) is read in place, its lower-cased head taken with
/// one 8-byte load; a word with a character outside ASCII goes to [`other_word`].
pub fn measure(s: &str, link_bytes: usize) -> Signals {
    let mut sig = Signals {
        link_density: link_bytes as f32 / s.len().max(1) as f32,
        starts_digit: s.starts_with(|c: char| c.is_ascii_digit()),
        ..Signals::default()
    };
    let kinds = word_kinds();
    let mut counts = Counts::default();
    let bytes = s.as_bytes();
    let n = bytes.len();
    // Whether [`glued_headline`] can hold: it needs a capital right after a lower-case
    // letter (inside a word that starts in its first 200 bytes) or right after `?` or `!`
    // (in its first 200 bytes).
    let mut may_be_glued = false;
    let mut i = 0;
    while i < n {
        let class = BYTE_CLASS[usize::from(bytes[i])];
        if class & ALNUM != 0 {
            let start = i;
            let upper_inside;
            (i, upper_inside) = ascii_word_end(bytes, start);
            may_be_glued |= upper_inside & (start < GLUE_REACH);
            if i < n && bytes[i] >= 0x80 && !punctuation_at(bytes, i) && letter_at(s, i).is_some() {
                // The word goes on past ASCII ("café").
                let (end, capital_inside) = other_word(s, start, kinds, &mut counts, &mut sig);
                may_be_glued |= capital_inside && start < GLUE_REACH;
                i = end;
                continue;
            }
            let len = i - start;
            sig.words += 1;
            counts.caps += usize::from(class & UPPER != 0);
            if len <= LONGEST_LOOKED_UP {
                let head = head_key(bytes, start, len);
                // A longer word's head may be a listed word: its kind is masked off.
                let kind = kind_of(kinds, head) & 0u8.wrapping_sub(u8::from(len <= 8));
                add_kind(kind, &mut counts, &mut sig);
                sig.appeal += usize::from(
                    (len >= 5) & may_be_appeal(head) && ascii_appeal(bytes, start, len, head),
                );
            }
            continue;
        }
        if class & NON_ASCII == 0 {
            if class & MARK != 0 {
                match bytes[i] {
                    b',' => sig.commas += 1,
                    b'"' => sig.quoted = true,
                    b'_' => sig.underscore = true,
                    // `?` or `!` glues only to a capital right after it, in reach.
                    _ => {
                        may_be_glued |= i + 1 < GLUE_REACH
                            && bytes.get(i + 1).is_some_and(u8::is_ascii_uppercase)
                    }
                }
            }
            i += 1;
            continue;
        }
        if punctuation_at(bytes, i) {
            // Curly quotes and apostrophes, dashes: known from their bytes, not decoded.
            sig.quoted |= matches!(bytes[i + 2], 0x9C..=0x9E);
            i += 3;
            continue;
        }
        match letter_at(s, i) {
            Some(_) => {
                let (end, capital_inside) = other_word(s, i, kinds, &mut counts, &mut sig);
                may_be_glued |= capital_inside && i < GLUE_REACH;
                i = end;
            }
            None => {
                let c = s[i..].chars().next().expect("a character starts here");
                if c == '，' || c == '、' {
                    sig.commas += 1;
                }
                if matches!(c, '“' | '”' | '«' | '»' | '„') {
                    sig.quoted = true;
                }
                i += c.len_utf8();
            }
        }
    }
    if sig.words > 0 {
        sig.stop_ratio = counts.stop as f32 / sig.words as f32;
        sig.capitalised = counts.caps as f32 / sig.words as f32;
    }
    sig.glued_headline = may_be_glued && glued_headline(s);
    let trimmed = s.trim_end_matches(['"', '”', '’', '\'', ')', ' ', '»']);
    sig.sentence_end = trimmed.ends_with(['.', '!', '?', '…', '。', '！', '？']);
    sig.colon_end = trimmed.ends_with(':');
    sig
}

/// `b` in every byte of a word.
const fn bytes_of(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// The high bit of each byte of `x` (8 bytes of text) that lies in `lo..=hi` (ASCII),
/// computed for the 8 bytes at once: on the low 7 bits of each byte, adding `0x80 - lo`
/// reaches the high bit exactly when the byte is at least `lo`, and adding `0x7F - hi`
/// exactly when it is more than `hi`; neither sum carries into the next byte. Bytes from
/// 0x80 up are in no range.
#[inline(always)]
fn bytes_within(x: u64, lo: u8, hi: u8) -> u64 {
    const LOW7: u64 = bytes_of(0x7F);
    const HIGH: u64 = bytes_of(0x80);
    let y = x & LOW7;
    let at_least_lo = y + bytes_of(0x80 - lo);
    let above_hi = y + bytes_of(0x7F - hi);
    at_least_lo & !above_hi & !x & HIGH
}

/// Where the run of ASCII letters and digits that starts at `bytes[start]` (one of them)
/// ends, and whether a capital follows its first byte: 8 bytes at a time, each classed
/// by [`bytes_within`] (setting bit 5 folds a capital onto its small letter, and no other
/// byte onto a small letter); the run's end is the first byte that is neither. The bytes
/// are read in little-endian order, so byte `j` of the text is byte `j` of the word.
/// What [`BYTE_CLASS`] says, without a branch per byte: a word's end is not predictable.
#[inline(always)]
fn ascii_word_end(bytes: &[u8], start: usize) -> (usize, bool) {
    let mut i = start;
    let mut upper = 0u64;
    // The first byte's capital does not count.
    let mut after_first = !0x80u64;
    while let Some(eight) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(eight.try_into().expect("8 bytes"));
        let alnum = bytes_within(x, b'0', b'9') | bytes_within(x | bytes_of(0x20), b'a', b'z');
        let capitals = bytes_within(x, b'A', b'Z') & after_first;
        after_first = !0;
        let other = !alnum & bytes_of(0x80);
        if other != 0 {
            // `run` bytes of the word in this 8 (fewer than 8).
            let run = other.trailing_zeros() as usize / 8;
            upper |= capitals & ((1u64 << (8 * run)) - 1);
            return (i + run, upper != 0);
        }
        upper |= capitals;
        i += 8;
    }
    // The last bytes of the text, one by one.
    let mut inside = 0;
    if i == start {
        i += 1;
    }
    while i < bytes.len() {
        let c = BYTE_CLASS[usize::from(bytes[i])];
        if c & ALNUM == 0 {
            break;
        }
        inside |= c;
        i += 1;
    }
    (i, upper != 0 || inside & UPPER != 0)
}

/// [`APPEAL_WORDS`] by their first letter (`a` to `z`), as in [`APPEAL_HEADS`] (the key
/// and mask of their first up to 8 bytes); unused entries match nothing (a zero mask
/// and a key that is not zero).
static APPEAL_BY_FIRST: [[(u64, u64); 3]; 26] = {
    let mut t = [[(u64::MAX, 0u64); 3]; 26];
    let mut used = [0usize; 26];
    let mut w = 0;
    while w < APPEAL_WORDS.len() {
        let (k, mask, _) = APPEAL_HEADS.0[w];
        let f = (APPEAL_WORDS[w].as_bytes()[0] - b'a') as usize;
        t[f][used[f]] = (k, mask);
        used[f] += 1;
        w += 1;
    }
    t
};

/// False when the word whose lower-cased head is `head` (as [`key`]) is sure not to
/// start with one of [`APPEAL_WORDS`]: its first letter's appeal words' heads are compared
/// without a branch (true is rare: then [`ascii_appeal`] decides).
#[inline(always)]
fn may_be_appeal(head: u64) -> bool {
    let first = ((head >> 56) as u8).wrapping_sub(b'a');
    let Some(heads) = APPEAL_BY_FIRST.get(usize::from(first)) else {
        return false;
    };
    heads
        .iter()
        .fold(false, |hit, &(k, mask)| hit | (head & mask == k))
}

/// Whether the character at byte `i` of the text `bytes` is one of U+2000..=U+203F
/// (spaces, dashes, curly quotes and apostrophes, `…`): none is a letter or digit, and
/// of them only `“`, `”` and `„` (U+201C..=U+201E) are quotation marks [`measure`] notes
/// (checked in a test). They start with the bytes E2 80 (and a third follows).
#[inline(always)]
fn punctuation_at(bytes: &[u8], i: usize) -> bool {
    bytes[i] == 0xE2 && bytes.get(i + 1) == Some(&0x80)
}

/// How far into a block [`glued_headline`] looks (bytes).
const GLUE_REACH: usize = 200;

/// The character at byte `i` of `s` (outside ASCII) when it is a letter or digit.
#[inline]
fn letter_at(s: &str, i: usize) -> Option<char> {
    s[i..]
        .chars()
        .next()
        .filter(|&c| crate::tokens::is_letter_or_digit(c))
}

/// The lower-cased first `min(len, 8)` bytes of the ASCII word `bytes[start..start +
/// len]` as a [`key`] (zeros after the word): one 8-byte load when the text goes on for 8
/// bytes, as [`alnum_key`].
#[inline]
fn head_key(bytes: &[u8], start: usize, len: usize) -> u64 {
    alnum_key(bytes, start, start + len.min(8)).expect("a word is not empty")
}

/// Adds a word of kind `kind` ([`word_kinds`]' bits) to the counts.
#[inline]
fn add_kind(kind: u8, counts: &mut Counts, sig: &mut Signals) {
    // Counted without branches (a word's kind is not predictable).
    counts.stop += usize::from(kind & STOP != 0);
    sig.we += usize::from(kind & WE != 0);
    sig.you += usize::from(kind & (WE | READER) == READER);
}

/// Reads the word of `s` that starts at byte `start` and holds a character outside ASCII:
/// counts it, and returns where it ends and whether an ASCII capital follows its first
/// byte. Its case is folded char by char into a stack
/// buffer when it fits; the bytes are compared, never read as text.
#[inline(never)]
fn other_word(
    s: &str,
    start: usize,
    kinds: &[(u64, u8)],
    counts: &mut Counts,
    sig: &mut Signals,
) -> (usize, bool) {
    let bytes = s.as_bytes();
    let mut end = start;
    let mut capital_inside = false;
    // Every character so far has a case [`simple_case`] answers, which keeps its length
    // in UTF-8 (ASCII, Latin-1, Greek, Cyrillic, CJK ...).
    let mut simple = true;
    while end < bytes.len() {
        let b = bytes[end];
        let class = BYTE_CLASS[usize::from(b)];
        if class & ALNUM != 0 {
            capital_inside |= class & UPPER != 0 && end > start;
            end += 1;
            continue;
        }
        if b < 0x80 {
            break;
        }
        let next = bytes.get(end + 1).copied().unwrap_or(0);
        if b == 0xD0 || (b == 0xD1 && next <= 0x9F) || (b == 0xC3 && next != 0x97 && next != 0xB7) {
            // U+0400..=U+045F (Cyrillic) or U+00C0..=U+00FF but × and ÷ (Latin-1): letters
            // whose case [`simple_case`] answers, known from their two bytes.
            end += 2;
            continue;
        }
        let c = if (0xC2..=0xDF).contains(&b) {
            // Two bytes (Latin-1 and Latin Extended, Greek, Cyrillic, Hebrew, Arabic),
            // decoded in place: the text is UTF-8, so a continuation byte follows.
            let u = u32::from(b & 0x1F) << 6 | u32::from(bytes[end + 1] & 0x3F);
            char::from_u32(u).expect("a two-byte character")
        } else {
            s[end..].chars().next().expect("a character starts here")
        };
        if !crate::tokens::is_letter_or_digit(c) {
            break;
        }
        simple &= simple_case(c).is_some();
        end += c.len_utf8();
    }
    let w = &s[start..end];
    sig.words += 1;
    let first = w.chars().next().expect("a word is not empty");
    counts.caps +=
        usize::from(simple_case(first).map_or_else(|| first.is_uppercase(), |(_, up)| up));
    if w.len() > LONGEST_LOOKED_UP {
        return (end, capital_inside);
    }
    if simple && w.len() > 8 && !first.is_ascii() {
        // Lower-cased, the word is as long (longer than any listed word) and starts
        // outside ASCII (as no appeal word does): nothing to look up.
        return (end, capital_inside);
    }
    let mut buf = [0u8; LONGEST_LOOKED_UP];
    let mut n = 0;
    let mut put = |c: char| {
        let l = c.len_utf8();
        if n + l > buf.len() {
            return false;
        }
        c.encode_utf8(&mut buf[n..n + l]);
        n += l;
        true
    };
    for c in w.chars() {
        let fits = match simple_case(c) {
            Some((lower, _)) => put(lower),
            None => c.to_lowercase().all(&mut put),
        };
        if !fits {
            return (end, capital_inside);
        }
    }
    let lower = &buf[..n];
    add_kind(key(lower).map_or(0, |k| kind_of(kinds, k)), counts, sig);
    sig.appeal += usize::from(appeal_word(lower));
    (end, capital_inside)
}

/// A title-case run of at least three words, then a lower-case letter (or `?`/`!`)
/// immediately followed by a capital that starts a lower-case word: "Fares RiseThe".
fn glued_headline(s: &str) -> bool {
    let b = s.as_bytes();
    let limit = b.len().min(GLUE_REACH);
    let mut words = 0;
    let mut caps = 0;
    let mut prev_space = true;
    for i in 0..limit {
        let c = b[i];
        if c == b' ' {
            prev_space = true;
            continue;
        }
        if prev_space {
            words += 1;
            if c.is_ascii_uppercase() || c.is_ascii_digit() {
                caps += 1;
            }
            prev_space = false;
            continue;
        }
        if i >= 1
            && c.is_ascii_uppercase()
            && (b[i - 1].is_ascii_lowercase() || matches!(b[i - 1], b'?' | b'!'))
            && b.get(i + 1).is_some_and(|n| n.is_ascii_lowercase())
            && words >= 3
            && caps * 10 >= words * 7
        {
            // Not a camel-cased name (McDonald, iPhone, YouTube): the glued word goes on
            // as an ordinary lower-case word and the sentence after it has spaces.
            let token_start = s[..i].rfind(' ').map_or(0, |p| p + 1);
            if i - token_start < 4 {
                continue;
            }
            let rest = &s[i..];
            let word_end = rest.find(' ').unwrap_or(rest.len());
            let word = &rest[..word_end];
            if word.len() >= 2
                && word[1..]
                    .bytes()
                    .all(|x| x.is_ascii_lowercase() || x == b'\'' || x == b',')
                && rest[word_end..].matches(' ').count() >= 4
            {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`measure`] as it was before its byte classes: the plain path the fast one is checked
    /// against.
    fn measure_plain(s: &str, link_bytes: usize) -> Signals {
        let mut sig = Signals {
            link_density: link_bytes as f32 / s.len().max(1) as f32,
            starts_digit: s.starts_with(|c: char| c.is_ascii_digit()),
            ..Signals::default()
        };
        let kinds = word_kinds();
        let mut stop = 0usize;
        let mut caps = 0usize;
        let mut buf = [0u8; 24];
        let bytes = s.as_bytes();
        let mut word_start: Option<usize> = None;
        // Whether the word being read is ASCII so far.
        let mut word_ascii = true;
        // The word `s[st..end]`; `ascii`: made of ASCII letters and digits only.
        let mut on_word = |st: usize, end: usize, ascii: bool, sig: &mut Signals| {
            let w = &s[st..end];
            sig.words += 1;
            let (kind, appeal) = if ascii {
                // Most words: read in place, their case ignored byte by byte.
                let b = w.as_bytes();
                caps += usize::from(b[0].is_ascii_uppercase());
                if w.len() > buf.len() {
                    return;
                }
                (
                    alnum_key(bytes, st, end).map_or(0, |k| kind_of(kinds, k)),
                    appeal_word(b),
                )
            } else {
                let first = w.chars().next().expect("a word is not empty");
                let upper = simple_case(first).map_or_else(|| first.is_uppercase(), |(_, up)| up);
                caps += usize::from(upper);
                if w.len() > buf.len() {
                    return;
                }
                // Other scripts: lower-cased char by char into a stack buffer when they fit.
                // The bytes are compared, never read as text.
                let mut n = 0;
                let mut put = |c: char| {
                    let l = c.len_utf8();
                    if n + l > buf.len() {
                        return false;
                    }
                    c.encode_utf8(&mut buf[n..n + l]);
                    n += l;
                    true
                };
                for c in w.chars() {
                    let fits = match simple_case(c) {
                        Some((lower, _)) => put(lower),
                        None => c.to_lowercase().all(&mut put),
                    };
                    if !fits {
                        return;
                    }
                }
                let lower = &buf[..n];
                (
                    key(lower).map_or(0, |k| kind_of(kinds, k)),
                    appeal_word(lower),
                )
            };
            if kind & STOP != 0 {
                stop += 1;
            }
            if kind & WE != 0 {
                sig.we += 1;
            } else if kind & READER != 0 {
                sig.you += 1;
            }
            if appeal {
                sig.appeal += 1;
            }
        };
        // Byte by byte: an ASCII byte is a character; other characters are decoded.
        let mut i = 0;
        while i < bytes.len() {
            let x = bytes[i];
            if x.is_ascii_alphanumeric() {
                // Inside a word, its ASCII letters and digits are passed over in a tight loop:
                // none of them is a comma or a quote, and none ends the word.
                if word_start.is_none() {
                    word_start = Some(i);
                    word_ascii = true;
                }
                i += 1;
                while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                    i += 1;
                }
                continue;
            }
            let (is_word, width) = if x.is_ascii() {
                sig.commas += usize::from(x == b',');
                sig.quoted |= x == b'"';
                sig.underscore |= x == b'_';
                (false, 1)
            } else {
                let Some(c) = s[i..].chars().next() else {
                    break;
                };
                if c == '，' || c == '、' {
                    sig.commas += 1;
                }
                if matches!(c, '“' | '”' | '«' | '»' | '„') {
                    sig.quoted = true;
                }
                (crate::tokens::is_letter_or_digit(c), c.len_utf8())
            };
            match (is_word, word_start) {
                (true, None) => {
                    word_start = Some(i);
                    word_ascii = false;
                }
                (true, Some(_)) => word_ascii = false,
                (false, Some(st)) => {
                    on_word(st, i, word_ascii, &mut sig);
                    word_start = None;
                }
                _ => {}
            }
            i += width;
        }
        if let Some(st) = word_start {
            on_word(st, s.len(), word_ascii, &mut sig);
        }
        if sig.words > 0 {
            sig.stop_ratio = stop as f32 / sig.words as f32;
            sig.capitalised = caps as f32 / sig.words as f32;
        }
        sig.glued_headline = glued_headline(s);
        let trimmed = s.trim_end_matches(['"', '”', '’', '\'', ')', ' ', '»']);
        sig.sentence_end = trimmed.ends_with(['.', '!', '?', '…', '。', '！', '？']);
        sig.colon_end = trimmed.ends_with(':');
        sig
    }

    /// Text that takes every path of [`measure`]: accents inside and at the ends of words,
    /// CJK, emoji, curly quotes and apostrophes, `ſ` and the Kelvin sign, full-width commas,
    /// underscores, digits, long words, words of exactly 8 and 9 bytes.
    const MIXED: &[&str] = &[
        "Café owners said, “we support the journalists” — and you’re invited.",
        "Support ſubscribers: the \u{212A}elvin sign, K and k; naïve résumé Ørsted.",
        "北京、上海，和东京 said 我们 support our reporting 🙂😀 subscribe now",
        "Independent journalism needs Independently funded CONTRIBUTORS, membership, readers.",
        "Nosotros y nosotros; Donations «merci» „danke“ für unser Team",
        "abcdefgh abcdefghi ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 x_y __z__ 3,000 12:30",
        "Κείμενο στα ελληνικά και Русский текст: мы поддерживаем журналистов.",
        "e\u{301}dition co\u{301}ntribute Æsir ÉDITEURS ǅemal ﬁnancial ﬂow",
        "İstanbul ŁÓDŹ Ἀθῆναι Ñandú Éxitoso Übersupport Журналистика ΣΥΝΤΑΚΤΕΣ עיתונות صحافة",
        "Ferry Fares To Rise In AutumnThe operator said prices would go up by a tenth.",
        "What Next For Ferries?The operator said it would say more on Monday.",
        "Ferry Fares To Rise In ÉtéThe operator said prices would go up by a tenth.",
        "Ferry Fares To Rise In AutumnÉtude said prices would go up by a tenth!",
        "McDonald said the iPhone and YouTube deals were off the table for now.",
        "Ends with a quote.\u{201d}",
        "Lead-in:",
        "",
        "é",
        "support",
        "Supportive readership",
    ];

    #[test]
    fn measured_by_byte_class_as_by_the_plain_path() {
        for s in MIXED {
            assert_eq!(measure(s, 3), measure_plain(s, 3), "{s}");
        }
        // Every cut of the mixed text at a character boundary: words end at the end of the
        // text, and an ASCII word's 8-byte head may run past it.
        let all = MIXED.join(" ");
        for (i, _) in all.char_indices() {
            for piece in [&all[..i], &all[i..]] {
                assert_eq!(measure(piece, 0), measure_plain(piece, 0), "{piece}");
            }
        }
        // Pseudo-random strings of the characters above.
        let pool: Vec<char> = all.chars().chain(['_', ',', '"', ' ', 'ſ', 'K']).collect();
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..(x % 40) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                t.push(pool[(x % pool.len() as u64) as usize]);
            }
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            assert_eq!(measure(&t, 0), measure_plain(&t, 0), "{t}");
        }
    }

    #[test]
    fn word_ends_found_eight_bytes_at_a_time_as_byte_by_byte() {
        // Every ASCII byte (controls whose bit 5 makes them digits, `@`, `[`, `` ` ``, `{`
        // next to the letters), and accents, CJK, emoji, curly quotes, ſ and the Kelvin sign.
        let ascii: String = (1u8..0x80).map(char::from).collect();
        let text = format!(
            "{ascii} abcdefghijklmnop ABCDEFGHIJ0123456789xyzXYZ@a[b`c{{d\u{10}e\u{19}f \
             Café naïve 北京 🙂 “Quoted” ſubscribe \u{212A}elvin aB Ab ABCDEFGHa"
        );
        let bytes = text.as_bytes();
        for start in 0..bytes.len() {
            if BYTE_CLASS[usize::from(bytes[start])] & ALNUM == 0 {
                continue;
            }
            for end in start + 1..=bytes.len().min(start + 40) {
                let b = &bytes[..end];
                let mut i = start + 1;
                let mut inside = 0;
                while i < b.len() && BYTE_CLASS[usize::from(b[i])] & ALNUM != 0 {
                    inside |= BYTE_CLASS[usize::from(b[i])];
                    i += 1;
                }
                assert_eq!(
                    ascii_word_end(b, start),
                    (i, inside & UPPER != 0),
                    "{start}..{end}"
                );
            }
        }
    }

    #[test]
    fn kinds_read_from_two_slots_as_by_a_full_search() {
        let kinds = word_kinds();
        let searched = |k: u64| {
            let mut i = slot(k);
            loop {
                if kinds[i].0 == k {
                    return kinds[i].1;
                }
                if kinds[i].0 == 0 {
                    return 0;
                }
                i = (i + 1) % SLOTS;
            }
        };
        let listed = STOP_WORDS.iter().chain(WE_WORDS).chain(READER_WORDS);
        for w in listed.clone() {
            let k = key(w.as_bytes()).unwrap();
            assert_eq!(kind_of(kinds, k), searched(k), "{w}");
            assert_ne!(kind_of(kinds, k), 0, "{w}");
        }
        // Words that are not listed, and listed words with a letter more or less, including
        // keys that land on every slot (taken or free).
        for w in listed {
            for v in [
                format!("{w}x"),
                format!("x{w}"),
                w.chars().skip(1).collect(),
            ] {
                if let Some(k) = key(v.as_bytes()).filter(|&k| k != 0) {
                    assert_eq!(kind_of(kinds, k), searched(k), "{v}");
                }
            }
        }
        for k in (1..200_000u64).map(|x| x.wrapping_mul(0x2545_F491_4F6C_DD1D) | 1) {
            assert_eq!(kind_of(kinds, k), searched(k), "{k:x}");
        }
        // A listed word's kind is found whatever slot it had to take.
        let far = kinds
            .iter()
            .enumerate()
            .filter(|(i, (k, _))| *k != 0 && slot(*k) != *i)
            .count();
        eprintln!("{far} listed words sit past their own slot");
    }

    #[test]
    fn appeal_heads_by_first_letter_rule_out_only_what_is_not_an_appeal_word() {
        let text = "support supporter SUPPORT Suppor donation donat DONATING contribute \
                    contributor contribu journalism journalis journal independent independen \
                    independ subscribers subscri membership member funding reader sponsor \
                    patrons patro readers1 s1234 xsupport spons sponsorship 9support zzzzz";
        let b = text.as_bytes();
        let mut at = 0;
        for w in text.split(' ') {
            let head = head_key(b, at, w.len());
            if ascii_appeal(b, at, w.len(), head) {
                assert!(may_be_appeal(head), "{w}");
            }
            at += w.len() + 1;
        }
    }

    #[test]
    fn general_punctuation_known_from_its_bytes() {
        for u in 0x2000..=0x203F {
            let c = char::from_u32(u).unwrap();
            let mut b = [0u8; 4];
            let e = c.encode_utf8(&mut b).as_bytes();
            assert!(punctuation_at(e, 0), "{c:?}");
            assert!(!crate::tokens::is_letter_or_digit(c), "{c:?}");
            assert_eq!(
                matches!(e[2], 0x9C..=0x9E),
                matches!(c, '“' | '”' | '«' | '»' | '„'),
                "{c:?}"
            );
            assert!(c != '，' && c != '、');
        }
        for c in [
            '\u{2040}', '\u{2070}', '\u{2071}', 'é', '北', '🙂', '\u{212A}', 'ſ',
        ] {
            let mut b = [0u8; 4];
            assert!(
                !punctuation_at(c.encode_utf8(&mut b).as_bytes(), 0),
                "{c:?}"
            );
        }
    }

    #[test]
    fn two_byte_letters_known_from_their_bytes() {
        // What other_word's shortcut assumes of U+0400..=U+045F and U+00C0..=U+00FF.
        for u in (0x400..=0x45F).chain(0xC0..=0xFF) {
            let c = char::from_u32(u).unwrap();
            let shortcut = !matches!(c, '×' | '÷');
            assert_eq!(crate::tokens::is_letter_or_digit(c), shortcut, "{c}");
            assert!(simple_case(c).is_some(), "{c}");
            assert_eq!(c.len_utf8(), 2, "{c}");
        }
    }

    #[test]
    fn appeal_words_compared_in_place_as_by_prefix() {
        let text = "support supporter SUPPORT Suppor donation donat DONATING contribute \
                    contributor contribu journalism journalis journal independent \
                    independen independ subscribers subscri membership member funding \
                    reader sponsor patrons patro readers1 s1234 xsupport";
        let b = text.as_bytes();
        let mut at = 0;
        for w in text.split(' ') {
            if w.len() >= 5 {
                let head = head_key(b, at, w.len());
                assert_eq!(
                    ascii_appeal(b, at, w.len(), head),
                    appeal_word(w.as_bytes()),
                    "{w}"
                );
            }
            at += w.len() + 1;
        }
    }

    #[test]
    fn prose_has_function_words_and_a_full_stop() {
        let s = measure(
            "The council said on Monday that the bridge would reopen, and drivers were relieved.",
            0,
        );
        assert_eq!(s.words, 14);
        assert!(s.sentence_end);
        assert!(s.stop_ratio > 0.3);
        assert_eq!(s.commas, 1);
        assert_eq!(s.we + s.you, 0);
    }

    #[test]
    fn appeals_speak_as_we_and_ask_for_support() {
        let s = measure(
            "We rely on readers like you. Your support keeps our independent journalism free.",
            0,
        );
        assert!(s.we >= 2 && s.you >= 2 && s.appeal >= 2, "{s:?}");
    }

    #[test]
    fn menus_are_capitalised_and_unpunctuated() {
        let s = measure("World Business Sport Culture", 28);
        assert!(!s.sentence_end);
        assert_eq!(s.capitalised, 1.0);
        assert!(s.link_density > 0.99);
    }

    #[test]
    fn teaser_cards_glue_headline_to_summary() {
        assert!(
            measure(
                "Ferry Fares To Rise In AutumnThe operator said prices would go up by a tenth.",
                0
            )
            .glued_headline
        );
        assert!(
            !measure(
                "McDonald said the iPhone and YouTube deals were off the table for now.",
                0
            )
            .glued_headline
        );
        assert!(
            !measure("The Harbour Gazette Reports On MacKenzie And His Plans", 0).glued_headline
        );
    }

    #[test]
    fn ascii_words_read_in_place_as_lower_cased_copies() {
        for w in [
            "a",
            "We",
            "YOUR",
            "nosotros",
            "Nosotross",
            "Support",
            "SUBSCRIBERS",
            "dona",
            "x1",
        ] {
            let lower = w.to_ascii_lowercase();
            assert_eq!(ascii_key(w.as_bytes()), key(lower.as_bytes()), "{w}");
            let by_prefix = lower.len() >= 5
                && APPEAL_WORDS
                    .iter()
                    .any(|p| lower.starts_with(p) && APPEAL_FIRST.contains(&lower.as_bytes()[0]));
            assert_eq!(appeal_word(w.as_bytes()), by_prefix, "{w}");
        }
    }

    #[test]
    fn alnum_words_keyed_with_one_load_as_lower_cased_copies() {
        let text = "We ARE nosotros Nosotross x1 Y2K a b7 THEIR Support";
        let b = text.as_bytes();
        let mut at = 0;
        for w in text.split(' ') {
            let lower = w.to_ascii_lowercase();
            assert_eq!(alnum_key(b, at, at + w.len()), key(lower.as_bytes()), "{w}");
            at += w.len() + 1;
        }
    }

    /// Words, function words, "we", "you", appeal words and capitalised words counted the
    /// plain way: words split with the tokens stage's test, lower-cased by Unicode.
    fn counted_plainly(s: &str) -> (usize, usize, usize, usize, usize, usize) {
        let (mut words, mut stop, mut we, mut you, mut appeal, mut caps) = (0, 0, 0, 0, 0, 0);
        for w in s
            .split(|c: char| !crate::tokens::is_letter_or_digit(c))
            .filter(|w| !w.is_empty())
        {
            words += 1;
            caps += usize::from(w.starts_with(char::is_uppercase));
            let lower: String = w.chars().flat_map(char::to_lowercase).collect();
            if w.len() > 24 || lower.len() > 24 {
                continue;
            }
            stop += usize::from(STOP_WORDS.contains(&lower.as_str()));
            if WE_WORDS.contains(&lower.as_str()) {
                we += 1;
            } else if READER_WORDS.contains(&lower.as_str()) {
                you += 1;
            }
            appeal +=
                usize::from(lower.len() >= 5 && APPEAL_WORDS.iter().any(|p| lower.starts_with(p)));
        }
        (words, stop, we, you, appeal, caps)
    }

    #[test]
    fn words_counted_in_one_pass_as_counted_plainly() {
        for s in [
            "We rely on readers like YOU. Your SUPPORT keeps our independent journalism free.",
            "Министр сказал, что переговоры продолжатся и в среду.",
            "Le ministère de l’Intérieur a dit: «nous soutenons» les Journalistes.",
            "Wir und unser Team: für die Unabhängigkeit, café Übersupport Éditeurs",
            "北京 said 我们 support, 東京 🙂 subscribers 😀we our",
            "Nosotros y nosotross; DONATIONS, Contributors, Independently ſupport",
            "x",
            "Ab",
            "the",
            "A1b2c3d4e5 x9 SUBSCRIBE",
            "co\u{301}ntribute contrib\u{0301}ute MEMBERSHIPS Patrons",
            "a_b-c.d'e’f",
            "__init__ _ x_1 ü_é 北_京",
            "",
        ] {
            let sig = measure(s, 0);
            let (words, stop, we, you, appeal, caps) = counted_plainly(s);
            assert_eq!(
                (sig.words, sig.we, sig.you, sig.appeal),
                (words, we, you, appeal),
                "{s}"
            );
            if words > 0 {
                assert_eq!(sig.stop_ratio, stop as f32 / words as f32, "{s}");
                assert_eq!(sig.capitalised, caps as f32 / words as f32, "{s}");
            }
            assert_eq!(sig.counted_words(s), crate::tokens::word_count(s), "{s}");
        }
    }

    #[test]
    fn word_tables() {
        for w in APPEAL_WORDS {
            assert!(APPEAL_FIRST.contains(&w.as_bytes()[0]), "{w}");
            assert!(w.len() <= 10, "{w}: longer than appeal_word's head");
        }
        let kind = |w: &str| key(w.as_bytes()).map_or(0, |k| kind_of(word_kinds(), k));
        for w in STOP_WORDS {
            assert!(kind(w) & STOP != 0, "{w}");
        }
        assert_eq!(kind("we"), WE);
        assert_eq!(kind("your"), READER);
        assert_eq!(kind("th"), 0);
        assert_eq!(kind("thee"), 0);
        assert_eq!(kind("nosotros"), WE);
        assert_eq!(kind("nosotross"), 0);
    }

    #[test]
    fn other_scripts_count_words_and_stop_words() {
        let s = measure("Министр сказал, что переговоры продолжатся и в среду.", 0);
        assert_eq!(s.words, 8);
        assert!(s.stop_ratio > 0.2);
        assert!(s.sentence_end);
    }
}
