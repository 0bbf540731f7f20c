#!/usr/bin/env python3
"""Generate a synthetic benchmark corpus with planted facts, for measuring assay's speed and recall (issue #8).

    python3 Benchmarks/generate_corpus.py --count 1000 --seed 1 --out /tmp/corpus-1k

writes

    OUT/docs/NNNNN-<slug>.html   about 70%: realistic web pages of 5-40 KB (head with meta, links, inline style,
                                 analytics and JSON-LD scripts; skip link, cookie banner, header, menus,
                                 breadcrumb, main/article, aside, footer)
    OUT/docs/NNNNN-<slug>.txt    about 30%: plain text, one paragraph per line, bullet lists
    OUT/truth.jsonl              every planted fact, one per line, sorted by document and position

Each truth line is
    {"document": "docs/NAME", "type", "value", "programme", "quote", "source_start", "source_end", "form"}
with the value conventions of ../shared/acceptance/facts.jsonl (integers for counts; ISO 8601 dates such as
"2013", "2013-11", "2014-09/2014-11", "2013/..", "2021-10-29"; the programme's id; the canonical name of a site
or cohort). `programme` is the programme the fact is about. `source_start`/`source_end` are the quote's offsets
in Unicode code points into the file (no byte order mark), end exclusive, so a fact is located exactly even when
its words occur several times. `quote` is the text a reader sees there (tags removed, entities decoded,
spaces folded). `form` names the stated form (usually the rule meant to find it), for recall by form.

Facts are planted only in forms the shipped rules (Rules/*.yaml) say they read, with varied surface: digits or
words, curly or straight quotes, &nbsp;, entities, soft hyphens and inline tags. The prose around them is built
from word lists with no digits, number words, dates or gazetteer names, so it matches nothing. Page furniture
holds no planted fact; it holds decoys (numbers and programme names in scripts, styles, comments, meta
attributes, menus, asides and footers) that an extractor must skip.

The programme of every fact is unambiguous from the document, stated in one of these ways:
  title    the page title (or a plain-text document's title line) names the programme;
  heading  a generic title, then an h1 (or an opening sentence) naming the programme;
  table    a comparison table whose column headers (or row headers) name the programmes, followed by a section
           per programme whose h2 names it.

Deterministic: each document draws from its own random.Random seeded with the string "SEED/INDEX" (string seeds
are hashed with SHA-512, so PYTHONHASHSEED does not matter); no sets are iterated, no clock or locale is read,
and files are written as UTF-8 with "\\n" line ends. The same seed and count give byte-identical files, and a
corpus is a prefix of any larger one with the same seed.
"""

import argparse
import html
import json
import math
import random
import re
import sys
from pathlib import Path

# ---------------------------------------------------------------------------------------------------------------
# What the shipped rules know (Rules/gazetteers.yaml): canonical values and the aliases we may write.

PROGRAMMES = {
    "integrated-care-pilots": {
        "aliases": ["Integrated Care Pilots", "Integrated Care Pilot Programme", "Integrated Care Pilots Programme"],
        # Plural aliases, which read well after "The 16 …" (count.total).
        "plural": ["Integrated Care Pilots"],
        "short": "ICPs",
        "launched": 2008,
    },
    "integrated-care-pioneers": {
        "aliases": ["Integrated Care and Support Pioneers", "Integrated Care Pioneers",
                    "Integrated Care and Support Pioneer Programme", "Integrated Care Pioneer Programme"],
        "plural": ["Integrated Care Pioneers", "Integrated Care and Support Pioneers"],
        "short": "Pioneers",
        "launched": 2013,
    },
    "new-care-model-vanguards": {
        "aliases": ["New Care Model Vanguards", "New Care Models Vanguards", "New Care Models Programme",
                    "New Care Models Vanguard Programme"],
        "plural": ["New Care Model Vanguards", "New Care Models Vanguards"],
        "short": "Vanguards",
        "launched": 2015,
    },
}
PROGRAMME_IDS = list(PROGRAMMES)

# (canonical name, aliases as written). All four are Pioneer sites, so only Pioneer documents name them.
SITES = [
    ("Nottingham City", ["Nottingham City"]),
    ("Nottingham County", ["Nottingham County"]),
    ("Southend", ["Southend", "Southend on Sea", "Southend-on-Sea", "Southend&#8209;on&#8209;Sea"]),
    ("West Norfolk", ["West Norfolk", "West Norfolk Alliance"]),
]

# Cohorts by programme, as in the journal table. "olderpeople" is the run-together form the cohort gazetteer's
# flexible_spaces is there for (text copied from rendered tables).
COHORTS = {
    "integrated-care-pilots": [
        ("elderly people", ["elderly people", "elderly people"]),
        ("people with dementia", ["dementia", "people with dementia"]),
        ("people with diabetes", ["diabetes", "people with diabetes"]),
        ("older people at risk of admission", ["older people at risk of admission", "olderpeople at risk of admission"]),
    ],
    "integrated-care-pioneers": [
        ("older people with multiple long-term conditions",
         ["older people with multiple long-term conditions", "older people with multiple long&#8209;term conditions"]),
        ("high service users", ["high service users", "high users of services"]),
        ("people at risk of hospital admission",
         ["those at risk of hospital admission", "people at risk of hospital admission"]),
    ],
}

# Care model types (a qualifier of the count, not a fact of its own), with what each one does.
VANGUARD_TYPES = [
    (["Primary and Acute Care Systems", "PACS"], "joining GP, hospital, community health and social care providers"),
    (["Multispecialty Community Providers", "MCPs"], "moving hospital specialists into community settings"),
    (["Enhanced Care Homes", "Enhanced Health in Care Homes"], "integration of care homes and wider care services"),
    (["Urgent and Emergency Care Networks"], "joining up urgent and emergency care across a region"),
    (["Acute Care Collaborations"], "linking local hospitals to share expertise and back-office functions"),
]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MONTH_ABBREVIATIONS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"]
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11)}  # winter spans two years: not planted

ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(n):
    """1..99 in words: "sixteen", "twenty-five"."""
    if n < 20:
        return ONES[n]
    return TENS[n // 10] + ("-" + ONES[n % 10] if n % 10 else "")


# ---------------------------------------------------------------------------------------------------------------
# Filler prose. It must match no rule: no digits (so no years or counts), no number words, no programme, site or
# cohort names. FORBIDDEN checks every word list below when the script starts.

FORBIDDEN = re.compile(
    r"\d|\b(?:" + "|".join(w for w in ONES + TENS if w) + r"|hundred|thousand|million|dozen)\b"
    r"|dementia|diabetes|elderly|high service|high users|at risk of|long-term condition|nottingham|southend|norfolk"
    r"|integrated care (?:pilot|pioneer|and support)|new care model|multispecialty|acute care|care homes"
    r"|emergency care network",
    re.IGNORECASE)

OPENERS = ["", "", "", "", "In practice, ", "Across the region, ", "Over time, ", "At a local level, ",
           "In many areas, ", "Where possible, ", "As a result, ", "Nationally, ", "From the outset, ",
           "Increasingly, ", "In the meantime, ", "For this reason, ", "Alongside this, ", "Above all, "]
SUBJECTS = ["local partners", "commissioners and providers", "national teams", "health and care leaders",
            "frontline staff", "voluntary sector organisations", "councils and NHS bodies", "clinical leads",
            "programme managers", "patients and carers", "community teams", "general practices",
            "social care providers", "evaluators", "hospital trusts", "local authorities",
            "housing associations", "public health teams", "care coordinators", "community pharmacists"]
VERBS = ["are working together to", "have agreed to", "continue to", "are expected to", "want to",
         "have begun to", "are learning how to", "plan to", "were encouraged to", "have been asked to",
         "are keen to", "need to", "have chosen to", "are beginning to"]
ACTIONS = ["improve access to", "join up", "redesign", "simplify", "strengthen", "share learning about", "review",
           "invest in", "coordinate", "streamline", "reshape", "evaluate", "build on", "rethink",
           "protect", "extend", "test new approaches to"]
OBJECTS = ["community services", "urgent care pathways", "discharge arrangements", "care planning",
           "information sharing", "shared care records", "workforce planning", "local commissioning",
           "personal health budgets", "preventive services", "mental health support", "housing and care support",
           "care navigation", "multidisciplinary team working", "support for carers", "social prescribing",
           "reablement services", "out of hours care", "end of life care", "self-care and self-management",
           "estates and infrastructure", "pooled budgets", "contracting arrangements", "patient transport"]
PURPOSES = ["so that people receive care closer to home", "to reduce avoidable hospital stays",
            "so that services feel joined up to the people using them", "to make better use of scarce resources",
            "so that staff can spend more time with patients", "to remove duplication between organisations",
            "in line with local priorities", "to improve outcomes and experience",
            "without adding to the burden on general practice", "while keeping services safe",
            "so that carers are properly supported", "and to share what works with others",
            "before scaling up what works", "with the involvement of local people"]
EVIDENCE = ["Evidence from the evaluation", "Feedback from staff", "Early experience", "The national evaluation",
            "Learning from local sites", "Experience elsewhere", "A survey of managers",
            "A review of local plans", "Discussion with patients"]
QUALITIES = ["strong local leadership", "trusted relationships between organisations", "shared goals",
             "clear governance", "realistic timescales", "reliable data", "sustained funding",
             "good communication with the public", "engaged clinicians", "a shared care record",
             "patience and persistence", "protected time for staff"]
HEADINGS = ["Developing patient centred care", "Increasing community involvement", "Workforce",
            "Contractual models", "Payment arrangements", "Organisational forms", "Information sharing",
            "Governance", "Evaluation", "What we have learned", "Next steps", "Background", "Funding",
            "Working with the voluntary sector", "Digital records", "Commissioning", "Measuring progress",
            "Support for carers", "Further information", "Our approach", "Challenges", "Local priorities"]
STATUSES = ["In progress", "Complete", "Planned", "On hold", "Under review", "Scoping", "Ongoing"]
LEADS = ["NHS England", "Local Government Association", "Public Health England", "Health Education England",
         "Think Local Act Personal", "National Voices", "Monitor", "Care Quality Commission", "the local council",
         "the clinical commissioning group"]

for _words in (OPENERS, SUBJECTS, VERBS, ACTIONS, OBJECTS, PURPOSES, EVIDENCE, QUALITIES, HEADINGS, STATUSES, LEADS):
    for _w in _words:
        assert not FORBIDDEN.search(_w), f"filler word list holds something a rule could match: {_w!r}"


# ---------------------------------------------------------------------------------------------------------------
# One document being written.

OPEN, CLOSE = "\ue000", "\ue002"  # private-use marker characters around planted facts; removed before writing
MARKER = re.compile("\ue000(\\d+)\ue001|\ue002(\\d+)\ue003")


class Page:
    """A document in progress: its random source, whether it is HTML, and the facts planted so far.

    Planted facts are wrapped in private-use markers while the document is assembled; `finish` removes them and
    turns them into source offsets, so offsets stay right whatever markup surrounds or follows the fact.
    """

    def __init__(self, rng, is_html):
        self.rng = rng
        self.html = is_html
        self.facts = []

    # -- random helpers
    def choice(self, items):
        return self.rng.choice(items)

    def chance(self, p):
        return self.rng.random() < p

    # -- planting
    def fact(self, type_, value, programme, surface, form):
        k = len(self.facts)
        self.facts.append({"type": type_, "value": value, "programme": programme, "form": form})
        return f"{OPEN}{k}\ue001{surface}{CLOSE}{k}\ue003"

    # -- surface variation
    def sp(self):
        """A space between the words of a fact: sometimes a no-break space, as CMS editors leave them."""
        if self.html:
            return self.choice([" "] * 6 + ["&nbsp;", "&#160;"])
        return " " if self.chance(0.95) else "\u00a0"

    def em(self, text):
        """Inline markup around the words of a fact (HTML only)."""
        if not self.html:
            return text
        return self.choice([text] * 5 + [f"<strong>{text}</strong>", f"<em>{text}</em>", f"<b>{text}</b>",
                                          f'<span class="highlight">{text}</span>', f'<a href="#{slug(text)}">{text}</a>'])

    def quoted(self, text):
        """Single-quoted words, curly or straight, as characters or entities."""
        if self.html:
            opening, closing = self.choice([("‘", "’"), ("&lsquo;", "&rsquo;"), ("'", "'"), ("&#8216;", "&#8217;")])
        else:
            opening, closing = self.choice([("‘", "’"), ("'", "'")])
        return f"{opening}{text}{closing}"

    def apostrophe(self):
        return self.choice(["’", "&rsquo;", "'"] if self.html else ["’", "'"])

    def dash(self):
        return self.choice([" – ", " - ", " &ndash; ", " &mdash; "] if self.html else [" – ", " - "])

    def alias(self, text):
        """Escape an alias for the mode; HTML aliases may hold entities already (Southend&#8209;on&#8209;Sea)."""
        if self.html:
            # a soft hyphen inside a long word now and then, as hyphenating CMSs insert
            if self.chance(0.04) and "Pioneers" in text:
                return text.replace("Pioneers", "Pio&shy;neers")
            return text
        return html.unescape(text)

    def num(self, n, start=False):
        """A count in digits or words ("Sixteen", "twenty-five", "500,000", "6300")."""
        if n < 100 and self.chance(0.35):
            text = number_words(n)
            if "-" in text and self.chance(0.3):
                text = text.replace("-", " ")
            return text[0].upper() + text[1:] if start else text
        if n >= 10000 or (n >= 1000 and self.chance(0.5)):
            return f"{n:,}"
        return str(n)

    def month(self, m):
        if self.chance(0.2):
            return MONTH_ABBREVIATIONS[m - 1] + ("." if self.chance(0.3) and m != 5 else "")
        return MONTHS[m - 1]

    def date(self, year, month=None, day=None, season=None):
        """A date's surface and its ISO 8601 value."""
        if season:
            first, last = SEASONS[season]
            surface = self.choice([f"the {season} of {year}", f"{season} {year}", f"{season} of {year}",
                                   f"the {season}{self.sp()}of {year}"])
            return surface, f"{year}-{first:02d}/{year}-{last:02d}"
        if day:
            surface = self.choice([f"{day} {self.month(month)} {year}", f"{day}{ordinal(day)} {self.month(month)} {year}",
                                   f"{MONTHS[month - 1]} {day}, {year}"])
            return surface, f"{year}-{month:02d}-{day:02d}"
        if month:
            return self.month(month) + self.sp() + str(year), f"{year}-{month:02d}"
        return str(year), str(year)

    # -- filler
    def sentence(self):
        kind = self.rng.random()
        if kind < 0.55:
            opener = self.choice(OPENERS)
            subject = self.choice(SUBJECTS)
            text = f"{opener}{subject} {self.choice(VERBS)} {self.choice(ACTIONS)} {self.choice(OBJECTS)}"
            if self.chance(0.6):
                text += " " + self.choice(PURPOSES)
        elif kind < 0.75:
            text = f"{self.choice(EVIDENCE)} suggests that progress on {self.choice(OBJECTS)} depends on " \
                   f"{self.choice(QUALITIES)} as much as on {self.choice(QUALITIES)}"
        elif kind < 0.9:
            text = f"Work on {self.choice(OBJECTS)} remains a priority for {self.choice(SUBJECTS)}, although progress " \
                   f"has been uneven and {self.choice(QUALITIES)} mattered more than expected"
        else:
            text = f"There is no single model of {self.choice(OBJECTS)}; each area has adapted the approach to its " \
                   f"own circumstances, and {self.choice(SUBJECTS)}{self.apostrophe()} experience varies"
        return text[0].upper() + text[1:] + "."

    def paragraph(self, low=2, high=6):
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def list_item(self):
        text = f"{self.choice(ACTIONS)} {self.choice(OBJECTS)}"
        if self.chance(0.5):
            text += " " + self.choice(PURPOSES)
        return text[0].upper() + text[1:]

    def filler_block(self):
        """One block of prose, list or table with nothing to extract."""
        kind = self.rng.random()
        if kind < 0.58:
            return [("p", self.paragraph())]
        if kind < 0.72:
            return [("h", self.choice([2, 3]), self.choice(HEADINGS)), ("p", self.paragraph())]
        if kind < 0.84:
            intro = f"{self.choice(SUBJECTS).capitalize()} {self.choice(VERBS)}:"
            return [("p", intro), ("ul", [self.list_item() for _ in range(self.rng.randint(2, 6))])]
        if kind < 0.9:
            return [("ol", [self.list_item() for _ in range(self.rng.randint(3, 6))])]
        if not self.html:
            return [("p", self.paragraph(1, 3))]
        # A table of workstreams: small percentages are realistic and match no rule (never four digits).
        head = ["Workstream", "Lead organisation", "Status"] + (["Staff engaged"] if self.chance(0.5) else [])
        rows = []
        for _ in range(self.rng.randint(2, 6)):
            row = [self.list_item(), self.choice(LEADS), self.choice(STATUSES)]
            if len(head) == 4:
                row.append(f"{self.rng.randint(5, 95)}%")
            rows.append(row)
        return [("table", {"head": head, "rows": rows, "row_headers": self.chance(0.5)})]


def ordinal(day):
    return "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", re.sub(r"<[^>]+>|&\w+;", " ", text).lower()).strip("-")[:40]


# ---------------------------------------------------------------------------------------------------------------
# Fact snippets. Each takes the page, the programme the facts are about, and the document's numbers for that
# programme, and returns blocks. `cell=True` asks for blocks that fit in a table cell (no headings).
# A snippet's facts are exactly the matches its text gives; the comments name the rule each form is for.

def pilots_launched(p, prog, n, cell=False):
    # date.launched: its year (2008) also identifies the programme.
    date = p.fact("date", "2008", prog, "launched" + p.sp() + "in 2008", "date.launched")
    if p.chance(0.4) and not cell:
        name = p.fact("programme", prog, prog, p.em(p.alias(p.choice(PROGRAMMES[prog]["aliases"]))), "programme.mention")
        return [("p", f"The {name} was {date} following the NHS Next Stage Review. {p.paragraph(1, 2)}")]
    return [("p", f"Programme {date} following the NHS Next Stage Review.")]


def pilots_appointed(p, prog, n, cell=False):
    # count.appointed: "Sixteen pilots appointed in 2009", "16 pilot sites were appointed in March 2009".
    month = p.choice([None, None, 3, 4, 6])
    date_text, iso = p.date(2009, month)
    noun = p.choice(["pilots", "pilots", "pilot sites", "sites"])
    count = p.fact("count", n["appointed"], prog, p.em(p.num(n["appointed"], start=True)) + p.sp() + noun,
                   "count.appointed")
    date = p.fact("date", iso, prog, date_text, "count.appointed")
    verb = p.choice(["appointed", "were appointed"])
    tail = p.choice([" designed to support care integration.", ", each with its own local focus.", "."])
    return [("p", f"{count} {verb} in {date}{tail}")]


def pilots_scale(p, prog, n, cell=False):
    # count.population, twice: "a population of 6300 … a population of 500,000".
    small = p.fact("count", n["small_population"], prog,
                   "population of" + p.sp() + p.em(p.num(n["small_population"])), "count.population")
    qualifier = p.choice(["", "", "about ", "around ", "over ", "some "])
    large = p.fact("count", n["large_population"], prog,
                   f"population of {qualifier}" + p.em(p.num(n["large_population"])), "count.population")
    return [("p", f"Deliberately heterogenous mix of pilots in terms of scale (from a single GP practice with a {small} "
                  f"to a broad range of services for a {large}).")]


def pilots_cohorts_such_as(p, prog, n, cell=False):
    # cohort.mention, three times, in running prose.
    cohorts = COHORTS[prog]
    elderly = p.fact("cohort", cohorts[0][0], prog, cohorts[0][1][0], "cohort.mention")
    dementia = p.fact("cohort", cohorts[1][0], prog, p.choice(cohorts[1][1]), "cohort.mention")
    diabetes = p.fact("cohort", cohorts[2][0], prog, p.choice(cohorts[2][1]), "cohort.mention")
    return [("p", f"Some pilots focused on single cohorts such as {elderly}, others on diseases such as {dementia} "
                  f"and {diabetes}.")]


def pilots_subset(p, prog, n, cell=False):
    # count.subset and a cohort: "A sub-set of 6 pilots focused on 'case management' interventions for …".
    word = p.choice(["sub-set", "subset"])
    count = p.fact("count", n["subset"], prog, p.num(n["subset"]) + p.sp() + "pilots", "count.subset")
    cohort_name, aliases = COHORTS[prog][3]
    cohort = p.fact("cohort", cohort_name, prog, p.choice(aliases), "cohort.mention")
    return [("p", f"A {word} of {count} focused on {p.quoted('case management')} interventions for {cohort}.")]


def pilots_total(p, prog, n, cell=False):
    # count.total with the programme's name ("The 16 Integrated Care Pilots"), which is a programme mention too.
    name = p.fact("programme", prog, prog, p.alias(p.choice(PROGRAMMES[prog]["plural"])), "programme.mention")
    count = p.fact("count", n["appointed"], prog, p.num(n["appointed"]) + p.sp() + name, "count.total")
    return [("p", f"The {count} were evaluated by an independent team. {p.paragraph(1, 2)}")]


def pilots_evaluation(p, prog, n, cell=False):
    # date.any: a month and year, or a year.
    year = p.choice([2010, 2011, 2012])
    text, iso = p.date(year, p.choice([None, 3, 5, 10]))
    date = p.fact("date", iso, prog, p.em(text), "date.any")
    return [("p", f"The final evaluation report was published in {date}. {p.paragraph(1, 3)}")]


def cohorts_count(p, prog, n, cell=False):
    # count.cohorts with the inline list after the colon: "three overlapping cohorts: A; B, C".
    cohorts = list(COHORTS[prog])
    p.rng.shuffle(cohorts)
    chosen = cohorts[: p.rng.randint(2, min(3, len(cohorts)))]
    count = p.fact("count", len(chosen), prog,
                   p.num(len(chosen)) + " " + p.choice(["overlapping ", "target ", "", "priority "]) + "cohorts",
                   "count.cohorts")
    items = [p.fact("cohort", name, prog, p.alias(p.choice(aliases)), "cohort.mention") for name, aliases in chosen]
    separators = p.choice([["; ", ", "], [", ", " and "], ["; ", "; "]])
    listed = items[0] + "".join(separators[min(i, 1)] + item for i, item in enumerate(items[1:]))
    return [("p", f"Focus on {count}: {listed}")]


def citation(p, prog, n, cell=False):
    # date.citation: "2021 Oct 29;21(4):5".
    year, month, day = p.rng.randint(2016, 2023), p.rng.randint(1, 12), p.rng.randint(1, 28)
    authors = ", ".join(p.rng.sample(["Lewis RQ", "Checkland K", "Durand MA", "Ling T", "Mays N", "Roland M",
                                      "Smith JA", "Erens B", "Wistow G", "Bardsley M", "Ham C", "Curry N"], 4))
    title = p.choice(["What can we learn from a decade of national pilot programmes?",
                      "Integration in England: lessons from national initiatives",
                      "Joining up health and social care: a mixed methods evaluation",
                      "Why is integration so hard? Evidence from national programmes"])
    journal = p.choice(["Int J Integr Care", "BMJ Open", "J Health Serv Res Policy", "Health Policy"])
    stamp = f"{year} {MONTH_ABBREVIATIONS[month - 1][:3]} {day}"
    date = p.fact("date", f"{year}-{month:02d}-{day:02d}", prog, stamp, "date.citation")
    reference = (f"{authors}. {title} {journal}. {date};{p.rng.randint(10, 30)}({p.rng.randint(1, 4)}):"
                 f"{p.rng.randint(1, 20)}. doi: 10.{p.rng.randint(3000, 9999)}/ijic.{p.rng.randint(3000, 9999)}")
    if cell:
        return [("p", reference)]
    return [("h", 2, "References"), ("ol", [reference])]


def pioneers_in_year(p, prog, n, cell=False):
    # date.any: "In 2013, national partners asked local areas …".
    date = p.fact("date", "2013", prog, "2013", "date.any")
    return [("p", f"In {date}, national partners asked local areas (NHS and local government together) to express an "
                  f"interest in becoming pioneers to act as exemplars. {p.paragraph(1, 2)}")]


def pioneers_announced(p, prog, n, cell=False):
    # count.announced: "14 Pioneer sites across England were announced in November 2013".
    lead = p.choice(["Following an independent selection process, ", "After a competitive selection, ", ""])
    noun = p.choice(["Pioneer sites", "pioneer sites", "pioneers", "Pioneer areas", "sites"])
    count = p.fact("count", n["wave1"], prog, p.em(p.num(n["wave1"], start=not lead)) + p.sp() + noun,
                   "count.announced")
    text, iso = p.date(2013, p.choice([11, 11, 12, None]))
    date = p.fact("date", iso, prog, text, "count.announced")
    across = p.choice(["across England ", "", "across the country "])
    verb = p.choice(["announced", "selected", "named"])
    return [("p", f"{lead}{count} {across}were {verb} in {date}.")]


def pioneers_joined(p, prog, n, cell=False):
    # date.any ("the autumn of 2014") and count.joined ("a further 11 Pioneer sites joined the programme in January 2015").
    autumn_text, autumn_iso = p.date(2014, season="autumn")
    autumn = p.fact("date", autumn_iso, prog, autumn_text, "date.any")
    count = p.fact("count", n["wave2"], prog, p.em(p.num(n["wave2"])) + p.sp() + p.choice(["Pioneer sites", "pioneers", "sites"]),
                   "count.joined")
    text, iso = p.date(2015, p.choice([1, 1, 2]))
    date = p.fact("date", iso, prog, text, "count.joined")
    programme = p.choice([" the programme", ""])
    return [("p", f"The selection process was then repeated in {autumn}, and a further {count} joined{programme} in {date}.")]


def pioneers_total(p, prog, n, cell=False):
    # count.total: "The 25 Integrated Care Pioneers" (also a programme mention) or "the 25 local Pioneers sites".
    if p.chance(0.5):
        name = p.fact("programme", prog, prog, p.alias(p.choice(PROGRAMMES[prog]["plural"])), "programme.mention")
        count = p.fact("count", n["total"], prog, p.num(n["total"]) + p.sp() + name, "count.total")
        return [("p", f"The {count} are acting as exemplars to address local barriers to delivering integrated care "
                      f"and support locally. {p.paragraph(1, 2)}")]
    count = p.fact("count", n["total"], prog, p.num(n["total"]) + " " + p.choice(["local Pioneers sites", "Pioneer sites", "pioneers"]),
                   "count.total")
    return [("p", f"The Pioneers programme is a collaboration of the {count} and the national health and care partners "
                  f"seeking to support the development of higher value integrated models.")]


def pioneers_sites_listed(p, prog, n, cell=False):
    # count.sites-listed introducing a list of sites: "The four sites in the … are:" and one site per item.
    sites = p.rng.sample(SITES, p.rng.randint(2, 4))
    sites.sort(key=lambda site: SITES.index(site))
    region = p.choice(["East Midlands and East of England", "Midlands", "East of England", "eastern region"])
    count = p.fact("count", len(sites), prog, p.num(len(sites)) + " sites", "count.sites-listed")
    items = [p.fact("site", name, prog, p.em(p.alias(p.choice(aliases))), "site.mention") for name, aliases in sites]
    return [("p", f"The {count} in the {region} are:"), ("ul", items)]


def pioneers_site_profile(p, prog, n, cell=False):
    # site.mention in a heading and in prose.
    name, aliases = p.choice(SITES)
    site = p.fact("site", name, prog, p.alias(p.choice(aliases)), "site.mention")
    if cell:
        return [("p", f"Local profiles include {site}.")]
    return [("h", 3, f"{site} Pioneer Programme{p.dash()}Profile"), ("p", p.paragraph(2, 4))]


def pioneers_waves_respectively(p, prog, n, cell=False):
    # count.waves-respectively ("Two waves … (14 pilots and 11 pilots respectively)") and date.launched ("since 2013").
    waves = p.fact("count", 2, prog, p.num(2, start=True) + " waves", "count.waves-respectively")
    since = p.fact("date", "2013/..", prog, "since 2013", "date.launched")
    noun = p.choice(["pilots", "sites"])
    first = p.fact("count", n["wave1"], prog, f"{p.num(n['wave1'])} {noun}", "count.waves-respectively")
    second = p.fact("count", n["wave2"], prog, f"{p.num(n['wave2'])} {noun}", "count.waves-respectively")
    return [("p", f"{waves} of pilots launched {since} ({first} and {second} respectively)")]


def pioneers_from_april(p, prog, n, cell=False):
    # date.any: "(from April 2015)".
    text, iso = p.date(2015, 4)
    date = p.fact("date", iso, prog, text, "date.any")
    return [("p", f"Facilitating international care model experts to support locally based sites working on workforce "
                  f"development (from {date}).")]


def pioneers_population(p, prog, n, cell=False):
    # count.population with a qualifier: "a population of around 300,000".
    count = p.fact("count", n["population"], prog,
                   f"population of {p.choice(['', 'about ', 'around ', 'over '])}{p.em(p.num(n['population']))}",
                   "count.population")
    return [("p", f"A typical pioneer serves a {count} people. {p.paragraph(1, 2)}")]


def pioneers_launched(p, prog, n, cell=False):
    # date.launched with the programme's launch year, which identifies it.
    date = p.fact("date", "2013", prog, "launched in 2013", "date.launched")
    return [("p", f"The programme was {date} to test new ways of joining up services. {p.paragraph(1, 2)}")]


def vanguards_launched(p, prog, n, cell=False):
    # date.launched: "Launched in 2015 with the aim of …".
    date = p.fact("date", "2015", prog, "Launched" + p.sp() + "in 2015", "date.launched")
    return [("p", f"{date} with the aim of using pilots to define new {p.quoted('models')} of care which could "
                  f"subsequently be spread more widely.")]


def vanguards_model_types(p, prog, n, cell=False):
    # count.model-types introducing the list, and count.model-type-sites per item ("14Multispecialty Community Providers").
    chosen = sorted(p.rng.sample(range(len(VANGUARD_TYPES)), p.rng.randint(2, 4)))
    count = p.fact("count", len(chosen), prog,
                   p.num(len(chosen)) + " different integration " + p.quoted("types"), "count.model-types")
    items = []
    for index in chosen:
        names, purpose = VANGUARD_TYPES[index]
        sites = n["model_sites"][index]
        model = p.choice(names)
        # Text copied from a rendered table loses the space: "14Multispecialty Community Providers".
        glue = p.choice([" ", " ", ""]) if " " in model else " "
        items.append(p.fact("count", sites, prog, f"{sites}{glue}{model}", "count.model-type-sites") + f" ({purpose})")
    return [("p", f"Nationally prescribed range of {count}:"), ("ul", items)]


def vanguards_announced(p, prog, n, cell=False):
    # count.announced: "The first 29 vanguards were selected in March 2015".
    noun = p.choice(["vanguards", "vanguard sites", "sites"])
    count = p.fact("count", n["wave1"], prog, p.em(p.num(n["wave1"])) + p.sp() + noun, "count.announced")
    text, iso = p.date(2015, p.choice([3, 3, None]))
    date = p.fact("date", iso, prog, text, "count.announced")
    return [("p", f"The first {count} were {p.choice(['selected', 'announced', 'named'])} in {date}.")]


def vanguards_joined(p, prog, n, cell=False):
    # count.joined: "a further 21 vanguard sites joined the programme in July 2015".
    count = p.fact("count", n["wave2"], prog, p.num(n["wave2"]) + p.sp() + p.choice(["vanguards", "vanguard sites"]),
                   "count.joined")
    text, iso = p.date(2015, p.choice([7, 9]))
    date = p.fact("date", iso, prog, text, "count.joined")
    return [("p", f"A further {count} joined the programme in {date}. {p.paragraph(1, 2)}")]


def vanguards_total(p, prog, n, cell=False):
    # count.total: "the 50 vanguards", or "The 50 New Care Model Vanguards" (also a programme mention).
    if p.chance(0.5):
        name = p.fact("programme", prog, prog, p.choice(PROGRAMMES[prog]["plural"]), "programme.mention")
        count = p.fact("count", n["total"], prog, p.num(n["total"]) + p.sp() + name, "count.total")
    else:
        count = p.fact("count", n["total"], prog, p.num(n["total"]) + " vanguards", "count.total")
    return [("p", f"Support for the {count} included a national support programme and significant additional funding.")]


def vanguards_population(p, prog, n, cell=False):
    # count.population: "covering a population of over 5,000,000".
    count = p.fact("count", n["population"], prog, f"population of {p.choice(['', 'over ', 'some '])}{p.num(n['population'])}",
                   "count.population")
    return [("p", f"Together the vanguards covered a {count}. {p.paragraph(1, 2)}")]


def vanguards_dates(p, prog, n, cell=False):
    # date.any in several forms: a day, a season, a financial year.
    kind = p.choice(["day", "season", "financial"])
    if kind == "day":
        text, iso = p.date(2016, p.rng.randint(1, 12), p.rng.randint(1, 28))
        date = p.fact("date", iso, prog, text, "date.any")
        return [("p", f"A progress review was published on {date}. {p.paragraph(1, 2)}")]
    if kind == "season":
        text, iso = p.date(p.choice([2016, 2017]), season=p.choice(list(SEASONS)))
        date = p.fact("date", iso, prog, text, "date.any")
        return [("p", f"By {date}, vanguards had begun to share their care models with other areas.")]
    year = p.choice([2016, 2017])
    date = p.fact("date", f"{year}-04/{year + 1}-03", prog, f"{year}/{(year + 1) % 100:02d}", "date.any")
    return [("p", f"Funding for {date} was agreed with each vanguard. {p.paragraph(1, 2)}")]


def timeline(p, prog, n, cell=False):
    # date.any in the cells of a table of milestones (headers name no programme, so the scope decides).
    rows = {
        "integrated-care-pilots": [((2009, 3), "Pilot sites begin work"), ((2011, 6), "Interim findings shared"),
                                   ((2012, 3), "Final evaluation published")],
        "integrated-care-pioneers": [((2013, 11), "First Pioneer sites announced"), ((2015, 1), "Second wave joins"),
                                     ((2016, 9), "Evaluation report published")],
        "new-care-model-vanguards": [((2015, 3), "First vanguards selected"), ((2015, 9), "Further vanguards join"),
                                     ((2018, 3), "National support ends")],
    }[prog]
    table_rows = []
    for (year, month), milestone in rows:
        text, iso = p.date(year, month)
        table_rows.append([p.fact("date", iso, prog, text, "date.any"), milestone])
    if not p.html:
        return [("p", "Key milestones:"), ("ul", [f"{date}{p.dash()}{milestone}" for date, milestone in table_rows])]
    return [("h", 3, "Key milestones"), ("table", {"head": ["Date", "Milestone"], "rows": table_rows, "row_headers": False})]


SNIPPETS = {
    "integrated-care-pilots": [pilots_launched, pilots_appointed, pilots_scale, pilots_cohorts_such_as, pilots_subset,
                               cohorts_count, pilots_total, pilots_evaluation, timeline, citation],
    "integrated-care-pioneers": [pioneers_in_year, pioneers_launched, pioneers_announced, pioneers_joined,
                                 pioneers_waves_respectively, pioneers_total, pioneers_sites_listed,
                                 pioneers_site_profile, cohorts_count, pioneers_population, pioneers_from_april,
                                 timeline, citation],
    "new-care-model-vanguards": [vanguards_launched, vanguards_model_types, vanguards_announced, vanguards_joined,
                                 vanguards_total, vanguards_population, vanguards_dates, timeline, citation],
}
TABLE_UNFRIENDLY = {timeline}  # tables in table cells are not what the comparison tables hold


def programme_numbers(rng, prog):
    """The numbers one document states about a programme, consistent with each other (waves add up to the total)."""
    if prog == "integrated-care-pilots":
        return {"appointed": rng.randint(10, 20), "subset": rng.randint(3, 8),
                "small_population": rng.randint(30, 99) * 100, "large_population": rng.randint(20, 90) * 10000}
    if prog == "integrated-care-pioneers":
        wave1, wave2 = rng.randint(9, 16), rng.randint(6, 13)
        return {"wave1": wave1, "wave2": wave2, "total": wave1 + wave2, "population": rng.randint(15, 95) * 10000}
    wave1, wave2 = rng.randint(20, 35), rng.randint(8, 25)
    return {"wave1": wave1, "wave2": wave2, "total": wave1 + wave2, "population": rng.randint(3, 9) * 1000000,
            "model_sites": [rng.randint(3, 15) for _ in VANGUARD_TYPES]}


def pick_snippets(p, prog, low, high, cell=False):
    """Some of a programme's snippets, in their natural (roughly chronological) order."""
    pool = [s for s in SNIPPETS[prog] if not (cell and s in TABLE_UNFRIENDLY)]
    chosen = sorted(p.rng.sample(range(len(pool)), min(len(pool), p.rng.randint(low, high))))
    return [pool[i] for i in chosen]


# ---------------------------------------------------------------------------------------------------------------
# Page furniture for HTML: the head, header, menus, cookie banner, aside and footer. Decoys live here.

THEMES = [
    {"site": "NHS England", "domain": "www.england.nhs.uk", "prefix": "nhsuk", "gtm": "GTM-K7QX2M",
     "colour": "#005eb8", "menu": ["About us", "Our work", "Publications", "News", "Contact us"]},
    {"site": "Health Policy Forum", "domain": "www.healthpolicyforum.org.uk", "prefix": "hpf", "gtm": "GTM-P4RT7Z",
     "colour": "#6b2c91", "menu": ["Topics", "Reports", "Events", "Blogs", "About"]},
    {"site": "Eastern Care Partnership", "domain": "www.easterncarepartnership.org", "prefix": "ecp",
     "gtm": "GTM-W2NB8L", "colour": "#00703c", "menu": ["Home", "Our partners", "Projects", "Resources", "Get involved"]},
    {"site": "Care Integration Observatory", "domain": "www.careintegration.org", "prefix": "cio",
     "gtm": "GTM-Q9HD3V", "colour": "#d5281b", "menu": ["Research", "Data", "Evidence library", "News", "About us"]},
]

CSS_RULES = [
    "body {{ margin: 0; font-family: Frutiger W01, Arial, sans-serif; color: #212b32; line-height: 1.5; }}",
    ".{p}-width-container {{ max-width: 960px; margin: 0 auto; padding: 0 16px; }}",
    ".skip-link {{ position: absolute; top: -100px; left: 0; }}",
    ".skip-link:focus {{ top: 0; background: #ffeb3b; padding: 8px 16px; z-index: 100; }}",
    ".cookie-banner {{ background: #fff; border-top: 4px solid {c}; padding: 16px 0; }}",
    ".cookie-banner[hidden] {{ display: none; }}",
    ".breadcrumb {{ display: flex; flex-wrap: wrap; list-style: none; margin: 0; padding: 12px 0; }}",
    ".breadcrumb li:not(:last-child)::after {{ content: \"\\203A\"; margin: 0 8px; }}",
    ".{p}-header {{ background: {c}; color: #fff; padding: 12px 0; }}",
    ".{p}-header a {{ color: #fff; text-decoration: none; }}",
    ".{p}-nav ul {{ display: flex; gap: 24px; list-style: none; margin: 0; padding: 0; }}",
    ".{p}-nav .sub-menu {{ display: none; position: absolute; background: #fff; box-shadow: 0 2px 4px rgba(0,0,0,.2); }}",
    ".{p}-nav li:hover > .sub-menu {{ display: block; }}",
    ".entry-content h2 {{ color: {c}; margin-top: 2em; }}",
    ".entry-content h3 {{ margin-top: 1.5em; }}",
    ".entry-content table {{ border-collapse: collapse; width: 100%; margin: 24px 0; }}",
    ".entry-content th, .entry-content td {{ border-bottom: 1px solid #d8dde0; padding: 8px; text-align: left; vertical-align: top; }}",
    ".entry-content a[href$=\".pdf\"]::before {{ content: \"\"; display: inline-block; width: 1em; height: 1em; }}",
    ".screen-reader-text {{ border: 0; clip: rect(1px, 1px, 1px, 1px); height: 1px; overflow: hidden; position: absolute; width: 1px; }}",
    ".related-links {{ border-top: 4px solid {c}; margin-top: 48px; padding-top: 16px; }}",
    ".site-footer {{ background: #f0f4f5; border-top: 4px solid {c}; padding: 32px 0; font-size: 14px; }}",
    ".site-footer ul {{ columns: 3; list-style: none; padding: 0; }}",
    ".highlight {{ background: #fff9c4; }}",
    "@media (max-width: 640px) {{ .{p}-nav ul {{ flex-direction: column; gap: 8px; }} .site-footer ul {{ columns: 1; }} }}",
    "@media print {{ .cookie-banner, .{p}-header, .site-footer {{ display: none; }} }}",
    ".lead {{ font-size: 1.25rem; font-weight: 400; }}",
    ".meta {{ color: #4c6272; font-size: 14px; }}",
    ".btn {{ display: inline-block; padding: 8px 16px; border-radius: 4px; background: {c}; color: #fff; }}",
    ".btn--secondary {{ background: #4c6272; }}",
    "figure {{ margin: 0 0 24px; }} figcaption {{ color: #4c6272; }}",
]


def head(p, theme, title, description, decoy, small):
    # How much of the stylesheet a page inlines: small pages are lean (the whole chrome is about 4.5 to 7.5 KB).
    share = p.rng.uniform(0.05, 0.3) if small else p.rng.uniform(0.3, 1.0)
    css = [rule.format(p=theme["prefix"], c=theme["colour"]) for rule in CSS_RULES if p.chance(share)]
    css.insert(p.rng.randint(0, len(css)), f"/* landing pages: {decoy} */")
    page_id = p.rng.randint(10000, 99999)
    modified = f"{p.rng.randint(2016, 2024)}-{p.rng.randint(1, 12):02d}-{p.rng.randint(1, 28):02d}"
    ld = json.dumps({"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": html.unescape(MARKER.sub("", title)), "description": decoy, "dateModified": modified + "T10:21:00+00:00"},
        {"@type": "Organization", "name": theme["site"], "url": f"https://{theme['domain']}/"}]}, ensure_ascii=False)
    return "\n".join([
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="X-UA-Compatible" content="IE=edge">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f'<meta name="description" content="{html.escape(description)}">',
        '<meta name="robots" content="index, follow">',
        f'<meta property="og:site_name" content="{theme["site"]}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:description" content="{html.escape(decoy)}">',
        '<meta name="twitter:card" content="summary_large_image">',
        f'<link rel="canonical" href="https://{theme["domain"]}/?p={page_id}">',
        '<link rel="icon" href="/assets/images/favicon.ico">',
        '<link rel="preconnect" href="https://www.googletagmanager.com">',
        f'<link rel="stylesheet" id="{theme["prefix"]}-frontend-css" href="/assets/css/{theme["prefix"]}.min.css?ver=4.2.1" media="all">',
        '<link rel="alternate" type="application/rss+xml" title="Feed" href="/feed/">',
        '<style id="inline-css">',
        "  " + "\n  ".join(css),
        "</style>",
        "<script>",
        '  document.documentElement.className = document.documentElement.className.replace("no-js", "js");',
        "  window.dataLayer = window.dataLayer || [];",
        f'  window.dataLayer.push({{ "pageType": "page", "pageId": {page_id}, "published": "{modified}", "wave": 2 }});',
        "  (function (w, d, s, l, i) {",
        '    w[l] = w[l] || []; w[l].push({ "gtm.start": new Date().getTime(), event: "gtm.js" });',
        "    var f = d.getElementsByTagName(s)[0], j = d.createElement(s);",
        '    j.async = true; j.src = "https://www.googletagmanager.com/gtm.js?id=" + i;',
        "    f.parentNode.insertBefore(j, f);",
        f'  }})(window, document, "script", "dataLayer", "{theme["gtm"]}");',
        "</script>",
        '<script type="application/ld+json">',
        ld,
        "</script>",
        "</head>",
    ])


def header_and_banner(p, theme, decoy_programme):
    menu = []
    for item in theme["menu"]:
        if item in ("Our work", "Projects", "Topics", "Research") or p.chance(0.1):
            sub = [f'<li><a href="/{slug(x)}/">{x}</a></li>' for x in
                   [decoy_programme, "Integrated care", "Commissioning", "Workforce"]]
            menu.append(f'<li class="menu-item has-children"><a href="/{slug(item)}/">{item}</a>'
                        f'<ul class="sub-menu">{"".join(sub)}</ul></li>')
        else:
            menu.append(f'<li class="menu-item"><a href="/{slug(item)}/">{item}</a></li>')
    prefix = theme["prefix"]
    return "\n".join([
        f'<noscript><iframe src="https://www.googletagmanager.com/ns.html?id={theme["gtm"]}" height="0" width="0" '
        'style="display:none;visibility:hidden"></iframe></noscript>',
        '<a class="skip-link" href="#main-content">Skip to main content</a>',
        f'<div class="cookie-banner" id="{prefix}-cookie-banner" role="region" aria-label="Cookies on the {theme["site"]} website">',
        f'  <div class="{prefix}-width-container">',
        f'    <h2 class="cookie-banner__title">Cookies on the {theme["site"]} website</h2>',
        "    <p>We use cookies to make this website work. We&rsquo;d also like to use analytics cookies to understand "
        "how you use the site and improve our services.</p>",
        '    <p><button class="btn" id="accept-cookies">Accept analytics cookies</button> '
        '<button class="btn btn--secondary" id="reject-cookies">Reject analytics cookies</button> '
        '<a href="/privacy/cookies/">Read more about our cookies</a></p>',
        "  </div>",
        "</div>",
        f'<header class="{prefix}-header" role="banner">',
        f'  <div class="{prefix}-width-container">',
        f'    <a class="{prefix}-logo" href="/" aria-label="{theme["site"]} homepage"><svg class="{prefix}-logo__svg" '
        'xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 40 16" height="40" width="100"><title>Logo</title>'
        '<path fill="#fff" d="M0 0h40v16H0z"></path></svg></a>',
        f'    <form class="{prefix}-search" role="search" action="/search/" method="get"><label class="screen-reader-text" '
        'for="search-field">Search this website</label><input id="search-field" name="q" type="search" '
        'autocomplete="off"><button type="submit">Search</button></form>',
        f'    <nav class="{prefix}-nav" id="header-navigation" aria-label="Primary navigation">',
        f'      <ul class="menu">{"".join(menu)}</ul>',
        "    </nav>",
        "  </div>",
        "</header>",
    ])


def breadcrumb(crumb):
    return (f'<nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li>'
            f'<li><a href="/our-work/">Our work</a></li><li aria-current="page">{crumb}</li></ol></nav>')


def aside(p, decoy_programme):
    year = p.rng.randint(2010, 2020)
    return "\n".join([
        '<aside class="related-links" aria-label="Related content">',
        "  <h2>Related pages</h2>",
        "  <ul>",
        f'    <li><a href="/{slug(decoy_programme)}/evaluation/">{decoy_programme}: evaluation report ({year})</a></li>',
        '    <li><a href="/integration/">Integrated care: what is it?</a></li>',
        f"    <li><a href=\"/publications/\">Sixteen pilots appointed in {year}: what happened next</a></li>",
        "  </ul>",
        "</aside>",
    ])


def footer(p, theme):
    links = ["Accessibility", "Privacy notice", "Cookies", "Terms and conditions", "Freedom of information", "Contact us",
             "Sitemap", "Jobs", "Complaints"]
    chosen = [links[i] for i in sorted(p.rng.sample(range(len(links)), 6))]
    return "\n".join([
        '<footer class="site-footer" role="contentinfo">',
        f'  <div class="{theme["prefix"]}-width-container">',
        "    <ul>" + "".join(f'<li><a href="/{slug(x)}/">{x}</a></li>' for x in chosen) + "</ul>",
        f"    <p>&copy; {theme['site']} {p.rng.randint(2019, 2024)}. All content is available under the Open "
        "Government Licence v3.0, except where otherwise stated.</p>",
        "  </div>",
        "</footer>",
        f'<script src="/assets/js/{theme["prefix"]}.min.js?ver=4.2.1" defer></script>',
        "<script>",
        '  document.getElementById("accept-cookies").addEventListener("click", function () {',
        '    document.cookie = "analytics=1; max-age=31536000; path=/"; /* 365 days, 25 pioneer sites */',
        "  });",
        "</script>",
    ])


# ---------------------------------------------------------------------------------------------------------------
# Rendering blocks as HTML or plain text.

def render_html(p, blocks, indent="  "):
    out = []
    for block in blocks:
        kind = block[0]
        if kind == "p":
            attributes = p.choice(["", "", "", ' class="lead"']) if not out else ""
            out.append(f"{indent}<p{attributes}>{block[1]}</p>")
        elif kind == "h":
            out.append(f"{indent}<h{block[1]}>{block[2]}</h{block[1]}>")
        elif kind in ("ul", "ol"):
            items = "".join(f"\n{indent}  <li>{item}</li>" for item in block[1])
            out.append(f"{indent}<{kind}>{items}\n{indent}</{kind}>")
        elif kind == "table":
            out.append(render_table(p, block[1], indent))
        elif kind == "raw":
            out.append(indent + block[1])
    return "\n".join(out)


def render_cell(p, content):
    if isinstance(content, str):
        return content
    # A cell holding blocks: a lone paragraph is written bare, as most tables do.
    if len(content) == 1 and content[0][0] == "p":
        return content[0][1]
    return render_html(p, content, "")


def render_table(p, spec, indent):
    """A table with a header row of <th>; with row_headers, each body row starts with a <th>."""
    lines = [f'{indent}<table class="{spec.get("class", "data-table")}">']
    if spec.get("caption"):
        lines.append(f"{indent}  <caption>{spec['caption']}</caption>")
    scope = ' scope="col"' if p.chance(0.5) else ""
    lines.append(f"{indent}  <thead><tr>" + "".join(f"<th{scope}>{h}</th>" for h in spec["head"]) + "</tr></thead>")
    lines.append(f"{indent}  <tbody>")
    row_scope = ' scope="row"' if p.chance(0.7) else ""
    for row in spec["rows"]:
        cells = []
        for column, content in enumerate(row):
            tag = "th" if spec["row_headers"] and column == 0 else "td"
            cells.append(f"<{tag}{row_scope if tag == 'th' else ''}>{render_cell(p, content)}</{tag}>")
        lines.append(f"{indent}    <tr>{''.join(cells)}</tr>")
    lines.append(f"{indent}  </tbody>")
    lines.append(f"{indent}</table>")
    return "\n".join(lines)


def render_text(p, blocks):
    out = []
    for block in blocks:
        kind = block[0]
        if kind == "p":
            out.append(block[1] + "\n")
        elif kind == "h":
            out.append(block[2] + "\n")
        elif kind in ("ul", "ol"):
            bullet = p.choice(["  • ", "• ", "- ", "  •  - ", "* "])
            items = [(f"{i + 1}. " if kind == "ol" else bullet) + item for i, item in enumerate(block[1])]
            # A list stands right under its introducing line when that line ends with a colon.
            if out and out[-1].endswith(":\n"):
                out[-1] = out[-1] + "\n".join(items) + "\n"
                continue
            out.append("\n".join(items) + "\n")
        if p.chance(0.03):
            out.append("Back to top\n")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------------------------
# Documents.

def content_blocks(p, sections, target_chars):
    """Interleave the fact sections with filler until the content reaches about target_chars.

    `sections` is a list of block lists; each keeps its place relative to the others, and filler goes between
    and after them, never inside one (so an opening heading stays with what follows it).
    """
    def size(blocks):
        return sum(len(str(b)) for b in blocks)

    filler = []
    total = sum(size(s) for s in sections)
    while total < target_chars:
        block = p.filler_block()
        filler.append(block)
        total += size(block)
    # Each filler block goes after a random section, so nothing comes before the opening section.
    slots = sorted(p.rng.randint(1, len(sections)) for _ in filler)
    out, f = [], 0
    for index, section in enumerate(sections, start=1):
        out += section
        while f < len(slots) and slots[f] == index:
            out += filler[f]
            f += 1
    return out


def html_document(p, target_bytes):
    theme = p.choice(THEMES)
    layout = p.rng.choices(["title", "heading", "table"], weights=[40, 35, 25])[0]
    prog = p.choice(PROGRAMME_IDS)
    decoy_programme = PROGRAMMES[p.choice([x for x in PROGRAMME_IDS if x != prog])]["aliases"][0]
    numbers = {x: programme_numbers(p.rng, x) for x in PROGRAMME_IDS}
    decoy = (f"{numbers['integrated-care-pioneers']['wave1']} Pioneer sites announced in November 2013; "
             f"population of 500,000; launched in 2008")
    generic = p.choice(["Programme profile", "Progress report", "Local partnership update", "Case study",
                        "Programme overview", "Briefing"])

    # The title and the opening of the article say which programme the page is about (see the module docstring).
    if layout == "table":
        progs = sorted(p.rng.sample(PROGRAMME_IDS, p.rng.randint(2, 3)), key=PROGRAMME_IDS.index)
        title = f"National integration programmes compared | {theme['site']}"
        crumb = "Programmes compared"
        sections = [[("h", 1, "National integration programmes compared"), ("p", p.paragraph(2, 4))],
                    [("raw", comparison_table(p, progs, numbers))]]
        # After the table, a section per programme (some of them), each opened by an h2 naming it.
        for x in progs:
            if p.chance(0.7):
                name = p.fact("programme", x, x, p.alias(p.choice(PROGRAMMES[x]["aliases"])), "programme.mention")
                blocks = [("h", 2, name)]
                for snippet in pick_snippets(p, x, 1, 3):
                    blocks += snippet(p, x, numbers[x])
                sections.append(blocks)
    else:
        progs = [prog]
        alias = p.alias(p.choice(PROGRAMMES[prog]["aliases"]))
        crumb = html.unescape(alias).replace("\u00ad", "")
        if layout == "title":
            named = p.fact("programme", prog, prog, alias, "programme.mention")
            title = f"{named}{p.dash()}{generic.lower() if p.chance(0.5) else generic} | {theme['site']}"
            h1 = p.fact("programme", prog, prog, alias, "programme.mention") if p.chance(0.5) else generic
        else:
            title = f"{generic} | {theme['site']}"
            h1 = p.choice(["", "About the "]) + p.fact("programme", prog, prog, alias, "programme.mention")
        opening = [("h", 1, h1)]
        if p.chance(0.3):
            text, iso = p.date(p.rng.randint(2016, 2020), p.rng.randint(1, 12), p.rng.randint(1, 28))
            opening.append(("raw", f'<p class="meta">Published {p.fact("date", iso, prog, text, "date.any")}</p>'))
        most = min(8, 2 + target_bytes // 5000)  # a small page states fewer facts
        sections = [opening] + [snippet(p, prog, numbers[prog]) for snippet in pick_snippets(p, prog, 2, most)]
    # A comment in the content with numbers of its own: never text.
    sections[0].append(("raw", f"<!-- editor's note: {decoy} (check the 25 local Pioneers sites figure) -->"))

    description = p.choice(["How local areas and national partners are joining up health and care services.",
                            "News and updates on integrated care.", "Learning from national integration programmes."])
    top = [head(p, theme, title, description, decoy, target_bytes < 10000), header_and_banner(p, theme, decoy_programme)]
    bottom = [aside(p, decoy_programme), footer(p, theme)]
    chrome = sum(len(x) for x in top + bottom) + 600
    blocks = content_blocks(p, sections, max(0, target_bytes - chrome))

    use_main = p.chance(0.8)  # otherwise the single <article> is the content
    crumb_inside = use_main and p.chance(0.5)
    body = [f'<body class="page-template-default page {theme["prefix"]}-theme">', top[1], '<div class="page-wrapper">']
    if not crumb_inside:
        body.append(breadcrumb(crumb))
    if use_main:
        body.append('<main id="main-content" class="site-main" role="main">')
        if crumb_inside:
            body.append(breadcrumb(crumb))
    body += ['<article class="entry-content">', render_html(p, blocks), bottom[0], "</article>"]
    if use_main:
        body.append("</main>")
    body += ["</div>", bottom[1], "</body>"]
    text = "\n".join(["<!DOCTYPE html>", '<html lang="en-GB" class="no-js">', top[0], "\n".join(body), "</html>", ""])
    return text, progs, layout


def comparison_table(p, progs, numbers):
    """A table comparing programmes: programmes head the columns (or, transposed, the rows)."""
    columns = {x: [] for x in progs}
    for x in progs:
        for snippet in pick_snippets(p, x, 2, 4, cell=True):
            columns[x].append(snippet(p, x, numbers[x], cell=True))
    depth = max(len(c) for c in columns.values())
    for x in progs:
        while len(columns[x]) < depth:
            columns[x].append([("p", p.list_item() + ".")])

    def header(x):
        name = p.choice(PROGRAMMES[x]["aliases"])
        name = p.alias(name.upper() if p.chance(0.3) else name)  # as the journal table: "INTEGRATED CARE PILOTS"
        return p.fact("programme", x, x, name, "programme.mention") + f" ({PROGRAMMES[x]['short']})"

    caption = p.choice(["Table 1. Description of the integration programmes", "Comparison of the programmes", None])
    if p.chance(0.6):
        spec = {"head": [header(x) for x in progs], "rows": [[columns[x][r] for x in progs] for r in range(depth)],
                "row_headers": False, "caption": caption, "class": "comparison"}
    else:
        aspects = ["Launch and scale", "Sites", "Focus", "Support", "Evidence"]
        spec = {"head": ["Programme"] + aspects[:depth],
                "rows": [[header(x)] + columns[x] for x in progs], "row_headers": True, "caption": caption,
                "class": "comparison"}
    return render_table(p, spec, "")


def text_document(p, target_chars):
    layout = p.choice(["title"] * 6 + ["heading"] * 4)
    prog = p.choice(PROGRAMME_IDS)
    numbers = programme_numbers(p.rng, prog)
    alias = p.alias(p.choice(PROGRAMMES[prog]["aliases"]))
    generic = p.choice(["Programme profile", "Progress report", "Local partnership update", "Case study", "Briefing"])
    top = ["Skip to main content"] if p.chance(0.2) else []
    if layout == "title":
        named = p.fact("programme", prog, prog, alias, "programme.mention")
        first = [("h", 1, named if p.chance(0.5) else f"{named}{p.dash()}{generic.lower()}")]
    else:
        named = p.fact("programme", prog, prog, alias, "programme.mention")
        first = [("h", 1, generic),
                 ("p", f"This {generic.lower()} describes the {named} and what local partners have learned.")]
    most = min(8, 2 + target_chars // 3000)
    sections = [first] + [snippet(p, prog, numbers) for snippet in pick_snippets(p, prog, 2, most)]
    blocks = content_blocks(p, sections, target_chars)
    text = "".join(line + "\n\n" for line in top) + render_text(p, blocks)
    return text, [prog], layout


def finish(raw, is_html, facts, document):
    """Remove the markers; turn each planted fact into a truth record with the offsets of its quote."""
    starts, ends, pieces, position, length = {}, {}, [], 0, 0
    for m in MARKER.finditer(raw):
        pieces.append(raw[position:m.start()])
        length += m.start() - position
        position = m.end()
        k = int(m.group(1) if m.group(1) is not None else m.group(2))
        assert k not in (starts if m.group(1) is not None else ends), f"fact {k} placed twice in {document}"
        if m.group(1) is not None:
            starts[int(m.group(1))] = length
        else:
            ends[int(m.group(2))] = length
    pieces.append(raw[position:])
    text = "".join(pieces)
    truth = []
    for k, fact in enumerate(facts):
        if k not in starts:  # drawn but not used (a surface built and then not placed)
            continue
        quote = text[starts[k]:ends[k]]
        if is_html:
            quote = html.unescape(re.sub(r"<[^>]*>", "", quote))
        quote = re.sub(r"\s+", " ", quote.replace("\u00ad", "").replace("\u00a0", " ")).strip()
        truth.append({"document": document, "type": fact["type"], "value": fact["value"],
                      "programme": fact["programme"], "quote": quote, "source_start": starts[k],
                      "source_end": ends[k], "form": fact["form"]})
    return text, truth


def make_document(seed, index):
    rng = random.Random(f"{seed}/{index}")
    is_html = rng.random() < 0.7
    p = Page(rng, is_html)
    if is_html:
        target = int(math.exp(rng.uniform(math.log(5000), math.log(39000))))
        # Chrome and the last filler block overshoot the target by up to about 3 KB: cap it so that no page
        # exceeds 40 KB (pages below the cap are as they were).
        raw, progs, layout = html_document(p, min(target, 36000))
    else:
        target = int(math.exp(rng.uniform(math.log(2500), math.log(25000))))
        raw, progs, layout = text_document(p, target)
    name = f"docs/{index:05d}-{progs[0] if len(progs) == 1 else 'programmes-compared'}-{layout}." + \
           ("html" if is_html else "txt")
    text, truth = finish(raw, is_html, p.facts, name)
    truth.sort(key=lambda t: (t["source_start"], t["source_end"], t["type"]))
    return name, text, truth


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, required=True, help="number of documents")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", required=True, help="output folder (docs/ and truth.jsonl are written in it)")
    args = parser.parse_args(argv)

    out = Path(args.out)
    docs = out / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for stale in docs.iterdir():  # a re-run with a smaller count must not leave old documents behind
        if stale.suffix in (".html", ".txt"):
            stale.unlink()
    total_bytes = 0
    with open(out / "truth.jsonl", "w", encoding="utf-8", newline="\n") as truth_file:
        for index in range(args.count):
            name, text, truth = make_document(args.seed, index)
            data = text.encode("utf-8")
            (out / name).write_bytes(data)
            total_bytes += len(data)
            for record in truth:
                truth_file.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {args.count} documents ({total_bytes / 1e6:.1f} MB) to {docs}, truth in {out / 'truth.jsonl'}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
