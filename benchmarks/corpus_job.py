"""The corpus job as a user runs it: ``cablekit convert`` on a generated ``cables.csv``.

Two measurements, each of whole commands in fresh processes:

* **scaling**: wall time of ``cablekit convert cables.csv -o out.jsonl --jobs 1``
  against ``--jobs 2`` (best of *rounds*, the two alternating), and their ratio;
* **memory**: the peak of the summed resident memory of the command and its
  worker processes, sampled every 50 ms, converting a 100,000-row ``cables.csv``
  to each output kind.

The rows are the benchmark corpus's cables (``corpus.py``: generated cables,
half of them damaged, and the seeds), cycled, each with its own id, in the
release's CSV dialect (no header row, quotes and backslashes escaped with a
backslash).  Files are built once in ``$CABLEKIT_BENCH_CACHE``.

    python benchmarks/corpus_job.py scaling --rows 5000 --rounds 3
    python benchmarks/corpus_job.py memory --rows 100000 --to jsonl parquet sqlite
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

SUFFIX = {"jsonl": ".jsonl", "parquet": ".parquet", "sqlite": ".sqlite"}


def build_csv(rows: int) -> Path:
    """A ``cables.csv`` of *rows* rows in the release's dialect (cached)."""
    path = corpus.CACHE / f"cables-{rows}.csv"
    if path.exists():
        return path
    texts = corpus.build(1000)["mixed"]
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    with partial.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, quoting=csv.QUOTE_ALL, doublequote=False, escapechar="\\", lineterminator="\n")
        for row in range(rows):
            text = texts[row % len(texts)]
            year = 66 + row % 44
            writer.writerow([row + 1, f"{1900 + year}-01-{1 + row % 28:02d} 12:00", f"{year % 100:02d}BENCH{row + 1}",
                             "Embassy Bench", "UNCLASSIFIED", "", "", text])
    partial.rename(path)
    return path


def _command(source: Path, out: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "cablekit", "convert", str(source), "-o", str(out), "--jobs", str(jobs),
            "--quiet", "--overwrite"]


def _wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - start


def scaling(rows: int, rounds: int) -> None:
    """Best-of-*rounds* wall times with one and two worker processes."""
    source = build_csv(rows)
    best = {1: float("inf"), 2: float("inf")}
    with tempfile.TemporaryDirectory() as work:
        for _ in range(rounds):
            for jobs in (1, 2):
                best[jobs] = min(best[jobs], _wall(_command(source, Path(work) / "out.jsonl", jobs)))
    print(f"{rows:,} rows to JSON lines: --jobs 1 {best[1]:.2f} s ({rows / best[1]:,.0f} cables/s), "
          f"--jobs 2 {best[2]:.2f} s ({rows / best[2]:,.0f} cables/s): {best[1] / best[2]:.2f}x")


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.Error:  # a worker that just ended
            continue
    return total


def peak_memory(command: list[str]) -> tuple[int, float]:
    """The peak summed RSS (bytes) of *command* and its children, and its wall time."""
    start = time.perf_counter()
    child = subprocess.Popen(command)
    watched = psutil.Process(child.pid)
    peak = 0
    while child.poll() is None:
        try:
            peak = max(peak, _tree_rss(watched))
        except psutil.Error:
            break
        time.sleep(0.05)
    if child.returncode != 0:
        raise SystemExit(f"{command} exited with {child.returncode}")
    return peak, time.perf_counter() - start


def memory(rows: int, outputs: list[str], jobs: int) -> None:
    """Peak memory converting a *rows*-row ``cables.csv`` to each output kind."""
    source = build_csv(rows)
    size = source.stat().st_size
    for kind in outputs:
        with tempfile.TemporaryDirectory() as work:
            out = Path(work) / f"out{SUFFIX[kind]}"
            peak, seconds = peak_memory(_command(source, out, jobs))
            written = sum(p.stat().st_size for p in out.rglob("*")) if out.is_dir() else out.stat().st_size
            shutil.rmtree(work, ignore_errors=True)
        print(f"{rows:,} rows ({size / 1e6:,.0f} MB) to {kind} with --jobs {jobs}: peak {peak / 1e6:,.0f} MB "
              f"(command and workers), {seconds:.1f} s, {written / 1e6:,.0f} MB written")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="what", required=True)
    scale = commands.add_parser("scaling")
    scale.add_argument("--rows", type=int, default=5000)
    scale.add_argument("--rounds", type=int, default=3)
    mem = commands.add_parser("memory")
    mem.add_argument("--rows", type=int, default=100_000)
    mem.add_argument("--to", nargs="+", default=["jsonl", "parquet", "sqlite"], choices=list(SUFFIX))
    mem.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if args.what == "scaling":
        scaling(args.rows, args.rounds)
    else:
        memory(args.rows, args.to, args.jobs)


if __name__ == "__main__":
    main()
