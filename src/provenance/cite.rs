//! "Cite this article": APA 7, MLA 9, Chicago (notes-bibliography, bibliography entry)
//! and BibTeX, built from the title, authors, publisher, date, and optionally the URL and
//! the date the reader accessed it (typed by the reader; never fetched).
//!
//! Nothing is invented. A missing field shows as each style's own gap: no author puts
//! the title first (all three styles); no date is "(n.d.)" in APA, "n.d." in Chicago and
//! "[n.d.]" in MLA; no title is "[Untitled]"; no publisher is "[Publisher]". BibTeX
//! simply leaves the field out, as its tools expect.
//!
//! ```
//! use copydesk::provenance::cite::{cite, CitationFields, Style};
//! let f = CitationFields {
//!     title: Some("Harbour Reopens".into()),
//!     authors: vec!["Jane Doe".into()],
//!     publisher: Some("The Daily Planet".into()),
//!     date_iso: Some("2024-03-28".into()),
//!     ..Default::default()
//! };
//! assert_eq!(cite(&f, Style::Apa), "Doe, J. (2024, March 28). Harbour Reopens. The Daily Planet.");
//! ```

use super::dates::{parse_absolute, DateParts};
use super::titlecase;
use crate::model::{Citations, Metadata};
use serde::{Deserialize, Serialize};

/// What a citation is built from. Every field is optional; empty strings count as
/// missing. This is also the shape the page's `cite()` takes.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CitationFields {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    /// ISO 8601: "2024-03-28", "2024-03" or "2024".
    pub date_iso: Option<String>,
    /// The date as written; read when `date_iso` is missing and it is a full date.
    pub date: Option<String>,
    pub url: Option<String>,
    /// When the reader accessed the page (ISO 8601 or a written date).
    pub accessed: Option<String>,
}

impl CitationFields {
    /// The fields Copydesk found in the article (no URL, no access date).
    pub fn from_metadata(m: &Metadata) -> Self {
        CitationFields {
            title: m.title.as_ref().map(|f| f.value.clone()),
            authors: m.authors.iter().map(|f| f.value.clone()).collect(),
            publisher: m.publisher.as_ref().map(|f| f.value.clone()),
            date_iso: m.date_iso.clone(),
            date: m.date.as_ref().map(|f| f.value.clone()),
            url: None,
            accessed: None,
        }
    }
}

/// The citation styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    /// APA 7th edition, reference list entry.
    Apa,
    /// MLA 9th edition, works-cited entry.
    Mla,
    /// Chicago 17th edition, notes-bibliography style, bibliography entry.
    Chicago,
    /// A BibTeX entry: `@online` with a URL, else `@article`.
    Bibtex,
}

/// All four citations.
pub fn all(fields: &CitationFields) -> Citations {
    Citations {
        apa: cite(fields, Style::Apa),
        mla: cite(fields, Style::Mla),
        chicago: cite(fields, Style::Chicago),
        bibtex: cite(fields, Style::Bibtex),
    }
}

/// One citation in `style`.
pub fn cite(fields: &CitationFields, style: Style) -> String {
    let f = Clean::from(fields);
    match style {
        Style::Apa => apa(&f),
        Style::Mla => mla(&f),
        Style::Chicago => chicago(&f),
        Style::Bibtex => bibtex(&f),
    }
}

/// The visible gaps.
const NO_TITLE: &str = "[Untitled]";
const NO_PUBLISHER: &str = "[Publisher]";

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// MLA abbreviates months longer than four letters.
const MLA_MONTHS: [&str; 12] = [
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
];
const BIBTEX_MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The fields trimmed, with empty ones dropped and dates read.
struct Clean {
    title: Option<String>,
    authors: Vec<Name>,
    publisher: Option<String>,
    date: Option<DateParts>,
    url: Option<String>,
    accessed: Option<DateParts>,
    accessed_raw: Option<String>,
}

impl From<&CitationFields> for Clean {
    fn from(f: &CitationFields) -> Self {
        let some = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let date = some(&f.date_iso)
            .and_then(|d| parse_iso(&d))
            .or_else(|| some(&f.date).and_then(|d| parse_absolute(&d)));
        let accessed_raw = some(&f.accessed);
        Clean {
            title: some(&f.title),
            authors: f
                .authors
                .iter()
                .map(|a| a.trim())
                .filter(|a| !a.is_empty())
                .map(Name::parse)
                .collect(),
            publisher: some(&f.publisher),
            date,
            url: some(&f.url),
            accessed: accessed_raw
                .as_deref()
                .and_then(|a| parse_iso(a).or_else(|| parse_absolute(a))),
            accessed_raw,
        }
    }
}

/// "2024-03-28", "2024-03", "2024".
fn parse_iso(s: &str) -> Option<DateParts> {
    let s = s.get(..10.min(s.len()))?;
    let mut it = s.split('-');
    let year = it
        .next()?
        .parse::<i32>()
        .ok()
        .filter(|y| (1000..=2999).contains(y))?;
    let month = match it.next() {
        Some(m) => Some(m.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let day = match it.next() {
        Some(d) => Some(d.parse::<u32>().ok().filter(|d| (1..=31).contains(d))?),
        None => None,
    };
    Some(DateParts {
        year: Some(year),
        month,
        day,
    })
}

/// An author: a person (given names, family name with its particles, suffix) or a group
/// ("The Associated Press", "Reuters"), which no style inverts.
#[derive(Debug, Clone, PartialEq)]
enum Name {
    Person {
        given: String,
        family: String,
        suffix: Option<String>,
    },
    Group(String),
}

/// Lowercase particles that belong to the family name ("van der Berg").
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "da", "di", "du", "del", "della", "la", "le", "ter", "ten",
    "bin", "al", "el",
];
const SUFFIXES: &[&str] = &["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"];
/// Words that make an author a group, not a person.
const GROUP_WORDS: &[&str] = &[
    "press",
    "news",
    "agency",
    "media",
    "times",
    "staff",
    "service",
    "associated",
    "reuters",
    "bureau",
    "desk",
    "team",
    "editors",
    "editorial",
    "board",
    "post",
    "journal",
    "herald",
];

impl Name {
    fn parse(s: &str) -> Name {
        let s = titlecase(s);
        let lower = s.to_lowercase();
        let ws: Vec<&str> = s.split_whitespace().collect();
        if ws.len() < 2
            || lower.starts_with("the ")
            || lower.split_whitespace().any(|w| GROUP_WORDS.contains(&w))
        {
            return Name::Group(s);
        }
        if let Some((family, given)) = s.split_once(',') {
            // Already "Doe, Jane".
            return Name::Person {
                given: given.trim().to_string(),
                family: family.trim().to_string(),
                suffix: None,
            };
        }
        let mut ws = ws;
        let suffix = ws
            .last()
            .filter(|w| SUFFIXES.contains(w) && ws.len() > 2)
            .map(|w| w.to_string());
        if suffix.is_some() {
            ws.pop();
        }
        let mut cut = ws.len() - 1;
        while cut > 1 && PARTICLES.contains(&ws[cut - 1]) {
            cut -= 1;
        }
        Name::Person {
            given: ws[..cut].join(" "),
            family: ws[cut..].join(" "),
            suffix,
        }
    }

    /// "Doe, J. A." (APA).
    fn apa(&self) -> String {
        match self {
            Name::Group(g) => g.clone(),
            Name::Person {
                given,
                family,
                suffix,
            } => {
                let initials: Vec<String> = given
                    .split_whitespace()
                    .map(|w| {
                        w.split('-')
                            .filter_map(|p| p.chars().next())
                            .map(|c| format!("{c}."))
                            .collect::<Vec<_>>()
                            .join("-")
                    })
                    .collect();
                let mut out = format!("{family}, {}", initials.join(" "));
                if let Some(s) = suffix {
                    out.push_str(&format!(", {s}"));
                }
                out
            }
        }
    }

    /// "Doe, Jane" (first author in MLA and Chicago).
    fn inverted(&self) -> String {
        match self {
            Name::Group(g) => g.clone(),
            Name::Person {
                given,
                family,
                suffix,
            } => match suffix {
                Some(s) => format!("{family}, {given}, {s}"),
                None => format!("{family}, {given}"),
            },
        }
    }

    /// "Jane Doe".
    fn direct(&self) -> String {
        match self {
            Name::Group(g) => g.clone(),
            Name::Person {
                given,
                family,
                suffix,
            } => match suffix {
                Some(s) => format!("{given} {family} {s}"),
                None => format!("{given} {family}"),
            },
        }
    }

    fn family(&self) -> &str {
        match self {
            Name::Group(g) => g,
            Name::Person { family, .. } => family,
        }
    }
}

/// Ends `s` with a period unless it already ends with a stop.
fn period(s: &str) -> String {
    if s.ends_with(['.', '?', '!']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// A title inside double quotes with its closing period inside too (MLA, Chicago).
fn quoted_title(t: &str) -> String {
    let t = t.replace(['"', '“', '”'], "'");
    format!("\u{201c}{}\u{201d}", period(&t))
}

fn apa(f: &Clean) -> String {
    let date = match f.date {
        Some(DateParts {
            year: Some(y),
            month: Some(m),
            day: Some(d),
        }) => {
            format!("({y}, {} {d})", MONTHS[m as usize - 1])
        }
        Some(DateParts {
            year: Some(y),
            month: Some(m),
            ..
        }) => format!("({y}, {})", MONTHS[m as usize - 1]),
        Some(DateParts { year: Some(y), .. }) => format!("({y})"),
        _ => "(n.d.)".to_string(),
    };
    let title = period(f.title.as_deref().unwrap_or(NO_TITLE));
    let publisher = period(f.publisher.as_deref().unwrap_or(NO_PUBLISHER));
    let mut parts = Vec::new();
    if f.authors.is_empty() {
        // No author: the title takes the author's place.
        parts.push(title);
        parts.push(format!("{date}."));
    } else {
        let names: Vec<String> = f.authors.iter().map(Name::apa).collect();
        let authors = match names.len() {
            1 => names[0].clone(),
            2 => format!("{}, & {}", names[0], names[1]),
            n if n <= 20 => format!("{}, & {}", names[..n - 1].join(", "), names[n - 1]),
            n => format!("{}, . . . {}", names[..19].join(", "), names[n - 1]),
        };
        parts.push(period(&authors));
        parts.push(format!("{date}."));
        parts.push(title);
    }
    // A group author that is also the publisher is named once (APA 7, 9.25).
    let same = f.publisher.is_some()
        && f.authors.len() == 1
        && f.publisher.as_deref() == Some(f.authors[0].direct().as_str());
    if !same {
        parts.push(publisher);
    }
    if let Some(u) = &f.url {
        parts.push(u.clone());
    }
    parts.join(" ")
}

fn mla(f: &Clean) -> String {
    let mut out = String::new();
    match f.authors.len() {
        0 => {}
        1 => out.push_str(&period(&f.authors[0].inverted())),
        2 => out.push_str(&period(&format!(
            "{}, and {}",
            f.authors[0].inverted(),
            f.authors[1].direct()
        ))),
        _ => out.push_str(&format!("{}, et al.", f.authors[0].inverted())),
    }
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(
        &f.title
            .as_deref()
            .map_or(format!("{NO_TITLE}."), quoted_title),
    );
    let mut container = vec![f
        .publisher
        .clone()
        .unwrap_or_else(|| NO_PUBLISHER.to_string())];
    container.push(match f.date {
        Some(DateParts {
            year: Some(y),
            month: Some(m),
            day: Some(d),
        }) => {
            format!("{d} {} {y}", MLA_MONTHS[m as usize - 1])
        }
        Some(DateParts {
            year: Some(y),
            month: Some(m),
            ..
        }) => format!("{} {y}", MLA_MONTHS[m as usize - 1]),
        Some(DateParts { year: Some(y), .. }) => y.to_string(),
        _ => "[n.d.]".to_string(),
    });
    if let Some(u) = &f.url {
        let u = u
            .trim_start_matches("https://")
            .trim_start_matches("http://");
        container.push(u.to_string());
    }
    out.push(' ');
    out.push_str(&period(&container.join(", ")));
    if let Some(a) = accessed(f, |d, m, y| {
        format!("{d} {} {y}", MLA_MONTHS[m as usize - 1])
    }) {
        out.push_str(&format!(" Accessed {a}."));
    }
    out
}

fn chicago(f: &Clean) -> String {
    let mut out = String::new();
    let n = f.authors.len();
    let names = |k: usize| -> String {
        let mut v: Vec<String> = vec![f.authors[0].inverted()];
        v.extend(f.authors[1..k].iter().map(Name::direct));
        v.join(", ")
    };
    match n {
        0 => {}
        1 => out.push_str(&period(&f.authors[0].inverted())),
        2 => out.push_str(&period(&format!(
            "{}, and {}",
            f.authors[0].inverted(),
            f.authors[1].direct()
        ))),
        3..=10 => out.push_str(&period(&format!(
            "{}, and {}",
            names(n - 1),
            f.authors[n - 1].direct()
        ))),
        _ => out.push_str(&format!("{}, et al.", names(7))),
    }
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(
        &f.title
            .as_deref()
            .map_or(format!("{NO_TITLE}."), quoted_title),
    );
    let date = match f.date {
        Some(DateParts {
            year: Some(y),
            month: Some(m),
            day: Some(d),
        }) => {
            format!("{} {d}, {y}", MONTHS[m as usize - 1])
        }
        Some(DateParts {
            year: Some(y),
            month: Some(m),
            ..
        }) => format!("{} {y}", MONTHS[m as usize - 1]),
        Some(DateParts { year: Some(y), .. }) => y.to_string(),
        _ => "n.d.".to_string(),
    };
    out.push(' ');
    out.push_str(&period(&format!(
        "{}, {}",
        f.publisher.as_deref().unwrap_or(NO_PUBLISHER),
        date
    )));
    if f.date.is_none() {
        // Chicago asks for the access date when the source has no date.
        if let Some(a) = accessed(f, |d, m, y| format!("{} {d}, {y}", MONTHS[m as usize - 1])) {
            out.push_str(&format!(" Accessed {a}."));
        }
    }
    if let Some(u) = &f.url {
        out.push_str(&format!(" {}", period(u)));
    }
    out
}

/// The access date in a style's shape, or as the reader wrote it.
fn accessed(f: &Clean, shape: impl Fn(u32, u32, i32) -> String) -> Option<String> {
    match f.accessed {
        Some(DateParts {
            year: Some(y),
            month: Some(m),
            day: Some(d),
        }) => Some(shape(d, m, y)),
        _ => f.accessed_raw.clone(),
    }
}

fn bibtex(f: &Clean) -> String {
    let first = f
        .authors
        .first()
        .map_or("anon".to_string(), |a| ascii_key(a.family()));
    let year = f
        .date
        .and_then(|d| d.year)
        .map_or("nd".to_string(), |y| y.to_string());
    let word = f
        .title
        .as_deref()
        .and_then(|t| {
            t.split_whitespace()
                .map(ascii_key)
                .find(|w| !w.is_empty() && !["the", "a", "an"].contains(&w.as_str()))
        })
        .unwrap_or_default();
    let kind = if f.url.is_some() { "online" } else { "article" };
    let mut lines = Vec::new();
    if !f.authors.is_empty() {
        let names: Vec<String> = f
            .authors
            .iter()
            .map(|a| match a {
                Name::Group(g) => format!("{{{}}}", tex(g)),
                p => tex(&p.inverted()),
            })
            .collect();
        lines.push(format!("  author = {{{}}}", names.join(" and ")));
    }
    if let Some(t) = &f.title {
        lines.push(format!("  title = {{{{{}}}}}", tex(t)));
    }
    if let Some(p) = &f.publisher {
        let key = if f.url.is_some() {
            "organization"
        } else {
            "journal"
        };
        lines.push(format!("  {key} = {{{}}}", tex(p)));
    }
    if let Some(d) = f.date {
        if let Some(iso) = iso_partial(d) {
            lines.push(format!("  date = {{{iso}}}"));
        }
        if let Some(y) = d.year {
            lines.push(format!("  year = {{{y}}}"));
        }
        if let Some(m) = d.month {
            lines.push(format!("  month = {}", BIBTEX_MONTHS[m as usize - 1]));
        }
    }
    if let Some(u) = &f.url {
        lines.push(format!("  url = {{{}}}", u.replace(['{', '}'], "")));
    }
    if let Some(a) = f
        .accessed
        .and_then(iso_partial)
        .or_else(|| f.accessed_raw.clone())
    {
        lines.push(format!("  urldate = {{{}}}", tex(&a)));
    }
    format!("@{kind}{{{first}{year}{word},\n{}\n}}", lines.join(",\n"))
}

fn iso_partial(d: DateParts) -> Option<String> {
    match (d.year, d.month, d.day) {
        (Some(y), Some(m), Some(day)) => Some(format!("{y:04}-{m:02}-{day:02}")),
        (Some(y), Some(m), None) => Some(format!("{y:04}-{m:02}")),
        (Some(y), None, _) => Some(format!("{y:04}")),
        _ => None,
    }
}

/// Lowercase ASCII letters and digits of `s`, for a BibTeX key.
fn ascii_key(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Escapes the characters TeX reads as commands.
fn tex(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '{' | '}' | '\\' => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_into_parts() {
        assert_eq!(Name::parse("Jane Ann Doe").apa(), "Doe, J. A.");
        assert_eq!(Name::parse("Jean-Paul Martin").apa(), "Martin, J.-P.");
        assert_eq!(
            Name::parse("Ludwig van Berg").inverted(),
            "van Berg, Ludwig"
        );
        assert_eq!(Name::parse("John Roe Jr.").inverted(), "Roe, John, Jr.");
        assert_eq!(Name::parse("JANE DOE").direct(), "Jane Doe");
        assert_eq!(
            Name::parse("The Associated Press"),
            Name::Group("The Associated Press".into())
        );
        assert_eq!(Name::parse("Reuters"), Name::Group("Reuters".into()));
    }

    #[test]
    fn iso_dates_partial() {
        assert_eq!(parse_iso("2024-03").unwrap().month, Some(3));
        assert_eq!(parse_iso("2024-03-28T10:00:00Z").unwrap().day, Some(28));
        assert!(parse_iso("March").is_none());
        assert!(parse_iso("2024-13-01").is_none());
    }

    #[test]
    fn tex_escapes() {
        assert_eq!(tex("Smith & Sons {50%}"), "Smith \\& Sons 50\\%");
    }
}
