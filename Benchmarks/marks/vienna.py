"""Labelled pictograms for the Vienna suggestion benchmark.

A pictogram's name is the Unicode names of the code points in its file name (emoji modifiers,
joiners and variation selectors left out). `vienna-keywords.tsv` maps name words to Vienna
divisions; a pictogram gets the union of the divisions of every rule it matches. The split keeps
all variants of one pictogram (skin tones, gender joins of the same base) on the same side, so a
query never finds its own twin among the labelled marks.
"""
import collections
import os
import random
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
IGNORED = {0x200D, 0xFE0F, 0xFE0E, 0x20E3}


def code_points(stem):
    return [int(part, 16) for part in stem.split("-")]


def name_of(stem):
    words = []
    for cp in code_points(stem):
        if cp in IGNORED or 0x1F3FB <= cp <= 0x1F3FF:
            continue
        words.append(unicodedata.name(chr(cp), ""))
    if len(words) > 1:  # in a sequence the gender sign says who the person is
        words = [{"MALE SIGN": "MAN", "FEMALE SIGN": "WOMAN"}.get(word, word) for word in words]
    return " + ".join(word for word in words if word)


def group_of(stem):
    """Variants of one pictogram share the first code point that is not a modifier (👩🏽‍⚕️ with 👩‍⚕️…)."""
    points = [cp for cp in code_points(stem) if cp not in IGNORED and not 0x1F3FB <= cp <= 0x1F3FF]
    if points and 0x1F1E6 <= points[0] <= 0x1F1FF:  # flags: the pair is the pictogram
        return "-".join(f"{cp:x}" for cp in points)
    return f"{points[0]:x}" if points else stem


def load_rules(path=os.path.join(HERE, "vienna-keywords.tsv")):
    rules = []
    with open(path, encoding="utf-8") as file:
        for line in file:
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            keywords = fields[0].split()
            codes = fields[1].split() if len(fields) > 1 else []
            unless = set(fields[2].split()) if len(fields) > 2 else set()
            rules.append((keywords, codes, unless))
    return rules


def labels_for(name, rules):
    words = set(name.replace("+", " ").split())
    codes = []
    for keywords, rule_codes, unless in rules:
        if all(word in words for word in keywords) and not (unless & words):
            for code in rule_codes:
                if code not in codes:
                    codes.append(code)
    return codes


def labelled_set(stems, rules=None):
    """{stem: [division codes]} for the pictograms some rule matches."""
    rules = rules or load_rules()
    result = {}
    for stem in stems:
        codes = labels_for(name_of(stem), rules)
        if codes:
            result[stem] = codes
    return result


def split(labelled, seed):
    """Half the pictogram groups labelled (the register), the other half queries."""
    groups = collections.defaultdict(list)
    for stem in sorted(labelled):
        groups[group_of(stem)].append(stem)
    keys = sorted(groups)
    random.Random(f"{seed}-vienna").shuffle(keys)
    half = set(keys[: len(keys) // 2])
    register = [stem for key in keys if key in half for stem in groups[key]]
    queries = [stem for key in keys if key not in half for stem in groups[key]]
    return sorted(register), sorted(queries)


def digits(code):
    """'3.1.8', '03.01.08' or '030108' → '030108' (EUIPO digits)."""
    code = str(code).strip()
    if "." in code:
        return "".join(part.zfill(2) for part in code.split("."))
    return code


LEVELS = {2: "category", 4: "division", 6: "section"}


def at_level(codes, width):
    """Codes cut to category (width 2) or division (width 4), first occurrence kept, order kept.

    Items may be plain codes or IPAI's suggestions ({"code", "level", …}); when the list says which
    level each item is, only the items of the wanted level are read (IPAI ranks each level on its
    own: sections, then divisions as sums, then categories)."""
    if any(isinstance(code, dict) for code in codes):
        wanted = [item["code"] for item in codes if isinstance(item, dict) and item.get("level") == LEVELS[width]]
        codes = wanted if wanted else [item["code"] if isinstance(item, dict) else item for item in codes]
    out = []
    for code in codes:
        d = digits(code)
        if len(d) >= width and d[:width] not in out:
            out.append(d[:width])
    return out


def hits(ranked_codes, truth_codes, width, ks=(1, 3, 10)):
    ranked = at_level(ranked_codes, width)
    truth = set(at_level(truth_codes, width))
    return {k: any(code in truth for code in ranked[:k]) for k in ks}


def coverage(stems, labelled):
    per_category = collections.Counter(code[:2] for codes in labelled.values() for code in {digits(c)[:2] for c in codes})
    return {"pictograms": len(stems), "labelled": len(labelled), "categories": dict(sorted(per_category.items()))}
