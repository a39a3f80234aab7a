//! The authors, read from bylines in their common shapes: "By Jane Doe and John Roe",
//! "By JANE DOE, Staff Writer", "Von Jana Muster", "Jane Doe, Reuters" (a name and a
//! wire agency alone on a line), and the wire's closing line "Reporting by Jane Doe;
//! Additional reporting by Ann Poe; Editing by John Roe" (editors are not authors).
//! A byline is a short line: "By Monday, the talks had stalled" and "By supporting
//! us, you ..." are prose, and nothing in them reads as a person's name.

use super::{capitalised, field, letters_of, letters_of_each, name_run, titlecase, Glance};
use crate::model::{Block, BlockClass, BlockKind, Field, Reason, Span};
use regex::Regex;
use std::sync::OnceLock;

/// Words that open a byline, in the languages of the pages we see.
/// At the start of the line, or after a date or a separator ("5:45 AM 11/19/2019 by Jane
/// Doe", "February 1, 2019 | BY: Jane Doe").
const BYLINE_CUES: &str = r"(?i)(?:^(?:by|written by|words by|text by|story by|reported by|von|par|por|di|door|av|autor(?:in)?|authors?|text)|(?:[|·•]|\d)\s*by)\s*:?\s+";
/// The wire's closing credit line: reporters are authors; "Editing by" is not authorship.
const REPORTING_CUES: &str = r"(?i)(?:^|;\s*)(?:additional reporting|reporting|writing)\s+by\s+";
/// Words every match of [`BYLINE_CUES`] holds one of ("autor" is in "autorin", and its
/// letters are all in "author"): a block whose [`Glance`] rules them all out is not
/// searched. A match of [`REPORTING_CUES`] holds "by" and one of [`REPORTING_WORDS`].
const BYLINE_CUE_WORDS: [u32; 9] = letters_of_each([
    "by", "von", "par", "por", "di", "door", "av", "autor", "text",
]);
const REPORTING_WORDS: [u32; 2] = letters_of_each(["reporting", "writing"]);
const BY: u32 = letters_of("by");
/// How sure each shape makes us.
const CUE_BYLINE: f32 = 0.85;
const REPORTING_LINE: f32 = 0.75;
const NAME_AND_AGENCY: f32 = 0.6;

/// How many blocks into the article a byline may still be the article's.
const BYLINE_AFTER_PROSE: usize = 3;

/// Bylines are short; longer blocks are prose.
const MAX_BYLINE_WORDS: usize = 20;
/// How many blocks from the top, or under the headline, a bare "Jane Doe, Reuters" line
/// may sit.
const NAME_AND_AGENCY_BLOCKS: usize = 8;
const NAME_AND_AGENCY_AFTER_TITLE: usize = 3;

/// Wire agencies and outlets that follow a name in a byline as its affiliation.
const AGENCIES: &[&str] = &[
    "reuters",
    "ap",
    "associated press",
    "the associated press",
    "afp",
    "agence france-presse",
    "bloomberg",
    "bloomberg news",
    "dpa",
    "efe",
    "ansa",
    "kyodo",
    "kyodo news",
    "yonhap",
    "xinhua",
    "tass",
    "pa",
    "pa media",
    "press association",
    "upi",
    "cnn",
    "bbc news",
    "the canadian press",
    "aap",
    "anadolu",
    "sputnik",
    "interfax",
];

/// Words that end a name run in a byline: roles, date cues, months and weekdays.
const NOT_NAME_WORDS: &[&str] = &[
    "updated",
    "published",
    "posted",
    "last",
    "staff",
    "senior",
    "chief",
    "writer",
    "reporter",
    "correspondent",
    "editor",
    "contributor",
    "columnist",
    "photographer",
    "producer",
    "analyst",
    "photo",
    "photos",
    "video",
    "read",
    "min",
    "minutes",
    "share",
    "follow",
    "email",
    "twitter",
    "the",
    "a",
    "an",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "in",
    "at",
    "on",
    "and",
    "for",
];

/// Lowercase particles allowed inside a person's name.
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "da", "di", "du", "dos", "das", "del", "della", "la", "le",
    "bin", "ibn", "al", "el", "ter", "ten", "zu", "y",
];

/// Words joining two names in a byline.
const AND_WORDS: &[&str] = &["and", "&", "und", "et", "e", "y"];

struct Patterns {
    cue: Regex,
    reporting: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        cue: Regex::new(BYLINE_CUES).expect("byline cues"),
        reporting: Regex::new(REPORTING_CUES).expect("reporting cues"),
    })
}

/// One byline: its authors and, when it names one, the wire agency.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Byline {
    pub authors: Vec<Field>,
    pub agency: Option<Field>,
}

/// The authors of the first byline on the page (a "By ..." line first, else the wire's
/// "Reporting by" line, else a "Jane Doe, Reuters" line near the top), and the agency it
/// names ("Reuters"), kept as a weak publisher.
/// `seen`: each block at a glance (see [`super::glance`]).
pub fn find(text: &str, blocks: &[Block], seen: &[Glance]) -> Byline {
    first_byline(text, blocks, seen).unwrap_or_default()
}

fn first_byline(text: &str, blocks: &[Block], seen: &[Glance]) -> Option<Byline> {
    let p = patterns();
    let words = |i: usize| seen[i].words;
    let by_cue: Vec<(usize, Byline)> = blocks
        .iter()
        .enumerate()
        .filter(|&(i, _)| words(i) <= MAX_BYLINE_WORDS)
        .filter(|&(i, _)| seen[i].may_have_any(&BYLINE_CUE_WORDS))
        .filter_map(|(i, b)| {
            let s = &text[b.start..b.end];
            let m = p.cue.find(s)?;
            read_names(text, b.start + m.end(), b.end, CUE_BYLINE, true).map(|r| (i, r))
        })
        .collect();
    // The article's byline sits between the headline and the first paragraphs; bylines
    // elsewhere belong to teasers of other articles. Else the first one on the page.
    let title = blocks.iter().position(|b| b.reason == Reason::Title);
    let prose_at = |i: usize| blocks[i].class == BlockClass::Body && words(i) >= 15;
    let prose = (0..blocks.len()).position(prose_at);
    let near = |i: usize| {
        title.map_or(true, |t| i > t) && prose.map_or(true, |p| i <= p + BYLINE_AFTER_PROSE)
    };
    let chosen = by_cue
        .iter()
        .position(|(i, _)| near(*i))
        .or((!by_cue.is_empty()).then_some(0));
    if let Some(k) = chosen {
        return by_cue.into_iter().nth(k).map(|(_, r)| r);
    }
    let reporting = blocks.iter().zip(seen).find_map(|(b, g)| {
        if !(g.may_have_letters(BY) && g.may_have_any(&REPORTING_WORDS)) {
            return None;
        }
        let s = &text[b.start..b.end];
        if !may_have_reporting(s) {
            return None;
        }
        let mut out = Byline::default();
        for m in p.reporting.find_iter(s) {
            let seg_end = s[m.end()..]
                .find(';')
                .map_or(b.end, |i| b.start + m.end() + i);
            if let Some(r) = read_names(text, b.start + m.end(), seg_end, REPORTING_LINE, false) {
                out.authors.extend(r.authors);
            }
        }
        (!out.authors.is_empty()).then_some(out)
    });
    if reporting.is_some() {
        return reporting;
    }
    // Only above the article: further down, "Jane Doe, Reuters" is a picture credit.
    let body = prose.unwrap_or(blocks.len());
    // A credit line follows its caption; a line right under the headline is a byline.
    let after_caption = |i: usize| {
        i > 0
            && (blocks[i - 1].reason == Reason::Caption || blocks[i - 1].kind == BlockKind::Caption)
    };
    // Near the top of the page, or just under the headline.
    let title = blocks.iter().position(|b| b.reason == Reason::Title);
    let near_title =
        |i: usize| title.is_some_and(|t| i > t && i <= t + NAME_AND_AGENCY_AFTER_TITLE);
    blocks[..body]
        .iter()
        .enumerate()
        .filter(|&(i, _)| i < NAME_AND_AGENCY_BLOCKS || near_title(i))
        .filter(|&(i, b)| b.reason != Reason::Caption && !after_caption(i))
        .filter(|&(i, _)| words(i) <= 8)
        .map(|(_, b)| b)
        .find_map(|b| {
            let r = read_names(text, b.start, b.end, NAME_AND_AGENCY, true)?;
            // A person and then an agency: "CTV News" alone is a section name.
            let person = r.authors.first().map(|a| a.span) != r.agency.as_ref().map(|a| a.span);
            (r.agency.is_some() && person).then_some(r)
        })
}

/// The words [`REPORTING_CUES`] opens with, at the start of a line or after a `;`.
const REPORTING_OPENERS: [&str; 3] = ["additional reporting", "reporting", "writing"];

/// Whether [`REPORTING_CUES`] may match `s`: false only when it cannot. Its matches start
/// the line with one of [`REPORTING_OPENERS`] (ASCII case ignored: no character outside
/// ASCII folds into their letters), or follow a `;`. Two cheap reads where the pattern's
/// search reads every long block whole (their glance has every letter).
fn may_have_reporting(s: &str) -> bool {
    let b = s.as_bytes();
    b.contains(&b';')
        || REPORTING_OPENERS
            .iter()
            .any(|w| b.len() >= w.len() && b[..w.len()].eq_ignore_ascii_case(w.as_bytes()))
}

/// Cleans authors found by an earlier stage: "By Jane Doe and John Roe" becomes two
/// fields; a value that does not read as names is kept as it is.
pub fn clean(authors: &[Field]) -> Vec<Field> {
    let mut out = Vec::new();
    for a in authors {
        let v = &a.value;
        let cue = patterns().cue.find(v).map_or(0, |m| m.end());
        let read = read_names(v, cue, v.len(), a.confidence, false);
        match read {
            Some(r) if !r.authors.is_empty() => {
                for f in r.authors {
                    let span = match (a.span, f.span) {
                        (Some(s), Some(fs)) => Some(Span(s.0 + fs.0, s.0 + fs.1)),
                        _ => None,
                    };
                    out.push(Field { span, ..f });
                }
            }
            _ => out.push(a.clone()),
        }
    }
    out
}

/// Reads the names in `text[start..end]`: persons separated by commas and "and", then
/// optionally an agency or a role. With `whole`, the rest of the line must be a role, an
/// agency, a date or a separator, not prose.
fn read_names(text: &str, start: usize, end: usize, conf: f32, whole: bool) -> Option<Byline> {
    let s = &text[start..end];
    let mut pos = 0;
    let mut out = Byline::default();
    loop {
        let rest = &s[pos..];
        let lead = rest.len() - rest.trim_start().len();
        pos += lead;
        let rest = &s[pos..];
        // "Jane Doe@janedoe": the handle is not part of the name.
        let rest_cut = rest.find('@').map_or(rest, |i| &rest[..i]);
        let Some(len) = name_run(rest_cut) else { break };
        // The run may hold several names joined by "and" and a role or date after them.
        let run = &rest[..len];
        let mut piece_start = 0;
        let mut cut = run.len();
        let mut offset = 0;
        let mut pieces = Vec::new();
        for w in run.split_inclusive(' ') {
            let t = w.trim();
            let lw = t.trim_end_matches('.').to_lowercase();
            if AND_WORDS.contains(&lw.as_str()) {
                pieces.push((piece_start, offset));
                piece_start = offset + w.len();
            } else if NOT_NAME_WORDS.contains(&lw.as_str()) && offset > piece_start {
                cut = offset;
                break;
            }
            offset += w.len();
        }
        pieces.push((piece_start, cut.min(run.len())));
        let mut stop = cut < run.len();
        for (a, b) in pieces {
            let piece = run[a..b].trim_end();
            if piece.is_empty() {
                continue;
            }
            let (ps, pe) = (start + pos + a, start + pos + a + piece.len());
            if person_like(piece) {
                let mut f = field(text, ps, pe, conf);
                f.value = titlecase(piece);
                out.authors.push(f);
            } else if AGENCIES.contains(&piece.to_lowercase().as_str()) || organisation(piece) {
                if out.authors.is_empty() && out.agency.is_none() {
                    // "By Reuters", "By The Associated Press": the agency is the author.
                    out.authors.push(field(text, ps, pe, conf * 0.6));
                }
                out.agency = Some(field(text, ps, pe, 0.45));
                stop = true;
            } else if out.authors.is_empty() {
                return None;
            } else {
                stop = true;
            }
        }
        // After a role or date word, the tail starts at that word.
        pos += if cut < run.len() { cut } else { len };
        if stop {
            break;
        }
        // Another name after ", " or " and "?
        let after = &s[pos..];
        let t = after.trim_start_matches([',', ' ', ';']);
        let t2 = t
            .split_once(' ')
            .filter(|(w, _)| AND_WORDS.contains(&w.to_lowercase().as_str()))
            .map_or(t, |(_, r)| r);
        if t2.len() == after.len() || !t2.starts_with(capitalised_word) {
            break;
        }
        pos += after.len() - t2.len();
    }
    if out.authors.is_empty() {
        return None;
    }
    if whole && !tail_ok(&s[pos..]) {
        return None;
    }
    Some(out)
}

fn capitalised_word(c: char) -> bool {
    c.is_uppercase()
}

/// What may follow the names of a byline on its line: nothing, a separator, a role, an
/// agency, a date or time.
fn tail_ok(tail: &str) -> bool {
    let t = tail.trim();
    if t.is_empty() || t.starts_with(['|', '-', '–', '—', '·', '•', ',', '/', '(', ';', '@'])
    {
        return true;
    }
    if t.split_whitespace().next().is_some_and(|w| w.contains('@')) {
        return true; // an e-mail address or a handle
    }
    let first = t
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    !first.is_empty()
        && (NOT_NAME_WORDS.contains(&first.as_str()) || first.chars().all(|c| c.is_ascii_digit()))
}

/// Words that make a capitalised name an organisation ("CNN Business", "Jerusalem Post
/// Staff", "European Space Agency").
const ORGANISATION_WORDS: &[&str] = &[
    "business",
    "news",
    "post",
    "times",
    "press",
    "agency",
    "media",
    "staff",
    "service",
    "journal",
    "herald",
    "tribune",
    "magazine",
    "network",
    "wire",
    "desk",
    "bureau",
    "team",
    "report",
    "daily",
    "weekly",
    "online",
    "digital",
    "editorial",
    "board",
];

/// Whether `s` names an organisation: "The ..." or a word from [`ORGANISATION_WORDS`].
fn organisation(s: &str) -> bool {
    let lower = s.to_lowercase();
    capitalised(s)
        && (lower.starts_with("the ")
            || lower
                .split_whitespace()
                .any(|w| ORGANISATION_WORDS.contains(&w)))
}

/// Whether `s` reads as a person's name: two to five words, each capitalised (or a
/// particle), no digits, no month, weekday or role.
fn person_like(s: &str) -> bool {
    let ws: Vec<&str> = s.split_whitespace().collect();
    if !(2..=5).contains(&ws.len()) || s.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    if AGENCIES.contains(&s.to_lowercase().as_str()) || organisation(s) {
        return false;
    }
    ws.iter().enumerate().all(|(i, w)| {
        let lw = w.trim_end_matches('.').to_lowercase();
        if NOT_NAME_WORDS.contains(&lw.as_str()) {
            return false;
        }
        capitalised(w) || (i > 0 && i + 1 < ws.len() && PARTICLES.contains(&lw.as_str()))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_reporting_read_never_rules_out_a_cue() {
        let reporting = &super::patterns().reporting;
        let lines = super::super::MIXED_LINES.iter().copied().chain([
            "Reporting by Jane Doe; Editing by John Roe",
            "ADDITIONAL REPORTING BY Ann Poe",
            "Writing by Jane;\u{a0}reporting by Ann",
            "Story; writing  by Jane",
            "The reporting by the paper was wrong.",
            "reporting",
            ";",
        ]);
        for line in lines {
            for (i, _) in line.char_indices() {
                let t = &line[i..];
                if reporting.is_match(t) {
                    assert!(super::may_have_reporting(t), "{t}");
                }
            }
        }
        assert!(!super::may_have_reporting(
            "The reporting by the paper was wrong."
        ));
    }

    use super::*;

    fn names(line: &str) -> Vec<String> {
        let m = patterns().cue.find(line).map_or(0, |m| m.end());
        read_names(line, m, line.len(), 0.8, true)
            .map(|b| b.authors.into_iter().map(|f| f.value).collect())
            .unwrap_or_default()
    }

    #[test]
    fn glances_never_skip_a_cue() {
        let p = patterns();
        let lines = super::super::MIXED_LINES.iter().copied();
        for s in lines.chain([
            "Autorin: Jana Muster",
            "5:45 AM 11/19/2019 by Jane",
            "TEXT: A",
        ]) {
            let g = super::super::glance_at(s);
            if p.cue.is_match(s) {
                assert!(g.may_have_any(&BYLINE_CUE_WORDS), "{s}");
            }
            if p.reporting.is_match(s) {
                assert!(g.may_have("by") && g.may_have_any(&REPORTING_WORDS), "{s}");
            }
        }
    }

    #[test]
    fn bylines_in_common_shapes() {
        assert_eq!(names("By Jane Doe and John Roe"), ["Jane Doe", "John Roe"]);
        assert_eq!(
            names("By Jane Doe, John Roe and Ann Poe"),
            ["Jane Doe", "John Roe", "Ann Poe"]
        );
        assert_eq!(names("By JANE DOE"), ["Jane Doe"]);
        assert_eq!(names("By Jane Doe, Staff Writer"), ["Jane Doe"]);
        assert_eq!(names("By Jane Doe | Updated March 28, 2024"), ["Jane Doe"]);
        assert_eq!(
            names("Von Jana Muster und Max Beispiel"),
            ["Jana Muster", "Max Beispiel"]
        );
        assert_eq!(names("By Ludwig van Berg"), ["Ludwig van Berg"]);
        assert_eq!(names("By J. K. Doe"), ["J. K. Doe"]);
        assert_eq!(names("Jane Doe, Reuters"), ["Jane Doe"]);
        assert_eq!(names("By The Associated Press"), ["The Associated Press"]);
        assert_eq!(names("By Jill Doe, CNN Business"), ["Jill Doe"]);
        assert_eq!(names("By European Space Agency"), ["European Space Agency"]);
        assert_eq!(names("By Jane Doe@janedoe"), ["Jane Doe"]);
        assert_eq!(names("By Jane Doe jdoe@example.com"), ["Jane Doe"]);
        assert_eq!(names("By: Jane Doe, MS, RDN"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe, Example Business"), ["Jane Doe"]);
        assert_eq!(names("5:45 AM PST 11/19/2019 by Jane Doe"), ["Jane Doe"]);
        assert_eq!(
            names("February 1, 2019 | BY: Jane Doe, MS, RDN"),
            ["Jane Doe"]
        );
        assert_eq!(
            names("By Jane Doe Updated Nov. 19, 2019 8:21 am ET"),
            ["Jane Doe"]
        );
    }

    #[test]
    fn prose_is_not_a_byline() {
        assert!(names("By Monday, the talks had stalled").is_empty());
        assert!(names("By supporting The Daily Planet, you keep us going").is_empty());
        assert!(names("By 2030 the plant will close").is_empty());
        assert!(names("By Jane Doe's own account the plan failed badly").is_empty());
    }

    #[test]
    fn agency_after_a_name() {
        let line = "Jane Doe, Reuters";
        let b = read_names(line, 0, line.len(), 0.6, true).unwrap();
        assert_eq!(b.agency.unwrap().value, "Reuters");
    }

    #[test]
    fn cleans_earlier_fields() {
        let f = Field {
            value: "By Jane Doe and John Roe".into(),
            span: Some(Span(10, 34)),
            confidence: 0.7,
        };
        let c = clean(&[f]);
        assert_eq!(c.len(), 2);
        assert_eq!(c[1].value, "John Roe");
        assert_eq!(c[1].span, Some(Span(26, 34)));
    }
}
