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
    let words = block_words(text, blocks);
    let earlier = metadata.publisher.take().filter(publisher::plausible);
    metadata.publisher = publisher::find(text, blocks, &words).or(earlier);

    let byline = byline::find(text, blocks, &words);
    metadata.authors = if byline.authors.is_empty() {
        byline::clean(&metadata.authors)
    } else {
        byline.authors
    };

    let dateline = dates::dateline(text, blocks, &words);
    let dated = dates::find(text, blocks, &words, dateline.as_ref());
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

    let mut credits = credits::find(text, blocks);
    for c in &metadata.credits {
        if !credits.iter().any(|k| k.span.overlaps(c.span)) && credits::plausible(text, c) {
            credits.push(c.clone());
        }
    }
    // A line read as the byline is not also a picture credit.
    let bylines: Vec<Span> = metadata.authors.iter().filter_map(|a| a.span).collect();
    credits.retain(|c| !bylines.iter().any(|s| s.overlaps(c.span)));
    credits.sort_by_key(|c| c.span);
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

/// How far [`block_words`] counts: every word limit the readers of this stage compare a
/// block's count with is below it.
const WORDS_COUNTED: usize = 26;

/// Per block, its number of words (as [`words`] counts them) up to [`WORDS_COUNTED`]:
/// counted once here for the publisher, byline and date readers, which each compared it
/// with their own limits.
fn block_words(text: &str, blocks: &[Block]) -> Vec<usize> {
    blocks
        .iter()
        .map(|b| words_upto(&text[b.start..b.end], WORDS_COUNTED))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

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
