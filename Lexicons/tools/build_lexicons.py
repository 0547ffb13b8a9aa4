#!/usr/bin/env python3
"""Build the shipped entity lexicons (Lexicons/es/entities/*.tsv) from prensa's curated tables
(Lexicons/sources/) and the public sources in ../shared/data/lexicon-sources.

usage: python3 Lexicons/tools/build_lexicons.py [--sources DIR]

The generated files are committed: prensa never needs the public sources at run time. Each
generated file names its sources and licences in its header. Standard library only.
"""
import argparse, os, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CURATED = os.path.join(ROOT, "sources")
OUT = os.path.join(ROOT, "es", "entities")
COLUMNS = "# id\tlabel\tname\taliases\tattributes\tflags"

def slug(text):
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")

def write(name, header, rows):
    seen, lines = set(), []
    for row in rows:
        if row[0] in seen:
            continue
        seen.add(row[0])
        aliases = []
        for a in row[3]:
            if a and a != row[2] and a not in aliases:
                aliases.append(a)
        attrs = " ".join(f"{k}={v}" for k, v in row[4].items() if v)
        lines.append("\t".join([row[0], row[1], row[2], "|".join(aliases), attrs, ",".join(row[5])]))
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        for h in header:
            f.write(f"# {h}\n" if h else "#\n")
        f.write(COLUMNS + "\n")
        f.write("\n".join(lines) + "\n")
    return len(lines)

def curated(name):
    """Lines of a curated source: (names, attributes) with `Name | alias ; k=v ... ; flags`."""
    for raw in open(os.path.join(CURATED, name), encoding="utf-8"):
        raw = raw.rstrip("\n")
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in raw.split(";")]
        names = [n.strip() for n in parts[0].split("|") if n.strip()]
        attrs = dict(kv.split("=", 1) for kv in parts[1].split()) if len(parts) > 1 and parts[1] else {}
        flags = [f.strip() for f in parts[2].split(",")] if len(parts) > 2 and parts[2] else []
        yield names, attrs, flags

def countries(sources):
    iso = {}
    path = os.path.join(sources, "iso3166-1_es_from_debian_iso-codes.tsv")
    if os.path.exists(path):
        rows = [l.rstrip("\n").split("\t") for l in open(path, encoding="utf-8")]
        head = rows[0]
        for r in rows[1:]:
            iso[r[1]] = dict(zip(head, r))
    cldr = {}
    path = os.path.join(sources, "icu72_cldr_region_names_es.tsv")
    if os.path.exists(path):
        for l in open(path, encoding="utf-8"):
            a2, name = l.rstrip("\n").split("\t")
            cldr[a2] = name
    gpe, capitals, norp = [], [], []
    for raw in open(os.path.join(CURATED, "countries.tsv"), encoding="utf-8"):
        if raw.startswith("#") or not raw.strip():
            continue
        cells = raw.rstrip("\n").split("\t") + [""] * 6
        code, names, demonyms, combining, capital, english = cells[:6]
        names = [n for n in names.split("|") if n]
        info = iso.get(code, {})
        official = [info.get(k, "") for k in ("name_es", "official_es", "common_es")]
        official += [cldr.get(info.get("alpha2", ""), "")]
        english_names = [n for n in english.split("|") if n] + [info.get(k, "") for k in ("name_en", "official_en", "common_en")]
        # ISO names with a comma ("Corea, República de") are catalogue forms, not press forms.
        aliases = names[1:] + [n for n in official + english_names if n and "," not in n and "(" not in n]
        gpe.append((f"GPE:{code}", "GPE", names[0], aliases, {"iso": code, "refers_to": code, "cameo": code}, []))
        caps = [c for c in capital.split("|") if c]
        if caps:
            capitals.append((f"GPE:capital:{slug(caps[0])}", "GPE", caps[0], caps[1:], {"capital_of": code, "refers_to": code}, ["capital"]))
        dems = [d for d in demonyms.split("|") if d]
        if dems:
            comb = [c for c in combining.split("|") if c]
            norp.append((f"NORP:{code}", "NORP", dems[0], dems[1:], {"refers_to": code, "combining": ",".join(comb)}, ["inflects"]))
    src = ["source: prensa curated table Lexicons/sources/countries.tsv (MIT, this project)",
           "  merged with Debian iso-codes ISO 3166-1 Spanish and English names (LGPL-2.1+)",
           "  and ICU 72 / CLDR Spanish region names (Unicode licence)"]
    n = write("countries.tsv", ["prensa lexicon: countries and territories (GPE), refers_to = ISO 3166-1 alpha-3"] + src, gpe)
    n += write("capitals.tsv", ["prensa lexicon: national capitals (GPE); flag `capital`: refers_to only when the capital",
                                "stands for its government (not after a locative preposition)"] + src, capitals)
    n += write("demonyms.tsv", ["prensa lexicon: demonyms (NORP), masculine singular; flag `inflects` makes the matcher",
                                "accept every gender and number; `combining` lists the forms used in compounds (franco-)"] + src, norp)
    return n

TITLES = {"JEQUE", "PRESIDENTE", "GENERAL", "REY", "REINA", "PRINCIPE", "PRÍNCIPE", "MINISTRO", "MINISTRA",
          "SEÑOR", "SEÑORA", "DOCTOR", "DR", "SR", "SRA", "CORONEL", "CAPITAN", "CAPITÁN", "MAYOR", "AYATOLA",
          "AYATOLLAH", "SHEIKH", "JEFE", "SECRETARIO", "SECRETARIA", "PRIMER", "VICEPRESIDENTE", "GOBERNADOR",
          "SENADOR", "DIPUTADO", "EMBAJADOR", "CANCILLER", "COMANDANTE", "TENIENTE", "MARISCAL", "ALMIRANTE",
          "PAPA", "OBISPO", "ARZOBISPO", "CARDENAL", "PADRE", "SIR", "LORD", "LADY", "MR", "MRS", "EMIR", "SULTAN",
          "SULTÁN", "KING", "QUEEN", "PRESIDENT", "PRIME", "MINISTER", "CHANCELLOR", "KANZLER", "BUNDESKANZLER"}
PARTICLES = {"de", "del", "la", "las", "los", "el", "y", "bin", "ben", "al", "von", "van", "der", "da", "do", "dos", "di", "du", "le", "ibn"}

def title_case(words):
    out = []
    for i, w in enumerate(words):
        low = w.lower()
        out.append(low if (i > 0 and low in PARTICLES) else low[:1].upper() + low[1:])
    return " ".join(out)

DEMONYM_WORDS = set()

def load_demonym_words():
    """Every inflected demonym of countries.tsv, to keep `Ruso Vladimir Putin` out of aliases."""
    for raw in open(os.path.join(CURATED, "countries.tsv"), encoding="utf-8"):
        if raw.startswith("#") or not raw.strip():
            continue
        for d in raw.split("\t")[2].split("|"):
            d = d.lower()
            DEMONYM_WORDS.update({d, d + "s", d + "es"})
            if d.endswith("o"):
                DEMONYM_WORDS.update({d[:-1] + "a", d[:-1] + "as"})
            for acc, plain in (("é", "e"), ("á", "a"), ("í", "i"), ("ó", "o")):
                if acc in d:
                    base = d.replace(acc, plain)
                    DEMONYM_WORDS.update({base + "a", base + "es", base + "as"})
    DEMONYM_WORDS.update({"chancelero", "canciller", "ex", "expresidente", "exministro", "presidenta"})

def role_after_2000(code):
    """Whether a `CODE dates` role is open-ended (`>date`) or ends in 2000 or later."""
    parts = code.split()
    if len(parts) < 2:
        return False
    dates = parts[1]
    if dates.startswith(">"):
        return True
    end = dates.split("-")[-1] if "-" in dates else ""
    if len(end) == 8:
        return int(end[:4]) >= 2005
    if len(end) == 6:
        year = int(end[:2])
        return 5 <= year < 30
    return False

def curated_keys():
    """Matching keys of every curated name and alias, and the curated ids, so the generated
    people list never shadows or contradicts a curated entry."""
    keys, ids = set(), set()
    for name in os.listdir(OUT):
        if name == "people-petrarch.tsv" or not name.endswith(".tsv"):
            continue
        for line in open(os.path.join(OUT, name), encoding="utf-8"):
            if line.startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t")
            ids.add(cells[0])
            for alias in [cells[2]] + [a for a in cells[3].split("|") if a]:
                keys.add(slug(alias.lstrip("~")))
    return keys, ids

def petrarch_people(sources):
    path = os.path.join(sources, "actors_unified_181220.txt")
    if not os.path.exists(path):
        return None
    entries, cur = [], None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        if line[0] not in "+\t [":
            cur = {"name": line.split("#")[0].strip(), "aliases": [], "codes": []}
            entries.append(cur)
        elif line.startswith("+") and cur:
            cur["aliases"].append(line[1:].split("#")[0].strip())
        elif "[" in line and cur:
            cur["codes"] += re.findall(r"\[([^\]]+)\]", line)
    def clean(name):
        words = [w for w in name.strip("_ ").split("_") if w]
        while words and words[0].strip(".") in TITLES:
            words = words[1:]
        if not (2 <= len(words) <= 4) or any(not re.fullmatch(r"[A-ZÁÉÍÓÚÜÑÇ'.-]+", w) for w in words):
            return None
        if any(w.strip(".") in TITLES for w in words):
            return None
        return title_case(words)
    taken, curated_ids = curated_keys()
    rows = []
    for e in entries:
        codes = [c.split()[0] for c in e["codes"]]
        roles = [c for c in codes if re.match(r"^[A-Z]{3}(GOV|ELI|MIL|LEG|JUD|OPP|REB)", c)]
        # Curation: people with a national role held after 2000 (open-ended or ending 2000 or later).
        recent = any(role_after_2000(c) for c in e["codes"])
        if not roles or not recent:
            continue
        name = clean(e["name"])
        if not name:
            continue
        if f"PER:{slug(name)}" in curated_ids or slug(name) in taken:
            continue
        aliases = sorted({a for a in (clean(x) for x in e["aliases"])
                          if a and slug(a) not in taken
                          and a and a != name and a.split()[0].lower() not in PARTICLES
                          and not any(w.lower() in DEMONYM_WORDS for w in a.split())})
        country = roles[0][:3]
        rows.append((f"PER:{slug(name)}", "PER", name, aliases, {"cameo": roles[0], "country": country}, []))
    return write("people-petrarch.tsv", [
        "prensa lexicon: people from the UniversalPetrarch Spanish actor dictionary (PER)",
        "source: openeventdata/UniversalPetrarch actors_unified_181220.txt (MIT licence)",
        "curation (build_lexicons.py): people with a national government, military, legislative, judicial,",
        "party-opposition or rebel role held after 2005; titles stripped from names; names of 2-4 words;",
        "upper-case source names title-cased (matching ignores case and accents). Roles as of 2018."], rows)

def simple(source, out, label, header, id_prefix, default_attrs=None, flags=None):
    rows = []
    for names, attrs, fl in curated(source):
        attrs = dict(default_attrs or {}, **attrs)
        rows.append((f"{id_prefix}:{slug(names[0])}", label, names[0], names[1:], attrs, fl + (flags or [])))
    return write(out, header + [f"source: prensa curated table Lexicons/sources/{source} (MIT, this project)"], rows)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sources", default=os.path.join(ROOT, "..", "..", "shared", "data", "lexicon-sources"))
    a = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    total = countries(a.sources)
    total += simple("cities.txt", "cities.tsv", "GPE", ["prensa lexicon: cities, states and regions with a government (GPE)"], "GPE:city")
    total += simple("locations.txt", "locations.tsv", "LOC", ["prensa lexicon: places without a government (LOC)"], "LOC")
    total += simple("organizations.txt", "organizations.tsv", "ORG", ["prensa lexicon: international organisations, armed and security forces, parties, companies, media (ORG)"], "ORG")
    total += simple("seats.txt", "seats.tsv", "ORG", ["prensa lexicon: seats of power (ORG with refers_to); flag `seat`: LOC when used as a building"], "ORG:seat", flags=["seat"])
    total += simple("institutions.txt", "institutions.tsv", "ORG", ["prensa lexicon: capitalised institutional nouns (ORG); flag `institution`: extended by 'de <país>'"], "ORG:inst", flags=["institution"])
    total += simple("people.txt", "people.tsv", "PER", ["prensa lexicon: people prominent in international news (PER), as of 2025"], "PER")
    total += simple("misc.txt", "misc.tsv", "MISC", ["prensa lexicon: wars, treaties, programmes, weapons systems, spacecraft, indices (MISC)"], "MISC")
    total += simple("groups.txt", "groups.tsv", "NORP", ["prensa lexicon: peoples of a continent or region and religious groups (NORP); flag `inflects`"], "NORP:group", flags=["inflects"])
    load_demonym_words()
    petrarch = petrarch_people(a.sources)
    if petrarch is None:
        print("note: no actor dictionary at", a.sources, "- people-petrarch.tsv left as it is", file=sys.stderr)
    else:
        total += petrarch
    print(f"{total} entries written to {OUT}")

main()
