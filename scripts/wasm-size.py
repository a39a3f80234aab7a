#!/usr/bin/env python3
"""What the page's WebAssembly holds, by section, crate, function and data segment.

    python3 scripts/wasm-size.py            after scripts/build-wasm.sh: the same build again
                                            with function names kept (wasm-bindgen --keep-debug,
                                            wasm-opt with wasm-pack.toml's flags plus -g)
    python3 scripts/wasm-size.py FILE.wasm  a .wasm that has a name section
    --top N                                 how many functions and data segments (default 40)

Sizes are raw bytes and gzip -9 (Python's zlib) of each part alone; a crate's gzip is that
of its functions' code put together. Rust's names are shown demangled; a function's crate is
the first segment of its path (`<T as Trait>` names count under T's crate). twiggy and
`cargo bloat` do not work on this wasm; this needs only Python.
"""
import collections
import gzip
import os
import re
import subprocess
import sys
import tempfile
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def leb(b, i):
    result = shift = 0
    while True:
        x = b[i]
        i += 1
        result |= (x & 0x7F) << shift
        shift += 7
        if x < 0x80:
            return result, i


def demangle(name):
    """Rust's legacy mangling (_ZN...E) to a path; other names as they are."""
    if not name.startswith("_ZN"):
        return name
    i, parts = 3, []
    while i < len(name) and name[i].isdigit():
        j = i
        while name[j].isdigit():
            j += 1
        n = int(name[i:j])
        parts.append(name[j : j + n])
        i = j + n
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()
    s = "::".join(parts)
    for a, b in [("$LT$", "<"), ("$GT$", ">"), ("$RF$", "&"), ("$BP$", "*"), ("$u20$", " "),
                 ("$u27$", "'"), ("$u5b$", "["), ("$u5d$", "]"), ("$u7b$", "{"), ("$u7d$", "}"),
                 ("$C$", ","), ("$LP$", "("), ("$RP$", ")"), ("..", "::")]:
        s = s.replace(a, b)
    return s


def crate_of(name):
    m = re.match(r"[<&*\s]*([A-Za-z_][A-Za-z0-9_]*)", name)
    return m.group(1) if m else "?"


def parse(b):
    """Sections, function bodies (index, offset, size), data segments, custom sections, names."""
    assert b[:4] == b"\0asm", "not a wasm module"
    i, sections = 8, []
    while i < len(b):
        sid = b[i]
        size, i = leb(b, i + 1)
        sections.append((sid, i, size))
        i += size
    imported, names, bodies, datas, customs = 0, {}, [], [], []
    for sid, off, size in sections:
        p = off
        if sid == 2:  # imports: functions count before the module's own
            n, p = leb(b, p)
            for _ in range(n):
                for _ in range(2):
                    length, p = leb(b, p)
                    p += length
                kind = b[p]
                p += 1
                if kind == 0:
                    _, p = leb(b, p)
                    imported += 1
                elif kind in (1, 2):
                    if kind == 1:
                        p += 1
                    flags, p = leb(b, p)
                    _, p = leb(b, p)
                    if flags & 1:
                        _, p = leb(b, p)
                elif kind == 3:
                    p += 2
        elif sid == 10:
            n, p = leb(b, p)
            for k in range(n):
                length, q = leb(b, p)
                bodies.append((imported + k, q, length))
                p = q + length
        elif sid == 11:
            n, p = leb(b, p)
            for _ in range(n):
                flags, p = leb(b, p)
                if flags == 2:
                    _, p = leb(b, p)
                if flags in (0, 2):
                    while b[p] != 0x0B:
                        p += 1
                    p += 1
                length, p = leb(b, p)
                datas.append((p, length))
                p += length
        elif sid == 0:
            length, q = leb(b, p)
            name = b[q : q + length].decode()
            q += length
            customs.append((name, size))
            while name == "name" and q < off + size:
                sub = b[q]
                sub_len, q = leb(b, q + 1)
                end = q + sub_len
                if sub == 1:
                    n, q = leb(b, q)
                    for _ in range(n):
                        idx, q = leb(b, q)
                        length, q = leb(b, q)
                        name = demangle(b[q : q + length].decode("utf-8", "replace"))
                        names[idx] = re.sub(r"::h[0-9a-f]{16}$", "", name)
                        q += length
                q = end
    return sections, bodies, datas, customs, names


def named_build():
    """The current release wasm again, names kept, with wasm-pack.toml's wasm-opt flags."""
    with open(os.path.join(ROOT, "wasm-pack.toml"), "rb") as f:
        args = tomllib.load(f).get("wasm-opt", {}).get("args", [])
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    wasm = os.path.join(target, "wasm32-unknown-unknown/release/copydesk.wasm")
    if not os.path.exists(wasm):
        sys.exit(f"wasm-size: {wasm} not found (run scripts/build-wasm.sh first)")
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([os.path.join(ROOT, "node_modules/.bin"),
                                   os.path.expanduser("~/.cargo/bin"), env["PATH"]])
    out = tempfile.mkdtemp(prefix="wasm-size-")
    subprocess.run(["wasm-bindgen", "--target", "web", "--out-dir", out, "--out-name", "copydesk",
                    "--no-typescript", "--keep-debug", wasm], check=True, env=env)
    named = os.path.join(out, "named.wasm")
    subprocess.run(["wasm-opt", "-g", *args, os.path.join(out, "copydesk_bg.wasm"), "-o", named],
                   check=True, env=env)
    return named


def main():
    argv = sys.argv[1:]
    top = 40
    if "--top" in argv:
        k = argv.index("--top")
        top = int(argv[k + 1])
        del argv[k : k + 2]
    path = argv[0] if argv else named_build()
    b = open(path, "rb").read()
    gz = lambda x: len(gzip.compress(bytes(x), 9))
    sections, bodies, datas, customs, names = parse(b)
    kinds = {0: "custom", 1: "type", 2: "import", 3: "function", 5: "memory", 6: "global",
             7: "export", 9: "element", 10: "code", 11: "data"}
    print(f"{path}: {len(b):,} bytes, gzip {gz(b):,}")
    for sid, off, size in sections:
        if size > 1000:
            print(f"  {kinds.get(sid, sid):>8} {size:>10,} raw {gz(b[off:off + size]):>9,} gzip")
    for name, size in customs:
        print(f"  custom section {name}: {size:,}")
    if not names:
        print("(no name section: functions are unnamed)")
    code = [(names.get(i, f"function {i}"), b[q : q + n]) for i, q, n in bodies]
    crates = collections.defaultdict(list)
    for name, body in code:
        crates[crate_of(name)].append(body)
    print("\nby crate: raw, gzip of its code alone, functions")
    rows = [(c, sum(map(len, v)), gz(b"".join(v)), len(v)) for c, v in crates.items()]
    for c, raw, g, n in sorted(rows, key=lambda r: -r[2])[:20]:
        print(f"  {c:28} {raw:>9,} {g:>8,}  {n}")
    generic = collections.defaultdict(lambda: [0, 0])
    for name, body in code:
        generic[name][0] += len(body)
        generic[name][1] += 1
    print("\ncopies of one generic function (same path, several instances): raw, copies")
    rows = sorted(((v[0], v[1], k) for k, v in generic.items() if v[1] > 2), reverse=True)
    for raw, n, k in rows[:15]:
        print(f"  {raw:>8,} {n:>4}  {k[:120]}")
    print(f"\ntop {top} functions: raw, gzip alone")
    for name, body in sorted(code, key=lambda x: -len(x[1]))[:top]:
        print(f"  {len(body):>8,} {gz(body):>7,}  {name[:130]}")
    print(f"\ntop {min(top, 12)} data segments: raw, gzip, a few of the strings in each")
    model = open(os.path.join(ROOT, "src/entities/model.bin"), "rb").read()
    for p, n in sorted(datas, key=lambda d: -d[1])[: min(top, 12)]:
        seg = b[p : p + n]
        text = [s.decode()[:40] for s in re.findall(rb"[\x20-\x7e]{8,}", seg)[:4]]
        if model in seg:
            rest = seg.replace(model, b"")
            text = [f"src/entities/model.bin ({len(model):,} bytes, {gz(model):,} gzip) and "
                    f"{len(rest):,} bytes more ({gz(rest):,} gzip)"] + text[:2]
        print(f"  {n:>9,} {gz(seg):>8,}  {text}")


if __name__ == "__main__":
    main()
