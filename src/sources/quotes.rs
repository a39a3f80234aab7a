//! Where quotations open and close, token by token.
//!
//! Quote marks: curly “ ”, straight " (which open and close in turn), and the doubled
//! apostrophe '' some newspapers print. A quote left open at the end of a paragraph runs
//! on when the next paragraph opens with a quote mark (the convention for a quotation of
//! several paragraphs); otherwise it ends with its paragraph.

use crate::tokens::Tokenized;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    None,
    Open,
    Close,
}

/// No partner (see [`Quotes::partner`]).
const NONE: u32 = u32::MAX;

pub struct Quotes {
    mark: Vec<Mark>,
    /// For an opening mark: the token that closes its quotation (through continuation
    /// paragraphs), or the paragraph's last token when it is never closed. For a closing
    /// mark: the token that opened it. ([`NONE`] when there is none.) One list for both,
    /// as a token is one mark at most: written for a token only while it is that mark
    /// (an opening mark's before any later token is read, a closing mark's as it is
    /// marked), and read only through its mark. Token numbers fit 32 bits (the input is
    /// at most [`crate::MAX_INPUT_BYTES`]): four bytes a token, where two lists of `usize`
    /// took sixteen.
    partner: Vec<u32>,
    inside: Vec<bool>,
}

impl Quotes {
    pub fn new(text: &str, tokenized: &Tokenized, words: &[&str]) -> Quotes {
        let n = words.len();
        let mut mark = vec![Mark::None; n];
        let mut partner = vec![NONE; n];
        // Token numbers as stored (see `partner`).
        let num = |t: usize| t as u32;
        let mut inside = vec![false; n];
        // Token ranges of the blocks, in order.
        let mut blocks: Vec<(usize, usize)> = Vec::new();
        for s in &tokenized.sentences {
            match blocks.last_mut() {
                Some(b) if tokenized.sentences[tokenized.tokens[b.0].sentence].block == s.block => {
                    b.1 = s.tokens.1
                }
                _ if s.tokens.1 > s.tokens.0 => blocks.push(s.tokens),
                _ => {}
            }
        }
        let toks = &tokenized.tokens;
        // The opening marks, in order, with their block: the quotations marked inside at
        // the end, without a look at every token again.
        let mut opens: Vec<(usize, usize)> = Vec::new();
        // Per block: the quote left open at its end, if any.
        let mut open_at_end: Vec<Option<usize>> = vec![None; blocks.len()];
        for (bi, &(b0, b1)) in blocks.iter().enumerate() {
            let mut open: Option<usize> = None;
            let mut j = b0;
            while j < b1 {
                let w = words[j];
                // Every mark starts with `'`, `"` or the first byte of `“` and `”`: most
                // tokens are not read further.
                if !matches!(w.as_bytes().first(), Some(b'\'' | b'"' | 0xE2)) {
                    j += 1;
                    continue;
                }
                let doubled = w == "'"
                    && j + 1 < b1
                    && words[j + 1] == "'"
                    && toks[j].span.1 == toks[j + 1].span.0;
                // A “ after the closing punctuation of an open quote closes it (a typo
                // for ” that news text has).
                let wrong_way = w == "“"
                    && open.is_some()
                    && j > b0
                    && matches!(words[j - 1], "," | "." | "?" | "!");
                // A straight mark opens after a space and before a word, closes after a
                // word or punctuation and before a space; only when unsure do they take
                // turns (one stray mark then cannot flip every quote after it).
                let straight = (w == "\"" || doubled).then(|| {
                    let at = toks[j].span.0;
                    let end = toks[if doubled { j + 1 } else { j }].span.1;
                    let before = text[..at].chars().next_back();
                    let after = text[end..].chars().next();
                    let open_like =
                        before.map_or(true, |c| c.is_whitespace() || "([{—–-".contains(c));
                    let close_like =
                        after.map_or(true, |c| c.is_whitespace() || c.is_ascii_punctuation());
                    match (open_like, close_like) {
                        (true, false) => true,
                        (false, true) => false,
                        _ => open.is_none(),
                    }
                });
                let is_open = !wrong_way && (w == "“" || straight == Some(true));
                let is_close = wrong_way || w == "”" || straight == Some(false) && open.is_some();
                if is_open {
                    if let Some(o) = open {
                        // An opening mark inside a quote: the first one never closed.
                        partner[o] = num(j.saturating_sub(1).max(o));
                    }
                    mark[j] = Mark::Open;
                    opens.push((j, bi));
                    open = Some(j);
                    if doubled {
                        j += 1;
                    }
                } else if is_close {
                    let c = if doubled { j + 1 } else { j };
                    if let Some(o) = open.take() {
                        mark[c] = Mark::Close;
                        partner[o] = num(c);
                        partner[c] = num(o);
                    }
                    j = c;
                }
                j += 1;
            }
            if let Some(o) = open {
                open_at_end[bi] = Some(o);
            }
        }
        // Quotations of several paragraphs: an open quote runs on into a paragraph that
        // opens with a quote mark.
        for bi in (0..blocks.len()).rev() {
            let Some(o) = open_at_end[bi] else { continue };
            // A paragraph that opens with a quote mark continues it; otherwise the mark
            // was stray (or the quote is unbalanced) and it quotes nothing.
            match blocks.get(bi + 1) {
                Some(&(n0, _)) if mark[n0] == Mark::Open && partner[n0] != NONE => {
                    partner[o] = partner[n0];
                }
                _ if blocks[bi].1 - o <= 3 => partner[o] = num(blocks[bi].1 - 1),
                _ => mark[o] = Mark::None,
            }
        }
        // Inside each quotation, up to the last token of its paragraph: a quotation running
        // on is marked one paragraph at a time (its next paragraph's own mark covers the
        // rest), which keeps this linear.
        for &(o, bi) in &opens {
            if mark[o] == Mark::Open && partner[o] != NONE {
                let c = partner[o] as usize;
                let own = c.min(blocks[bi].1 - 1);
                for x in inside.iter_mut().take(own + 1).skip(o + 1) {
                    *x = true;
                }
                if mark[c] == Mark::Close {
                    inside[c] = false;
                }
            }
        }
        Quotes {
            mark,
            partner,
            inside,
        }
    }

    /// Whether token `i` lies between quote marks (the marks themselves are outside).
    pub fn inside(&self, i: usize) -> bool {
        self.inside[i] && self.mark[i] == Mark::None
    }
    pub fn opens(&self, i: usize) -> bool {
        self.mark[i] == Mark::Open
    }
    pub fn closes(&self, i: usize) -> bool {
        self.mark[i] == Mark::Close
    }
    /// The last token of the quotation opened at `i`.
    pub fn closing_of(&self, i: usize) -> Option<usize> {
        (self.mark[i] == Mark::Open && self.partner[i] != NONE).then_some(self.partner[i] as usize)
    }
    /// The opening mark of the quotation closed at `i`.
    pub fn opening_of(&self, i: usize) -> Option<usize> {
        (self.mark[i] == Mark::Close && self.partner[i] != NONE).then_some(self.partner[i] as usize)
    }
}

#[cfg(test)]
mod tests {
    /// The marks [`super::Quotes::new`] reads, each starting with a byte its first look
    /// lets through.
    #[test]
    fn every_mark_passes_the_first_byte_look() {
        for mark in ["'", "\"", "“", "”"] {
            assert!(matches!(mark.as_bytes()[0], b'\'' | b'"' | 0xE2), "{mark}");
        }
    }
}
