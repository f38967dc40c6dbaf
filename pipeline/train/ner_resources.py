"""Rebuild the entity lexicons in pipeline/resources/ from the shared corpora.

- divisions.tsv from JioNLP `china_location.txt.gz` (Apache-2.0), levels 0–3; villages.tsv.gz,
  its level 4 (villages and communities with their county)
  (province, prefecture, county, township) with short aliases and parents.
- surnames.txt from wainshine/Chinese-Names-Corpus (Apache-2.0) `Chinese_Family_Name_1k.tsv`.
- name_chars.tsv: how often each character is a given-name character (HanLP's person
  dictionary, nr entries), a character of a transliterated or minority name (HanLP's nrf
  entries and `person__nrf.txt`) and a character of ordinary words (HanLP's core
  dictionary, weighted by word frequency); all Apache-2.0. Read by pipeline.nlp.name_lists.
- idioms.txt: the idioms and set phrases (成语, 习用语, 惯用语) of HanLP's core and
  supplementary lexicons (Apache-2.0); a model span spelling one is not an entity
  (众志成城, 风华正茂).
- verb_like_words.txt: frequent verbs, prepositions, conjunctions and adverbs of jieba's
  dictionary (MIT); a model organisation that starts with one before a rule's organ is cut
  to the organ (联合|市发展改革委).
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from pipeline.nlp.entities.lexicons import resource_rows
from pipeline.paths import RESOURCES

DIVISION_HEADER = "name\talias\tlevel\tcode\tparent\tprefecture\tprovince"
LEVEL_SUFFIXES = ("街道", "镇", "乡")
HANLP = "hanlp_dictionaries"


def division_rows(path: Path) -> list[tuple[str, ...]]:
    """Rows (name, alias, level, code, parent, prefecture, province) of levels 0–3."""
    rows: list[tuple[str, ...]] = []
    parents: list[str] = ["", "", "", ""]
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\r\n")
            depth = len(line) - len(line.lstrip("\t"))
            if depth > 3 or not line.strip():
                continue
            fields = line.strip("\t").split("\t")
            name = fields[0]
            code = fields[1] if len(fields) > 1 else ""
            alias = fields[2] if len(fields) > 2 and fields[2] != name else ""
            parents[depth] = name
            parent = parents[depth - 1] if depth else ""
            prefecture = parents[1] if depth >= 1 else ""
            if depth == 1 and name == parents[0]:  # municipalities repeat themselves
                parent = ""
            rows.append((name, alias, str(depth), code, parent, prefecture, parents[0]))
    return rows


def write_divisions(corpora: Path, out: Path = RESOURCES / "divisions.tsv") -> int:
    """Write divisions.tsv; returns the number of rows."""
    rows = division_rows(corpora / "jionlp_locations/china_location.txt.gz")
    seen = set()
    lines = [DIVISION_HEADER]
    for row in rows:
        if row[:3] in seen or (row[2] == "3" and not row[0].endswith(LEVEL_SUFFIXES)):
            continue
        seen.add(row[:3])
        lines.append("\t".join(row))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 1


def write_surnames(corpora: Path, out: Path = RESOURCES / "surnames.txt") -> int:
    """Write surnames.txt (surname, frequency), most frequent first."""
    source = corpora / "chinese_names_corpus/Chinese_Family_Name_1k.tsv"
    pairs = []
    for line in source.read_text(encoding="utf-8-sig").splitlines()[1:]:
        name, _, freq = line.partition("\t")
        if name.strip():
            pairs.append((name.strip(), int(float(freq or 0))))
    pairs.sort(key=lambda p: -p[1])
    header = "# surname\tfrequency (wainshine/Chinese-Names-Corpus, Apache-2.0)"
    out.write_text("\n".join([header, *(f"{n}\t{f}" for n, f in pairs)]) + "\n", encoding="utf-8")
    return len(pairs)


NAME_CHARS_HEADER = "# char\tgiven\tforeign\ttext (derived from HanLP 1.x dictionaries, Apache-2.0)"


def _surname_split(name: str, surnames: set[str]) -> str | None:
    """The given name of a Chinese name (compound surname first), or None."""
    for size in (2, 1):
        if name[:size] in surnames and 1 <= len(name) - size <= 2:
            return name[size:]
    return None


def name_char_counts(corpora: Path) -> dict[str, list[int]]:
    """char → [given-name count, transliterated-name count, ordinary-text count]."""
    surnames = {row[0] for row in resource_rows("surnames.txt")}
    counts: dict[str, list[int]] = {}

    def add(chars: str, column: int, weight: int = 1) -> None:
        for char in chars:
            counts.setdefault(char, [0, 0, 0])[column] += weight

    hanlp = corpora / HANLP
    for line in (hanlp / "custom__人名词典.txt").read_text(encoding="utf-8-sig").splitlines():
        fields = line.split()
        if len(fields) >= 2 and fields[1] == "nr" and (given := _surname_split(fields[0], surnames)):
            add(given, 0)
        elif len(fields) >= 2 and fields[1] == "nrf":
            add(fields[0], 1)
    for line in (hanlp / "person__nrf.txt").read_text(encoding="utf-8-sig").splitlines():
        add(line.strip(), 1)
    for line in (hanlp / "CoreNatureDictionary.txt").read_text(encoding="utf-8-sig").splitlines():
        fields = line.split()
        if len(fields) >= 3 and fields[2].isdigit():
            add(fields[0], 2, int(fields[2]))
    return counts


def write_name_chars(corpora: Path, out: Path = RESOURCES / "name_chars.tsv") -> int:
    """Write name_chars.tsv (CJK characters and the name dot only); returns the row count."""
    counts = name_char_counts(corpora)
    rows = sorted((c, n) for c, n in counts.items()
                  if c == "·" or "\u4e00" <= c <= "\u9fff")
    lines = [NAME_CHARS_HEADER, *(f"{c}\t{g}\t{f}\t{t}" for c, (g, f, t) in rows)]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(rows)


IDIOMS_HEADER = ("# idioms and set phrases (tags i, l, al, bl, dl, nl, vl) of HanLP's "
                 "CoreNatureDictionary and 现代汉语补充词库 (Apache-2.0); a model span spelling "
                 "one is not an entity")
IDIOM_SOURCES = ("CoreNatureDictionary.txt", "custom__现代汉语补充词库.txt")
IDIOM_TAGS = frozenset({"i", "l", "al", "bl", "dl", "nl", "vl"})  # 成语, 习用语, 惯用语 by POS
IDIOM = re.compile(r"[\u4e00-\u9fff]{4,}")


def idiom_words(corpora: Path) -> set[str]:
    """Han words of four or more characters whose first tag in HanLP's lexicons marks an
    idiom or set phrase (成语 i, 习用语 l, 惯用语 al/bl/dl/nl/vl: 众志成城 is vl)."""
    words = set()
    for name in IDIOM_SOURCES:
        for line in (corpora / HANLP / name).read_text(encoding="utf-8-sig").splitlines():
            fields = line.split()
            if len(fields) >= 2 and fields[1] in IDIOM_TAGS and IDIOM.fullmatch(fields[0]):
                words.add(fields[0])
    return words


def training_entity_texts(corpora: Path) -> set[str]:
    """Surface forms of the gold entities of the NER training corpora (MSRA train, PFR)."""
    from pipeline.train.ner_data import training_sentences

    return {sentence.text[span[0]:span[1]]
            for sentences in training_sentences(corpora, ("msra", "pfr")).values()
            for sentence in sentences for span in sentence.spans}


def write_idioms(corpora: Path, out: Path = RESOURCES / "idioms.txt") -> int:
    """Write idioms.txt, sorted, without the phrases that the NER training corpora tag as
    entities (七国集团, 红新月会); returns the number of idioms."""
    words = sorted(idiom_words(corpora) - training_entity_texts(corpora))
    out.write_text("\n".join([IDIOMS_HEADER, *words]) + "\n", encoding="utf-8")
    return len(words)


VERB_LIKE_HEADER = ("# words of two or more characters that jieba's dictionary (MIT) tags v, p, c "
                    "or d with frequency >= 2000; never the start of an organisation name")
VERB_LIKE_TAGS = frozenset({"v", "p", "c", "d"})  # verb, preposition, conjunction, adverb
VERB_LIKE_MIN_FREQ = 2000


def verb_like_words(dictionary: Path | None = None) -> list[str]:
    """Frequent verb-like words of jieba's dictionary (`word freq tag` lines), sorted."""
    if dictionary is None:
        import jieba

        dictionary = Path(jieba.__file__).with_name("dict.txt")
    words = set()
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if (len(fields) == 3 and len(fields[0]) >= 2 and fields[2] in VERB_LIKE_TAGS
                and fields[1].isdigit() and int(fields[1]) >= VERB_LIKE_MIN_FREQ):
            words.add(fields[0])
    return sorted(words)


def write_verb_like_words(out: Path = RESOURCES / "verb_like_words.txt",
                          dictionary: Path | None = None) -> int:
    """Write verb_like_words.txt; returns the number of words."""
    words = verb_like_words(dictionary)
    out.write_text("\n".join([VERB_LIKE_HEADER, *words]) + "\n", encoding="utf-8")
    return len(words)


VILLAGE_HEADER = "# village\tcounty\tprefecture (JioNLP china_location.txt, Apache-2.0)"
VILLAGE_ENDINGS = ("村", "社区")


def village_rows(path: Path) -> list[tuple[str, str, str]]:
    """(village, county, prefecture) of the tree's level 4, names ending in 村 or 社区."""
    rows, parents = [], ["", "", "", ""]
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\r\n")
            depth = len(line) - len(line.lstrip("\t"))
            name = line.strip("\t").split("\t")[0]
            if depth < 4:
                parents[depth] = name
            elif name.endswith(VILLAGE_ENDINGS) and len(name) >= 2:
                rows.append((name, parents[2], parents[1]))
    return rows


def write_villages(corpora: Path, out: Path = RESOURCES / "villages.tsv.gz") -> int:
    """Write villages.tsv.gz (one row per village and county); returns the number of rows."""
    rows = sorted(set(village_rows(corpora / "jionlp_locations/china_location.txt.gz")),
                  key=lambda row: (row[2], row[1], row[0]))  # repeated columns compress well
    text = "\n".join([VILLAGE_HEADER, *("\t".join(row) for row in rows)]) + "\n"
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write(text)
    return len(rows)


def build(corpora: Path) -> dict[str, int]:
    """Rebuild every derived lexicon."""
    RESOURCES.mkdir(parents=True, exist_ok=True)
    return {"divisions": write_divisions(corpora), "villages": write_villages(corpora),
            "surnames": write_surnames(corpora),
            "name_chars": write_name_chars(corpora), "idioms": write_idioms(corpora),
            "verb_like_words": write_verb_like_words()}


GAZETTEER_SOURCES = (  # (file under corpora/hanlp_dictionaries, label or None = from POS)
    ("custom__人名词典.txt", "PER"),
    ("custom__全国地名大全.txt", "LOC"),
    ("custom__机构名词典.txt", "ORG"),
    ("CoreNatureDictionary.txt", None),
)
POS_LABELS = (("nr", "PER"), ("ns", "LOC"), ("nt", "ORG"))


def _pos_label(fields: list[str]) -> str | None:
    """Label of a HanLP dictionary line from its most frequent POS (nr*/ns*/nt*)."""
    if len(fields) < 2:
        return None
    return next((label for prefix, label in POS_LABELS if fields[1].startswith(prefix)), None)


def gazetteer_entries(corpora: Path) -> dict[str, str]:
    """Name → PER/LOC/ORG for the NER model's gazetteer feature: HanLP name, place and
    organisation dictionaries (Apache-2.0), PKU-tagged core-dictionary names, and the
    administrative divisions. Names of at least two characters; later sources do not
    overwrite earlier ones, divisions (LOC) are added last; missing files are skipped."""
    entries: dict[str, str] = {}
    for name, label in GAZETTEER_SOURCES:
        path = corpora / HANLP / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            fields = line.split()
            if not fields or len(fields[0]) < 2:
                continue
            found = label or _pos_label(fields)
            if found:
                entries.setdefault(fields[0], found)
    divisions = corpora / "jionlp_locations/china_location.txt.gz"
    for row in division_rows(divisions) if divisions.exists() else []:
        for name in row[:2]:
            if len(name) >= 2:
                entries.setdefault(name, "LOC")
    return entries


def write_gazetteer(corpora: Path, out: Path) -> int:
    """Write `name TAB label` lines; returns the number of names."""
    entries = gazetteer_entries(corpora)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(f"{n}\t{lab}\n" for n, lab in sorted(entries.items())), encoding="utf-8")
    return len(entries)


ALIAS_SECTION = ("# --- two-character short names of prefectures and counties (寻乌, 安化), generated by "
                 "pipeline.train.ner_resources.write_alias_user_words from divisions.tsv: not a jieba "
                 "word of frequency >= {freq}, not starting with a numeral (三台, 万全)")
ALIAS_MAX_WORD_FREQ = 100
NUMERAL_CHARS = "一二三四五六七八九十百千万两"


def division_alias_words(known: set[str], max_word_freq: int = ALIAS_MAX_WORD_FREQ) -> list[str]:
    """Short names of prefectures and counties that the tokenizer should keep whole: two
    characters, rare as ordinary jieba words, no leading numeral, not already `known`."""
    import jieba

    from pipeline.nlp.entities import lexicons as lex

    jieba.initialize()
    return sorted({d.alias for d in lex.divisions()
                   if d.level in (1, 2) and len(d.alias) == 2 and d.alias not in known
                   and d.alias[0] not in NUMERAL_CHARS
                   and (jieba.dt.FREQ.get(d.alias) or 0) < max_word_freq})


def write_alias_user_words(path: Path = RESOURCES / "userdict.txt") -> int:
    """Replace the generated alias section at the end of the tokenizer's user dictionary."""
    header = ALIAS_SECTION.format(freq=ALIAS_MAX_WORD_FREQ)
    text = path.read_text(encoding="utf-8")
    kept = text.split(header.split(",")[0])[0].rstrip("\n") + "\n"
    known = {line.split("\t")[0] for line in kept.splitlines() if line and not line.startswith("#")}
    words = division_alias_words(known)
    path.write_text(kept + "\n" + header + "\n" + "\n".join(words) + "\n", encoding="utf-8")
    return len(words)
