"""The `baokan show --html` page in a real headless Chromium: the marks are visible (their
colours on screen and in the computed styles), the text is laid out in lines inside the
page, and adjacent entities stay apart. Skipped where no Chromium is installed
(Debian: apt-get install chromium)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from pipeline.show import HTML_COLOURS, ArticleView, Span, render_html

BROWSER = next((found for name in ("chromium", "chromium-browser", "google-chrome")
                if (found := shutil.which(name))), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium installed")
WIDTH, HEIGHT = 1000, 1400
# Appended to a copy of the page: measures every mark and the text blocks into JSON.
PROBE = """<script>
const marks = [...document.querySelectorAll('.baokan-text mark')].map(m => {
  const r = m.getBoundingClientRect(), s = getComputedStyle(m);
  return {cls: m.className, bg: s.backgroundColor, w: r.width, h: r.height, left: r.left,
          right: r.right, top: r.top, visible: s.visibility === 'visible' && s.display !== 'none'};
});
const texts = [...document.querySelectorAll('.baokan-text')].map(t => {
  const r = t.getBoundingClientRect();
  return {w: r.width, h: r.height, left: r.left, right: r.right,
          lineHeight: parseFloat(getComputedStyle(t).lineHeight)};
});
const out = document.createElement('pre');
out.id = 'probe';
document.fonts.ready.then(() => {
  const fonts = [...document.fonts].map(f => ({family: f.family, status: f.status}));
  const covered = document.fonts.check('16px "Baokan Sans SC"', document.body.innerText);
  out.textContent = JSON.stringify({marks, texts, width: innerWidth, fonts, covered});
  document.body.appendChild(out);
});
</script>"""


def _chromium(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-extensions", "--disable-sync", "--no-first-run", "--mute-audio",
             "--hide-scrollbars", f"--user-data-dir={cwd / 'profile'}",
             f"--window-size={WIDTH},{HEIGHT}"]
    return subprocess.run([BROWSER, *flags, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=180)


def _probe(page: Path, tmp_path: Path) -> dict:
    probed = tmp_path / f"probe-{page.name}"
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"),
                      encoding="utf-8")
    result = _chromium("--virtual-time-budget=5000", "--dump-dom", probed.as_uri(), cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    start = result.stdout.index('<pre id="probe">') + len('<pre id="probe">')
    raw = result.stdout[start:result.stdout.index("</pre>", start)]
    return json.loads(raw.replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<")
                      .replace("&gt;", ">"))


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


@pytest.fixture(scope="module")
def page(layered_out, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("browser") / "page.html"
    result = subprocess.run([sys.executable, "-m", "pipeline", "show", "page01.txt", "--out",
                             str(layered_out), "--html", str(target), "--no-pager"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return target


def test_marks_are_visible_with_their_colours(page, tmp_path):
    found = _probe(page, tmp_path)
    marks = found["marks"]
    assert {m["cls"] for m in marks} >= {"ent-PER", "ent-LOC", "ent-ORG", "slogan", "statistic"}
    for mark in marks:
        assert mark["visible"] and mark["w"] > 4 and mark["h"] > 8, mark
        expected = "rgb({}, {}, {})".format(*_rgb(HTML_COLOURS[mark["cls"]]))
        assert mark["bg"] == expected, mark


def test_text_is_laid_out_in_lines_inside_the_page(page, tmp_path):
    found = _probe(page, tmp_path)
    [text] = found["texts"]
    assert 0 <= text["left"] and text["right"] <= found["width"]
    assert text["w"] > 300 and text["h"] > 3 * text["lineHeight"]  # several lines, not one long one
    assert all(0 <= m["left"] and m["right"] <= found["width"] for m in found["marks"])


def test_screenshot_shows_every_mark_colour(page, tmp_path):
    from PIL import Image

    shot = tmp_path / "shot.png"
    result = _chromium(f"--screenshot={shot}", page.as_uri(), cwd=tmp_path)
    assert result.returncode == 0 and shot.exists(), result.stderr[-2000:]
    pixels = np.asarray(Image.open(shot).convert("RGB")).reshape(-1, 3)
    background = (pixels == 255).all(axis=1)
    assert (~background).mean() > 0.02  # text and marks, not a blank page
    for key, colour in HTML_COLOURS.items():
        hits = (np.abs(pixels.astype(int) - _rgb(colour)).sum(axis=1) <= 6).sum()
        assert hits > 100, (key, hits)


def test_adjacent_entities_of_one_label_stay_apart(tmp_path):
    text = "会见了张三李四和王五"
    view = ArticleView({"text": text, "headline": None, "type": "news", "article_id": "d-a0",
                        "doc_id": "d", "start": 0},
                       {}, [Span(3, 5, "entity", "PER", ""), Span(5, 7, "entity", "PER", "")])
    page = tmp_path / "adjacent.html"
    page.write_text(render_html([view]), encoding="utf-8")
    first, second = _probe(page, tmp_path)["marks"]
    assert second["left"] - first["right"] >= 2  # a visible gap between 张三 and 李四


def test_the_page_carries_its_cjk_font(page, tmp_path):
    found = _probe(page, tmp_path)
    assert {"family": '"Baokan Sans SC"', "status": "loaded"} in found["fonts"] or \
        {"family": "Baokan Sans SC", "status": "loaded"} in found["fonts"], found["fonts"]
    assert found["covered"]
    assert page.stat().st_size < 400_000  # the page's glyphs only, not the whole font
