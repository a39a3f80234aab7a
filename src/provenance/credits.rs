//! Picture credits: who made a picture and which agency distributed it ("ALEXEY
//! NIKOLSKY/Sputnik/AFP via Getty Images", "Sophia Sandurskaya / Moskva News Agency",
//! "(Photo by Jane Doe/Getty Images)", "Photograph: Jane Doe/Reuters"). Each is tied to
//! its caption: the start of the same block, or the block just before it when that one
//! reads as a caption. Credits say who made a picture; they are not sources of the
//! story's claims, so they are kept apart from attributions.

use super::{capitalised, titlecase, words_upto, Glance};
use crate::boilerplate::patterns::Lazy;
use crate::model::{Block, BlockKind, Credit, Reason, Span};
use regex::Regex;
use std::sync::OnceLock;

/// Words that announce a credit: "Photo: ", "(Photo by ", "Image credit: ", "Foto: ".
const CREDIT_MARKERS: &str = r"(?i)(\()?\b(?:photo(?:graph)?s?|images?|pictures?|pic|foto|bild|illustration|credit)(?:(?:\s+(?:credit|copyright|source))\s*(?:by\b|:)?|\s*(?:by\b|:))\s*";
/// [`CREDIT_MARKERS`] without its word boundaries: it matches wherever the markers do (and
/// a little more), and needs no slow engine (a Unicode `\b` on text with a curly quote
/// does). Most blocks have no marker: this cheap test spares them the exact one.
const MAY_HAVE_MARKER: &str = r"(?i)(?:photo(?:graph)?s?|images?|pictures?|pic|foto|bild|illustration|credit)(?:\s+(?:credit|copyright|source)|\s*(?:by|:))";

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

/// Words of a credit line that are labels, not names.
const LABELS: &[&str] = &[
    "credit",
    "credits",
    "photo",
    "photos",
    "image",
    "images",
    "picture",
    "pictures",
    "source",
    "copyright",
    "caption",
    "file",
    "foto",
    "bild",
];

/// Words that make a capitalised credit part an organisation, not a photographer.
const ORGANISATION_WORDS: &[&str] = &[
    "times",
    "post",
    "news",
    "journal",
    "herald",
    "tribune",
    "magazine",
    "network",
    "group",
    "holdings",
    "company",
    "inc",
    "ltd",
    "llc",
    "university",
    "institute",
    "council",
    "government",
    "department",
    "police",
    "army",
    "navy",
    "embassy",
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
    may_have_marker: Regex,
    caption: Regex,
    /// [`CREDIT_MARKERS`] and [`CAPTION_CUES`] with ASCII word boundaries, for a block
    /// whose word characters are all ASCII (see [`super::dates::ascii_words`]): there they
    /// match exactly where the patterns as written do, and the regex crate's fast engine
    /// reads them (a Unicode `\b` sends it to the slow one on any text with a curly quote
    /// or a dash). Compiled when first asked.
    marker_ascii: Lazy,
    caption_ascii: Lazy,
}

impl Patterns {
    /// The credit markers to ask of block text `s`.
    fn marker(&self, s: &str) -> &Regex {
        if super::dates::ascii_words(s) {
            &self.marker_ascii
        } else {
            &self.marker
        }
    }

    /// The caption cues to ask of block text `s`.
    fn caption(&self, s: &str) -> &Regex {
        if super::dates::ascii_words(s) {
            &self.caption_ascii
        } else {
            &self.caption
        }
    }
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        marker: Regex::new(CREDIT_MARKERS).expect("credit markers"),
        may_have_marker: Regex::new(MAY_HAVE_MARKER).expect("credit marker test"),
        caption: Regex::new(CAPTION_CUES).expect("caption cues"),
        marker_ascii: Lazy::owned(CREDIT_MARKERS.replace(r"\b", r"(?-u:\b)")),
        caption_ascii: Lazy::owned(CAPTION_CUES.replace(r"\b", r"(?-u:\b)")),
    })
}

/// Whether `s` carries a credit label ("Photo:", "(Image: © ...)").
pub fn labelled(s: &str) -> bool {
    marked(s, scan(s))
}

/// [`labelled`], for a block already [`scan`]ned.
fn marked(s: &str, scanned: Scanned) -> bool {
    let p = patterns();
    scanned.marker_word && p.may_have_marker.is_match(s) && p.marker(s).is_match(s)
}

/// How every marker word of [`CREDIT_MARKERS`] starts (photo, image, pic(ture), foto,
/// bild, illustration, credit), lower case. None of these letters has a non-ASCII case
/// variant (as `k` and `s` have), so a text the marker pattern matches holds one of them
/// in ASCII, in any case, at a word boundary.
const MARKER_WORD_STARTS: [&str; 7] = ["photo", "image", "pic", "foto", "bild", "illu", "credit"];

/// What one read of a block tells [`locate`], so that most blocks (which have neither) are
/// read once and not searched: whether it holds the start of a marker word where a word
/// may start (not right after an ASCII letter, digit or `_`, which are word characters for
/// the pattern's `\b`), and whether it holds a separator of credit parts ("Jane Doe/AP",
/// "Jane Doe | AP", "Jane Doe via Getty Images").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Scanned {
    marker_word: bool,
    separator: bool,
}

/// Per byte, as the first of two bytes, the pairs [`scan`] looks closer at it may start,
/// one bit each (see [`PAIR_BITS`]); [`SECOND`] is the same for the byte after. A pair
/// whose bits share none starts nothing: most pairs of an article, so the scan reads two
/// table entries per byte and stops only at the few pairs that may start a marker word,
/// a separator, or " via ".
const FIRST: [u16; 256] = pair_table(0);
const SECOND: [u16; 256] = pair_table(1);

/// The pairs [`scan`] stops at, one bit each: the first two letters of each marker word
/// (ASCII case ignored, see [`marker_word_at`]) and a space before the `v` of " via ";
/// and [`SEPARATOR_BIT`]: `/` or `|` followed by any byte.
const PAIR_BITS: [(&[u8; 2], u16); 8] = [
    (b"ph", 1),
    (b"im", 1 << 1),
    (b"pi", 1 << 2),
    (b"fo", 1 << 3),
    (b"bi", 1 << 4),
    (b"il", 1 << 5),
    (b"cr", 1 << 6),
    (b" v", VIA_BIT),
];
const VIA_BIT: u16 = 1 << 7;
const SEPARATOR_BIT: u16 = 1 << 8;

/// [`FIRST`] (`at` 0) or [`SECOND`] (`at` 1).
const fn pair_table(at: usize) -> [u16; 256] {
    let mut t = [0u16; 256];
    let mut i = 0;
    while i < PAIR_BITS.len() {
        let (pair, bit) = PAIR_BITS[i];
        let x = pair[at];
        t[x as usize] |= bit;
        if bit != VIA_BIT {
            // Marker words: either case ("PHOTO", "Photo"); " via " is written lower case.
            t[x.to_ascii_uppercase() as usize] |= bit;
        }
        i += 1;
    }
    if at == 0 {
        t[b'/' as usize] |= SEPARATOR_BIT;
        t[b'|' as usize] |= SEPARATOR_BIT;
    } else {
        // Any byte may follow a separator.
        let mut b = 0;
        while b < 256 {
            t[b] |= SEPARATOR_BIT;
            b += 1;
        }
    }
    t
}

/// Reads `s` once for [`Scanned`]: two table look-ups per byte (see [`FIRST`]), and a
/// closer look only at the few pairs of bytes that may start a marker word, " via ", or
/// that are a separator. Stops once it has found both.
fn scan(s: &str) -> Scanned {
    let b = s.as_bytes();
    let mut out = Scanned {
        marker_word: false,
        separator: false,
    };
    let n = b.len();
    let mut i = 0;
    // Every pair of bytes `b[i]`, `b[i + 1]`; the last byte alone after the loop.
    while i + 1 < n {
        if FIRST[usize::from(b[i])] & SECOND[usize::from(b[i + 1])] != 0 {
            let x = b[i];
            if x == b'/' || x == b'|' {
                out.separator = true;
            } else if x == b' ' {
                // A space before `v`: " via " when "via " follows.
                if b[i + 1..].starts_with(b"via ") {
                    out.separator = true;
                }
            } else if !out.marker_word && marker_word_at(b, i) {
                out.marker_word = true;
            }
            if out.marker_word && out.separator {
                return out;
            }
        }
        i += 1;
    }
    // The last byte: a separator (a marker word or " via " needs more bytes).
    if n > 0 && matches!(b[n - 1], b'/' | b'|') {
        out.separator = true;
    }
    out
}

/// Whether one of [`MARKER_WORD_STARTS`] starts at byte `i` of `b` (ASCII case ignored),
/// where a word may start.
fn marker_word_at(b: &[u8], i: usize) -> bool {
    // The first two letters name the one marker word it may be ("ph" → "photo").
    let Some(&next) = b.get(i + 1) else {
        return false;
    };
    let word = match (b[i].to_ascii_lowercase(), next.to_ascii_lowercase()) {
        (b'p', b'h') => "photo",
        (b'i', b'm') => "image",
        (b'p', b'i') => "pic",
        (b'f', b'o') => "foto",
        (b'b', b'i') => "bild",
        (b'i', b'l') => "illu",
        (b'c', b'r') => "credit",
        _ => return false,
    };
    let word_before = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
    !word_before
        && b.len() - i >= word.len()
        && b[i..i + word.len()].eq_ignore_ascii_case(word.as_bytes())
}

/// Whether a block whose glance is `g` may carry a credit label: it may hold one of
/// [`MARKER_WORD_STARTS`] (see [`Glance::may_have`]).
fn may_be_labelled(g: &Glance) -> bool {
    const LETTERS: [u32; 7] = super::letters_of_each(MARKER_WORD_STARTS);
    g.may_have_any(&LETTERS)
}

/// Whether a block whose glance is `g` may hold a separator of credit parts (see
/// [`Scanned`]).
fn may_have_separator(g: &Glance) -> bool {
    const VIA: u32 = super::letters_of("via");
    g.may_have_char('/')
        || g.may_have_char('|')
        || (g.may_have_char(' ') && g.may_have_letters(VIA))
}

/// Every picture credit in the blocks, in order. `seen`: each block at a glance (see
/// [`super::glance`]).
pub fn find(text: &str, blocks: &[Block], seen: &[Glance]) -> Vec<Credit> {
    let mut out = Vec::new();
    for (i, (b, g)) in blocks.iter().zip(seen).enumerate() {
        let s = &text[b.start..b.end];
        let told = matches!(b.reason, Reason::PhotoCredit | Reason::Caption);
        // Most blocks have neither a label nor a separator: they are not read further.
        if !told && !may_be_labelled(g) && !may_have_separator(g) {
            continue;
        }
        let Some((cs, ce, people, agencies)) = locate(s, told) else {
            continue;
        };
        let caption = if cs > 0 {
            let cap = s[..cs].trim_end().trim_end_matches('(').trim_end();
            let lead = cap.len() - cap.trim_start().len();
            (!cap.trim().is_empty()).then(|| Span(b.start + lead, b.start + cap.len()))
        } else {
            // The block before, skipping a bare label line ("Credit...").
            let mut j = i.checked_sub(1);
            while let Some(k) = j.filter(|&k| label_line(&text[blocks[k].start..blocks[k].end])) {
                j = k.checked_sub(1);
            }
            j.map(|j| &blocks[j])
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

/// A line that is only a label: "Credit...", "Photo:".
fn label_line(s: &str) -> bool {
    let t = s
        .trim()
        .trim_end_matches(['.', ':', '…', ' '])
        .to_lowercase();
    LABELS.contains(&t.as_str())
}

/// Whether a block reads as a picture's caption.
fn caption_like(s: &str, b: &Block) -> bool {
    b.kind == BlockKind::Caption || b.reason == Reason::Caption || {
        patterns().caption(s).is_match(s)
    }
}

type Located = (usize, usize, Vec<String>, Vec<String>);

/// The credit in block text `s` (byte range, people, agencies). `told`: the boilerplate
/// stage already called the block a caption or credit.
fn locate(s: &str, told: bool) -> Option<Located> {
    // "Photo: Jane Doe/AP", "(Photo by Jane Doe/Getty Images)".
    // `is_match` first: it runs the fast engine; captures need the slow one.
    let scanned = scan(s);
    let marker = marked(s, scanned);
    if let Some(c) = marker
        .then(|| patterns().marker(s).captures_iter(s).last())
        .flatten()
    {
        let m = c.get(0)?;
        let end = if c.get(1).is_some() {
            s[m.end()..].find(')').map_or(s.len(), |i| m.end() + i)
        } else {
            s.len()
        };
        let (a, b) = trimmed(s, m.end(), end);
        if let Some(r) = read(&s[a..b], true) {
            let start = if c.get(1).is_some() {
                m.start() + 1
            } else {
                m.start()
            };
            return Some((start, b, r.people, r.agencies));
        }
    }
    // Without a label, a credit's parts are separated (below): a block with no separator
    // anywhere holds none, unless the earlier stage called it a credit. Most blocks end
    // here.
    if !told && !scanned.separator {
        return None;
    }
    // The last sentence of the block: "Caption text. ALEXEY NIKOLSKY/Sputnik/AFP".
    let start = last_sentence_start(s);
    // A caption glued to its credit: "…isn't easy.Kathrin Ziegler/Getty". Only a glue
    // point after `start` counts: the search begins two characters (at most 8 bytes)
    // before it.
    let mut from = start.saturating_sub(8);
    while !s.is_char_boundary(from) {
        from -= 1;
    }
    let start = start.max(from + glued_at(&s[from..]));
    let (a, b) = trimmed(s, start, s.len());
    let part = &s[a..b];
    let separated = part.contains('/') || part.contains(" via ") || part.contains('|');
    if !(separated || told) || part.to_lowercase().starts_with("by ") {
        return None; // "By Jane Doe | Example News" is a byline
    }
    let r = read(part, false)?;
    // Without a label, a credit names a known agency, or the earlier stage called the
    // line a credit and it is one name ("Gene J. Puskar").
    let lone_name = told && !separated && a == 0 && r.people.len() == 1 && r.agencies.is_empty();
    if !(r.known || lone_name) {
        return None;
    }
    Some((a, b, r.people, r.agencies))
}

/// Where the last sentence of `s` starts: the end of its last sentence separator
/// (`. `, `? `, `! `, `… `, `.` and a no-break space), or 0. Read from the end, so a
/// long block is read only back to its last sentence.
fn last_sentence_start(s: &str) -> usize {
    const SEPARATORS: [&str; 5] = [". ", "? ", "! ", "… ", ".\u{a0}"];
    let b = s.as_bytes();
    (1..=b.len())
        .rev()
        .find(|&end| {
            // Every separator ends with a space or a no-break space's last byte.
            matches!(b[end - 1], b' ' | 0xA0)
                && SEPARATORS
                    .iter()
                    .any(|sep| b[..end].ends_with(sep.as_bytes()))
        })
        .unwrap_or(0)
}

/// Where the last caption glued to its credit ends: the byte offset of the capital in the
/// last "lower-case letter, `.`/`!`/`?`, capital" of `s`, or 0.
fn glued_at(s: &str) -> usize {
    // Walk back with the two characters after the current one.
    let mut after: Option<(usize, char)> = None;
    let mut after2: Option<(usize, char)> = None;
    for (i, c) in s.char_indices().rev() {
        if let (Some((_, p)), Some((k, u))) = (after, after2) {
            if c.is_lowercase() && matches!(p, '.' | '!' | '?') && u.is_uppercase() {
                return k;
            }
        }
        after2 = after;
        after = Some((i, c));
    }
    0
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
fn read(credit: &str, marked: bool) -> Option<Read> {
    if credit.is_empty() || words_upto(credit, MAX_CREDIT_WORDS + 1) > MAX_CREDIT_WORDS {
        return None;
    }
    let mut people = Vec::new();
    let mut agencies = Vec::new();
    // Whether a part is a picture agency we know, or named like one: a credit without a
    // "Photo:" label needs one ("Eat/Sip/Drive" and "AR/VR" are menus, not credits).
    let mut known = false;
    for (part, commissioned) in credit
        .split(['/', '|', ';', ','])
        .flat_map(|p| p.split(" via ").map(|q| (q, false)).collect::<Vec<_>>())
        .flat_map(|(p, _)| {
            let mut it = p.splitn(2, " for ");
            let first = it.next().map(|q| (q, false));
            first.into_iter().chain(it.next().map(|q| (q, true)))
        })
    {
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
        if part.chars().any(|c| c.is_ascii_digit())
            || !part.chars().any(char::is_alphabetic)
            || LABELS.contains(&lower.as_str())
        {
            return None;
        }
        let ws: Vec<&str> = lower.split_whitespace().collect();
        let last = ws.last().copied().unwrap_or("");
        let n = ws.len();
        let caps = part
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        let listed = AGENCIES.contains(&lower.as_str());
        let agency_named = n > 1 && AGENCY_ENDINGS.contains(&last) && capitalised(part);
        let organisation = n <= 6
            && part
                .split_whitespace()
                .all(|w| capitalised(w) || super::NAME_JOINERS.contains(&w))
            && (ws[0] == "the" || ws.iter().any(|w| ORGANISATION_WORDS.contains(w)));
        known |= listed || agency_named || organisation;
        if listed || agency_named || (n == 1 && caps && part.chars().count() <= 6) {
            agencies.push(part.to_string());
        } else if organisation || (commissioned && capitalised(part)) {
            // "The New York Times", "Getty Images for Example Holdings".
            agencies.push(part.to_string());
        } else if (2..=4).contains(&n)
            && part.split_whitespace().all(capitalised)
            && part.chars().all(|c| {
                c.is_alphabetic() || c.is_whitespace() || matches!(c, '.' | '-' | '\'' | '’')
            })
        {
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
    Some(Read {
        people,
        agencies,
        known,
    })
}

/// The people and agencies of a credit, and whether one agency is known or named like
/// one (a credit without a "Photo:" label needs one: "Eat/Sip/Drive" is a menu).
struct Read {
    people: Vec<String>,
    agencies: Vec<String>,
    known: bool,
}

/// Whether a credit found by an earlier stage reads as a credit here too.
pub fn plausible(text: &str, c: &Credit) -> bool {
    let s = &text[c.span.0..c.span.1];
    locate(s, true).is_some()
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

    /// The plain path [`scan`] must agree with: every place a marker word may start,
    /// tried in turn.
    fn may_have_marker_word(s: &str) -> bool {
        let b = s.as_bytes();
        (0..b.len()).any(|i| {
            let word_before = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
            !word_before
                && MARKER_WORD_STARTS.iter().any(|w| {
                    b[i..].len() >= w.len() && b[i..i + w.len()].eq_ignore_ascii_case(w.as_bytes())
                })
        })
    }

    /// The plain path for [`Scanned::separator`].
    fn has_separator(s: &str) -> bool {
        s.contains('/') || s.contains('|') || s.contains(" via ")
    }

    #[test]
    fn ascii_edges_match_as_written() {
        let p = patterns();
        let lines = super::super::MIXED_LINES.iter().copied().chain([
            "The mayor waves (Photo by Jane Doe/Getty Images)",
            "Photo: Jane Doe. PHOTO BY Ann Poe/AP",
            "“Pictured” from left, the mayor — in this photo: Jane",
            "éPhoto by Jane",
            "Photoé by Jane",
            "ſtock photo: x",
            "Fotos by \u{212A}im",
            "The mayor poses, left, with 北京 (Image: Jane)",
            "credit copyright Jane 🙂 pictured",
        ]);
        for s in lines {
            for (i, _) in s.char_indices() {
                let t = &s[i..];
                let spans = |re: &Regex| {
                    re.captures_iter(t)
                        .map(|c| c.iter().map(|g| g.map(|m| m.range())).collect::<Vec<_>>())
                        .collect::<Vec<_>>()
                };
                assert_eq!(spans(p.marker(t)), spans(&p.marker), "{t}");
                assert_eq!(p.caption(t).is_match(t), p.caption.is_match(t), "{t}");
            }
        }
    }

    #[test]
    fn the_first_two_letters_name_each_marker_word() {
        for w in MARKER_WORD_STARTS {
            for form in [w.to_string(), w.to_uppercase()] {
                assert!(marker_word_at(form.as_bytes(), 0), "{form}");
                assert!(marker_word_at(format!(" {form}").as_bytes(), 1), "{form}");
            }
        }
        // Every pair of ASCII letters that starts no marker word is turned away.
        for x in b'a'..=b'z' {
            for y in b'a'..=b'z' {
                let pair = [x, y];
                let starts = MARKER_WORD_STARTS
                    .iter()
                    .any(|w| w.as_bytes().starts_with(&pair));
                if !starts {
                    assert!(!marker_word_at(&[x, y, b'o', b't', b'o'], 0));
                }
            }
        }
    }

    #[test]
    fn the_scan_reads_as_the_plain_tests() {
        let lines = super::super::MIXED_LINES.iter().copied().chain([
            "ILLUſTRATION: Ann Poe",
            "Jane\u{a0}via Getty",
            "Jane via Getty",
            "Jane Doe via",
            " via ",
            "trivia night / via",
            "A/B",
            "x|y",
            "_photo: x",
            "9photo: x",
            "—Photo: x",
            "Pic",
            "pi",
            "crediT",
            "ÉPHOTO by Jane Doe/AFP",
            "北京/東京 Photo by 🙂",
            "\u{212A}ICK via pic",
            "“Image” — Foto | Bild",
            "Photo/Jane via Getty",
        ]);
        for s in lines {
            let scanned = scan(s);
            assert_eq!(scanned.marker_word, may_have_marker_word(s), "{s}");
            assert_eq!(scanned.separator, has_separator(s), "{s}");
            // Every suffix too: a marker word or separator at the very start or end.
            for (i, _) in s.char_indices() {
                let t = &s[i..];
                assert_eq!(scan(t).marker_word, may_have_marker_word(t), "{t}");
                assert_eq!(scan(t).separator, has_separator(t), "{t}");
            }
        }
    }

    #[test]
    fn the_pairs_are_the_marker_words_first_two_letters() {
        let mut pairs: Vec<&[u8]> = PAIR_BITS[..7].iter().map(|(p, _)| &p[..]).collect();
        let mut starts: Vec<&[u8]> = MARKER_WORD_STARTS
            .iter()
            .map(|w| &w.as_bytes()[..2])
            .collect();
        pairs.sort_unstable();
        starts.sort_unstable();
        assert_eq!(pairs, starts);
        // Every bit of its own.
        let bits: Vec<u16> = PAIR_BITS
            .iter()
            .map(|p| p.1)
            .chain([SEPARATOR_BIT])
            .collect();
        for (i, a) in bits.iter().enumerate() {
            assert_eq!(a.count_ones(), 1);
            assert!(bits[i + 1..].iter().all(|b| a & b == 0));
        }
    }

    #[test]
    fn the_scan_reads_as_the_plain_tests_on_pieces_put_together() {
        // Every pair of pieces (a marker word, a separator, or neither, cut anywhere).
        let pieces = [
            "", " ", "p", "P", "h", "ph", "Photo", "pHOTO", "image", "pic", "Foto", "bild", "ILLU",
            "credit", "crediT", "via", " via", "via ", " via ", " v", "/", "|", "é", "ſ",
            "\u{212A}", "北", "🙂", "“", "_", "9", "x", "a.", "—",
        ];
        for a in pieces {
            for b in pieces {
                for c in ["", " ", "ia ", "hoto", "/"] {
                    let s = format!("{a}{b}{c}");
                    assert_eq!(scan(&s).marker_word, may_have_marker_word(&s), "{s}");
                    assert_eq!(scan(&s).separator, has_separator(&s), "{s}");
                }
            }
        }
    }

    #[test]
    fn marker_words_are_found_by_the_byte_scan() {
        for s in [
            "PHOTO: Jane Doe/AP",
            "(Photograph by Jane Doe)",
            "Image credit: Example Agency",
            "pic: x",
            "Pictures by Ann Poe",
            "Bild: Jana Muster",
            "Foto: Jana Muster",
            "ILLUſTRATION: Ann Poe",
            "Illustration by Ann Poe",
            "Credit: Jane Doe",
            "CREDIT copyright Jane Doe",
            "x—photo: Jane Doe",
            "“Photo by Jane Doe”",
            "éphoto: x",
        ] {
            assert!(patterns().may_have_marker.is_match(s), "{s}");
            assert!(may_have_marker_word(s), "{s}");
            assert!(labelled(s) == patterns().marker.is_match(s), "{s}");
        }
        for s in [
            "The council said so.",
            "",
            "ph",
            "via",
            "Xphoto: Jane Doe",
            "topic: x",
        ] {
            assert!(!may_have_marker_word(s) && !labelled(s), "{s}");
        }
        // A block the glance rules out has no label and no separator.
        let lines = super::super::MIXED_LINES.iter().copied();
        for s in lines.chain(["ILLUſTRATION: Ann Poe", "Jane\u{a0}via Getty", "A/B"]) {
            let g = super::super::glance_at(s);
            if patterns().marker.is_match(s) || labelled(s) {
                assert!(may_be_labelled(&g), "{s}");
            }
            if has_separator(s) {
                assert!(may_have_separator(&g), "{s}");
            }
        }
        assert!(has_separator("Jane Doe via Getty") && has_separator("A/B"));
        assert!(!has_separator("via Getty") && !has_separator("trivia night"));
    }

    #[test]
    fn last_sentence_starts_after_the_last_separator() {
        let by_rfind = |s: &str| {
            [". ", "? ", "! ", "… ", ".\u{a0}"]
                .iter()
                .filter_map(|sep| s.rfind(sep).map(|i| i + sep.len()))
                .max()
                .unwrap_or(0)
        };
        for s in [
            "",
            " ",
            "No separator here",
            "One. Two? Three! Four… Five.\u{a0}Six",
            "Ends with one. ",
            "Ellipsis… then. Jane Doe/AP",
            "Non-breaking.\u{a0}Jane Doe/AP",
            "Café à Paris. Zoë/AFP",
            "… ",
            "\u{a0}\u{a0}. ",
        ] {
            assert_eq!(last_sentence_start(s), by_rfind(s), "{s:?}");
        }
    }

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
    fn glued_captions() {
        assert_eq!(glued_at("It isn't easy.Kathrin Ziegler/Getty"), 14);
        assert_eq!(glued_at("a.Bc.D x!Y"), 9);
        assert_eq!(glued_at("é.É"), 3);
        assert_eq!(glued_at("No glue here. None"), 0);
        assert_eq!(glued_at(""), 0);
    }

    #[test]
    fn marker_test_finds_every_marker() {
        for s in [
            "(Photo by Jane Doe/Getty Images)",
            "Photograph: Jane Doe/Reuters",
            "Image credit: Northwind",
            "Bild: dpa",
            "“Quoted” caption. PICTURE: Jane Doe",
            "Illustration by Jane Doe",
            "photos copyright Example",
        ] {
            assert!(patterns().marker.is_match(s), "{s}");
            assert!(patterns().may_have_marker.is_match(s), "{s}");
        }
        assert!(!labelled("The minister said “no” on Monday."));
    }

    #[test]
    fn prose_is_not_a_credit() {
        assert!(credit("The shop is open 24/7 and sells bread.").is_none());
        assert!(credit("He said the deal and/or the talks would fail.").is_none());
        assert!(credit("The Republican/Democratic divide deepened in the state").is_none());
        assert!(credit("Jane Doe").is_none());
    }
}
