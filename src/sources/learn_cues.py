#!/usr/bin/env python3
"""Learns the cue-lexicon weights of the sources stage (`learned.rs`) from an attribution
corpus in the scorer's JSONL format, and cross-validates them by document.

Build-time code, not shipped: the page only sees the generated `learned.rs` (two lists of
word forms).  What is learned is, per cue word form, the share of the stage's predicted
attributions with that cue that match a gold attribution (the scorer's "attr" match).
A form is kept when that share is at least THRESHOLD over at least MIN_N predictions.

Steps (the sources stage must first be built with *every* candidate form enabled):

  learn_cues.py candidates GOLD > cands.txt      forms heading gold cues (>= MIN_GOLD)
  learn_cues.py superset cands.txt > learned.rs  a learned.rs enabling all of them
  (build, run `copydesk batch --task sources --whole` on GOLD -> PRED)
  learn_cues.py cv GOLD PRED [--folds 5]          k-fold figures, split by document
  learn_cues.py learn GOLD PRED cands.txt > learned.rs   the weights from all of GOLD

The cv step learns the keep/drop decision on k-1 folds and applies it to the held-out
fold's predictions (dropping the attributions whose cue form is dropped), then scores
the held-out predictions with the shared scorer's definitions.  The figures it prints
are the ones to report, never the learn step's own fit.
"""
import hashlib
import json
import os
import re
import sys
from collections import Counter

THRESHOLD = 0.30
MIN_N = 3
MIN_GOLD = 3
# Words that are never the head of a verb cue (auxiliaries, prepositions, adverbs).
NOT_HEADS = set("""a an the in for to of about on with as at by from after before into over
is was are were be been being has have had do does did not also would will could can may
might must should just still even then now again once never already publicly privately
reportedly repeatedly recently previously later earlier first long only that this these
those it its their his her he she they we i you who which what and but or if so than
during while when where whether how why n't according
news new supporters supporter documents criticism argument decision endorsement interest
concerns like having going make makes making put giving using used trying tried need
needs takes look looking campaign campaigned""".split())

HAND_START = "const VERBS: &[&str] = &["


def scorer():
    here = os.path.dirname(os.path.abspath(__file__))
    tools = os.environ.get("SCORER_DIR", os.path.join(here, "..", "..", "..", "shared", "tools"))
    sys.path.insert(0, tools)
    import score_attribution
    return score_attribution


def cue_head(text, span):
    if not span:
        return None
    for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", text[span[0]:span[1]]):
        w = w.lower()
        if w not in NOT_HEADS:
            return w
    return None


def candidates(gold_path, gold=None):
    """Candidate forms from the gold cues of `gold_path` (or of the docs `gold`)."""
    if gold is None:
        gold = scorer().load(gold_path)
    n = Counter()
    for d in gold.values():
        for a in d.get("attributions") or []:
            h = cue_head(d["text"], a.get("cue"))
            if h and re.fullmatch(r"[a-z]{3,}", h):
                n[h] += 1
    common = {w for w, c in n.items() if c >= MIN_GOLD}
    # Verb-looking forms only: past, "-ing", third person, or a base form whose inflected
    # forms are cues too ("call" beside "called").
    def verbish(w):
        if w.endswith(("ed", "ing")) or (w.endswith("s") and not w.endswith(("ss", "ous"))):
            return not w.endswith(("ings", "tions", "sions", "ness"))
        return any(v in n for v in (w + "ed", w + "d", w + "s", w + "es", w + "ing"))
    return sorted(w for w in common if verbish(w))


class DocMatch:
    """The shared scorer's attribution matching on one document: the cleaned gold and
    predicted attributions (`gold`, `pred`), their content and source token sets
    (`gc`, `pc`, `gs`, `ps`; a source set is None when there is no source) and the
    matched (pred index, gold index) `pairs` (content overlap >= half both ways, sources
    overlapping or both absent, greedy by overlap)."""

    def __init__(self, S, text, gold_attrs, pred_attrs):
        D = S.Doc(text)
        n = len(text)
        self.gold = S.clean(gold_attrs, n)
        self.pred = S.clean(pred_attrs, n)
        self.gc = [D.tokens(S.frags_of(a, "content")) for a in self.gold]
        self.pc = [D.tokens(S.frags_of(a, "content")) for a in self.pred]
        self.gs = [D.tokens(S.frags_of(a, "source")) if a.get("source") else None for a in self.gold]
        self.ps = [D.tokens(S.frags_of(a, "source")) if a.get("source") else None for a in self.pred]
        c = []
        for i, ti in enumerate(self.pc):
            for j, tj in enumerate(self.gc):
                k = len(ti & tj)
                if ti and tj and k >= 0.5 * len(tj) and k >= 0.5 * len(ti):
                    si, sj = self.ps[i], self.gs[j]
                    if (si is None and sj is None) or (si and sj and si & sj):
                        c.append((k, i, j))
        self.pairs = S.greedy_pairs(c)


def matched(S, gold, pred, ids):
    """Per predicted attribution of the docs `ids`: (doc id, cue form, matched?)."""
    out = []
    for did in ids:
        g = gold[did]
        m = DocMatch(S, g["text"], g.get("attributions"), pred.get(did, {}).get("attributions"))
        pas = m.pred
        hit = {i for i, _ in m.pairs}
        for i, p in enumerate(pas):
            cue = p.get("cue")
            form = g["text"][cue[0]:cue[1]].lower().split(" ")[0] if cue else ""
            out.append((did, form, i in hit))
    return out


def weights(rows):
    n, tp = Counter(), Counter()
    for _, form, ok in rows:
        n[form] += 1
        tp[form] += ok
    return n, tp


def keep_set(rows, hand):
    """Forms kept: hand-written ones unless shown weak, learned ones when shown strong."""
    n, tp = weights(rows)
    keep = set()
    for form in set(n) | hand:
        if n[form] >= MIN_N:
            if tp[form] / n[form] >= THRESHOLD:
                keep.add(form)
        elif form in hand:
            keep.add(form)
    return keep


def hand_forms():
    here = os.path.dirname(os.path.abspath(__file__))
    src = open(os.path.join(here, "cues.rs"), encoding="utf-8").read()
    body = src[src.index(HAND_START):]
    body = body[:body.index("];")]
    forms = set()
    body = re.sub(r"//[^\n]*", "", body)
    for line in re.findall(r'"([^"]+)"', body):
        for f in line.split("|"):
            forms.add(f.split(" ")[0])
    forms.add("according")
    return forms


def speech_forms():
    """First words of the hand-written speech cues (the VERBS lines before "show|")."""
    here = os.path.dirname(os.path.abspath(__file__))
    src = open(os.path.join(here, "cues.rs"), encoding="utf-8").read()
    body = src[src.index(HAND_START):]
    body = re.sub(r"//[^\n]*", "", body[:body.index('"show|')])
    forms = {"according"}
    for line in re.findall(r'"([^"]+)"', body):
        for f in line.split("|"):
            forms.add(f.split(" ")[0])
    return forms


def drop_nested_stances(text, attrs, speech):
    """The stage's `drop_nested_stances`: drops a stance attribution (cue not a speech
    form, nor punctuation) whose cue lies inside another attribution's content part.
    Applied here after the cue filter, so a dropped outer attribution frees its inner one."""
    parts = [tuple(p) for a in attrs for p in (a.get("content_parts") or [a["content"]])]
    out = []
    for a in attrs:
        c0, c1 = a["cue"]
        form = text[c0:c1].lower().split(" ")[0]
        is_speech = form in speech or not re.fullmatch(r"[a-z]+", form) or form == "asked"
        if is_speech or not any(s <= c0 and c1 <= e for s, e in parts):
            out.append(a)
    return out


def nested_filtered(gold, pred, speech, keep=None):
    """Predictions with the cue filter `keep` (None: all forms) and then the nesting rule."""
    out = {}
    for did, d in pred.items():
        if did not in gold:
            continue
        text = gold[did]["text"]
        attrs = d.get("attributions") or []
        if keep is not None:
            attrs = [a for a in attrs
                     if (lambda f: f in keep or not re.fullmatch(r"[a-z]+", f))(
                         text[a["cue"][0]:a["cue"][1]].lower().split(" ")[0])]
        out[did] = dict(d, attributions=drop_nested_stances(text, attrs, speech))
    return out


def fold_of(doc_id, k):
    return int(hashlib.sha256(doc_id.encode()).hexdigest()[:8], 16) % k


def render(learned, dropped, nested=True):
    def table(xs):
        return "".join('    "%s",\n' % x for x in sorted(xs))
    return (
        "//! Cue-lexicon weights learned from the DEV split of the attribution corpus (generated by\n"
        "//! `src/sources/learn_cues.py`; do not edit by hand). Only word forms and a keep/drop\n"
        "//! decision are stored, no text. Cross-validated figures: see `learn_cues.py cv`.\n\n"
        "/// Word forms that head a cue in the corpus often enough to add to the hand-written verbs.\n"
        "pub const LEARNED: &[&str] = &[\n" + table(learned) + "];\n\n"
        "/// Hand-written cue forms that are mostly not cues in news text.\n"
        "pub const DROPPED: &[&str] = &[\n" + table(dropped) + "];\n\n"
        "/// Whether the stage drops stance attributions nested in another's content (off only\n"
        "/// in the superset build that `learn_cues.py cv` filters itself).\n"
        "pub const NESTED_STANCES_DROPPED: bool = %s;\n" % ("true" if nested else "false"))


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    cmd = argv[1]
    if cmd == "candidates":
        print("\n".join(candidates(argv[2])))
        return 0
    if cmd == "superset":
        cands = [w for w in open(argv[2]).read().split() if w]
        print(render(cands, [], nested=False), end="")
        return 0
    S = scorer()
    gold, pred = S.load(argv[2]), S.load(argv[3])
    hand = hand_forms()
    speech = speech_forms()
    if cmd == "learn":
        cands = set(open(argv[4]).read().split())
        pred = nested_filtered(gold, pred, speech)
        keep = keep_set(matched(S, gold, pred, list(gold)), hand)
        learned = sorted((keep - hand) & cands)
        dropped = sorted(hand - keep)
        print(render(learned, dropped), end="")
        return 0
    if cmd == "cv":
        k = int(argv[argv.index("--folds") + 1]) if "--folds" in argv else 5
        # Weights are learned on the output with every form enabled and the nesting rule
        # applied; each held-out fold is filtered with its training folds' keep set, then
        # the nesting rule runs again (an outer attribution dropped frees its inner one).
        rows = matched(S, gold, nested_filtered(gold, pred, speech), list(gold))
        filtered = {}
        for f in range(k):
            train = [r for r in rows if fold_of(r[0], k) != f]
            # Learned forms must be candidates by the training folds' gold cues too.
            cands = set(candidates(None, {d: g for d, g in gold.items() if fold_of(d, k) != f}))
            keep = {w for w in keep_set(train, hand) if w in hand or w in cands}
            held = {did: pred.get(did, {"id": did}) for did in gold if fold_of(did, k) == f}
            for did, d in nested_filtered(gold, held, speech, keep).items():
                filtered[did] = {"id": did, "attributions": d.get("attributions") or []}
        out = argv[argv.index("--out") + 1] if "--out" in argv else None
        if out:
            with open(out, "w", encoding="utf-8") as fh:
                for did in gold:
                    fh.write(json.dumps(filtered[did]) + "\n")
        for speech in (False, True):
            p, g = filtered, gold
            if speech:
                p, g = S.speech_filter(p, gold), S.speech_filter(gold, gold)
            res = S.score(g, p)
            print("%d-fold CV by document%s: attr P %.3f R %.3f F1 %.3f | content-only F1 %.3f | "
                  "recall by kind %s" % (k, " (speech-only)" if speech else "",
                                         res["attr"]["p"], res["attr"]["r"], res["attr"]["f1"],
                                         res["content_only"]["f1"],
                                         json.dumps(res["attr_recall_by_gold_kind"])))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
