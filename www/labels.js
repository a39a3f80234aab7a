// Words the page shows for the codes in an analysis. Mirrors `Reason::label`,
// `SourceType::label` and `EntityType` in src/model.rs: the WASM returns codes, the page
// speaks in the reader's words.

/** Why a block was kept or removed (`Reason::label`). */
export const REASONS = {
  article_text: 'article text',
  subheading: 'subheading',
  title: 'headline',
  subtitle: 'standfirst',
  byline: 'byline',
  dateline: 'date line',
  counter: 'share or comment counter',
  social_buttons: 'social buttons',
  caption: 'picture caption',
  photo_credit: 'photo credit',
  newsletter: 'newsletter sign-up',
  subscription: 'subscription appeal',
  donation: 'donation appeal',
  cookie_notice: 'cookie notice',
  legal: 'legal or copyright notice',
  navigation: 'navigation or menu',
  related_links: 'related links',
  comments: 'comments',
  advertisement: 'advertisement',
  author_box: 'author box',
  short_fragment: 'short fragment outside the article',
  outside_article: 'outside the article',
  hidden: 'hidden on the page',
  reader_kept: 'kept by you',
  reader_removed: 'removed by you',
};

/** Kinds of source (`SourceType::label`). */
export const SOURCE_TYPES = {
  named_person: 'named person',
  organisation: 'organisation',
  government: 'government or official body',
  news_agency: 'news agency or state media',
  anonymous_official: 'unnamed or anonymous official',
  expert: 'expert or analyst',
  document: 'document, report or statement',
  other: 'other',
};

/** Entity types in panel order: a label for lists and a short tag drawn after each mark. */
export const ENTITY_TYPES = {
  PERSON: { label: 'Person', tag: 'PER' },
  ORG: { label: 'Organisation', tag: 'ORG' },
  LOCATION: { label: 'Place', tag: 'LOC' },
  MISC: { label: 'Other name', tag: 'MISC' },
  DATE: { label: 'Date', tag: 'DATE' },
  TIME: { label: 'Time', tag: 'TIME' },
  MONEY: { label: 'Money', tag: 'MONEY' },
  PERCENT: { label: 'Percent', tag: 'PCT' },
  QUANTITY: { label: 'Quantity', tag: 'QTY' },
  CARDINAL: { label: 'Number', tag: 'NUM' },
};

/** How a claim is reported (`AttributionKind`). */
export const CLAIM_KINDS = {
  direct: 'direct quote',
  indirect: 'reported speech',
  mixed: 'partly quoted',
};

export const reasonLabel = (code) => REASONS[code] || String(code).replace(/_/g, ' ');
export const sourceTypeLabel = (code) => SOURCE_TYPES[code] || String(code).replace(/_/g, ' ');
export const typeLabel = (code) => (ENTITY_TYPES[code] || { label: code }).label;
export const typeTag = (code) => (ENTITY_TYPES[code] || { tag: code }).tag;
