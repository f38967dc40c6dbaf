"""Throughput and memory of the full pipeline, with jieba.posseg on the same text as reference.

    .venv/bin/python benchmarks/throughput.py            # 20 MB archive, 1 and 2 workers
    .venv/bin/python benchmarks/throughput.py --mb 2     # quick look
    .venv/bin/python benchmarks/throughput.py --ner words   # `baokan run --ner words`

Builds a test archive from the team's samples and, where present, the raw news text in
../shared/corpora (never copied into the repo), runs `baokan run` in a subprocess with 1
and 2 workers, and prints characters/s, documents/s, peak RSS of the largest process, the
speed-up, jieba.posseg's characters/s measured in the same run, and the time of a re-run
on the unchanged archive (the nightly no-op) as a share of the first run. Then the peak RSS for
a 10 MB and a 40 MB input, to show memory does not grow with input size.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "xinwenlianbo_2025" / "xinwenlianbo_2025-10_2025-12.jsonl"


def source_texts() -> list[str]:
    """Paragraph blocks in the genre: the sample archive, plus the raw news corpus if present."""
    sys.path.insert(0, str(REPO))
    from pipeline.ingest import expand_inputs, iter_sources

    texts = [s.text for s in iter_sources(expand_inputs([REPO / "data" / "samples"]))
             if hasattr(s, "text")]
    if CORPUS.exists():
        for line in CORPUS.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            texts.append(f"{record.get('title', '')}\n{record.get('content', '')}")
    return [t for t in texts if t.strip()]


def build_archive(folder: Path, megabytes: float, texts: list[str]) -> int:
    """Write ~`megabytes` of UTF-8 pages (unique per copy); returns the character count."""
    folder.mkdir(parents=True, exist_ok=True)
    target, written, chars, index = megabytes * 1_000_000, 0, 0, 0
    while written < target:
        page = f"第{index}期\n" + texts[index % len(texts)]
        data = page.encode("utf-8")
        (folder / f"{index // 1000:03d}").mkdir(exist_ok=True)
        (folder / f"{index // 1000:03d}" / f"page{index:06d}.txt").write_bytes(data)
        written += len(data)
        chars += len(page)
        index += 1
    return chars


def run_baokan(inputs: Path, workers: int, ner: str, rerun: bool = False) -> dict:
    """One `baokan run` in a fresh measuring subprocess: seconds, documents, peak RSS (MB).
    With `rerun`, a second run on the same inputs and output (the nightly no-op) is timed too."""
    with tempfile.TemporaryDirectory() as out:
        seconds, peak_kb = _timed_run(inputs, workers, ner, out)
        import pandas as pd

        documents = len(pd.read_parquet(Path(out) / "documents", columns=["doc_id"]))
        again = _timed_run(inputs, workers, ner, out)[0] if rerun else None
    return {"seconds": seconds, "documents": documents, "peak_rss_mb": peak_kb / 1024,
            "rerun_seconds": again}


def _timed_run(inputs: Path, workers: int, ner: str, out: str) -> tuple[float, int]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, __file__, "--measure", str(inputs), str(workers), ner, out],
        capture_output=True, text=True, cwd=REPO)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"baokan failed:\n{result.stderr[-2000:]}")
    return seconds, json.loads(result.stdout.splitlines()[-1])["peak_rss_kb"]


def measure(inputs: str, workers: str, ner: str, out: str) -> None:
    """Run baokan as a child and print the largest RSS among it and its workers."""
    result = subprocess.run([sys.executable, "-m", "pipeline", "run", inputs, "--out", out,
                             "--workers", workers, "--ner", ner],
                            capture_output=True, text=True, cwd=REPO)
    if result.returncode not in (0, 2):
        sys.stderr.write(result.stderr)
        raise SystemExit(1)
    print(json.dumps({"peak_rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))


def jieba_rate(texts: list[str], limit_chars: int = 2_000_000) -> float:
    """jieba.posseg characters/s on (a prefix of) the same text."""
    import jieba
    import jieba.posseg as posseg

    jieba.setLogLevel(60)
    jieba.initialize()
    sample, total = [], 0
    for text in texts * 100:
        sample.append(text)
        total += len(text)
        if total >= limit_chars:
            break
    started = time.perf_counter()
    for text in sample:
        for _ in posseg.cut(text):
            pass
    return total / (time.perf_counter() - started)


def main() -> None:
    if len(sys.argv) == 6 and sys.argv[1] == "--measure":
        measure(*sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=20.0, help="archive size for the speed runs")
    parser.add_argument("--memory-mb", type=float, nargs=2, default=(10.0, 40.0),
                        help="two input sizes for the memory check (0 0 to skip)")
    parser.add_argument("--ner", default="both", help="baokan run --ner (both, words, chars, rules)")
    args = parser.parse_args()
    texts = source_texts()
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "archive"
        chars = build_archive(archive, args.mb, texts)
        print(f"archive: {args.mb:g} MB, {chars:,} characters, {len(texts)} distinct pages, "
              f"--ner {args.ner}")
        reference = jieba_rate(texts)
        print(f"jieba.posseg: {reference:,.0f} chars/s (same text, one core)")
        results = {}
        for workers in (1, 2):
            r = results[workers] = run_baokan(archive, workers, args.ner, rerun=workers == 2)
            rate = chars / r["seconds"]
            print(f"baokan --workers {workers}: {rate:,.0f} chars/s, "
                  f"{r['documents'] / r['seconds']:,.1f} docs/s, peak RSS {r['peak_rss_mb']:,.0f} MB, "
                  f"{rate / reference:.2f}x jieba.posseg")
        print(f"speed-up 1→2 workers: {results[1]['seconds'] / results[2]['seconds']:.2f}x")
        rerun = results[2]["rerun_seconds"]
        print(f"re-run on the unchanged archive: {rerun:,.1f} s = "
              f"{100 * rerun / results[2]['seconds']:.1f}% of the first run (2 workers)")
    for size in args.memory_mb if all(args.memory_mb) else []:
        with tempfile.TemporaryDirectory() as tmp:
            archive = Path(tmp) / "archive"
            build_archive(archive, size, texts)
            r = run_baokan(archive, 1, args.ner)
            print(f"memory: {size:.0f} MB input → peak RSS {r['peak_rss_mb']:,.0f} MB (1 worker)")


if __name__ == "__main__":
    main()
