//! Facts about the article found among the blocks around its start: the headline, the
//! byline, the date (as written and as ISO 8601 when the text allows), the publisher, the
//! language, and the picture credits. Blocks that carry them are marked
//! [`BlockClass::Metadata`] so the page can show them above the body.

use super::patterns::{self, Patterns};
use crate::input::{html::Landmark, Document};
use crate::model::{Block, BlockClass, Field, Metadata, Reason, Span};

/// Finds the headline, byline and date in the blocks before the article, marks those
/// blocks as metadata, and gathers picture credits.
pub fn find(doc: &Document, blocks: &mut [Block], run_start: usize, pats: &Patterns) -> Metadata {
    let text = &doc.text;
    let mut meta = Metadata::default();
    let field = |b: &Block, conf: f32| Field {
        value: text[b.start..b.end].to_string(),
        span: Some(Span(b.start, b.end)),
        confidence: conf,
    };
    // Headline: an HTML <h1>, else the block that matches the page <title>, else the
    // last title-like block before the article.
    let title_like = |b: &Block| {
        let s = &text[b.start..b.end];
        let w = crate::tokens::word_count(s);
        (3..=25).contains(&w)
            && !s.trim_end().ends_with(['.', ':', ','])
            && b.reason != Reason::Hidden
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
                && title_like(&blocks[i])
                && pats
                    .boilerplate(&text[blocks[i].start..blocks[i].end], 5)
                    .is_none()
        });
    }
    if title_idx.is_none() && !blocks.is_empty() && title_like(&blocks[0]) && blocks.len() > 1 {
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
    for b in blocks.iter_mut() {
        let s = &text[b.start..b.end];
        if b.keep && b.start > 0 {
            if let Some(m) = pats.byline.find(s) {
                if crate::tokens::word_count(s) <= 12 {
                    b.keep = false;
                    b.reason = Reason::Byline;
                    b.class = BlockClass::Metadata;
                    b.confidence = 0.8;
                    meta.authors.push(Field {
                        value: m
                            .as_str()
                            .trim_start_matches(|c: char| !c.is_uppercase())
                            .to_string(),
                        span: Some(Span(b.start + m.start(), b.start + m.end())),
                        confidence: 0.7,
                    });
                }
            }
        }
        if matches!(b.reason, Reason::PhotoCredit | Reason::Caption) {
            if let Some(c) = patterns::credit(s, b.start) {
                meta.credits.push(c);
            }
        }
    }
    meta
}
