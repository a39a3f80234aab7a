//! Stage 1: input. Reads plain text or HTML and hands on a [`Document`]: the text that all
//! later spans point into, cut into blocks (one per non-blank line of pasted text, one per
//! block element of HTML), with structural hints when the input was HTML.
//!
//! Invariant: blocks are in order, do not overlap, never start or end with white space,
//! and cover every non-blank character of `text`.

pub mod html;

use crate::model::{BlockKind, InputKind, Span};
use crate::InputHint;

/// The input as the later stages see it.
#[derive(Debug, Clone)]
pub struct Document {
    pub kind: InputKind,
    /// For text input, the input itself; for HTML, its visible text, a block per line.
    pub text: String,
    pub blocks: Vec<RawBlock>,
    /// The HTML `<title>`, when there was one (a hint for the headline).
    pub html_title: Option<String>,
    pub warnings: Vec<String>,
    /// For HTML input, every element in document order (parents before children); empty
    /// for text.
    pub elements: Vec<html::Element>,
    /// The lower-cased class/id names of all elements, which [`html::Element::names`]
    /// index into.
    pub names: String,
}

/// A block before any decision about it.
#[derive(Debug, Clone, PartialEq)]
pub struct RawBlock {
    /// Byte range in [`Document::text`].
    pub span: Span,
    pub kind: BlockKind,
    /// Byte range of the element in the HTML input.
    pub source: Option<Span>,
    /// What the HTML structure says about the block.
    pub html: Option<html::Hints>,
}

/// Reads `input` as text or HTML.
pub fn read(input: &str, hint: InputHint) -> Document {
    let is_html = match hint {
        InputHint::Html => true,
        InputHint::Text => false,
        InputHint::Auto => looks_like_html(input),
    };
    if is_html {
        html::read(input)
    } else {
        read_text(input)
    }
}

/// True when the input starts (after white space) with a doctype, `<html`, `<head`,
/// `<body`, or is mostly markup: block tags near the start and many tags overall.
pub fn looks_like_html(input: &str) -> bool {
    let head: String = input
        .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    if [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<?xml",
        "<meta",
    ]
    .iter()
    .any(|p| head.starts_with(p))
    {
        return true;
    }
    if !head.starts_with('<') {
        return false;
    }
    // A fragment from the clipboard: starts with a tag and has closing tags.
    let sample = &input[..floor_char_boundary(input, 65_536)];
    let closing = sample.matches("</").count();
    closing >= 2 && closing * 200 >= sample.len().min(20_000)
}

/// The largest char boundary at or below `i`.
pub fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Pasted text: one block per non-blank line, trimmed.
pub fn read_text(input: &str) -> Document {
    let mut warnings = Vec::new();
    if input.contains('\0') {
        warnings.push("the input contains NUL characters; they are kept but ignored".into());
    }
    Document {
        kind: InputKind::Text,
        text: input.to_string(),
        blocks: line_blocks(input, 0, input.len())
            .map(|span| RawBlock {
                span,
                kind: BlockKind::Paragraph,
                source: None,
                html: None,
            })
            .collect(),
        html_title: None,
        warnings,
        elements: Vec::new(),
        names: String::new(),
    }
}

/// The non-blank lines of `text[from..to]`, trimmed, as byte spans of `text`.
pub fn line_blocks(text: &str, from: usize, to: usize) -> impl Iterator<Item = Span> + '_ {
    let mut pos = from;
    std::iter::from_fn(move || {
        while pos < to {
            let line_end = line_break(text.as_bytes(), pos, to);
            let line = &text[pos..line_end];
            let start = pos + (line.len() - line.trim_start().len());
            let end = pos + line.trim_end().len();
            pos = line_end + 1;
            if end > start {
                return Some(Span(start, end));
            }
        }
        None
    })
}

/// The first `\n` or `\r` in `bytes[from..to]` (`to` when there is none). Both line breaks
/// are ASCII, so bytes are searched, not characters; eight at a time: a byte of a word
/// `x` is zero in `(x - 0x01..) & !x & 0x80..` first where `x` has its first zero byte
/// (a borrow only carries upwards), and `x` XOR a break's byte repeated is zero where the
/// break is.
fn line_break(bytes: &[u8], from: usize, to: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    const LF: u64 = u64::from_ne_bytes([b'\n'; 8]);
    const CR: u64 = u64::from_ne_bytes([b'\r'; 8]);
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut i = from;
    while i + 8 <= to {
        let x = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("8 bytes"));
        let found = zero(x ^ LF) | zero(x ^ CR);
        if found != 0 {
            return i + found.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    bytes[i..to]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(to, |p| i + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_trimmed_blocks() {
        let text = "  Title \r\n\r\n\tBody line.\n \n";
        let spans: Vec<&str> = line_blocks(text, 0, text.len())
            .map(|s| &text[s.0..s.1])
            .collect();
        assert_eq!(spans, ["Title", "Body line."]);
    }

    #[test]
    fn line_breaks_found_eight_bytes_at_a_time_as_byte_by_byte() {
        let text = "Café\r\nnaïve 北京\n\n🙂 “quoted” ſ \u{212A}\r\r x\u{0}y\u{85}z\u{2028}w\u{0b}\u{0c}\n\
                    a line of more than eight bytes without a break at all\n\n\u{8a}\u{8d}";
        let bytes = text.as_bytes();
        for from in 0..bytes.len() {
            for to in from..=bytes.len() {
                let plain = bytes[from..to]
                    .iter()
                    .position(|&b| b == b'\n' || b == b'\r')
                    .map_or(to, |p| from + p);
                assert_eq!(line_break(bytes, from, to), plain, "{from}..{to}");
            }
        }
    }

    #[test]
    fn html_is_detected() {
        assert!(looks_like_html(
            "<!DOCTYPE html><html><body><p>x</p></body></html>"
        ));
        assert!(looks_like_html("\n<html lang=en>"));
        assert!(looks_like_html("<div><p>One</p><p>Two</p></div>"));
        assert!(!looks_like_html("Plain text with a <b> in it."));
        assert!(!looks_like_html("x < y and y > z"));
    }
}
