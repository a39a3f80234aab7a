//! The article's date and dateline. The date is read from the short lines that carry
//! it ("Published 28.03.2024", "Updated March 28, 2024", "Thu 28 Mar 2024 10.02 GMT"),
//! never from the prose: "talks on March 25" dates an event, not the article. It is kept
//! as written and converted to ISO 8601 only when the text gives year, month and day.
//! A relative date ("Thursday") is resolved only when a full date elsewhere on the page
//! anchors it; "2 hours ago" and "yesterday" depend on when the page was read, so they
//! are never resolved. The dateline is the place (and wire agency) that opens the story:
//! "MOSCOW (Reuters) —", "PARIS —", "KYIV, Ukraine, March 28 (AP) —".

use super::{field, letters_of, words, Glance};
use crate::boilerplate::patterns::{folds_into_ascii, Lazy};
use crate::model::{Block, Field};
use crate::tokens::is_regex_word;
use regex::RegexSet;
use std::sync::OnceLock;

/// Month names and abbreviations in the languages of the pages we see, with the month.
/// One table so that every date shape below reads all of them.
const MONTHS: &[(&str, u32)] = &[
    // English
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("mär", 3),
    ("okt", 10),
    ("dez", 12),
    // French
    ("janvier", 1),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    // Spanish
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    // Italian
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
];

/// Weekday names and abbreviations, Monday = 0. A weekday alone is a relative date.
const WEEKDAYS: &[(&str, u32)] = &[
    ("monday", 0),
    ("tuesday", 1),
    ("wednesday", 2),
    ("thursday", 3),
    ("friday", 4),
    ("saturday", 5),
    ("sunday", 6),
    ("mon", 0),
    ("tue", 1),
    ("tues", 1),
    ("wed", 2),
    ("thu", 3),
    ("thur", 3),
    ("thurs", 3),
    ("fri", 4),
    ("sat", 5),
    ("sun", 6),
    ("montag", 0),
    ("dienstag", 1),
    ("mittwoch", 2),
    ("donnerstag", 3),
    ("freitag", 4),
    ("samstag", 5),
    ("sonntag", 6),
    ("lundi", 0),
    ("mardi", 1),
    ("mercredi", 2),
    ("jeudi", 3),
    ("vendredi", 4),
    ("samedi", 5),
    ("dimanche", 6),
    ("lunes", 0),
    ("martes", 1),
    ("miércoles", 2),
    ("jueves", 3),
    ("viernes", 4),
    ("sábado", 5),
    ("domingo", 6),
    ("lunedì", 0),
    ("martedì", 1),
    ("mercoledì", 2),
    ("giovedì", 3),
    ("venerdì", 4),
    ("sabato", 5),
    ("domenica", 6),
];

/// Words that depend on the moment the page was read ("yesterday", and "2 hours ago" with
/// the units below): never resolved to a date.
const RELATIVE_WORDS: &str =
    "today|yesterday|tonight|just now|heute|gestern|aujourd'hui|hier|oggi|ieri|hoy|ayer|hoje|ontem";
const RELATIVE_UNITS: &str = "seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?";

/// Words that say the date next to them is the article's own: publication first, then
/// update (a citation wants the publication date when both are there).
const PUBLISHED_CUES: &str = r"(?i)\b(?:first published|published|posted|erschienen|veröffentlicht|publié|pubblicato|publicado|gepubliceerd|date)\b[\s:]*(?:on|am|le|il|el|em|op)?\s*";
const UPDATED_CUES: &str = r"(?i)\b(?:last updated|updated|last modified|modified|aktualisiert|mis à jour|aggiornato|actualizado|atualizado|bijgewerkt)\b[\s:]*(?:on|am|le|il|el|em|op)?\s*";

/// ASCII parts of the cue words above, one of which every cue contains (ASCII case
/// ignored): a line without any is not searched for cues, so a page without them never
/// compiles the cue patterns.
const PUBLISHED_NEEDLES: &[&str] = &[
    "publi",
    "pubbl",
    "posted",
    "erschienen",
    "ffentlicht",
    "date",
];
const UPDATED_NEEDLES: &[&str] = &[
    "updated",
    "modified",
    "aktualisiert",
    "jour",
    "aggiornato",
    "actualizado",
    "atualizado",
    "bijgewerkt",
];

/// All-capital words that open a paragraph like a dateline but are labels, not places.
const NOT_PLACES: &[&str] = &[
    "BREAKING",
    "BREAKING NEWS",
    "UPDATE",
    "UPDATED",
    "EXCLUSIVE",
    "WATCH",
    "LISTEN",
    "VIDEO",
    "PHOTOS",
    "ANALYSIS",
    "OPINION",
    "EDITOR'S NOTE",
    "EDITORS NOTE",
    "LIVE",
    "CORRECTION",
    "FILE",
    "NOTE",
    "READ MORE",
    "ADVERTISEMENT",
    "SPONSORED",
    "FACT CHECK",
    "COMMENT",
    "Q",
    "A",
    "FAQ",
    "TL;DR",
    "PS",
    "RELATED",
    "SEE ALSO",
];

/// First words of an all-capital opener that is a label or salutation ("DEAR ABBY:").
const NOT_PLACE_OPENERS: &[&str] = &[
    "DEAR",
    "BREAKING",
    "UPDATE",
    "EXCLUSIVE",
    "WATCH",
    "LISTEN",
    "PHOTOS",
    "VIDEO",
    "LIVE",
    "NOTE",
    "EDITOR'S",
    "EDITORS",
    "READ",
    "SEE",
    "CORRECTION",
    "CLARIFICATION",
];

/// A date as far as the text gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateParts {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl DateParts {
    /// ISO 8601 ("2024-03-28"), only for a complete, valid date.
    pub fn iso(&self) -> Option<String> {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) if valid(y, m, d) => Some(format!("{y:04}-{m:02}-{d:02}")),
            _ => None,
        }
    }
}

/// What a date mention says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Year, month and day ("March 28, 2024", "28.03.2024").
    Full(DateParts),
    /// Day and month without a year ("March 28"), or a numeric date whose day and month
    /// cannot be told apart ("03/04/2024"): needs an anchor or stays unresolved.
    Partial(DateParts),
    /// A weekday alone ("Thursday"), Monday = 0.
    Weekday(u32),
    /// "yesterday", "2 hours ago": relative to a moment the text does not give.
    RelativeToNow,
}

/// One date in a line, at byte offsets of that line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub when: When,
}

struct Patterns {
    /// One test per shape below (iso, month-day, day-month, numeric, relative to now,
    /// weekday), each matching wherever its shape does: run together in one pass, they
    /// spare most lines the exact shapes, whose Unicode `\b` needs the slow engine on text
    /// with a curly quote. A Unicode `\b` before or after a letter or digit implies that
    /// the character on the other side is not an ASCII letter, digit or `_` (or that the
    /// text ends), which the tests read without look-around.
    ///
    /// The shapes are compiled when a line first may have them (in the browser, compiling
    /// one costs a few milliseconds of the page's start-up, and most pages lack some).
    may_have: RegexSet,
    iso: Shape,
    month_day: Shape,
    day_month: Shape,
    numeric: Shape,
    weekday: Shape,
    relative: Shape,
    published: Shape,
    updated: Shape,
    dash_head: Lazy,
    colon_head: Lazy,
    agency_tail: Lazy,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let mut months: Vec<&str> = MONTHS.iter().map(|m| m.0).collect();
        crate::stable_sort::by_key(&mut months, |m| std::cmp::Reverse(m.chars().count()));
        let months = months.join("|");
        let mut days: Vec<&str> = WEEKDAYS.iter().map(|m| m.0).collect();
        crate::stable_sort::by_key(&mut days, |m| std::cmp::Reverse(m.chars().count()));
        let days = days.join("|");
        let re = |p: &str| Lazy::owned(p.to_string());
        let shape = Shape::new;
        let edge = "[^0-9A-Za-z_]";
        let may_have = RegexSet::new([
            r"\d{4}-\d{1,2}-\d{1,2}".to_string(),
            format!(r"(?i)(?:{months})\.?\s+\d"),
            format!(r"(?i)\d(?:st|nd|rd|th|º)?\.?\s+(?:de\s+|of\s+)?(?:{months})"),
            r"\d{1,2}[./]\d{1,2}[./]\d{4}|\d{4}/\d{1,2}/\d{1,2}".to_string(),
            format!(
                r"(?i)(?:^|{edge})(?:{RELATIVE_WORDS})(?:{edge}|$)|\d\s+(?:{RELATIVE_UNITS})\s+ago"
            ),
            format!(r"(?i)(?:^|{edge})(?:{days})(?:{edge}|$)"),
        ])
        .expect("date tests");
        Patterns {
            may_have,
            iso: shape(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\b"),
            month_day: shape(&format!(
                r"(?i)\b({months})\b\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?"
            )),
            day_month: shape(&format!(
                r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th|º)?\.?\s+(?:de\s+|of\s+)?({months})\b\.?(?:,?\s+(?:de\s+)?(\d{{4}})\b)?"
            )),
            numeric: shape(r"\b(\d{1,2})([./])(\d{1,2})[./](\d{4})\b|\b(\d{4})/(\d{1,2})/(\d{1,2})\b"),
            weekday: shape(&format!(r"(?i)\b({days})\b\.?")),
            relative: shape(&format!(
                r"(?i)\b(?:{RELATIVE_WORDS}|\d+\s+(?:{RELATIVE_UNITS})\s+ago)\b"
            )),
            published: shape(PUBLISHED_CUES),
            updated: shape(UPDATED_CUES),
            dash_head: re(r"^(.{2,90}?)(?:\s+(?:--|[-–—―])\s+|\s*[—–―]\s*)\S"),
            colon_head: re(r"^([^:]{2,40}?):\s+\S"),
            agency_tail: re(r"^(.*?)\s*\(([^()]{2,40})\)$"),
        }
    })
}

/// A date pattern as written (Unicode `\b`) and with ASCII word boundaries, each compiled
/// when first asked. The regex crate's fast engine gives up on a Unicode `\b` as soon as
/// the text has a non-ASCII character (a curly quote, a dash), and the slow one then reads
/// the whole line; an ASCII `\b` it reads in one fast pass. Both agree on a line whose
/// word characters are all ASCII (see [`ascii_words`]): there every character is a word
/// character for the one exactly when it is for the other, so every `\b` holds at the same
/// places. Other lines ask the pattern as written.
struct Shape {
    written: Lazy,
    ascii_edges: Lazy,
}

impl Shape {
    fn new(p: &str) -> Shape {
        Shape {
            written: Lazy::owned(p.to_string()),
            ascii_edges: Lazy::owned(p.replace(r"\b", r"(?-u:\b)")),
        }
    }

    /// The pattern to ask of a line; `ascii_words`: whether its word characters are all
    /// ASCII.
    fn for_line(&self, ascii_words: bool) -> &Lazy {
        if ascii_words {
            &self.ascii_edges
        } else {
            &self.written
        }
    }
}

/// Whether every word character (`\w`, by the regex crate's Unicode tables) of `s` is
/// ASCII: curly quotes, dashes and no-break spaces are not word characters.
pub(super) fn ascii_words(s: &str) -> bool {
    s.is_ascii() || !s.chars().any(|c| !c.is_ascii() && is_regex_word(c))
}

fn month_number(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    MONTHS.iter().find(|m| m.0 == n).map(|m| m.1)
}

fn weekday_number(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    WEEKDAYS.iter().find(|m| m.0 == n).map(|m| m.1)
}

fn valid(y: i32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m) && (1000..=2999).contains(&y)
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (proleptic Gregorian).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

/// Monday = 0.
fn weekday_of(days: i64) -> u32 {
    (days + 3).rem_euclid(7) as u32
}

/// The groups of a match of the ISO shape (`\b(\d{4})-(\d{1,2})-(\d{1,2})(?:T…)?\b`), as
/// its captures would give them (group 0 left out): the text before the first `-`,
/// between the first two, and after the second up to a `T`. A digit is never `-` or `T`.
fn iso_groups(m: &str) -> [Option<&str>; 4] {
    let mut parts = m.splitn(3, '-');
    let year = parts.next();
    let month = parts.next();
    let day = parts.next().map(|d| d.split('T').next().unwrap_or(d));
    [None, year, month, day]
}

/// The groups of a match of the numeric shape, as its captures would give them (group 0
/// left out): `28.03.2024` (groups 1 to 4: day or month, separator, the other, year) or
/// `2024/03/28` (groups 5 to 7). Its three numbers are split at `.` and `/` (never a
/// digit); the first alternative's first number has one or two digits, the second's four,
/// so the first number's length tells which one matched.
fn numeric_groups(m: &str) -> [Option<&str>; 8] {
    let mut parts = m.split(['.', '/']);
    let (a, b, c) = (parts.next(), parts.next(), parts.next());
    if a.is_some_and(|a| a.chars().count() == 4) {
        [None, None, None, None, None, a, b, c]
    } else {
        let a_len = a.map_or(0, str::len);
        [None, a, m.get(a_len..a_len + 1), b, c, None, None, None]
    }
}

/// The part of `s` after its leading characters that `skip` holds.
fn skipped(s: &str, skip: impl Fn(char) -> bool) -> &str {
    s.trim_start_matches(skip)
}

/// `s` up to its first character that `stop` holds, and the rest.
fn split_at_first(s: &str, stop: impl Fn(char) -> bool) -> (&str, &str) {
    s.split_at(s.find(stop).unwrap_or(s.len()))
}

/// The year of a month-day or day-month match: its last four characters when the match
/// goes on after the day or month (`rest`, what follows them), as the year group (a run of
/// four `\d`, the last thing a match can end with) captures it.
fn year_group<'m>(m: &'m str, rest: &str) -> Option<&'m str> {
    if rest.is_empty() {
        return None;
    }
    let start = m.char_indices().rev().nth(3).map_or(0, |(i, _)| i);
    Some(&m[start..])
}

/// The groups of a match of the month-day shape (`\b(month)\b\.?\s+(\d{1,2})(?:st|…)?\b
/// (?:,?\s+(\d{4})\b)?`), as its captures would give them: month, day, year. A month
/// name is letters only, then `.` or a space; a day is `\d` (no letter, comma or space:
/// a suffix, a comma or a space ends it).
fn month_day_groups(m: &str) -> [Option<&str>; 3] {
    let (month, rest) = split_at_first(m, |c| c == '.' || c.is_whitespace());
    let rest = skipped(rest.strip_prefix('.').unwrap_or(rest), char::is_whitespace);
    let (day, rest) = split_at_first(rest, |c| c.is_alphabetic() || c == ',' || c.is_whitespace());
    let rest = skipped(rest, char::is_alphabetic);
    [Some(month), Some(day), year_group(m, rest)]
}

/// The groups of a match of the day-month shape (`\b(\d{1,2})(?:st|…|º)?\.?\s+
/// (?:de\s+|of\s+)?(month)\b\.?(?:,?\s+(?:de\s+)?(\d{4})\b)?`), as its captures would
/// give them: day, month, year. "de " or "of " before the month is always taken: no month
/// is "de" or "of".
fn day_month_groups(m: &str) -> [Option<&str>; 3] {
    let (day, rest) = split_at_first(m, |c| c.is_alphabetic() || c == '.' || c.is_whitespace());
    let rest = skipped(rest, char::is_alphabetic);
    let rest = skipped(rest.strip_prefix('.').unwrap_or(rest), char::is_whitespace);
    let joined = rest.get(..2).filter(|w| {
        (w.eq_ignore_ascii_case("de") || w.eq_ignore_ascii_case("of"))
            && rest[2..].starts_with(char::is_whitespace)
    });
    let rest = match joined {
        Some(_) => skipped(&rest[2..], char::is_whitespace),
        None => rest,
    };
    let (month, rest) = split_at_first(rest, |c| c == '.' || c == ',' || c.is_whitespace());
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    [Some(day), Some(month), year_group(m, rest)]
}

/// `re`'s matches in `hay`. The empty haystack stands for a shape the line cannot have: it
/// is not searched, so a page without that shape never compiles its pattern.
fn matched<'h>(re: &'static Lazy, hay: &'h str) -> impl Iterator<Item = regex::Match<'h>> + 'h {
    (!hay.is_empty())
        .then(|| re.find_iter(hay))
        .into_iter()
        .flatten()
}

/// Every date in `s`, left to right, longest first where shapes overlap. A weekday
/// written next to a date ("Thu 28 Mar 2024") joins that date.
pub fn mentions(s: &str) -> Vec<Mention> {
    let mut found: Vec<Mention> = Vec::new();
    let p = patterns();
    // Most lines have no date: one search that stops at the first hit rules them out
    // faster than the search for every shape that may be there.
    if !p.may_have.is_match(s) {
        return found;
    }
    // Which shapes may be in `s`: the others are searched in an empty haystack.
    let may = p.may_have.matches(s);
    let gate = |shape: usize, hay: &str| may.matched(shape) && !hay.is_empty();
    let ascii = ascii_words(s);
    // The absolute shapes all have a digit, and most lines of an article have none: search
    // them in an empty haystack then (relative words and weekdays still search all of `s`).
    let dated = if s.bytes().any(|b| b.is_ascii_digit()) {
        s
    } else {
        ""
    };
    let num = |c: Option<&str>| c.and_then(|m| m.parse::<i64>().ok());
    // ISO and numeric dates: the match alone (read by the fast engine), its groups told
    // apart by its separators (see `iso_groups`, `numeric_groups`).
    for m in matched(
        p.iso.for_line(ascii),
        if gate(0, dated) { dated } else { "" },
    ) {
        let c = iso_groups(m.as_str());
        let parts = DateParts {
            year: num(c[1]).map(|v| v as i32),
            month: num(c[2]).map(|v| v as u32),
            day: num(c[3]).map(|v| v as u32),
        };
        if parts.iso().is_some() {
            found.push(Mention {
                start: m.start(),
                end: m.end(),
                when: When::Full(parts),
            });
        }
    }
    // Month names: the match alone (read by the fast engine), its groups read off it (see
    // `month_day_groups`, `day_month_groups`).
    type Groups = fn(&str) -> [Option<&str>; 3];
    let month_shapes: [(&Shape, Groups, usize); 2] = [
        (&p.month_day, |m| month_day_groups(m), 1),
        (
            &p.day_month,
            |m| {
                let [d, mo, y] = day_month_groups(m);
                [mo, d, y]
            },
            2,
        ),
    ];
    for (re, groups, shape) in month_shapes {
        for m in matched(
            re.for_line(ascii),
            if gate(shape, dated) { dated } else { "" },
        ) {
            let [month, day, year] = groups(m.as_str());
            let month = month.and_then(month_number);
            let day = num(day).map(|v| v as u32);
            let year = num(year).map(|v| v as i32);
            let parts = DateParts { year, month, day };
            let when = match (year, month, day) {
                (Some(y), Some(mo), Some(d)) if valid(y, mo, d) => When::Full(parts),
                (None, Some(mo), Some(d)) if (1..=days_in_month(2024, mo)).contains(&d) => {
                    When::Partial(parts)
                }
                _ => continue,
            };
            found.push(Mention {
                start: m.start(),
                end: m.end(),
                when,
            });
        }
    }
    for m in matched(
        p.numeric.for_line(ascii),
        if gate(3, dated) { dated } else { "" },
    ) {
        let c = numeric_groups(m.as_str());
        let parts = if let Some(y) = num(c[5]) {
            DateParts {
                year: Some(y as i32),
                month: num(c[6]).map(|v| v as u32),
                day: num(c[7]).map(|v| v as u32),
            }
        } else {
            let (a, b) = (num(c[1]).unwrap_or(0) as u32, num(c[3]).unwrap_or(0) as u32);
            let year = num(c[4]).map(|v| v as i32);
            let dotted = c[2] == Some(".");
            // "28.03.2024" is day first everywhere; "03/28/2024" is month first (US),
            // "28/03/2024" day first (elsewhere): tell them apart only when one number
            // cannot be a month.
            if dotted || a > 12 {
                DateParts {
                    year,
                    month: Some(b),
                    day: Some(a),
                }
            } else if b > 12 || a == b {
                DateParts {
                    year,
                    month: Some(a),
                    day: Some(b),
                }
            } else {
                found.push(Mention {
                    start: m.start(),
                    end: m.end(),
                    when: When::Partial(DateParts {
                        year,
                        month: None,
                        day: None,
                    }),
                });
                continue;
            }
        };
        if parts.iso().is_some() {
            found.push(Mention {
                start: m.start(),
                end: m.end(),
                when: When::Full(parts),
            });
        }
    }
    // Without captures: a search for the match alone is read by the fast engine.
    for m in matched(p.relative.for_line(ascii), if gate(4, s) { s } else { "" }) {
        if s[m.end()..].starts_with(['\'', '’']) {
            continue; // "Today's Paper" is a menu item
        }
        found.push(Mention {
            start: m.start(),
            end: m.end(),
            when: When::RelativeToNow,
        });
    }
    crate::stable_sort::by_key(&mut found, |m| (m.start, std::cmp::Reverse(m.end)));
    let mut out: Vec<Mention> = Vec::new();
    for m in found {
        if out.last().map_or(true, |l| m.start >= l.end) {
            out.push(m);
        }
    }
    // Weekdays: alone, they are relative dates; next to a date, part of it.
    for g in matched(p.weekday.for_line(ascii), if gate(5, s) { s } else { "" }) {
        // The weekday is the match without its optional dot (no weekday name has one).
        let name = g.as_str().strip_suffix('.').unwrap_or(g.as_str());
        let Some(wd) = weekday_number(name) else {
            continue;
        };
        if out.iter().any(|m| m.start < g.end() && g.start() < m.end) {
            continue;
        }
        let next = out.iter_mut().find(|m| {
            m.start >= g.end()
                && s[g.end()..m.start]
                    .chars()
                    .all(|c| c == ',' || c.is_whitespace())
                && m.start - g.end() <= 3
        });
        if let Some(m) = next {
            m.start = g.start();
            continue;
        }
        out.push(Mention {
            start: g.start(),
            end: g.end(),
            when: When::Weekday(wd),
        });
    }
    crate::stable_sort::by_key(&mut out, |m| m.start);
    out
}

/// The first date in `s` when it is complete ("March 28, 2024" → 2024-03-28): for a
/// date typed by the reader or found by an earlier stage.
pub fn parse_absolute(s: &str) -> Option<DateParts> {
    mentions(s).into_iter().find_map(|m| match m.when {
        When::Full(p) => Some(p),
        _ => None,
    })
}

/// The article's date.
#[derive(Debug, Clone, PartialEq)]
pub struct Dated {
    /// As written, with its span.
    pub field: Field,
    /// ISO 8601 when the text allows.
    pub iso: Option<String>,
}

/// How strongly a line says its date is the article's date.
const PUBLISHED_LINE: f32 = 0.9;
const UPDATED_LINE: f32 = 0.75;
/// A short line that is mostly a date ("March 28, 2024", "By Jane Doe, 28.03.2024").
const DATE_LINE: f32 = 0.7;
/// A line that is only a day and month, or only a weekday: needs an anchor.
const DATE_LINE_PARTIAL: f32 = 0.6;
const DATE_LINE_WEEKDAY: f32 = 0.5;
/// "2 hours ago" can never be converted: any convertible date on the page beats it.
const RELATIVE_TO_NOW_WEIGHT: f32 = 0.6;
/// Bonus in the ranking for a date at the article's head, and how far into the article
/// the head reaches.
const AT_HEAD: f32 = 0.1;
const HEAD_BLOCKS_AFTER_PROSE: usize = 2;
/// The date in a dateline ("WASHINGTON, March 28 (AP) —"): right, but rarely complete.
const DATELINE_DATE: f32 = 0.5;

/// Finds the article's date among the short lines of every block, and converts it when
/// the text allows. `seen`: each block at a glance (see [`super::glance`]).
pub fn find(
    text: &str,
    blocks: &[Block],
    seen: &[Glance],
    dateline: Option<&Dateline>,
) -> Option<Dated> {
    let p = patterns();
    // (score, block start + mention)
    let mut candidates: Vec<(f32, usize, Mention)> = Vec::new();
    for (b, g) in blocks.iter().zip(seen) {
        let s = &text[b.start..b.end];
        let n = g.words;
        // (Counted up to 26: every limit below is at most 25; a glance up to 25 words
        // read the whole block.)
        // Without a digit, only a weekday or "yesterday" can be there, on a short line.
        if n > 25 || (!g.has_digit() && (n > 6 || !may_have_undigited(g))) {
            continue;
        }
        let found = mentions(s);
        let Some(first) = found.first().copied() else {
            continue;
        };
        let lower = std::cell::OnceCell::new();
        let after_cue = |re: &Shape, needles: &[&str]| {
            let lower = lower.get_or_init(|| s.to_ascii_lowercase());
            if !needles.iter().any(|n| lower.contains(n)) && !folds_into_ascii(s) {
                return None;
            }
            re.for_line(ascii_words(s)).find_iter(s).find_map(|c| {
                found
                    .iter()
                    .find(|m| m.start >= c.end() && m.start - c.end() <= 40)
                    .copied()
            })
        };
        // "Updated 2 hours ago" says little when a full date is on the page.
        let now_word = |m: &Mention| {
            if m.when == When::RelativeToNow {
                RELATIVE_TO_NOW_WEIGHT
            } else {
                1.0
            }
        };
        if let Some(m) = after_cue(&p.published, PUBLISHED_NEEDLES) {
            candidates.push((PUBLISHED_LINE * now_word(&m), b.start, m));
        } else if let Some(m) = after_cue(&p.updated, UPDATED_NEEDLES) {
            candidates.push((UPDATED_LINE * now_word(&m), b.start, m));
        } else {
            let date_chars = s[first.start..first.end]
                .chars()
                .filter(|c| !c.is_whitespace())
                .count();
            let all = s.chars().filter(|c| !c.is_whitespace()).count().max(1);
            let bylined = s.trim_start().to_lowercase().starts_with("by ");
            let share = date_chars * 100 / all;
            match first.when {
                When::Full(_) if n <= 15 && (share >= 35 || bylined) => {
                    candidates.push((DATE_LINE, b.start, first));
                }
                // Without a cue, an incomplete date counts only on a line of its own
                // ("Thursday", "March 28"): "Sunday Talk Shows" is a menu.
                When::Partial(_) if share >= 60 => {
                    candidates.push((DATE_LINE_PARTIAL, b.start, first))
                }
                When::Weekday(_) if share >= 60 => {
                    candidates.push((DATE_LINE_WEEKDAY, b.start, first))
                }
                // A bare "Today" or "2 hours ago" is a menu item or a teaser's age.
                _ => {}
            }
        }
    }
    if let Some(d) = dateline {
        if let Some((start, end)) = d.date {
            if let Some(m) = mentions(&text[start..end]).first() {
                candidates.push((DATELINE_DATE, start, *m));
            }
        }
    }
    // The article's date sits at its head, between the headline and the first
    // paragraphs; dates elsewhere date teasers, comments or the day the page was read.
    let title = blocks
        .iter()
        .position(|b| b.reason == crate::model::Reason::Title);
    let prose = (0..blocks.len())
        .position(|i| blocks[i].class == crate::model::BlockClass::Body && seen[i].words >= 15);
    let head_start = title.map_or(0, |t| blocks[t].start);
    let head_end = prose.map_or(usize::MAX, |p| {
        blocks[(p + HEAD_BLOCKS_AFTER_PROSE).min(blocks.len() - 1)].end
    });
    // A full date wins a tie: it needs no anchor.
    let rank = |c: &(f32, usize, Mention)| {
        let full = if matches!(c.2.when, When::Full(_)) {
            0.05
        } else {
            0.0
        };
        let head = if (head_start..head_end).contains(&c.1) {
            AT_HEAD
        } else {
            0.0
        };
        c.0 + full + head
    };
    let best = candidates
        .iter()
        .enumerate()
        .max_by(|(i, a), (j, b)| rank(a).total_cmp(&rank(b)).then(j.cmp(i)))
        .map(|(_, c)| *c)?;
    let (score, at, m) = best;
    let anchor = candidates.iter().find_map(|c| match c.2.when {
        When::Full(p) => Some(p),
        _ => None,
    });
    let (iso, confidence) = match m.when {
        When::Full(parts) => (parts.iso(), score),
        When::Partial(parts) => (anchor.and_then(|a| with_year(parts, a)), score * 0.7),
        When::Weekday(wd) => (anchor.and_then(|a| weekday_before(wd, a)), score * 0.6),
        When::RelativeToNow => (None, score * 0.6),
    };
    Some(Dated {
        field: field(text, at + m.start, at + m.end, confidence),
        iso,
    })
}

/// "March 28" with the year of an anchor date: the latest such day on or before the
/// anchor (an article is dated before it is updated, or on the same day).
fn with_year(parts: DateParts, anchor: DateParts) -> Option<String> {
    let (m, d) = (parts.month?, parts.day?);
    let (ay, am, ad) = (anchor.year?, anchor.month?, anchor.day?);
    let y = if (m, d) <= (am, ad) { ay } else { ay - 1 };
    DateParts {
        year: Some(y),
        month: Some(m),
        day: Some(d),
    }
    .iso()
}

/// The last `weekday` on or before the anchor date.
fn weekday_before(weekday: u32, anchor: DateParts) -> Option<String> {
    let days = days_from_civil(anchor.year?, anchor.month?, anchor.day?);
    let back = (i64::from(weekday_of(days)) - i64::from(weekday)).rem_euclid(7);
    let (y, m, d) = civil_from_days(days - back);
    DateParts {
        year: Some(y),
        month: Some(m),
        day: Some(d),
    }
    .iso()
}

/// Whether a block whose glance is `g` may hold a date without a digit: a word of
/// [`RELATIVE_WORDS`] or [`WEEKDAYS`] (see [`Glance::may_have`]). The shapes with a
/// number all need a digit.
fn may_have_undigited(g: &Glance) -> bool {
    static NEEDS: OnceLock<Vec<u32>> = OnceLock::new();
    let needs = NEEDS.get_or_init(|| {
        let mut v: Vec<u32> = RELATIVE_WORDS
            .split('|')
            .chain(WEEKDAYS.iter().map(|w| w.0))
            .map(letters_of)
            .collect();
        crate::stable_sort::by_key(&mut v, |x| *x);
        v.dedup();
        v
    });
    needs.iter().any(|&n| g.may_have_letters(n))
}

/// Whether `dash_head` may match `s`: its dash (`-`, `–`, `—`, `―`) comes within the
/// first 90 characters of a line, or after the whitespace that follows them.
fn may_have_dash_head(s: &str) -> bool {
    let mut head = 0;
    for c in s.chars() {
        if matches!(c, '-' | '–' | '—' | '―') {
            return true;
        }
        if head < 90 && c != '\n' {
            head += 1;
        } else if !c.is_whitespace() {
            return false;
        }
    }
    false
}

/// Whether `colon_head` may match `s`: its first colon comes after 2 to 40 characters.
fn may_have_colon_head(s: &str) -> bool {
    s.chars()
        .take(41)
        .position(|c| c == ':')
        .is_some_and(|i| i >= 2)
}

/// The place (and wire agency, and date) that open the story.
#[derive(Debug, Clone, PartialEq)]
pub struct Dateline {
    /// "MOSCOW", "KYIV, Ukraine".
    pub place: Field,
    /// "Reuters" in "MOSCOW (Reuters) —".
    pub agency: Option<Field>,
    /// The byte span of a date in the dateline.
    pub date: Option<(usize, usize)>,
}

/// How many analysed blocks from the top a dateline may open.
const DATELINE_BLOCKS: usize = 3;

/// The dateline that opens one of the first paragraphs of the article. `seen`: each
/// block at a glance (see [`super::glance`]).
pub fn dateline(text: &str, blocks: &[Block], seen: &[Glance]) -> Option<Dateline> {
    blocks
        .iter()
        .zip(seen)
        .filter(|(b, _)| b.analysed() && b.reason != crate::model::Reason::Title)
        .filter(|&(_, g)| g.words >= 6)
        .map(|(b, _)| b)
        .take(DATELINE_BLOCKS)
        .find_map(|b| parse_dateline(&text[b.start..b.end], b.start, text))
}

fn parse_dateline(s: &str, at: usize, text: &str) -> Option<Dateline> {
    let p = patterns();
    // The captures run the slow engine over the paragraph: asked only when the dash or
    // the colon is where the head can end.
    let dash = may_have_dash_head(s)
        .then(|| p.dash_head.captures(s))
        .flatten();
    let (head, confidence) = if let Some(c) = dash {
        (c.get(1)?, 0.85)
    } else if may_have_colon_head(s) {
        (p.colon_head.captures(s)?.get(1)?, 0.7)
    } else {
        return None;
    };
    let head_str = head.as_str().trim_end();
    let (places, agency) = match p.agency_tail.captures(head_str) {
        Some(c) => (c.get(1)?, c.get(2)),
        None => (head, None),
    };
    let places_str = &s[places.start()..places.start() + places.as_str().trim_end().len()];
    let mut place_end = 0;
    let mut date = None;
    let mut offset = 0;
    for (i, part) in places_str.split(',').enumerate() {
        let lead = part.len() - part.trim_start().len();
        let part_t = part.trim();
        let start = offset + lead;
        offset += part.len() + 1;
        if i == 0 {
            let letters = part_t.chars().filter(|c| c.is_alphabetic()).count();
            let all_caps = part_t
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
            if letters < 3
                || !all_caps
                || words(part_t) > 4
                || part_t.chars().any(|c| c.is_ascii_digit())
                || NOT_PLACES.contains(&part_t)
                || part_t
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| NOT_PLACE_OPENERS.contains(&w))
            {
                return None;
            }
            place_end = start + part_t.len();
        } else if let Some(m) = mentions(part_t)
            .first()
            .filter(|m| m.end - m.start == part_t.len())
        {
            date = Some((
                at + places.start() + start + m.start,
                at + places.start() + start + m.end,
            ));
        } else if date.is_none()
            && words(part_t) <= 3
            && part_t.split_whitespace().all(super::capitalised)
        {
            place_end = start + part_t.len();
        } else {
            return None;
        }
    }
    let base = at + places.start();
    let agency = agency
        .filter(|a| super::capitalised(a.as_str()) && words(a.as_str()) <= 4)
        .map(|a| field(text, at + a.start(), at + a.end(), 0.45));
    Some(Dateline {
        place: field(text, base, base + place_end, confidence),
        agency,
        date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        parse_absolute(s).and_then(|p| p.iso())
    }

    #[test]
    fn every_cue_has_a_needle() {
        let p = patterns();
        for (re, needles, cues) in [
            (&p.published, PUBLISHED_NEEDLES, PUBLISHED_CUES),
            (&p.updated, UPDATED_NEEDLES, UPDATED_CUES),
        ] {
            // Each cue word of the pattern, in lower and upper case, holds a needle.
            let words = cues.split_once("(?:").unwrap().1.split_once(')').unwrap().0;
            for w in words.split('|') {
                for form in [w.to_string(), w.to_uppercase()] {
                    let line = format!("{form}: 28 March 2024");
                    assert!(re.written.is_match(&line), "{line}");
                    assert!(re.for_line(ascii_words(&line)).is_match(&line), "{line}");
                    let lower = line.to_ascii_lowercase();
                    assert!(needles.iter().any(|n| lower.contains(n)), "{line}");
                }
            }
        }
    }

    #[test]
    fn iso_and_numeric_groups_as_captured() {
        let p = patterns();
        let lines = super::super::MIXED_LINES.iter().copied().chain([
            "2024-03-28T10:02:00-05:00 and 2024-3-8T10:02Z, 2024-03-28",
            "28.03.2024 03/28/2024 3/4/2024 2024/3/28 2024/03/28",
            "１２.０３.２０２４ and ٢٠٢٤-٠٣-٢٨",
            "x2024-03-28 1.2.2024x 12/12/12345",
            "On 1/2/2024, at 2024/12/31.",
        ]);
        for line in lines {
            for (i, _) in line.char_indices() {
                let t = &line[i..];
                for ascii in [false, true] {
                    for c in p.iso.for_line(ascii).captures_iter(t) {
                        let want: Vec<_> = (1..4).map(|k| c.get(k).map(|g| g.as_str())).collect();
                        assert_eq!(&iso_groups(&c[0])[1..], &want[..], "{t}");
                    }
                    for c in p.numeric.for_line(ascii).captures_iter(t) {
                        let want: Vec<_> = (1..8).map(|k| c.get(k).map(|g| g.as_str())).collect();
                        assert_eq!(&numeric_groups(&c[0])[1..], &want[..], "{t}");
                    }
                }
            }
        }
    }

    #[test]
    fn month_groups_as_captured() {
        let p = patterns();
        let lines = super::super::MIXED_LINES.iter().copied().chain([
            "March 28, 2024 and Mar. 5th, 2024; sept 3RD 2023, 28 March 2024",
            "28th of March, 2024 · 3 de março de 2024 · 1º de mayo · 5. Dezember 2024",
            "12 de dez. 2024, 12 dez 2024, 12 dec, 2024 3 DE DEZEMBRO DE 2024",
            "août 1 · 1er août 2024 · 2 août, 2024 · März 3, 2024 · 3 MÄRZ",
            "Mar ٣ ٢٠٢٤ · ٣ mar ٢٠٢٤ · March １２, ２０２４ · Jun 1ſt, 2024",
            "mayo\u{a0}1\u{a0}2024 · 1\u{a0}de\u{a0}mayo · 15. OKTOBER 2024.",
            "Jan 12 2024 - Feb 3 - 4 Feb - 4 feb. - 1 of May 2024 – 9 DEC 99999",
            "“March 28,” she said; «4 de julio»; 北京 May 5 🙂 5 May",
            "4 feb., 2024 · Feb. 3rd · 1st. March · 2nd.\u{a0}of\u{a0}June · 3 ofMay · 3 de maio.",
            "1º DE JANEIRO DE 2024 · 3 OF mar. 2024 · sept. 30TH, 2024 · 31ST dec",
        ]);
        for line in lines {
            for (i, _) in line.char_indices() {
                let t = &line[i..];
                for ascii in [false, true] {
                    for c in p.month_day.for_line(ascii).captures_iter(t) {
                        let want: Vec<_> = (1..4).map(|k| c.get(k).map(|g| g.as_str())).collect();
                        assert_eq!(&month_day_groups(&c[0])[..], &want[..], "{t}");
                    }
                    for c in p.day_month.for_line(ascii).captures_iter(t) {
                        let want: Vec<_> = (1..4).map(|k| c.get(k).map(|g| g.as_str())).collect();
                        assert_eq!(&day_month_groups(&c[0])[..], &want[..], "{t}");
                    }
                }
            }
        }
    }

    #[test]
    fn weekdays_are_their_matches_without_the_dot() {
        let p = patterns();
        let lines = super::super::MIXED_LINES.iter().copied().chain([
            "Thu. 28 Mar 2024",
            "THURSDAY, Sept. 5",
            "sábado. Lunedì.",
            "Mon.Tue. wed",
            "ſunday \u{212A} fri.",
        ]);
        for line in lines {
            for (i, _) in line.char_indices() {
                let t = &line[i..];
                for ascii in [false, true] {
                    let re = p.weekday.for_line(ascii);
                    for c in re.captures_iter(t) {
                        let m = c.get(0).unwrap().as_str();
                        assert_eq!(m.strip_suffix('.').unwrap_or(m), &c[1], "{t}");
                    }
                }
            }
        }
    }

    #[test]
    fn word_edges_by_the_characters_of_the_line() {
        // Curly quotes and dashes are not word characters: the ASCII edges are asked.
        assert!(ascii_words("“March 28, 2024” — «vendredi»"));
        assert_eq!(
            iso("“March 28, 2024” — said").as_deref(),
            Some("2024-03-28")
        );
        // A letter outside ASCII is a word character: glued to a month name, there is no
        // word edge before it, so the pattern as written is asked and finds no date.
        assert!(!ascii_words("éMarch 28, 2024"));
        assert_eq!(iso("éMarch 28, 2024"), None);
        assert_eq!(iso("é March 28, 2024").as_deref(), Some("2024-03-28"));
        let p = patterns();
        assert!(p.month_day.ascii_edges.is_match("éMarch 28, 2024"));
        assert!(!p.month_day.written.is_match("éMarch 28, 2024"));
    }

    #[test]
    fn full_dates_in_common_shapes() {
        assert_eq!(iso("March 28, 2024").as_deref(), Some("2024-03-28"));
        assert_eq!(iso("Mar. 28, 2024").as_deref(), Some("2024-03-28"));
        assert_eq!(iso("28 March 2024").as_deref(), Some("2024-03-28"));
        assert_eq!(
            iso("Thu 28 Mar 2024 10.02 GMT").as_deref(),
            Some("2024-03-28")
        );
        assert_eq!(iso("Published 28.03.2024").as_deref(), Some("2024-03-28"));
        assert_eq!(iso("2024-03-28T10:02:00Z").as_deref(), Some("2024-03-28"));
        assert_eq!(iso("28. März 2024").as_deref(), Some("2024-03-28"));
        assert_eq!(iso("28 de março de 2024").as_deref(), Some("2024-03-28"));
        assert_eq!(iso("28 marzo 2024").as_deref(), Some("2024-03-28"));
        assert_eq!(iso("03/28/2024").as_deref(), Some("2024-03-28"));
        assert_eq!(iso("28/03/2024").as_deref(), Some("2024-03-28"));
    }

    #[test]
    fn incomplete_or_ambiguous_dates_are_not_converted() {
        assert_eq!(iso("March 28"), None);
        assert_eq!(iso("03/04/2024"), None);
        assert_eq!(iso("February 30, 2024"), None);
        assert_eq!(iso("Updated 3:41 PM EST"), None);
        assert_eq!(iso("in 1948"), None);
    }

    #[test]
    fn weekdays_and_now_words_are_relative() {
        let m = mentions("Updated Thursday at 10:30");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].when, When::Weekday(3));
        let m = mentions("2 hours ago");
        assert_eq!(m[0].when, When::RelativeToNow);
        let m = mentions("Thu 28 Mar 2024");
        assert_eq!((m.len(), m[0].start, m[0].end), (1, 0, 15));
    }

    #[test]
    fn quick_tests_pass_every_shape() {
        // Each exact shape's match must pass its quick test (else a date would be lost).
        let p = patterns();
        for (shape, s) in [
            (0, "2024-03-28T10:02:00Z"),
            (1, "Updated Mar. 28, 2024"),
            (1, "märz 28"),
            (2, "28. März 2024"),
            (2, "28 de março de 2024"),
            (2, "3rd of May"),
            (2, "3RD OF MAY"),
            (3, "28.03.2024"),
            (3, "2024/3/28"),
            (4, "Today"),
            (4, "(aujourd'hui)"),
            (4, "posted 12 mins ago"),
            (5, "lunedì, 3"),
            (5, "Thu 28"),
            (5, "sábado"),
        ] {
            assert!(p.may_have.matches(s).matched(shape), "{shape} {s}");
        }
        assert!(!p.may_have.is_match("The minister spoke at the harbour."));
        // A word that only contains a weekday or a relative word is no date.
        assert!(!p.may_have.is_match("Sunset over the players’ monument"));
        assert_eq!(mentions("The minister spoke at the harbour."), []);
    }

    #[test]
    fn calendar_arithmetic() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
        // 2024-03-28 was a Thursday.
        assert_eq!(weekday_of(days_from_civil(2024, 3, 28)), 3);
        let anchor = DateParts {
            year: Some(2024),
            month: Some(3),
            day: Some(30),
        };
        assert_eq!(weekday_before(3, anchor).as_deref(), Some("2024-03-28"));
        let anchor = DateParts {
            year: Some(2024),
            month: Some(1),
            day: Some(5),
        };
        assert_eq!(
            with_year(
                DateParts {
                    year: None,
                    month: Some(12),
                    day: Some(30)
                },
                anchor
            )
            .as_deref(),
            Some("2023-12-30")
        );
    }

    #[test]
    fn shortcuts_never_skip_a_match() {
        let p = patterns();
        let long = format!("{} — {}", "word ".repeat(17), "x");
        let far = format!("{}\u{a0}\n  — x", "é".repeat(90));
        let lines = super::super::MIXED_LINES.iter().copied();
        for s in lines.chain([
            long.as_str(),
            far.as_str(),
            "A:\tb",
            "Ab: c",
            "x\n- y",
            ": a",
        ]) {
            if p.dash_head.is_match(s) {
                assert!(may_have_dash_head(s), "{s}");
            }
            if p.colon_head.is_match(s) {
                assert!(may_have_colon_head(s), "{s}");
            }
            let g = super::super::glance_at(s);
            if !mentions(s).is_empty() && !g.has_digit() {
                assert!(may_have_undigited(&g), "{s}");
            }
        }
        assert!(may_have_dash_head(&far));
        assert!(!may_have_dash_head(&format!("{}x — y", "a".repeat(95))));
        assert!(!may_have_colon_head("No colon here"));
        assert!(!may_have_undigited(&super::super::glance_at(
            "Share on Facebook"
        )));
    }

    #[test]
    fn datelines() {
        let t = "MOSCOW (Reuters) — Russia said on Thursday that talks would resume.";
        let d = parse_dateline(t, 0, t).unwrap();
        assert_eq!(d.place.value, "MOSCOW");
        assert_eq!(d.agency.unwrap().value, "Reuters");
        let t = "KYIV, Ukraine, March 28 (AP) - The mayor said the bridge was closed.";
        let d = parse_dateline(t, 0, t).unwrap();
        assert_eq!(d.place.value, "KYIV, Ukraine");
        assert_eq!(&t[d.date.unwrap().0..d.date.unwrap().1], "March 28");
        let t = "PARIS — The minister resigned on Monday after a week of protests.";
        assert_eq!(parse_dateline(t, 0, t).unwrap().place.value, "PARIS");
        for t in [
            "BREAKING — The minister resigned on Monday after protests.",
            "Moscow — the minister resigned on Monday after protests.",
            "The minister — who resigned on Monday — left the city.",
            "WATCH: The minister resigned on Monday after protests.",
        ] {
            assert!(parse_dateline(t, 0, t).is_none(), "{t}");
        }
    }
}
