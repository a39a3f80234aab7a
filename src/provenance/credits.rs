//! Picture credits: who made a picture and which agency distributed it ("ALEXEY
//! NIKOLSKY/Sputnik/AFP via Getty Images", "Sophia Sandurskaya / Moskva News Agency",
//! "(Photo by Jane Doe/Getty Images)", "Photograph: Jane Doe/Reuters"). Each is tied to
//! its caption: the start of the same block, or the block just before it when that one
//! reads as a caption. Credits say who made a picture; they are not sources of the
//! story's claims, so they are kept apart from attributions.

use super::{capitalised, titlecase, words};
use crate::model::{Block, BlockKind, Credit, Reason, Span};
use regex::Regex;
use std::sync::OnceLock;

/// Words that announce a credit: "Photo: ", "(Photo by ", "Image credit: ", "Foto: ".
const CREDIT_MARKERS: &str = r"(?i)(\()?\b(?:photo(?:graph)?s?|images?|pictures?|pic|foto|bild|illustration|video|credit)(?:\s+credit)?\s*(?:by\b|:)\s*";

/// Picture agencies, wire services and image libraries (lower case).
const AGENCIES: &[&str] = &[
    "getty images",
    "getty",
    "afp",
    "reuters",
    "ap",
    "ap photo",
    "associated press",
    "the associated press",
    "epa",
    "epa-efe",
    "efe",
    "shutterstock",
    "alamy",
    "sputnik",
    "tass",
    "xinhua",
    "anadolu",
    "pool",
    "handout",
    "bloomberg",
    "nurphoto",
    "sopa images",
    "zuma",
    "zuma press",
    "zuma wire",
    "redux",
    "polaris",
    "istock",
    "istockphoto",
    "unsplash",
    "flickr",
    "wikimedia commons",
    "dpa",
    "picture alliance",
    "picture-alliance",
    "keystone",
    "ansa",
    "kyodo",
    "yonhap",
    "pa",
    "pa images",
    "pa wire",
    "ria novosti",
    "kremlin",
    "kremlin.ru",
    "nasa",
    "imago",
    "lightrocket",
    "corbis",
    "magnum",
    "abaca",
    "sipa",
    "rex",
    "rex features",
    "file",
    "courtesy",
];

/// Last words that make a credit part an agency: "Moskva News Agency", "SOPA Images".
const AGENCY_ENDINGS: &[&str] = &[
    "agency",
    "press",
    "images",
    "image",
    "photos",
    "photo",
    "pictures",
    "media",
    "wire",
    "news",
    "service",
    "archive",
    "archives",
    "collection",
    "library",
    "studio",
    "studios",
    "handout",
    "pool",
    "ministry",
    "office",
    "museum",
    "foundation",
    "commons",
];

/// Words that make a block read as a picture's caption: where people stand in it, or
/// that it is a picture.
const CAPTION_CUES: &str = r"(?i)(,\s*(?:center|centre|left|right|second (?:from )?(?:left|right)|front|rear|top|bottom)\s*,|\((?:center|centre|left|right|top|bottom|above|below|pictured|file)\)|\bfrom (?:left|right)\b|\bpictured\b|\b(?:file|stock) (?:photo|image|picture)\b|\bin this (?:photo|picture|image|handout)\b|\b(?:poses|gestures|looks on|is seen|are seen|attends|arrives|waves|smiles|listens)\b)";

/// A credit part is a few words; longer text is a caption or prose.
const MAX_CREDIT_WORDS: usize = 12;

struct Patterns {
    marker: Regex,
    caption: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        marker: Regex::new(CREDIT_MARKERS).expect("credit markers"),
        caption: Regex::new(CAPTION_CUES).expect("caption cues"),
    })
}

/// Every picture credit in the blocks, in order.
pub fn find(text: &str, blocks: &[Block]) -> Vec<Credit> {
    let mut out = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let s = &text[b.start..b.end];
        let told = matches!(b.reason, Reason::PhotoCredit | Reason::Caption);
        let Some((cs, ce, people, agencies)) = locate(s, told) else {
            continue;
        };
        let caption = if cs > 0 {
            let cap = s[..cs].trim_end().trim_end_matches('(').trim_end();
            let lead = cap.len() - cap.trim_start().len();
            (!cap.trim().is_empty()).then(|| Span(b.start + lead, b.start + cap.len()))
        } else {
            i.checked_sub(1)
                .map(|j| &blocks[j])
                .filter(|p| caption_like(&text[p.start..p.end], p))
                .map(|p| Span(p.start, p.end))
        };
        out.push(Credit {
            span: Span(b.start + cs, b.start + ce),
            people,
            agencies,
            caption,
        });
    }
    out
}

/// Whether a block reads as a picture's caption.
fn caption_like(s: &str, b: &Block) -> bool {
    b.kind == BlockKind::Caption || b.reason == Reason::Caption || patterns().caption.is_match(s)
}

type Located = (usize, usize, Vec<String>, Vec<String>);

/// The credit in block text `s` (byte range, people, agencies). `told`: the boilerplate
/// stage already called the block a caption or credit.
fn locate(s: &str, told: bool) -> Option<Located> {
    // "Photo: Jane Doe/AP", "(Photo by Jane Doe/Getty Images)".
    if let Some(c) = patterns().marker.captures_iter(s).last() {
        let m = c.get(0)?;
        let end = if c.get(1).is_some() {
            s[m.end()..].find(')').map_or(s.len(), |i| m.end() + i)
        } else {
            s.len()
        };
        let (a, b) = trimmed(s, m.end(), end);
        if let Some((people, agencies)) = read(&s[a..b], true) {
            let start = if c.get(1).is_some() {
                m.start() + 1
            } else {
                m.start()
            };
            return Some((start, b, people, agencies));
        }
    }
    // The last sentence of the block: "Caption text. ALEXEY NIKOLSKY/Sputnik/AFP".
    let start = [". ", "? ", "! ", "… ", ".\u{a0}"]
        .iter()
        .filter_map(|sep| s.rfind(sep).map(|i| i + sep.len()))
        .max()
        .unwrap_or(0);
    let (a, b) = trimmed(s, start, s.len());
    let part = &s[a..b];
    let separated = part.contains('/') || part.contains(" via ") || part.contains('|');
    if !(separated || told) {
        return None;
    }
    let (people, agencies) = read(part, told)?;
    if !separated && agencies.is_empty() && a > 0 {
        return None; // a caption ending in a bare name: the name is the caption's subject
    }
    Some((a, b, people, agencies))
}

/// `s[start..end]` without surrounding spaces and final punctuation.
fn trimmed(s: &str, start: usize, end: usize) -> (usize, usize) {
    let t = &s[start..end];
    let lead = t.len() - t.trim_start().len();
    let t = t.trim().trim_end_matches(['.', ';', ',']);
    (start + lead, start + lead + t.len())
}

/// Splits a credit into people and agencies; `None` when a part is neither (then it is
/// prose, not a credit). `marked`: a word like "Photo:" announced it.
fn read(credit: &str, marked: bool) -> Option<(Vec<String>, Vec<String>)> {
    if credit.is_empty() || words(credit) > MAX_CREDIT_WORDS {
        return None;
    }
    let mut people = Vec::new();
    let mut agencies = Vec::new();
    let parts = credit
        .split(['/', '|', ';', ','])
        .flat_map(|p| p.split(" via "))
        .flat_map(|p| p.split(" for "));
    for part in parts {
        let part = part
            .trim()
            .trim_start_matches('©')
            .trim_start_matches("(c)")
            .trim();
        let part = strip_prefix_ci(part, "courtesy of ")
            .or_else(|| strip_prefix_ci(part, "courtesy "))
            .unwrap_or(part)
            .trim_matches(['(', ')', ' ']);
        if part.is_empty() {
            continue;
        }
        let lower = part.to_lowercase();
        let last = lower.split_whitespace().last().unwrap_or("");
        let n = part.split_whitespace().count();
        let caps = part
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        if part.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        if AGENCIES.contains(&lower.as_str())
            || (n > 1 && AGENCY_ENDINGS.contains(&last) && capitalised(part))
            || (n == 1 && caps && part.chars().count() <= 6)
        {
            agencies.push(part.to_string());
        } else if (2..=4).contains(&n) && part.split_whitespace().all(capitalised) {
            people.push(titlecase(part));
        } else if n == 1 && capitalised(part) && (marked || !agencies.is_empty()) {
            // A one-word organisation ("Wikipedia", "Instagram").
            agencies.push(part.to_string());
        } else {
            return None;
        }
    }
    if people.is_empty() && agencies.is_empty() {
        return None;
    }
    if !marked && agencies.is_empty() && people.len() != 1 {
        return None;
    }
    Some((people, agencies))
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    (s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix))
    .then(|| &s[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credit(s: &str) -> Option<(String, Vec<String>, Vec<String>)> {
        locate(s, false).map(|(a, b, p, g)| (s[a..b].to_string(), p, g))
    }

    #[test]
    fn credits_with_slashes_and_via() {
        let (span, people, agencies) =
            credit("ALEXEY NIKOLSKY/Sputnik/AFP via Getty Images").unwrap();
        assert_eq!(span, "ALEXEY NIKOLSKY/Sputnik/AFP via Getty Images");
        assert_eq!(people, ["Alexey Nikolsky"]);
        assert_eq!(agencies, ["Sputnik", "AFP", "Getty Images"]);
        let (span, people, agencies) =
            credit("The mayor at the harbour. Maria Lopez / Harbour News Agency").unwrap();
        assert_eq!(span, "Maria Lopez / Harbour News Agency");
        assert_eq!(people, ["Maria Lopez"]);
        assert_eq!(agencies, ["Harbour News Agency"]);
    }

    #[test]
    fn credits_with_markers() {
        let (span, people, agencies) =
            credit("The mayor waves to supporters (Photo by Jane Doe/Getty Images)").unwrap();
        assert_eq!(span, "Photo by Jane Doe/Getty Images");
        assert_eq!(people, ["Jane Doe"]);
        assert_eq!(agencies, ["Getty Images"]);
        let (_, people, agencies) = credit("Photograph: Jane Doe/Reuters").unwrap();
        assert_eq!(
            (people, agencies),
            (vec!["Jane Doe".to_string()], vec!["Reuters".to_string()])
        );
        let (_, people, agencies) = credit("Foto: dpa").unwrap();
        assert!(people.is_empty());
        assert_eq!(agencies, ["dpa"]);
        let (_, _, agencies) = credit("Image: Courtesy of Northwind Museum").unwrap();
        assert_eq!(agencies, ["Northwind Museum"]);
    }

    #[test]
    fn prose_is_not_a_credit() {
        assert!(credit("The shop is open 24/7 and sells bread.").is_none());
        assert!(credit("He said the deal and/or the talks would fail.").is_none());
        assert!(credit("The Republican/Democratic divide deepened in the state").is_none());
        assert!(credit("Jane Doe").is_none());
    }
}
