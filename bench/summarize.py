#!/usr/bin/env python3
"""Prints the summary of one `bench/run` as Markdown tables, with ratios and targets.

    summarize.py RESULTS_DIR

Reads what bench/run left in RESULTS_DIR: machine.txt, corpus.json, criterion.json,
hyperfine's corpus-*.json and startup-*.json, mem/*.txt (peak RSS in KiB, one line per run),
agreement.txt and skipped.txt. Standard library only.
"""

import json
import os
import sys

MB = 1_000_000


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return None


def lines(path):
    try:
        with open(path, encoding="utf-8") as f:
            return [line.rstrip("\n") for line in f if line.strip()]
    except FileNotFoundError:
        return []


def hyperfine(results, name):
    data = load(os.path.join(results, f"{name}.json"))
    if not data:
        return None
    r = data["results"][0]
    return {"mean": r["mean"], "stddev": r.get("stddev") or 0.0, "min": r["min"],
            "median": r["median"], "runs": len(r["times"]), "cpu": r["user"] + r["system"]}


def peak_kib(results, name):
    values = []
    for line in lines(os.path.join(results, "mem", f"{name}.txt")):
        # GNU time writes "Command exited with non-zero status N" before the number.
        if line.strip().isdigit():
            values.append(int(line))
    return max(values) if values else None


def mib(kib):
    return "n/a" if kib is None else f"{kib / 1024:.0f} MiB"


def verdict(ok):
    return "met" if ok else "**missed**"


def main():
    results = sys.argv[1]
    out = []
    out.append("### Machine\n")
    out.append("```")
    out.extend(lines(os.path.join(results, "machine.txt")))
    out.append("```\n")

    corpus = load(os.path.join(results, "corpus.json"))
    if corpus:
        out.append(
            f"Corpus: {corpus['files']} PIS responses, {corpus['bytes'] / MB:.1f} MB "
            f"(median {corpus['median_bytes'] / 1000:.1f} KB, largest "
            f"{corpus['max_bytes'] / 1000:.1f} KB), {corpus['invalid']} with one schema fault; "
            f"start-up file: {corpus['small_file_bytes']} bytes.\n")

    crit = load(os.path.join(results, "criterion.json"))
    if crit:
        out.append("### Library: one check vs `serde_json::from_slice` (criterion, p50)\n")
        out.append("| response | bytes | offerlint p50 | offerlint MB/s | serde_json p50 "
                   "| serde_json MB/s | ratio | target ≤ 3x | offerlint parse only p50 "
                   "| parse ÷ serde_json |")
        out.append("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|")
        for group, fns in crit.items():
            ol = fns["offerlint-check"]
            sj = fns["serde_json-from_slice"]
            parse = fns.get("offerlint-parse")
            size = ol["bytes"]
            ratio = ol["median_ns"] / sj["median_ns"]
            parse_cells = (f"{parse['median_ns'] / 1000:.1f} µs | "
                           f"{parse['median_ns'] / sj['median_ns']:.2f}x"
                           if parse else "– | –")
            out.append(
                f"| {group} | {size} | {ol['median_ns'] / 1000:.1f} µs "
                f"| {size / (ol['median_ns'] / 1e9) / MB:.0f} "
                f"| {sj['median_ns'] / 1000:.1f} µs "
                f"| {size / (sj['median_ns'] / 1e9) / MB:.0f} | {ratio:.1f}x "
                f"| {verdict(ratio <= 3)} | {parse_cells} |")
        out.append("")

    floor = hyperfine(results, "corpus-floor")
    floor_ap = hyperfine(results, "corpus-floor-ap")
    rows = [("parse floor (serde_json, all cores)", "corpus-floor"),
            ("parse floor, arbitrary_precision", "corpus-floor-ap"),
            ("offerlint check (human output)", "corpus-offerlint"),
            ("offerlint check --format json", "corpus-offerlint-json"),
            ("ajv-cli", "corpus-ajv-cli"),
            ("check-jsonschema", "corpus-check-jsonschema"),
            ("spectral-cli", "corpus-spectral-cli")]
    measured = {name: hyperfine(results, name) for _, name in rows}
    scale = load(os.path.join(results, "spectral-scale.json"))
    spectral = measured.get("corpus-spectral-cli")
    if spectral and scale and scale["spectral_files"] != scale["files"]:
        # Timed on a prefix of the corpus; scaled linearly to the whole corpus.
        factor = scale["files"] / scale["spectral_files"]
        for key in ("mean", "stddev", "min", "median", "cpu"):
            spectral[key] *= factor
        index = [n for _, n in rows].index("corpus-spectral-cli")
        rows[index] = (f"spectral-cli (timed on {scale['spectral_files']} files, "
                       f"× {factor:g})", "corpus-spectral-cli")
    peers = [measured[n] for n in ("corpus-ajv-cli", "corpus-check-jsonschema",
                                   "corpus-spectral-cli") if measured[n]]
    fastest_peer = min((p["mean"] for p in peers), default=None)
    if floor:
        out.append("### CLI over the corpus (hyperfine, wall time)\n")
        out.append("| command | runs | mean | ± | vs floor | vs floor (arb. prec.) "
                   "| fastest peer ÷ this | CPU (user+sys) | CPU vs floor | peak RSS |")
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for label, name in rows:
            m = measured[name]
            if not m:
                out.append(f"| {label} | – | not run | | | | | | | |")
                continue
            vs_ap = f"{m['mean'] / floor_ap['mean']:.1f}x" if floor_ap else "n/a"
            speedup = f"{fastest_peer / m['mean']:.1f}" if fastest_peer else "n/a"
            out.append(
                f"| {label} | {m['runs']} | {m['mean']:.2f} s | {m['stddev']:.2f} "
                f"| {m['mean'] / floor['mean']:.1f}x | {vs_ap} | {speedup} "
                f"| {m['cpu']:.2f} s | {m['cpu'] / floor['cpu']:.1f}x "
                f"| {mib(peak_kib(results, name))} |")
        out.append("")
        out.append("Targets:\n")
        for label, name in rows[2:4]:
            m = measured[name]
            if not m:
                continue
            ratio = m["mean"] / floor["mean"]
            out.append(f"- {label}: {ratio:.1f}x the parse floor (target ≤ 2x): "
                       f"{verdict(ratio <= 2)}")
            if fastest_peer:
                speedup = fastest_peer / m["mean"]
                out.append(f"- {label}: {speedup:.1f}x faster than the fastest peer "
                           f"(target ≥ 5x): {verdict(speedup >= 5)}")
        out.append("")

    startup_rows = [("parse floor", "startup-floor"), ("offerlint check", "startup-offerlint"),
                    ("ajv-cli", "startup-ajv-cli"), ("check-jsonschema",
                                                     "startup-check-jsonschema"),
                    ("spectral-cli", "startup-spectral-cli")]
    out.append("### Start-up: one small file (hyperfine, no shell)\n")
    out.append("| command | runs | mean | min | CPU (user+sys) | peak RSS |")
    out.append("|---|---:|---:|---:|---:|---:|")
    for label, name in startup_rows:
        m = hyperfine(results, name)
        if not m:
            out.append(f"| {label} | – | not run | | | |")
            continue
        out.append(f"| {label} | {m['runs']} | {m['mean'] * 1000:.1f} ms "
                   f"| {m['min'] * 1000:.1f} ms | {m['cpu'] * 1000:.1f} ms "
                   f"| {mib(peak_kib(results, name))} |")
    ol = hyperfine(results, "startup-offerlint")
    if ol:
        out.append(f"\nTarget: offerlint on one file under 10 ms: {ol['mean'] * 1000:.1f} ms, "
                   f"{verdict(ol['mean'] < 0.010)}")
    out.append("")

    agreement = lines(os.path.join(results, "agreement.txt"))
    if agreement:
        out.append("### Agreement (first 400 corpus files)\n")
        out.extend(f"- {line}" for line in agreement)
        out.append("")
    skipped = lines(os.path.join(results, "skipped.txt"))
    if skipped:
        out.append("### Skipped\n")
        out.extend(f"- {line}" for line in skipped)
        out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
