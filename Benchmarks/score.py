#!/usr/bin/env python3
"""Score extracted facts against a corpus's planted truth: precision and recall per type and overall.

    assay extract /tmp/corpus-200/docs --format jsonl > /tmp/facts.jsonl
    python3 Benchmarks/score.py /tmp/corpus-200/truth.jsonl /tmp/facts.jsonl
    assay extract /tmp/corpus-200/docs --format jsonl | python3 Benchmarks/score.py /tmp/corpus-200/truth.jsonl -

Options: --show N prints up to N missed and N spurious facts per type, with the reason each missed one was
not matched; --by-form adds recall per planted form (the truth's "form", e.g. count.announced).

The matching rule (the acceptance rule of ../shared/acceptance/README.md):

  An extracted fact matches a planted one when
    * the document is the same: the extracted evidence.document is the truth's "docs/NAME" or ends in
      "/docs/NAME" (so assay may be run on the corpus folder by any path);
    * the type is the same;
    * the value is the same: integers equal; strings equal ignoring case and runs of white space;
    * the programme is the same (both may be null);
    * and the words overlap: the fact's evidence span [source_start, source_end) in the decoded source
      overlaps the planted quote's [source_start, source_end). Truth without offsets (for example the
      acceptance list) falls back to text: the fact's `exact` and the quote, folded (case, white space,
      curly quotes, dashes), must contain one another.

  Recall    = planted facts matched by at least one extracted fact / planted facts.
  Precision = extracted facts that match at least one planted fact / extracted facts.
  An extracted fact that matches nothing is spurious, even when it is true of the text: the generator plants
  every fact its documents state, so a spurious fact is a fact found in boilerplate, a decoy, or a wrong value,
  programme or span. Facts in documents that the truth does not list are not scored (a warning says how many).

Standard library only; reads JSON lines, writes a plain-text table to stdout.
"""

import argparse
import json
import re
import sys
from collections import defaultdict

FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                      "\u2011": "-", "\u00a0": " ", "\u00ad": None})


def fold(text):
    return re.sub(r"\s+", " ", str(text).translate(FOLD)).strip().casefold()


def same_value(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return fold(a) == fold(b)


def overlaps(truth, fact):
    evidence = fact.get("evidence", {})
    if "source_start" in truth and evidence.get("source_start") is not None:
        return evidence["source_start"] < truth["source_end"] and truth["source_start"] < evidence["source_end"]
    exact, quote = fold(evidence.get("exact", "")), fold(truth.get("quote", ""))
    return bool(exact) and bool(quote) and (exact in quote or quote in exact)


def read_jsonl(path):
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
    with stream:
        return [json.loads(line) for line in stream if line.strip()]


def document_key(path, known):
    """The truth's name for an extracted document path: the longest path suffix the truth lists."""
    parts = path.replace("\\", "/").split("/")
    for i in range(len(parts)):
        candidate = "/".join(parts[i:])
        if candidate in known:
            return candidate
    return None


def score(truth, facts):
    known = {t["document"] for t in truth}
    by_doc_type = defaultdict(list)
    for t in truth:
        by_doc_type[(t["document"], t["type"])].append(t)
    found = [False] * len(truth)
    index = {id(t): i for i, t in enumerate(truth)}
    extracted, correct, spurious, unscored = defaultdict(int), defaultdict(int), defaultdict(list), 0
    for fact in facts:
        doc = document_key(fact.get("evidence", {}).get("document", ""), known)
        if doc is None:
            unscored += 1
            continue
        extracted[fact["type"]] += 1
        hit = False
        for t in by_doc_type.get((doc, fact["type"]), []):
            if same_value(t["value"], fact.get("value")) and t.get("programme") == fact.get("programme") \
                    and overlaps(t, fact):
                found[index[id(t)]] = True
                hit = True
        if hit:
            correct[fact["type"]] += 1
        else:
            spurious[fact["type"]].append((doc, fact))
    return found, extracted, correct, spurious, unscored


def why_missed(t, facts_by_doc):
    """The nearest extracted fact of the same type and place, to say why a planted fact was not matched."""
    for fact in facts_by_doc.get(t["document"], []):
        if fact["type"] == t["type"] and overlaps(t, fact):
            if not same_value(t["value"], fact.get("value")):
                return f"value {fact.get('value')!r} ({fact.get('rule')})"
            if t.get("programme") != fact.get("programme"):
                return f"programme {fact.get('programme')!r} ({fact.get('rule')})"
    return "nothing extracted there"


def ratio(a, b):
    return f"{100 * a / b:6.1f}%" if b else "      -"


def main(argv=None):
    parser = argparse.ArgumentParser(description="Precision and recall of extracted facts against truth.jsonl.")
    parser.add_argument("truth", help="truth.jsonl written by generate_corpus.py")
    parser.add_argument("facts", nargs="?", default="-", help="assay extract --format jsonl output, or - for stdin")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print up to N misses and spurious facts per type")
    parser.add_argument("--by-form", action="store_true", help="also print recall per planted form")
    parser.add_argument("--json", action="store_true",
                        help="print the figures as one JSON object (overall and per type) instead of the table")
    args = parser.parse_args(argv)

    truth, facts = read_jsonl(args.truth), read_jsonl(args.facts)
    found, extracted, correct, spurious, unscored = score(truth, facts)

    planted, hits = defaultdict(int), defaultdict(int)
    for t, ok in zip(truth, found):
        planted[t["type"]] += 1
        hits[t["type"]] += ok
    types = sorted(set(planted) | set(extracted))
    if args.json:
        def line(p, h, e, c):
            return {"planted": p, "found": h, "extracted": e, "correct": c,
                    "recall": h / p if p else None, "precision": c / e if e else None}
        print(json.dumps({"overall": line(sum(planted.values()), sum(hits.values()), sum(extracted.values()),
                                          sum(correct.values())),
                          "types": {name: line(planted[name], hits[name], extracted[name], correct[name])
                                    for name in types}}, sort_keys=True))
        return
    print(f"{'type':<10} {'planted':>8} {'found':>8} {'recall':>8} {'extracted':>10} {'correct':>8} {'precision':>10}")
    for name in types + ["overall"]:
        if name == "overall":
            p, h, e, c = sum(planted.values()), sum(hits.values()), sum(extracted.values()), sum(correct.values())
        else:
            p, h, e, c = planted[name], hits[name], extracted[name], correct[name]
        print(f"{name:<10} {p:>8} {h:>8} {ratio(h, p):>8} {e:>10} {c:>8} {ratio(c, e):>10}")
    if unscored:
        print(f"warning: {unscored} extracted facts are in documents the truth does not list; not scored",
              file=sys.stderr)

    if args.by_form:
        forms, form_hits = defaultdict(int), defaultdict(int)
        for t, ok in zip(truth, found):
            forms[(t["type"], t.get("form", "?"))] += 1
            form_hits[(t["type"], t.get("form", "?"))] += ok
        print(f"\n{'type':<10} {'form':<28} {'planted':>8} {'found':>8} {'recall':>8}")
        for key in sorted(forms):
            print(f"{key[0]:<10} {key[1]:<28} {forms[key]:>8} {form_hits[key]:>8} {ratio(form_hits[key], forms[key]):>8}")

    if args.show:
        facts_by_doc = defaultdict(list)
        known = {t["document"] for t in truth}
        for fact in facts:
            doc = document_key(fact.get("evidence", {}).get("document", ""), known)
            if doc:
                facts_by_doc[doc].append(fact)
        misses = defaultdict(list)
        for t, ok in zip(truth, found):
            if not ok:
                misses[t["type"]].append(t)
        for name in types:
            for t in misses[name][: args.show]:
                print(f"missed   {name:<9} {t['document']}:{t.get('source_start')} {t['value']!r} "
                      f"[{t.get('programme')}] {t['quote']!r} ({t.get('form')}): {why_missed(t, facts_by_doc)}")
            for doc, fact in spurious[name][: args.show]:
                evidence = fact.get("evidence", {})
                print(f"spurious {name:<9} {doc}:{evidence.get('source_start')} {fact.get('value')!r} "
                      f"[{fact.get('programme')}] {evidence.get('exact')!r} ({fact.get('rule')})")


if __name__ == "__main__":
    main()
