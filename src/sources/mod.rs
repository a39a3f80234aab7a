//! Stage 5: sources. Finds attributions (who said, reported or claimed what) in the
//! analysed sentences: a cue (a reporting verb, "according to", a headline dash or colon),
//! the source noun phrase, and the content. Types the source and links it to an entity
//! group; resolves pronoun sources to the nearest compatible person or group.
//!
//! Works on the whole text at once, not sentence by sentence: a quote may run over several
//! sentences or paragraphs, and a quote split by "he said" continues after the cue.
//! Cues inside quote marks are the quoted speaker's words and are left alone.
//!
//! Hands on attributions in order of position; every span lies inside one block, except
//! the content of a quote that runs over several paragraphs (its parts each lie in one).

pub mod cues;
mod learned;
mod quotes;

use crate::entities::Found;
use crate::model::{Attribution, AttributionKind, EntityType, SourceType, Span};
use crate::tokens::{simple_case, Token, Tokenized};
use cues::{CueKind, CueMatch, Cues};
use quotes::Quotes;

/// The text as the stage reads it: tokens, their words, and where quotes open and close.
struct Doc<'a> {
    text: &'a str,
    toks: &'a [Token],
    words: Vec<&'a str>,
    /// The words lower-cased: the word itself when already lower case, else its copy in
    /// one buffer shared by all words (see [`lower_case`]).
    lower: Vec<&'a str>,
    tokenized: &'a Tokenized,
    quotes: Quotes,
    /// Per token: the first and one-past-last token of its sentence, side by side (one
    /// look-up reads both) and in 32 bits (token numbers fit them: the input is at most
    /// [`crate::MAX_INPUT_BYTES`]).
    bounds: Vec<(u32, u32)>,
}

impl Doc<'_> {
    fn span(&self, from: usize, to: usize) -> Span {
        Span(self.toks[from].span.0, self.toks[to - 1].span.1)
    }
    /// First and one-past-last token of the sentence holding token `i`.
    /// Also splits where the tokenizer could not: a full stop outside quotes before a
    /// straight quote mark (`… he said. "Next …`).
    fn sentence(&self, i: usize) -> (usize, usize) {
        let (start, end) = self.bounds[i];
        (start as usize, end as usize)
    }
    fn block(&self, i: usize) -> usize {
        self.tokenized.sentences[self.toks[i].sentence].block
    }
    fn is_word(&self, i: usize) -> bool {
        self.words[i]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    }
    fn capitalized(&self, i: usize) -> bool {
        self.words[i].chars().next().is_some_and(char::is_uppercase)
    }
    fn is_comma(&self, i: usize) -> bool {
        matches!(self.words[i], "," | "—" | "–" | "--")
    }
    fn is_end(&self, i: usize) -> bool {
        matches!(self.words[i], "." | "!" | "?" | ";" | "…")
    }
}

/// Words that make the next word a noun: determiners and possessives.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "'s", "’s", "these",
    "those", "this", "no", "any", "every", "each", "such", "of", "for", "rare", "new",
];

/// A sentence longer than this many tokens (a list, a page without full stops) is cut
/// after its next comma, and at twice this many tokens in any case, so that no claim runs
/// over more than a bounded stretch and the stage's time stays linear in the input.
const LONG_SENTENCE: usize = 300;

/// Sentence bounds per token: the tokenizer's sentences, also split where it could not: a
/// full stop outside quotes before a straight quote mark (`… he said. "Next …`), and
/// over-long sentences ([`LONG_SENTENCE`]).
fn sentence_bounds(doc: &mut Doc) {
    let n = doc.toks.len();
    let mut bounds = vec![(0u32, 0u32); n];
    for (t0, t1) in question_quotes_joined(doc) {
        let mut from = t0;
        for j in t0..t1 {
            let long = j + 1 - from;
            let split = j + 1 < t1
                && (matches!(doc.words[j], "." | "!" | "?")
                    && !doc.quotes.inside(j)
                    && doc.quotes.opens(j + 1)
                    || long >= LONG_SENTENCE && matches!(doc.words[j], "," | ";" | ":")
                    || long >= 2 * LONG_SENTENCE);
            if split || j + 1 == t1 {
                bounds[from..=j].fill((from as u32, (j + 1) as u32));
                from = j + 1;
            }
        }
    }
    doc.bounds = bounds;
}

/// The tokenizer's sentences as token ranges, where a quote that ends with a question or
/// exclamation mark is joined to the sentence after it when that one opens with its
/// speech cue (`“Why not?” Trump said.`, `“Great!” beamed Smith.`): the tokenizer ends a
/// sentence at `?”`, the stage reads quote and cue as one.
fn question_quotes_joined(doc: &Doc) -> Vec<(usize, usize)> {
    let cues = cues::get();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(doc.tokenized.sentences.len());
    for s in &doc.tokenized.sentences {
        let (t0, t1) = s.tokens;
        let joins = out.last().is_some_and(|&(p0, p1)| {
            p1 == t0
                && p1 >= p0 + 3
                && t1 > t0
                && doc.quotes.closes(p1 - 1)
                && matches!(doc.words[p1 - 2], "?" | "!")
                && doc.block(p1 - 1) == doc.block(t0)
                && !doc.quotes.opens(t0)
                // The cue within the first few words, before any other punctuation.
                && (t0..t1.min(t0 + 6))
                    .take_while(|&j| doc.is_word(j) || matches!(doc.words[j], "'s" | "’s"))
                    .any(|j| {
                        cues.match_at(&doc.lower, j).is_some_and(|m| m.speech)
                            && !doc.capitalized(j)
                    })
        });
        match out.last_mut() {
            Some(last) if joins => last.1 = t1,
            _ => out.push((t0, t1)),
        }
    }
    out
}

/// One attribution while it is being built (token indexes).
#[derive(Debug, Clone)]
struct Found1 {
    source: Option<(usize, usize)>,
    cue: (usize, usize),
    parts: Vec<(usize, usize)>,
    /// Content after the cue that a later attribution of the same sentence may cut.
    content_after: bool,
    /// A speech cue (said, told, according to) rather than a stance or evidence verb.
    speech: bool,
}

/// Finds the attributions of the tokenized text.
/// The lower-cased copies of the words that are not lower case already, in one buffer:
/// one allocation for the whole text instead of one per capitalised word (allocating and
/// freeing them was a third of the stage's time).
struct Lowered {
    buffer: String,
    /// The words that have a copy, in order: the word's index and its copy's range in
    /// `buffer`. Only these (a capitalised word, a word in another script with capitals)
    /// are listed: every other word is its own lower case.
    copies: Vec<(usize, usize, usize)>,
}

fn lower_case(words: &[&str]) -> Lowered {
    let mut buffer = String::new();
    let mut copies = Vec::new();
    for (i, &w) in words.iter().enumerate() {
        if !w.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
            continue;
        }
        let start = buffer.len();
        if w.is_ascii() {
            // The same lower case for ASCII words, without the Unicode table: the word
            // copied at once and lower-cased in place.
            buffer.push_str(w);
            buffer[start..].make_ascii_lowercase();
        } else if has_capital_sigma(w) {
            // The whole word at once: `str::to_lowercase` reads a final sigma as `ς`.
            buffer.push_str(&w.to_lowercase());
        } else if is_own_lower_case(w) {
            // Already lower case ("café", "—", "’s", "“"): the word itself, nothing copied.
            continue;
        } else {
            // Character by character, as `str::to_lowercase` does but for the sigma, the
            // letters news text is full of without the Unicode table (a binary search
            // per character, and a string per word, were a fifth of the stage's time).
            for c in w.chars() {
                match simple_case(c) {
                    Some((lower, _)) => buffer.push(lower),
                    None => buffer.extend(c.to_lowercase()),
                }
            }
        }
        copies.push((i, start, buffer.len()));
    }
    Lowered { buffer, copies }
}

/// Whether every character of `w` (holding no `Σ`) is its own lower case, as
/// `str::to_lowercase` has it: read without writing a copy, for the words outside ASCII
/// that hold no capital (curly quotes, dashes, accented lower-case words).
fn is_own_lower_case(w: &str) -> bool {
    w.chars().all(|c| match simple_case(c) {
        Some((lower, _)) => lower == c,
        None => {
            let mut l = c.to_lowercase();
            l.next() == Some(c) && l.next().is_none()
        }
    })
}

/// Whether `w` holds `Σ` (U+03A3, bytes CE A3: in valid UTF-8 they are that character
/// and nothing else), without encoding the character for a substring search per word.
fn has_capital_sigma(w: &str) -> bool {
    w.as_bytes().windows(2).any(|p| p == [0xCE, 0xA3])
}

impl Lowered {
    /// Each word lower-cased: the word itself, or its copy.
    fn words<'a>(&'a self, words: &[&'a str]) -> Vec<&'a str> {
        let mut lower = words.to_vec();
        for &(i, a, b) in &self.copies {
            lower[i] = &self.buffer[a..b];
        }
        lower
    }
}

pub fn find(text: &str, tokenized: &Tokenized, found: &Found) -> Vec<Attribution> {
    let toks = &tokenized.tokens[..];
    let words: Vec<&str> = toks.iter().map(|t| &text[t.span.0..t.span.1]).collect();
    let lowered = lower_case(&words);
    let lower = lowered.words(&words);
    let quotes = Quotes::new(text, tokenized, &words);
    let mut doc = Doc {
        text,
        toks,
        words,
        lower,
        tokenized,
        quotes,
        bounds: Vec::new(),
    };
    sentence_bounds(&mut doc);
    let cues = cues::get();
    let mut raw: Vec<Found1> = Vec::new();
    // Headlines first: a "Claim – Source" line holds no other attribution.
    headlines(&doc, &mut raw);
    let headline_end = raw
        .iter()
        .map(|a| doc.sentence(a.cue.0).1)
        .max()
        .unwrap_or(0);
    speaker_labels(&doc, &mut raw);
    let mut i = 0;
    while i < toks.len() {
        if doc.quotes.inside(i) || i < headline_end && doc.block(i) == 0 {
            i += 1;
            continue;
        }
        let Some(m) = cues.match_at(&doc.lower, i) else {
            i += 1;
            continue;
        };
        let a = match m.kind {
            CueKind::According => according(&doc, i, m),
            CueKind::Verb => verb(&doc, i, m, cues, &raw),
        };
        if let Some(a) = a {
            raw.push(a);
            i += m.len;
        } else {
            i += 1;
        }
    }
    cut_at_next(&doc, &mut raw);
    raw.retain(|a| !a.parts.is_empty());
    if learned::NESTED_STANCES_DROPPED {
        drop_nested_stances(&mut raw);
    }
    crate::stable_sort::by_key(&mut raw, |a| (a.parts[0].0, a.cue.0));
    let mut out = Vec::with_capacity(raw.len());
    let mut agencies = None;
    for a in raw {
        let mut at = build(&doc, &a);
        type_source(&doc, &mut at, found, cues, &mut agencies);
        out.push(at);
    }
    out
}

/// The organisations the article names that are news agencies, in order of position, as
/// (start, end, group): worked out once per document, on first need.
fn news_agencies(found: &Found, cues: &Cues) -> Vec<(usize, usize, usize)> {
    let agency: Vec<bool> = found
        .groups
        .iter()
        .map(|g| cues.source_type(&g.name.to_lowercase(), Some(g.kind)) == SourceType::NewsAgency)
        .collect();
    found
        .entities
        .iter()
        .filter(|e| e.kind == EntityType::Org && agency[e.group])
        .map(|e| (e.start, e.end, e.group))
        .collect()
}

/// "according to X, Y", "Y, according to X" and "Y, according to X, Z".
fn according(doc: &Doc, i: usize, m: CueMatch) -> Option<Found1> {
    let (s0, s1) = doc.sentence(i);
    let src_from = i + m.len;
    let src_to = (src_from..s1)
        .find(|&j| doc.is_comma(j) || doc.is_end(j) || doc.quotes.opens(j) || doc.words[j] == ":")
        .unwrap_or(s1);
    if src_to <= src_from {
        return None;
    }
    let source = Some((src_from, src_to));
    let cue = (i, i + m.len);
    // Content before the cue: from the clause start to the comma before "according".
    let mut before_end = i;
    while before_end > s0 && (doc.is_comma(before_end - 1) || doc.words[before_end - 1] == "(") {
        before_end -= 1;
    }
    let before_start = clause_start(doc, s0, before_end);
    let mut parts = Vec::new();
    if before_end > before_start && before_end - before_start >= 2 {
        parts.push((before_start, before_end));
    }
    // Content after the source: "according to X, Y".
    let mut from = src_to;
    while from < s1 && (doc.is_comma(from) || doc.words[from] == ":" || doc.words[from] == ")") {
        from += 1;
    }
    let to = content_end(doc, from, s1);
    if to > from && (parts.is_empty() || src_to < s1 && doc.is_comma(src_to)) {
        parts.push((from, to));
    }
    if parts.is_empty() {
        return None;
    }
    Some(Found1 {
        source,
        cue,
        parts,
        content_after: false,
        speech: true,
    })
}

/// Where the content of a clause that ends at `end` starts: the sentence start, after a
/// leading "But"/"And".
fn clause_start(doc: &Doc, s0: usize, end: usize) -> usize {
    let s = s0;
    // A quote that closes right before `end` opens where the content starts.
    if end > s0 {
        if let Some(open) = doc.quotes.opening_of(end - 1) {
            return open;
        }
    }
    s
}

/// Where content starting at `from` in a sentence ending at `s1` ends: the sentence end
/// (before its final full stop), or the close of a quote that opens in it and runs on.
fn content_end(doc: &Doc, from: usize, s1: usize) -> usize {
    // No claim runs longer than this many tokens within one sentence (keeps run-on input
    // linear).
    let s1 = s1.min(from + 400);
    let mut end = s1;
    for j in from..s1 {
        if doc.quotes.opens(j) {
            if let Some(close) = doc.quotes.closing_of(j) {
                if close + 1 > end {
                    end = close + 1;
                }
            }
        }
    }
    if end == s1 {
        while end > from && matches!(doc.words[end - 1], "." | ";" | ":") {
            end -= 1;
        }
    }
    end
}

/// "X blasted Congress and said …": content after a cue ends where the subject's next
/// verb is coordinated to the cue ("and" or "but" and a past or reporting verb).
fn coordinated_end(doc: &Doc, from: usize, to: usize, cues: &Cues, speech: bool) -> usize {
    let mut j = from;
    while j + 1 < to.saturating_sub(1) {
        j += 1;
        // ", saying …", ", who …": a new clause about the subject or the object. After a
        // verb that takes an object ("urged Comey not to …, a move that …") any comma
        // ends it.
        let outside = !doc.quotes.inside(j) && !doc.quotes.opens(from);
        // A comma, or a closing quote mark with the comma inside it (`“…,” explaining`).
        let comma =
            doc.words[j] == "," || doc.quotes.closes(j) && j > from && doc.words[j - 1] == ",";
        if comma && outside {
            let next = doc.lower[j + 1];
            let clause = next.ends_with("ing") && next != "including" && !doc.capitalized(j + 1)
                || matches!(next, "who" | "which" | "whose") && j > from + 3
                || matches!(next, "while" | "whereas" | "although" | "though");
            if clause || !speech && doc.lower[from] != "that" && !doc.capitalized(j - 1) {
                return if doc.quotes.closes(j) { j + 1 } else { j };
            }
        }
        // "…; last month, the campaign …", "… - a landslide win …": an aside or a new
        // sentence in all but name. A pair of dashes sets off an aside inside the claim
        // ("the strategy -- airstrikes and training -- is inadequate"): read on after it.
        if outside && matches!(doc.words[j], "—" | "--" | "-" | "–") && j > from {
            // A dash may be one token or several ("-", "-").
            let mut open_end = j + 1;
            while open_end < to && doc.words[open_end] == doc.words[j] {
                open_end += 1;
            }
            if let Some(close) =
                (open_end + 1..to.min(j + 40)).find(|&x| doc.words[x] == doc.words[j])
            {
                let mut close_end = close + 1;
                while close_end < to && doc.words[close_end] == doc.words[j] {
                    close_end += 1;
                }
                if close_end < to && doc.is_word(close_end) {
                    j = close_end - 1;
                    continue;
                }
            }
        }
        if outside
            && (doc.words[j] == ";"
                || matches!(doc.words[j], "—" | "--" | "-" | "–") && j > from + 2)
        {
            return j;
        }
        // "opposed the deal because …", "announced his candidacy when …": after a verb
        // that takes an object, a subordinate clause is the circumstances, not the claim.
        if outside
            && !speech
            && j > from + 1
            && doc.lower[from] != "that"
            && SUBORDINATORS.contains(&doc.lower[j])
        {
            return j;
        }
        if doc.quotes.inside(j) || !matches!(doc.lower[j], "and" | "but") {
            continue;
        }
        let mut v = j + 1;
        while v < to && (cues.before_cue.contains(doc.lower[v]) || doc.lower[v].ends_with("ly")) {
            v += 1;
        }
        if v < to
            && !doc.capitalized(v)
            && (doc.lower[v].ends_with("ed")
                || cues.match_at(&doc.lower, v).is_some_and(|m| !m.base))
        {
            let mut e = j;
            while e > from && doc.is_comma(e - 1) {
                e -= 1;
            }
            return e;
        }
    }
    to
}

/// A reporting verb at token `i`: finds its source (subject, or after it when inverted)
/// and its content (before it for "Y, X said", after it for "X said (that) Y", both for
/// a quote split by the cue).
fn verb(doc: &Doc, i: usize, m: CueMatch, cues: &Cues, prior: &[Found1]) -> Option<Found1> {
    let (s0, s1) = doc.sentence(i);
    // "Asked whether …, X said" / "When asked about …": the question is attributed to
    // whoever asked, usually unnamed.
    if doc.lower[i] == "asked"
        && (i == s0 || matches!(doc.lower[i - 1], "when" | "if" | "after" | "once"))
    {
        return asked(doc, i, s1);
    }
    if RAISING.contains(&doc.lower[i]) {
        return raising(doc, i, s0, s1, cues);
    }
    // A cue must be written in lower case, except in a headline written in title case.
    if doc.capitalized(i) && !(m.speech && title_case_line(doc, i)) {
        return None;
    }
    let cue_end = i + m.len;
    // Skip auxiliaries and adverbs back to the subject ("has also said").
    let mut k = i;
    while k > s0 {
        let w = doc.lower[k - 1];
        if cues.before_cue.contains(w)
            || (w.ends_with("ly") && w.len() > 4 && !doc.capitalized(k - 1))
            // "is calling for", "have been talking about": a progressive, not a passive.
            || doc.lower[k].ends_with("ing")
                && matches!(w, "is" | "are" | "was" | "were" | "been" | "be" | "'s" | "’s")
                && k > s0 + 1
                && doc.is_word(k - 2)
        {
            k -= 1;
        } else if k >= s0 + 2
            && (is_day(w) && w != "the"
                || matches!(
                    w,
                    "week" | "month" | "year" | "night" | "morning" | "weekend"
                ))
            && matches!(
                doc.lower[k - 2],
                "this" | "last" | "on" | "next" | "earlier"
            )
        {
            // "The IMF this week said", "Sherman last month joked"
            k -= 2;
        } else if w == "to" && k >= s0 + 2 && cues.to_control.contains(doc.lower[k - 2]) {
            k -= 2;
            // "went on to say", "is expected to say"
            while k > s0 && cues.to_control.contains(doc.lower[k - 1]) {
                k -= 1;
            }
        } else {
            break;
        }
    }
    // Passive and adjectival uses ("is expected", "was asked", "the so-called") need more
    // than this stage can see: leave them.
    if k > s0
        && matches!(
            doc.lower[k - 1],
            "is" | "are"
                | "was"
                | "were"
                | "be"
                | "been"
                | "being"
                | "so"
                | "the"
                | "a"
                | "an"
                | "to"
        )
    {
        return None;
    }
    // A cue after a determiner or a possessive is a noun ("his claims", "the KCNA
    // report", "North Korea's state news agency").
    if i > s0 && DETERMINERS.contains(&doc.lower[i - 1]) {
        return None;
    }
    // "Y, the race will be tight, said Dan Gerstein, an analyst": after a comma, a cue
    // followed by a name is inverted; the commas before it are the claim's, no appositive.
    let np = if k == i && inverted_source(doc, i, cue_end, s1, cues) {
        None
    } else {
        subject(doc, s0, k, cues)
    };
    if let Some((a, _)) = np.filter(|_| k == i && NAMING.contains(&doc.lower[i])) {
        // "a company called Harmony" names a thing; "what he called a breach" is the
        // writer's or another speaker's claim quoting a word.
        if matches!(doc.lower[a], "a" | "an") || a > s0 && doc.lower[a - 1] == "what" {
            return None;
        }
    }
    // The bare form is a noun too ("a state media disclosure"): it needs an auxiliary or a
    // subject that takes it ("they say", "officials say", "would say").
    if m.base && k == i && !m.speech {
        let ok = np.is_some_and(|(_, b)| {
            let head = doc.lower[b - 1];
            // "polls show", and "Numbers show" at the start of a sentence.
            matches!(head, "i" | "we" | "they" | "you" | "who" | "people")
                || head.ends_with('s')
                    && !head.ends_with("ss")
                    && (!doc.capitalized(b - 1) || b - 1 == s0)
                    && head.len() > 3
        });
        if !ok {
            return None;
        }
    }
    // "Mr. Trump issued a statement Tuesday saying …": the statement carries the claim;
    // the source is whoever issued it.
    let issued_by = np
        .filter(|_| m.participle)
        .and_then(|(a, b)| issuer(doc, s0, a, b, cues));
    let cue = (i, cue_end);
    // Where the content after the cue would start.
    let mut after = cue_end;
    after = skip_adjuncts(doc, after, s1, cues, m);
    let at_end = after >= s1
        || doc.is_end(after) && after + 1 >= s1
        || m.speech && adjunct_tail(doc, after, s1, cues);
    let before_quote_or_comma = |from: usize| -> Option<(usize, usize)> {
        // Content before a subject (or before the cue when inverted): "Y, X said".
        if from <= s0 {
            return None;
        }
        let last = from - 1;
        let mut end = from;
        if doc.is_comma(last) || matches!(doc.words[last], "?" | "!") {
            end = last;
        } else if !doc.quotes.closes(last) {
            return None;
        }
        // Drop the comma and the closing quote mark's neighbours.
        while end > s0 && (doc.is_comma(end - 1)) {
            end -= 1;
        }
        if end > s0 && doc.quotes.closes(end - 1) {
            let open = doc.quotes.opening_of(end - 1)?;
            // "The pair discussed “…,” the agency said": the words before the quote are
            // part of the claim when nothing else claims them.
            let lead_in = open > s0
                && open - s0 <= 25
                && (s0..open).all(|j| {
                    !doc.quotes.closes(j)
                        && !doc.quotes.opens(j)
                        && cues.match_at(&doc.lower, j).is_none()
                        && !matches!(doc.words[j], ":" | "." | "?" | "!")
                });
            return Some((if lead_in { s0 } else { open }, end));
        }
        if end > s0 && doc.quotes.closes(from - 1) {
            let open = doc.quotes.opening_of(from - 1)?;
            return Some((open, from));
        }
        let start = clause_start(doc, s0, end);
        (end > start + 1).then_some((start, end))
    };
    let (source, mut parts);
    let mut content_after = false;
    match np {
        Some((a, b)) => {
            source = Some(issued_by.unwrap_or((a, b)));
            let before = before_quote_or_comma(a);
            let comma_after = after < s1 && doc.is_comma(after);
            let quote_after = comma_after && after + 1 < s1 && doc.quotes.opens(after + 1)
                || after < s1 && doc.words[after] == ":"
                || after < s1 && doc.quotes.opens(after) && before.is_some();
            // A quote right before the subject is what was said, whatever follows the cue
            // ("“…,” Clinton said during a speech at …").
            let quoted_before = before.is_some_and(|(x, _)| doc.quotes.opens(x))
                && a > s0
                && (doc.quotes.closes(a - 1) || a > s0 + 1 && doc.quotes.closes(a - 2));
            let at_end = at_end || quoted_before && after < s1 && doc.lower[after] != "that";
            if let Some(b) = before.filter(|_| at_end || comma_after || quote_after) {
                parts = vec![b];
                if quote_after {
                    let from = if doc.quotes.opens(after) {
                        after
                    } else {
                        after + 1
                    };
                    parts.push((from, content_end(doc, from, s1)));
                } else if comma_after && after + 1 < s1 && !at_end {
                    // "Y, X says, Z": the cue interrupts the claim.
                    let from = after + 1;
                    let next = doc.lower[from];
                    let interrupts = !(cues.match_at(&doc.lower, from).is_some()
                        || matches!(
                            next,
                            "who"
                                | "which"
                                | "as"
                                | "according"
                                | "while"
                                | "and"
                                | "but"
                                | "though"
                                | "although"
                                | "because"
                        ));
                    if interrupts {
                        let to = content_end(doc, from, s1);
                        if to > from {
                            parts.push((from, to));
                            content_after = true;
                        }
                    }
                } else if at_end {
                    if let Some(next) = continuing_quote(doc, b, s1) {
                        parts.push(next);
                    }
                }
            } else {
                if at_end {
                    return None;
                }
                let mut from = after;
                while from < s1 && (doc.is_comma(from) || doc.words[from] == ":") {
                    from += 1;
                }
                // "He said:" closing its paragraph: the claim is the quote that opens the
                // next one.
                let colon_quote = from >= s1
                    && after < s1
                    && doc.words[after] == ":"
                    && s1 < doc.toks.len()
                    && doc.quotes.opens(s1);
                let to = if colon_quote {
                    from = s1;
                    content_end(doc, s1, doc.sentence(s1).1)
                } else {
                    let to = coordinated_end(doc, from, content_end(doc, from, s1), cues, m.speech);
                    setting_tail(doc, from, to, cues)
                };
                if to <= from {
                    return None;
                }
                // "responded on Twitter, calling …": only where it was said, no claim.
                if PREPOSITIONS.contains(&doc.lower[from])
                    && to - from <= 6
                    && to < s1
                    && doc.is_comma(to)
                    && m.speech
                {
                    return None;
                }
                // "Café talks in Beijing", "the group met at the hotel": a stance verb
                // followed only by where or when has no claim.
                let first_word = (from..to).find(|&j| doc.is_word(j));
                if !m.speech
                    && first_word.is_some_and(|w| {
                        matches!(
                            doc.lower[w],
                            "in" | "at" | "on" | "during" | "near" | "inside" | "outside" | "via"
                        ) && to - w <= 6
                    })
                {
                    return None;
                }
                if m.needs_subject && !strong_subject(doc, a, b, cues) {
                    return None;
                }
                parts = vec![(from, to)];
                content_after = true;
            }
        }
        None => {
            // "Y," said X / "Y," X said (the subject was a closing quote or comma).
            // "…, saying Y" and "X did A and said Y": the subject is the clause's.
            let participle = m.participle && k > s0 && doc.is_comma(k - 1) && !at_end
                || k > s0
                    && matches!(doc.lower[k - 1], "and" | "but" | "yet")
                    && !at_end
                    && (m.speech || !m.needs_subject)
                    && !m.base;
            let before = before_quote_or_comma(k).filter(|_| !participle);
            if let Some(b) = before {
                if m.participle || m.needs_subject {
                    return None;
                }
                // The source follows the cue: "…," said Mr. Smith, a spokesman.
                let src_from = cue_end.min(s1);
                let mut src_to = src_from;
                while src_to < s1
                    && !doc.is_end(src_to)
                    && !doc.is_comma(src_to)
                    && !doc.quotes.opens(src_to)
                {
                    src_to += 1;
                }
                // "said one former aide who asked not to be named because …": a long
                // source ends before its relative clause.
                if src_to - src_from > 12 && source_after_cue(doc, cue_end, s1, cues) {
                    if let Some(r) = (src_from + 1..src_to)
                        .find(|&j| matches!(doc.lower[j], "who" | "which" | "that"))
                    {
                        src_to = r;
                    }
                }
                let src = (src_to > src_from && src_to - src_from <= 12)
                    .then_some((src_from, src_to))
                    .filter(|&(x, _)| doc.is_word(x));
                let src = src.map(|(x, y)| {
                    let mut y = y;
                    while y > x && doc.is_comma(y - 1) {
                        y -= 1;
                    }
                    (x, y)
                });
                // A claim before the cue with no source after it ("… than, say, X", "…
                // then says he'll …") is not an attribution.
                src?;
                source = src;
                parts = vec![b];
                if let Some(next) = continuing_quote(doc, b, s1) {
                    parts.push(next);
                }
            } else if participle {
                // "…, saying Y": the subject is the clause's, or the previous source.
                // A prior attribution reported inside another one's claim ("Carson said
                // he plans …, insisting") is not the clause the participle hangs on.
                let in_sentence = || prior.iter().rev().take_while(|p| p.cue.0 >= s0);
                let nested = |q: &Found1| {
                    in_sentence().any(|o| {
                        o.cue.0 < q.cue.0
                            && o.parts.iter().any(|&(x, y)| x <= q.cue.0 && q.cue.0 < y)
                    })
                };
                source = in_sentence()
                    .find(|p| p.cue.0 < i && !nested(p))
                    .and_then(|p| p.source)
                    .or_else(|| sentence_subject(doc, s0, k, cues));
                let mut from = after;
                while from < s1 && (doc.is_comma(from) || doc.words[from] == ":") {
                    from += 1;
                }
                let to = coordinated_end(doc, from, content_end(doc, from, s1), cues, m.speech);
                let to = setting_tail(doc, from, to, cues);
                if to <= from || m.not_alone {
                    return None;
                }
                parts = vec![(from, to)];
                content_after = true;
            } else {
                return None;
            }
        }
    }
    Some(Found1 {
        source,
        cue,
        parts,
        content_after,
        speech: m.speech,
    })
}

/// Verbs of appearance and expectation: "The statistics appear to be fabricated", "The
/// Fed is not expected to change rates". The claim is the subject plus the complement;
/// the text names no source.
const RAISING: &[&str] = &[
    "seem", "seems", "seemed", "appear", "appears", "appeared", "expected",
];

fn raising(doc: &Doc, i: usize, s0: usize, s1: usize, cues: &Cues) -> Option<Found1> {
    if doc.capitalized(i) {
        return None;
    }
    let mut k = i;
    while k > s0
        && (cues.before_cue.contains(doc.lower[k - 1])
            || doc.lower[k - 1].ends_with("ly")
            || matches!(doc.lower[k - 1], "widely" | "be" | "been"))
    {
        k -= 1;
    }
    let expected = doc.lower[i] == "expected";
    if expected {
        if k == s0
            || !matches!(
                doc.lower[k - 1],
                "is" | "are" | "was" | "were" | "be" | "been"
            )
        {
            return None;
        }
        k -= 1;
        while k > s0
            && matches!(
                doc.lower[k - 1],
                "not" | "also" | "still" | "widely" | "generally"
            )
        {
            k -= 1;
        }
    }
    // The complement: "to …", or for seem/appear an adjective.
    let from = i + 1;
    if from >= s1 {
        return None;
    }
    let adjective = !expected
        && !doc.capitalized(from)
        && doc.is_word(from)
        && !PREPOSITIONS.contains(&doc.lower[from])
        && doc.lower[from] != "that";
    if doc.lower[from] != "to" && !adjective {
        return None;
    }
    let np = subject(doc, s0, k, cues)?;
    let mut to = content_end(doc, from, s1);
    if let Some(c) = (from..to).find(|&j| doc.is_comma(j) && !doc.quotes.inside(j)) {
        to = c;
    }
    (to > from + 1).then(|| Found1 {
        source: None,
        cue: (i, i + 1),
        parts: vec![np, (from, to)],
        content_after: false,
        speech: false,
    })
}

/// "Asked about X, …": content is the question, the source whoever asked ("by Y").
fn asked(doc: &Doc, i: usize, s1: usize) -> Option<Found1> {
    let mut from = i + 1;
    while from < s1
        && matches!(
            doc.lower[from],
            "later" | "again" | "directly" | "repeatedly"
        )
    {
        from += 1;
    }
    let mut source = None;
    if from < s1 && doc.lower[from] == "by" {
        let a = from + 1;
        let mut b = a;
        while b < s1
            && doc.is_word(b)
            && !matches!(
                doc.lower[b],
                "if" | "whether" | "about" | "to" | "what" | "how" | "why" | "when"
            )
        {
            b += 1;
        }
        if b > a {
            source = Some((a, b));
        }
        from = b;
    }
    let to = (from..s1)
        .find(|&j| doc.is_comma(j) && !doc.quotes.inside(j))
        .unwrap_or(s1);
    let to = content_end(doc, from, to);
    (to > from + 1).then(|| Found1 {
        source,
        cue: (i, i + 1),
        parts: vec![(from, to)],
        content_after: false,
        speech: true,
    })
}

/// A subject that makes a weak cue ("shows", "thinks") count: a name, a pronoun, or a
/// noun phrase of a few words starting with a determiner or a capital.
fn strong_subject(doc: &Doc, a: usize, b: usize, cues: &Cues) -> bool {
    // "Cruz, leading in Iowa, questioned": the head is before the appositive.
    let b = (a..b)
        .find(|&j| doc.is_comma(j))
        .filter(|&j| j > a)
        .unwrap_or(b);
    let head = doc.lower[b - 1];
    cues.pronouns.contains(head) && head != "it" && head != "you"
        || doc.capitalized(b - 1)
        || doc.capitalized(a) && b - a <= 6
        || matches!(
            doc.lower[a],
            "the"
                | "a"
                | "an"
                | "this"
                | "his"
                | "her"
                | "their"
                | "its"
                | "most"
                | "many"
                | "some"
        )
}

/// Skips what sits between a cue and its content: "on Tuesday", "told reporters",
/// "in a statement", "that" stays (the content includes it).
fn skip_adjuncts(doc: &Doc, from: usize, s1: usize, cues: &Cues, m: CueMatch) -> usize {
    let mut j = from;
    let told = m.speech
        && matches!(
            doc.lower[from - 1],
            "told"
                | "tell"
                | "tells"
                | "telling"
                | "informed"
                | "assured"
                | "warned"
                | "urged"
                | "reminded"
        );
    let mut steps = 0;
    while j < s1 && steps < 12 {
        steps += 1;
        let w = doc.lower[j];
        if cues.after_cue.contains(w) && !(w == "on" && j + 1 < s1 && !is_day(doc.lower[j + 1])) {
            j += 1;
            continue;
        }
        // "in a statement", "in an interview with CNN"
        if w == "in" && j + 2 < s1 {
            let mut q = j + 1;
            if matches!(
                doc.lower[q],
                "a" | "an" | "the" | "his" | "her" | "their" | "its" | "one"
            ) {
                q += 1;
            }
            let mut r = q;
            while r < s1 && r < q + 3 && !cues.settings.contains(doc.lower[r]) {
                r += 1;
            }
            if r < s1 && r < q + 3 && cues.settings.contains(doc.lower[r]) {
                j = r + 1;
                // "… with CNN", "… on Fox News"
                if j < s1 && matches!(doc.lower[j], "with" | "to" | "on" | "from") {
                    j += 1;
                    while j < s1
                        && (doc.capitalized(j) || matches!(doc.lower[j], "the" | "'s" | "’s"))
                    {
                        j += 1;
                    }
                }
                continue;
            }
        }
        if told && cues.audiences.contains(w) && j == from {
            j += 1;
            while j < s1
                && doc.is_word(j)
                && !matches!(
                    doc.lower[j],
                    "that" | "he" | "she" | "they" | "it" | "we" | "i"
                )
                && !doc.quotes.opens(j)
                && j < from + 6
            {
                if !(doc.capitalized(j)
                    || cues.audiences.contains(doc.lower[j])
                    || cues.after_cue.contains(doc.lower[j]))
                {
                    // "told the crowd in Ohio": stop at a lower-case word that is not part of it
                    if !matches!(
                        doc.lower[j],
                        "crowd"
                            | "audience"
                            | "newspaper"
                            | "paper"
                            | "station"
                            | "network"
                            | "committee"
                            | "panel"
                            | "magazine"
                            | "website"
                            | "outlet"
                    ) {
                        break;
                    }
                }
                j += 1;
            }
            continue;
        }
        if told && doc.capitalized(j) && j == from {
            // "told CNN", "told The Washington Post on Sunday"
            while j < s1
                && (doc.capitalized(j) || matches!(doc.lower[j], "'s" | "’s" | "of"))
                && !cues.pronouns.contains(doc.lower[j])
            {
                j += 1;
            }
            continue;
        }
        break;
    }
    j
}

/// "dismissed that notion in an interview on Sunday": a closing phrase that says where the
/// claim was made (a preposition, a determiner, a setting noun within four words, and a
/// short tail with no comma or quote mark) is not part of the claim. Returns the new end.
fn setting_tail(doc: &Doc, from: usize, to: usize, cues: &Cues) -> usize {
    for p in (from + 2..to).rev().take(14) {
        if doc.is_comma(p) || matches!(doc.words[p], ";" | ":") || doc.quotes.inside(p) {
            break;
        }
        if matches!(doc.lower[p], "in" | "during" | "at" | "on")
            && p + 2 < to
            && matches!(
                doc.lower[p + 1],
                "a" | "an" | "the" | "his" | "her" | "their" | "its"
            )
            && (p + 2..(p + 6).min(to)).any(|j| cues.settings.contains(doc.lower[j]))
        {
            return p;
        }
    }
    to
}

/// Whether the rest of a sentence after a cue only says when, where or to whom it was
/// said ("… he said in an appearance before Congress.", "… told radio host Hugh Hewitt.").
fn adjunct_tail(doc: &Doc, from: usize, s1: usize, cues: &Cues) -> bool {
    if from >= s1 || s1 - from > 9 {
        return false;
    }
    let first = doc.lower[from];
    // "… told CNN.", "… said Tuesday." (names only), or a prepositional phrase.
    let names = (from..s1)
        .all(|j| doc.capitalized(j) || matches!(doc.words[j], "'s" | "’s" | "." | "!" | "?"))
        && s1 - from <= 5;
    let starts = PREPOSITIONS.contains(&first) || names;
    starts
        && (from..s1).all(|j| {
            !doc.quotes.opens(j)
                && doc.lower[j] != "that"
                && !cues.pronouns.contains(doc.lower[j])
                && cues.match_at(&doc.lower, j).is_none()
                && !doc.is_comma(j)
        })
}

/// The subject of the verb that put out the document `(a, b)` names ("the council issued
/// a statement", "she released a video"), when the phrase is a document and a verb
/// precedes it.
fn issuer(doc: &Doc, s0: usize, a: usize, b: usize, cues: &Cues) -> Option<(usize, usize)> {
    if a < s0 + 2
        || !matches!(
            doc.lower[a],
            "a" | "an" | "the" | "his" | "her" | "its" | "their"
        )
        || !(a..b).any(|j| cues.settings.contains(doc.lower[j]))
    {
        return None;
    }
    let mut v = a - 1;
    if doc.lower[v] == "out" {
        v -= 1;
    }
    let verb = doc.lower[v];
    if doc.capitalized(v)
        || !(verb.ends_with("ed") || matches!(verb, "put" | "sent" | "gave" | "made" | "wrote"))
    {
        return None;
    }
    let mut k = v;
    while k > s0 && cues.before_cue.contains(doc.lower[k - 1]) {
        k -= 1;
    }
    subject(doc, s0, k, cues)
}

/// Whether a speech cue right after a comma is followed by its source, as in "…, said
/// Dan Gerstein, an analyst" or "…, said a former aide who …": a short noun phrase (a
/// name, or a determiner and nouns) up to the sentence end, a comma or a relative clause,
/// with no verb, pronoun or time word in it.
fn inverted_source(doc: &Doc, i: usize, cue_end: usize, s1: usize, cues: &Cues) -> bool {
    if i == 0 || doc.words[i - 1] != "," || cue_end >= s1 {
        return false;
    }
    if !matches!(
        doc.lower[i],
        "said" | "says" | "added" | "wrote" | "asked" | "explained" | "noted" | "continued"
    ) {
        return false;
    }
    source_after_cue(doc, cue_end, s1, cues)
}

/// Whether the words at `cue_end` are a cue's source written after it: a name, or an
/// indefinite noun phrase, up to the sentence end, a comma or a relative clause.
fn source_after_cue(doc: &Doc, cue_end: usize, s1: usize, cues: &Cues) -> bool {
    if cue_end >= s1 {
        return false;
    }
    let first = doc.lower[cue_end];
    let name = doc.capitalized(cue_end) && !is_day(first) && !cues.pronouns.contains(first);
    if !name && !matches!(first, "a" | "an" | "one" | "another" | "the") {
        return false;
    }
    let stop = (cue_end..s1)
        .find(|&j| {
            !doc.is_word(j) && !matches!(doc.words[j], "'s" | "’s" | "." | "&")
                || doc.is_end(j)
                || matches!(doc.lower[j], "who" | "which" | "that")
        })
        .unwrap_or(s1);
    // The phrase ends the sentence, or a comma or a relative clause follows it ("…, said
    // the official." but not "…, said the plan, …").
    let at_end = stop >= s1 || doc.is_end(stop);
    let ends_well = at_end
        || doc.words[stop] == "," && first != "the"
        || matches!(doc.lower[stop], "who" | "that") && first != "the";
    stop > cue_end
        && stop - cue_end <= 12
        && ends_well
        && (cue_end..stop).all(|j| {
            let w = doc.lower[j];
            if name {
                // A name: capitalized words only ("Sen. Jack Reed", not "Ms. Brainard's
                // donations").
                doc.capitalized(j) || !doc.is_word(j)
            } else {
                !(cues.clause_words.contains(w)
                    || cues.before_cue.contains(w)
                    || cues.pronouns.contains(w)
                    || w.ends_with("ed")
                    || is_day(w) && j > cue_end)
            }
        })
}

/// Verbs that also name a thing after a noun ("a show called …").
const NAMING: &[&str] = &["called", "named", "dubbed", "titled", "entitled"];

/// Words that open a subordinate clause of time, cause or concession, or a contrast: after
/// the object of a verb like "opposed" or "announced" they start the circumstances.
const SUBORDINATORS: &[&str] = &[
    "when", "because", "after", "before", "while", "since", "until", "unless", "although",
    "though", "whereas", "but", "even",
];

/// Prepositions that open a when-or-where phrase after a cue.
const PREPOSITIONS: &[&str] = &[
    "of",
    "as",
    "in",
    "during",
    "at",
    "on",
    "before",
    "after",
    "to",
    "with",
    "from",
    "while",
    "last",
    "this",
    "earlier",
    "via",
    "through",
    "over",
    "outside",
    "inside",
    "following",
];

fn is_day(w: &str) -> bool {
    matches!(
        w,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    ) || w.chars().next().is_some_and(|c| c.is_ascii_digit())
        || matches!(
            w,
            "jan."
                | "feb."
                | "march"
                | "april"
                | "may"
                | "june"
                | "july"
                | "aug."
                | "sept."
                | "oct."
                | "nov."
                | "dec."
                | "january"
                | "february"
                | "august"
                | "september"
                | "october"
                | "november"
                | "december"
                | "the"
        )
}

/// The subject noun phrase ending right before token `k`: `(start, end)` or `None`.
/// Handles an appositive ("Steve Coll, the dean of the school, said").
fn subject(doc: &Doc, s0: usize, k: usize, cues: &Cues) -> Option<(usize, usize)> {
    if k <= s0 {
        return None;
    }
    let mut end = k;
    // An appositive closed by a comma: "X, a spokesman for Y, said".
    if doc.is_comma(end - 1) && doc.words[end - 1] == "," {
        let inner_end = end - 1;
        // The comma that opens the appositive, and the name before it.
        // "Jimmy Ghazal, 39, a visitor, told": try the commas from the nearest back.
        let commas = (s0 + 1..inner_end)
            .rev()
            .take(30)
            .take_while(|&j| !doc.quotes.opens(j) && !doc.quotes.closes(j))
            .filter(|&j| doc.words[j] == ",")
            .take(3);
        for open in commas {
            // "Ed Rendell (D), a supporter,"
            let mut name_end = open;
            if doc.words[name_end - 1] == ")" {
                if let Some(p) = (s0..name_end).rev().take(8).find(|&j| doc.words[j] == "(") {
                    name_end = p;
                }
            }
            if name_end <= s0 {
                continue;
            }
            let name_start = np_start(doc, s0, name_end, cues);
            if name_start >= name_end {
                continue;
            }
            let np_like =
                doc.capitalized(name_start) || DETERMINERS.contains(&doc.lower[name_start]);
            if doc.capitalized(name_end - 1) || np_like && name_end - name_start <= 6 {
                return Some((trim_lead(doc, name_start, name_end, cues), inner_end));
            }
        }
        // "One of the report's authors, Ari Fleischer, said": the appositive is the name.
        if let Some(open) = (s0 + 1..inner_end)
            .rev()
            .take(6)
            .find(|&j| doc.words[j] == ",")
        {
            let name = open + 1..inner_end;
            if name.len() >= 2
                && name
                    .clone()
                    .all(|j| doc.capitalized(j) && !is_day(doc.lower[j]) || doc.words[j] == ".")
            {
                return Some((open + 1, inner_end));
            }
        }
        // "Trump, 70, said"
        return None;
    }
    if is_dash(doc.words[end - 1]) {
        return dashed_subject(doc, s0, end, cues);
    }
    let w = doc.lower[end - 1];
    if !doc.is_word(end - 1) && !matches!(w, "'s" | "’s" | ")") {
        return None;
    }
    // "Gov. John Kasich (R-OH) said"
    if w == ")" {
        if let Some(open) = (s0..end).rev().take(8).find(|&j| doc.words[j] == "(") {
            end = open;
            if end <= s0 {
                return None;
            }
        }
    }
    if doc.lower[end - 1] == "it" {
        return Some((end - 1, end));
    }
    if (cues.clause_words.contains(doc.lower[end - 1]) || DETERMINERS.contains(&doc.lower[end - 1]))
        && doc.lower[end - 1] != "that"
    {
        return None;
    }
    if doc.lower[end - 1] == "that" {
        // "the report that said": the relative pronoun stands for the noun before it, so
        // the source runs from that noun through the pronoun.
        let start = np_start(doc, s0, end - 1, cues);
        let start = trim_lead(doc, start, end - 1, cues);
        let noun_phrase = start < end - 1
            && start + 6 >= end - 1
            && (doc.capitalized(start) || DETERMINERS.contains(&doc.lower[start]))
            && (start..end - 1).all(|j| {
                doc.is_word(j)
                    && !doc.lower[j].ends_with("ing")
                    && cues.match_at(&doc.lower, j).is_none()
            });
        let start = if noun_phrase { start } else { end - 1 };
        return Some((start, k));
    }
    let start = np_start(doc, s0, end, cues);
    if start >= end {
        return None;
    }
    // "The administration on Friday accused": the time phrase is not the subject.
    if start > s0
        && (start..end).all(|j| {
            is_day(doc.lower[j])
                || matches!(doc.lower[j], "night" | "morning" | "afternoon" | "evening")
        })
        && matches!(
            doc.lower[start - 1],
            "on" | "last" | "this" | "in" | "late" | "early"
        )
    {
        return subject(doc, s0, start - 1, cues);
    }
    let start = trim_lead(doc, start, end, cues);
    (start < end)
        .then_some((start, k.min(end.max(k))))
        .map(|(a, b)| (a, if doc.words[b - 1] == "," { b - 1 } else { b }))
}

fn is_dash(w: &str) -> bool {
    matches!(w, "-" | "—" | "–" | "--")
}

/// A subject with an aside between dashes: "Jane Roe - who chairs the board - said",
/// "A former senator -- John Doe, who lost in 2008 -- said". The source runs from the name
/// through the aside; `end` is one past the closing dash.
fn dashed_subject(doc: &Doc, s0: usize, end: usize, cues: &Cues) -> Option<(usize, usize)> {
    let dash = doc.words[end - 1];
    // A dash may be written as one token or several ("-", "-").
    let mut close = end - 1;
    while close > s0 && doc.words[close - 1] == dash {
        close -= 1;
    }
    let open = (s0.max(close.saturating_sub(40))..close)
        .rev()
        .take_while(|&j| !doc.quotes.opens(j) && !doc.quotes.closes(j))
        .find(|&j| doc.words[j] == dash)?;
    let mut name_end = open;
    while name_end > s0 && doc.words[name_end - 1] == dash {
        name_end -= 1;
    }
    if name_end <= s0 || close <= open + 1 {
        return None;
    }
    let name_start = np_start(doc, s0, name_end, cues);
    if name_start >= name_end {
        return None;
    }
    let np_like = doc.capitalized(name_start) || DETERMINERS.contains(&doc.lower[name_start]);
    (doc.capitalized(name_end - 1) || np_like && name_end - name_start <= 6)
        .then(|| (trim_lead(doc, name_start, name_end, cues), close))
}

fn trim_lead(doc: &Doc, mut start: usize, end: usize, cues: &Cues) -> usize {
    while start + 1 < end && cues.leading_noise.contains(doc.lower[start]) {
        start += 1;
    }
    start
}

/// Where a noun phrase ending at `end` starts, read backwards.
fn np_start(doc: &Doc, s0: usize, end: usize, cues: &Cues) -> usize {
    let mut s = end;
    let mut n = 0;
    while s > s0 && n < 14 {
        let w = doc.words[s - 1];
        let lower = doc.lower[s - 1];
        let np_word = doc.is_word(s - 1) || matches!(w, "’s" | "'s" | "&" | "-");
        if !np_word || doc.quotes.closes(s - 1) {
            break;
        }
        if cues.pronouns.contains(lower) {
            // A pronoun is a whole subject; "who" stands for the name before it.
            if s == end {
                s -= 1;
            }
            break;
        }
        if cues.clause_words.contains(lower) {
            break;
        }
        // A lower-case verb form ends the phrase ("Trump attacked Clinton and aides said").
        if !doc.capitalized(s - 1)
            && s < end
            && (lower.ends_with("ed") && !lower.ends_with("eed")
                || cues.match_at(&doc.lower, s - 1).is_some())
            && !(s - 1 > s0
                && matches!(
                    doc.lower[s - 2],
                    "the" | "a" | "an" | "his" | "her" | "their" | "its"
                ))
        {
            break;
        }
        if lower == "and" && !(s < end && (doc.capitalized(s) || doc.capitalized(s - 2.min(s)))) {
            break;
        }
        s -= 1;
        n += 1;
    }
    s
}

/// The subject of a sentence, for a participle cue ("Bradley apologized, saying …").
fn sentence_subject(doc: &Doc, s0: usize, k: usize, cues: &Cues) -> Option<(usize, usize)> {
    let mut s = s0;
    while s < k && !doc.is_word(s) {
        s += 1;
    }
    if s >= k {
        return None;
    }
    if cues.pronouns.contains(doc.lower[s]) {
        return Some((s, s + 1));
    }
    // Skip a leading "But", "In a speech," and the like.
    while s < k && cues.leading_noise.contains(doc.lower[s]) {
        s += 1;
    }
    if s < k && PREPOSITIONS.contains(&doc.lower[s]) {
        match (s..k).find(|&j| doc.is_comma(j)) {
            Some(c) if c + 1 < k => s = c + 1,
            _ => return None,
        }
    }
    if s >= k || !doc.is_word(s) {
        return None;
    }
    if cues.pronouns.contains(doc.lower[s]) {
        return Some((s, s + 1));
    }
    // Read forward to the verb: the first lower-case word that is an auxiliary, a cue, a
    // clause word or a past form.
    let mut e = s;
    while e < k && e < s + 10 {
        let w = doc.lower[e];
        let word = doc.is_word(e) || matches!(w, "'s" | "’s" | "-" | "&");
        if !word {
            break;
        }
        if !doc.capitalized(e)
            && e > s
            && (cues.clause_words.contains(w)
                || cues.before_cue.contains(w)
                || w.ends_with("ed")
                || w.ends_with("n't")
                || w.ends_with("n’t")
                || cues.match_at(&doc.lower, e).is_some())
            && !matches!(w, "of" | "the")
        {
            break;
        }
        e += 1;
    }
    (e > s).then_some((s, e))
}

/// After content "“A,” he said." that is a quote: the next sentence of the same paragraph
/// when it is a quote too (the speaker goes on).
fn continuing_quote(doc: &Doc, b: (usize, usize), s1: usize) -> Option<(usize, usize)> {
    if !doc.quotes.opens(b.0) || s1 >= doc.toks.len() || !doc.quotes.opens(s1) {
        return None;
    }
    let close = doc.quotes.closing_of(s1)?;
    if doc.block(s1) == doc.block(b.0) {
        return Some((s1, close + 1));
    }
    // The next paragraph is one quotation and nothing else (no cue of its own): the
    // speaker goes on ("“…?” Trump said.¶“He referred to my hands …”").
    let p1 = (s1..doc.toks.len())
        .find(|&j| doc.block(j) != doc.block(s1))
        .unwrap_or(doc.toks.len());
    let whole = (close + 1..p1).all(|j| !doc.is_word(j));
    (doc.block(s1 - 1) == doc.block(b.0) && close < p1 && whole).then_some((s1, close + 1))
}

/// Whether token `i` sits in a headline written in title case (most words capitalized).
fn title_case_line(doc: &Doc, i: usize) -> bool {
    let (s0, s1) = doc.sentence(i);
    if doc.block(i) != 0 || s1 - s0 > 60 {
        return false;
    }
    let words: Vec<usize> = (s0..s1)
        .filter(|&j| doc.is_word(j) && doc.words[j].len() > 3)
        .collect();
    words.len() >= 3
        && words.iter().filter(|&&j| doc.capitalized(j)).count() * 10 >= words.len() * 8
        && doc.block(i) == 0
}

/// Headline attributions: "Source: Claim" and "Claim – Source" in the first block.
fn headlines(doc: &Doc, out: &mut Vec<Found1>) {
    let Some(first) = doc.tokenized.sentences.first() else {
        return;
    };
    let block = first.block;
    for s in doc
        .tokenized
        .sentences
        .iter()
        .take_while(|s| s.block == block)
    {
        let (s0, s1) = s.tokens;
        if out.iter().any(|a| a.cue.0 >= s0 && a.cue.0 < s1) {
            continue;
        }
        // "Trump: Cruz Has To Come a Long Way"
        if let Some(c) = (s0..s1.min(s0 + 6)).find(|&j| doc.words[j] == ":") {
            if c > s0 && c + 2 < s1 && (s0..c).all(|j| doc.capitalized(j) || !doc.is_word(j)) {
                out.push(Found1 {
                    source: Some((s0, c)),
                    cue: (c, c + 1),
                    parts: vec![(c + 1, content_end(doc, c + 1, s1))],
                    content_after: false,
                    speech: true,
                });
                continue;
            }
        }
        // "… Visited North Korea – State Media"
        let Some(dash) = (s0..s1)
            .rev()
            .find(|&j| matches!(doc.words[j], "–" | "—" | "-" | ":" | "|"))
        else {
            continue;
        };
        if dash == s0 || dash + 1 >= s1 || s1 - dash > 6 {
            continue;
        }
        let media = (dash + 1..s1).any(|j| {
            matches!(
                doc.lower[j],
                "media"
                    | "report"
                    | "reports"
                    | "agency"
                    | "officials"
                    | "says"
                    | "tv"
                    | "news"
                    | "sources"
                    | "poll"
                    | "police"
            )
        });
        if media {
            out.push(Found1 {
                source: Some((dash + 1, s1)),
                cue: (dash, dash + 1),
                parts: vec![(s0, dash)],
                content_after: false,
                speech: true,
            });
        }
    }
}

/// Words that label a paragraph with a colon without naming who speaks.
const NOT_SPEAKERS: &[&str] = &[
    "note",
    "update",
    "updated",
    "editor",
    "editors",
    "photo",
    "video",
    "watch",
    "read",
    "related",
    "source",
    "sources",
    "correction",
    "clarification",
    "disclosure",
    "image",
    "caption",
    "credit",
    "listen",
    "subscribe",
    "follow",
    "contact",
    "more",
    "see",
    "also",
    "here",
    "what",
    "why",
    "how",
    "who",
    "when",
    "where",
    "the",
    "a",
    "an",
    "this",
    "that",
    "q",
    "a.",
    "question",
    "answer",
    "transcript",
    "full",
    "breaking",
    "live",
    "exclusive",
    "analysis",
    "opinion",
    "poll",
    "bottom",
    "line",
    "name",
    "age",
    "contributing",
    "continued",
];

/// Speaker labels after the headline: a paragraph that opens with a name and a colon
/// ("Matthews: Well, …", as in a transcript), or a topic line then a dash and the name
/// ("POLLS TOO EARLY - Jane Roe: “…”"). The claim runs to the end of the paragraph.
fn speaker_labels(doc: &Doc, out: &mut Vec<Found1>) {
    let sentences = &doc.tokenized.sentences;
    let Some(first_block) = sentences.first().map(|s| s.block) else {
        return;
    };
    let mut k = 0;
    while k < sentences.len() {
        let block = sentences[k].block;
        let p0 = sentences[k].tokens.0;
        let mut end = k;
        while end + 1 < sentences.len() && sentences[end + 1].block == block {
            end += 1;
        }
        let p1 = sentences[end].tokens.1;
        k = end + 1;
        if block == first_block || p1 <= p0 + 3 {
            continue;
        }
        let Some(c) = (p0..p1.min(p0 + 40)).find(|&j| doc.words[j] == ":") else {
            continue;
        };
        // The name: the capitalized words before the colon, back to the paragraph start
        // or a dash.
        let mut a = c;
        while a > p0
            && (doc.capitalized(a - 1) || doc.lower[a - 1] == "and" || doc.words[a - 1] == ".")
        {
            a -= 1;
        }
        let after_dash = a > p0 && matches!(doc.words[a - 1], "-" | "–" | "—" | "--");
        let at_start = a == p0 || a == p0 + 1 && doc.quotes.opens(p0);
        if !(at_start || after_dash) || c == a || c - a > 5 {
            continue;
        }
        let names = (a..c).filter(|&j| doc.is_word(j)).count();
        if names == 0
            || !doc.capitalized(a)
            || doc.lower[c - 1] == "and"
            || NOT_SPEAKERS.contains(&doc.lower[a])
            || (a..c).any(|j| {
                is_day(doc.lower[j])
                    || doc.words[j].len() > 1 && doc.words[j].chars().all(|ch| !ch.is_lowercase())
            })
        {
            continue;
        }
        let mut from = c + 1;
        let mut to = p1;
        while to > from && !doc.is_word(to - 1) && !doc.quotes.closes(to - 1) {
            to -= 1;
        }
        // A topic line before the dash is no speaker's: it needs a quote after the name.
        if after_dash && !(from < to && doc.quotes.opens(from)) {
            continue;
        }
        while from < to && !doc.is_word(from) && !doc.quotes.opens(from) {
            from += 1;
        }
        if (from..to).filter(|&j| doc.is_word(j)).count() < 3 {
            continue;
        }
        out.push(Found1 {
            source: Some((a, c)),
            cue: (c, c + 1),
            parts: vec![(from, to)],
            content_after: true,
            speech: true,
        });
    }
}

/// "X said A, and Y said B": content after a cue stops where the next attribution of the
/// same sentence begins.
fn cut_at_next(doc: &Doc, raw: &mut [Found1]) {
    let mut starts: Vec<(usize, usize)> = raw
        .iter()
        .map(|a| (a.source.map_or(a.cue.0, |s| s.0.min(a.cue.0)), a.cue.0))
        .collect();
    crate::stable_sort::by_key(&mut starts, |s| *s);
    for a in raw.iter_mut() {
        if !a.content_after {
            continue;
        }
        let Some(last) = a.parts.last_mut() else {
            continue;
        };
        let first = starts.partition_point(|&(s, _)| s <= last.0 + 1);
        let next = starts[first..]
            .iter()
            .take_while(|&&(s, _)| s < last.1)
            .find(|&&(s, c)| {
                c > a.cue.0
                    && (doc.is_comma(s - 1)
                        || matches!(doc.lower[s - 1], "and" | "but" | "while" | ";" | "whereas"))
            })
            .map(|&(s, _)| s);
        if let Some(mut cut) = next {
            while cut > last.0
                && (doc.is_comma(cut - 1)
                    || matches!(
                        doc.lower[cut - 1],
                        "and" | "but" | "while" | "," | ";" | "as" | "whereas"
                    ))
            {
                cut -= 1;
            }
            // "said that, if elected, she would ask …", "reported that, according to …":
            // what comes before the next attribution only leads into it.
            let mut words = (last.0..cut)
                .filter(|&j| doc.is_word(j))
                .map(|j| doc.lower[j])
                .skip_while(|&w| w == "that");
            let lead_in = words.next().map_or(true, |w| {
                SUBORDINATORS.contains(&w) || matches!(w, "if" | "as" | "once" | "according")
            });
            if cut > last.0 && !lead_in {
                last.1 = cut;
            }
        }
    }
}

/// "Clinton says she wants to expand …": a stance or plan reported inside what someone
/// said is part of that claim, not a claim of its own. Drops stance attributions (not
/// speech) whose cue lies inside the content of another attribution.
fn drop_nested_stances(raw: &mut Vec<Found1>) {
    let mut spans: Vec<(usize, usize)> = raw.iter().flat_map(|a| a.parts.iter().copied()).collect();
    crate::stable_sort::by_key(&mut spans, |s| *s);
    // Furthest end reached by any part starting at or before each part's start.
    let mut reach = Vec::with_capacity(spans.len());
    let mut far = 0;
    for &(_, e) in &spans {
        far = far.max(e);
        reach.push(far);
    }
    raw.retain(|a| {
        let (c0, c1) = a.cue;
        let n = spans.partition_point(|&(s, _)| s <= c0);
        // Some part starting before the cue ends after it (an attribution's own parts
        // never hold its cue).
        a.speech || n == 0 || reach[n - 1] < c1
    });
}

/// The attribution in the model's terms.
fn build(doc: &Doc, a: &Found1) -> Attribution {
    // A quotation of several paragraphs gives one part per paragraph.
    let mut pieces = Vec::new();
    for &(x, y) in &a.parts {
        let mut from = x;
        for j in x + 1..y {
            if doc.block(j) != doc.block(j - 1) {
                pieces.push((from, j));
                from = j;
            }
        }
        pieces.push((from, y));
    }
    let parts: Vec<Span> = pieces
        .iter()
        .filter(|&&(x, y)| y > x)
        .map(|&(x, y)| {
            let mut y = y;
            // Trailing commas and full stops are not part of the claim.
            while y > x + 1 && matches!(doc.words[y - 1], "," | "." | ";" | "—" | "–") {
                y -= 1;
            }
            doc.span(x, y)
        })
        .collect();
    let content = Span(parts[0].0, parts[parts.len() - 1].1);
    let source = a.source.map(|(x, y)| doc.span(x, y));
    Attribution {
        source,
        cue: doc.span(a.cue.0, a.cue.1),
        content,
        kind: kind_of(doc.text, &parts),
        content_parts: parts,
        source_type: SourceType::Other,
        source_group: None,
        source_name: source.map(|s| doc.text[s.0..s.1].to_string()),
    }
}

/// Direct when every part is in quote marks, indirect when none has any, else mixed.
fn kind_of(text: &str, parts: &[Span]) -> AttributionKind {
    let quoted = |s: &str| s.contains(['“', '”', '"']);
    let n = parts.iter().filter(|p| quoted(&text[p.0..p.1])).count();
    let whole = |p: &Span| {
        let s = text[p.0..p.1].trim_end_matches(['.', ',']);
        (s.starts_with(['“', '"']) && s.ends_with(['”', '"'])) || !quoted(s)
    };
    if n == 0 {
        AttributionKind::Indirect
    } else if parts.iter().all(|p| quoted(&text[p.0..p.1]) && whole(p)) {
        AttributionKind::Direct
    } else {
        AttributionKind::Mixed
    }
}

/// Sets `source_type`, `source_group` and `source_name`; a pronoun source takes the
/// nearest compatible entity before it (a person for "he"/"she", an organisation or
/// place for "it"/"they" when no person fits).
fn type_source(
    doc: &Doc,
    a: &mut Attribution,
    found: &Found,
    cues: &Cues,
    agencies: &mut Option<Vec<(usize, usize, usize)>>,
) {
    let Some(src) = a.source else {
        a.source_type = SourceType::Other;
        return;
    };
    let s = &doc.text[src.0..src.1];
    let lower = s.to_lowercase();
    if cues.pronouns.contains(lower.as_str()) {
        let want: &[EntityType] = match lower.as_str() {
            "he" | "she" | "i" => &[EntityType::Person],
            "who" => &[EntityType::Person, EntityType::Org],
            "it" => &[EntityType::Org, EntityType::Location],
            _ => &[EntityType::Org, EntityType::Location, EntityType::Person],
        };
        let before = found.entities.partition_point(|e| e.start < src.0);
        let near = found.entities[..before]
            .iter()
            .rev()
            .take_while(|e| e.start + 3000 > src.0)
            .filter(|e| e.end <= src.0)
            .find(|e| want.contains(&e.kind));
        if let Some(e) = near {
            a.source_group = Some(e.group);
            a.source_name = Some(found.groups[e.group].name.clone());
            a.source_type =
                cues.source_type(&found.groups[e.group].name.to_lowercase(), Some(e.kind));
        } else {
            a.source_type = SourceType::Other;
        }
        return;
    }
    // The entity that heads the source phrase: the last name in it.
    // Entities are in order of position: look only at those starting inside the source.
    let first = found.entities.partition_point(|e| e.start < src.0);
    let entity = found.entities[first..]
        .iter()
        .take_while(|e| e.start < src.1)
        .filter(|e| e.kind.is_name() && src.contains(e.span()))
        .max_by_key(|e| (e.kind == EntityType::Person, e.end));
    a.source_group = entity.map(|e| e.group);
    a.source_type = cues.source_type(&lower, entity.map(|e| e.kind));
    // The group's fullest name when the entity is the head of the phrase ("the KCNA" →
    // "Korean Central News Agency"), the phrase itself otherwise ("South Korea's
    // intelligence").
    let head_end = s.find(", ").map_or(src.1, |c| src.0 + c).min(src.1);
    if let Some(e) = entity.filter(|e| e.end + 2 >= head_end && e.end <= head_end) {
        a.source_name = Some(found.groups[e.group].name.clone());
    }
    // "North Korea's state news agency", "state media": a news agency described rather
    // than named is the agency the article names, the nearest one when it names several.
    let is_agency = |g: usize| {
        let group = &found.groups[g];
        cues.source_type(&group.name.to_lowercase(), Some(group.kind)) == SourceType::NewsAgency
    };
    if a.source_type == SourceType::NewsAgency && !entity.is_some_and(|e| is_agency(e.group)) {
        // Nearest by start, walking out from the source's position both ways (ties go to
        // the earlier one, as before), skipping names inside the source phrase.
        let list = agencies.get_or_insert_with(|| news_agencies(found, cues));
        let at = list.partition_point(|&(start, _, _)| start < src.0);
        let outside = |&&(start, end, _): &&(usize, usize, usize)| !src.contains(Span(start, end));
        let before = list[..at].iter().rev().find(outside);
        let after = list[at..].iter().find(outside);
        let near = match (before, after) {
            (Some(b), Some(f)) if f.0.abs_diff(src.0) < b.0.abs_diff(src.0) => Some(f),
            (Some(b), _) => Some(b),
            (None, f) => f,
        };
        if let Some(&(_, _, group)) = near {
            a.source_group = Some(group);
            a.source_name = Some(found.groups[group].name.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_lower_cased_as_by_the_unicode_rules() {
        let words = [
            "Said",
            "said",
            "ÉLYSÉE",
            "Москва",
            "ЁЛКА",
            "ΟΔΥΣΣΕΑΣ",
            "Σ",
            "ΣΑ",
            "北京",
            "Straße",
            "İstanbul",
            "ǅemal",
            "“Yes”",
            "Ærø",
            "ÿ",
            "🙂",
            "KELVIN\u{212A}",
            "ſupport",
            "",
            "café",
            "naïve",
            "Zoë",
            "—",
            "’s",
            "”",
            "«Élan»",
            "东京Ｔ",
            "👩\u{200d}👩\u{200d}👧",
            "ДОМ-Ёж",
            "ΑΘΗΝΑ",
            "ἈΘῆΝαι",
            "ǄǅǆǇ",
            // Outside ASCII and already lower case, or not: read without a copy or copied.
            "ſ",
            "\u{212A}",
            "ß",
            "ﬁ",
            "Ⅻ",
            "ⅻ",
            "Ⓐ",
            "ⓐ",
            "ǈ",
            "‘",
            "…",
            "é—è",
            "ﾃﾞ",
            "Ａ",
            "ａ",
            "🙂é",
            "\u{130}",
            "i\u{307}",
        ];
        let lowered = lower_case(&words);
        for (w, l) in words.iter().zip(lowered.words(&words)) {
            assert_eq!(l, w.to_lowercase(), "{w}");
        }
    }
}
