//! The provenance as a Markdown section for the CLI's `--format markdown`: each field
//! with its confidence, the picture credits, and the four citations.

use crate::model::{Field, Metadata};
use crate::render::escape;
use std::fmt::Write;

/// "## Provenance" with every field the text gave, and "### Cite this article".
pub fn section(m: &Metadata) -> String {
    let mut out = String::from("## Provenance\n\n");
    let line = |out: &mut String, label: &str, f: Option<&Field>| match f {
        Some(f) => {
            let _ = writeln!(out, "- {label}: {} ({:.2})", escape(&f.value), f.confidence);
        }
        None => {
            let _ = writeln!(out, "- {label}: (not found)");
        }
    };
    line(&mut out, "Publisher", m.publisher.as_ref());
    if m.authors.is_empty() {
        out.push_str("- Authors: (not found)\n");
    } else {
        let names: Vec<String> = m
            .authors
            .iter()
            .map(|a| format!("{} ({:.2})", escape(&a.value), a.confidence))
            .collect();
        let _ = writeln!(out, "- Authors: {}", names.join(", "));
    }
    match (&m.date, &m.date_iso) {
        (Some(d), Some(iso)) => {
            let _ = writeln!(
                out,
                "- Date: {} = {iso} ({:.2})",
                escape(&d.value),
                d.confidence
            );
        }
        (Some(d), None) => {
            let _ = writeln!(
                out,
                "- Date: {} (no full date to convert) ({:.2})",
                escape(&d.value),
                d.confidence
            );
        }
        _ => out.push_str("- Date: (not found)\n"),
    }
    line(&mut out, "Dateline", m.dateline.as_ref());
    let _ = writeln!(
        out,
        "- Language: {}",
        m.language.as_deref().unwrap_or("(unsure)")
    );
    if !m.credits.is_empty() {
        out.push_str("- Picture credits (not sources of the story's claims):\n");
        for c in &m.credits {
            let mut who = Vec::new();
            if !c.people.is_empty() {
                who.push(format!("by {}", escape(&c.people.join(", "))));
            }
            if !c.agencies.is_empty() {
                who.push(format!("agencies {}", escape(&c.agencies.join(", "))));
            }
            let _ = writeln!(
                out,
                "  - {}{}",
                who.join("; "),
                if c.caption.is_some() {
                    " (with caption)"
                } else {
                    ""
                }
            );
        }
    }
    let c = &m.citations;
    if !c.apa.is_empty() {
        out.push_str("\n### Cite this article\n\n");
        let _ = writeln!(out, "- APA: {}", escape(&c.apa));
        let _ = writeln!(out, "- MLA: {}", escape(&c.mla));
        let _ = writeln!(out, "- Chicago: {}", escape(&c.chicago));
        let _ = writeln!(out, "\n```bibtex\n{}\n```", c.bibtex);
    }
    out.push('\n');
    out
}
