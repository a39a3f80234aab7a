//! Stage 2: boilerplate. Takes the [`Document`]'s blocks and decides for each whether it
//! is article body, metadata shown above the body (headline, byline, date line), or
//! boilerplate, with a [`Reason`] from a closed set and a confidence. Hands on the
//! decided [`Block`]s and the [`Metadata`].
//!
//! How: every block gets a content score from local signals (length, punctuation, stop
//! words, link density and landmarks for HTML) and from the named patterns in
//! [`patterns`]; the article is the best-scoring run of blocks; blocks outside it, or
//! matching a boilerplate pattern, are removed with that pattern's reason.

pub mod patterns;
pub mod score;

use crate::input::{html::Landmark, Document};
use crate::model::{Block, BlockClass, BlockKind, Field, Metadata, Reason, Span};
use crate::{Favor, Options};
use patterns::Patterns;

/// The blocks with their decisions, and the metadata found on the way.
#[derive(Debug, Clone)]
pub struct Decided {
    pub blocks: Vec<Block>,
    pub metadata: Metadata,
}

/// What the classifier knows about one block before deciding.
#[derive(Debug, Clone)]
struct Features {
    words: usize,
    /// Ends with sentence punctuation (., !, ?, a closing quote after one).
    sentence_end: bool,
    /// Share of English/European function words among the words.
    stop_ratio: f32,
    /// Share of the text inside links (HTML only).
    link_density: f32,
    /// Content score: positive for article prose, negative for boilerplate.
    score: f32,
    /// A boilerplate pattern matched, with the pattern's certainty.
    pattern: Option<(Reason, f32)>,
}

/// Decides every block of `doc`.
pub fn classify(doc: &Document, options: &Options) -> Decided {
    let pats = patterns::get();
    let text = &doc.text;
    let feats: Vec<Features> = doc
        .blocks
        .iter()
        .map(|b| features(&text[b.span.0..b.span.1], b, pats))
        .collect();

    // The article is the run of blocks with the highest sum of content scores (Kadane),
    // where boilerplate-looking blocks count against it.
    let (mut run_start, mut run_end) = best_run(&feats);
    if feats.is_empty() {
        run_start = 0;
        run_end = 0;
    }

    let threshold = match options.favor {
        Favor::Balanced => 0.0,
        Favor::Precision => 0.6,
        Favor::Recall => -0.6,
    };

    let mut blocks: Vec<Block> = doc
        .blocks
        .iter()
        .zip(&feats)
        .enumerate()
        .map(|(i, (raw, f))| {
            let inside = i >= run_start && i < run_end;
            let (keep, reason, confidence) = decide(raw, f, inside, threshold);
            Block {
                start: raw.span.0,
                end: raw.span.1,
                kind: raw.kind,
                keep,
                class: reason.class(),
                reason,
                confidence,
                overridden: false,
                source: raw.source,
            }
        })
        .collect();

    let metadata = find_metadata(doc, &mut blocks, run_start, pats);

    if options.whole {
        for b in &mut blocks {
            b.keep = true;
            b.class = BlockClass::Body;
            b.reason = Reason::ArticleText;
            b.confidence = 1.0;
        }
    }
    for &i in &options.keep {
        if let Some(b) = blocks.get_mut(i) {
            b.keep = true;
            b.class = BlockClass::Body;
            b.reason = Reason::ReaderKept;
            b.confidence = 1.0;
            b.overridden = true;
        }
    }
    for &i in &options.remove {
        if let Some(b) = blocks.get_mut(i) {
            b.keep = false;
            b.class = BlockClass::Boilerplate;
            b.reason = Reason::ReaderRemoved;
            b.confidence = 1.0;
            b.overridden = true;
        }
    }
    Decided { blocks, metadata }
}

fn features(s: &str, raw: &crate::input::RawBlock, pats: &Patterns) -> Features {
    let words = crate::tokens::word_count(s);
    let trimmed = s.trim_end_matches(['"', '”', '’', '\'', ')', ' ']);
    let sentence_end = trimmed.ends_with(['.', '!', '?', '…', ':']);
    let lower = s.to_lowercase();
    let stop = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| pats.stop_words.contains(w))
        .count();
    let stop_ratio = if words == 0 {
        0.0
    } else {
        stop as f32 / words as f32
    };
    let link_density = raw
        .html
        .as_ref()
        .map_or(0.0, |h| h.link_bytes as f32 / s.len().max(1) as f32);
    let pattern = pats.boilerplate(s, words);

    // Content score: long prose with function words and sentence punctuation scores high.
    let mut score = match words {
        0..=3 => -1.0,
        4..=7 => -0.5,
        8..=14 => 0.3,
        15..=29 => 1.0,
        _ => 1.5 + (words as f32 / 60.0).min(2.0),
    };
    if sentence_end {
        score += 0.5;
    } else if words < 15 {
        score -= 0.5;
    }
    if words >= 6 {
        score += (stop_ratio - 0.2) * 2.0;
    }
    if let Some(h) = &raw.html {
        score -= link_density * 3.0;
        for (l, w) in [
            (Landmark::Nav, 3.0),
            (Landmark::Footer, 2.0),
            (Landmark::Aside, 1.5),
            (Landmark::Header, 1.0),
            (Landmark::Form, 1.5),
            (Landmark::Button, 2.0),
            (Landmark::Dialog, 2.0),
            (Landmark::Hidden, 3.0),
        ] {
            if h.has(l) {
                score -= w;
            }
        }
        if h.has(Landmark::Article) || h.has(Landmark::Main) {
            score += 0.5;
        }
        if pats.negative_names.is_match(&h.names) {
            score -= 1.5;
        }
        if pats.positive_names.is_match(&h.names) {
            score += 0.5;
        }
    }
    if let Some((_, certainty)) = pattern {
        score -= 2.0 * certainty;
    }
    Features {
        words,
        sentence_end,
        stop_ratio,
        link_density,
        score,
        pattern,
    }
}

/// The run of blocks with the largest total score (at least one block).
fn best_run(feats: &[Features]) -> (usize, usize) {
    let mut best = (f32::MIN, 0, 0);
    let mut sum = 0.0;
    let mut start = 0;
    for (i, f) in feats.iter().enumerate() {
        // Short neutral blocks inside the article (subheads) cost little.
        let s = f
            .score
            .max(if f.pattern.is_none() { -0.6 } else { f.score });
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += s;
        if sum > best.0 {
            best = (sum, start, i + 1);
        }
    }
    (best.1, best.2)
}

fn decide(
    raw: &crate::input::RawBlock,
    f: &Features,
    inside: bool,
    threshold: f32,
) -> (bool, Reason, f32) {
    if let Some(h) = &raw.html {
        if h.has(Landmark::Hidden) {
            return (false, Reason::Hidden, 0.95);
        }
    }
    if let Some((reason, certainty)) = f.pattern {
        if certainty >= 0.5 || !inside || f.words < 12 {
            return (false, reason, 0.5 + certainty / 2.0);
        }
    }
    if let Some(h) = &raw.html {
        for (l, reason) in [
            (Landmark::Nav, Reason::Navigation),
            (Landmark::Footer, Reason::OutsideArticle),
            (Landmark::Aside, Reason::RelatedLinks),
        ] {
            if h.has(l) && f.score < 1.5 {
                return (false, reason, 0.8);
            }
        }
        if f.link_density > 0.5 && f.words < 30 {
            return (false, Reason::RelatedLinks, 0.7);
        }
        if raw.kind == BlockKind::Caption || h.has(Landmark::Figure) {
            return (false, Reason::Caption, 0.75);
        }
    }
    if !inside {
        let reason = if f.words < 8 {
            Reason::ShortFragment
        } else {
            Reason::OutsideArticle
        };
        return (false, reason, (0.6 + (-f.score).max(0.0) / 5.0).min(0.95));
    }
    if f.score < threshold - 0.8 && f.words < 4 && !looks_like_subheading(f) {
        return (false, Reason::ShortFragment, 0.6);
    }
    if raw.kind == BlockKind::Heading || (f.words <= 12 && !f.sentence_end) {
        return (true, Reason::Subheading, 0.6);
    }
    let conf = (0.6 + f.score.max(0.0) / 5.0).min(0.99);
    (true, Reason::ArticleText, conf)
}

fn looks_like_subheading(f: &Features) -> bool {
    f.words >= 2 && f.stop_ratio > 0.0
}

/// Finds the headline, byline and date in the blocks before the article, marks those
/// blocks as metadata, and gathers picture credits.
fn find_metadata(
    doc: &Document,
    blocks: &mut [Block],
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
