//! The boilerplate stage's named tables: every pattern that marks a block as boilerplate,
//! with the reason it stands for and how certain a match is. Tune here, not in the
//! algorithm.
//!
//! Word boundaries are ASCII (`(?-u:\b)`): a Unicode `\b` makes the regex engine fall back
//! to its slow NFA simulation on any text with a curly quote.
//!
//! Each pattern is written for how that kind of boilerplate reads on any site, never for
//! one site's wording.

use crate::model::{Credit, Reason, Span};
use aho_corasick::automaton::StateID;
use regex::Regex;
use std::sync::OnceLock;

/// A bare count: "12", "1.2K shares", "3 comments" (a rule of [`BOILERPLATE`]).
const COUNTER: &str =
    r"(?i)^[\d.,]+\s*[km]?(\s*(comments?|shares?|views?|likes?|reactions?|responses?))?$";

/// A short line in capitals: "WORLD", "SPORT & LEISURE" (a rule of [`BOILERPLATE`]).
const CAPITALS_MENU: &str = r"^[A-Z\d][A-Z\d &'\-]{1,30}$";

/// A cheap test of a block: false when a pattern cannot match it.
type QuickTest = fn(&str) -> bool;

/// Cheap tests for the rules of [`BOILERPLATE`] that have no needles (so would ask their
/// pattern of every short block): each is true wherever its pattern can match, so a block it
/// rules out is spared the pattern. Checked on our own lines in a test.
const QUICK_TESTS: &[(&str, QuickTest)] = &[
    // The count starts with a digit (any script's: a character outside ASCII may be one), a
    // period or a comma.
    (COUNTER, |s| {
        s.as_bytes()
            .first()
            .is_some_and(|&b| !b.is_ascii() || matches!(b, b'0'..=b'9' | b'.' | b','))
    }),
    // No ASCII lower-case letter anywhere (the pattern is case-sensitive and anchored at
    // both ends).
    (CAPITALS_MENU, |s| {
        !s.bytes().any(|b| b.is_ascii_lowercase())
    }),
];

/// (reason, certainty, pattern, max words, needles): a block of at most `max words` words
/// that contains one of the `needles` (none: no such condition) and matches `pattern` is
/// boilerplate of that reason.
///
/// The needles are words every match of the pattern contains (ignoring case), found for all
/// rules in one pass over the block: a rule whose needles are absent is not asked, and its
/// pattern is not even compiled. That matters in the browser, where compiling a pattern
/// costs a few milliseconds of the page's start-up: with needles on every rule that has
/// words to find, a typical article compiles about a third of the rules. They never
/// change what a rule matches (see [`Patterns::needles_in`]).
const BOILERPLATE: &[(Reason, f32, &str, usize, &[&str])] = &[
    // Share and comment counters: a bare number, "12 comments", "1.2K shares".
    (Reason::Counter, 0.95, COUNTER, 3, &[]),
    (
        Reason::SocialButtons,
        0.9,
        r"(?i)^((share|tweet|email|e-mail|print|copy link|save|pin|whatsapp|facebook|twitter|x|linkedin|reddit|telegram|messenger|flipboard|pinterest|bluesky|threads)(\s+(this|on|article|story|via))*\s*[|/·•,]?\s*)+$",
        10,
        &[
            "share",
            "tweet",
            "mail",
            "print",
            "copy link",
            "save",
            "pin",
            "whatsapp",
            "facebook",
            "twitter",
            "x",
            "linkedin",
            "reddit",
            "telegram",
            "messenger",
            "flipboard",
            "bluesky",
            "threads",
        ],
    ),
    (
        Reason::SocialButtons,
        0.85,
        r"(?i)^(share|follow us)( this)?( (article|story|page|on))?(?-u:\b)",
        6,
        &["share", "follow us"],
    ),
    (
        Reason::PhotoCredit,
        0.9,
        r"(?i)^(photo|image|picture|illustration|video|graphic)s?\s*(credit)?\s*[:/]",
        25,
        &[
            "photo",
            "image",
            "picture",
            "illustration",
            "video",
            "graphic",
        ],
    ),
    (
        Reason::PhotoCredit,
        0.9,
        r"(?i)^credit(s)?\s*[:.…]*$",
        2,
        &["credit"],
    ),
    (
        Reason::PhotoCredit,
        0.9,
        r"(?i)(?-u:\b)(getty images|afp|reuters|associated press|ap photo|epa|shutterstock|alamy|sputnik|tass|xinhua|efe|anadolu|news agency|pool)\s*$",
        14,
        &[
            "getty",
            "afp",
            "reuters",
            "associated press",
            "ap photo",
            "epa",
            "shutterstock",
            "alamy",
            "sputnik",
            "tass",
            "xinhua",
            "efe",
            "anadolu",
            "agency",
            "pool",
        ],
    ),
    (
        Reason::PhotoCredit,
        0.85,
        r"^[A-Z][A-Za-z.'\- ]+\s*/\s*[A-Z][\w.'\- ]+(\s*/\s*[\w.'\- ]+)*$",
        12,
        &["/"],
    ),
    (
        Reason::Newsletter,
        0.95,
        r"(?i)(sign up|signup|subscribe) (for|to) (our|the)(?-u:\b).*(?-u:\b)newsletter",
        40,
        &["newsletter"],
    ),
    (
        Reason::Newsletter,
        0.9,
        r"(?i)(?-u:\b)newsletter(?-u:\b)",
        40,
        &["newsletter"],
    ),
    (
        Reason::Newsletter,
        0.85,
        r"(?i)^(sign up|subscribe)(?-u:\b)",
        12,
        &["sign up", "subscri"],
    ),
    (
        Reason::Newsletter,
        0.85,
        r"(?i)(enter your e-?mail|your e-?mail address|in your (in)?box|mailbox every)",
        40,
        &["mail", "inbox"],
    ),
    (
        Reason::Subscription,
        0.9,
        r"(?i)^(subscribe|subscribers?|already a subscriber|log ?in|sign in|register|create (a free )?account|my account)(?-u:\b)",
        12,
        &[
            "subscri", "login", "log in", "sign in", "register", "account",
        ],
    ),
    (
        Reason::Subscription,
        0.85,
        r"(?i)(?-u:\b)(subscribers? agree|unlimited (digital )?access|start (your|a) free trial|per (month|week) for|subscription)(?-u:\b)",
        40,
        &[
            "subscri",
            "unlimited",
            "free trial",
            "per month",
            "per week",
        ],
    ),
    (
        Reason::Donation,
        0.95,
        r"(?i)^(support|donate to|a message from)\s+(us|the(?-u:\b).*|our(?-u:\b).*|[A-Z].*)[!:.]?$",
        8,
        &["support", "donate to", "a message from"],
    ),
    (
        Reason::Donation,
        0.9,
        r"(?i)(?-u:\b)(donat(e|ion|ions)|contribut(e|ion)|support us|support (our|independent) journalism|please support|become a (member|supporter|patron)|chip in)(?-u:\b)",
        60,
        &["donat", "contribut", "support", "become a", "chip in"],
    ),
    (
        Reason::Donation,
        0.85,
        r"(?i)^(dear (readers?|friends?)|once|monthly|annual(ly)?|yearly|one-time|one time|continue|remind me later\.?|maybe later\.?|payment methods?|other amount|[$€£]\s?\d+(\.\d\d)? (per|a) (month|year))[,.!]?$",
        4,
        &[
            "dear",
            "once",
            "month",
            "annual",
            "year",
            "one-time",
            "one time",
            "continue",
            "later",
            "payment method",
            "other amount",
        ],
    ),
    (
        Reason::CookieNotice,
        0.95,
        r"(?i)(?-u:\b)(cookies?|privacy policy|terms of (use|service)|cookie settings|accept all)(?-u:\b)",
        40,
        &["cookie", "privacy", "terms of", "accept all"],
    ),
    (
        Reason::Legal,
        0.9,
        r"(?i)(©|\(c\)\s*\d{4}|copyright\s+(©\s*)?\d{4}|all rights reserved|may not be (published|reproduced|redistributed)|subject to copyright)",
        40,
        &["©", "(c)", "copyright", "rights reserved", "may not be"],
    ),
    (
        Reason::Navigation,
        0.9,
        r"(?i)^(home|menu|search|sections?|skip to (main )?content|skip to (site )?(index|navigation)|close|open|back to top|top stories|latest( news)?|more|next|previous|prev|login|log in|log out|sign out|main menu|navigation|toggle navigation|go to|edition|english|español|français|deutsch)$",
        4,
        &[
            "home",
            "menu",
            "search",
            "section",
            "skip to",
            "close",
            "open",
            "back to top",
            "top stories",
            "latest",
            "more",
            "next",
            "prev",
            "login",
            "log in",
            "log out",
            "sign out",
            "navigation",
            "go to",
            "edition",
            "english",
            "espa",
            "fran",
            "deutsch",
        ],
    ),
    (
        Reason::RelatedLinks,
        0.9,
        r"(?i)^(read more|related( (stories|articles|coverage|content|posts|topics))?|more (from|on|stories|news|in)(?-u:\b).*|recommended( for you)?|you (may|might) also like|most (read|popular|viewed)|trending( now)?|see also|further reading|editor'?s picks?|what to read next|also read|continue reading.*|read next|watch( now)?|listen( now)?|topics?|tags?)\s*:?$",
        8,
        &[
            "read",
            "related",
            "more",
            "recommended",
            "also like",
            "most",
            "trending",
            "see also",
            "editor",
            "watch",
            "listen",
            "topic",
            "tag",
        ],
    ),
    (
        Reason::RelatedLinks,
        0.8,
        r"(?i)^(read|see|watch|listen)( more)?:\s",
        25,
        &["read", "see", "watch", "listen"],
    ),
    (
        Reason::Comments,
        0.9,
        r"(?i)^(\d+\s+)?(comments?|leave a (comment|reply)|post a comment|join the (conversation|discussion)|show comments|view comments|comment policy)(?-u:\b)",
        10,
        &[
            "comment",
            "leave a reply",
            "join the conversation",
            "join the discussion",
        ],
    ),
    (
        Reason::Advertisement,
        0.95,
        r"(?i)^(advertisement|advertising|sponsored( content)?|ad|ads by .*|paid (post|content)|partner content|story continues below( advertisement)?|continue reading (the main story|below))$",
        6,
        &[
            "ad",
            "sponsored",
            "paid",
            "partner content",
            "story continues",
            "continue reading",
        ],
    ),
    // Promotions that address the reader: "Subscribe to ...", "Join our forums", "Get the
    // latest news ... and more!", "Like this story? Share it with a friend!".
    (
        Reason::Subscription,
        0.7,
        r"(?i)^(subscribe|sign up)(?-u:\b).*|^(join|follow|get|check out|click here|visit|download|want more|need more|like this (story|article)|share (this|it)|don'?t miss|never miss|stay (up to date|informed|connected)|send us)(?-u:\b).*((?-u:\b)(our|us|newsletter|updates|magazine|issues?|forums?)(?-u:\b)|!\s*$)",
        45,
        &[
            "subscri",
            "sign up",
            "join",
            "follow",
            "get",
            "check out",
            "click here",
            "visit",
            "download",
            "want more",
            "need more",
            "like this",
            "share",
            "miss",
            "stay",
            "send us",
        ],
    ),
    (
        Reason::Newsletter,
        0.85,
        r"(?i)(no spam|unsubscribe at any time|successfully subscribed|thanks? for (signing up|subscribing))",
        40,
        &[
            "spam",
            "unsubscribe",
            "subscribed",
            "signing up",
            "subscribing",
        ],
    ),
    // "Have a tip? ... may be reached at", "Reporting by ...; editing by ...".
    (
        Reason::AuthorBox,
        0.8,
        r"(?i)^((have|got) a (news )?tip\?|(additional )?reporting by .*(editing|writing|additional reporting) by|(editing|writing) by [A-Z].*)",
        60,
        &["tip?", "reporting by", "editing by", "writing by"],
    ),
    // A first-person or third-person bio: "I am a writer and ...", "Jane Doe (@jd) is a
    // contributor at ...".
    (
        Reason::AuthorBox,
        0.7,
        r"(?i)^(i am an? [^.]{0,120}(?-u:\b)(writer|journalist|reporter|editor|author|columnist)|[a-z][\w.'’\- ]{2,40}\s\(@\w+\)\s+is an?\s[^.]{0,80}(?-u:\b)(contributor|columnist|correspondent|writer|reporter|editor)(?-u:\b))",
        70,
        &[" is a", "i am a"],
    ),
    // A third-person bio without a handle could be news about a journalist: it counts only
    // outside the article.
    (
        Reason::AuthorBox,
        0.45,
        r"(?i)^[a-z][\w.'’\- ]{2,40}\s+is an?\s[^.]{0,80}(?-u:\b)(contributor|columnist|correspondent|staff writer|writer|reporter|editor)(?-u:\b) (at|for|with) ",
        70,
        &[" is a"],
    ),
    // The publisher describing itself: "... is part of Example Media, an international
    // media group", "Visit our corporate site".
    (
        Reason::Legal,
        0.8,
        r"(?i)((?-u:\b)is part of [^.]{0,60}(inc|ltd|llc|plc|media group|publishing group|digital publisher)(?-u:\b)|visit our corporate (site|website))",
        50,
        &["part of", "corporate"],
    ),
    // Script-only widgets that show their fallback text: "This slideshow requires JavaScript."
    (
        Reason::OutsideArticle,
        0.9,
        r"(?i)((requires|enable) javascript|javascript (is )?(required|disabled))",
        20,
        &["javascript"],
    ),
    (
        Reason::AuthorBox,
        0.8,
        r"(?i)^(about the author|(he|she|they) (is|are) (a|an|the) .*(writer|reporter|correspondent|editor|columnist)(?-u:\b))",
        60,
        &[
            "about the author",
            "writer",
            "reporter",
            "correspondent",
            "editor",
            "columnist",
        ],
    ),
    (Reason::Navigation, 0.7, CAPITALS_MENU, 4, &[]),
];

/// Parts of HTML `class`/`id` names that mark boilerplate containers (Readability's
/// "unlikely candidates", plus the widgets news pages add). Plain substrings of the
/// lower-cased names: a substring search per element is far cheaper than a regex.
pub const NEGATIVE_NAMES: &[&str] = &[
    "comment",
    "related",
    "share",
    "social",
    "sidebar",
    "footer",
    "header",
    "masthead",
    "menu",
    "nav",
    "promo",
    "newsletter",
    "subscribe",
    "signup",
    "advert",
    "banner",
    "cookie",
    "popup",
    "modal",
    "breadcrumb",
    "byline",
    "author-bio",
    "tags",
    "widget",
    "recommend",
    "outbrain",
    "taboola",
    "caption",
    "credit",
];
/// Ad containers: whole name words ("ad", "ads") or their prefixes ("ad-slot").
pub const AD_NAMES: &[&str] = &["ad", "ads", "ad-", "ads-", "ad_", "advertisement"];
/// Parts of HTML `class`/`id` names that mark the article container.
pub const POSITIVE_NAMES: &[&str] = &[
    "article-body",
    "articlebody",
    "story-body",
    "post-content",
    "entry-content",
    "article-content",
    "story-content",
    "main-content",
    "articletext",
    "article__body",
    "body-text",
];

/// [`POSITIVE_NAMES`] and then [`NEGATIVE_NAMES`] in one automaton: an element's names are
/// read once for all of them, instead of once per entry (on a page of thousands of named
/// elements, those substring searches were most of the stage's time). A DFA stepped byte by
/// byte, as the needles are (see [`scan`]), but case-sensitive (the names come lower-cased).
fn name_parts() -> &'static NeedleDfa {
    static A: OnceLock<NeedleDfa> = OnceLock::new();
    A.get_or_init(|| {
        aho_corasick::dfa::DFA::builder()
            .start_kind(aho_corasick::StartKind::Unanchored)
            .prefilter(false)
            .build(POSITIVE_NAMES.iter().chain(NEGATIVE_NAMES))
            .expect("name parts")
    })
}

/// The weight of an element's lower-cased class/id names: +1 article-like, -1
/// boilerplate-like, 0 neither.
pub fn name_weight(names: &str) -> i8 {
    // Every part found, overlapping ones too: a positive part anywhere wins.
    let found = scan(name_parts(), names, |i| {
        usize::from(i >= POSITIVE_NAMES.len())
    });
    if found.has(0) {
        return 1;
    }
    if found.has(1) {
        return -1;
    }
    // Every ad name holds "ad": most names are spared the word-by-word check.
    let ad = names.contains("ad")
        && names.split_ascii_whitespace().any(|w| {
            AD_NAMES.iter().any(|a| {
                if a.ends_with(['-', '_']) {
                    w.starts_with(a)
                } else {
                    w == *a
                }
            })
        });
    if ad {
        -1
    } else {
        0
    }
}

/// A byline: "By Jane Doe", "By Jane Doe and John Roe, Reuters".
const BYLINE: &str = r"^(?i:by)\s+[A-Z][\w.'\-]+(\s+[A-Z][\w.'\-]+){0,3}((\s*,\s*|\s+(and|&)\s+)[A-Z][\w.'\-]+(\s+[A-Z][\w.'\-]+){0,3})*";

/// Function words of the languages in the benchmark, sorted (binary search); one signal
/// among several (a page in another language still has long blocks, commas and sentence
/// punctuation).
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "also", "an", "and", "are", "as", "at", "auch", "auf", "be", "been",
    "but", "by", "che", "con", "dans", "das", "de", "del", "della", "dem", "den", "der", "des",
    "di", "die", "du", "e", "ein", "eine", "el", "en", "es", "est", "et", "for", "from", "für",
    "had", "has", "have", "he", "her", "his", "il", "im", "in", "into", "is", "ist", "it", "its",
    "la", "las", "le", "les", "lo", "los", "mit", "more", "nicht", "non", "not", "não", "o", "of",
    "on", "or", "os", "pas", "per", "pour", "que", "qui", "said", "she", "si", "sich", "sur",
    "than", "that", "the", "their", "they", "this", "to", "um", "uma", "un", "una", "und", "von",
    "was", "were", "which", "who", "will", "wird", "with", "would", "y", "zu", "è", "в", "для",
    "за", "и", "из", "к", "как", "на", "не", "от", "по", "с", "что", "это",
];

/// The publisher speaking: appeals and "about us" boxes use these, news prose rarely does.
pub const WE_WORDS: &[&str] = &[
    "we", "our", "us", "ours", "we're", "wir", "unser", "noi", "nous", "nosotros",
];
/// The reader addressed: appeals, sign-ups and menus use these.
pub const READER_WORDS: &[&str] = &["you", "your", "yours", "you're"];
/// What appeals ask for (word prefixes, at least 5 letters).
pub const APPEAL_WORDS: &[&str] = &[
    "support",
    "donat",
    "contribut",
    "journalis",
    "independen",
    "subscri",
    "member",
    "funding",
    "reader",
    "sponsor",
    "patron",
];

/// Headers after which the rest of the page is not the article (an appeal, the comments,
/// related links), unless article prose resumes. Matched only on short blocks. (reason,
/// pattern, needles), the needles as in [`BOILERPLATE`].
const SECTION_STARTS: &[(Reason, &str, &[&str])] = &[
    // "A message from the editors:", "Dear readers,", "Support our journalism".
    (
        Reason::Donation,
        r"(?i)^(a (personal )?(message|note|word|letter) from(?-u:\b).*|dear (readers?|friends?|subscribers?)(?-u:\b).*|(please )?support (us|our (work|journalism|newsroom|reporting))(?-u:\b).*|support (independent|quality|local) (journalism|news|reporting)(?-u:\b).*|(why|how) (we|you can) (need|help|support)(?-u:\b).*)$",
        &["from", "dear", "support", "need", "help"],
    ),
    // "Comments", "12 comments", "Leave a reply", "Join the conversation".
    (
        Reason::Comments,
        r"(?i)^(\d+\s+)?(comments?|responses?|replies|reader comments|discussion|leave a (comment|reply)|post a comment|add a comment|join the (conversation|discussion)|show comments|view comments|comment policy)\s*(\(\d+\))?\s*:?$",
        &[
            "comment",
            "response",
            "replies",
            "discussion",
            "leave a reply",
            "conversation",
        ],
    ),
    // "Related stories", "More from Sport", "You may also like", "Most read".
    (
        Reason::RelatedLinks,
        r"(?i)^(related( (stories|articles|coverage|content|posts|news|links|reading|topics))?|more (from|on|stories|news|in|like this|to read|articles)(?-u:\b).*|recommended( (for you|stories|reading|articles))?|you (may|might) (also )?(like|enjoy|be interested in)|most (read|popular|viewed|shared|commented)|trending( now| stories| articles)?|see also|further reading|editor'?s picks?|what to read next|read next|up next|latest (news|stories|articles|posts)|popular (now|stories|posts|articles)|top stories|you may have missed|around the web|from (the|our) partners?|sponsored (stories|links|content)|other (stories|articles|news)|also (read|see|on)(?-u:\b).*|more( \w+){0,3} (stories|articles|news|reads|coverage|videos))\s*[:.…]*$",
        &[
            "related",
            "more",
            "recommended",
            "you may",
            "you might",
            "most",
            "trending",
            "reading",
            "editor",
            "read next",
            "up next",
            "latest",
            "popular",
            "top stories",
            "around the web",
            "partner",
            "sponsored",
            "other",
            "also",
        ],
    ),
];

/// A comment's header line: "Jane on May 3, 2019 at 4:47 pm said:", "Alex | 12:30 pm".
const COMMENT_HEADER: &str = r"(?i)^.{1,60}\s(on|at|[|·])\s.{0,40}\d{1,2}:\d{2}\s*(am|pm|a\.m\.|p\.m\.)?\s*(said|says|wrote|replied)?\s*:?$|^.{1,60}\s(said|says|wrote|replied):$";

/// Dates as news pages write them: "November 19, 2019", "19 Nov 2019", "2019-11-19",
/// "Nov. 19, 2019". Groups: ISO (y, m, d) or month-name forms.
const DATES: &str = r"(?i)(?-u:\b)(?:(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)|(?P<m1>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)(?-u:\b)|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<m2>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(?P<y2>(?:19|20)\d\d)(?-u:\b))";

/// "Support The Daily Planet!", "A message from The Daily Planet:": the publisher's name.
const PUBLISHER: &str = r"(?i)^(?:support|donate to|a (?:personal )?(?:message|note|word|letter) from)\s+(.{2,60}?)\s*[!:.]?$";

/// Words that say a short block describes a picture: where people stand in it, or that it
/// is one. A block like this right before a credit line is the credit's caption.
const CAPTION_CUES: &str = r"(?i)(,\s*(center|centre|left|right|second (from )?(left|right)|front|rear|top|bottom)\s*,|\((center|centre|left|right|top|bottom|above|below|pictured|file)\)|(?-u:\b)from (left|right)(?-u:\b)|(?-u:\b)pictured(?-u:\b)|(?-u:\b)(file|stock) (photo|image|picture)(?-u:\b)|(?-u:\b)in this (photo|picture|image|handout)(?-u:\b)|(?-u:\b)(poses|gestures|looks on|is seen|are seen|attends|arrives|speaks|waves|smiles|listens)(?-u:\b))";

/// A pattern compiled the first time a block reaches it: a page's first analysis (in the
/// browser, its start-up) pays only for the patterns its blocks need.
pub struct Lazy {
    source: std::borrow::Cow<'static, str>,
    regex: OnceLock<Regex>,
}

impl Lazy {
    pub(crate) const fn new(source: &'static str) -> Self {
        Lazy {
            source: std::borrow::Cow::Borrowed(source),
            regex: OnceLock::new(),
        }
    }

    pub(crate) fn owned(source: String) -> Self {
        Lazy {
            source: std::borrow::Cow::Owned(source),
            regex: OnceLock::new(),
        }
    }
}

/// The characters of a name at the start of a bio ("Jane O’Neil-Doe Jr. is a ..."), as
/// written in [`BOILERPLATE`]: word characters, `.`, apostrophes, hyphen, space.
const NAME_CHARS: &str = r"[\w.'’\- ]";

/// What [`NAME_CHARS`] is compiled as: ASCII word characters, `.`, `'`, hyphen, space and
/// any non-ASCII character. A bounded repetition of Unicode `\w` (`{2,40}`) makes the
/// regex compiler build a large automaton (~11 ms per pattern natively, far more in a
/// loaded browser's start-up); this class is a handful of UTF-8 states (~1 ms). It holds
/// every character `NAME_CHARS` holds and differs only on non-ASCII characters that are
/// not word characters (`—`, `“`, a no-break space): a block with one of those where the
/// name can be is checked again with the written pattern (see [`name_may_differ`]), so
/// the rules match exactly what they are written to match.
const NAME_CHARS_COMPILED: &str = r"(?-i:[0-9A-Za-z_.'\- [^\x00-\x7F]])";

/// Whether the characters a name can take in `s` (the 2nd to the 41st) include one that
/// [`NAME_CHARS_COMPILED`] accepts and [`NAME_CHARS`] does not: non-ASCII, not `’`, not
/// a word character by the regex crate's own Unicode tables (Rust's `char` methods follow
/// a different Unicode version). Asked only of blocks the cheap pattern matched.
fn name_may_differ(s: &str) -> bool {
    s.chars()
        .skip(1)
        .take(40)
        .any(|c| c != '’' && non_ascii_non_word(c))
}

/// Whether `c` is a non-ASCII character that is not a word character (`\w`) by the regex
/// crate's own Unicode tables (Rust's `char` methods follow another Unicode version).
fn non_ascii_non_word(c: char) -> bool {
    !c.is_ascii() && !crate::tokens::is_regex_word(c)
}

/// The characters of a byline's names, as written in [`BYLINE`] (four times, two of them
/// repeated up to three times: as Unicode `\w` that made it the costliest pattern to
/// compile that a typical article needs), and what they are compiled as: ASCII word
/// characters, `.`, `'`, hyphen and any non-ASCII character. When the cheap pattern's match
/// holds a non-ASCII character that is not a word character, the pattern as written
/// answers instead (see [`Gated::find`]).
const BYLINE_CHARS: &str = r"[\w.'\-]";
/// The same for the up to three words of "More … stories" in [`SECTION_STARTS`].
const SECTION_WORD: &str = r"( \w+){0,3}";
/// (`(?-i:…)`: case-folding a class of every non-ASCII character costs more than it saves.)
const SECTION_WORD_COMPILED: &str = r"( (?-i:[0-9A-Za-z_[^\x00-\x7F]])+){0,3}";
const BYLINE_CHARS_COMPILED: &str = r"[0-9A-Za-z_.'\-[^\x00-\x7F]]";

impl std::ops::Deref for Lazy {
    type Target = Regex;
    fn deref(&self) -> &Regex {
        self.regex
            .get_or_init(|| Regex::new(&self.source).expect("pattern compiles"))
    }
}

/// A set of needles: bit `i` is needle `i` of [`Patterns::needles`].
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
struct Needles([u64; 4]);

impl Needles {
    const ALL: Needles = Needles([u64::MAX; 4]);

    fn with(mut self, i: usize) -> Self {
        self.0[i / 64] |= 1 << (i % 64);
        self
    }

    fn is_empty(&self) -> bool {
        self.0 == [0; 4]
    }

    fn has(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }

    fn union(mut self, other: &Needles) -> Self {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a |= b;
        }
        self
    }

    fn meets(&self, other: &Needles) -> bool {
        self.0.iter().zip(other.0).any(|(a, b)| a & b != 0)
    }
}

/// A rule's needle condition: none, or one of its needles present.
fn needles_allow(rule: &Needles, present: impl FnOnce() -> Needles) -> bool {
    rule.is_empty() || rule.meets(&present())
}

/// Block lengths (in words) from which the needle scan looks only for the needles of the
/// rules a block that long can still match (`max words` at least this): a prose paragraph
/// is asked only by the few rules for long blocks, so its scan need not stop at every "x",
/// "ad", "more" or "get" of the short rules' needles (reporting those matches was most of
/// the scan's cost). Blocks shorter than the first level are scanned for every needle.
/// Each level's automaton is built the first time a block of its length comes.
const NEEDLE_LEVELS: &[usize] = &[15, 41, 46];

/// The needle scan for blocks of at least `min_words` words.
struct NeedleLevel {
    min_words: usize,
    /// The needles of the rules with `max words >= min_words`, as indexes of
    /// [`Patterns::needles`]' needles.
    needles: Vec<usize>,
    /// Per needle of `needles`, the rules that list it.
    rules: Vec<RuleSet>,
    /// Those needles, searched for together (pattern `i` is `needles[i]`).
    automaton: OnceLock<NeedleDfa>,
}

/// A set of rules of [`BOILERPLATE`]: bit `i` is rule `i` (there are fewer than 64).
type RuleSet = u64;

/// The rules listing a needle of `dfa` found in `s`: the union of `rules_of` of every
/// needle found, overlapping ones too (every rule when the automaton cannot start).
fn scan_rules(dfa: &NeedleDfa, s: &str, rules_of: &[RuleSet]) -> RuleSet {
    let mut rules = 0;
    if !each_needle(dfa, s, |i| rules |= rules_of[i]) {
        return RuleSet::MAX;
    }
    rules
}

/// An Aho-Corasick DFA of needles, ASCII case ignored.
type NeedleDfa = aho_corasick::dfa::DFA;

fn needle_dfa<'n>(needles: impl IntoIterator<Item = &'n str>) -> NeedleDfa {
    aho_corasick::dfa::DFA::builder()
        .ascii_case_insensitive(true)
        .start_kind(aho_corasick::StartKind::Unanchored)
        .prefilter(false)
        .build(needles)
        .expect("needles")
}

/// Every needle of `dfa` in `s`, overlapping ones too, as the pattern numbers `number`
/// maps to bits (all of them when the automaton cannot start).
fn scan(dfa: &NeedleDfa, s: &str, number: impl Fn(usize) -> usize) -> Needles {
    let mut bits = Needles::default();
    if !each_needle(dfa, s, |i| bits = bits.with(number(i))) {
        return Needles::ALL;
    }
    bits
}

/// Calls `found` with the pattern number of every needle of `dfa` in `s`, overlapping
/// ones too (a needle may be reported more than once); false when the automaton cannot
/// start (then nothing was read). The automaton is stepped byte by byte here: a block is
/// short, and the library's overlapping-search iterator cost more per block (setting up
/// its state, then a call per match) than the steps themselves.
///
/// A long text is read as [`LANES`] parts stepped side by side: each step waits for the
/// previous one's table look-up, so one walk through a long block runs at the speed of
/// the memory's latency, and independent walks overlap their waits. Each part after the
/// first starts a needle's length (less one byte) before its share, so every needle,
/// wherever it ends, lies whole inside the part whose share it ends in.
fn each_needle(dfa: &NeedleDfa, s: &str, mut found: impl FnMut(usize)) -> bool {
    use aho_corasick::automaton::Automaton;
    let anchored = aho_corasick::Anchored::No;
    let Ok(start) = dfa.start_state(anchored) else {
        return false;
    };
    let bytes = s.as_bytes();
    let reach = dfa.max_pattern_len().saturating_sub(1);
    let n = bytes.len();
    if n < LANES * (reach + LANE_MIN) {
        let mut sid = start;
        for &b in bytes {
            if !step_needles(dfa, &mut sid, b, &mut found) {
                break;
            }
        }
        return true;
    }
    let share = n / LANES;
    // Lane `l` reads `bytes[from[l]..to[l]]`: its share, and the `reach` bytes before it.
    let from: [usize; LANES] = std::array::from_fn(|l| (l * share).saturating_sub(reach));
    let to: [usize; LANES] =
        std::array::from_fn(|l| if l + 1 == LANES { n } else { (l + 1) * share });
    let mut sid = [start; LANES];
    let mut alive = [true; LANES];
    // Side by side for as long as the shortest part (the first) goes.
    for j in 0..share {
        for l in 0..LANES {
            if alive[l] {
                alive[l] = step_needles(dfa, &mut sid[l], bytes[from[l] + j], &mut found);
            }
        }
    }
    for l in 0..LANES {
        if alive[l] {
            for &b in &bytes[from[l] + share..to[l]] {
                if !step_needles(dfa, &mut sid[l], b, &mut found) {
                    break;
                }
            }
        }
    }
    true
}

/// One step of [`each_needle`]'s walk from `sid` over byte `b`, calling `found` with the
/// needles that end there; false when the walk has died. Inlined into the walk's loops: a
/// call per byte cost more than the step.
#[inline(always)]
fn step_needles(dfa: &NeedleDfa, sid: &mut StateID, b: u8, found: &mut impl FnMut(usize)) -> bool {
    use aho_corasick::automaton::Automaton;
    let anchored = aho_corasick::Anchored::No;
    *sid = dfa.next_state(anchored, *sid, b);
    if dfa.is_special(*sid) {
        if dfa.is_dead(*sid) {
            return false;
        }
        if dfa.is_match(*sid) {
            for i in 0..dfa.match_len(*sid) {
                found(dfa.match_pattern(*sid, i).as_usize());
            }
        }
    }
    true
}

/// Walks [`each_needle`] steps side by side in a long text.
const LANES: usize = 4;
/// Bytes per lane, beyond a needle's length, from which a text is read in lanes.
const LANE_MIN: usize = 16;

/// A pattern asked only of text that starts with one of `starts` (ASCII case ignored, see
/// [`Patterns::needles_in`] for the two characters that fold into ASCII letters): every
/// text the pattern matches does, so the answers are the pattern's, and a page whose
/// blocks never start so never compiles it.
pub struct Gated {
    starts: &'static [&'static str],
    regex: Lazy,
    /// The pattern as written, when `regex` is compiled with a cheaper class that holds
    /// more non-ASCII characters than the written one: asked when `regex`'s match holds a
    /// non-ASCII character that is not a word character. Otherwise that match is the
    /// written pattern's too: every way of matching the written pattern is one of the
    /// cheap pattern's, and the cheap pattern's first (leftmost-first) way used only
    /// characters both classes hold, so the written pattern takes it as well.
    exact: Option<Lazy>,
}

impl Gated {
    fn may_match(&self, s: &str) -> bool {
        self.starts.is_empty()
            || self.starts.iter().any(|p| {
                s.get(..p.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(p))
            })
            || folds_into_ascii(s)
    }

    /// The written pattern, when `m` (the cheap pattern's match) may not be its match.
    fn exact_for(&self, m: &regex::Match) -> Option<&Lazy> {
        self.exact
            .as_ref()
            .filter(|_| m.as_str().chars().any(non_ascii_non_word))
    }

    pub fn is_match(&self, s: &str) -> bool {
        self.find(s).is_some()
    }

    pub fn find<'s>(&self, s: &'s str) -> Option<regex::Match<'s>> {
        if !self.may_match(s) {
            return None;
        }
        let m = self.regex.find(s)?;
        match self.exact_for(&m) {
            Some(exact) => exact.find(s),
            None => Some(m),
        }
    }

    pub fn captures<'s>(&self, s: &'s str) -> Option<regex::Captures<'s>> {
        if !self.may_match(s) {
            return None;
        }
        let c = self.regex.captures(s)?;
        match self.exact_for(&c.get(0).expect("match")) {
            Some(exact) => exact.captures(s),
            None => Some(c),
        }
    }
}

/// Whether `s` holds one of the two non-ASCII characters that Unicode case folding (and so
/// a `(?i)` pattern) equates with an ASCII letter: `ſ` (s) and the Kelvin sign (k).
pub(crate) fn folds_into_ascii(s: &str) -> bool {
    // ASCII text (most blocks) is ruled out 8 bytes at a time; a search for one character
    // looks for its last byte (a search for either of two decodes every character).
    !s.is_ascii() && (s.contains('\u{17F}') || s.contains('\u{212A}'))
}

/// One row of [`BOILERPLATE`], its needles as bits of [`Patterns::needles`].
struct Rule {
    reason: Reason,
    certainty: f32,
    regex: Lazy,
    /// The pattern as written, when `regex` compiles a cheaper superset of it (a name
    /// written with [`NAME_CHARS`]): asked only when [`name_may_differ`].
    exact: Option<Lazy>,
    max_words: usize,
    needles: Needles,
    /// The rule's entry in [`QUICK_TESTS`], if any: false rules the pattern out.
    quick: Option<QuickTest>,
}

pub struct Patterns {
    rules: Vec<Rule>,
    /// Every needle of the rules (lower case), searched for together in one pass, ASCII
    /// case ignored. An Aho-Corasick automaton, not a `RegexSet` of the escaped needles:
    /// both find the same needles, but the set's regex compiler was ~15% of the page's
    /// start-up (warm-up) in the browser; the automaton builds in a fraction of that.
    /// A DFA rather than the default (contiguous NFA) for this many needles: it builds in
    /// about a millisecond more, once, and finds the needles of every block in less than
    /// half the instructions (a third of the stage's time was this scan). Stepped by
    /// [`scan`].
    needles: NeedleDfa,
    /// The needle list itself (what the automata of [`NEEDLE_LEVELS`] are built from).
    needle_list: Vec<&'static str>,
    /// Smaller scans for longer blocks, by [`NEEDLE_LEVELS`].
    levels: Vec<NeedleLevel>,
    /// Per needle of `needles`, the rules that list it.
    rules_of_needle: Vec<RuleSet>,
    /// The rules without needles (asked of every block short enough).
    free_rules: RuleSet,
    /// By a block's words, up to the largest `max words` of the rules (longer blocks
    /// match none), the rules for blocks that long.
    rules_for_words: Vec<RuleSet>,
    pub byline: Gated,
    credit_agency: Lazy,
    /// Section headers and the reason of the section they open.
    sections: Vec<(Reason, Gated, Needles)>,
    pub comment_header: Lazy,
    dates: Lazy,
    /// The publisher named in an appeal header.
    pub publisher: Gated,
    pub caption_cues: Lazy,
}

pub fn get() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let mut needles: Vec<&str> = Vec::new();
        let mut bits_of = |ns: &[&'static str]| {
            ns.iter().fold(Needles::default(), |bits, n| {
                let i = needles.iter().position(|x| x == n).unwrap_or_else(|| {
                    needles.push(n);
                    needles.len() - 1
                });
                bits.with(i)
            })
        };
        let sections = SECTION_STARTS
            .iter()
            .map(|&(r, p, ns)| {
                let gated = if p.contains(SECTION_WORD) {
                    Gated {
                        starts: &[],
                        regex: Lazy::owned(p.replace(SECTION_WORD, SECTION_WORD_COMPILED)),
                        exact: Some(Lazy::new(p)),
                    }
                } else {
                    Gated {
                        starts: &[],
                        regex: Lazy::new(p),
                        exact: None,
                    }
                };
                (r, gated, bits_of(ns))
            })
            .collect();
        let rules: Vec<Rule> = BOILERPLATE
            .iter()
            .map(|&(reason, certainty, p, max_words, ns)| {
                let bits = bits_of(ns);
                let (regex, exact) = if p.contains(NAME_CHARS) {
                    let cheap = p.replace(NAME_CHARS, NAME_CHARS_COMPILED);
                    (Lazy::owned(cheap), Some(Lazy::new(p)))
                } else {
                    (Lazy::new(p), None)
                };
                Rule {
                    reason,
                    certainty,
                    regex,
                    exact,
                    max_words,
                    needles: bits,
                    quick: QUICK_TESTS.iter().find(|q| q.0 == p).map(|q| q.1),
                }
            })
            .collect();
        assert!(needles.len() <= 256, "needles fit the bits of Needles");
        assert!(rules.len() <= 64, "rules fit the bits of RuleSet");
        let rules_of_needle: Vec<RuleSet> = (0..needles.len())
            .map(|n| {
                (0..rules.len())
                    .filter(|&i| rules[i].needles.has(n))
                    .fold(0, |set, i| set | 1 << i)
            })
            .collect();
        let free_rules = (0..rules.len())
            .filter(|&i| rules[i].needles.is_empty())
            .fold(0, |set, i| set | 1 << i);
        let max_words = rules.iter().map(|r| r.max_words).max().unwrap_or(0);
        let rules_for_words = (0..=max_words)
            .map(|w| {
                (0..rules.len())
                    .filter(|&i| w <= rules[i].max_words)
                    .fold(0, |set, i| set | 1 << i)
            })
            .collect();
        let levels = NEEDLE_LEVELS
            .iter()
            .map(|&min_words| {
                let wanted = rules
                    .iter()
                    .filter(|r| r.max_words >= min_words)
                    .fold(Needles::default(), |all, r| all.union(&r.needles));
                let needles: Vec<usize> = (0..needles.len()).filter(|&i| wanted.has(i)).collect();
                NeedleLevel {
                    min_words,
                    rules: needles.iter().map(|&n| rules_of_needle[n]).collect(),
                    needles,
                    automaton: OnceLock::new(),
                }
            })
            .collect();
        Patterns {
            rules,
            needles: needle_dfa(needles.iter().copied()),
            needle_list: needles,
            levels,
            rules_of_needle,
            free_rules,
            rules_for_words,
            byline: Gated {
                starts: &["by"],
                regex: Lazy::owned(BYLINE.replace(BYLINE_CHARS, BYLINE_CHARS_COMPILED)),
                exact: Some(Lazy::new(BYLINE)),
            },
            credit_agency: Lazy::new(AGENCIES),
            sections,
            comment_header: Lazy::new(COMMENT_HEADER),
            dates: Lazy::new(DATES),
            publisher: Gated {
                starts: &["support", "donate to", "a "],
                regex: Lazy::new(PUBLISHER),
                exact: None,
            },
            caption_cues: Lazy::new(CAPTION_CUES),
        }
    })
}

impl Patterns {
    /// The first date in `s`: its byte range and, when month and day are known, ISO 8601.
    pub fn date(&self, s: &str) -> Option<((usize, usize), Option<String>)> {
        // Cheap prefilter: a date has a four-digit year or an ISO form.
        if !s.as_bytes().windows(2).any(|w| w == b"19" || w == b"20") {
            return None;
        }
        let c = self.dates.captures(s)?;
        let whole = c.get(0)?;
        let num = |n: &str| c.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
        let month = |n: &str| {
            c.name(n).and_then(|m| {
                let m = m.as_str().to_ascii_lowercase();
                [
                    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                    "dec",
                ]
                .iter()
                .position(|p| m.starts_with(p))
                .map(|i| i as u32 + 1)
            })
        };
        let (y, m, d) = if let Some(y) = num("iy") {
            (Some(y), num("im"), num("id"))
        } else if let Some(y) = num("y1") {
            (Some(y), month("m1"), num("d1"))
        } else {
            (num("y2"), month("m2"), num("d2"))
        };
        let iso = match (y, m, d) {
            (Some(y), Some(m @ 1..=12), Some(d @ 1..=31)) => Some(format!("{y:04}-{m:02}-{d:02}")),
            _ => None,
        };
        Some(((whole.start(), whole.end()), iso))
    }

    /// The section `s` (of `words` words) opens, when it is a section header.
    pub fn section(&self, s: &str, words: usize) -> Option<Reason> {
        if words > 12 {
            return None;
        }
        let present = std::cell::OnceCell::new();
        self.sections
            .iter()
            .find(|(_, re, needles)| {
                needles_allow(needles, || *present.get_or_init(|| self.needles_in(s)))
                    && re.is_match(s)
            })
            .map(|(r, _, _)| *r)
    }

    /// The first boilerplate pattern `s` (of `words` words) matches.
    pub fn boilerplate(&self, s: &str, words: usize) -> Option<(Reason, f32)> {
        // The rules for blocks this long, in order (lowest bit first).
        let mut asked = *self.rules_for_words.get(words)?;
        let mut scanned = false;
        while asked != 0 {
            let i = asked.trailing_zeros() as usize;
            if !scanned && self.free_rules & 1 << i == 0 {
                // The first rule with needles: the needles in `s`, found once, rule out
                // every rule none of whose needles is there.
                scanned = true;
                asked &= self.free_rules | self.rules_found(s, words);
                continue;
            }
            asked &= asked - 1;
            let rule = &self.rules[i];
            if rule.quick.map_or(true, |quick| quick(s))
                && rule.regex.is_match(s)
                && rule
                    .exact
                    .as_ref()
                    .map_or(true, |exact| !name_may_differ(s) || exact.is_match(s))
            {
                return Some((rule.reason, rule.certainty));
            }
        }
        None
    }

    /// The rules for blocks of `words` words that list a needle `s` contains (ASCII case
    /// ignored): the rules whose needles [`Patterns::needles_for`] finds, from the scan of
    /// the block's level (every rule when `s` has a character that folds into ASCII).
    fn rules_found(&self, s: &str, words: usize) -> RuleSet {
        if folds_into_ascii(s) {
            return RuleSet::MAX;
        }
        match self.levels.iter().rev().find(|l| words >= l.min_words) {
            None => scan_rules(&self.needles, s, &self.rules_of_needle),
            Some(level) => {
                let automaton = level
                    .automaton
                    .get_or_init(|| needle_dfa(level.needles.iter().map(|&i| self.needle_list[i])));
                scan_rules(automaton, s, &level.rules)
            }
        }
    }

    /// The needles `s` contains, ignoring ASCII case, as bits. The `(?i)` patterns ignore
    /// case by Unicode's rules, which also equate `ſ` with `s` and the Kelvin sign with `k`:
    /// text with either of those has every needle, so that a needle condition never stops
    /// a pattern that would match.
    /// The needles in `s` (of `words` words) that a rule for blocks that long can ask
    /// for: [`Patterns::needles_in`] without the needles of rules for shorter blocks only.
    #[cfg(test)]
    fn needles_for(&self, s: &str, words: usize) -> Needles {
        let Some(level) = self.levels.iter().rev().find(|l| words >= l.min_words) else {
            return self.needles_in(s);
        };
        if folds_into_ascii(s) {
            return Needles::ALL;
        }
        let automaton = level
            .automaton
            .get_or_init(|| needle_dfa(level.needles.iter().map(|&i| self.needle_list[i])));
        scan(automaton, s, |i| level.needles[i])
    }

    fn needles_in(&self, s: &str) -> Needles {
        if folds_into_ascii(s) {
            return Needles::ALL;
        }
        scan(&self.needles, s, |i| i)
    }
}

/// Picture agencies and wire services that appear in credits.
const AGENCIES: &str = r"(?i)^(getty images|afp|reuters|ap|associated press|epa|epa-efe|shutterstock|alamy|sputnik|tass|xinhua|efe|anadolu|pool|ap photo|.*news agency|.*press|.*images|.*photos?)$";

/// Reads a picture credit ("ALEXEY NIKOLSKY/Sputnik/AFP via Getty Images",
/// "Sophia Sandurskaya / Moskva News Agency") at byte offset `at`.
pub fn credit(s: &str, at: usize) -> Option<Credit> {
    let p = get();
    // The credit is the part after the caption's last sentence, if any.
    let start = s.rfind(". ").map_or(0, |i| i + 2);
    let credit = s[start..].trim();
    let credit = credit
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_start_matches("Photo: ")
        .trim_start_matches("Credit: ");
    if credit.is_empty() {
        return None;
    }
    let mut people = Vec::new();
    let mut agencies = Vec::new();
    for part in credit.split(['/', '|']).flat_map(|p| p.split(" via ")) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if p.credit_agency.is_match(part)
            || (part.len() <= 5 && part.chars().all(|c| c.is_uppercase()))
        {
            agencies.push(part.to_string());
        } else {
            people.push(titlecase(part));
        }
    }
    if agencies.is_empty() && people.len() != 1 {
        return None;
    }
    let offset = at + s.find(credit).unwrap_or(0);
    Some(Credit {
        span: Span(offset, offset + credit.len()),
        people,
        agencies,
        caption: (start > 0).then(|| Span(at, at + start - 1)),
    })
}

/// "ALEXEY NIKOLSKY" → "Alexey Nikolsky"; mixed case is left alone.
fn titlecase(s: &str) -> String {
    if s.chars().any(char::is_lowercase) {
        return s.to_string();
    }
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| {
                f.to_string() + &c.as_str().to_lowercase()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;

    fn reason(s: &str) -> Option<Reason> {
        get()
            .boilerplate(s, crate::tokens::word_count(s))
            .map(|(r, _)| r)
    }

    #[test]
    fn every_pattern_compiles() {
        let p = get();
        for rule in &p.rules {
            let _ = rule.regex.as_str();
        }
        for (_, re, _) in &p.sections {
            let _ = re.regex.as_str();
            let _ = re.exact.as_ref().map(|e| e.as_str());
        }
        for re in [
            &p.byline.regex,
            p.byline.exact.as_ref().unwrap(),
            &p.credit_agency,
            &p.comment_header,
            &p.dates,
            &p.publisher.regex,
            &p.caption_cues,
        ] {
            let _ = re.as_str();
        }
    }

    #[test]
    fn bio_names_compile_cheaply_and_match_as_written() {
        let p = get();
        let bios: Vec<&Rule> = p.rules.iter().filter(|r| r.exact.is_some()).collect();
        assert_eq!(bios.len(), 2, "the two author-bio rules name a person");
        // The compiled class holds every character the written one does, and differs
        // only where `name_may_differ` says so.
        let written = Regex::new(&format!("^{NAME_CHARS}$")).unwrap();
        let compiled = Regex::new(&format!("^{NAME_CHARS_COMPILED}$")).unwrap();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let one = c.to_string();
            assert!(!written.is_match(&one) || compiled.is_match(&one), "{c:?}");
            if written.is_match(&one) != compiled.is_match(&one) {
                assert!(name_may_differ(&format!("x{c}")), "{c:?}");
            }
        }
        for s in [
            "Jane O’Neil-Doe (@jod) is a contributor at Example News.",
            "Zoë Ångström is a staff writer for The Example Post.",
            "Jane Doe — who is a reporter for a local paper — said so.",
            "Jane\u{a0}Doe is a reporter at the Example Daily.",
            "Jo “Jojo” Roe is a columnist for Example Weekly.",
            "I am a writer and a parent of two.",
            "The senator is a former reporter with a local paper.",
        ] {
            for rule in &bios {
                let exact = rule.exact.as_ref().unwrap();
                let fast = rule.regex.is_match(s) && (!name_may_differ(s) || exact.is_match(s));
                assert_eq!(fast, exact.is_match(s), "{s}");
            }
        }
    }

    #[test]
    fn bylines_read_as_written() {
        let p = get();
        let written = Regex::new(BYLINE).unwrap();
        assert_eq!(BYLINE.matches(BYLINE_CHARS).count(), 4);
        let check = |s: &str| {
            assert_eq!(p.byline.find(s), written.find(s), "{s:?}");
            assert_eq!(p.byline.is_match(s), written.is_match(s), "{s:?}");
        };
        for s in [
            "By Ana Lima and Tomas Berg, Reuters",
            "By José Núñez-García",
            "By Jane O’Neil and Zoë Ångström",
            "BY JANE DOE & JOHN ROE",
            "By\u{a0}Jane Doe",
            "By Jane Doe — Example News",
            "By Jane Doe\u{2009}and John Roe",
            "By 李 Wei, Ana Lima, Tomas Berg Jr. and Ruth Okafor-Smith",
            "by the harbour",
            "By",
        ] {
            check(s);
        }
        // Any character in a name, between names, and after them.
        for c in (0..0x3100u32)
            .chain((0x3100..=0x10FFFF).step_by(97))
            .filter_map(char::from_u32)
        {
            check(&format!("By Ana Li{c}ma and Tomas Berg"));
            check(&format!("By Ana Lima{c} and Tomas Berg"));
            check(&format!("By Ana Lima and Tomas Berg{c}"));
        }
    }

    #[test]
    fn section_words_read_as_written() {
        let p = get();
        let (_, written, _) = SECTION_STARTS
            .iter()
            .find(|(_, pat, _)| pat.contains(SECTION_WORD))
            .unwrap();
        let written = Regex::new(written).unwrap();
        let gated = p
            .sections
            .iter()
            .find(|(_, g, _)| g.exact.is_some())
            .unwrap();
        for c in (0..0x3100u32)
            .chain((0x3100..=0x10FFFF).step_by(97))
            .filter_map(char::from_u32)
        {
            for s in [
                format!("More w{c}orld stories"),
                format!("More world{c} stories"),
                format!("More world news{c} stories"),
            ] {
                assert_eq!(gated.1.is_match(&s), written.is_match(&s), "{s:?}");
            }
        }
        assert!(gated.1.is_match("More world stories"));
        assert!(gated.1.is_match("More Zoë Ångström stories"));
        assert!(!gated.1.is_match("More world — stories"));
    }

    #[test]
    fn bio_patterns_compile_quickly() {
        // Written with Unicode `\w` in the name, each took ~11 ms to compile natively.
        let started = std::time::Instant::now();
        for rule in get().rules.iter().filter(|r| r.exact.is_some()) {
            Regex::new(&rule.regex.source).unwrap();
        }
        let ms = started.elapsed().as_secs_f64() * 1e3;
        eprintln!("bio patterns compiled in {ms:.1} ms");
    }

    #[test]
    fn needles_are_lower_case() {
        // They are compared with an ASCII-lower-cased copy of the block.
        for (_, _, _, _, needles) in BOILERPLATE {
            for n in *needles {
                assert_eq!(*n, n.to_ascii_lowercase());
            }
        }
    }

    #[test]
    fn needles_ignore_ascii_case() {
        let p = get();
        assert_eq!(
            p.boilerplate("The harbour at dawn. REUTERS", 5),
            Some((Reason::PhotoCredit, 0.9))
        );
        assert_eq!(p.boilerplate("The harbour at dawn. REUT", 5), None);
        assert!(!p.needles_in("NEWSLETTER").is_empty());
        assert!(p.needles_in("the minister spoke").is_empty());
        assert!(!p.needles_in("© 2024").is_empty());
        // `ſ` and the Kelvin sign fold into ASCII letters: such text has every needle, as
        // the `(?i)` patterns read "ſubscribe" as "subscribe".
        assert_eq!(p.needles_in("ſubscribe"), Needles::ALL);
        assert_eq!(p.needles_in("\u{212A}eep reading"), Needles::ALL);
        assert_eq!(
            p.boilerplate("ſubscribe to our newsletter", 4),
            p.boilerplate("subscribe to our newsletter", 4)
        );
    }

    #[test]
    fn quick_tests_never_rule_out_a_match() {
        for (pattern, quick) in QUICK_TESTS {
            assert!(BOILERPLATE.iter().any(|r| r.2 == *pattern), "{pattern}");
            let re = Regex::new(pattern).unwrap();
            let extra = [
                "12",
                "1.2K shares",
                ",5",
                ".3 views",
                "٣ comments",
                "３ likes",
                "12 Comments",
                "WORLD",
                "SPORT & LEISURE",
                "9TO5",
                "Ölpreis",
                "ÉCONOMIE",
                "WORLd",
                "١٢",
                "",
                "RUSSIA'S WAR",
                "A-Z",
                "X",
                "NEWS 🙂",
                "x 12",
            ];
            for s in LINES
                .iter()
                .chain(crate::provenance::MIXED_LINES)
                .chain(&extra)
            {
                if re.is_match(s) {
                    assert!(quick(s), "{pattern}: {s}");
                }
            }
        }
    }

    #[test]
    fn only_two_non_ascii_characters_fold_into_ascii_letters() {
        // What `folds_into_ascii` relies on: by the regex crate's case folding, the only
        // non-ASCII characters a `(?i)` ASCII letter matches are `ſ` and the Kelvin sign.
        let letter = Regex::new("(?i)^[a-z]$").unwrap();
        let folding: Vec<char> = (0x80..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| letter.is_match(&c.to_string()))
            .collect();
        assert_eq!(folding, ['\u{17F}', '\u{212A}']);
        // The shortcut for ASCII text and the two searches answer as a search for either.
        for s in LINES.iter().chain(crate::provenance::MIXED_LINES) {
            for t in [
                s.to_string(),
                format!("{s}ſ"),
                format!("\u{212A}{s}"),
                format!("é{s}"),
            ] {
                assert_eq!(
                    folds_into_ascii(&t),
                    t.contains(['\u{17F}', '\u{212A}']),
                    "{t}"
                );
            }
        }
    }

    /// Lines of every kind the rules read (made up here), and article lines.
    const LINES: &[&str] = &[
        "11",
        "1.2K shares",
        "Share this article",
        "Facebook Twitter Email",
        "Tweet | Share | E-mail",
        "Follow us on Instagram",
        "Photo: Jan Meyer/AP",
        "Photographs / Example Agency",
        "Credits:",
        "Sign up for our free weekly newsletter",
        "Subscribe now",
        "Already a subscriber? Log in",
        "Create a free account",
        "Start your free trial today",
        "Support The Daily Planet!",
        "A message from the editors",
        "Please support independent journalism",
        "Dear readers,",
        "Monthly",
        "Maybe later.",
        "$5 per month",
        "Other amount",
        "We use cookies to improve your experience.",
        "© 2024 Example Media. All rights reserved.",
        "Home",
        "Skip to main content",
        "Back to top",
        "Español",
        "FRANÇAIS",
        "Read more",
        "Related stories",
        "More from Business",
        "You may also like",
        "Editor's picks:",
        "Continue reading the story",
        "Topics",
        "Read: The full report",
        "Watch more: highlights",
        "12 comments",
        "Join the conversation",
        "Leave a reply",
        "Advertisement",
        "Sponsored content",
        "Ads by Example",
        "Story continues below advertisement",
        "Join our forums for more!",
        "Get the latest news and more!",
        "Like this story? Share it with a friend!",
        "Don't miss our weekly updates",
        "Have a tip? Reach us at the tips desk",
        "Reporting by Jan Meyer; editing by Ana Lima",
        "Writing by Ruth Okafor",
        "Jane O’Neil-Doe (@jod) is a contributor at Example News.",
        "Zoë Ångström is a staff writer for The Example Post.",
        "I am a writer and a parent of two.",
        "About the author",
        "She is a senior writer at the Example Daily.",
        "This slideshow requires JavaScript.",
        "Example News is part of Example Media Group Ltd",
        "SPORT",
        "WORLD NEWS",
        "Comments (14)",
        "Most read",
        "Around the web",
        "From our partners",
        "Other stories",
        "Also read: the minister's speech",
        "More world stories",
        "Why we need your support",
        "By Ana Lima and Tomas Berg",
        "by the harbour",
        "ſhare this article",
        "\u{212A}eep reading",
        "The minister said the talks would continue next week.",
        "Officials in Paris declined to comment on the report.",
        "The harbour at dawn. REUTERS",
        "Harbour council approves new ferry timetable",
        "Northgate University",
    ];

    /// Long blocks (in several scripts) that hold needles of the rules for long blocks.
    const LONG_LINES: &[&str] = &[
        "Please support independent journalism: become a member today, chip in what you can, \
         and help our reporters keep writing the stories that matter to you and your family \
         in the harbour towns.",
        "Jane Doe is a reporter at the Example Daily, where she covers the courts; reporting by \
         Jan Meyer, editing by Ana Lima. Have a tip? Write to us at the tips desk any day.",
        "Zoë Ångström ist Korrespondentin — «nous soutenons» le journalisme indépendant, \
         北京 记者 报道 🙂 and she is a contributor at Example Weekly, part of Example Media \
         Group Ltd, visit our corporate site for more about the author and her columns.",
        "The minister said on Monday that the ferry timetable would change next week, and \
         officials in the harbour town said they would review the plan with local councils \
         before the summer season, when most visitors arrive by boat from the mainland.",
        "Get the latest news delivered to your inbox: subscribe to our free newsletter, follow \
         us on Facebook, share this story, and join our forums for more updates every week!",
        "ſubscribers agree to the terms; the \u{212A}elvin sign and a long ſ fold into ASCII \
         letters, so such a block has every needle whatever its length in words here.",
    ];

    #[test]
    fn needle_scans_find_what_a_search_finds() {
        let p = get();
        let search = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&p.needle_list)
            .unwrap();
        let found = |s: &str| {
            search
                .find_overlapping_iter(s)
                .fold(Needles::default(), |bits, m| {
                    bits.with(m.pattern().as_usize())
                })
        };
        for &s in LINES.iter().chain(LONG_LINES) {
            let words = crate::tokens::word_count(s);
            let all = p.needles_in(s);
            if !folds_into_ascii(s) {
                assert_eq!(all, found(s), "{s}");
            }
            // A level's scan answers every rule a block that long asks as the full scan does.
            for w in [words, 1, 14, 15, 40, 41, 45, 46, 60, 70, 71] {
                let level = p.needles_for(s, w);
                for rule in p.rules.iter().filter(|r| r.max_words >= w) {
                    assert_eq!(
                        needles_allow(&rule.needles, || level),
                        needles_allow(&rule.needles, || all),
                        "{s} ({w} words)"
                    );
                }
                // The rule set the scan gives names the rules whose needles it found.
                let found = p.rules_found(s, w);
                for (i, rule) in p.rules.iter().enumerate() {
                    if rule.max_words >= w && !rule.needles.is_empty() {
                        assert_eq!(
                            found & 1 << i != 0,
                            rule.needles.meets(&level),
                            "{s} ({w} words)"
                        );
                    }
                }
            }
        }
        assert!(LONG_LINES
            .iter()
            .all(|s| crate::tokens::word_count(s) >= NEEDLE_LEVELS[0]));
    }

    #[test]
    fn needles_found_in_lanes_as_in_one_walk() {
        // Long texts of our own (accents, CJK, emoji, curly quotes, ſ, the Kelvin sign, and
        // needles of every level), cut at every length around the lane thresholds and at
        // many starts, so needles straddle the lanes' borders.
        let p = get();
        let piece = "Support our independent journalism: donate, sign up for the newsletter \
                     — café «naïve» 北京、上海 🙂 “quoted” ſubscribe \u{212A}elvin; Jane Doe is a \
                     contributor, reporting by X, editing by Y; copyright 2024 all rights \
                     reserved. Cookies and privacy policy, read more, share this, ad ";
        let text = piece.repeat(6);
        let level_dfas: Vec<&NeedleDfa> = p
            .levels
            .iter()
            .map(|l| {
                l.automaton
                    .get_or_init(|| needle_dfa(l.needles.iter().map(|&i| p.needle_list[i])))
            })
            .collect();
        let mut dfas = vec![&p.needles, name_parts()];
        dfas.extend(level_dfas);
        for dfa in dfas {
            let walked = |s: &str| {
                use aho_corasick::automaton::Automaton;
                let anchored = aho_corasick::Anchored::No;
                let mut sid = dfa.start_state(anchored).unwrap();
                let mut bits = Needles::default();
                for &b in s.as_bytes() {
                    sid = dfa.next_state(anchored, sid, b);
                    let matches = if dfa.is_match(sid) {
                        dfa.match_len(sid)
                    } else {
                        0
                    };
                    for i in 0..matches {
                        bits = bits.with(dfa.match_pattern(sid, i).as_usize());
                    }
                }
                bits
            };
            let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(7).collect();
            for &from in starts.iter().take(40) {
                for (to, _) in text[from..].char_indices().step_by(3) {
                    let s = &text[from..from + to];
                    assert_eq!(scan(dfa, s, |i| i), walked(s), "{s}");
                }
            }
        }
    }

    #[test]
    fn needles_never_change_an_answer() {
        // Each rule and section header, asked without its needles (the pattern as written),
        // answers as the gated tables do; and a pattern that matches a line finds one of
        // its needles there.
        let p = get();
        let mut boilerplate = 0;
        for line in LINES {
            let words = crate::tokens::word_count(line);
            let plain = BOILERPLATE
                .iter()
                .find(|(_, _, pat, max_words, _)| {
                    words <= *max_words && Regex::new(pat).unwrap().is_match(line)
                })
                .map(|&(r, c, ..)| (r, c));
            assert_eq!(p.boilerplate(line, words), plain, "{line}");
            boilerplate += usize::from(plain.is_some());
            let plain = SECTION_STARTS
                .iter()
                .find(|(_, pat, _)| words <= 12 && Regex::new(pat).unwrap().is_match(line))
                .map(|&(r, ..)| r);
            assert_eq!(p.section(line, words), plain, "{line}");
            let present = p.needles_in(line);
            for rule in &p.rules {
                if rule.regex.is_match(line) {
                    assert!(needles_allow(&rule.needles, || present), "{line}");
                }
            }
            for (_, re, needles) in &p.sections {
                if re.is_match(line) {
                    assert!(needles_allow(needles, || present), "{line}");
                }
            }
            for gated in [&p.byline, &p.publisher] {
                let written = gated.exact.as_ref().unwrap_or(&gated.regex);
                assert_eq!(gated.is_match(line), written.is_match(line), "{line}");
                assert_eq!(gated.find(line), written.find(line), "{line}");
            }
        }
        eprintln!("{boilerplate} of {} lines are boilerplate", LINES.len());
        assert!(boilerplate >= 60, "the lines reach the rules");
    }

    #[test]
    fn dates_become_iso() {
        let p = get();
        let iso = |s: &str| p.date(s).and_then(|d| d.1);
        assert_eq!(
            iso("Published Monday, November 18, 2019 8:22AM"),
            Some("2019-11-18".into())
        );
        assert_eq!(
            iso("Updated: 18 Nov 2019 9:38 pm"),
            Some("2019-11-18".into())
        );
        assert_eq!(iso("2020-03-07T10:00"), Some("2020-03-07".into()));
        assert_eq!(iso("Sept. 3rd, 2021"), Some("2021-09-03".into()));
        assert_eq!(p.date("No date here, 2019 people came."), None);
    }

    #[test]
    fn class_names_weigh_containers() {
        assert_eq!(name_weight(" story-body__inner"), 1);
        assert_eq!(name_weight(" related-links"), -1);
        assert_eq!(name_weight(" ad-slot top"), -1);
        assert_eq!(name_weight(" header-ad"), -1);
        assert_eq!(name_weight(" headline loaded"), 0);
        // The automaton answers as a substring search per entry of the tables would.
        let by_entry = |names: &str| {
            if POSITIVE_NAMES.iter().any(|p| names.contains(p)) {
                1
            } else if NEGATIVE_NAMES.iter().any(|p| names.contains(p))
                || names.split_ascii_whitespace().any(|w| {
                    AD_NAMES.iter().any(|a| {
                        if a.ends_with(['-', '_']) {
                            w.starts_with(a)
                        } else {
                            w == *a
                        }
                    })
                })
            {
                -1
            } else {
                0
            }
        };
        for names in [
            "",
            " sidebar article-body",
            " article-bodyfooter",
            " headerticle-body",
            " ads load",
            " ad_slot",
            " advertisement",
            " adverts",
            " shadow",
            " main-content comment",
            " navbar",
            " story-body-text",
            " x-ad",
            " Article-Body",
            " SIDEBAR",
            " café-comment",
            " 北京 related",
            " naïve-story-body",
        ] {
            assert_eq!(name_weight(names), by_entry(names), "{names:?}");
        }
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn section_headers() {
        let p = get();
        assert_eq!(
            p.section("A Message from The Daily Planet:", 6),
            Some(Reason::Donation)
        );
        assert_eq!(p.section("Dear readers,", 2), Some(Reason::Donation));
        assert_eq!(p.section("14 Comments", 2), Some(Reason::Comments));
        assert_eq!(
            p.section("More from Business", 3),
            Some(Reason::RelatedLinks)
        );
        assert_eq!(
            p.section("You may also like", 4),
            Some(Reason::RelatedLinks)
        );
        assert_eq!(p.section("The minister spoke.", 3), None);
        assert!(p
            .comment_header
            .is_match("Jo Bloggs on March 3, 2020 at 4:47 pm said:"));
        assert!(!p
            .comment_header
            .is_match("The vote is at 10:30 on Monday, officials said."));
    }

    #[test]
    fn typical_boilerplate_lines() {
        assert_eq!(reason("11"), Some(Reason::Counter));
        assert_eq!(reason("1.2K shares"), Some(Reason::Counter));
        assert_eq!(reason("Share this article"), Some(Reason::SocialButtons));
        assert_eq!(
            reason("Facebook Twitter Email"),
            Some(Reason::SocialButtons)
        );
        assert_eq!(
            reason("Sign up for our free weekly newsletter"),
            Some(Reason::Newsletter)
        );
        assert_eq!(reason("Support The Daily Planet!"), Some(Reason::Donation));
        assert_eq!(
            reason("A Message from The Daily Planet:"),
            Some(Reason::Donation)
        );
        assert_eq!(
            reason("MARIA LOPEZ/Agence Example/AFP via Getty Images"),
            Some(Reason::PhotoCredit)
        );
        assert_eq!(
            reason("Jan Novak / Prague News Agency"),
            Some(Reason::PhotoCredit)
        );
        assert_eq!(reason("Read more"), Some(Reason::RelatedLinks));
        assert_eq!(reason("Advertisement"), Some(Reason::Advertisement));
        assert_eq!(
            reason("© 2024 Example Media. All rights reserved."),
            Some(Reason::Legal)
        );
        assert_eq!(
            reason("We use cookies to improve your experience."),
            Some(Reason::CookieNotice)
        );
    }

    #[test]
    fn article_sentences_are_not_boilerplate() {
        assert_eq!(
            reason("The minister said the talks would continue next week."),
            None
        );
        assert_eq!(
            reason("Officials in Paris declined to comment on the report."),
            None
        );
    }

    #[test]
    fn credits_name_people_and_agencies() {
        let c = credit("MARIA LOPEZ/Agence Example/AFP via Getty Images", 10).unwrap();
        assert_eq!(c.people, ["Maria Lopez", "Agence Example"]);
        assert_eq!(c.agencies, ["AFP", "Getty Images"]);
        assert_eq!(c.span, Span(10, 57));
        let c = credit(
            "The minister at a meeting. Jan Novak / Prague News Agency",
            0,
        )
        .unwrap();
        assert_eq!(c.people, ["Jan Novak"]);
        assert_eq!(c.agencies, ["Prague News Agency"]);
        assert!(c.caption.is_some());
    }
}
