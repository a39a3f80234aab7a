//! Stage 2b: provenance. Sits right after [`crate::boilerplate`] and before the tokens:
//! takes the decided blocks and the [`Metadata`] boilerplate found (title, maybe a byline,
//! maybe credits) and enriches it with the article's own provenance, the facts a reader
//! needs to cite the article itself:
//!
//! - the publisher ([`publisher`]): masthead appeals ("Support The Daily Planet!"),
//!   "A Message from The Daily Planet:", copyright lines ("© 2024 Example Media");
//! - the authors ([`byline`]): "By Jane Doe and John Roe", "Jane Doe, Reuters",
//!   "Reporting by Jane Doe; Editing by John Roe";
//! - the date as written and as ISO 8601 when the text allows ([`dates`]), and the
//!   dateline place ("MOSCOW (Reuters) —");
//! - the language ([`language`]), a guess from function words, `None` when unsure;
//! - picture credits ([`credits`]): photographers and agencies, tied to their caption.
//!   They say who made a picture; they are not sources of the story's claims.
//!
//! Every field carries the span it came from and a confidence. Nothing is invented: a
//! field the text lacks stays empty. Blocks of every class are read, because mastheads
//! and credits live in the boilerplate. Hands on the [`Metadata`] with its
//! [`crate::model::Citations`] ([`cite`]) filled in.

pub mod byline;
pub mod cite;
pub mod credits;
pub mod dates;
pub mod language;
pub mod markdown;
pub mod publisher;

use crate::model::{Block, Field, Metadata, Span};
use crate::tokens::{is_letter, is_letter_or_digit};

/// Enriches the `metadata` boilerplate found with the provenance the blocks of `text`
/// carry. Keeps what boilerplate found when nothing better is there.
pub fn gather(text: &str, blocks: &[Block], mut metadata: Metadata) -> Metadata {
    let seen = glance(text, blocks);
    let earlier = metadata.publisher.take().filter(publisher::plausible);
    metadata.publisher = publisher::find(text, blocks, &seen).or(earlier);

    let byline = byline::find(text, blocks, &seen);
    metadata.authors = if byline.authors.is_empty() {
        byline::clean(&metadata.authors)
    } else {
        byline.authors
    };

    let dateline = dates::dateline(text, blocks, &seen);
    let dated = dates::find(text, blocks, &seen, dateline.as_ref());
    if let Some(d) = dated {
        metadata.date = Some(d.field);
        metadata.date_iso = d.iso;
    } else if let Some(d) = &metadata.date {
        // Boilerplate's date, as written: convert only when it reads as a full date.
        if metadata.date_iso.is_none() {
            metadata.date_iso = dates::parse_absolute(&d.value).and_then(|p| p.iso());
        }
    }
    let (place, wire) = dateline.map_or((None, None), |d| (Some(d.place), d.agency));
    if metadata.dateline.is_none() {
        metadata.dateline = place;
    }
    if metadata.publisher.is_none() {
        // A wire agency in the dateline ("MOSCOW (Reuters) —") or the byline ("Jane Doe,
        // Reuters") produced the story: a weak publisher when the page names no other.
        metadata.publisher = wire.or(byline.agency);
    }
    // The language is this stage's guess alone: `None` when unsure, even if an earlier
    // stage guessed.
    metadata.language = language::guess(text, blocks).map(str::to_string);

    let mut credits = credits::find(text, blocks, &seen);
    for c in &metadata.credits {
        if !credits.iter().any(|k| k.span.overlaps(c.span)) && credits::plausible(text, c) {
            credits.push(c.clone());
        }
    }
    // A line read as the byline is not also a picture credit.
    let bylines: Vec<Span> = metadata.authors.iter().filter_map(|a| a.span).collect();
    credits.retain(|c| !bylines.iter().any(|s| s.overlaps(c.span)));
    crate::stable_sort::by_key(&mut credits, |c| c.span);
    metadata.credits = credits;

    metadata.citations = cite::all(&cite::CitationFields::from_metadata(&metadata));
    metadata
}

/// A field found at byte `start..end` of `text`.
fn field(text: &str, start: usize, end: usize, confidence: f32) -> Field {
    Field {
        value: text[start..end].to_string(),
        span: Some(Span(start, end)),
        confidence,
    }
}

/// Words that join the capitalised words of a name ("Bank of England", "Ludwig van
/// Beethoven", "Agence France-Presse"): allowed inside a name, never at its ends.
const NAME_JOINERS: &[&str] = &[
    "of", "for", "and", "&", "the", "de", "di", "du", "des", "da", "do", "dos", "das", "del",
    "della", "la", "le", "van", "von", "der", "den", "ten", "ter", "bin", "al", "el", "y", "zu",
];

/// Abbreviations that keep their dot inside a name ("Example Co. Ltd.", "John Roe Jr.").
const ABBREVIATIONS: &[&str] = &[
    "Co", "Ltd", "Inc", "Corp", "St", "Jr", "Sr", "Dr", "Mr", "Mrs", "Ms", "Mt", "Ft",
];

/// Whether a word starts with a capital letter (any script) or a digit-free initial.
fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// The longest run of capitalised words (with [`NAME_JOINERS`] between them) at the
/// start of `s`, as a byte length, trailing punctuation excluded. "The Moscow Times!" →
/// "The Moscow Times".
fn name_run(s: &str) -> Option<usize> {
    let mut end = 0;
    let mut pos = 0;
    let mut pending_joiner = false;
    for word in s.split_inclusive(char::is_whitespace) {
        let w = word.trim_end();
        let core = w.trim_end_matches(['!', '?', ',', ':', ';', '.', '"', '”', ')', '’']);
        // An initial or abbreviation keeps its dot and does not close the name ("J. K.
        // Rowling", "Example Co. Ltd.").
        let initial = w.len() == core.len() + 1
            && w.ends_with('.')
            && (core.chars().count() == 1 || ABBREVIATIONS.contains(&core));
        let part = if initial { w } else { core };
        if capitalised(core) && core.chars().any(is_letter) {
            end = pos + part.len();
            pending_joiner = false;
            if part.len() != w.len() {
                break; // punctuation closes the name
            }
        } else if end > 0 && !pending_joiner && NAME_JOINERS.contains(&core) && core == w {
            pending_joiner = true;
        } else {
            break;
        }
        pos += word.len();
    }
    (end > 0).then_some(end)
}

/// "ALEXEY NIKOLSKY" → "Alexey Nikolsky"; names already in mixed case are left alone.
fn titlecase(s: &str) -> String {
    if s.chars().any(char::is_lowercase) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !is_letter_or_digit(c) && c != '\'' && c != '’';
    }
    out
}

/// How far [`glance`] counts words: every word limit the readers of this stage compare a
/// block's count with is below it.
const WORDS_COUNTED: usize = 26;

/// What one read of a short block tells every reader of this stage, so that each can skip
/// a block at once instead of starting a pattern search on it (most blocks are a few
/// words: "Share", "Advertisement", "3 min read", and a search's start-up costs more
/// than reading them).
///
/// A block longer than [`WORDS_COUNTED`] words is not read to its end: its glance holds
/// every character, and asks the readers to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glance {
    /// Its words (as [`words`] counts them), up to [`WORDS_COUNTED`].
    pub words: usize,
    /// What may be in the block: its letters (see [`letters_of`]) and marks ([`DIGIT`] …).
    seen: u32,
}

/// Bit of [`letters_of`] for characters outside ASCII.
const NON_ASCII: u32 = 1 << 26;

/// The ASCII characters besides letters a glance notes, one bit each above the letters'
/// bits: the ones the readers ask about (a digit: dates; `/`, `|` and a space: credit
/// separators).
const DIGIT: u32 = 1 << 27;
const SLASH: u32 = 1 << 28;
const BAR: u32 = 1 << 29;
const SPACE: u32 = 1 << 30;

/// Per ASCII byte, what a glance notes of it: its letter (case ignored), its mark
/// ([`DIGIT`] …), and [`WORD_BYTE`] when it is part of a word.
const NOTED: [u32; 128] = {
    let mut t = [0u32; 128];
    let mut b = 0;
    while b < 128 {
        let x = b as u8;
        if x.is_ascii_alphabetic() {
            t[b] = 1 << (x.to_ascii_lowercase() - b'a');
        }
        t[b] |= match x {
            b'0'..=b'9' => DIGIT,
            b'/' => SLASH,
            b'|' => BAR,
            b' ' => SPACE,
            _ => 0,
        };
        if x.is_ascii_alphanumeric() || x == b'\'' {
            t[b] |= WORD_BYTE;
        }
        b += 1;
    }
    t
};
/// Bit of [`NOTED`]: a byte of a word (ASCII letters, digits, `'`); not kept in a glance.
const WORD_BYTE: u32 = 1 << 31;

/// The letters of `word` as bits (bit 0 `a` … bit 25 `z`, ASCII case ignored; bit 26 for
/// any character outside ASCII; other ASCII characters are left out): a block whose
/// [`Glance`] lacks one of them cannot hold `word`, even for a case-insensitive (`(?i)`)
/// pattern. (Under Unicode case folding a character outside ASCII matches only another
/// one, except the Kelvin sign and `ſ`, which match `k` and `s`: a block with a character
/// outside ASCII may hold those two; see
/// [`crate::boilerplate::patterns::folds_into_ascii`].)
pub const fn letters_of(word: &str) -> u32 {
    let b = word.as_bytes();
    let mut bits = 0;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if !x.is_ascii() {
            bits |= NON_ASCII;
        } else if x.is_ascii_alphabetic() {
            bits |= 1 << (x.to_ascii_lowercase() - b'a');
        }
        i += 1;
    }
    bits
}

/// [`letters_of`] each word: for tables of words computed when compiling.
pub const fn letters_of_each<const N: usize>(words: [&str; N]) -> [u32; N] {
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        out[i] = letters_of(words[i]);
        i += 1;
    }
    out
}

impl Glance {
    /// The glance of a block not read: it may hold anything.
    const ANYTHING: Glance = Glance {
        words: WORDS_COUNTED,
        seen: u32::MAX,
    };

    /// Whether the block may have the character `c`: false only when it has not, for a
    /// letter (case ignored, see [`letters_of`]), a digit, `/`, `|`, a space, or any
    /// character outside ASCII.
    pub fn may_have_char(&self, c: char) -> bool {
        let bit = if c.is_ascii() {
            NOTED[c as usize] & !WORD_BYTE
        } else {
            NON_ASCII
        };
        self.seen & bit == bit
    }

    /// Whether the block has an ASCII digit.
    pub fn has_digit(&self) -> bool {
        self.seen & DIGIT != 0
    }

    /// Whether the block may hold `word` (by its letters only, see [`letters_of`]): false
    /// means a pattern that needs `word`, case ignored or not, cannot match in it.
    pub fn may_have(&self, word: &str) -> bool {
        self.may_have_letters(letters_of(word))
    }

    /// Whether the block may hold one of the words whose letters are `words` (see
    /// [`letters_of_each`], [`Glance::may_have`]).
    pub fn may_have_any(&self, words: &[u32]) -> bool {
        words.iter().any(|&w| self.may_have_letters(w))
    }

    /// Whether the block has all the letters `need` (bits of [`letters_of`]).
    pub fn may_have_letters(&self, need: u32) -> bool {
        need & !self.seen == 0
    }
}

/// Each block at a glance (see [`Glance`]): read once here for the publisher, byline,
/// date and credit readers, which each compared its word count with their own limits and
/// searched it for their own words.
fn glance(text: &str, blocks: &[Block]) -> Vec<Glance> {
    blocks
        .iter()
        .map(|b| glance_at(&text[b.start..b.end]))
        .collect()
}

/// The glance of one block: its words counted up to [`WORDS_COUNTED`] (then the
/// block is not read further, see [`Glance::ANYTHING`]), and the characters seen.
fn glance_at(s: &str) -> Glance {
    let mut n = 0;
    let mut in_word = false;
    let mut seen = 0u32;
    // Byte by byte: an ASCII byte is a character; other characters are decoded.
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Eight ASCII bytes (most of a block) at a time, without a branch per byte: their
        // notes ORed, the words that start among them counted, and the count compared with
        // the limit once after them (a glance that reaches the limit is `ANYTHING`, however
        // far it read).
        if let Some(eight) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
            if word & 0x8080_8080_8080_8080 == 0 {
                for &x in eight {
                    let noted = NOTED[usize::from(x)];
                    seen |= noted;
                    let w = noted & WORD_BYTE != 0;
                    n += usize::from(w & !in_word);
                    in_word = w;
                }
                if n >= WORDS_COUNTED {
                    return Glance::ANYTHING;
                }
                i += 8;
                continue;
            }
        }
        let x = bytes[i];
        let w = if let Some(&noted) = NOTED.get(usize::from(x)) {
            i += 1;
            seen |= noted;
            noted & WORD_BYTE != 0
        } else {
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            seen |= NON_ASCII;
            is_letter_or_digit(c) || c == '’'
        };
        if w && !in_word {
            n += 1;
            if n >= WORDS_COUNTED {
                return Glance::ANYTHING;
            }
        }
        in_word = w;
    }
    // Outside ASCII, the Kelvin sign and `ſ` match `k` and `s` case ignored.
    if seen & NON_ASCII != 0 {
        seen |= letters_of("ks");
    }
    Glance {
        words: n,
        seen: seen & !WORD_BYTE,
    }
}

/// Number of words in `s` (runs of letters, digits and apostrophes).
fn words(s: &str) -> usize {
    words_upto(s, usize::MAX)
}

/// Number of words in `s`, counted up to `cap`: enough to compare with a limit below
/// `cap` without reading a long block to its end.
fn words_upto(s: &str, cap: usize) -> usize {
    let mut n = 0;
    let mut in_word = false;
    // Byte by byte: an ASCII byte is a character; other characters are decoded.
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let x = bytes[i];
        let w = if x.is_ascii() {
            i += 1;
            x.is_ascii_alphanumeric() || x == b'\''
        } else {
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            is_letter_or_digit(c) || c == '’'
        };
        if w && !in_word {
            n += 1;
            if n >= cap {
                return cap;
            }
        }
        in_word = w;
    }
    n
}

/// Lines of our own in mixed scripts and cases, with characters a fast path could read
/// wrongly: accents, CJK, emoji, curly quotes and dashes, no-break spaces, and the Kelvin
/// sign and long s, which case-fold into ASCII `k` and `s`. The tests of each shortcut
/// check on them that it never skips a line its pattern matches.
#[cfg(test)]
pub(crate) const MIXED_LINES: &[&str] = &[
    "",
    "Share",
    "北京 — 東京",
    "Photo: Jane Doe/Example Agency",
    "(PHOTO by Jane Doe | Example)",
    "Image via Example Images",
    "ſupport The Daily Planet!",
    "SUPPORT THE DAILY PLANET 🎉",
    "A Message from The Daily Planet:",
    "© 2024 Example Media Ltd.",
    "Copyright (C) 2023 Northwind",
    "By supporting The Daily Planet, you help us",
    "By Jane Doe and John Roe",
    "VON Jana Muster",
    "Additional reporting by Ann Poe; Editing by John Roe",
    "WRITING\u{a0}BY Jane Doe",
    "Updated 28.03.2024, 10:02",
    "Thu 28 Mar 2024",
    "MIÉRCOLES",
    "sábado, 3 de março",
    "Lunedì",
    "just now",
    "aujourd'hui",
    "Yesterday’s paper",
    "PARIS — The minister resigned on Monday after a week of protests.",
    "KYIV, Ukraine, March 28 (AP) - The mayor said the bridge was closed.",
    "WASHINGTON:\u{a0}The bill passed.",
    "Se habla español — ¿dónde está? Straße, Ærø, Ольга, 🙂 ok",
    "\u{212A}yiv by Jane",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glances_count_words_and_never_miss_a_letter() {
        for s in MIXED_LINES
            .iter()
            .copied()
            .chain(["a b c d e f g h i j k l m n o p q r s t u v w x y z"])
        {
            let g = glance_at(s);
            assert_eq!(g.words, words_upto(s, WORDS_COUNTED), "{s}");
            // Every word of the line, and the line itself, in any case: a pattern for it
            // case ignored matches, so the glance must not rule it out.
            let words = s.split_whitespace().chain([s]);
            for w in words.flat_map(|w| [w.to_string(), w.to_lowercase(), w.to_uppercase()]) {
                let re = regex::Regex::new(&format!("(?i){}", regex::escape(&w))).unwrap();
                if re.is_match(s) {
                    assert!(g.may_have(&w), "{s}: {w}");
                }
            }
            for c in s.chars() {
                assert!(g.may_have_char(c), "{s}: {c}");
            }
            let digit = s.bytes().any(|b| b.is_ascii_digit());
            // Exact for a block read to its end; a longer one may hold anything.
            assert!(g.has_digit() == digit || g == Glance::ANYTHING, "{s}");
        }
        // What the glance is for: a short line without the letters is ruled out.
        let g = glance_at("Share on Facebook");
        assert!(!g.may_have("support") && !g.may_have("reporting") && g.may_have("fab"));
        // The Kelvin sign and the long s match `k` and `s` case ignored.
        assert!(glance_at("\u{212A}ALE").may_have("kale"));
        assert!(glance_at("ſUPPORT").may_have("support"));
        assert!(!glance_at("UPPORT").may_have("support"));
        assert_eq!(glance_at(&"word ".repeat(30)), Glance::ANYTHING);
    }

    /// [`glance_at`] as first written: one character at a time.
    fn glance_plain(s: &str) -> Glance {
        let mut n = 0;
        let mut in_word = false;
        let mut seen = 0u32;
        for c in s.chars() {
            let w = if c.is_ascii() {
                let noted = NOTED[c as usize];
                seen |= noted;
                noted & WORD_BYTE != 0
            } else {
                seen |= NON_ASCII;
                is_letter_or_digit(c) || c == '’'
            };
            if w && !in_word {
                n += 1;
                if n >= WORDS_COUNTED {
                    return Glance::ANYTHING;
                }
            }
            in_word = w;
        }
        if seen & NON_ASCII != 0 {
            seen |= letters_of("ks");
        }
        Glance {
            words: n,
            seen: seen & !WORD_BYTE,
        }
    }

    /// Eight bytes at a time, the glance is the one read a character at a time: on our
    /// mixed lines, every cut of them, and texts put together from their pieces, around the
    /// word limit too.
    #[test]
    fn glance_by_eight_bytes_as_by_characters() {
        let mut texts: Vec<String> = Vec::new();
        for s in MIXED_LINES {
            for (i, _) in s.char_indices() {
                texts.push(s[i..].to_string());
                texts.push(s[..i].to_string());
            }
            texts.push(s.to_string());
        }
        let pieces: Vec<&str> = MIXED_LINES
            .iter()
            .flat_map(|s| s.split(' '))
            .chain([
                " ", "  ", "'", "’", "é", "a", "12", "/", "|", "ſ", "\u{212A}", "x y z",
            ])
            .collect();
        let mut next = crate::test_numbers(0x61a9_ce00);
        for _ in 0..20_000 {
            let n = 1 + next() as usize % 40;
            let t: Vec<&str> = (0..n)
                .map(|_| pieces[next() as usize % pieces.len()])
                .collect();
            texts.push(t.join(if next() % 3 == 0 { "" } else { " " }));
        }
        for k in 20..32 {
            texts.push("ab ".repeat(k));
            texts.push("word, ".repeat(k));
        }
        let mut limit = 0;
        for t in &texts {
            let g = glance_at(t);
            assert_eq!(g, glance_plain(t), "{t:?}");
            limit += usize::from(g == Glance::ANYTHING);
        }
        assert!(limit > 100 && limit < texts.len() / 2, "{limit}");
    }

    #[test]
    fn name_runs_stop_at_punctuation_and_lowercase() {
        let s = "The Moscow Times! more";
        assert_eq!(&s[..name_run(s).unwrap()], "The Moscow Times");
        let s = "Bank of England said";
        assert_eq!(&s[..name_run(s).unwrap()], "Bank of England");
        let s = "Jane Doe and John Roe";
        assert_eq!(&s[..name_run(s).unwrap()], "Jane Doe and John Roe");
        let s = "J. K. Rowling, writer";
        assert_eq!(&s[..name_run(s).unwrap()], "J. K. Rowling");
        assert_eq!(name_run("supporting The Moscow Times"), None);
        let s = "Example Media Ltd. all rights";
        assert_eq!(&s[..name_run(s).unwrap()], "Example Media Ltd.");
    }

    #[test]
    fn words_are_runs_of_letters_digits_and_apostrophes() {
        for s in [
            "",
            " ",
            "It’s 7,000 — ok",
            "don't stop",
            "a-b c",
            "  x  ",
            "北京 é",
        ] {
            let split = s
                .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                .filter(|w| !w.is_empty())
                .count();
            assert_eq!(words(s), split, "{s}");
            assert_eq!(words_upto(s, 2), split.min(2), "{s}");
        }
    }

    #[test]
    fn titlecase_only_all_caps() {
        assert_eq!(titlecase("ALEXEY NIKOLSKY"), "Alexey Nikolsky");
        assert_eq!(titlecase("Jane McDoe"), "Jane McDoe");
        assert_eq!(titlecase("JEAN-PAUL O'NEIL"), "Jean-Paul O'neil");
    }
}
