#!/usr/bin/env python3
"""Full build vs no-change rebuild of `assay build` on a generated corpus (issue #5: a no-change rebuild must take
under 10% of a full build).

    swift build -c release --product assay
    python3 Benchmarks/incremental_rebuild.py --count 1000 --runs 3

Generates the corpus with generate_corpus.py (seeded), then times, each `--runs` times (medians reported):
  full        a build with an empty cache and no previous output (every document normalised and extracted);
  no change   a rebuild right after a build, nothing changed (the build record says there is nothing to do);
  from cache  a rebuild after the output was deleted: every document comes from the extraction cache, and the
              whole dataset is validated and written again (what a change to one document or to Output/ costs).
The summary line of each build is checked for its cache counter. Standard library only.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build(assay, work, extra=()):
    command = [assay, "build", "--corpus", "docs", "--rules", os.path.join(ROOT, "Rules"), "--output", "Output", *extra]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=work, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode == 2:
        sys.exit(f"assay build failed:\n{result.stderr}")
    first = result.stdout.splitlines()[0] if result.stdout else ""
    match = re.match(r"assay: (\d+) documents, (\d+) from the cache, ", first)
    if not match:
        sys.exit(f"unexpected summary: {first!r}")
    return elapsed, int(match.group(1)), int(match.group(2)), first


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000, help="documents (default 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="runs of each kind; medians are reported (default 3)")
    parser.add_argument("--assay", default=os.path.join(ROOT, ".build/release/assay"))
    parser.add_argument("--max-ratio", type=float, default=None, help="exit 1 when no-change / full exceeds this")
    args = parser.parse_args()
    if not os.access(args.assay, os.X_OK):
        sys.exit(f"{args.assay} not found: run `swift build -c release --product assay` first")
    work = tempfile.mkdtemp(prefix="assay-incremental-")
    try:
        subprocess.run(
            [sys.executable, os.path.join(ROOT, "Benchmarks/generate_corpus.py"), "--count", str(args.count), "--seed",
             str(args.seed), "--out", work], check=True, stdout=subprocess.DEVNULL)
        full, unchanged, cached = [], [], []
        for _ in range(args.runs):
            for name in ("Output", ".assay-cache"):
                shutil.rmtree(os.path.join(work, name), ignore_errors=True)
            seconds, documents, from_cache, line = build(args.assay, work)
            assert from_cache == 0, line
            full.append(seconds)
        for _ in range(args.runs):
            seconds, documents, from_cache, line = build(args.assay, work)
            assert from_cache == documents and "nothing to do" in line, line
            unchanged.append(seconds)
        for _ in range(args.runs):
            shutil.rmtree(os.path.join(work, "Output"))
            seconds, documents, from_cache, line = build(args.assay, work)
            assert from_cache == documents and "nothing to do" not in line, line
            cached.append(seconds)
        full_s, unchanged_s, cached_s = (statistics.median(x) for x in (full, unchanged, cached))
        print(f"documents:   {documents} (seed {args.seed}), {args.runs} runs each, medians")
        print(f"full build:  {full_s:.2f} s   {' '.join(f'{x:.2f}' for x in full)}")
        print(f"no change:   {unchanged_s:.2f} s   {' '.join(f'{x:.2f}' for x in unchanged)}   "
              f"{100 * unchanged_s / full_s:.1f}% of a full build")
        print(f"from cache:  {cached_s:.2f} s   {' '.join(f'{x:.2f}' for x in cached)}   "
              f"{100 * cached_s / full_s:.1f}% of a full build (output deleted, every document from the cache)")
        if args.max_ratio is not None and unchanged_s / full_s > args.max_ratio:
            sys.exit(f"no-change rebuild takes {unchanged_s / full_s:.1%} of a full build, over {args.max_ratio:.0%}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
