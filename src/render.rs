//! Output formats for the CLI: Markdown (clean article, entity list, sources) and plain
//! text. JSON is the [`Analysis`] itself, serialised by serde.

use crate::model::{Analysis, BlockClass};
use crate::slice;
use std::fmt::Write;

/// The clean article with its metadata, the entity groups and the sources, as Markdown.
pub fn markdown(a: &Analysis) -> String {
    let mut out = String::new();
    let m = &a.metadata;
    if let Some(t) = &m.title {
        let _ = writeln!(out, "# {}\n", escape(&t.value));
    }
    let mut facts = Vec::new();
    if !m.authors.is_empty() {
        facts.push(format!(
            "By {}",
            m.authors
                .iter()
                .map(|f| f.value.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if let Some(p) = &m.publisher {
        facts.push(p.value.clone());
    }
    if let Some(d) = &m.date {
        facts.push(d.value.clone());
    }
    if !facts.is_empty() {
        let _ = writeln!(out, "*{}*\n", escape(&facts.join(" · ")));
    }
    for b in a.blocks.iter().filter(|b| b.keep) {
        let _ = writeln!(out, "{}\n", escape(slice(a, b.start, b.end)));
    }
    if !a.groups.is_empty() {
        out.push_str("## Entities\n\n");
        for g in &a.groups {
            let _ = write!(
                out,
                "- **{}** ({}, {}×)",
                escape(&g.name),
                g.kind.as_str(),
                g.mentions.len()
            );
            if !g.aliases.is_empty() {
                let _ = write!(out, ": also {}", escape(&g.aliases.join(", ")));
            }
            out.push('\n');
        }
        out.push('\n');
    }
    if !a.attributions.is_empty() {
        out.push_str("## Sources\n\n");
        for at in &a.attributions {
            let source = at.source_name.clone().unwrap_or_else(|| "(unnamed)".into());
            let _ = writeln!(
                out,
                "- **{}** ({}) *{}*: {}",
                escape(&source),
                at.source_type.label(),
                escape(slice(a, at.cue.0, at.cue.1)),
                escape(slice(a, at.content.0, at.content.1))
            );
        }
        out.push('\n');
    }
    out.push_str(&crate::provenance::markdown::section(m));
    let removed: Vec<_> = a
        .blocks
        .iter()
        .filter(|b| b.class == BlockClass::Boilerplate)
        .collect();
    if !removed.is_empty() {
        out.push_str("## Removed\n\n");
        for b in removed {
            let _ = writeln!(
                out,
                "- *{}*: {}",
                b.reason.label(),
                escape(slice(a, b.start, b.end))
            );
        }
    }
    out
}

/// The analysis as a reader would skim it in a terminal.
pub fn text(a: &Analysis) -> String {
    let mut out = String::new();
    if let Some(t) = &a.title {
        let _ = writeln!(out, "{t}\n");
    }
    for b in &a.blocks {
        let s = slice(a, b.start, b.end);
        if b.keep {
            let _ = writeln!(out, "{s}");
        } else {
            let _ = writeln!(out, "  [{}] {}", b.reason.label(), s);
        }
    }
    out.push_str("\nEntities:\n");
    for g in &a.groups {
        let _ = writeln!(
            out,
            "  {} ({}) x{}",
            g.name,
            g.kind.as_str(),
            g.mentions.len()
        );
    }
    out.push_str("\nSources:\n");
    for at in &a.attributions {
        let _ = writeln!(
            out,
            "  {} [{}] {}: {}",
            at.source_name.as_deref().unwrap_or("(unnamed)"),
            at.source_type.label(),
            slice(a, at.cue.0, at.cue.1),
            slice(a, at.content.0, at.content.1)
        );
    }
    out
}

/// Escapes the characters Markdown would read as markup.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
