//! HTML input: a small, forgiving tokenizer that turns a page (or a clipboard fragment)
//! into its visible text, one block per block element, with the structure each block sat
//! in (nav, aside, footer, figure, links, class names) as [`Hints`] for the boilerplate
//! stage.
//!
//! Why our own tokenizer rather than html5ever: we need only text, block boundaries and a
//! few ancestor facts, not a DOM; html5ever would add several hundred KB to the page's
//! WASM. The tokenizer never recurses (the open-element stack is a `Vec`), so 100,000
//! nested elements cannot overflow the stack; unclosed and misnested tags are closed the
//! way browsers mostly do (an end tag pops to its matching open element, if any).

use super::{Document, RawBlock};
use crate::model::{BlockKind, InputKind, Span};

/// What the HTML says about one block.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Hints {
    /// The block element's tag name ("p", "h2", "li", "figcaption", ...).
    pub tag: &'static str,
    /// Landmarks among the ancestors, as [`Landmark`] bits.
    pub landmarks: u32,
    /// Bytes of the block's text that sit inside links.
    pub link_bytes: usize,
    /// The innermost block element the text sat in: an index into [`Document::elements`].
    pub element: u32,
    /// Heading depth (1 to 6) when the block is a heading.
    pub heading: u8,
    /// Depth of the element in the tree.
    pub depth: u32,
}

impl Hints {
    pub fn has(&self, l: Landmark) -> bool {
        self.landmarks & (l as u32) != 0
    }
}

/// One element of the page, as far as the boilerplate stage needs it. Elements are in
/// document order, so a parent always comes before its children.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Element {
    /// Index of the parent element, or [`Element::NO_PARENT`].
    pub parent: u32,
    /// Lower-case tag name when it is one the boilerplate stage looks at, else "".
    pub tag: &'static str,
    /// Landmarks of the element and its ancestors, as [`Landmark`] bits.
    pub landmarks: u32,
    /// Byte range of its lower-cased `class`, `id`, `role` and `itemprop` values in
    /// [`Document::names`].
    pub names: (u32, u32),
}

impl Element {
    pub const NO_PARENT: u32 = u32::MAX;
}

/// Ancestors that say what part of a page a block is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum Landmark {
    Nav = 1,
    Header = 2,
    Footer = 4,
    Aside = 8,
    Figure = 16,
    Article = 32,
    Main = 64,
    Form = 128,
    Hidden = 256,
    List = 512,
    Blockquote = 1024,
    Table = 2048,
    Button = 4096,
    Dialog = 8192,
    Link = 16384,
}

/// Elements whose content is never visible text.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "template"
            | "noscript"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "canvas"
            | "select"
            | "textarea"
            | "head"
    )
}

/// Elements that start and end a block, and the other tags the boilerplate stage reads;
/// the `&'static str` lets blocks and elements name their tag without allocating.
const KNOWN: &[(&str, bool)] = &[
    ("p", true),
    ("div", true),
    ("h1", true),
    ("h2", true),
    ("h3", true),
    ("h4", true),
    ("h5", true),
    ("h6", true),
    ("li", true),
    ("dt", true),
    ("dd", true),
    ("blockquote", true),
    ("pre", true),
    ("figcaption", true),
    ("caption", true),
    ("td", true),
    ("th", true),
    ("tr", true),
    ("table", true),
    ("ul", true),
    ("ol", true),
    ("dl", true),
    ("section", true),
    ("article", true),
    ("aside", true),
    ("header", true),
    ("footer", true),
    ("nav", true),
    ("main", true),
    ("figure", true),
    ("form", true),
    ("fieldset", true),
    ("legend", true),
    ("address", true),
    ("details", true),
    ("summary", true),
    ("hr", true),
    ("br", true),
    ("body", true),
    ("html", true),
    ("title", true),
    ("label", true),
    ("button", true),
    ("option", true),
    ("center", true),
    ("dialog", true),
    ("menu", true),
    ("a", false),
    ("span", false),
    ("time", false),
    ("b", false),
    ("strong", false),
    ("em", false),
    ("i", false),
    ("picture", false),
    ("img", false),
    ("input", false),
];

/// (the tag's static name or "", whether it starts and ends a block).
fn known(name: &str) -> (&'static str, bool) {
    KNOWN
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(("", false), |&(n, b)| (n, b))
}

/// Elements with no end tag.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

struct Open {
    name: String,
    block: bool,
    landmarks: u32,
    element: u32,
}

struct Builder {
    text: String,
    blocks: Vec<RawBlock>,
    /// Start of the current block in `text`, and where its element began in the input.
    block_start: usize,
    block_source: usize,
    link_bytes: usize,
    pending_space: bool,
}

impl Builder {
    fn push_text(&mut self, s: &str, in_link: bool, pre: bool) {
        // Fast path for the common run of plain words: copy whole runs at once.
        let mut rest = s;
        while !rest.is_empty() {
            let run = rest
                .bytes()
                .position(|c| c.is_ascii_whitespace() || c == 0 || c == b'\r' || c >= 0x80)
                .unwrap_or(rest.len());
            if run > 0 {
                if self.pending_space && self.text.len() > self.block_start {
                    self.text.push(' ');
                }
                self.pending_space = false;
                self.text.push_str(&rest[..run]);
                if in_link {
                    self.link_bytes += run;
                }
                rest = &rest[run..];
                continue;
            }
            let c = rest.chars().next().unwrap_or(' ');
            rest = &rest[c.len_utf8()..];
            if (c.is_whitespace() && !pre) || (c == '\n' && pre) {
                self.pending_space = true;
                continue;
            }
            if self.pending_space && self.text.len() > self.block_start {
                self.text.push(' ');
            }
            self.pending_space = false;
            if c == '\u{0}' || c == '\r' {
                continue;
            }
            self.text.push(c);
            if in_link {
                self.link_bytes += c.len_utf8();
            }
        }
    }

    /// Ends the current block, if it has text, with the hints of the stack as it is.
    fn flush(&mut self, stack: &[Open], end_in_input: usize, tag: Option<&'static str>) {
        self.pending_space = false;
        // Preformatted text keeps its spaces; a block never ends (or starts) with one.
        let trimmed = self.text[self.block_start..].trim_end().len();
        self.text.truncate(self.block_start + trimmed);
        if self.text.len() > self.block_start {
            let rest = &self.text[self.block_start..];
            self.block_start += rest.len() - rest.trim_start().len();
            let inner = stack.iter().rev().find(|o| o.block);
            let tag = tag
                .or_else(|| inner.map(|o| known(&o.name).0))
                .unwrap_or("");
            let heading = match tag.as_bytes() {
                [b'h', d @ b'1'..=b'6'] => d - b'0',
                _ => 0,
            };
            let landmarks = stack.last().map_or(0, |o| o.landmarks);
            let kind = if heading > 0 {
                BlockKind::Heading
            } else {
                match tag {
                    "li" | "dt" | "dd" => BlockKind::ListItem,
                    "blockquote" => BlockKind::Quote,
                    "figcaption" | "caption" => BlockKind::Caption,
                    "pre" => BlockKind::Preformatted,
                    "td" | "th" => BlockKind::TableCell,
                    "p" => BlockKind::Paragraph,
                    _ if landmarks & Landmark::Blockquote as u32 != 0 => BlockKind::Quote,
                    _ => BlockKind::Other,
                }
            };
            let span = Span(self.block_start, self.text.len());
            self.blocks.push(RawBlock {
                span,
                kind,
                source: Some(Span(self.block_source, end_in_input.max(self.block_source))),
                html: Some(Hints {
                    tag,
                    landmarks,
                    link_bytes: self.link_bytes,
                    element: inner.map_or(Element::NO_PARENT, |o| o.element),
                    heading,
                    depth: stack.len() as u32,
                }),
            });
            self.text.push('\n');
        }
        self.block_start = self.text.len();
        self.link_bytes = 0;
    }
}

/// Reads an HTML page or fragment.
pub fn read(input: &str) -> Document {
    let mut b = Builder {
        text: String::with_capacity(input.len() / 4),
        blocks: Vec::new(),
        block_start: 0,
        block_source: 0,
        link_bytes: 0,
        pending_space: false,
    };
    let mut stack: Vec<Open> = Vec::new();
    let mut elements: Vec<Element> = Vec::new();
    let mut names = String::new();
    let mut html_title: Option<String> = None;
    let mut links = 0u32;
    let mut pre = 0u32;
    let bytes = input.as_bytes();
    let mut pos = 0;
    let mut name_buf = String::new();

    while pos < input.len() {
        let Some(lt) = memchr_lt(bytes, pos) else {
            b.push_text(&decode_entities(&input[pos..]), links > 0, pre > 0);
            break;
        };
        if lt > pos {
            b.push_text(&decode_entities(&input[pos..lt]), links > 0, pre > 0);
        }
        let rest = &input[lt..];
        if rest.starts_with("<!--") {
            pos = rest.find("-->").map_or(input.len(), |i| lt + i + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            pos = rest.find('>').map_or(input.len(), |i| lt + i + 1);
            continue;
        }
        let closing = bytes.get(lt + 1) == Some(&b'/');
        let name_start = lt + 1 + closing as usize;
        let name_len = input[name_start..]
            .bytes()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b':')
            .count();
        if name_len == 0 {
            // A lone '<' is text.
            b.push_text("<", links > 0, pre > 0);
            pos = lt + 1;
            continue;
        }
        name_buf.clear();
        name_buf.push_str(&input[name_start..name_start + name_len]);
        name_buf.make_ascii_lowercase();
        let name = name_buf.as_str();
        let tag_end = find_tag_end(input, name_start + name_len);
        // Without its '>' (an unclosed tag at the end) the attributes run to the end.
        let attrs_end = tag_end - usize::from(input.as_bytes()[tag_end - 1] == b'>');
        let attrs = &input[name_start + name_len..attrs_end.max(name_start + name_len)];
        pos = tag_end;
        let (static_name, is_block) = known(name);

        if closing {
            let Some(i) = stack.iter().rposition(|o| o.name == name) else {
                continue;
            };
            if is_block || stack[i + 1..].iter().any(|o| o.block) {
                let tag = if is_block { Some(static_name) } else { None };
                b.flush(&stack, pos, tag);
                b.block_source = pos;
            }
            for o in stack.drain(i..) {
                if o.name == "a" {
                    links = links.saturating_sub(1);
                }
                if o.name == "pre" {
                    pre = pre.saturating_sub(1);
                }
            }
            continue;
        }

        // `<svg/>` and `<math/>` are foreign content, where a self-closing tag is closed.
        let foreign_closed = matches!(name, "svg" | "math") && attrs.trim_end().ends_with('/');
        if is_skipped(name) && !foreign_closed {
            let end = find_end_tag(input, pos, name);
            if name == "head" {
                // The <title> inside <head> is a hint for the headline.
                let head = &input[pos..end.0];
                if html_title.is_none() {
                    html_title = extract_title(head);
                }
            }
            pos = end.1;
            continue;
        }
        if name == "title" {
            let end = find_end_tag(input, pos, "title");
            if html_title.is_none() {
                let t = collapse(&decode_entities(&input[pos..end.0]));
                if !t.is_empty() {
                    html_title = Some(t);
                }
            }
            pos = end.1;
            continue;
        }

        if is_block {
            b.flush(&stack, lt, None);
            b.block_source = lt;
        }
        if is_void(name) || foreign_closed {
            continue;
        }
        let parent = stack.last();
        let names_start = names.len();
        // The attributes lower-cased once, for every look-up below (each lower-cased them
        // again: most of the reader's time on pages with long attributes).
        let lower_attrs = attrs.to_ascii_lowercase();
        // Where each attribute the reader asks for is set, found in one pass.
        let found = if attrs.is_empty() {
            [None; READ_ATTRS.len()]
        } else {
            value_starts(&lower_attrs, READ_ATTRS)
        };
        if !attrs.is_empty() {
            for at in found[..NAME_ATTRS].iter().flatten() {
                names.push(' ');
                names.push_str(&value_at(attrs, *at));
            }
            names[names_start..].make_ascii_lowercase();
        }
        let landmarks = parent.map_or(0, |o| o.landmarks) | landmark_of(name, &lower_attrs, &found);
        elements.push(Element {
            parent: parent.map_or(Element::NO_PARENT, |o| o.element),
            tag: static_name,
            landmarks,
            names: (names_start as u32, names.len() as u32),
        });
        if name == "a" {
            links += 1;
        }
        if name == "pre" {
            pre += 1;
        }
        stack.push(Open {
            name: name.to_string(),
            block: is_block,
            landmarks,
            element: (elements.len() - 1) as u32,
        });
    }
    b.flush(&stack, input.len(), None);
    if b.text.ends_with('\n') {
        b.text.pop();
    }
    let mut warnings = Vec::new();
    if b.blocks.is_empty() && !input.trim().is_empty() {
        warnings.push("the HTML has no visible text".to_string());
    }
    Document {
        kind: InputKind::Html,
        text: b.text,
        blocks: b.blocks,
        html_title,
        warnings,
        elements,
        names,
    }
}

/// The next `<` at or after `from`.
fn memchr_lt(bytes: &[u8], from: usize) -> Option<usize> {
    find_bytes(bytes, from, [b'<'; 3])
}

/// Bytes at once, for [`find_bytes`]: a byte repeated is `ONES * byte`.
const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Where `word` (8 bytes, little-endian) holds `byte`, as the high bit of those bytes. Exact
/// for the first (lowest) such byte; a byte above it may be marked wrongly (a borrow), so
/// only the lowest mark is read.
#[inline]
fn marks(word: u64, byte: u8) -> u64 {
    let w = word ^ (ONES * u64::from(byte));
    w.wrapping_sub(ONES) & !w & HIGH_BITS
}

/// The first of the bytes `any` at or after `from`, read 8 bytes at a time (the pages are
/// mostly markup and scripts: a byte-by-byte search was much of the reader's time). The
/// lowest mark of the three is a true one: each byte's marks are exact up to its first.
fn find_bytes(bytes: &[u8], from: usize, any: [u8; 3]) -> Option<usize> {
    let mut i = from;
    while let Some(eight) = bytes.get(i..i + 8) {
        let w = u64::from_le_bytes(eight.try_into().expect("8 bytes"));
        let m = marks(w, any[0]) | marks(w, any[1]) | marks(w, any[2]);
        if m != 0 {
            return Some(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes
        .get(i..)?
        .iter()
        .position(|c| any.contains(c))
        .map(|p| i + p)
}

/// The byte after the `>` that ends a tag whose name ends at `from`, skipping quoted
/// attribute values.
fn find_tag_end(input: &str, from: usize) -> usize {
    let bytes = input.as_bytes();
    let mut i = from;
    // Outside quotes the next quote mark or `>` decides; inside, the closing quote mark.
    while let Some(at) = find_bytes(bytes, i, [b'"', b'\'', b'>']) {
        let c = bytes[at];
        if c == b'>' {
            return at + 1;
        }
        match find_bytes(bytes, at + 1, [c; 3]) {
            Some(close) => i = close + 1,
            None => break,
        }
    }
    bytes.len()
}

/// (start of `</name`, byte after its `>`) from `from`, case-insensitively; the end of the
/// input when there is none.
fn find_end_tag(input: &str, from: usize, name: &str) -> (usize, usize) {
    let bytes = input.as_bytes();
    let mut i = from;
    // The next `</`: the next `<`, until one is followed by `/`.
    while let Some(at) = std::iter::successors(memchr_lt(bytes, i), |&lt| memchr_lt(bytes, lt + 1))
        .find(|&lt| bytes.get(lt + 1) == Some(&b'/'))
    {
        let n = &bytes[at + 2..(at + 2 + name.len()).min(bytes.len())];
        if n.eq_ignore_ascii_case(name.as_bytes()) {
            return (at, find_tag_end(input, at + 2 + name.len()));
        }
        i = at + 2;
    }
    (input.len(), input.len())
}

fn extract_title(head: &str) -> Option<String> {
    let lower = head.to_ascii_lowercase();
    let s = lower.find("<title")?;
    let open_end = find_tag_end(head, s + 6);
    let (end, _) = find_end_tag(head, open_end, "title");
    let t = collapse(&decode_entities(&head[open_end..end]));
    (!t.is_empty()).then_some(t)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The value of attribute `key` in a tag's attribute text.
pub fn attr(attrs: &str, key: &str) -> Option<String> {
    attr_in(attrs, &attrs.to_ascii_lowercase(), key)
}

/// The attributes the reader looks at in every tag, in the order of [`value_starts`]'s
/// answer: first the [`NAME_ATTRS`] whose values make an element's names (class and id
/// say "comments", "article-body"), then those [`landmark_of`] reads.
const READ_ATTRS: [&str; 7] = [
    "class",
    "id",
    "role",
    "itemprop",
    "hidden",
    "aria-hidden",
    "style",
];
/// How many of [`READ_ATTRS`] make an element's names.
const NAME_ATTRS: usize = 4;
/// Where in [`READ_ATTRS`] [`landmark_of`]'s attributes are.
const ROLE: usize = 2;
const HIDDEN: usize = 4;
const ARIA_HIDDEN: usize = 5;
const STYLE: usize = 6;

/// For each of `keys`, where [`attr_in`] finds its value in the lower-cased attribute text
/// `lower`: the first place the key starts the text or follows white space and is followed
/// by `=` (white space around it allowed), as the byte after the `=` and its white space.
/// One pass over the text for all keys, instead of a search per key (each search read the
/// whole text again, and a long `style` or `srcset` made that most of the reader's time).
/// The keys start with a letter and none overlaps itself, so the places looked at are the
/// same ones [`attr_in`] takes in turn.
fn value_starts<const N: usize>(lower: &str, keys: [&str; N]) -> [Option<usize>; N] {
    let b = lower.as_bytes();
    let mut out = [None; N];
    let mut missing = N;
    let mut after_space = true;
    for p in 0..b.len() {
        let space = b[p].is_ascii_whitespace();
        if after_space && !space {
            for (k, key) in keys.iter().enumerate() {
                // The first letter first: most words start no key.
                let key = key.as_bytes();
                if b[p] != key[0] || out[k].is_some() || !b[p..].starts_with(key) {
                    continue;
                }
                let Some(i) = value_after_key(b, p + key.len()) else {
                    continue;
                };
                out[k] = Some(i);
                missing -= 1;
            }
            if missing == 0 {
                break;
            }
        }
        after_space = space;
    }
    out
}

/// Where the value starts when a key ends at byte `i` of the attribute text `b`: after
/// `=` and the white space around it; `None` when no `=` follows.
fn value_after_key(b: &[u8], mut i: usize) -> Option<usize> {
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    if b.get(i) != Some(&b'=') {
        return None;
    }
    i += 1;
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    Some(i)
}

/// The value that starts at byte `i` of the attribute text `attrs` (as [`value_starts`]
/// says), decoded: quoted, or up to white space or `>`.
fn value_at(attrs: &str, i: usize) -> String {
    let bytes = attrs.as_bytes();
    let value = match bytes.get(i) {
        Some(&q @ (b'"' | b'\'')) => {
            let end = find_bytes(bytes, i + 1, [q; 3]).unwrap_or(attrs.len());
            &attrs[i + 1..end]
        }
        Some(_) => {
            let end = attrs[i..]
                .find(|c: char| c.is_ascii_whitespace() || c == '>')
                .map_or(attrs.len(), |e| i + e);
            &attrs[i..end]
        }
        None => "",
    };
    decode_entities(value).into_owned()
}

/// [`attr`], given the attribute text lower-cased (`lower`, ASCII only: the same byte
/// positions).
fn attr_in(attrs: &str, lower: &str, key: &str) -> Option<String> {
    // Most tags lack most keys: `contains` says so in one vectorised pass, where the loop's
    // `find` would read the text with a slower searcher.
    if !lower.contains(key) {
        return None;
    }
    let bytes = attrs.as_bytes();
    let mut from = 0;
    while let Some(off) = lower[from..].find(key) {
        let at = from + off;
        from = at + key.len();
        if at > 0 && !bytes[at - 1].is_ascii_whitespace() {
            continue;
        }
        if let Some(i) = value_after_key(bytes, at + key.len()) {
            return Some(value_at(attrs, i));
        }
    }
    None
}

/// `lower`: `attrs` lower-cased (ASCII).
/// The landmarks of a tag `name` with the lower-cased attribute text `lower`, where
/// [`value_starts`] found the [`READ_ATTRS`] at `found`.
fn landmark_of(name: &str, lower: &str, found: &[Option<usize>; READ_ATTRS.len()]) -> u32 {
    let mut l = match name {
        "nav" | "menu" => Landmark::Nav as u32,
        "header" => Landmark::Header as u32,
        "footer" => Landmark::Footer as u32,
        "aside" => Landmark::Aside as u32,
        "figure" | "picture" => Landmark::Figure as u32,
        "article" => Landmark::Article as u32,
        "main" => Landmark::Main as u32,
        "form" => Landmark::Form as u32,
        "ul" | "ol" | "dl" => Landmark::List as u32,
        "blockquote" => Landmark::Blockquote as u32,
        "table" => Landmark::Table as u32,
        "button" => Landmark::Button as u32,
        "dialog" => Landmark::Dialog as u32,
        "a" => Landmark::Link as u32,
        _ => 0,
    };
    if !lower.is_empty() {
        // (Asked of the lower-cased text, values included, as it always was.)
        let attr = |k: usize| found[k].map(|at| value_at(lower, at));
        let hidden = found[HIDDEN].is_some()
            || lower.split_whitespace().any(|w| w == "hidden")
            || attr(ARIA_HIDDEN).is_some_and(|v| v == "true")
            || attr(STYLE).is_some_and(|s| {
                let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
                s.contains("display:none") || s.contains("visibility:hidden")
            });
        if hidden {
            l |= Landmark::Hidden as u32;
        }
        match attr(ROLE).as_deref() {
            Some("navigation" | "menu" | "menubar") => l |= Landmark::Nav as u32,
            Some("banner") => l |= Landmark::Header as u32,
            Some("contentinfo") => l |= Landmark::Footer as u32,
            Some("complementary") => l |= Landmark::Aside as u32,
            Some("main") => l |= Landmark::Main as u32,
            Some("article") => l |= Landmark::Article as u32,
            Some("dialog" | "alertdialog") => l |= Landmark::Dialog as u32,
            _ => {}
        }
    }
    l
}

/// Decodes character references: the common named ones, and numeric ones. Bogus or
/// unknown references are left as written.
pub fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map_or(rest.len(), |e| e + 1);
        let name = &rest[1..end];
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
                u32::from_str_radix(hex, 16).ok()
            } else {
                num.parse::<u32>().ok()
            };
            code.map(|c| match c {
                0 => '\u{fffd}',
                0x80..=0x9f => windows_1252(c),
                _ => char::from_u32(c).unwrap_or('\u{fffd}'),
            })
        } else {
            named_entity(name)
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end..];
                if rest.starts_with(';') {
                    rest = &rest[1..];
                }
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

fn windows_1252(c: u32) -> char {
    const TABLE: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    TABLE[(c - 0x80) as usize]
}

/// The named character references that occur in news pages.
fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "shy" => '\u{ad}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "hellip" => '…',
        "bull" => '•',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "deg" => '°',
        "times" => '×',
        "divide" => '÷',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "aacute" => 'á',
        "agrave" => 'à',
        "acirc" => 'â',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        "ccedil" => 'ç',
        "ntilde" => 'ñ',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "ograve" => 'ò',
        "igrave" => 'ì',
        "ugrave" => 'ù',
        "thinsp" => '\u{2009}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "zwj" => '\u{200d}',
        "zwnj" => '\u{200c}',
        "lrm" => '\u{200e}',
        "rlm" => '\u{200f}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_found_eight_at_a_time_as_one_at_a_time() {
        let text = "ab<c>d\"e'f</g>h<<<i\u{e9}\u{5317}\u{1F642}'\">>x\"y</z".repeat(3);
        let b = text.as_bytes();
        for any in [
            [b'<'; 3],
            [b'"', b'\'', b'>'],
            [b'/'; 3],
            [b'q'; 3],
            [0x80; 3],
            [0xE9; 3],
        ] {
            for from in 0..=b.len() {
                let plain = b[from..]
                    .iter()
                    .position(|c| any.contains(c))
                    .map(|p| from + p);
                assert_eq!(find_bytes(b, from, any), plain, "{any:?} {from}");
            }
        }
        // Every byte value, before and after the one looked for (borrows across bytes).
        for x in 0..=255u8 {
            for y in [
                0u8,
                1,
                0x7F,
                0x80,
                0xFF,
                x.wrapping_sub(1),
                x.wrapping_add(1),
            ] {
                let mut b = vec![y; 20];
                b[11] = x;
                let plain = b.iter().position(|&c| c == x);
                assert_eq!(find_bytes(&b, 0, [x; 3]), plain, "{x} {y}");
            }
        }
    }

    #[test]
    fn tag_ends_skip_quoted_values() {
        let plain = |input: &str, from: usize| {
            let bytes = input.as_bytes();
            let mut quote = 0u8;
            for (i, &c) in bytes.iter().enumerate().skip(from) {
                if quote != 0 {
                    if c == quote {
                        quote = 0;
                    }
                } else if c == b'"' || c == b'\'' {
                    quote = c;
                } else if c == b'>' {
                    return i + 1;
                }
            }
            bytes.len()
        };
        for s in [
            "<a href=\"x>y\" title='z\"w>'>text",
            "<p class=\"unclosed>",
            "<img alt='Zoë’s > café'>",
            "<div>",
            "<br",
            "<x a=\"1\"b='2'c=3>",
            "<x data-q=\"'\">'>",
        ] {
            for from in 0..=s.len() {
                assert_eq!(find_tag_end(s, from), plain(s, from), "{s:?} {from}");
            }
        }
    }

    #[test]
    fn attributes_found_in_one_pass_as_one_search_each_finds_them() {
        for attrs in [
            "",
            " class=\"Story-Body article\" id='main'",
            " data-x=\"a id=foo\" id = bar",
            " CLASS = \"x\"  ROLE=Navigation hidden",
            " hidden=\"\" aria-hidden=\"TRUE\" style=\"display: none\"",
            " xclass=\"no\" class",
            " class=",
            " class =  ",
            " style=\"color:red\"\tclass=x\nid=y role=main itemprop=articleBody",
            " aria-hidden=false hidden style='visibility : hidden'",
            " title=\"Zoë’s class=üñï\" class=\"café 北京 🙂\" id=a&amp;b",
            " class=a class=b id=c id=d",
            " itemprop itemprop=name role=",
        ] {
            let lower = attrs.to_ascii_lowercase();
            let found = value_starts(&lower, READ_ATTRS);
            for (k, key) in READ_ATTRS.iter().enumerate() {
                assert_eq!(
                    found[k].map(|at| value_at(attrs, at)),
                    attr_in(attrs, &lower, key),
                    "{attrs:?} {key}"
                );
                assert_eq!(
                    found[k].map(|at| value_at(&lower, at)),
                    attr_in(&lower, &lower, key),
                    "{attrs:?} {key}"
                );
            }
        }
    }

    fn blocks(html: &str) -> Vec<String> {
        let d = read(html);
        d.blocks
            .iter()
            .map(|b| d.text[b.span.0..b.span.1].to_string())
            .collect()
    }

    #[test]
    fn paragraphs_become_blocks() {
        let html = "<html><head><title>T &amp; U</title><style>p{}</style></head><body>\
                    <nav><a href=/>Home</a></nav><article><h1>Head</h1><p>One <b>two</b>\n three.</p>\
                    <p>Four&nbsp;five &#8220;six&#x201D;</p></article><script>var x=1</script></body></html>";
        assert_eq!(
            blocks(html),
            ["Home", "Head", "One two three.", "Four five “six”"]
        );
        let d = read(html);
        assert_eq!(d.html_title.as_deref(), Some("T & U"));
        let nav = d.blocks[0].html.as_ref().unwrap();
        assert!(nav.has(Landmark::Nav));
        assert_eq!(nav.link_bytes, 4);
        assert_eq!(d.blocks[1].kind, BlockKind::Heading);
    }

    #[test]
    fn misnested_and_unclosed_tags_keep_text() {
        assert_eq!(blocks("<p>a <b>b <i>c</b> d</i><p>e"), ["a b c d", "e"]);
        assert_eq!(blocks("<div>x < y & z</div>"), ["x < y & z"]);
        assert_eq!(
            blocks("<p>&bogus; &#99999999; &</p>"),
            ["&bogus; \u{fffd} &"]
        );
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let html = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
        assert_eq!(blocks(&html), ["deep"]);
    }

    #[test]
    fn hidden_and_template_content() {
        let d = read("<template><p>t</p></template><div hidden><p>h</p></div><p style=\"display: none\">n</p><p>v</p>");
        let texts: Vec<_> = d
            .blocks
            .iter()
            .map(|b| &d.text[b.span.0..b.span.1])
            .collect();
        assert_eq!(texts, ["h", "n", "v"]);
        assert!(d.blocks[0].html.as_ref().unwrap().has(Landmark::Hidden));
        assert!(d.blocks[1].html.as_ref().unwrap().has(Landmark::Hidden));
    }
}
