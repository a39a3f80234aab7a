//! Property tests: on random and article-like text and HTML, `analyze()` never panics,
//! is deterministic, and keeps every invariant of the data model (`src/model.rs`): blocks
//! cover every non-blank character once, in order, trimmed; every span lies inside the
//! text on character boundaries and converts to UTF-16 and code points exactly; CRLF
//! line endings give the same decisions as LF.
//!
//! The checks themselves live in `fixtures/adversarial/check.rs` (shared with
//! `tests/adversarial.rs`). Cases are bounded so the suite stays fast; raise them with
//! `PROPTEST_CASES=2000 cargo test --release --test invariants`.

#![cfg(not(target_arch = "wasm32"))]

#[path = "fixtures/adversarial/check.rs"]
mod check;

use copydesk::{analyze, InputHint, Options};
use proptest::prelude::*;

/// Pieces of news prose, chosen to hit every stage: names and roles, speech cues and
/// quotes, values, and the scripts and code points that break offset arithmetic.
const WORDS: &[&str] = &[
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "on",
    "that",
    "was",
    "is",
    "it",
    "for",
    "with",
    "said",
    "told",
    "says",
    "according",
    "to",
    "claimed",
    "added",
    "warned",
    "reported",
    "President",
    "Minister",
    "Dr.",
    "Mr.",
    "Ms.",
    "Anna",
    "Kowalski",
    "Ben",
    "Okafor",
    "Ministry",
    "of",
    "Health",
    "Reuters",
    "AFP",
    "United",
    "Nations",
    "Paris",
    "Lagos",
    "Monday",
    "March",
    "3,",
    "2024",
    "10:30",
    "a.m.",
    "$5",
    "million",
    "€12bn",
    "45%",
    "three",
    "1,200",
    "km",
    "“",
    "”",
    "\"",
    "'",
    "«",
    "»",
    ":",
    ",",
    ".",
    "?",
    "!",
    "—",
    "(AP)",
    "—",
    "Share",
    "Tweet",
    "Subscribe",
    "newsletter",
    "©",
    "cookies",
    "Photo:",
    "Getty",
    "Images",
    "Read",
    "more",
    "Advertisement",
    "12",
    "comments",
    "Zoë",
    "Müller",
    "São",
    "Paulo",
    "naïve",
    "e\u{301}\u{301}\u{301}",
    "a\u{308}\u{304}",
    "👩‍👩‍👧",
    "🇫🇷",
    "👍🏽",
    "🏳️‍🌈",
    "北京市政府表示",
    "東京",
    "서울",
    "مرحبا",
    "שלום",
    "\u{200f}",
    "\u{200b}",
    "\u{feff}",
    "\u{0}",
    "\t",
    "\u{a0}",
    "\u{2028}",
    "\u{85}",
    "ﬁ",
    "İstanbul",
    "ß",
    "Ǆ",
    "𝔘𝔫𝔦",
    "\u{fffd}",
    "<b>",
    "&amp;",
    "a<b",
    "x>y",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(WORDS).prop_map(str::to_string),
        1 => "[A-Z][a-z]{1,9}",
        1 => "\\PC{1,6}",
    ]
}

fn line() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 0..24).prop_map(|ws| ws.join(" "))
}

/// Article-like text: lines of prose joined by one of the line endings a paste has.
fn article() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(line(), 0..24),
        prop::sample::select(&["\n", "\n\n", "\r\n", "\r", " \n \n", "\u{2029}"][..]),
    )
        .prop_map(|(lines, sep)| lines.join(sep))
}

const TAGS: &[&str] = &[
    "div",
    "p",
    "span",
    "a",
    "h1",
    "h2",
    "li",
    "ul",
    "nav",
    "header",
    "footer",
    "article",
    "main",
    "aside",
    "figure",
    "figcaption",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "br",
    "script",
    "style",
    "template",
    "noscript",
    "b",
    "i",
    "time",
    "section",
    "form",
    "button",
];
const ATTRS: &[&str] = &[
    "",
    " class=\"nav menu\"",
    " hidden",
    " style=\"display:none\"",
    " aria-hidden=\"true\"",
    " class=\"article-body\"",
    " id=\"main\"",
    " class='share social'",
    " data-x=\"<p>\"",
    " itemprop=\"articleBody\"",
    " class=\"byline\"",
    " datetime=\"2024-03-03\"",
    " =bad",
];
const ENTITIES: &[&str] = &[
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&#39;",
    "&nbsp;",
    "&#x1F600;",
    "&#128512;",
    "&#0;",
    "&#xD800;",
    "&#x110000;",
    "&#99999999999;",
    "&bogus;",
    "&amp",
    "&",
    "&#",
    "&#x;",
    "&eacute;",
    "&rsquo;",
    "&mdash;",
];

/// An HTML tree (or tag soup): elements with attributes, text, entities, comments,
/// unclosed and misnested tags.
fn html() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        6 => line(),
        1 => prop::sample::select(ENTITIES).prop_map(str::to_string),
        1 => Just("<!-- a comment <p>inside</p> -->".to_string()),
        1 => prop::sample::select(TAGS).prop_map(|t| format!("<{t}>")),
        1 => prop::sample::select(TAGS).prop_map(|t| format!("</{t}>")),
        1 => Just("<![CDATA[ x ]]><?php echo 1 ?><!DOCTYPE html>".to_string()),
    ];
    let tree = leaf.prop_recursive(6, 64, 6, |inner| {
        (
            prop::sample::select(TAGS),
            prop::sample::select(ATTRS),
            prop::collection::vec(inner, 0..6),
            any::<bool>(),
        )
            .prop_map(|(tag, attrs, children, close)| {
                let mut s = format!("<{tag}{attrs}>");
                for c in children {
                    s.push_str(&c);
                }
                if close {
                    s.push_str(&format!("</{tag}>"));
                }
                s
            })
    });
    (any::<bool>(), tree).prop_map(|(doc, body)| {
        if doc {
            format!("<!DOCTYPE html><html><head><title>T &amp; t</title></head><body>{body}</body></html>")
        } else {
            body
        }
    })
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(96),
        max_shrink_iters: 2000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Same decisions whatever the line ending: blocks pair up and agree on keep and reason.
fn same_decisions_with_crlf(text: &str) {
    let lf = text.replace("\r\n", "\n").replace('\r', "\n");
    let crlf = lf.replace('\n', "\r\n");
    let opts = Options {
        input: InputHint::Text,
        ..Options::default()
    };
    let a = analyze(&lf, &opts);
    let b = analyze(&crlf, &opts);
    check::check_bytes(&crlf, InputHint::Text, &b);
    let da: Vec<_> = a
        .blocks
        .iter()
        .map(|x| (&a.text[x.start..x.end], x.keep, x.reason))
        .collect();
    let db: Vec<_> = b
        .blocks
        .iter()
        .map(|x| (&b.text[x.start..x.end], x.keep, x.reason))
        .collect();
    assert_eq!(
        da,
        db,
        "CRLF changed the decisions: {}",
        check::preview(text)
    );
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_text_keeps_invariants(input in "\\PC{0,400}|(.|\n|\r){0,200}") {
        check::check_all_units(&input, InputHint::Text);
    }

    #[test]
    fn article_text_keeps_invariants(input in article()) {
        let a = check::check_all_units(&input, InputHint::Text);
        let again = analyze(&input, &Options { input: InputHint::Text, ..Options::default() });
        prop_assert_eq!(check::json(&a), check::json(&again), "not deterministic");
    }

    #[test]
    fn crlf_gives_the_same_decisions(input in article()) {
        same_decisions_with_crlf(&input);
    }

    #[test]
    fn html_keeps_invariants(input in html()) {
        let a = check::check_all_units(&input, InputHint::Html);
        let again = analyze(&input, &Options { input: InputHint::Html, ..Options::default() });
        prop_assert_eq!(check::json(&a), check::json(&again), "not deterministic");
    }

    #[test]
    fn random_input_as_html_keeps_invariants(input in "\\PC{0,300}|[<>/&;#a-z =\"']{0,300}") {
        check::check_all_units(&input, InputHint::Html);
    }

    #[test]
    fn auto_detection_keeps_invariants(input in prop_oneof![article(), html()]) {
        let a = analyze(&input, &Options::default());
        let hint = match a.input {
            copydesk::InputKind::Html => InputHint::Html,
            copydesk::InputKind::Text => InputHint::Text,
        };
        check::check_bytes(&input, hint, &a);
    }
}

#[test]
fn known_tricky_strings_keep_invariants() {
    for s in [
        "",
        " ",
        "\n",
        "\r\n\r\n",
        "x",
        "é",
        "👩‍👩‍👧",
        "“",
        "\u{0}",
        "He said: “Yes.”",
        "“No,” said Anna Kowalski, the minister. “Never.”",
        "According to Reuters, 45% of São Paulo's 👩‍👩‍👧 families said so.",
        "北京市政府表示，会议将于周一举行。",
        "مرحبا \u{200f}said Ali\u{200f} «yes»",
        "e\u{301}\u{301}\u{301}\u{301} said Zoë: \"ok\"",
    ] {
        for hint in [InputHint::Text, InputHint::Html, InputHint::Auto] {
            let h = if hint == InputHint::Auto {
                InputHint::Text
            } else {
                hint
            };
            if hint == InputHint::Auto {
                let a = analyze(s, &Options::default());
                if a.input == copydesk::InputKind::Text {
                    check::check_bytes(s, h, &a);
                }
            } else {
                check::check_all_units(s, hint);
            }
        }
    }
}
