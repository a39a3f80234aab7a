//! HTML only: finds the element that holds the article, the way Mozilla Readability does.
//! Every paragraph-like block gives its parent a score for its length and commas (half
//! to the grandparent, less further up); class and id names that say "article body" or
//! "sidebar" add or take away; a container's score shrinks with its link density. The best
//! container, with those of its siblings that score nearly as well, is the article.
//!
//! Iterative and linear in the number of elements and blocks: elements come in document
//! order (a parent before its children), so sums flow up in one backward pass and "inside
//! the article" flows down in one forward pass; 100,000 nested elements cost nothing
//! special.

use super::signals::Signals;
use crate::input::html::{Element, Landmark};
use crate::input::Document;

/// Levels of ancestors a paragraph's score reaches (Readability uses 5 since 2018).
const ANCESTOR_LEVELS: usize = 5;

/// Which blocks sit in the article container.
#[derive(Debug, Clone)]
pub struct Container {
    /// Per block: inside the chosen container (or a sibling taken with it).
    pub inside: Vec<bool>,
    /// Words in the chosen containers.
    pub words: usize,
}

/// Per element: its class/id weight, from the named tables (+1 article-like, -1
/// boilerplate-like, 0 neither).
pub fn name_weights(doc: &Document) -> Vec<i8> {
    doc.elements
        .iter()
        .map(|e| {
            let names = &doc.names[e.names.0 as usize..e.names.1 as usize];
            if names.is_empty() || matches!(e.tag, "body" | "html") {
                return 0;
            }
            super::patterns::name_weight(names)
        })
        .collect()
}

/// Chooses the article container; `None` when the page has no element worth a score
/// (a fragment of bare text).
pub fn find(doc: &Document, sigs: &[Signals], weights: &[i8]) -> Option<Container> {
    let n = doc.elements.len();
    if n == 0 {
        return None;
    }
    let els = &doc.elements;
    let mut score = vec![0f32; n];
    let mut scored = vec![false; n];
    let mut text_bytes = vec![0usize; n];
    let mut link_bytes = vec![0usize; n];
    let mut words = vec![0usize; n];
    let init = |i: usize, score: &mut [f32], scored: &mut [bool]| {
        if !scored[i] {
            scored[i] = true;
            let e = &els[i];
            score[i] = tag_score(e) + 25.0 * weights[i] as f32;
        }
    };
    for (b, sig) in doc.blocks.iter().zip(sigs) {
        let Some(h) = &b.html else { continue };
        if h.element == Element::NO_PARENT {
            continue;
        }
        let el = h.element as usize;
        let len = b.span.len();
        text_bytes[el] += len;
        link_bytes[el] += h.link_bytes;
        words[el] += sig.words;
        if h.has(Landmark::Hidden)
            || len < 25
            || !matches!(
                h.tag,
                "p" | "pre"
                    | "td"
                    | "div"
                    | "blockquote"
                    | "dd"
                    | "section"
                    | "article"
                    | "li"
                    | "br"
                    | "span"
                    | "font"
                    | ""
            )
        {
            continue;
        }
        // Readability: one point per paragraph, one per comma, one per 100 characters up
        // to 3.
        let content = 1.0 + sig.commas as f32 + (len as f32 / 100.0).min(3.0);
        // A block whose element is the paragraph gives to its parent; text sitting
        // directly in a container gives to that container.
        let mut at = if h.tag == "p" {
            els[el].parent
        } else {
            h.element
        };
        for level in 0..ANCESTOR_LEVELS {
            if at == Element::NO_PARENT {
                break;
            }
            let a = at as usize;
            if matches!(els[a].tag, "body" | "html") {
                break;
            }
            init(a, &mut score, &mut scored);
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[a] += content / div;
            at = els[a].parent;
        }
    }
    // Sums flow up: parents come before children.
    for i in (0..n).rev() {
        let p = els[i].parent;
        if p != Element::NO_PARENT {
            let p = p as usize;
            text_bytes[p] += text_bytes[i];
            link_bytes[p] += link_bytes[i];
            words[p] += words[i];
        }
    }
    let mut best: Option<(usize, f32)> = None;
    let mut final_score = vec![0f32; n];
    for i in 0..n {
        if !scored[i] || els[i].landmarks & Landmark::Hidden as u32 != 0 {
            continue;
        }
        let ld = link_bytes[i] as f32 / text_bytes[i].max(1) as f32;
        final_score[i] = score[i] * (1.0 - ld.min(1.0));
        if best.map_or(true, |(_, s)| final_score[i] > s) {
            best = Some((i, final_score[i]));
        }
    }
    let (mut top, top_score) = best?;
    // Readability: when the parent holds much more text and scores nearly as well, the
    // article is the parent (the best element was one part of a split body).
    loop {
        let p = els[top].parent;
        if p == Element::NO_PARENT || matches!(els[p as usize].tag, "body" | "html") {
            break;
        }
        let p = p as usize;
        if final_score[p] >= top_score * 0.75 && scored[p] && words[p] * 10 < words[top] * 13 {
            top = p;
        } else {
            break;
        }
    }
    // Siblings of the container that score well, or hold prose paragraphs, come along.
    let mut chosen = vec![false; n];
    chosen[top] = true;
    let threshold = (top_score * 0.2).max(10.0);
    let parent = els[top].parent;
    if parent != Element::NO_PARENT {
        for i in top + 1..n {
            if els[i].parent == parent && i != top && weights[i] >= 0 {
                let ld = link_bytes[i] as f32 / text_bytes[i].max(1) as f32;
                if final_score[i] >= threshold
                    || (els[i].tag == "p" && text_bytes[i] > 80 && ld < 0.25)
                {
                    chosen[i] = true;
                }
            }
        }
        for i in (parent as usize + 1)..top {
            if els[i].parent == parent && final_score[i] >= threshold && weights[i] >= 0 {
                chosen[i] = true;
            }
        }
    }
    // An article split into several containers of the same kind (its parts separated by
    // ads or widgets) has its other parts named like the best one.
    let top_names = &doc.names[els[top].names.0 as usize..els[top].names.1 as usize];
    if !top_names.trim().is_empty() {
        for i in 0..n {
            let e = &els[i];
            if i != top
                && e.tag == els[top].tag
                && &doc.names[e.names.0 as usize..e.names.1 as usize] == top_names
                && e.landmarks & Landmark::Hidden as u32 == 0
            {
                chosen[i] = true;
            }
        }
    }
    // "Inside" flows down: children come after parents.
    let mut inside_el = vec![false; n];
    for i in 0..n {
        let p = els[i].parent;
        // A boilerplate-named element (a rail, a share bar) inside the container is not
        // part of the article, nor is anything in it.
        inside_el[i] =
            chosen[i] || (p != Element::NO_PARENT && inside_el[p as usize] && weights[i] >= 0);
    }
    let mut total = 0;
    let inside: Vec<bool> =
        doc.blocks
            .iter()
            .zip(sigs)
            .map(|(b, s)| {
                let yes = b.html.as_ref().is_some_and(|h| {
                    h.element != Element::NO_PARENT && inside_el[h.element as usize]
                });
                if yes {
                    total += s.words;
                }
                yes
            })
            .collect();
    Some(Container {
        inside,
        words: total,
    })
}

/// Readability's first impression of an element from its tag.
fn tag_score(e: &Element) -> f32 {
    match e.tag {
        "div" | "article" | "section" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}
