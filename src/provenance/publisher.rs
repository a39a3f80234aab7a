//! The publisher: the outlet that speaks in its own name on the page. It names itself in
//! masthead appeals ("Support The Daily Planet!"), in letters to the reader ("A Message
//! from The Daily Planet:"), in copyright lines ("© 2024 Example Media") and, more
//! weakly, in the appeal's prose ("By supporting The Daily Planet, you ..."). A news
//! outlet named in the story ("KCNA reported") is a source, not the publisher: only the
//! shapes below count, and the prose ones only inside blocks that address the reader.

use super::{field, letters_of_each, name_run, words, Glance};
use crate::boilerplate::patterns::Lazy;
use crate::model::{Block, BlockClass, Field};
use std::sync::OnceLock;

/// Shapes in which a page names its own publisher, each with how sure it makes us and
/// whether the whole block must be that shape (a masthead line) or may contain it.
const PUBLISHER_SHAPES: &[(&str, f32, bool, &str)] = &[
    // "Support The Moscow Times!", "Please support The Daily Planet": a masthead appeal.
    (
        "masthead appeal",
        0.85,
        true,
        r"(?i)^(?:please\s+)?support\s+",
    ),
    // "A Message from The Daily Planet:", "A note from Example News": a letter to readers.
    (
        "message from the publisher",
        0.85,
        true,
        r"(?i)^an?\s+(?:personal\s+|special\s+)?(?:message|note|letter|word)\s+from\s+",
    ),
    // "© 2024 Example Media Ltd.", "Copyright (c) 2010-2024 Example Media": the owner.
    // Often the owning company ("Example Media Group") rather than the title readers know.
    (
        "copyright line",
        0.6,
        false,
        r"(?i)(?:(?:©|\(c\)|\bcopyright\b)\s*)+(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?:by\s+)?",
    ),
    // "By supporting The Daily Planet", "the journalists of The Daily Planet",
    // "subscribe to The Daily Planet": the appeal's prose, only in reader-addressing blocks.
    (
        "appeal prose",
        0.45,
        false,
        r"(?i)\b(?:by supporting|support|subscribe to|journalists of|the team at|the staff of|newsletter from|selection of news[^.]{0,40}from|donate to)\s+",
    ),
];

/// A copyright line without a year.
const UNDATED_COPYRIGHT: f32 = 0.4;

/// Evidence adds up, but never to certainty.
const MAX_CONFIDENCE: f32 = 0.98;

/// Words of a copyright or masthead line that follow the name but are not part of it.
const NAME_TAILS: &[&str] = &[
    "All Rights Reserved",
    "All rights reserved",
    "Ltd.",
    "Ltd",
    "Limited",
    "Inc.",
    "Inc",
    "LLC.",
    "LLC",
    "GmbH",
    "plc",
    "PLC",
    "S.A.",
    "Corp.",
    "Co.",
    "AG",
];

/// Names that address the reader or the staff, not an outlet ("Support Us", "A message
/// from the editor", "Support Independent Journalism").
const NOT_PUBLISHERS: &[&str] = &[
    "us",
    "our",
    "the editor",
    "the editors",
    "our editor",
    "the team",
    "independent",
    "independent journalism",
    "journalism",
    "local journalism",
    "quality journalism",
    "the newsroom",
    "the author",
    "the publisher",
    "policy",
    "copyright",
    "notice",
    "copyright policy",
    "privacy policy",
    "terms",
    "terms of use",
];

/// Whether a publisher found by an earlier stage reads as an outlet's name.
pub fn plausible(f: &Field) -> bool {
    let v = f.value.trim();
    super::capitalised(v) && !NOT_PUBLISHERS.contains(&v.to_lowercase().as_str())
}

/// Words that mark a block as addressing the reader (an appeal, a sign-up).
const READER_WORDS: &[&str] = &["you", "your", "you're", "we", "our", "us"];

/// Per shape of [`PUBLISHER_SHAPES`], a test that matches wherever the shape does (its
/// word boundaries dropped): most blocks fail it in one fast pass, and are spared the
/// exact shape, whose Unicode `\b` needs the slow engine on text with a curly quote.
const SHAPE_TESTS: [&str; 4] = [
    r"(?i)^(?:please\s+)?support\s",
    r"(?i)^an?\s+(?:personal\s+|special\s+)?(?:message|note|letter|word)\s+from\s",
    r"(?i)©|\(c\)|copyright",
    r"(?i)(?:by supporting|support|subscribe to|journalists of|the team at|the staff of|newsletter from|selection of news[^.]{0,40}from|donate to)\s",
];

/// Per shape of [`PUBLISHER_SHAPES`], words its matches always hold one of (case
/// ignored), as [`letters_of_each`]: a block whose [`Glance`] rules out all of them is not
/// searched for the shape. The copyright line's `©` is a character outside ASCII.
const SHAPE_WORDS: [&[u32]; 4] = [
    &letters_of_each(["support"]),
    &letters_of_each(["from"]),
    &letters_of_each(["©", "(c)", "copyright"]),
    &letters_of_each([
        "support",
        "subscribe",
        "journalists",
        "team",
        "staff",
        "newsletter",
        "selection",
        "donate",
    ]),
];

/// Each pattern is compiled when first asked: a shape only once its test has matched (in
/// the browser, compiling one costs a few milliseconds of the page's start-up, and most
/// pages lack most shapes).
struct Shapes {
    shapes: Vec<(&'static str, f32, bool, Lazy)>,
    tests: Vec<Lazy>,
}

fn shapes() -> &'static Shapes {
    static P: OnceLock<Shapes> = OnceLock::new();
    P.get_or_init(|| Shapes {
        shapes: PUBLISHER_SHAPES
            .iter()
            .map(|&(n, c, whole, p)| (n, c, whole, Lazy::new(p)))
            .collect(),
        tests: SHAPE_TESTS.iter().map(|&p| Lazy::new(p)).collect(),
    })
}

/// Whether `s` has one of [`READER_WORDS`] (case ignored), as a word of its lower-cased
/// text split at characters other than letters, digits and `'`. Words are lower-cased one
/// by one (lower-casing never turns such a separator into a letter or digit).
fn addresses_reader(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .any(|w| {
            if w.is_ascii() {
                READER_WORDS.iter().any(|r| r.eq_ignore_ascii_case(w))
            } else {
                w.to_lowercase()
                    .split(|c: char| !c.is_alphanumeric() && c != '\'')
                    .any(|p| READER_WORDS.contains(&p))
            }
        })
}

/// Whether `s` may match the copyright line's test (`(?i)©|\(c\)|copyright`): it holds
/// `©`, `(` before `c` or `C`, or `y` before `r` (either case). No character outside ASCII
/// matches `c`, `y` or `r` case ignored (tested on every character), so every match holds
/// one of these pairs. One pass over the pairs of bytes, with no early exit, which the
/// compiler reads many pairs at a time with: most long blocks have none of the pairs, and
/// are spared the test's search, which stops at every "co" of the text.
fn may_have_copyright(s: &str) -> bool {
    let b = s.as_bytes();
    // Every pair `b[i]`, `b[i + 1]`, 64 at a time.
    let pairs = b.len().saturating_sub(1);
    let mut from = 0;
    while from < pairs {
        let to = (from + 64).min(pairs);
        let any = b[from..to]
            .iter()
            .zip(&b[from + 1..=to])
            .fold(false, |any, (&x, &y)| {
                let (lx, ly) = (x | 0x20, y | 0x20);
                any | ((x == 0xC2) & (y == 0xA9))
                    | ((x == b'(') & (ly == b'c'))
                    | ((lx == b'y') & (ly == b'r'))
            });
        if any {
            return true;
        }
        from = to;
    }
    false
}

/// The publisher the page names most surely, with the span of its best evidence. Several
/// pieces of evidence for one name add up (1 - Π(1 - cᵢ)). `seen`: each block at a
/// glance (see [`super::glance`]).
pub fn find(text: &str, blocks: &[Block], seen: &[Glance]) -> Option<Field> {
    let mut names: Vec<(String, f32, Field)> = Vec::new();
    let shapes = shapes();
    for (b, g) in blocks.iter().zip(seen) {
        let s = &text[b.start..b.end];
        let tests = shapes.tests.iter().zip(SHAPE_WORDS);
        for ((name, conf, whole, re), (test, needs)) in shapes.shapes.iter().zip(tests) {
            if (*whole && g.words > 10) || !g.may_have_any(needs) {
                continue;
            }
            let prose = *name == "appeal prose";
            if prose && b.class != BlockClass::Boilerplate {
                continue;
            }
            // The shape's test before the reader check: most blocks fail it in one fast pass,
            // where the check reads every word. A copyright line is first looked for by
            // its pairs of bytes (see `may_have_copyright`).
            let copyright = *name == "copyright line";
            if (copyright && !may_have_copyright(s))
                || !test.is_match(s)
                || (prose && !addresses_reader(s))
            {
                continue;
            }
            for m in re.find_iter(s) {
                let matched = m.as_str();
                let dated = matched.chars().any(|c| c.is_ascii_digit());
                if *name == "copyright line"
                    && (!(dated || matched.contains('©') || matched.to_lowercase().contains("(c)"))
                        || super::credits::labelled(s))
                {
                    // "Copyright Policy" is a link; "(Image: © Example Images)" a credit.
                    continue;
                }
                // A copyright line without a year is often a picture's ("© Example").
                let conf = &if *name == "copyright line" && !dated {
                    UNDATED_COPYRIGHT
                } else {
                    *conf
                };
                let mut rest = &s[m.end()..];
                if let Some(i) = rest.to_ascii_lowercase().find("all rights") {
                    rest = &rest[..i];
                }
                let Some(len) = name_run(rest) else { continue };
                let (start, end) = trim_tails(s, m.end(), m.end() + len);
                let value = &s[start..end];
                if *whole && words(&s[end..]) > 0 {
                    continue; // "Support The Daily Planet's reporting on ..." is prose
                }
                if value.is_empty() || NOT_PUBLISHERS.contains(&value.to_lowercase().as_str()) {
                    continue;
                }
                let key = key(value);
                let f = field(text, b.start + start, b.start + end, *conf);
                match names.iter_mut().find(|n| n.0 == key) {
                    Some(e) => {
                        e.1 = 1.0 - (1.0 - e.1) * (1.0 - conf);
                        if *conf > e.2.confidence {
                            e.2 = f;
                        }
                    }
                    None => names.push((key, *conf, f)),
                }
            }
        }
    }
    // The most sure; on a tie, the first on the page.
    names
        .into_iter()
        .rev()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(_, conf, f)| Field {
            confidence: ((conf * 100.0).round() / 100.0).min(MAX_CONFIDENCE),
            ..f
        })
}

/// The name without legal tails ("Example Media Ltd. All rights reserved" → "Example
/// Media"), as byte offsets of `s`.
fn trim_tails(s: &str, start: usize, end: usize) -> (usize, usize) {
    let mut v = &s[start..end];
    loop {
        let t = v.trim_end_matches([',', ' ']);
        let tail = NAME_TAILS.iter().find(|tail| {
            t.len() > tail.len()
                && t.ends_with(*tail)
                && t[..t.len() - tail.len()].ends_with([' ', ','])
        });
        match tail {
            Some(tail) => v = &t[..t.len() - tail.len()],
            None => return (start, start + t.len()),
        }
    }
}

/// Two mentions name the same outlet when they differ only in case or a leading "The".
fn key(name: &str) -> String {
    let l = name.to_lowercase();
    l.strip_prefix("the ").unwrap_or(&l).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BlockKind, Reason};

    fn blocks(text: &str, classes: &[BlockClass]) -> Vec<Block> {
        let mut out = Vec::new();
        let mut pos = 0;
        for (line, class) in text.split('\n').zip(classes.iter().cycle()) {
            if !line.is_empty() {
                out.push(Block {
                    start: pos,
                    end: pos + line.len(),
                    kind: BlockKind::Paragraph,
                    keep: *class == BlockClass::Body,
                    class: *class,
                    reason: Reason::ArticleText,
                    confidence: 0.9,
                    overridden: false,
                    source: None,
                });
            }
            pos += line.len() + 1;
        }
        out
    }

    fn find_in(text: &str, blocks: &[Block]) -> Option<Field> {
        find(text, blocks, &super::super::glance(text, blocks))
    }

    fn publisher(text: &str, class: BlockClass) -> Option<String> {
        find_in(text, &blocks(text, &[class])).map(|f| f.value)
    }

    #[test]
    fn mastheads_messages_and_copyright_lines() {
        use BlockClass::Boilerplate as B;
        assert_eq!(
            publisher("Support The Daily Planet!", B).as_deref(),
            Some("The Daily Planet")
        );
        assert_eq!(
            publisher("A Message from The Daily Planet:", B).as_deref(),
            Some("The Daily Planet")
        );
        assert_eq!(
            publisher("© 2024 Example Media", B).as_deref(),
            Some("Example Media")
        );
        assert_eq!(
            publisher(
                "Copyright © 2010-2024 Example Media Ltd. All rights reserved.",
                B
            )
            .as_deref(),
            Some("Example Media")
        );
        assert_eq!(
            publisher("(c) 2023 Northwind News Inc.", B).as_deref(),
            Some("Northwind News")
        );
    }

    #[test]
    fn not_publishers() {
        use BlockClass::{Body, Boilerplate};
        // A news agency the story cites is a source.
        assert_eq!(
            publisher("KCNA reported on Thursday that the talks went well.", Body),
            None
        );
        assert_eq!(publisher("Support us!", Boilerplate), None);
        assert_eq!(
            publisher("Support independent journalism", Boilerplate),
            None
        );
        assert_eq!(publisher("A message from the editors:", Boilerplate), None);
        // Appeal prose outside the boilerplate is the story's prose.
        assert_eq!(
            publisher(
                "The group said by supporting The Daily Planet you win.",
                Body
            ),
            None
        );
        // A long sentence starting like an appeal is not a masthead.
        assert_eq!(
            publisher(
                "Support The Daily Planet's reporting on the harbour and the city",
                Boilerplate
            ),
            None
        );
    }

    #[test]
    fn shape_tests_pass_every_shape() {
        let p = shapes();
        for s in [
            "Please support The Daily Planet!",
            "A special note from Example News:",
            "Copyright (C) 2024 Example",
            "© Example",
            "By supporting The Daily Planet, you help",
            "a selection of news, every week, from The Daily Planet",
        ] {
            for (k, (_, _, _, re)) in p.shapes.iter().enumerate() {
                if re.is_match(s) {
                    assert!(p.tests[k].is_match(s), "{k} {s}");
                }
            }
        }
        // A block the glance rules out is never one a test matches.
        let lines = super::super::MIXED_LINES.iter().copied();
        for s in lines.chain([
            "Please support The Daily Planet!",
            "a selection of news from X",
        ]) {
            let g = super::super::glance_at(s);
            for (test, needs) in p.tests.iter().zip(SHAPE_WORDS) {
                if test.is_match(s) {
                    assert!(g.may_have_any(needs), "{s}");
                }
            }
        }
        assert!(addresses_reader("Thank YOU for reading"));
        assert!(addresses_reader("Nous, WE are here"));
        assert!(addresses_reader("İt is yours, not ours: for you're"));
        assert!(!addresses_reader("The minister’s usual route"));
    }

    #[test]
    fn copyright_pairs_never_skip_a_match() {
        // No character outside ASCII matches `c`, `y` or `r` case ignored.
        let letters = regex::Regex::new(r"(?i)^[cyr]$").unwrap();
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            assert!(!letters.is_match(c.encode_utf8(&mut [0; 4])), "{c}");
        }
        let test = regex::Regex::new(SHAPE_TESTS[2]).unwrap();
        let filler = "éa b—c 北d “e” 🙂 xyz (C ";
        for len in [0, 1, 2, 62, 63, 64, 65, 66, 127, 128, 129, 300] {
            let base: String = filler.chars().cycle().take(len).collect();
            let cuts: Vec<usize> = (0..=base.len())
                .filter(|&i| base.is_char_boundary(i))
                .collect();
            for at in cuts.iter().copied().step_by(7).chain(cuts.last().copied()) {
                for piece in ["©", "(c)", "(C)", "COPYRIGHT", "CopyRight", "yr", "(", "y"] {
                    let s = format!("{}{piece}{}", &base[..at], &base[at..]);
                    if test.is_match(&s) {
                        assert!(may_have_copyright(&s), "{s}");
                    }
                }
            }
        }
        for s in super::super::MIXED_LINES {
            if test.is_match(s) {
                assert!(may_have_copyright(s), "{s}");
            }
        }
        assert!(!may_have_copyright("Support The Daily Planet!"));
    }

    #[test]
    fn evidence_adds_up() {
        let t = "Support The Daily Planet!\nA Message from The Daily Planet:\nBy supporting The Daily Planet, you keep us going.";
        let f = find_in(t, &blocks(t, &[BlockClass::Boilerplate])).unwrap();
        assert_eq!(f.value, "The Daily Planet");
        assert!(f.confidence > 0.95, "{}", f.confidence);
        assert_eq!(f.span, Some(crate::model::Span(8, 24)));
    }
}
