//! The one data model: what [`crate::analyze`] returns and what the CLI, the WASM API
//! and the page all consume unchanged. Its JSON form is documented in `SCHEMA.md`.
//!
//! Invariants (checked by `tests/invariants.rs`):
//! - every span is `start <= end` and lies inside [`Analysis::text`], on character
//!   boundaries of the offset unit in use ([`Analysis::offsets`]);
//! - [`Analysis::blocks`] cover every non-blank character of `text` exactly once, in order,
//!   and no block starts or ends with white space;
//! - every entity, and every source, cue and content part of an attribution, lies inside
//!   one block that is analysed ([`BlockClass::Body`] or [`BlockClass::Metadata`]); only
//!   the `content` hull of a quote that runs over several paragraphs spans blocks.

use serde::{Deserialize, Serialize};

/// Start and end (exclusive) offsets into [`Analysis::text`], in the unit named by
/// [`Analysis::offsets`]. Serialised as `[start, end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span(pub usize, pub usize);

impl Span {
    pub fn start(self) -> usize {
        self.0
    }
    pub fn end(self) -> usize {
        self.1
    }
    pub fn len(self) -> usize {
        self.1 - self.0
    }
    pub fn is_empty(self) -> bool {
        self.1 <= self.0
    }
    pub fn contains(self, other: Span) -> bool {
        self.0 <= other.0 && other.1 <= self.1
    }
    pub fn overlaps(self, other: Span) -> bool {
        self.0 < other.1 && other.0 < self.1
    }
}

/// The unit of every offset in an [`Analysis`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OffsetUnit {
    /// UTF-8 bytes: what Rust works in.
    #[default]
    Bytes,
    /// UTF-16 code units: what JavaScript strings index (the page).
    Utf16,
    /// Unicode code points: what Python indexes (the CLI's batch output, the scorers).
    Chars,
}

/// What the input was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    Text,
    Html,
}

/// The result of the pipeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Version of the crate that produced it.
    pub version: String,
    /// Whether the input was read as plain text or HTML.
    pub input: InputKind,
    /// The unit of every offset below.
    pub offsets: OffsetUnit,
    /// The text every span points into: the input itself for text input; the page's
    /// visible text (one block per line) for HTML input.
    pub text: String,
    /// The headline, when one was found (also in `metadata.title`).
    pub title: Option<String>,
    /// Title, byline, date and other facts about the article itself.
    pub metadata: Metadata,
    /// Every block of the input in order, kept or removed, with the reason.
    pub blocks: Vec<Block>,
    /// Sentences of the analysed blocks, in order.
    pub sentences: Vec<Span>,
    /// Tokens, only when [`crate::Options::tokens`] asks for them.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub tokens: Option<Vec<Span>>,
    /// Entity mentions in order of position.
    pub entities: Vec<Entity>,
    /// One group per entity; `Entity::group` indexes this list.
    pub groups: Vec<EntityGroup>,
    /// Who said, reported or claimed what, in order of position.
    pub attributions: Vec<Attribution>,
    /// Counts for the page's stats line.
    pub stats: Stats,
    /// Things the reader should know about the input (e.g. "input was truncated").
    pub warnings: Vec<String>,
}

/// One block: a line of pasted text, or a block element of an HTML page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub start: usize,
    pub end: usize,
    /// The block's structural kind.
    pub kind: BlockKind,
    /// Whether the block is part of the article body (the clean text).
    pub keep: bool,
    /// Body, metadata (title, byline, ...: shown above the article) or boilerplate.
    pub class: BlockClass,
    /// Why the block was kept or removed.
    pub reason: Reason,
    /// How sure the classifier is of `keep`, 0.5 to 1.
    pub confidence: f32,
    /// True when the reader's override decided `keep`.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub overridden: bool,
    /// For HTML input: the element's range in the HTML source, in the same unit.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub source: Option<Span>,
}

impl Block {
    pub fn span(&self) -> Span {
        Span(self.start, self.end)
    }
    /// Whether entities and sources are looked for in this block.
    pub fn analysed(&self) -> bool {
        self.class != BlockClass::Boilerplate
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    Quote,
    Caption,
    Preformatted,
    TableCell,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockClass {
    Body,
    Metadata,
    Boilerplate,
}

/// The closed set of reasons a block is kept or removed. `label()` gives the words the
/// page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    // Kept.
    ArticleText,
    Subheading,
    // Metadata, shown above the body.
    Title,
    Subtitle,
    Byline,
    Dateline,
    // Removed.
    Counter,
    SocialButtons,
    Caption,
    PhotoCredit,
    Newsletter,
    Subscription,
    Donation,
    CookieNotice,
    Legal,
    Navigation,
    RelatedLinks,
    Comments,
    Advertisement,
    AuthorBox,
    ShortFragment,
    OutsideArticle,
    Hidden,
    // The reader's choice.
    ReaderKept,
    ReaderRemoved,
}

impl Reason {
    pub const ALL: [Reason; 25] = [
        Reason::ArticleText,
        Reason::Subheading,
        Reason::Title,
        Reason::Subtitle,
        Reason::Byline,
        Reason::Dateline,
        Reason::Counter,
        Reason::SocialButtons,
        Reason::Caption,
        Reason::PhotoCredit,
        Reason::Newsletter,
        Reason::Subscription,
        Reason::Donation,
        Reason::CookieNotice,
        Reason::Legal,
        Reason::Navigation,
        Reason::RelatedLinks,
        Reason::Comments,
        Reason::Advertisement,
        Reason::AuthorBox,
        Reason::ShortFragment,
        Reason::OutsideArticle,
        Reason::Hidden,
        Reason::ReaderKept,
        Reason::ReaderRemoved,
    ];

    /// The reason in the reader's words.
    pub fn label(self) -> &'static str {
        match self {
            Reason::ArticleText => "article text",
            Reason::Subheading => "subheading",
            Reason::Title => "headline",
            Reason::Subtitle => "standfirst",
            Reason::Byline => "byline",
            Reason::Dateline => "date line",
            Reason::Counter => "share or comment counter",
            Reason::SocialButtons => "social buttons",
            Reason::Caption => "picture caption",
            Reason::PhotoCredit => "photo credit",
            Reason::Newsletter => "newsletter sign-up",
            Reason::Subscription => "subscription appeal",
            Reason::Donation => "donation appeal",
            Reason::CookieNotice => "cookie notice",
            Reason::Legal => "legal or copyright notice",
            Reason::Navigation => "navigation or menu",
            Reason::RelatedLinks => "related links",
            Reason::Comments => "comments",
            Reason::Advertisement => "advertisement",
            Reason::AuthorBox => "author box",
            Reason::ShortFragment => "short fragment outside the article",
            Reason::OutsideArticle => "outside the article",
            Reason::Hidden => "hidden on the page",
            Reason::ReaderKept => "kept by you",
            Reason::ReaderRemoved => "removed by you",
        }
    }

    /// The class of block a reason implies.
    pub fn class(self) -> BlockClass {
        match self {
            Reason::ArticleText | Reason::Subheading | Reason::ReaderKept => BlockClass::Body,
            Reason::Title | Reason::Subtitle | Reason::Byline | Reason::Dateline => {
                BlockClass::Metadata
            }
            _ => BlockClass::Boilerplate,
        }
    }
}

/// Entity types: four learned by the tagger, six found by rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    Person,
    Org,
    Location,
    Misc,
    Date,
    Time,
    Money,
    Percent,
    Quantity,
    Cardinal,
}

impl EntityType {
    pub const ALL: [EntityType; 10] = [
        EntityType::Person,
        EntityType::Org,
        EntityType::Location,
        EntityType::Misc,
        EntityType::Date,
        EntityType::Time,
        EntityType::Money,
        EntityType::Percent,
        EntityType::Quantity,
        EntityType::Cardinal,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Location => "LOCATION",
            EntityType::Misc => "MISC",
            EntityType::Date => "DATE",
            EntityType::Time => "TIME",
            EntityType::Money => "MONEY",
            EntityType::Percent => "PERCENT",
            EntityType::Quantity => "QUANTITY",
            EntityType::Cardinal => "CARDINAL",
        }
    }
    /// Names (people, organisations, places, other names) as opposed to values.
    pub fn is_name(self) -> bool {
        matches!(
            self,
            EntityType::Person | EntityType::Org | EntityType::Location | EntityType::Misc
        )
    }
}

/// One mention of an entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// The mention as written.
    pub text: String,
    /// Index into [`Analysis::groups`].
    pub group: usize,
    /// A title or role written before a person's name ("President"), not part of the span.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub role: Option<String>,
}

impl Entity {
    pub fn span(&self) -> Span {
        Span(self.start, self.end)
    }
}

/// All mentions of one entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityGroup {
    pub id: usize,
    /// The fullest name the text uses ("Sergei Naryshkin", "Korean Central News Agency").
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Indexes into [`Analysis::entities`].
    pub mentions: Vec<usize>,
    /// Other ways the text names it ("Naryshkin", "KCNA").
    pub aliases: Vec<String>,
}

/// Direct quote, indirect (reported) speech, or a mix of both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttributionKind {
    Direct,
    Indirect,
    Mixed,
}

/// The closed set of source types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceType {
    NamedPerson,
    Organisation,
    Government,
    NewsAgency,
    AnonymousOfficial,
    Expert,
    Document,
    Other,
}

impl SourceType {
    pub fn label(self) -> &'static str {
        match self {
            SourceType::NamedPerson => "named person",
            SourceType::Organisation => "organisation",
            SourceType::Government => "government or official body",
            SourceType::NewsAgency => "news agency or state media",
            SourceType::AnonymousOfficial => "unnamed or anonymous official",
            SourceType::Expert => "expert or analyst",
            SourceType::Document => "document, report or statement",
            SourceType::Other => "other",
        }
    }
}

/// Who said, reported or claimed what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// The noun phrase of the source, or `None` when the text names none ("it was reported").
    pub source: Option<Span>,
    /// The speech verb or phrase ("said", "according to", ":").
    pub cue: Span,
    /// The claim: the hull of `content_parts`.
    pub content: Span,
    /// The claim's pieces, in order (more than one when a quote is split by "he said").
    pub content_parts: Vec<Span>,
    pub kind: AttributionKind,
    pub source_type: SourceType,
    /// Index into [`Analysis::groups`] when the source is (or resolves to) a named entity.
    pub source_group: Option<usize>,
    /// The source as the page shows it: the resolved name for a pronoun.
    pub source_name: Option<String>,
}

/// A fact about the article itself, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub value: String,
    /// Where in the text it was found (`None` for a value typed by the reader).
    pub span: Option<Span>,
    pub confidence: f32,
}

/// A picture or media credit ("ALEXEY NIKOLSKY/Sputnik/AFP via Getty Images").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Credit {
    pub span: Span,
    /// Photographers named in the credit.
    pub people: Vec<String>,
    /// Agencies named in the credit.
    pub agencies: Vec<String>,
    /// The caption the credit belongs to, when there is one.
    pub caption: Option<Span>,
}

/// Facts about the article: the title, byline and date shown above the body.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Metadata {
    pub title: Option<Field>,
    pub subtitle: Option<Field>,
    pub authors: Vec<Field>,
    pub publisher: Option<Field>,
    /// As written.
    pub date: Option<Field>,
    /// ISO 8601 when the text allows.
    pub date_iso: Option<String>,
    pub dateline: Option<Field>,
    /// ISO 639-1 guess from stop words ("en", "de", ...), or `None` when unsure.
    pub language: Option<String>,
    pub credits: Vec<Credit>,
    /// The article cited in four styles, from the fields above (see `provenance::cite`).
    #[serde(default)]
    pub citations: Citations,
}

/// "Cite this article": one ready citation per style. Missing fields show as gaps
/// ("(n.d.)", "[Publisher]"), never invented.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Citations {
    pub apa: String,
    pub mla: String,
    pub chicago: String,
    pub bibtex: String,
}

/// Counts for the page's stats line.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Stats {
    pub words_total: usize,
    pub words_kept: usize,
    pub words_removed: usize,
    pub blocks_kept: usize,
    pub blocks_removed: usize,
    /// At 230 words a minute, rounded up.
    pub reading_minutes: usize,
    pub entities: usize,
    pub groups: usize,
    pub attributions: usize,
}
