//! Facts about the article found among the blocks around its start: the headline, the
//! byline, the date (as written and as ISO 8601 when the text allows), the publisher, and
//! the picture credits (the language is [`crate::provenance`]'s guess). Blocks that carry
//! them are marked [`BlockClass::Metadata`] so the page can show them above the body.

use super::patterns::{self, Patterns};
use crate::input::{html::Landmark, Document};
use crate::model::{Block, BlockClass, Field, Metadata, Reason, Span};

/// Finds the headline, byline and date in the blocks before the article, marks those
/// blocks as metadata, and gathers picture credits. `words`: each block's words as
/// [`crate::tokens::word_count`] counts them (the signals' count: no block is read again
/// to count its words).
pub fn find(
    doc: &Document,
    blocks: &mut [Block],
    words: &[usize],
    run_start: usize,
    pats: &Patterns,
) -> Metadata {
    let text = &doc.text;
    let mut meta = Metadata::default();
    let field = |b: &Block, conf: f32| Field {
        value: text[b.start..b.end].to_string(),
        span: Some(Span(b.start, b.end)),
        confidence: conf,
    };
    // Headline: an HTML <h1>, else the block that matches the page <title>, else the
    // last title-like block before the article.
    let title_like = |b: &Block, w: usize| {
        let s = &text[b.start..b.end];
        (3..=25).contains(&w)
            && !s.trim_end().ends_with(['.', ':', ','])
            && b.reason != Reason::Hidden
            && pats.date(s).is_none()
            && !pats.byline.is_match(s)
    };
    let mut title_idx = None;
    if let Some(i) = doc.blocks.iter().position(|b| {
        b.html
            .as_ref()
            .is_some_and(|h| h.heading == 1 && !h.has(Landmark::Hidden))
    }) {
        title_idx = Some(i);
    }
    if title_idx.is_none() {
        if let Some(t) = &doc.html_title {
            title_idx = blocks.iter().position(|b| {
                let s = &text[b.start..b.end];
                s.len() >= 10 && t.contains(s)
            });
        }
    }
    if title_idx.is_none() {
        title_idx = (0..run_start.min(blocks.len())).rev().find(|&i| {
            !blocks[i].keep
                && title_like(&blocks[i], words[i])
                && pats
                    .boilerplate(&text[blocks[i].start..blocks[i].end], 5)
                    .is_none()
        });
    }
    if title_idx.is_none()
        && !blocks.is_empty()
        && title_like(&blocks[0], words[0])
        && blocks.len() > 1
    {
        // Pasted text usually starts with the headline.
        title_idx = Some(0);
    }
    if let Some(i) = title_idx {
        let b = &mut blocks[i];
        b.keep = false;
        b.reason = Reason::Title;
        b.class = BlockClass::Metadata;
        b.confidence = 0.7;
        meta.title = Some(field(b, 0.7));
    }
    let mut prev_caption: Option<Span> = None;
    let near_start = run_start + 3;
    for (i, b) in blocks.iter_mut().enumerate() {
        let s = &text[b.start..b.end];
        let candidate = (b.keep || i <= near_start)
            && b.start > 0
            && !matches!(b.reason, Reason::Title | Reason::Hidden);
        // The word count first: it is cheaper than the pattern on a long block.
        if candidate && meta.authors.is_empty() && words[i] <= 12 {
            if let Some(m) = pats.byline.find(s) {
                b.keep = false;
                b.reason = Reason::Byline;
                b.class = BlockClass::Metadata;
                b.confidence = 0.8;
                // Several authors: "By Jane Doe and John Roe", "By Jane Doe, John Roe".
                let names = &m.as_str()[2..];
                let mut at = b.start + m.start() + 2;
                for part in names.split([',', '&']).flat_map(|p| p.split(" and ")) {
                    let off = names[at - b.start - m.start() - 2..]
                        .find(part)
                        .map_or(0, |o| o + at - b.start - m.start() - 2);
                    let name = part.trim();
                    if name.is_empty() {
                        continue;
                    }
                    let lead = part.len() - part.trim_start().len();
                    let start = b.start + m.start() + 2 + off + lead;
                    meta.authors.push(Field {
                        value: name.to_string(),
                        span: Some(Span(start, start + name.len())),
                        confidence: 0.7,
                    });
                    at = start + name.len();
                }
            }
        }
        if b.reason == Reason::PhotoCredit {
            if let Some(mut c) = patterns::credit(s, b.start) {
                if c.caption.is_none() {
                    c.caption = prev_caption;
                }
                meta.credits.push(c);
            }
        }
        prev_caption = (b.reason == Reason::Caption).then_some(Span(b.start, b.end));
    }
    find_date(text, blocks, words, run_start, pats, &mut meta);
    meta.publisher = publisher(doc, blocks, pats);
    // The language is the provenance stage's guess alone (it replaces any made here).
    meta
}

/// The first date written in a short block before or at the start of the article (or in
/// the byline), as written and as ISO 8601; a block that is only a date (and perhaps a
/// time or "Published") becomes a [`Reason::Dateline`] block.
fn find_date(
    text: &str,
    blocks: &mut [Block],
    block_words: &[usize],
    run_start: usize,
    pats: &Patterns,
    meta: &mut Metadata,
) {
    let limit = (run_start + 3).min(blocks.len());
    for (b, &words) in blocks[..limit].iter_mut().zip(block_words) {
        let s = &text[b.start..b.end];
        if words > 16 || b.reason == Reason::Hidden {
            continue;
        }
        let Some((m, iso)) = pats.date(s) else {
            continue;
        };
        meta.date = Some(Field {
            value: s[m.0..m.1].to_string(),
            span: Some(Span(b.start + m.0, b.start + m.1)),
            confidence: 0.8,
        });
        meta.date_iso = iso;
        if words <= 12 && b.class != BlockClass::Metadata {
            b.keep = false;
            b.reason = Reason::Dateline;
            b.class = BlockClass::Metadata;
            b.confidence = 0.8;
        }
        return;
    }
}

/// The publisher: named by an appeal ("Support The Daily Planet!", "A message from The
/// Daily Planet:"), else the last part of the HTML title ("Headline | The Daily Planet").
fn publisher(doc: &Document, blocks: &[Block], pats: &Patterns) -> Option<Field> {
    for b in blocks.iter().filter(|b| b.reason == Reason::Donation) {
        let s = &doc.text[b.start..b.end];
        if let Some(c) = pats.publisher.captures(s) {
            let m = c.get(1)?;
            return Some(Field {
                value: m.as_str().to_string(),
                span: Some(Span(b.start + m.start(), b.start + m.end())),
                confidence: 0.7,
            });
        }
    }
    let title = doc.html_title.as_deref()?;
    let cut = [" | ", " – ", " — ", " - ", " :: "]
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|i| i + sep.len()))
        .max()?;
    let name = title[cut..].trim();
    (!name.is_empty() && crate::tokens::word_count(name) <= 6).then(|| Field {
        value: name.to_string(),
        span: None,
        confidence: 0.5,
    })
}
