#!/usr/bin/env python3
"""How the NER model would compress with its numbers laid out in streams (measurement only).

    python3 scripts/model-gzip.py [src/entities/model.bin]

model.bin (read by `Model::from_bytes` in src/entities/tagger.rs) interleaves, per feature, a
varint key delta, a varint tag mask and one weight code per set tag; per gazetteer entry, a
varint key delta and a byte of bits; then the lexicon and the word clusters (kept as they are). gzip compresses each kind of number
better next to its own kind. This prints gzip -9 of the file as stored and of the same numbers
(nothing dropped or rounded) written as separate streams: first as they are, then with the key
deltas as fixed 3-byte numbers split into byte planes (low bytes, then middle, then high). A
loader would read the streams with one cursor each; the counts are in the header.
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
delta_bytes, mask_bytes, codes, deltas = bytearray(), bytearray(), bytearray(), []
for _ in range(n):
    start = at
    d, at = varint(at)
    delta_bytes += b[start:at]
    deltas.append(d)
    start = at
    mask, at = varint(at)
    mask_bytes += b[start:at]
    k = bin(mask & ((1 << n_tags) - 1)).count("1")
    codes += b[at : at + k]
    at += k
gaz_delta_bytes, gaz_bits, gaz_deltas = bytearray(), bytearray(), []
for _ in range(n_gaz):
    start = at
    d, at = varint(at)
    gaz_delta_bytes += b[start:at]
    gaz_deltas.append(d)
    gaz_bits.append(b[at])
    at += 1
lexicon = b[at:]
assert max(deltas + gaz_deltas) < 1 << 24, "a key delta needs more than 3 bytes"

print(f"{path}: {n:,} features, {n_gaz:,} gazetteer entries, lexicon and clusters {len(lexicon):,} bytes")
print(f"  as stored:            {len(b):>9,} bytes, gzip {gz(b):>9,}")
streams = b[:24] + delta_bytes + mask_bytes + codes + gaz_delta_bytes + gaz_bits + lexicon
print(f"  streams:              {len(streams):>9,} bytes, gzip {gz(streams):>9,}")
planed = b[:24] + planes(deltas, 3) + mask_bytes + codes + planes(gaz_deltas, 3) + gaz_bits + lexicon
print(f"  streams, byte planes: {len(planed):>9,} bytes, gzip {gz(planed):>9,}")
