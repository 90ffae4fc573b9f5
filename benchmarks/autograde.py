"""Autograding throughput: `coursekit autograde --jobs 2` against plain sequential `nbgrader autograde`.

Builds two identical scratch courses (assignment 01 released, a demo class of SUBMISSIONS synthetic
submissions), grades one with plain `nbgrader autograde ASSIGNMENT` (one process, one submission
after another) and the other with `coursekit autograde ASSIGNMENT --jobs 2`, in the same run. Prints
both wall times, the throughput ratio and whether the two gradebooks hold identical scores.
Goal: >= 1.6x on a 2-core machine with identical grades.
Run: python benchmarks/autograde.py [SUBMISSIONS]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT = "ps01_us_federalism"
SUBMISSIONS = int(sys.argv[1]) if len(sys.argv) > 1 else 24


def _course(target: Path):
    from coursekit import grading
    from coursekit.demo import make_demo_class

    target.mkdir(parents=True)
    shutil.copy2(ROOT / "nbgrader_config.py", target / "nbgrader_config.py")
    shutil.copytree(ROOT / "exercises", target / "exercises")
    course = grading.Course(target)
    grading.release(course, ASSIGNMENT)
    make_demo_class(course, ASSIGNMENT, students=SUBMISSIONS, seed=1)
    return course


def _scores(course) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}") as gradebook:
        return {s.student_id: round(s.score, 6) for s in gradebook.assignment_submissions(ASSIGNMENT)}


def _run(command: list[str], cwd: Path) -> float:
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="coursekit-bench-") as tmp:
        plain = _course(Path(tmp) / "plain")
        ours = _course(Path(tmp) / "coursekit")
        sequential = _run([sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT], plain.root)
        parallel = _run([sys.executable, "-m", "coursekit.cli", "autograde", ASSIGNMENT,
                         "--jobs", "2"], ours.root)
        same = _scores(plain) == _scores(ours)
        print(f"{SUBMISSIONS} submissions of {ASSIGNMENT}, {os.cpu_count()} CPUs")
        print(f"nbgrader autograde (sequential):  {sequential:6.1f} s  "
              f"{SUBMISSIONS / sequential:5.2f} submissions/s")
        print(f"coursekit autograde --jobs 2:     {parallel:6.1f} s  "
              f"{SUBMISSIONS / parallel:5.2f} submissions/s")
        print(f"throughput ratio: {sequential / parallel:4.2f}x; identical grades: {same}")
        met = sequential / parallel >= 1.6 and same
        print(f"goal: >= 1.6x with identical grades -> {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
