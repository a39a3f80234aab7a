//! Stage 2: boilerplate. Takes the [`Document`]'s blocks and decides for each whether it
//! is article body, metadata shown above the body (headline, byline, date line), or
//! boilerplate, with a [`Reason`] from a closed set and a confidence. Hands on the
//! decided [`Block`]s and the [`Metadata`].
//!
//! The phases, in order:
//! 1. [`signals`]: each block's length, punctuation, function words, commas, "we/our"
//!    and appeal words, link density; the named patterns of [`patterns`] (counters,
//!    social buttons, credits, sign-ups, ...).
//! 2. Sections: once the page has shown some prose, a section header (an appeal's "A
//!    message from ...:", "Comments", "Related stories", two comment headers) removes
//!    everything after it until article prose resumes (for an appeal: prose that does not
//!    speak as "we" to "you"; for related links: two prose paragraphs in a row).
//! 3. A content score per block; the article is the best-scoring run of blocks, where a
//!    short block costs little (list items and subheads inside an article) and a block
//!    matching a boilerplate pattern or inside a section costs a lot. A run that ends with
//!    a lead-in ("Here are the offers:") takes the list that follows.
//! 4. HTML only: [`container`] finds the element holding the article (Readability's
//!    scoring, plus the other parts of a body split by ads); when it holds the article's
//!    prose it replaces the run. Then captions: a short block right before a credit line
//!    that describes a picture is the credit's caption.
//! 5. Decisions with reasons, shifted by [`Favor`]; then [`metadata`]; then the reader's
//!    overrides ([`Options::keep`], [`Options::remove`], [`Options::whole`]).

pub mod container;
pub mod metadata;
pub mod patterns;
pub mod score;
pub mod signals;

use crate::input::{html::Landmark, Document, RawBlock};
use crate::model::{Block, BlockClass, BlockKind, Metadata, Reason};
use crate::{Favor, Options};
use patterns::Patterns;
use signals::Signals;

/// The blocks with their decisions, and the metadata found on the way.
#[derive(Debug, Clone)]
pub struct Decided {
    pub blocks: Vec<Block>,
    pub metadata: Metadata,
    /// Words of each block as [`crate::tokens::word_count`] counts them (for the
    /// analysis's stats), from the count the signals made (no second read of the text).
    pub words: Vec<usize>,
}

/// Body words an article must have shown before a section header can end it.
const MIN_BODY_WORDS_BEFORE_SECTION: usize = 50;

/// Everything the decision of one block looks at.
#[derive(Debug, Clone, Copy)]
struct View {
    sig: Signals,
    /// Content score: positive for article prose, negative for boilerplate.
    score: f32,
    /// A boilerplate pattern matched, with the pattern's certainty.
    pattern: Option<(Reason, f32)>,
    /// HTML: the nearest named ancestors say boilerplate (-1) or article (+1).
    name_weight: i8,
}

/// Decides every block of `doc`.
pub fn classify(doc: &Document, options: &Options) -> Decided {
    let pats = patterns::get();
    let text = &doc.text;
    let weights = if doc.elements.is_empty() {
        Vec::new()
    } else {
        container::name_weights(doc)
    };
    let views: Vec<View> = doc
        .blocks
        .iter()
        .map(|b| view(&text[b.span.0..b.span.1], b, pats, doc, &weights))
        .collect();
    let n = views.len();

    // Phase 2: sections that run to the end of the page (an appeal, the comments,
    // related links) count against the article; then the best run of blocks.
    let tails = sections(doc, &views, pats);
    let masked: Vec<View> = views
        .iter()
        .zip(&tails)
        .map(|(v, t)| match t {
            Some(r) => View {
                score: -2.0,
                pattern: Some((*r, 0.8)),
                ..*v
            },
            None => *v,
        })
        .collect();
    let (run_start, run_end) = if n == 0 { (0, 0) } else { best_run(&masked) };
    let run_end = list_after(&masked, run_start, run_end, &tails);
    let mut inside: Vec<bool> = (0..n).map(|i| i >= run_start && i < run_end).collect();

    // Phase 3: the HTML container, when it holds most of the run's prose.
    if !doc.elements.is_empty() {
        let sigs: Vec<Signals> = views.iter().map(|v| v.sig).collect();
        if let Some(c) = container::find(doc, &sigs, &weights) {
            let run_words: usize = masked[run_start..run_end]
                .iter()
                .filter(|v| v.score > 0.0)
                .map(|v| v.sig.words)
                .sum();
            if c.words * 2 >= run_words || c.words >= 250 {
                inside = c.inside;
            }
        }
    }
    let first_inside = inside.iter().position(|&x| x).unwrap_or(run_start);

    // Phase 4: captions.
    let captions = captions_before_credits(doc, &views, pats, options.favor);

    let mut blocks: Vec<Block> = doc
        .blocks
        .iter()
        .zip(&views)
        .enumerate()
        .map(|(i, (raw, v))| {
            let (keep, reason, confidence) = if let Some(r) = tails[i] {
                // Inside a section, a block's own pattern says more ("Read more").
                (false, v.pattern.map_or(r, |p| p.0), 0.8)
            } else if captions[i] {
                (false, Reason::Caption, 0.75)
            } else {
                decide(raw, v, inside[i], options.favor)
            };
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

    let words: Vec<usize> = doc
        .blocks
        .iter()
        .zip(&views)
        .map(|(b, v)| v.sig.counted_words(&text[b.span.0..b.span.1]))
        .collect();
    let metadata = metadata::find(doc, &mut blocks, &words, first_inside, pats);

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
    Decided {
        blocks,
        metadata,
        words,
    }
}

/// The class/id weight of the nearest named ancestors (up to three levels): the nearest
/// non-zero one.
fn near_weight(doc: &Document, weights: &[i8], raw: &RawBlock) -> i8 {
    let Some(h) = &raw.html else { return 0 };
    let mut at = h.element;
    for _ in 0..3 {
        if at == crate::input::html::Element::NO_PARENT {
            break;
        }
        let w = weights[at as usize];
        if w != 0 {
            return w;
        }
        at = doc.elements[at as usize].parent;
    }
    0
}

fn view(s: &str, raw: &RawBlock, pats: &Patterns, doc: &Document, weights: &[i8]) -> View {
    let sig = signals::measure(s, raw.html.as_ref().map_or(0, |h| h.link_bytes));
    let pattern = pats.boilerplate(s, sig.words).or(if sig.glued_headline {
        Some((Reason::RelatedLinks, 0.6))
    } else {
        None
    });
    let name_weight = near_weight(doc, weights, raw);
    let words = sig.words;

    // Long prose with function words, commas and sentence punctuation scores high.
    let mut score = match words {
        0..=3 => -1.0,
        4..=7 => -0.5,
        8..=14 => 0.3,
        15..=29 => 1.0,
        _ => 1.5 + (words as f32 / 60.0).min(2.0),
    };
    if sig.sentence_end {
        score += 0.5;
    } else if words < 15 {
        score -= 0.5;
    }
    if words >= 6 {
        score += (sig.stop_ratio - 0.2) * 2.0;
        score += (sig.commas as f32 / words as f32 * 10.0).min(0.5);
    }
    // Title-case runs without punctuation are menus and headlines of other stories.
    if words >= 3 && sig.capitalised > 0.8 && !sig.sentence_end {
        score -= 0.5;
    }
    if sig.glued_headline {
        score -= 3.0;
    }
    if let Some(h) = &raw.html {
        score -= sig.link_density * 3.0;
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
        score += match name_weight {
            -1 => -1.5,
            1 => 0.5,
            _ => 0.0,
        };
    }
    if let Some((_, certainty)) = pattern {
        score -= 2.0 * certainty;
    }
    View {
        sig,
        score,
        pattern,
        name_weight,
    }
}

/// The run of blocks with the largest total value (at least one block). A block's value
/// is its score, but a short block without a boilerplate pattern costs little, so list
/// items and subheads do not split an article.
fn best_run(views: &[View]) -> (usize, usize) {
    let mut best = (f32::MIN, 0, 0);
    let mut sum = 0.0;
    let mut start = 0;
    for (i, v) in views.iter().enumerate() {
        let floor = if v.pattern.is_some() {
            v.score
        } else if v.sig.words <= 3 {
            -0.6
        } else {
            -0.25
        };
        let s = v.score.max(floor);
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

/// When the run ends with a lead-in ("Here are the best offers:"), the list it introduces
/// belongs to the article: numbered items (with their links between them), or short
/// unpunctuated items. Returns the new end of the run.
fn list_after(views: &[View], start: usize, end: usize, tails: &[Option<Reason>]) -> usize {
    if end == 0 || end <= start || !views[end - 1].sig.colon_end {
        return end;
    }
    let free = |j: usize| tails[j].is_none() && views[j].pattern.is_none();
    let mut j = end;
    if views.get(j).is_some_and(|v| v.sig.starts_digit) {
        // A numbered list: an item, or a line between items (a link, a price).
        while j < views.len() && free(j) {
            let item = views[j].sig.starts_digit;
            let next_item = (j + 1..(j + 3).min(views.len())).any(|k| views[k].sig.starts_digit);
            if !(item || (next_item && views[j].sig.words <= 20)) {
                break;
            }
            j += 1;
        }
        // The last item's link or price line.
        if j < views.len()
            && free(j)
            && views[j].sig.words <= 6
            && !views[j].sig.sentence_end
            && !views[j - 1].sig.colon_end
        {
            j += 1;
        }
    } else {
        while j < views.len() && j < end + 30 && free(j) && views[j].sig.words <= 25 {
            j += 1;
        }
    }
    j
}

/// Does block `i` read like article prose (for deciding that the article resumed after a
/// section header)?
fn is_prose(v: &View) -> bool {
    v.sig.words >= 20
        && v.sig.sentence_end
        && v.sig.link_density < 0.2
        && v.pattern.is_none()
        && v.score > 1.0
}

/// Per block, the reason of the section it belongs to when a section header (an appeal,
/// the comments, related links) has ended the article before it. A header counts only
/// once the page has shown some prose, so menus at the top do not end anything.
fn sections(doc: &Document, views: &[View], pats: &Patterns) -> Vec<Option<Reason>> {
    let n = views.len();
    let mut out = vec![None; n];
    let mut prose_words = 0usize;
    let mut last_prose: Option<usize> = None;
    let mut section: Option<Reason> = None;
    let text_of = |i: usize| &doc.text[doc.blocks[i].span.0..doc.blocks[i].span.1];
    for i in 0..n {
        let v = &views[i];
        let s = text_of(i);
        if let Some(r) = section {
            let resumed = match r {
                // An appeal speaks as "we" to "you"; prose without either is the article.
                Reason::Donation => is_prose(v) && v.sig.we + v.sig.you == 0 && v.sig.appeal == 0,
                // Teasers alternate with headlines; a long paragraph, or two prose
                // paragraphs in a row, are not teasers.
                Reason::RelatedLinks => {
                    is_prose(v) && (v.sig.words >= 40 || views.get(i + 1).is_some_and(is_prose))
                }
                _ => false,
            };
            if resumed {
                section = None;
            } else {
                out[i] = Some(r);
                continue;
            }
        }
        let near_prose = last_prose.is_some_and(|p| i - p <= 15);
        if prose_words >= MIN_BODY_WORDS_BEFORE_SECTION && near_prose {
            if let Some(r) = pats.section(s, v.sig.words) {
                section = Some(r);
                out[i] = Some(r);
                continue;
            }
            // Two comment headers ("Jane on May 3 at 4:47 pm said:") open the comments.
            if is_comment_header(v, s, pats) {
                let another =
                    (i + 1..n.min(i + 12)).any(|j| is_comment_header(&views[j], text_of(j), pats));
                if another {
                    section = Some(Reason::Comments);
                    out[i] = Some(Reason::Comments);
                    continue;
                }
            }
        }
        if v.pattern.is_none() && v.sig.words >= 12 && v.score > 0.5 {
            prose_words += v.sig.words;
            last_prose = Some(i);
        }
    }
    out
}

/// "Jane on May 3, 2019 at 4:47 pm said:" (the colon is a cheap prefilter: both forms
/// have one).
fn is_comment_header(v: &View, s: &str, pats: &Patterns) -> bool {
    v.sig.words <= 16 && s.contains(':') && pats.comment_header.is_match(s)
}

/// Per block: a picture caption, because it comes right before a credit line and reads like
/// one (where people stand, "pictured", a picture's present tense), or sits in a figure.
fn captions_before_credits(
    doc: &Document,
    views: &[View],
    pats: &Patterns,
    favor: Favor,
) -> Vec<bool> {
    let mut out = vec![false; views.len()];
    if favor == Favor::Recall {
        return out;
    }
    for i in 1..views.len() {
        if !matches!(views[i].pattern, Some((Reason::PhotoCredit, _))) {
            continue;
        }
        let prev = &views[i - 1];
        if prev.pattern.is_some() || prev.sig.words > 60 || prev.sig.words < 3 {
            continue;
        }
        let s = &doc.text[doc.blocks[i - 1].span.0..doc.blocks[i - 1].span.1];
        let cue = pats.caption_cues.is_match(s);
        let precise = favor == Favor::Precision && !prev.sig.quoted && prev.sig.words <= 40;
        if cue || precise {
            out[i - 1] = true;
        }
    }
    out
}

fn decide(raw: &RawBlock, v: &View, inside: bool, favor: Favor) -> (bool, Reason, f32) {
    let f = &v.sig;
    if let Some(h) = &raw.html {
        if h.has(Landmark::Hidden) {
            return (false, Reason::Hidden, 0.95);
        }
    }
    if let Some((reason, certainty)) = v.pattern {
        if certainty >= 0.5 || !inside || f.words < 12 {
            return (false, reason, 0.5 + certainty / 2.0);
        }
    }
    let link_limit = match favor {
        Favor::Precision => 0.35,
        Favor::Balanced => 0.5,
        Favor::Recall => 0.75,
    };
    if let Some(h) = &raw.html {
        for (l, reason) in [
            (Landmark::Nav, Reason::Navigation),
            (Landmark::Footer, Reason::OutsideArticle),
            (Landmark::Aside, Reason::RelatedLinks),
        ] {
            if h.has(l) && v.score < 1.5 {
                return (false, reason, 0.8);
            }
        }
        if f.link_density > link_limit && f.words < 30 {
            return (false, Reason::RelatedLinks, 0.7);
        }
        if raw.kind == BlockKind::Caption || h.has(Landmark::Figure) {
            return (false, Reason::Caption, 0.75);
        }
    }
    if !inside {
        // Favouring recall, clear prose outside the run is kept.
        if favor == Favor::Recall && v.score >= 2.0 && v.name_weight >= 0 {
            return (true, Reason::ArticleText, 0.55);
        }
        let reason = if f.words < 8 {
            Reason::ShortFragment
        } else {
            Reason::OutsideArticle
        };
        return (false, reason, (0.6 + (-v.score).max(0.0) / 5.0).min(0.95));
    }
    let fragment_limit = match favor {
        Favor::Precision => 0.0,
        Favor::Balanced => -1.4,
        Favor::Recall => -3.0,
    };
    if v.score < fragment_limit
        && raw.kind != BlockKind::Heading
        && !(f.words >= 2 && f.stop_ratio > 0.0)
    {
        return (false, Reason::ShortFragment, 0.6);
    }
    if raw.kind == BlockKind::Heading || (f.words <= 12 && !f.sentence_end) {
        return (true, Reason::Subheading, 0.6);
    }
    let conf = (0.6 + v.score.max(0.0) / 5.0).min(0.99);
    (true, Reason::ArticleText, conf)
}
