#!/usr/bin/env python3
"""How the NER model compresses as stored and with its key deltas in byte planes (measurement only).

    python3 scripts/model-gzip.py [src/entities/model.bin]

model.bin (read by `Model::from_bytes` in src/entities/tagger.rs, format 2) holds, after the
header, the features' varint key deltas, then their varint tag masks, then one weight code per
set tag; the gazetteer's varint key deltas, then a byte of bits each; then the lexicon and the
word clusters (kept as they are here). Each kind of number is stored next to its own kind, which
gzip packs better than the interleaved format 1 (425,870 -> 411,846 bytes gzip -9 for the model
of 2026-11-23). This prints gzip -9 of the file as stored, and of the same numbers with the key
deltas as fixed 3-byte numbers split into byte planes (low bytes, then middle, then high): fewer
gzip bytes, more raw bytes (which the training's size cap counts).
"""
import gzip
import struct
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "src/entities/model.bin"
b = open(path, "rb").read()
n_tags = b[6]
n, n_gaz = struct.unpack_from("<II", b, 15)


def varint(at):
    v = shift = 0
    while True:
        x = b[at]
        at += 1
        v |= (x & 0x7F) << shift
        shift += 7
        if x < 0x80:
            return v, at


def gz(x):
    return len(gzip.compress(bytes(x), 9))


def planes(xs, width):
    return b"".join(bytes((x >> (8 * i)) & 255 for x in xs) for i in range(width))


at = 24
deltas, masks, codes = [], [], bytearray()
start = at
for _ in range(n):
    d, at = varint(at)
    deltas.append(d)
delta_bytes = b[start:at]
start = at
for _ in range(n):
    mask, at = varint(at)
    masks.append(mask)
mask_bytes = b[start:at]
k = sum(bin(m & ((1 << n_tags) - 1)).count("1") for m in masks)
codes = b[at : at + k]
at += k
gaz_deltas = []
start = at
for _ in range(n_gaz):
    d, at = varint(at)
    gaz_deltas.append(d)
gaz_delta_bytes = b[start:at]
gaz_bits = b[at : at + n_gaz]
at += n_gaz
lexicon = b[at:]
assert max(deltas + gaz_deltas) < 1 << 24, "a key delta needs more than 3 bytes"

print(f"{path}: {n:,} features, {n_gaz:,} gazetteer entries, lexicon and clusters {len(lexicon):,} bytes")
print(f"  as stored:            {len(b):>9,} bytes, gzip {gz(b):>9,}")
planed = b[:24] + planes(deltas, 3) + mask_bytes + codes + planes(gaz_deltas, 3) + gaz_bits + lexicon
print(f"  key deltas in planes: {len(planed):>9,} bytes, gzip {gz(planed):>9,}")
