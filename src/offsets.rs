//! Offset units: the pipeline works in UTF-8 bytes; the page wants UTF-16 code units and
//! the CLI's batch output Unicode code points. This is the last stage: it rewrites every
//! offset of an [`Analysis`] in one pass, so no span can be missed or converted twice.

use crate::model::{Analysis, OffsetUnit, Span};

/// Maps byte offsets of one text to another unit.
///
/// A checkpoint every [`STRIDE`] bytes, and a count from the checkpoint for each offset: a
/// table with an entry per byte (4 bytes of memory per byte of text, 40 MB for a 10 MB
/// paste, most of the page's peak memory at the end of an analysis) took longer to fill
/// than the few offsets an analysis has take to count.
pub struct OffsetMap<'a> {
    /// The text's bytes; empty when the mapping is the identity (ASCII text, or the target
    /// is bytes).
    text: &'a [u8],
    utf16: bool,
    /// `checkpoints[k]`: the offset, in the target unit, of byte `k * STRIDE` (a count of
    /// the characters, or UTF-16 units, that start before it).
    checkpoints: Vec<u32>,
}

/// Bytes between two checkpoints of an [`OffsetMap`].
const STRIDE: usize = 32;

impl<'a> OffsetMap<'a> {
    pub fn new(text: &'a str, unit: OffsetUnit) -> OffsetMap<'a> {
        if unit == OffsetUnit::Bytes || text.is_ascii() {
            return OffsetMap {
                text: &[],
                utf16: false,
                checkpoints: Vec::new(),
            };
        }
        let utf16 = unit == OffsetUnit::Utf16;
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / STRIDE + 2);
        let mut pos: u32 = 0;
        for chunk in bytes.chunks(STRIDE) {
            checkpoints.push(pos);
            pos += units(chunk, utf16);
        }
        checkpoints.push(pos);
        OffsetMap {
            text: bytes,
            utf16,
            checkpoints,
        }
    }

    /// The offset of byte `byte` in the target unit. A byte inside a character maps to the
    /// character's start; past the end, to the end.
    pub fn map(&self, byte: usize) -> usize {
        if self.text.is_empty() {
            return byte;
        }
        let mut b = byte.min(self.text.len());
        while b < self.text.len() && is_continuation(self.text[b]) {
            b -= 1;
        }
        let k = b / STRIDE;
        let mut at = k * STRIDE;
        let mut n = self.checkpoints[k];
        while at + 8 <= b {
            n += units_in_word(self.word_at(at), self.utf16);
            at += 8;
        }
        let rest = b - at;
        if rest > 0 && at + 8 <= self.text.len() {
            // The last bytes before `b` in one load, the bytes after them zeroed: a zero
            // byte counts as a character of its own, and is not the lead of a 4-byte one.
            let w = self.word_at(at) & (u64::MAX >> (8 * (8 - rest)));
            n += units_in_word(w, self.utf16) - (8 - rest) as u32;
        } else {
            n += units(&self.text[at..b], self.utf16);
        }
        n as usize
    }

    /// The 8 bytes of the text from `at`, the first in the lowest bits.
    #[inline]
    fn word_at(&self, at: usize) -> u64 {
        u64::from_le_bytes(self.text[at..at + 8].try_into().expect("8 bytes"))
    }
}

/// Maps byte offsets of one text to another unit by walking from the last offset it
/// mapped: the offsets of an analysis come in lists that run forward (blocks, sentences,
/// entities, …), so each list walks the text about once. A step back counts the bytes
/// stepped over (or from the start, if that is nearer). Same answers as [`OffsetMap`]
/// with no table to fill: filling the table and a count from a checkpoint per offset
/// were most of the offsets stage.
pub struct Walker<'a> {
    /// The text's bytes; empty when the mapping is the identity (ASCII text, or the target
    /// is bytes).
    text: &'a [u8],
    utf16: bool,
    /// The last offset mapped (a character boundary) and its offset in the target unit.
    byte: usize,
    unit: usize,
}

impl<'a> Walker<'a> {
    pub fn new(text: &'a str, unit: OffsetUnit) -> Walker<'a> {
        let identity = unit == OffsetUnit::Bytes || text.is_ascii();
        Walker {
            text: if identity { &[] } else { text.as_bytes() },
            utf16: unit == OffsetUnit::Utf16,
            byte: 0,
            unit: 0,
        }
    }

    /// The offset of byte `byte` in the target unit, as [`OffsetMap::map`] gives it.
    pub fn map(&mut self, byte: usize) -> usize {
        let text = self.text;
        if text.is_empty() {
            return byte;
        }
        let mut b = byte.min(text.len());
        while b < text.len() && is_continuation(text[b]) {
            b -= 1;
        }
        if b >= self.byte {
            self.unit += units(&text[self.byte..b], self.utf16) as usize;
        } else if self.byte - b <= b {
            self.unit -= units(&text[b..self.byte], self.utf16) as usize;
        } else {
            self.unit = units(&text[..b], self.utf16) as usize;
        }
        self.byte = b;
        self.unit
    }
}

/// Characters (or UTF-16 units) that start in `bytes`: every byte but a continuation byte
/// starts one; a 4-byte character is 2 UTF-16 units. Runs of 64 bytes are counted in a
/// loop the compiler turns into vector instructions (the [`Walker`] counts runs of
/// thousands of bytes), the rest eight bytes at a time ([`units_in_word`]).
fn units(bytes: &[u8], utf16: bool) -> u32 {
    if utf16 {
        count_units::<true>(bytes)
    } else {
        count_units::<false>(bytes)
    }
}

/// [`units`] for one unit.
#[inline]
fn count_units<const UTF16: bool>(bytes: &[u8]) -> u32 {
    let unit = |b: u8| u8::from(!is_continuation(b)) + u8::from(UTF16 && b >= 0xF0);
    let mut chunks = bytes.chunks_exact(64);
    let mut n = 0;
    // At most two units a byte: 64 bytes count at most 128, which a byte holds.
    for chunk in chunks.by_ref() {
        let chunk: &[u8; 64] = chunk.try_into().expect("64 bytes");
        n += u32::from(chunk.iter().fold(0u8, |k, &b| k + unit(b)));
    }
    let mut words = chunks.remainder().chunks_exact(8);
    for w in words.by_ref() {
        n += units_in_word(u64::from_le_bytes(w.try_into().expect("8 bytes")), UTF16);
    }
    n + words
        .remainder()
        .iter()
        .map(|&b| u32::from(unit(b)))
        .sum::<u32>()
}

/// [`units`] of the 8 bytes of `w`: shifted left by one, two and three bits, each byte's
/// bits 6, 5 and 4 land on its own bit 7 (shifted-in bits only reach bit 0 of the next
/// byte), so a byte's bit 7 alone says: a continuation byte (`10xx_xxxx`) or the lead of
/// a 4-byte character (`1111_xxxx`, two UTF-16 units).
#[inline]
fn units_in_word(w: u64, utf16: bool) -> u32 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let continuation = w & !(w << 1) & HIGH;
    let mut n = 8 - bytes_set(continuation);
    if utf16 {
        n += bytes_set(w & (w << 1) & (w << 2) & (w << 3) & HIGH);
    }
    n
}

/// How many bytes of `m` (whose only bits are the bytes' bit 7) have it set: moved to bit 0
/// of each byte, the bytes summed into the top one by a multiply (`count_ones` without a
/// population-count instruction, which the default target lacks, is a dozen instructions).
#[inline]
fn bytes_set(m: u64) -> u32 {
    const LOW: u64 = 0x0101_0101_0101_0101;
    ((m >> 7).wrapping_mul(LOW) >> 56) as u32
}

/// Whether `b` continues a UTF-8 character (`10xx_xxxx`).
fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// Converts an offset in `unit` back to a byte offset of `text` (for offsets the page
/// sends back). Offsets inside a character snap to its start; past the end, to the end.
pub fn to_byte(text: &str, offset: usize, unit: OffsetUnit) -> usize {
    match unit {
        OffsetUnit::Bytes => {
            let mut b = offset.min(text.len());
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            b
        }
        OffsetUnit::Chars => text
            .char_indices()
            .nth(offset)
            .map_or(text.len(), |(b, _)| b),
        OffsetUnit::Utf16 => {
            let mut units = 0;
            for (b, c) in text.char_indices() {
                if units >= offset {
                    return b;
                }
                units += c.len_utf16();
                if units > offset {
                    return b;
                }
            }
            text.len()
        }
    }
}

/// Converts increasing offsets in `unit` back to byte offsets in one forward walk over the
/// text (an offset smaller than the last one restarts the walk).
pub struct Cursor<'a> {
    text: &'a str,
    unit: OffsetUnit,
    byte: usize,
    at: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(text: &'a str, unit: OffsetUnit) -> Cursor<'a> {
        Cursor {
            text,
            unit,
            byte: 0,
            at: 0,
        }
    }

    /// The byte offset of `offset`, snapped like [`to_byte`].
    pub fn to_byte(&mut self, offset: usize) -> usize {
        if self.unit == OffsetUnit::Bytes {
            return to_byte(self.text, offset, OffsetUnit::Bytes);
        }
        if offset < self.at {
            (self.byte, self.at) = (0, 0);
        }
        for c in self.text[self.byte..].chars() {
            let width = match self.unit {
                OffsetUnit::Utf16 => c.len_utf16(),
                _ => 1,
            };
            if self.at + width > offset {
                break;
            }
            self.at += width;
            self.byte += c.len_utf8();
        }
        self.byte
    }
}

/// Rewrites every offset of `analysis` (which must be in bytes) into `unit`.
pub fn convert(analysis: &mut Analysis, unit: OffsetUnit) {
    assert_eq!(
        analysis.offsets,
        OffsetUnit::Bytes,
        "offsets already converted"
    );
    if unit == OffsetUnit::Bytes {
        return;
    }
    // Out of the analysis while its spans change (the map reads it).
    let text = std::mem::take(&mut analysis.text);
    let mut walker = Walker::new(&text, unit);
    for_each_offset(analysis, |o| *o = walker.map(*o));
    analysis.text = text;
    analysis.offsets = unit;
}

/// Calls `f` on every offset of the analysis that points into `analysis.text`.
/// `Block::source` points into the HTML input instead and is converted by the caller
/// that still has that input (see [`convert_sources`]).
pub fn for_each_offset(analysis: &mut Analysis, mut f: impl FnMut(&mut usize)) {
    let mut span = |s: &mut Span| {
        f(&mut s.0);
        f(&mut s.1);
    };
    for b in &mut analysis.blocks {
        let mut s = Span(b.start, b.end);
        span(&mut s);
        b.start = s.0;
        b.end = s.1;
    }
    analysis.sentences.iter_mut().for_each(&mut span);
    if let Some(tokens) = &mut analysis.tokens {
        tokens.iter_mut().for_each(&mut span);
    }
    for e in &mut analysis.entities {
        let mut s = Span(e.start, e.end);
        span(&mut s);
        e.start = s.0;
        e.end = s.1;
    }
    for a in &mut analysis.attributions {
        if let Some(s) = &mut a.source {
            span(s);
        }
        span(&mut a.cue);
        span(&mut a.content);
        a.content_parts.iter_mut().for_each(&mut span);
    }
    let m = &mut analysis.metadata;
    let fields = m
        .title
        .iter_mut()
        .chain(m.subtitle.iter_mut())
        .chain(m.authors.iter_mut())
        .chain(m.publisher.iter_mut())
        .chain(m.date.iter_mut())
        .chain(m.dateline.iter_mut());
    for field in fields {
        if let Some(s) = &mut field.span {
            span(s);
        }
    }
    for c in &mut m.credits {
        span(&mut c.span);
        if let Some(s) = &mut c.caption {
            span(s);
        }
    }
}

/// Rewrites `Block::source` spans (byte offsets into the HTML `input`) into `unit`.
pub fn convert_sources(analysis: &mut Analysis, input: &str, unit: OffsetUnit) {
    if unit == OffsetUnit::Bytes || analysis.blocks.iter().all(|b| b.source.is_none()) {
        return;
    }
    let mut walker = Walker::new(input, unit);
    for b in &mut analysis.blocks {
        if let Some(s) = &mut b.source {
            *s = Span(walker.map(s.0), walker.map(s.1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIXED: &str = "Café 👩‍👩‍👧 北京 naïve ok";

    #[test]
    fn utf16_and_chars_match_std() {
        for (b, _) in MIXED.char_indices().chain([(MIXED.len(), ' ')]) {
            let u16 = MIXED[..b].encode_utf16().count();
            let ch = MIXED[..b].chars().count();
            assert_eq!(OffsetMap::new(MIXED, OffsetUnit::Utf16).map(b), u16);
            assert_eq!(OffsetMap::new(MIXED, OffsetUnit::Chars).map(b), ch);
            assert_eq!(to_byte(MIXED, u16, OffsetUnit::Utf16), b);
            assert_eq!(to_byte(MIXED, ch, OffsetUnit::Chars), b);
            assert_eq!(to_byte(MIXED, b, OffsetUnit::Bytes), b);
        }
    }

    #[test]
    fn inside_a_character_snaps_to_its_start() {
        // "é" is two bytes; byte 4 is inside it.
        assert_eq!(to_byte("Café", 4, OffsetUnit::Bytes), 3);
        // The emoji 👩 is two UTF-16 units; unit 6 is its second half.
        assert_eq!(to_byte(MIXED, 6, OffsetUnit::Utf16), 6);
        assert_eq!(to_byte(MIXED, 999, OffsetUnit::Utf16), MIXED.len());
    }

    #[test]
    fn cursor_agrees_with_to_byte() {
        for unit in [OffsetUnit::Utf16, OffsetUnit::Chars, OffsetUnit::Bytes] {
            let mut c = Cursor::new(MIXED, unit);
            for o in (0..40).chain([3, 0, 999]) {
                assert_eq!(c.to_byte(o), to_byte(MIXED, o, unit), "{unit:?} {o}");
            }
        }
    }

    #[test]
    fn every_byte_of_a_long_text_maps_like_counting_from_the_start() {
        // Several checkpoints, characters of 1 to 4 bytes across their edges.
        let text = MIXED.repeat(20) + "é";
        for unit in [OffsetUnit::Utf16, OffsetUnit::Chars] {
            let map = OffsetMap::new(&text, unit);
            for b in 0..=text.len() + 3 {
                let mut start = b.min(text.len());
                while !text.is_char_boundary(start) {
                    start -= 1;
                }
                let want = match unit {
                    OffsetUnit::Utf16 => text[..start].encode_utf16().count(),
                    _ => text[..start].chars().count(),
                };
                assert_eq!(map.map(b), want, "{unit:?} byte {b}");
            }
        }
    }

    /// The walker answers as the map does, offsets forward, backward, far and near, past
    /// the end and inside characters, on our own text: accents, CJK, emoji, curly quotes,
    /// ſ, the Kelvin sign.
    #[test]
    fn walker_agrees_with_the_map() {
        let text = format!("{MIXED} ſtraße \u{212a}elvin “quoted” 東京 🙂🎉 ").repeat(9) + "é";
        let mut next = crate::test_numbers(0x2545_f491_4f6c_dd1du64);
        for unit in [OffsetUnit::Utf16, OffsetUnit::Chars, OffsetUnit::Bytes] {
            let map = OffsetMap::new(&text, unit);
            let mut walker = Walker::new(&text, unit);
            let mut b = 0;
            for _ in 0..5000 {
                b = match next() % 4 {
                    0 => (next() % (text.len() as u64 + 5)) as usize,
                    1 => b + (next() % 12) as usize,
                    2 => b.saturating_sub((next() % 12) as usize),
                    _ => b,
                };
                assert_eq!(walker.map(b), map.map(b), "{unit:?} byte {b}");
            }
        }
        let mut ascii = Walker::new("plain", OffsetUnit::Utf16);
        assert_eq!(ascii.map(3), 3);
    }

    #[test]
    fn units_eight_bytes_at_a_time_as_counted_byte_by_byte() {
        let by_bytes = |b: &[u8], utf16: bool| -> u32 {
            let astral = if utf16 { 0xF0 } else { 0x100 };
            b.iter()
                .map(|&x| u32::from(!is_continuation(x)) + u32::from(u16::from(x) >= astral))
                .sum()
        };
        let text = format!("{MIXED} «Ёлка» “quoted” 🙂🎉 Ærø\u{a0}x");
        let b = text.as_bytes();
        for from in 0..b.len() {
            for to in from..=b.len().min(from + 40) {
                for utf16 in [false, true] {
                    assert_eq!(units(&b[from..to], utf16), by_bytes(&b[from..to], utf16));
                }
            }
        }
        // Every byte value, in every position of a word.
        let all: Vec<u8> = (0..=255u8).collect();
        for from in 0..8 {
            for utf16 in [false, true] {
                assert_eq!(units(&all[from..], utf16), by_bytes(&all[from..], utf16));
            }
        }
    }

    #[test]
    fn ascii_is_identity() {
        let m = OffsetMap::new("plain", OffsetUnit::Utf16);
        assert_eq!(m.map(3), 3);
    }
}
