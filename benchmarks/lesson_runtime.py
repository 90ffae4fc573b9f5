"""Each lesson's run time in a fresh kernel, against an empty notebook's (the kernel-start floor).

Runs every notebook in lessons/ top to bottom with nbclient, REPEATS times each, and an empty
notebook (one empty code cell) as many times, interleaved so machine noise hits both alike.
Prints medians and the ratio to the floor. Goal: every lesson within 4x the floor.
Run: python benchmarks/lesson_runtime.py [REPEATS]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
REPEATS = int(sys.argv[1]) if len(sys.argv) > 1 else 3


def _run(nb: nbformat.NotebookNode, cwd: Path) -> float:
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(cwd)}}).execute()
    return time.perf_counter() - start


def main() -> None:
    lessons = sorted((ROOT / "lessons").glob("*.ipynb"))
    empty = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("")])
    floor, times = [], {path.name: [] for path in lessons}
    for _ in range(REPEATS):
        floor.append(_run(nbformat.from_dict(empty), ROOT))
        for path in lessons:
            times[path.name].append(_run(nbformat.read(path, as_version=4), path.parent))
    base = statistics.median(floor)
    print(f"empty notebook (kernel-start floor): median {base:5.2f} s over {REPEATS} runs")
    worst = 0.0
    for name, samples in times.items():
        ratio = statistics.median(samples) / base
        worst = max(worst, ratio)
        print(f"{name:40s} median {statistics.median(samples):5.2f} s  ratio {ratio:4.1f}x floor")
    print(f"goal: every lesson within 4x the floor -> {'met' if worst <= 4 else 'NOT met'}")


if __name__ == "__main__":
    main()
