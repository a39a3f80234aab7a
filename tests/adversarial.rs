//! Hostile input: each case is generated here (no large files are committed), run through
//! `analyze()` as text and as HTML in every offset unit, and checked against the data
//! model's invariants (`fixtures/adversarial/check.rs`). The only time bound is finishing:
//! each case prints its time, so a quadratic blow-up shows in the log and in CI's time.
//!
//! Sizes are the full ones in a release build (`cargo test --release`, as CI runs) and a
//! fiftieth in a debug build.

#![cfg(not(target_arch = "wasm32"))]

#[path = "fixtures/adversarial/check.rs"]
mod check;

use copydesk::{analyze, InputHint, Options};
use std::time::Instant;

/// Full size in release builds, a fiftieth in debug builds.
fn size(n: usize) -> usize {
    if cfg!(debug_assertions) {
        n / 50
    } else {
        n
    }
}

/// Runs `input` as text and as HTML, checking every invariant (small inputs are analysed
/// once per offset unit, large ones once and converted).
fn run(name: &str, input: &str) {
    for hint in [InputHint::Text, InputHint::Html] {
        let t = Instant::now();
        let a = if input.len() < 10_000 {
            check::check_all_units(input, hint)
        } else {
            check::check_converted(input, hint)
        };
        eprintln!(
            "{name} as {hint:?}: {} bytes, {} blocks, {} entities, {:.2?}",
            input.len(),
            a.blocks.len(),
            a.entities.len(),
            t.elapsed()
        );
    }
}

#[test]
fn empty_and_tiny() {
    for s in [
        "",
        " ",
        "\n",
        "\t\r\n \u{a0}\u{3000}\u{2028}",
        "x",
        "é",
        ".",
        "“",
        "<",
        ">",
        "&",
        "<p>",
        "</p>",
        "<!--",
        "<!DOCTYPE html>",
    ] {
        run(&format!("{s:?}"), s);
    }
}

#[test]
fn whitespace_only() {
    let s = " \t\n\r\u{a0}\u{2003}\u{3000}\u{feff}".repeat(size(10_000));
    run("whitespace only", &s);
}

#[test]
fn nul_bytes() {
    run("NULs", &"\0".repeat(1000));
    run(
        "NULs in prose",
        "The minister\0 said\0 \0“yes”.\n\0\n\0\0Anna\0 Kowalski\0 said so.",
    );
    run("NUL in tags", "<p\0 class=\0>a\0b</p\0><\0div>c</div>");
}

#[test]
fn one_long_line() {
    let sentence = "The committee said on Tuesday that the plan would cost $4 million, according to officials. ";
    let s = sentence.repeat(size(2 * 1024 * 1024) / sentence.len());
    run("2 MB line without newline", &s);
}

#[test]
fn many_one_character_lines() {
    let s = "a\n".repeat(size(200_000));
    run("200,000 one-character lines", &s);
    let s = "A\n\n".repeat(size(100_000));
    run("100,000 capital lines", &s);
}

#[test]
fn deeply_nested_divs() {
    let n = size(100_000);
    let s = format!(
        "{}<p>Deep inside, the mayor said “yes”.</p>{}",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    run("100,000 nested divs", &s);
    run("100,000 unclosed divs", &"<div>".repeat(n));
    run(
        "100,000 stray closing tags",
        &"</div></p></span>".repeat(n / 3),
    );
    let s = format!("<p>{}</p>", "<b><i>x".repeat(n / 4));
    run("inline nesting", &s);
}

#[test]
fn broken_markup() {
    let cases = [
        "<p>one<p>two<div>three</p>four</div></span></b>five",
        "<b><i>misnested</b></i> text <a href='x>y'>link</a",
        "<p class=\"unterminated>text that never ends",
        "<div <p> attribute soup =\"= =' '\"> x </div>",
        "<a href=\"x\"><a href=\"y\">nested links</a></a>",
        "<table><tr><td>cell<td>cell<tr><td>row</table>",
        "<ul><li>one<li>two<ul><li>inner</ul>three",
        "<h1>Title<h2>Sub</h1>Body text.</h2>",
        "<<p>>double<</p>>",
        "<p>unclosed comment <!-- never closed",
        "<p>a</p><!---->b<!--->c<!-- -- -->d",
        "<![CDATA[<p>not a tag</p>]]><p>after</p>",
        "<?xml version=\"1.0\"?><html><body><p>xml</p></body></html>",
        "<svg><text>in svg</text><p>p in svg</svg>",
        "<p>0ༀ<0ༀ<ༀ",
        "<pre>  spaced  \n\n  lines  </pre><pre> </pre><pre>\0 x</pre>",
        "<p>end with lone <",
        "<p>end inside tag <a href=\"é",
        "<p>end inside tag <a href='北",
    ];
    for s in cases {
        run(s, s);
    }
}

#[test]
fn character_references() {
    let s = "<p>&amp; &lt; &gt; &quot; &#39; &nbsp; &#x1F600; &#128512; &#0; &#xD800; &#xDFFF; &#x110000; \
             &#99999999999999999999; &#-1; &#x; &#; &; &bogus; &amp &lt &copy &eacute; &Eacute &rsquo; \
             &mdash; &#x2028; &#13; &#x85; &#65533; &AMP; &ampx; &NotExists;</p>";
    run("character references", s);
    run(
        "many references",
        &"&#x1F600;&amp;&bogus;".repeat(size(50_000)),
    );
}

#[test]
fn hidden_contents() {
    let s = "<html><head><style>p{color:red} </style><script>var s = \"</p><p>not text\"; if (a<b) {}</script>\
             <template><p>template text</p></template></head><body><p>Visible said “yes”.</p>\
             <script>document.write('<p>x</p>')</script><noscript><p>noscript</p></noscript>\
             <style>unclosed style";
    run("script/style/template", s);
    let big = format!(
        "<script>{}</script><p>after</p>",
        "var x = '<p>'; // </scrip\n".repeat(size(20_000))
    );
    run("big script", &big);
    run(
        "unclosed script",
        "<p>before</p><script>never closed <p>inside</p>",
    );
}

#[test]
fn scripts_and_marks() {
    run("RTL", "قال الوزير يوم الاثنين إن المحادثات ستستأنف.\nשר החוץ אמר: «כן».\n\u{202e}reversed\u{202c} \u{200f}mark\u{200e}");
    run(
        "CJK without spaces",
        &"北京市政府周一表示会议将于下周举行据新华社报道".repeat(size(20_000)),
    );
    run(
        "Thai, Devanagari",
        "รัฐมนตรีกล่าวว่า\nमंत्री ने कहा कि बातचीत फिर से शुरू होगी।",
    );
    run(
        "emoji ZWJ",
        &"👩‍👩‍👧‍👦 🏳️‍🌈 🇫🇷🇩🇪 👍🏽 🧑🏿‍🚀 said Anna. ".repeat(size(10_000)),
    );
    run(
        "stacked combining marks",
        &format!(
            "Zalgo{} said: “e{}”",
            "\u{301}\u{302}\u{303}\u{304}\u{305}".repeat(size(20_000)),
            "\u{308}".repeat(1000)
        ),
    );
    run(
        "astral and specials",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u{fffd}\u{fffe}\u{10ffff} \u{e000} ﬁ İ ß Ǆ said Dr. Ω.",
    );
    run(
        "lone surrogate replacement",
        &String::from_utf8_lossy(b"The minister \xed\xa0\x80 said \xff\xfe ok."),
    );
}

#[test]
fn line_endings() {
    run("mixed line endings", "Title\r\nBy Anna Kowalski\rMarch 3, 2024\n\n“Yes,” she said.\r\n\r\n\rShare\u{2028}Tweet\u{2029}Email\u{85}More\x0bx\x0cy");
    let lf = "Headline here\n\nBy Ben Okafor\n\nThe minister said on Monday that talks would resume.\n\n“We are ready,” she said.\n\nShare this article\n";
    let crlf = lf.replace('\n', "\r\n");
    let cr = lf.replace('\n', "\r");
    let opts = Options {
        input: InputHint::Text,
        ..Options::default()
    };
    let decisions = |s: &str| {
        let a = analyze(s, &opts);
        a.blocks
            .iter()
            .map(|b| (a.text[b.start..b.end].to_string(), b.keep, b.reason))
            .collect::<Vec<_>>()
    };
    assert_eq!(decisions(lf), decisions(&crlf));
    assert_eq!(decisions(lf), decisions(&cr));
    run("CRLF", &crlf);
    run("CR only", &cr);
}

#[test]
fn long_word() {
    run("100 KB word", &"x".repeat(size(100 * 1024)));
    run(
        "100 KB capitalised word",
        &format!("A{}", "b".repeat(size(100 * 1024))),
    );
    run(
        "100 KB word in a sentence",
        &format!("He said “{}” on Monday.", "é".repeat(size(50 * 1024))),
    );
    run("100 KB of punctuation", &".“”\"'!?—".repeat(size(10_000)));
    run("100 KB digits", &"1234567890,".repeat(size(10_000)));
}

#[test]
fn tables() {
    let mut tsv = String::from("Name\tParty\tVotes\tShare\n");
    for i in 0..size(20_000) {
        tsv.push_str(&format!(
            "Candidate {i}\tParty {}\t{}\t{}.{}%\n",
            i % 7,
            i * 37,
            i % 100,
            i % 10
        ));
    }
    run("TSV table", &tsv);
    let html: String = (0..size(5_000))
        .map(|i| format!("<tr><td>Row {i}</td><td>{i}</td><td>said</td></tr>"))
        .collect();
    run("HTML table", &format!("<table>{html}</table>"));
}

#[test]
fn many_quotes_and_cues() {
    let s = "“".repeat(size(50_000));
    run("50,000 open quotes", &s);
    let s = "said ".repeat(size(50_000));
    run("50,000 cues", &s);
    let s = "Anna Kowalski said “yes”. ".repeat(size(20_000));
    run("20,000 attributions", &s);
    let s = "Anna Bob Carl Dana Eve Fred Gina Hugo Ivan Jane ".repeat(size(20_000));
    run("200,000 capitalised names", &s);
}

#[test]
fn over_the_limit_is_truncated_with_a_warning() {
    // Blank lines up to the limit (cheap to analyse), then text past it: the text must be
    // cut at the last line break before the limit, with a warning, and nothing after it read.
    let mut s = "\n".repeat(copydesk::MAX_INPUT_BYTES - 10);
    s.push_str("The council said on Monday that the budget would rise by 3%.\n");
    let t = Instant::now();
    let a = analyze(
        &s,
        &Options {
            input: InputHint::Text,
            ..Options::default()
        },
    );
    eprintln!("{} bytes over the limit: {:.2?}", s.len(), t.elapsed());
    assert!(a.text.len() <= copydesk::MAX_INPUT_BYTES);
    assert!(a.text.ends_with('\n'));
    assert!(a.blocks.is_empty(), "nothing past the cut is read");
    assert!(
        a.warnings.iter().any(|w| w.contains("only the first")),
        "{:?}",
        a.warnings
    );
}
