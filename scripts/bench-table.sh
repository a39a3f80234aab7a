#!/usr/bin/env bash
# Prints the Markdown table of scripts/bench.sh from the JSON figures in a folder
# (default target/bench): native.json, native-memory.json, js-node.json, js-browser.json.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 - "${1:-target/bench}" <<'PY'
import json, os, sys
d = sys.argv[1]
def load(name):
    p = os.path.join(d, name)
    return json.load(open(p)) if os.path.exists(p) else None
native, mem = load("native.json"), load("native-memory.json")
node_all, browser_all = load("js-node.json") or {}, load("js-browser.json") or {}
node, browser = node_all.get("node"), browser_all.get("browser")
sizes = node_all.get("sizes") or browser_all.get("sizes")
rows = []
def add(figure, ours, other="", target="", met=None):
    mark = "" if met is None else ("yes" if met else "**no**")
    rows.append((figure, ours, other, target, mark))
def mbs(x): return f"{x:,.2f} MB/s" if x < 10 else f"{x:,.1f} MB/s"
def kb(b): return f"{b/1024:,.0f} KB"
def sz(b): return f"{b/1e6:.3g} MB" if b >= 1e6 else f"{b/1e3:.3g} KB"
def find(res, prefix):
    if not res: return None
    for r in res["rows"]:
        if r["name"].startswith(prefix): return r
    return None

if native:
    st = {s["stage"]: s for s in native["stages"]}
    a = st["analyze (text)"]["mb_per_s"]
    add(f"Native `analyze()`, pasted text ({native['corpus']}, {native['text_bytes']/1e6:.2f} MB)",
        f"{mbs(a)}, {native['tokens_per_s']/1e6:,.2f} M tokens/s", "", "≥ 10 MB/s", a >= 10)
    add("Native `analyze()`, HTML pages", mbs(st["analyze (html)"]["mb_per_s"]))
    for name in ["input (text)", "input (html)", "boilerplate", "provenance", "tokens", "entities", "sources"]:
        if name not in st: continue  # an older JSON without this stage
        extra = f", {native['tokenize_tokens_per_s']/1e6:,.1f} M tokens/s" if name == "tokens" else ""
        add(f"Native stage: {name}", mbs(st[name]["mb_per_s"]) + extra)
    add("Native `analyze()` scaling", ", ".join(f"{sz(round(s['bytes'], -3))}: {s['mb_per_s']:.1f}" for s in native["scaling"]) + " (MB/s)")
    add(f"Native 5 KB article ({native['fixture_bytes']:,} bytes)", f"{native['fixture_ms']:.2f} ms")
if mem:
    limit = 20 * mem["input_bytes"] + 16 * 2**20
    add(f"Native peak memory, {sz(round(mem['input_bytes'], -3))} paste (CLI, max RSS)",
        f"{mem['max_rss']/1e6:.0f} MB ({mem['max_rss']/mem['input_bytes']:.1f}× input), {mem['seconds']:.1f} s",
        "", f"≤ 20× input + 16 MB = {limit/1e6:.0f} MB", mem["max_rss"] <= limit)

for env, res in [("Node", node), ("Chromium", browser)]:
    if not res: continue
    ours = find(res, "copydesk analyze (WASM, text)")
    if not ours: continue
    comp, wink = find(res, "compromise"), find(res, "wink-nlp")
    add(f"WASM `analyze()` in {env} ({res['env']}), pasted text", mbs(ours["mb_per_s"]))
    if comp:
        r = ours["mb_per_s"] / comp["mb_per_s"]
        add(f"… vs compromise 14 in {env} (people/places/orgs)", f"{r:.1f}×", mbs(comp["mb_per_s"]), "≥ 20×", r >= 20)
    if wink:
        r = ours["mb_per_s"] / wink["mb_per_s"]
        add(f"… vs wink-nlp 2.4 + lite model in {env} (entities)", f"{r:.1f}×", mbs(wink["mb_per_s"]), "≥ 1×", r >= 1)
    html, rd = find(res, "copydesk analyze (WASM, html)"), find(res, "Readability")
    if html and rd:
        add(f"WASM `analyze()` on HTML in {env} vs Readability", mbs(html["mb_per_s"]), f"{mbs(rd['mb_per_s'])} ({rd['name']})")
    limit_ms = 5 if env == "Chromium" else None
    add(f"5 KB article, whole `analyze()` in {env}", f"{res['fixture_ms']:.2f} ms", "", "≤ 5 ms" if limit_ms else "", res["fixture_ms"] <= limit_ms if limit_ms else None)
    if env == "Node" and res.get("memory"):
        m = res["memory"]
        limit = 20 * m["input_bytes"] + 16 * 2**20
        add(f"WASM memory after a {sz(round(m['input_bytes'], -3))} paste (Node)", f"{m['memory_after']/1e6:.0f} MB ({m['memory_after']/m['input_bytes']:.1f}× input)", "", f"≤ {limit/1e6:.0f} MB", m["memory_after"] <= limit)

if sizes:
    add("WASM module", f"{kb(sizes['wasm_bytes'])} ({kb(sizes['wasm_gzip'])} gzip)")
    if "model_bytes" in sizes:
        add("NER model (`src/entities/model.bin`, inside the WASM)", f"{kb(sizes['model_bytes'])} ({kb(sizes['model_gzip'])} gzip)")
    cg = sizes.get("compromise_gzip", 141 * 1024)
    add(f"Whole page payload (www/, {len(sizes['page_files'])} files), gzip", kb(sizes["page_gzip"]),
        f"compromise {kb(cg)}; wink-nlp + model ≈ 1,000 KB", "≤ 1 MB", sizes["page_gzip"] <= 1_000_000)
    if "single_file_gzip" in sizes:
        add("Single-file page (www/copydesk.html), gzip", kb(sizes["single_file_gzip"]))

print("| Figure | Copydesk | Compared with | Target | Met |")
print("| --- | --- | --- | --- | --- |")
for r in rows:
    print("| " + " | ".join(r) + " |")
src = (native or {}).get("corpus") or (node or {}).get("origin") or "?"
print(f"\nArticles: {src}. Medians of timed passes after a warm-up; 2-core machine shared with builds, so figures are noisy. Reproduce: `bash scripts/bench.sh`.")
PY
