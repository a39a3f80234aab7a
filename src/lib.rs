//! # Copydesk
//!
//! Paste a news article, get back the article body without its boilerplate, the named
//! entities with their mentions grouped, and the sources the article cites.
//!
//! ```
//! use copydesk::{analyze, Options};
//!
//! let paste = "Share\n\nThe ministry said on Monday that talks would resume.\n\nSign up for our newsletter";
//! let analysis = analyze(paste, &Options::default());
//! let body: Vec<&str> = analysis.blocks.iter().filter(|b| b.keep)
//!     .map(|b| &analysis.text[b.start..b.end]).collect();
//! assert_eq!(body, ["The ministry said on Monday that talks would resume."]);
//! assert_eq!(analysis.attributions.len(), 1);
//! ```
//!
//! ## The pipeline, in the order the data flows
//! 1. [`input`]: plain text or HTML in; a [`input::Document`] (the text and its blocks) out.
//! 2. [`boilerplate`]: a keep/remove decision and reason per block, and the metadata.
//!    [`provenance`] then adds the article's own provenance to it: publisher, authors,
//!    date, dateline, language, picture credits, and ready citations.
//! 3. [`tokens`]: sentences and tokens of the blocks that are analysed.
//! 4. [`entities`]: names and values, and the groups of mentions of one entity.
//! 5. [`sources`]: attributions (source, cue, content).
//! 6. [`offsets`]: every span rewritten to the unit the caller asked for.
//!
//! [`render`] turns an [`Analysis`] into Markdown or plain text for the CLI.

pub mod boilerplate;
pub mod entities;
pub mod input;
pub mod model;
pub mod offsets;
pub mod provenance;
pub mod render;
pub mod sources;
pub mod tokens;

/// Shared by the stages: stable sorting through one copy of the sort code (the page's size).
pub(crate) mod stable_sort;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

/// Seeded pseudo-random numbers (xorshift64: a seed gives the same sequence every run) for
/// the unit tests that check a fast path against the plain one on generated input.
#[cfg(test)]
pub(crate) fn test_numbers(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

pub use model::{
    Analysis, Attribution, AttributionKind, Block, BlockClass, BlockKind, Entity, EntityGroup,
    EntityType, InputKind, Metadata, OffsetUnit, Reason, SourceType, Span,
};

use serde::{Deserialize, Serialize};

/// The largest input analysed, in bytes. Larger input is refused with a clear message by
/// the CLI and the page (the library truncates at a line break and warns).
pub const MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;

/// How the input is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputHint {
    /// HTML when it looks like HTML, else text.
    #[default]
    Auto,
    Text,
    Html,
}

/// Trade-off of the boilerplate stage, like trafilatura's `favor_precision`/`favor_recall`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Favor {
    /// Remove a block only when it is probably boilerplate.
    #[default]
    Balanced,
    /// Keep less: remove borderline blocks too.
    Precision,
    /// Keep more: remove only clear boilerplate.
    Recall,
}

/// Everything that changes what [`analyze`] does. All fields have defaults, so the JSON
/// `{}` is a valid `Options`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    pub input: InputHint,
    /// Treat the whole input as article text: no boilerplate removal.
    pub whole: bool,
    pub favor: Favor,
    /// Indexes of blocks the reader restored (kept whatever the classifier says).
    pub keep: Vec<usize>,
    /// Indexes of blocks the reader removed.
    pub remove: Vec<usize>,
    /// The unit of every offset in the result.
    pub offsets: OffsetUnit,
    /// Include every token's span in the result.
    pub tokens: bool,
}

/// Runs the whole pipeline on `input`.
pub fn analyze(input: &str, options: &Options) -> Analysis {
    let mut warnings = Vec::new();
    let input = if input.len() > MAX_INPUT_BYTES {
        let cut = input[..MAX_INPUT_BYTES].rfind('\n').unwrap_or_else(|| {
            let mut b = MAX_INPUT_BYTES;
            while !input.is_char_boundary(b) {
                b -= 1;
            }
            b
        });
        warnings.push(format!(
            "input is {} bytes; only the first {} bytes were analysed (limit {} MiB)",
            input.len(),
            cut,
            MAX_INPUT_BYTES / (1024 * 1024)
        ));
        &input[..cut]
    } else {
        input
    };

    let document = input::read(input, options.input);
    let mut decided = boilerplate::classify(&document, options);
    decided.metadata = provenance::gather(&document.text, &decided.blocks, decided.metadata);
    let analysed: Vec<Span> = decided
        .blocks
        .iter()
        .filter(|b| b.analysed())
        .map(Block::span)
        .collect();
    let tokenized = tokens::tokenize(&document.text, &analysed);
    let language = decided.metadata.language.as_deref();
    let found = entities::find_in(&document.text, &tokenized, language);
    warnings.extend(found.names_skipped.clone());
    let attributions = sources::find(&document.text, &tokenized, &found);

    let mut stats = model::Stats {
        entities: found.entities.len(),
        groups: found.groups.len(),
        attributions: attributions.len(),
        ..model::Stats::default()
    };
    // Each block's words as the boilerplate stage counted them (no second read of the text).
    for (b, &words) in decided.blocks.iter().zip(&decided.words) {
        stats.words_total += words;
        if b.keep {
            stats.words_kept += words;
            stats.blocks_kept += 1;
        } else {
            stats.words_removed += words;
            stats.blocks_removed += 1;
        }
    }
    stats.reading_minutes = stats.words_kept.div_ceil(230);
    warnings.extend(document.warnings.iter().cloned());

    let mut analysis = Analysis {
        version: env!("CARGO_PKG_VERSION").to_string(),
        input: document.kind,
        offsets: OffsetUnit::Bytes,
        title: decided.metadata.title.as_ref().map(|f| f.value.clone()),
        metadata: decided.metadata,
        blocks: decided.blocks,
        sentences: tokenized.sentences.iter().map(|s| s.span).collect(),
        tokens: options
            .tokens
            .then(|| tokenized.tokens.iter().map(|t| t.span).collect()),
        entities: found.entities,
        groups: found.groups,
        attributions,
        stats,
        warnings,
        text: document.text,
    };
    offsets::convert_sources(&mut analysis, input, options.offsets);
    offsets::convert(&mut analysis, options.offsets);
    analysis
}

/// The article body: the kept blocks, one per line.
pub fn clean_text(analysis: &Analysis) -> String {
    let text = &analysis.text;
    let mut out = String::new();
    // Blocks are in order: one forward walk converts all their offsets (no rescans).
    let mut cursor = offsets::Cursor::new(text, analysis.offsets);
    for b in analysis.blocks.iter().filter(|b| b.keep) {
        let (s, e) = (cursor.to_byte(b.start), cursor.to_byte(b.end));
        out.push_str(&text[s..e.max(s)]);
        out.push('\n');
    }
    out
}

/// The text between two offsets of `analysis`, in whatever unit it uses.
pub fn slice(analysis: &Analysis, start: usize, end: usize) -> &str {
    let text = &analysis.text;
    let s = offsets::to_byte(text, start, analysis.offsets);
    let e = offsets::to_byte(text, end, analysis.offsets);
    &text[s..e.max(s)]
}
