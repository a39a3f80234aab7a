#!/usr/bin/env python3
"""Buckets the sources stage's attribution errors against gold, with the shared scorer's
matching (content overlap >= half both ways, overlapping or both-null sources).

    scripts/attribution-errors.py GOLD PRED [--show BUCKET] [--n N]

Without --show: counts per bucket.  FN:* are gold attributions left unmatched (none: no
predicted content overlaps; pred-long / pred-short: the best-overlapping prediction's
content is too long / too short for the half-both-ways rule; source:*: content matches,
source does not), FP:* likewise for predictions; FN-cue:/FP-cue: split the "none" buckets
by the cue's first words.  --show BUCKET prints N random examples of one bucket.
PRED is e.g. `scripts/eval-attribution.sh --keep PRED` or `learn_cues.py cv ... --out PRED`.
"""
import os
import random
import re
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.environ.get("SCORER_DIR", os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "tools")))
import score_attribution as S  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "sources"))
from learn_cues import DocMatch  # noqa: E402

def main():
    args = sys.argv[1:]
    show = args[args.index("--show") + 1] if "--show" in args else None
    nshow = int(args[args.index("--n") + 1]) if "--n" in args else 15
    gold, pred = S.load(args[0]), S.load(args[1])
    buckets = Counter(); ex = defaultdict(list)
    def head(text, span):
        if not span: return "-"
        ws = re.findall(r"[A-Za-z:'’-]+|:", text[span[0]:span[1]])
        return " ".join(ws[:2]).lower() if ws else text[span[0]:span[1]]
    for did, g in gold.items():
        T = g["text"]
        m = DocMatch(S, T, g.get("attributions"), pred.get(did, {}).get("attributions"))
        gas, pas, gc, pc, gs, ps, pairs = m.gold, m.pred, m.gc, m.pc, m.gs, m.ps, m.pairs
        mp = {i for i, _ in pairs}; mg = {j for _, j in pairs}
        def txt(fr): return " | ".join(T[s:e] for s, e in fr)
        def sp(a, r): return T[a[r][0]:a[r][1]] if a.get(r) else None
        def desc(a): return "SRC=%r CUE=%r\n      CONTENT=%r" % (sp(a,"source"), sp(a,"cue"), txt(S.frags_of(a,"content"))[:400])
        for j, a in enumerate(gas):
            if j in mg: continue
            tj = gc[j]
            # best overlapping pred by overlap
            best = max(((len(pc[i] & tj), i) for i in range(len(pas))), default=(0, None))
            if best[0] == 0:
                b = "FN:none:" + ("speech" if a.get("cue") and S.SPEECH_CUE.search(T[a["cue"][0]:a["cue"][1]]) else "other")
                b2 = "FN-cue:" + head(T, a.get("cue"))
            else:
                i = best[1]; k = best[0]; ti = pc[i]
                ok_content = k >= .5*len(tj) and k >= .5*len(ti)
                if ok_content:
                    b = "FN:source" + (":goldnull" if gs[j] is None else ":prednull" if ps[i] is None else ":diff")
                elif k < .5*len(tj) and k >= .5*len(ti): b = "FN:pred-short"
                elif k >= .5*len(tj): b = "FN:pred-long"
                else: b = "FN:both-off"
                b2 = None
                a = dict(a); a["_pred"] = pas[i]
            buckets[b] += 1
            if b2: buckets[b2] += 1
            e = "  %s\n      %s" % (did, desc(a))
            if "_pred" in a: e += "\n   PRED " + desc(a["_pred"])
            ex[b].append(e)
            if b2: ex[b2].append(e)
        for i, a in enumerate(pas):
            if i in mp: continue
            ti = pc[i]
            best = max(((len(gc[j] & ti), j) for j in range(len(gas))), default=(0, None))
            if best[0] == 0:
                b = "FP:none"; b2 = "FP-cue:" + head(T, a.get("cue"))
            else:
                j = best[1]; k = best[0]; tj = gc[j]
                ok = k >= .5*len(tj) and k >= .5*len(ti)
                if ok: b = "FP:source" + (":goldnull" if gs[j] is None else ":prednull" if ps[i] is None else ":diff")
                elif k >= .5*len(ti): b = "FP:short"
                elif k >= .5*len(tj): b = "FP:long"
                else: b = "FP:both-off"
                b2 = None
            buckets[b] += 1
            if b2: buckets[b2] += 1
            e = "  %s\n   PRED %s" % (did, desc(a))
            if best[0]: e += "\n   GOLD " + desc(gas[best[1]])
            ex[b].append(e)
            if b2: ex[b2].append(e)
    if show:
        xs = ex[show]; random.Random(1).shuffle(xs)
        for e in xs[:nshow]: print(e); print()
        return
    for b, c in sorted(buckets.items(), key=lambda x: -x[1]):
        if ":" in b and b.split(":")[0] in ("FN-cue", "FP-cue") and c < 8: continue
        print("%5d %s" % (c, b))
main()
