"""Build pipeline/fonts/BaokanSansSC-Regular.otf, the CJK font Baokan's plots use.

A subset of Noto Sans CJK SC Regular (SIL Open Font License 1.1, see OFL.txt beside the
font) to: printable ASCII, Latin-1, general and CJK punctuation, full-width forms, every
GB2312 character (6,763 hanzi) and every character of the lexicons in pipeline/resources/
(place, organ and person-name characters outside GB2312), renamed "Baokan Sans SC" as the
OFL asks of a modified version. Needs fonttools and the Debian package fonts-noto-cjk
(or its .deb unpacked: `apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb x`):

    python data/make_font_subset.py [/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

REPO = Path(__file__).resolve().parents[1]
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
TARGET = REPO / "pipeline" / "fonts" / "BaokanSansSC-Regular.otf"
FAMILY = "Baokan Sans SC"
RANGES = ((0x20, 0x7E), (0xA0, 0xFF), (0x2010, 0x205E), (0x2190, 0x21FF), (0x2460, 0x24FF),
          (0x2500, 0x257F), (0x25A0, 0x25FF), (0x2600, 0x26FF), (0x3000, 0x303F),
          (0x3200, 0x32FF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))
LEXICONS = ("divisions.tsv", "regions.txt", "organs.tsv", "surnames.txt", "name_chars.tsv",
            "titles.txt", "slogans_lexicon.txt", "units.tsv", "abbreviations.tsv")


def characters() -> set[str]:
    """The characters the subset keeps."""
    chars = {chr(code) for low, high in RANGES for code in range(low, high + 1)}
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for name in LEXICONS:
        chars |= set((REPO / "pipeline" / "resources" / name).read_text(encoding="utf-8"))
    return {c for c in chars if c.isprintable()}


def sc_face(collection: Path):
    """The Simplified Chinese face of the Noto Sans CJK collection."""
    for font in TTCollection(str(collection)).fonts:
        if font["name"].getDebugName(1) == "Noto Sans CJK SC":
            return font
    raise SystemExit(f"no Noto Sans CJK SC face in {collection}")


def rename(font) -> None:
    """Family "Baokan Sans SC": a modified version keeps no upstream font name."""
    names = {1: FAMILY, 2: "Regular", 3: f"{FAMILY} Regular; subset of Noto Sans CJK SC",
             4: f"{FAMILY} Regular", 6: "BaokanSansSC-Regular", 16: FAMILY, 17: "Regular"}
    table = font["name"]
    table.names = [n for n in table.names if n.nameID not in names and n.nameID not in (18, 21, 22)]
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = ["BaokanSansSC-Regular"]
        top = cff.topDictIndex[0]
        top.FullName, top.FamilyName = f"{FAMILY} Regular", FAMILY


def main(source: Path = SOURCE) -> None:
    font = sc_face(source)
    options = subset.Options()
    options.layout_features = []  # matplotlib lays out glyph by glyph
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(characters())))
    subsetter.subset(font)
    rename(font)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(TARGET))
    print(f"wrote {TARGET}: {len(font.getGlyphOrder())} glyphs, {TARGET.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE)
