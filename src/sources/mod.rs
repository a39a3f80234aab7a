//! Stage 5: sources. Finds attributions (who said, reported or claimed what) in the
//! analysed sentences: a cue (a reporting verb, "according to", a headline dash or colon),
//! the source noun phrase, and the content. Types the source and links it to an entity
//! group; resolves pronoun sources to the nearest compatible person or group.
//!
//! Hands on attributions in order of position; every span lies inside one block.

pub mod cues;

use crate::entities::Found;
use crate::model::{Attribution, AttributionKind, EntityType, SourceType, Span};
use crate::tokens::Tokenized;
use cues::{CueKind, Cues};

/// Finds the attributions of the tokenized text.
pub fn find(text: &str, tokenized: &Tokenized, found: &Found) -> Vec<Attribution> {
    let cues = cues::get();
    let mut out = Vec::new();
    let mut last_person: Option<usize> = None;
    for sentence in &tokenized.sentences {
        let toks = tokenized.sentence_tokens(sentence);
        let words: Vec<&str> = toks.iter().map(|t| &text[t.span.0..t.span.1]).collect();
        let mut i = 0;
        let mut found_here = false;
        while i < words.len() {
            let Some((cue_len, kind)) = cues.match_at(&words, i) else {
                i += 1;
                continue;
            };
            let cue = Span(toks[i].span.0, toks[i + cue_len - 1].span.1);
            let attribution = match kind {
                CueKind::According => according(text, toks, &words, i, cue_len, cue),
                CueKind::Verb => verb(text, toks, &words, i, cue_len, cue, cues),
            };
            if let Some(mut a) = attribution {
                type_source(text, &mut a, found, &mut last_person, cues);
                out.push(a);
                found_here = true;
                i += cue_len;
                continue;
            }
            i += 1;
        }
        if !found_here {
            if let Some(a) = headline(text, toks, &words) {
                let mut a = a;
                type_source(text, &mut a, found, &mut last_person, cues);
                out.push(a);
            }
        }
        // Track the last named person for pronoun resolution.
        for e in &found.entities {
            if e.kind == EntityType::Person && sentence.span.contains(e.span()) {
                last_person = Some(e.group);
            }
        }
    }
    out
}

/// "according to X, Y" and "Y, according to X".
fn according(
    text: &str,
    toks: &[crate::tokens::Token],
    words: &[&str],
    i: usize,
    cue_len: usize,
    cue: Span,
) -> Option<Attribution> {
    let src_from = i + cue_len;
    let src_to = (src_from..words.len())
        .find(|&j| {
            matches!(
                words[j],
                "," | "." | ";" | "—" | "–" | "which" | "who" | ":"
            )
        })
        .unwrap_or(words.len());
    if src_to <= src_from {
        return None;
    }
    let source = Span(toks[src_from].span.0, toks[src_to - 1].span.1);
    let content = if i > 1 {
        // Content before: drop the comma before the cue.
        let mut end = i;
        while end > 0 && matches!(words[end - 1], "," | "—" | "–") {
            end -= 1;
        }
        (end > 0).then(|| Span(toks[0].span.0, toks[end - 1].span.1))?
    } else {
        let from = if src_to < words.len() && words[src_to] == "," {
            src_to + 1
        } else {
            src_to
        };
        let to = words.len() - usize::from(words.last() == Some(&"."));
        if from >= to {
            return None;
        }
        Span(toks[from].span.0, toks[to - 1].span.1)
    };
    Some(attribution(text, Some(source), cue, content))
}

/// "X said (that) Y", "Y, X said", "Y, said X", "X told Z that Y".
fn verb(
    text: &str,
    toks: &[crate::tokens::Token],
    words: &[&str],
    i: usize,
    cue_len: usize,
    cue: Span,
    cues: &Cues,
) -> Option<Attribution> {
    let after = i + cue_len;
    // Source before the cue: the noun phrase ending right before it.
    let np_start = noun_phrase_start(words, i, cues);
    let source_before = (np_start < i).then(|| Span(toks[np_start].span.0, toks[i - 1].span.1));
    let end = words.len() - usize::from(matches!(words.last(), Some(&".")));
    // Content before the source: "Y, X said."
    let comma_before = np_start > 0 && matches!(words[np_start - 1], "," | "”" | "\"");
    if comma_before && np_start >= 2 {
        let mut e = np_start - 1;
        while e > 0 && matches!(words[e - 1], ",") {
            e -= 1;
        }
        if e == 0 {
            return None;
        }
        let content = Span(toks[0].span.0, toks[e - 1].span.1);
        let mut a = attribution(text, source_before, cue, content);
        // A quote that goes on after "the KCNA said, “…”".
        if after < end && matches!(words[after], ",") && after + 1 < end {
            let rest = Span(toks[after + 1].span.0, toks[end - 1].span.1);
            a.content_parts.push(rest);
            a.content = Span(content.0, rest.1);
            a.kind = kind_of(text, &a.content_parts);
        }
        return Some(a);
    }
    // "Y, said X": inverted order.
    if i > 1 && matches!(words[i - 1], ",") && after < end {
        let src_end = (after..end)
            .find(|&j| matches!(words[j], "," | ";" | "—"))
            .unwrap_or(end);
        let source = Span(toks[after].span.0, toks[src_end - 1].span.1);
        let content = Span(toks[0].span.0, toks[i - 2].span.1);
        return Some(attribution(text, Some(source), cue, content));
    }
    // "X said (that) Y": content after the cue.
    let source = source_before?;
    let mut from = after;
    // Skip an indirect object ("told reporters", "told Reuters") and adjuncts like "on Thursday".
    while from < end
        && cues
            .skip_after_cue
            .contains(&words[from].to_lowercase().as_str())
    {
        from += 1;
    }
    if from < end && matches!(words[from], "," | ":") {
        from += 1;
    }
    if from >= end {
        return None;
    }
    let content = Span(toks[from].span.0, toks[end - 1].span.1);
    Some(attribution(text, Some(source), cue, content))
}

/// Where the source noun phrase before token `i` starts (`i` when there is none).
fn noun_phrase_start(words: &[&str], i: usize, cues: &Cues) -> usize {
    let mut s = i;
    while s > 0 {
        let w = words[s - 1];
        let lower = w.to_lowercase();
        let np_word = w.chars().next().is_some_and(|c| c.is_alphanumeric())
            || matches!(w, "’s" | "'s" | "-" | "&");
        if !np_word || cues.clause_words.contains(&lower.as_str()) {
            break;
        }
        s -= 1;
        if cues.pronouns.contains(&lower.as_str()) {
            break;
        }
    }
    s
}

/// Headlines of the form "Claim – Source" ("… Visited North Korea – State Media").
fn headline(text: &str, toks: &[crate::tokens::Token], words: &[&str]) -> Option<Attribution> {
    let dash = words
        .iter()
        .rposition(|w| matches!(*w, "–" | "—" | "-" | ":"))?;
    if dash == 0
        || dash + 1 >= words.len()
        || words.len() - dash > 5
        || words.iter().any(|w| *w == ".")
    {
        return None;
    }
    let tail: Vec<&str> = words[dash + 1..].to_vec();
    let media = tail.iter().any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "media" | "report" | "reports" | "agency" | "officials" | "says" | "tv" | "news"
        )
    });
    if !media {
        return None;
    }
    let source = Span(toks[dash + 1].span.0, toks[words.len() - 1].span.1);
    let content = Span(toks[0].span.0, toks[dash - 1].span.1);
    let cue = toks[dash].span;
    Some(attribution(text, Some(source), cue, content))
}

fn attribution(text: &str, source: Option<Span>, cue: Span, content: Span) -> Attribution {
    let parts = vec![content];
    Attribution {
        source,
        cue,
        content,
        kind: kind_of(text, &parts),
        content_parts: parts,
        source_type: SourceType::Other,
        source_group: None,
        source_name: source.map(|s| text[s.0..s.1].to_string()),
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

/// Sets `source_type`, `source_group` and `source_name`.
fn type_source(
    text: &str,
    a: &mut Attribution,
    found: &Found,
    last_person: &mut Option<usize>,
    cues: &Cues,
) {
    let Some(src) = a.source else {
        a.source_type = SourceType::Other;
        return;
    };
    let s = &text[src.0..src.1];
    let lower = s.to_lowercase();
    // The entity inside the source phrase that heads it (the last one).
    let entity = found
        .entities
        .iter()
        .filter(|e| e.kind.is_name() && src.contains(e.span()))
        .max_by_key(|e| (e.end, e.end - e.start));
    if cues.pronouns.contains(&lower.as_str()) {
        if matches!(lower.as_str(), "he" | "she") {
            if let Some(g) = *last_person {
                a.source_group = Some(g);
                a.source_name = Some(found.groups[g].name.clone());
                a.source_type = SourceType::NamedPerson;
                return;
            }
        }
        a.source_type = SourceType::Other;
        return;
    }
    a.source_group = entity.map(|e| e.group);
    if let Some(e) = entity {
        if e.kind == EntityType::Person && e.end == src.1 {
            *last_person = Some(e.group);
        }
    }
    a.source_type = cues.source_type(&lower, entity.map(|e| e.kind));
    if let (
        Some(g),
        SourceType::NamedPerson
        | SourceType::NewsAgency
        | SourceType::Organisation
        | SourceType::Government,
    ) = (a.source_group, a.source_type)
    {
        a.source_name = Some(found.groups[g].name.clone());
    }
}
