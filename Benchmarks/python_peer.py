#!/usr/bin/env python3
"""The "equivalent Python pipeline" assay is compared with (issue #8): lxml + the shipped rules in Python `re`.

    python3 -m venv /tmp/bench-venv && /tmp/bench-venv/bin/pip install lxml pyyaml
    /tmp/bench-venv/bin/python Benchmarks/python_peer.py DIR OUTFILE [--rules Rules]

For every .html/.htm/.txt file under DIR (in sorted path order), it does the work assay does, the way a
straightforward Python script would:

  1. read the bytes; HTML goes through lxml's HTML parser (libxml2, no network, comments dropped);
  2. drop what is not content: script, style, noscript, template; nav, header, footer, aside; elements that are
     hidden, aria-hidden, or carry a boilerplate class, id or role from the rules (cookie-banner, skip-link,
     breadcrumb …); keep the <title> and the <main> (or the single <article>, or else the body);
  3. cut the text into blocks at block elements and <br> (plain text: one block per line, bullets stripped), fold
     typography (curly quotes, dashes, no-break and other spaces, soft hyphens) and drop boilerplate lines;
  4. run every rule of Rules/*.yaml on every block, skipping blocks without the rule's keywords, just as assay
     does: the patterns are the rule files' own, with {lexicon} entries and {gazetteer} alternations expanded the
     way assay expands them, translated from ICU to Python `re` (named groups, \\p{L});
  5. read values (gazetteer lookups, numbers in digits or words, dates to ISO 8601), resolve overlaps of one
     type by priority, length and position, attribute each fact to a programme (the last block naming exactly one,
     or identifying one by its launch year, else the title's), and write one JSON line per fact.

It is not assay (no source map, no list items, no table-header attribution, no checks), but it runs the same
number of patterns over the same text, which is where the time goes. At the end it prints documents/s and MB/s
(input bytes, 1 MB = 10^6 bytes) for the processing loop (rule loading excluded).

Output lines look like assay's (`type`, `value`, `programme`, `rule`, `evidence.document`, `evidence.exact`), so
Benchmarks/score.py can score them (by text, as the peer keeps no source offsets).
"""

import argparse
import json
import os
import re
import time
from pathlib import Path

import yaml
from lxml import etree

LETTER = r"[^\W\d_]"  # Python re has no \p{L}: a word character that is neither a digit nor "_"

# ---------------------------------------------------------------------------------------------------------------
# Rules: load Rules/*.yaml, expand {references}, translate ICU syntax to Python re.


def load_rules(folder):
    merged = {"lexicon": {}, "gazetteers": {}, "rules": [], "boilerplate": {}, "attribution": {}, "types": {}}
    for path in sorted(Path(folder).rglob("*.y*ml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key in ("lexicon", "gazetteers", "types", "attribution"):
            merged[key].update(data.get(key) or {})
        merged["rules"] += data.get("rules") or []
        for key, value in (data.get("boilerplate") or {}).items():
            merged["boilerplate"].setdefault(key, []).extend(value)
    return merged


def name_key(text):
    """Gazetteer lookup key: case, spaces, hyphens and punctuation ignored (as assay's Gazetteer.key)."""
    return "".join(c for c in fold(text).casefold() if c.isalnum())


class Gazetteer:
    def __init__(self, spec):
        self.lookup = {}
        aliases = []
        for entry in spec["entries"]:
            for alias in [entry["name"]] + list(entry.get("aliases") or []):
                # (id, canonical name): entity_id facts take the id, entity_name facts the name
                self.lookup[name_key(alias)] = (entry.get("id") or slug(entry["name"]), entry["name"])
                if alias not in aliases:
                    aliases.append(alias)
        # the alternation assay builds: longest alias first, spaces and hyphens match either, never inside a word
        aliases.sort(key=lambda a: (-len(a), a))
        gap = r"[\s\-]*" if spec.get("flexible_spaces") else r"[\s\-]+"
        alternatives = [gap.join(re.escape(part) for part in re.split(r"[ \-]+", alias)) for alias in aliases]
        self.pattern = rf"(?<!{LETTER})(?:" + "|".join(alternatives) + rf")(?!{LETTER})"
        self.regex = re.compile(self.pattern, re.IGNORECASE)

    def find(self, text):
        return self.lookup.get(name_key(text))


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


REFERENCE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def expand(pattern, lexicon, gazetteers, seen=()):
    """Replace {name} by its lexicon entry or gazetteer alternation, wrapped in (?:…); {2} and {1,3} stay."""
    def replace(match):
        name = match.group(1)
        if name in gazetteers:
            return "(?:" + gazetteers[name].pattern + ")"
        if name in lexicon:
            if name in seen:
                raise ValueError(f"lexicon cycle at {name}")
            entry = lexicon[name]
            body = entry["pattern"] if isinstance(entry, dict) else entry
            return "(?:" + expand(body, lexicon, gazetteers, seen + (name,)) + ")"
        return match.group(0)
    return REFERENCE.sub(replace, pattern)


def icu_to_python(pattern):
    """ICU → Python re: (?<name> → (?P<name>; \\p{L} outside and inside character classes."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith(r"\p{L}", i):
            out.append(LETTER)
            i += 5
        elif pattern[i] == "\\":
            out.append(pattern[i:i + 2])
            i += 2
        elif pattern.startswith("(?<", i) and pattern[i + 3:i + 4] not in ("=", "!"):
            out.append("(?P<")
            i += 3
        elif pattern[i] == "[":
            j = i + 1
            if pattern[j:j + 1] == "^":
                j += 1
            if pattern[j:j + 1] == "]":
                j += 1
            while pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            body = pattern[i + 1:j]
            if r"\p{L}" in body:
                if body.startswith("^"):
                    raise ValueError(f"negated class with \\p{{L}} not supported: [{body}]")
                rest = body.replace(r"\p{L}", "")
                out.append(f"(?:{LETTER}|[{rest}])" if rest else LETTER)
            else:
                out.append(pattern[i:j + 1])
            i = j + 1
        else:
            out.append(pattern[i])
            i += 1
    return "".join(out)


class Rule:
    def __init__(self, spec, lexicon, gazetteers, types):
        self.id = spec["id"]
        self.priority = spec.get("priority", 0)
        self.keywords = [k.lower() for k in spec.get("keywords") or []]
        flags = 0 if spec.get("case_sensitive") else re.IGNORECASE
        self.regex = re.compile(icu_to_python(expand(spec["pattern"], lexicon, gazetteers)), flags)
        # (group, fact type, value kind, gazetteer) for fields that are facts; qualifier fields are looked up too
        self.fields = []
        for group, field in spec["fields"].items():
            if "type" in field:
                kind = types[field["type"]]
                self.fields.append((group, field["type"], kind["value"], gazetteers.get(kind.get("gazetteer")),
                                    field.get("attribute")))
            else:
                self.fields.append((group, None, "qualifier", gazetteers.get(field.get("gazetteer")), None))


# ---------------------------------------------------------------------------------------------------------------
# Values.

WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                    "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
WORDS.update({w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())})
SCALES = {"hundred": 100, "thousand": 1000, "million": 1000000}
MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11)}


def read_number(text):
    text = text.strip().lower()
    if re.fullmatch(r"[\d,]+", text):
        return int(text.replace(",", ""))
    if text.startswith("a "):
        return {"dozen": 12, "hundred": 100, "thousand": 1000}.get(text[2:].strip())
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text):
        if word == "and":
            continue
        if word in WORDS:
            current += WORDS[word]
        elif word in SCALES:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            return None
    return total + current


def month_number(word):
    return MONTHS.get(word.lower().rstrip(".")[:3])


def read_date(text):
    """ISO 8601 for the date forms of the lexicon; "since X" is the open interval "X/..". None when unreadable."""
    text = text.strip()
    since = re.match(r"(?i)(in|since)\s+", text)
    if since:
        value = read_date(text[since.end():])
        return f"{value}/.." if value and since.group(1).lower() == "since" else value
    words = re.findall(r"[A-Za-z]+\.?|\d+(?:/\d+)?", text)
    years = [w for w in words if re.fullmatch(r"(?:19|20)\d\d", w)]
    fiscal = re.search(r"((?:19|20)\d\d)/(\d\d)", text)
    if fiscal:
        start = int(fiscal.group(1))
        return f"{start}-04/{start + 1}-03"
    if not years:
        return None
    year = int(years[0])
    month = next((month_number(w) for w in words if w[0].isalpha() and month_number(w)), None)
    season = next((w.lower() for w in words if w.lower() in SEASONS), None)
    if season:
        first, last = SEASONS[season]
        return f"{year}-{first:02d}/{year}-{last:02d}"
    if re.search(r"(?i)\bwinter\b", text):
        return None
    days = [int(re.match(r"\d+", w).group()) for w in words if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", w)]
    days = [d for d in days if 1 <= d <= 31]
    if month and days:
        return f"{year}-{month:02d}-{days[0]:02d}"
    if month:
        return f"{year}-{month:02d}"
    return str(year)


# ---------------------------------------------------------------------------------------------------------------
# Text: HTML and plain text to folded blocks.

FOLD = {0x2018: "'", 0x2019: "'", 0x201A: "'", 0x201B: "'", 0x2032: "'", 0x02BC: "'",
        0x201C: '"', 0x201D: '"', 0x201E: '"', 0x201F: '"', 0x00AB: '"', 0x00BB: '"',
        0x2026: "...", 0x00AD: None, 0x200B: None, 0x2060: None, 0xFEFF: None}
FOLD.update({c: "-" for c in (0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D)})
FOLD.update({c: " " for c in (0x00A0, 0x1680, 0x202F, 0x205F, 0x3000, 0x2028, 0x2029, *range(0x2000, 0x200B))})
SPACES = re.compile(r"\s+")


def fold(text):
    return SPACES.sub(" ", text.translate(FOLD)).strip()


BLOCK_TAGS = {"p", "div", "section", "article", "main", "blockquote", "pre", "figure", "figcaption", "caption",
              "address", "dl", "dt", "dd", "form", "fieldset", "legend", "table", "tr", "thead", "tbody", "tfoot",
              "ul", "ol", "li", "td", "th", "title", "h1", "h2", "h3", "h4", "h5", "h6", "body", "br", "hr",
              "details", "summary", "center"}
RAW_TAGS = ("script", "style", "noscript", "template")


class TextExtractor:
    def __init__(self, boilerplate):
        self.parser = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True)
        self.elements = tuple(boilerplate.get("elements") or ("nav", "header", "footer", "aside"))
        classes = ["skip-link", "skip-to-content", "breadcrumb", "breadcrumbs", "cookie-banner", "cookie-notice",
                   "cookie-consent"] + list(boilerplate.get("classes") or [])
        ids = ["cookie-banner", "cookie-notice", "cookie-consent"] + list(boilerplate.get("ids") or [])
        roles = list(boilerplate.get("roles") or ["navigation", "banner", "contentinfo", "complementary", "search"])
        tests = ["@hidden", "@aria-hidden='true'"]
        tests += [f"contains(concat(' ', normalize-space(@class), ' '), ' {c} ')" for c in classes]
        tests += [f"@id='{i}'" for i in ids] + [f"@role='{r}'" for r in roles]
        self.hidden = etree.XPath("//*[" + " or ".join(tests) + "]")
        self.lines = {fold(line).casefold() for line in
                      ["Skip to main content", "Skip to content", "Skip to navigation"] + list(boilerplate.get("lines") or [])}

    def html_blocks(self, data):
        root = etree.fromstring(data, self.parser)
        if root is None:
            return []
        etree.strip_elements(root, *RAW_TAGS, *self.elements, with_tail=False)
        for element in self.hidden(root):
            drop(element)
        blocks = []
        title = root.find(".//title")
        if title is not None and title.text:
            blocks.append(fold(title.text))
        mains = root.xpath("//main")
        content = mains[0] if mains else None
        if content is None:
            articles = root.xpath("//article")
            content = articles[0] if len(articles) == 1 else root.find("body")
        if content is not None:
            buffer = []
            walk(content, blocks, buffer)
            flush(blocks, buffer)
        return [b for b in blocks if b and b.casefold() not in self.lines]

    def text_blocks(self, data):
        text = data.decode("utf-8", errors="replace")
        blocks = []
        for line in text.splitlines():
            line = fold(BULLET.sub("", line, count=1))
            if line and line.casefold() not in self.lines:
                blocks.append(line)
        return blocks


BULLET = re.compile(r"^\s*(?:(?:[•◦▪▫‣·\-*–—●○■]|\d{1,3}[.)])\s+)+")


def drop(element):
    """Remove an element but keep its tail text (lxml's remove() would take the tail with it)."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def flush(blocks, buffer):
    if buffer:
        text = fold("".join(buffer))
        buffer.clear()
        if text:
            blocks.append(text)


def walk(element, blocks, buffer):
    if element.text:
        buffer.append(element.text)
    for child in element:
        if isinstance(child.tag, str) and child.tag.lower() in BLOCK_TAGS:
            flush(blocks, buffer)
            walk(child, blocks, buffer)
            flush(blocks, buffer)
        elif isinstance(child.tag, str):
            walk(child, blocks, buffer)
        if child.tail:
            buffer.append(child.tail)


# ---------------------------------------------------------------------------------------------------------------
# Extraction.


class Pipeline:
    def __init__(self, rules_folder):
        spec = load_rules(rules_folder)
        self.gazetteers = {name: Gazetteer(g) for name, g in spec["gazetteers"].items()}
        self.rules = [Rule(r, spec["lexicon"], self.gazetteers, spec["types"]) for r in spec["rules"]]
        self.text = TextExtractor(spec["boilerplate"])
        attribution = spec["attribution"]
        self.subject_type = attribution.get("type", "programme")
        self.identify_by = set(attribution.get("identify_by") or [])
        # launch year → programme id, from the gazetteer's attributes (identify_by: [launched])
        self.known = {}
        subject_gazetteer = spec["types"][self.subject_type]["gazetteer"]
        for entry in spec["gazetteers"][subject_gazetteer]["entries"]:
            for attribute, value in (entry.get("attributes") or {}).items():
                self.known[(attribute, str(value))] = entry["id"]

    def extract(self, blocks):
        candidates = []  # (type, value, start, end, priority, rule id, attribute, exact)
        offset = 0
        for block in blocks:
            lowered = block.lower()
            for rule in self.rules:
                if rule.keywords and not any(k in lowered for k in rule.keywords):
                    continue
                for match in rule.regex.finditer(block):
                    for group, type_, kind, gazetteer, attribute in rule.fields:
                        text = match.group(group)
                        if not text:
                            continue
                        value = read_value(kind, text, gazetteer)
                        if type_ is None or value is None:
                            continue
                        candidates.append((type_, value, offset + match.start(group), offset + match.end(group),
                                           rule.priority, rule.id, attribute, text))
            offset += len(block) + 1
        return resolve(candidates)

    def attribute(self, facts, blocks):
        """Programme per fact: its own (a mention), else the last block that names or identifies exactly one."""
        starts, offset = [], 0
        for block in blocks:
            starts.append(offset)
            offset += len(block) + 1
        events = {}
        for fact in facts:
            named = fact[1] if fact[0] == self.subject_type else None
            if named is None and fact[6] in self.identify_by:
                named = self.known.get((fact[6], str(fact[1]).split("/")[0].split("-")[0]))
            if named:
                events.setdefault(block_index(starts, fact[2]), set()).add(named)
        title = events.get(0) if blocks else None
        title_subject = next(iter(title)) if title and len(title) == 1 else None
        ordered = sorted(events.items())
        out = []
        for fact in facts:
            if fact[0] == self.subject_type:
                out.append(fact[1])
                continue
            index, subject = block_index(starts, fact[2]), title_subject
            for event_block, names in ordered:
                if event_block > index:
                    break
                subject = next(iter(names)) if len(names) == 1 else None
            out.append(subject)
        return out


def block_index(starts, position):
    low, high = 0, len(starts)
    while low < high:
        mid = (low + high) // 2
        if starts[mid] <= position:
            low = mid + 1
        else:
            high = mid
    return low - 1


def read_value(kind, text, gazetteer):
    if kind in ("entity_id", "entity_name", "qualifier"):
        found = gazetteer.find(text) if gazetteer else None
        if not found:
            return None
        return found[0] if kind == "entity_id" else found[1]
    if kind == "integer":
        return read_number(text)
    if kind == "date":
        return read_date(text)
    return text


def resolve(candidates):
    """Per type: higher priority, then longer, then earlier, then rule id wins; overlapping losers are dropped."""
    kept, taken = [], {}
    for c in sorted(candidates, key=lambda c: (-c[4], -(c[3] - c[2]), c[2], c[5])):
        spans = taken.setdefault(c[0], [])
        if any(c[2] < end and start < c[3] for start, end in spans):
            continue
        spans.append((c[2], c[3]))
        kept.append(c)
    kept.sort(key=lambda c: (c[2], c[3], c[0]))
    return kept


def documents(folder):
    paths = []
    for directory, _, files in os.walk(folder):
        for name in files:
            if name.lower().endswith((".html", ".htm", ".txt")):
                paths.append(os.path.join(directory, name))
    return sorted(paths)


def main(argv=None):
    parser = argparse.ArgumentParser(description="lxml + Python re peer of `assay extract`.")
    parser.add_argument("folder")
    parser.add_argument("outfile")
    parser.add_argument("--rules", default=str(Path(__file__).resolve().parent.parent / "Rules"))
    args = parser.parse_args(argv)

    pipeline = Pipeline(args.rules)
    paths = documents(args.folder)
    total_bytes, total_facts = 0, 0
    start = time.perf_counter()
    with open(args.outfile, "w", encoding="utf-8", newline="\n") as out:
        for path in paths:
            with open(path, "rb") as f:
                data = f.read()
            total_bytes += len(data)
            is_html = path.lower().endswith((".html", ".htm"))
            blocks = pipeline.text.html_blocks(data) if is_html else pipeline.text.text_blocks(data)
            facts = pipeline.extract(blocks)
            for fact, programme in zip(facts, pipeline.attribute(facts, blocks)):
                out.write(json.dumps({"type": fact[0], "value": fact[1], "programme": programme, "rule": fact[5],
                                      "evidence": {"document": path, "exact": fact[7], "start": fact[2],
                                                   "end": fact[3]}}, ensure_ascii=False) + "\n")
                total_facts += 1
    seconds = time.perf_counter() - start
    mb = total_bytes / 1e6
    print(f"{len(paths)} documents, {mb:.2f} MB, {total_facts} facts, {len(pipeline.rules)} rules in {seconds:.2f} s: "
          f"{len(paths) / seconds:.1f} documents/s, {mb / seconds:.2f} MB/s")


if __name__ == "__main__":
    main()
