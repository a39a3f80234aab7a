//! Stage 3: sentences and tokens of the analysed blocks (body and metadata). Sentences
//! never cross a block boundary; tokens never cross a sentence boundary.
//!
//! Tokens follow news text rather than CoNLL's pre-split text: `U.S.` and `p.m.` are one
//! token, a possessive `’s` / `'s` is its own token (so `Russia’s` → `Russia` + `’s`),
//! hyphenated words stay whole, numbers keep their `,` and `.` (`7,000`, `3.5`).

use crate::model::Span;

/// One token: a word, a number or a punctuation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    /// Index of the sentence it belongs to.
    pub sentence: usize,
}

/// One sentence, and its tokens as a range of [`Tokenized::tokens`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: (usize, usize),
    /// Index of the analysed block it sits in (the order of the spans given).
    pub block: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Tokenized {
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
}

impl Tokenized {
    pub fn sentence_tokens(&self, s: &Sentence) -> &[Token] {
        &self.tokens[s.tokens.0..s.tokens.1]
    }
}

/// Abbreviations that end with a period but rarely end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "st",
    "jr", "sr", "vs", "etc", "inc", "corp", "co", "ltd", "no", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "pres", "rev", "hon", "adm",
    "maj", "cmdr", "supt", "approx", "dept", "est", "fig", "al",
];

/// Splits each span of `text` into sentences and tokens.
pub fn tokenize(text: &str, blocks: &[Span]) -> Tokenized {
    // Room for the tokens and sentences of all blocks at once (news text has a token every
    // five bytes or so, a sentence every 25 tokens), and one buffer for each block's words:
    // growing them block by block copied every token again and again.
    let bytes: usize = blocks.iter().map(|b| b.1 - b.0).sum();
    let mut out = Tokenized {
        sentences: Vec::with_capacity(bytes / 128 + blocks.len()),
        tokens: Vec::with_capacity(bytes / 5 + 1),
    };
    let mut words = Vec::new();
    for (bi, block) in blocks.iter().enumerate() {
        word_spans_into(text, *block, &mut words);
        let mut sent_start_tok = 0;
        for i in 0..words.len() {
            let ends = i + 1 == words.len() || ends_sentence(text, &words, i);
            if ends {
                let first = words[sent_start_tok];
                let last = words[i];
                let sentence = out.sentences.len();
                let tok_from = out.tokens.len();
                out.tokens.extend(
                    words[sent_start_tok..=i]
                        .iter()
                        .map(|&span| Token { span, sentence }),
                );
                out.sentences.push(Sentence {
                    span: Span(first.0, last.1),
                    tokens: (tok_from, out.tokens.len()),
                    block: bi,
                });
                sent_start_tok = i + 1;
            }
        }
    }
    out
}

/// Whether the sentence ends after token `i` (which is not the last of its block).
fn ends_sentence(text: &str, words: &[Span], i: usize) -> bool {
    // Only a token that is or ends with terminal punctuation, or is a closing mark, can end
    // a sentence: their last bytes (of '…', '”', '’' and '»' too) rule out most words.
    let last = text.as_bytes()[words[i].1 - 1];
    if !matches!(
        last,
        b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | 0xA6 | 0x9D | 0x99 | 0xBB
    ) {
        return false;
    }
    ends_sentence_read(text, words, i)
}

/// [`ends_sentence`] without the shortcut on the token's last byte.
fn ends_sentence_read(text: &str, words: &[Span], i: usize) -> bool {
    let tok = &text[words[i].0..words[i].1];
    let next = &text[words[i + 1].0..words[i + 1].1];
    let gap = &text[words[i].1..words[i + 1].0];
    let closing = |s: &str| matches!(s, "\"" | "”" | "’" | "'" | ")" | "»");
    if closing(tok) && i > 0 {
        // `… end.” Next` : the quote mark closes the sentence its period ended.
        let prev = &text[words[i - 1].0..words[i - 1].1];
        return matches!(prev, "." | "!" | "?") && !gap.is_empty() && starts_sentence(next);
    }
    if closing(next) {
        return false;
    }
    let terminal = matches!(tok, "." | "!" | "?" | "…")
        || (tok.ends_with('.') && tok.len() > 1 && !is_abbreviation(tok));
    terminal && !gap.is_empty() && starts_sentence(next)
}

fn starts_sentence(next: &str) -> bool {
    next.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_numeric()
            || "“\"‘'(«".contains(c)
            || !is_letter(c) && !c.is_ascii_punctuation()
    })
}

fn is_abbreviation(tok: &str) -> bool {
    let word = tok.trim_end_matches('.');
    // Initials and dotted abbreviations: "J.", "U.S.", "a.m." (they end sentences only
    // before a clearly new sentence; we keep them inside to avoid splitting names).
    if word.chars().count() == 1 || word.contains('.') {
        return true;
    }
    // No abbreviation is longer than 8 bytes: a word is looked up by its lower-cased key.
    word.len() <= 8
        && ABBREVIATION_KEYS
            .binary_search(&abbreviation_key(word.as_bytes(), true))
            .is_ok()
}

/// A word of at most 8 bytes as a number: its bytes in order (ASCII letters lower-cased when
/// `lower`), zeros after. Words hold no NUL, so two words are equal exactly when their
/// keys are.
const fn abbreviation_key(b: &[u8], lower: bool) -> u64 {
    let mut k = 0u64;
    let mut i = 0;
    while i < 8 {
        let x = if i < b.len() { b[i] } else { 0 };
        k = k << 8 | (if lower { x.to_ascii_lowercase() } else { x }) as u64;
        i += 1;
    }
    k
}

/// [`ABBREVIATIONS`] by [`abbreviation_key`], sorted for a binary search (a word before a
/// period is looked up at every such period; scanning the list was most of the tokenizer's
/// time on abbreviations).
const ABBREVIATION_KEYS: [u64; ABBREVIATIONS.len()] = {
    let mut keys = [0u64; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < keys.len() {
        assert!(ABBREVIATIONS[i].len() <= 8);
        keys[i] = abbreviation_key(ABBREVIATIONS[i].as_bytes(), false);
        i += 1;
    }
    // Insertion sort: the list is short, and this runs at compile time.
    let mut i = 1;
    while i < keys.len() {
        let mut j = i;
        while j > 0 && keys[j - 1] > keys[j] {
            let t = keys[j];
            keys[j] = keys[j - 1];
            keys[j - 1] = t;
            j -= 1;
        }
        i += 1;
    }
    keys
};

/// Token spans of one block.
pub fn word_spans(text: &str, block: Span) -> Vec<Span> {
    let mut out = Vec::new();
    word_spans_into(text, block, &mut out);
    out
}

/// [`word_spans`] into `out` (cleared first), so one buffer serves every block.
fn word_spans_into(text: &str, block: Span, out: &mut Vec<Span>) {
    let s = &text[block.0..block.1];
    let bytes = s.as_bytes();
    out.clear();
    out.reserve(s.len() / 5 + 1);
    // Byte offset of the next character to read.
    let mut pos = 0;
    while let Some(&b) = bytes.get(pos) {
        // Most tokens are ASCII: white space, a word of ASCII letters and digits that no
        // joiner or other character continues, a punctuation mark other than `'` (which
        // may open a possessive) are read by their bytes ([`ASCII_CLASS`]); the rest, and
        // a word that goes on past its ASCII letters, by the general path below.
        if b < 0x80 {
            match ASCII_CLASS[usize::from(b)] {
                AsciiClass::Space => {
                    pos += 1;
                    continue;
                }
                AsciiClass::Mark => {
                    out.push(Span(block.0 + pos, block.0 + pos + 1));
                    pos += 1;
                    continue;
                }
                AsciiClass::Word => {
                    let mut end = pos + 1;
                    while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                        end += 1;
                    }
                    let ends = bytes.get(end).map_or(true, |&n| {
                        n < 0x80 && ASCII_CLASS[usize::from(n)] != AsciiClass::Joiner
                    });
                    if ends {
                        out.push(Span(block.0 + pos, block.0 + end));
                        pos = end;
                        continue;
                    }
                }
                AsciiClass::Joiner => {}
            }
        }
        let Some(c) = char_at(s, pos) else { break };
        let start = pos;
        pos += c.len_utf8();
        if c.is_whitespace() || c == '\u{0}' || is_invisible(c) {
            continue;
        }
        // The token ends where the next one may start: `end == pos` from here on.
        let mut end = pos;
        if is_letter_or_digit(c) {
            // What the word so far is made of, kept up to date as it grows: rescanning it
            // at every joiner would be quadratic in a long run ("1,234,567,...").
            let mut only_digits_commas = c.is_ascii_digit();
            let mut dotted = false;
            let mut one_char = true;
            // A word: letters, digits, and joiners between them ('-', '.', ',', apostrophes).
            loop {
                // ASCII letters and digits, most of a word, a byte at a time.
                let run = pos;
                while let Some(&b) = bytes.get(pos).filter(|b| b.is_ascii_alphanumeric()) {
                    only_digits_commas &= b.is_ascii_digit();
                    pos += 1;
                }
                if pos > run {
                    end = pos;
                    one_char = false;
                }
                let Some(d) = char_at(s, pos) else { break };
                let j = pos;
                if is_letter_or_digit(d) || is_mark(d) {
                    pos += d.len_utf8();
                    end = pos;
                    only_digits_commas &= d.is_ascii_digit();
                    one_char = false;
                    continue;
                }
                let after = char_at(s, j + d.len_utf8());
                let joins = match d {
                    '-' | '‐' | '&' => after.is_some_and(is_letter_or_digit),
                    '.' => {
                        // "U.S." / "p.m." / "3.5" / "e.g.": a period between letters or digits,
                        // or after a single letter that follows a dotted letter.
                        after.is_some_and(is_letter_or_digit)
                            && !after.is_some_and(|a| a.is_uppercase() && !one_char && !dotted)
                    }
                    ',' => {
                        only_digits_commas
                            && s[j + 1..]
                                .chars()
                                .take(3)
                                .filter(char::is_ascii_digit)
                                .count()
                                == 3
                    }
                    '\'' | '’' => {
                        // Keep "don't", "O'Brien" whole; split the possessive "'s".
                        let rest = &s[j + d.len_utf8()..];
                        let possessive = (rest.starts_with('s') || rest.starts_with('S'))
                            && !rest[1..].chars().next().is_some_and(is_letter_or_digit);
                        after.is_some_and(is_letter) && !possessive
                    }
                    _ => false,
                };
                if !joins {
                    break;
                }
                pos = j + d.len_utf8();
                end = pos;
                only_digits_commas &= d == ',';
                dotted |= d == '.';
                one_char = false;
            }
            // A trailing period of a dotted abbreviation: "U.S." / "a.m." / "Mr."
            if s[end..].starts_with('.') {
                let word = &s[start..end];
                if dotted || is_abbreviation(word) {
                    end += 1;
                    pos = end;
                }
            }
        } else if (c == '\'' || c == '’')
            && s[end..].starts_with(['s', 'S'])
            && !s[end + 1..].chars().next().is_some_and(is_letter_or_digit)
        {
            end += 1;
            pos = end;
        }
        out.push(Span(block.0 + start, block.0 + end));
    }
}

/// What an ASCII byte is to the tokenizer's fast path (see [`word_spans_into`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AsciiClass {
    /// White space or NUL: between tokens.
    Space,
    /// A letter or digit: a word.
    Word,
    /// A byte that may join a word to what follows (`-`, `&`, `.`, `,`, `'`), or open a
    /// possessive (`'`): the general path reads on.
    Joiner,
    /// Any other punctuation or control byte: a token of its own.
    Mark,
}

/// [`AsciiClass`] of each ASCII byte.
const ASCII_CLASS: [AsciiClass; 128] = {
    let mut t = [AsciiClass::Mark; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            AsciiClass::Word
        } else if matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' | 0) {
            AsciiClass::Space
        } else if matches!(c, b'-' | b'&' | b'.' | b',' | b'\'') {
            AsciiClass::Joiner
        } else {
            AsciiClass::Mark
        };
        b += 1;
    }
    t
};

/// The character at byte `i` of `s` (a character boundary), if any; ASCII without decoding.
#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    let b = *s.as_bytes().get(i)?;
    if b.is_ascii() {
        Some(char::from(b))
    } else {
        s[i..].chars().next()
    }
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F | 0x200D | 0xFE0F)
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{feff}' | '\u{ad}')
}

/// ASCII bytes that are word characters for [`word_count`]: letters, digits and `_`.
const ASCII_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    t
};

/// Words as the scorers count them: runs of letters, digits and `_`.
pub fn word_count(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut n = 0;
    let mut in_word = false;
    let mut pos = 0;
    while let Some(&b) = bytes.get(pos) {
        let w = if b.is_ascii() {
            pos += 1;
            ASCII_WORD[usize::from(b)]
        } else {
            let c = s[pos..].chars().next().unwrap_or_default();
            pos += c.len_utf8();
            non_ascii_letter_or_digit(c)
        };
        n += usize::from(w && !in_word);
        in_word = w;
    }
    n
}

/// `c.is_alphabetic()`, answered without the Unicode table lookup (a binary search, a
/// hundred instructions or more) for the characters news text is full of: ASCII,
/// Latin-1 and Latin Extended, basic Greek, Cyrillic, Hebrew and Arabic letters, CJK
/// ideographs and Hangul syllables, and General Punctuation (curly quotes, dashes,
/// no-break spaces), none of which is a letter. Every stage that splits words uses it;
/// the unit tests check every character it answers.
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        non_ascii_letter(c)
    }
}

/// [`is_letter`] past ASCII (out of line: the ASCII test is what callers inline).
fn non_ascii_letter(c: char) -> bool {
    match u32::from(c) {
        0xA0..=0xBF => matches!(c, 'ª' | 'µ' | 'º'),
        u => known_letter(u).unwrap_or_else(|| c.is_alphabetic()),
    }
}

/// Whether `c` is a word character for the regex crate's Unicode `\w` and `\b` (its own
/// table, which follows another Unicode version than `char`'s methods), without compiling a
/// pattern. For code that must agree exactly with a pattern as written.
pub fn is_regex_word(c: char) -> bool {
    regex_syntax::is_word_character(c)
}

/// `c.is_alphanumeric()`, with the shortcuts of [`is_letter`].
#[inline]
pub fn is_letter_or_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        non_ascii_letter_or_digit(c)
    }
}

/// [`is_letter_or_digit`] past ASCII.
fn non_ascii_letter_or_digit(c: char) -> bool {
    match u32::from(c) {
        0xA0..=0xBF => matches!(c, 'ª' | 'µ' | 'º' | '²' | '³' | '¹' | '¼' | '½' | '¾'),
        u => known_letter(u).unwrap_or_else(|| c.is_alphanumeric()),
    }
}

/// `c` lower-cased and whether it is upper-case, for the characters whose case needs no
/// table: Latin-1, basic Greek and Cyrillic letters (one to one, by a fixed offset), CJK
/// ideographs, Hangul syllables and General Punctuation (no case). `None` for the others:
/// ask `char::to_lowercase` and `char::is_uppercase` (a binary search each, most of the
/// time of lower-casing a word in Cyrillic). Checked against both on every character.
#[inline]
pub fn simple_case(c: char) -> Option<(char, bool)> {
    let u = u32::from(c);
    let (lower, upper) = match u {
        0..=0x7F => return Some((c.to_ascii_lowercase(), c.is_ascii_uppercase())),
        0xC0..=0xDE if u != 0xD7 => (u + 0x20, true),
        0x80..=0xFF => (u, false),
        0x391..=0x3A9 if u != 0x3A2 => (u + 0x20, true),
        0x3B1..=0x3C9 => (u, false),
        0x400..=0x40F => (u + 0x50, true),
        0x410..=0x42F => (u + 0x20, true),
        0x430..=0x45F | 0x2000..=0x206F | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3 => (u, false),
        _ => return None,
    };
    Some((char::from_u32(lower)?, upper))
}

/// Whether code point `u` (past Latin-1's symbols) is a letter, for the ranges that need
/// no table: each is all letters or all non-letters, and none holds a digit.
fn known_letter(u: u32) -> Option<bool> {
    match u {
        0x80..=0x9F | 0x2000..=0x206F => Some(false),
        0xC0..=0x24F => Some(u != 0xD7 && u != 0xF7), // × and ÷
        0x3B1..=0x3C9 | 0x410..=0x44F | 0x5D0..=0x5EA | 0x620..=0x64A => Some(true),
        0x4E00..=0x9FFF | 0xAC00..=0xD7A3 => Some(true),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`word_spans_into`] as written before its ASCII fast path: every character decoded.
    fn word_spans_plain(text: &str, block: Span, out: &mut Vec<Span>) {
        let s = &text[block.0..block.1];
        let bytes = s.as_bytes();
        out.clear();
        out.reserve(s.len() / 5 + 1);
        // Byte offset of the next character to read.
        let mut pos = 0;
        while let Some(c) = char_at(s, pos) {
            let start = pos;
            pos += c.len_utf8();
            if c.is_whitespace() || c == '\u{0}' || is_invisible(c) {
                continue;
            }
            // The token ends where the next one may start: `end == pos` from here on.
            let mut end = pos;
            if is_letter_or_digit(c) {
                // What the word so far is made of, kept up to date as it grows: rescanning it
                // at every joiner would be quadratic in a long run ("1,234,567,...").
                let mut only_digits_commas = c.is_ascii_digit();
                let mut dotted = false;
                let mut one_char = true;
                // A word: letters, digits, and joiners between them ('-', '.', ',', apostrophes).
                loop {
                    // ASCII letters and digits, most of a word, a byte at a time.
                    let run = pos;
                    while let Some(&b) = bytes.get(pos).filter(|b| b.is_ascii_alphanumeric()) {
                        only_digits_commas &= b.is_ascii_digit();
                        pos += 1;
                    }
                    if pos > run {
                        end = pos;
                        one_char = false;
                    }
                    let Some(d) = char_at(s, pos) else { break };
                    let j = pos;
                    if is_letter_or_digit(d) || is_mark(d) {
                        pos += d.len_utf8();
                        end = pos;
                        only_digits_commas &= d.is_ascii_digit();
                        one_char = false;
                        continue;
                    }
                    let after = char_at(s, j + d.len_utf8());
                    let joins = match d {
                        '-' | '‐' | '&' => after.is_some_and(is_letter_or_digit),
                        '.' => {
                            // "U.S." / "p.m." / "3.5" / "e.g.": a period between letters or digits,
                            // or after a single letter that follows a dotted letter.
                            after.is_some_and(is_letter_or_digit)
                                && !after.is_some_and(|a| a.is_uppercase() && !one_char && !dotted)
                        }
                        ',' => {
                            only_digits_commas
                                && s[j + 1..]
                                    .chars()
                                    .take(3)
                                    .filter(char::is_ascii_digit)
                                    .count()
                                    == 3
                        }
                        '\'' | '’' => {
                            // Keep "don't", "O'Brien" whole; split the possessive "'s".
                            let rest = &s[j + d.len_utf8()..];
                            let possessive = (rest.starts_with('s') || rest.starts_with('S'))
                                && !rest[1..].chars().next().is_some_and(is_letter_or_digit);
                            after.is_some_and(is_letter) && !possessive
                        }
                        _ => false,
                    };
                    if !joins {
                        break;
                    }
                    pos = j + d.len_utf8();
                    end = pos;
                    only_digits_commas &= d == ',';
                    dotted |= d == '.';
                    one_char = false;
                }
                // A trailing period of a dotted abbreviation: "U.S." / "a.m." / "Mr."
                if s[end..].starts_with('.') {
                    let word = &s[start..end];
                    if dotted || is_abbreviation(word) {
                        end += 1;
                        pos = end;
                    }
                }
            } else if (c == '\'' || c == '’')
                && s[end..].starts_with(['s', 'S'])
                && !s[end + 1..].chars().next().is_some_and(is_letter_or_digit)
            {
                end += 1;
                pos = end;
            }
            out.push(Span(block.0 + start, block.0 + end));
        }
    }

    /// The fast path of [`word_spans_into`] splits as the general path alone does, on our
    /// own text: ASCII words before every joiner and mark, accents, CJK, emoji, curly
    /// quotes, ſ, the Kelvin sign, marks, control bytes, possessives and abbreviations.
    #[test]
    fn ascii_fast_path_splits_as_the_general_path() {
        const PIECES: &[&str] = &[
            "word", "U", "S", "7", "3", "000", "Mr", "a", "m", "e", "g", " ", "  ", "\n", "\t",
            "\r", "\u{b}", "\u{c}", "\0", "\u{1}", "\u{7f}", ".", ",", "-", "&", "'", "’", "s",
            "S", "!", "?", "\"", "(", ")", "/", ":", ";", "…", "“", "”", "‐", "—", "é", "Zoë", "ſ",
            "\u{212a}", "東京", "🙂", "\u{301}", "\u{200d}", "\u{fe0f}", "\u{200b}", "\u{feff}",
            "\u{ad}", "\u{a0}", "\u{2009}", "²", "½", "٣", "Ж", "_", "'s", "’s",
        ];
        let mut next = crate::test_numbers(0x9e37_79b9_7f4a_7c15u64);
        let (mut fast, mut plain) = (Vec::new(), Vec::new());
        for _ in 0..30000 {
            let n = 1 + next() % 16;
            let text: String = (0..n)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            // Blocks inside a longer text, so spans are offset.
            let padded = format!("ab {text} cd");
            let block = Span(3, 3 + text.len());
            word_spans_into(&padded, block, &mut fast);
            word_spans_plain(&padded, block, &mut plain);
            assert_eq!(fast, plain, "{text:?}");
        }
    }

    #[test]
    fn abbreviations_found_by_key_as_in_the_list() {
        let listed = |w: &str| {
            let word = w.trim_end_matches('.');
            word.chars().count() == 1
                || word.contains('.')
                || ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str())
        };
        for w in ABBREVIATIONS.iter().copied().chain([
            "Mr.",
            "MRS.",
            "Sept.",
            "sep",
            "Approx.",
            "approxi",
            "approximately.",
            "Dr",
            "D",
            "J.",
            "U.S.",
            "é.",
            "Müller.",
            "Co.",
            "Coo.",
            "Ltd.",
            "Inc",
            "Ä",
            "大.",
            "Prof🙂.",
            "xx",
            "",
            "12.",
            "St.",
        ]) {
            assert_eq!(is_abbreviation(w), listed(w), "{w:?}");
        }
    }

    fn toks(s: &str) -> Vec<&str> {
        word_spans(s, Span(0, s.len()))
            .into_iter()
            .map(|t| &s[t.0..t.1])
            .collect()
    }

    #[test]
    fn news_tokens() {
        assert_eq!(toks("Russia’s spy chief"), ["Russia", "’s", "spy", "chief"]);
        assert_eq!(
            toks("Senior U.S. officials"),
            ["Senior", "U.S.", "officials"]
        );
        assert_eq!(
            toks("7,000 containers, 3.5%"),
            ["7,000", "containers", ",", "3.5", "%"]
        );
        assert_eq!(toks("don't O'Brien's"), ["don't", "O'Brien", "'s"]);
        assert_eq!(
            toks("“deeply concerned” by"),
            ["“", "deeply", "concerned", "”", "by"]
        );
        assert_eq!(
            toks("Ri Chang-dae, Kim."),
            ["Ri", "Chang-dae", ",", "Kim", "."]
        );
        assert_eq!(toks("Mr. Smith"), ["Mr.", "Smith"]);
    }

    #[test]
    fn sentences_split_at_terminal_punctuation() {
        let text = "Mr. Smith went to the U.S. on Monday. He said “yes.” Then he left! OK";
        let t = tokenize(text, &[Span(0, text.len())]);
        let s: Vec<&str> = t
            .sentences
            .iter()
            .map(|s| &text[s.span.0..s.span.1])
            .collect();
        assert_eq!(
            s,
            [
                "Mr. Smith went to the U.S. on Monday.",
                "He said “yes.”",
                "Then he left!",
                "OK"
            ]
        );
    }

    #[test]
    fn sentence_ends_ruled_out_by_last_byte_as_when_read() {
        for text in [
            "Mr. Smith went to the U.S. on Monday. He said “yes.” Then he left! OK",
            "« Non ! » dit-il. Ça va… Oui. (Voir plus.) 'Fin.' Next ‘one’ Ok.",
            "北京。東京 — “Wow!” 🙂. Ёлка? Да! \"Quoted.\" Then e\u{301}te. ½. X",
            "Il a dit: «Basta.» Poi… è finita? Sì! Ærø. ÆRØ? ‘Yes,’ he said. ’Tis.",
        ] {
            let words = word_spans(text, Span(0, text.len()));
            for i in 0..words.len().saturating_sub(1) {
                assert_eq!(
                    ends_sentence(text, &words, i),
                    ends_sentence_read(text, &words, i),
                    "{text}: {i}"
                );
            }
        }
    }

    /// Many blocks tokenized at once (one buffer for their words, room made up front) give
    /// what each block gives on its own, renumbered: on our own text with accents, CJK,
    /// emoji, curly quotes and blocks with no token.
    #[test]
    fn blocks_at_once_as_one_by_one() {
        let text = "Zoë’s café opened. “It’s ours,” she said.\n\n   \n\n北京 said 7,000 came. \
                    👩\u{200d}👩\u{200d}👧 U.S. officials, Mr. Ørsted and Dr. Σ agreed!\n\nEnd";
        let mut blocks: Vec<Span> = Vec::new();
        let mut at = 0;
        for part in text.split("\n\n") {
            blocks.push(Span(at, at + part.len()));
            at += part.len() + 2;
        }
        let all = tokenize(text, &blocks);
        let (mut sentences, mut tokens) = (Vec::new(), Vec::new());
        for (bi, b) in blocks.iter().enumerate() {
            let one = tokenize(text, std::slice::from_ref(b));
            for s in one.sentences {
                let first = tokens.len();
                let sentence = sentences.len();
                tokens.extend(one.tokens[s.tokens.0..s.tokens.1].iter().map(|t| Token {
                    span: t.span,
                    sentence,
                }));
                sentences.push(Sentence {
                    span: s.span,
                    tokens: (first, tokens.len()),
                    block: bi,
                });
            }
        }
        assert_eq!(all.sentences, sentences);
        assert_eq!(all.tokens, tokens);
        assert!(all.sentences.len() >= 5, "{:?}", all.sentences);
    }

    #[test]
    fn cjk_emoji_and_marks() {
        assert_eq!(
            toks("北京 👩‍👩‍👧 e\u{301}te"),
            [
                "北京",
                "👩",
                "\u{200d}",
                "👩",
                "\u{200d}",
                "👧",
                "e\u{301}te"
            ]
        );
        assert_eq!(word_count("It’s 7,000 — ok"), 5);
    }

    #[test]
    fn word_count_agrees_with_a_count_over_chars() {
        let by_chars = |s: &str| {
            let (mut n, mut in_word) = (0, false);
            for c in s.chars() {
                let w = c.is_alphanumeric() || c == '_';
                n += usize::from(w && !in_word);
                in_word = w;
            }
            n
        };
        for s in [
            "",
            "a",
            "_x_ y__",
            "It’s 7,000 — ok",
            "北京 👩‍👩‍👧 e\u{301}te",
            "naïve café² ½ ×3",
            "a\u{0}b\u{a0}c",
        ] {
            assert_eq!(word_count(s), by_chars(s), "{s:?}");
        }
    }

    #[test]
    fn simple_case_agrees_with_char_methods() {
        let mut answered = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if let Some((lower, upper)) = simple_case(c) {
                let std: Vec<char> = c.to_lowercase().collect();
                assert_eq!(std, [lower], "{c:?}");
                assert_eq!(upper, c.is_uppercase(), "{c:?}");
                answered += 1;
            }
        }
        // Latin-1, Greek, Cyrillic, CJK, Hangul: the shortcut covers them.
        assert!(answered > 30_000, "{answered}");
        for c in "AÀÖØÞßàÿΑΩωЀЏАЯаяё北한“—".chars() {
            assert!(simple_case(c).is_some(), "{c:?}");
        }
    }

    #[test]
    fn letter_shortcuts_agree_with_char_methods() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
