"""The instructor workflow over nbgrader's Python API: release, autograde, feedback, grades.

A *course folder* is the repository root (or any folder with ``nbgrader_config.py``): assignment
sources live in ``exercises/<assignment>/``; nbgrader writes ``release/``, ``autograded/``,
``feedback/`` and ``gradebook.db``; students' work is read from ``submitted/<student>/<assignment>/``
and never written to. coursekit adds ``reports/<assignment>/`` with a status for every submission.

Release refuses an assignment whose solution does not score full marks or whose student version
would leak solution or hidden-test text. Autograde grades submissions in parallel, checks each one
first, and records why a submission could not be graded, so a broken notebook is never confused
with a real zero.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from coursekit.submissions import (
    NOT_GRADED,
    SubmissionResult,
    classify,
    fingerprint,
    precheck,
)

SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")
HIDDEN_MARKERS = ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
MIN_LEAK_LINE = 12  # shorter lines (e.g. "return x") may legitimately appear elsewhere


class GradingError(RuntimeError):
    """The workflow refused or failed; the message says what to do."""


def _ensure_tools_on_path() -> None:
    """nbgrader starts ``alembic`` as a program: the interpreter's bin folder must be on PATH."""
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


@dataclass(frozen=True)
class Course:
    """A course folder and the places nbgrader and coursekit use inside it."""

    root: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root).resolve())
        if not (self.root / "nbgrader_config.py").exists():
            raise GradingError(f"{self.root} has no nbgrader_config.py: run from the course folder "
                               "or pass --course")

    @property
    def source(self) -> Path:
        return self.root / self.config().CourseDirectory.source_directory

    def config(self):
        from traitlets.config.loader import PyFileConfigLoader

        config = PyFileConfigLoader("nbgrader_config.py", path=str(self.root)).load_config()
        config.CourseDirectory.root = str(self.root)
        config.Application.log_level = "WARN"
        return config

    def api(self):
        _ensure_tools_on_path()
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        config = self.config()
        return NbGraderAPI(CourseDirectory(config=config), config=config)

    def assignments(self) -> list[str]:
        return sorted(p.name for p in self.source.iterdir()
                      if p.is_dir() and any(p.glob("*.ipynb")))

    def notebooks(self, assignment: str) -> list[str]:
        folder = self.source / assignment
        if not folder.is_dir():
            raise GradingError(f"no assignment {assignment!r} in {self.source}; "
                               f"assignments: {', '.join(self.assignments())}")
        return sorted(p.name for p in folder.glob("*.ipynb"))

    def submitted(self) -> Path:
        return self.root / "submitted"

    def students(self, assignment: str) -> list[str]:
        return sorted(p.parent.name for p in self.submitted().glob(f"*/{assignment}")
                      if p.is_dir())

    def reports(self, assignment: str) -> Path:
        folder = self.root / "reports" / assignment
        folder.mkdir(parents=True, exist_ok=True)
        return folder


# --- release ---------------------------------------------------------------------------------

def leaks(source: str, released: str) -> list[str]:
    """Lines of solution or hidden-test text from a source notebook that appear in its release."""
    found = []
    outside = []
    for cell in json.loads(source)["cells"]:
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        inside = None
        for line in text.splitlines():
            stripped = line.strip()
            if stripped in (SOLUTION_MARKERS[0], HIDDEN_MARKERS[0]):
                inside = stripped
                continue
            if stripped in (SOLUTION_MARKERS[1], HIDDEN_MARKERS[1]):
                inside = None
                continue
            if inside is None:
                outside.append(stripped)
            elif len(stripped) >= MIN_LEAK_LINE:
                found.append(stripped)
    released_lines = {line.strip() for cell in json.loads(released)["cells"]
                      for line in ("".join(cell["source"]) if isinstance(cell["source"], list)
                                   else cell["source"]).splitlines()}
    markers = [m for m in SOLUTION_MARKERS + HIDDEN_MARKERS if m in released]
    return markers + [line for line in found if line in released_lines and line not in outside]


def _autograded_cells(course: Course, assignment: str, student: str) -> dict[str, tuple[float, float]]:
    """Grade-cell id -> (score, max) for the autograded (not manually graded) cells."""
    from nbgrader.api import Gradebook

    scores = {}
    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission(assignment, student)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                if grade.auto_score is not None and not grade.needs_manual_grade:
                    scores[f"{notebook.name}:{grade.name}"] = (grade.auto_score, grade.max_score)
    return scores


def validate_release(course: Course, assignment: str) -> dict:
    """Check an assignment in a scratch copy of the course: the solution scores full marks on
    every autograded cell, the student version scores zero, and nothing leaks."""
    with tempfile.TemporaryDirectory(prefix="coursekit-release-") as tmp:
        scratch = Path(tmp) / "course"
        scratch.mkdir()
        shutil.copy2(course.root / "nbgrader_config.py", scratch / "nbgrader_config.py")
        source_name = course.source.name
        shutil.copytree(course.source / assignment, scratch / source_name / assignment)
        copy = Course(scratch)
        api = copy.api()
        result = api.generate_assignment(assignment, force=True)
        if not result["success"]:
            raise GradingError(f"nbgrader could not generate {assignment}: "
                               f"{result.get('error', '').strip().splitlines()[-1:]}")
        problems = []
        for name in copy.notebooks(assignment):
            source = (copy.source / assignment / name).read_text(encoding="utf-8")
            released = (scratch / "release" / assignment / name).read_text(encoding="utf-8")
            problems += [f"{name}: release contains {line!r}" for line in leaks(source, released)]
        for student, folder in (("solution", copy.source), ("release", scratch / "release")):
            target = scratch / "submitted" / student / assignment
            shutil.copytree(folder / assignment, target)
            graded = api.autograde(assignment, student, force=True, create=True)
            if not graded["success"]:
                raise GradingError(f"autograding the {student} of {assignment} failed: "
                                   f"{graded.get('error', '').strip().splitlines()[-1:]}")
        solution = _autograded_cells(copy, assignment, "solution")
        release = _autograded_cells(copy, assignment, "release")
        problems += [f"solution scores {s:g}/{m:g} on {cell}" for cell, (s, m) in solution.items()
                     if s < m]
        problems += [f"student version scores {s:g}/{m:g} on {cell} (tests pass with no answer)"
                     for cell, (s, m) in release.items() if s > 0]
        if not solution:
            problems.append("no autograded cells found")
    return {"assignment": assignment, "autograded_cells": len(solution),
            "points": sum(m for _, m in solution.values()), "problems": problems}


def release(course: Course, assignment: str) -> dict:
    """Validate, then generate the student version in ``release/``. Refuses on any problem."""
    report = validate_release(course, assignment)
    if report["problems"]:
        raise GradingError(f"refusing to release {assignment}:\n  "
                           + "\n  ".join(report["problems"]))
    result = course.api().generate_assignment(assignment, force=True)
    if not result["success"]:
        raise GradingError(f"nbgrader generate_assignment failed for {assignment}")
    report["release"] = str(course.root / "release" / assignment)
    return report


# --- autograde -------------------------------------------------------------------------------

_WORKER_API = {}


def _grade_one(root: str, assignment: str, student: str) -> dict:
    """Autograde one submission in this process (nbgrader API created once per process)."""
    course = Course(Path(root))
    api = _WORKER_API.get(root)
    if api is None:
        api = _WORKER_API[root] = course.api()
    start = time.perf_counter()
    result = api.autograde(assignment, student, force=True, create=True)
    status, detail, warnings = classify(result.get("log", ""), result["success"],
                                        result.get("error", ""),
                                        course.root / "autograded" / student / assignment)
    return SubmissionResult(student, assignment, status, detail, warnings,
                            round(time.perf_counter() - start, 2)).to_dict()


def _progress_line(done: int, total: int, result: SubmissionResult) -> str:
    width = 24
    filled = int(width * done / max(total, 1))
    return (f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
            f"{result.student}: {result.status}" + (f" ({result.detail})" if result.detail else ""))


def autograde(course: Course, assignment: str, jobs: int = 1,
              progress: Callable[[str], None] | None = print) -> list[SubmissionResult]:
    """Autograde every submission of ``assignment`` in ``submitted/``, ``jobs`` at a time.

    Each submission is checked first; one that cannot be graded is recorded with its reason and
    the others are graded anyway. ``submitted/`` is fingerprinted before and after, and a change
    is reported as an error. Results go to ``reports/<assignment>/autograde.json``.
    """
    expected = course.notebooks(assignment)
    students = course.students(assignment)
    if not students:
        raise GradingError(f"no submissions for {assignment} in {course.submitted()}")
    if not (course.root / "release" / assignment).exists():
        raise GradingError(f"{assignment} has not been released: run `coursekit release "
                           f"{assignment}` first")
    before = fingerprint(course.submitted())
    results: list[SubmissionResult] = []
    todo = []
    for student in students:
        status, detail, notes = precheck(course.submitted() / student / assignment, expected,
                                         course.root / "release" / assignment)
        if status:
            results.append(SubmissionResult(student, assignment, status, detail, notes))
        else:
            todo.append((student, notes))
    if progress:
        for done, result in enumerate(results, start=1):
            progress(_progress_line(done, len(students), result))
    _ensure_tools_on_path()
    notes_by_student = dict(todo)
    if jobs <= 1:
        outcomes = (_grade_one(str(course.root), assignment, s) for s, _ in todo)
        pool = None
    else:
        pool = ProcessPoolExecutor(max_workers=jobs)
        outcomes = pool.map(_grade_one, [str(course.root)] * len(todo),
                            [assignment] * len(todo), [s for s, _ in todo])
    try:
        for outcome in outcomes:
            result = SubmissionResult(**outcome)
            notes = notes_by_student[result.student]
            result.warnings = notes + result.warnings
            if result.status in ("graded", "graded_with_warnings") and result.warnings:
                altered = any("restored" in w or "truncated" in w for w in result.warnings)
                result.status = "graded_with_warnings" if altered else "graded"
                result.detail = "; ".join(result.warnings)
            elif notes:
                result.detail = "; ".join([result.detail, *notes]).strip("; ")
            results.append(result)
            if progress:
                progress(_progress_line(len(results), len(students), result))
    finally:
        if pool is not None:
            pool.shutdown()
    if fingerprint(course.submitted()) != before:
        raise GradingError("submitted/ changed during autograding; this should never happen: "
                           "restore it from your collection backup")
    results.sort(key=lambda r: r.student)
    report = course.reports(assignment) / "autograde.json"
    report.write_text(json.dumps([r.to_dict() for r in results], indent=2), encoding="utf-8")
    return results


def load_statuses(course: Course, assignment: str) -> dict[str, SubmissionResult]:
    """The statuses recorded by the last autograde run (student -> result)."""
    path = course.root / "reports" / assignment / "autograde.json"
    if not path.exists():
        raise GradingError(f"no autograde report for {assignment}: run `coursekit autograde "
                           f"{assignment}` first")
    return {row["student"]: SubmissionResult(**row)
            for row in json.loads(path.read_text(encoding="utf-8"))}


# --- feedback --------------------------------------------------------------------------------

def feedback(course: Course, assignment: str) -> list[Path]:
    """Feedback HTML for every graded submission (charts appear as the static SVG they were
    rendered to). Returns the files written."""
    statuses = load_statuses(course, assignment)
    api = course.api()
    written = []
    for student, result in statuses.items():
        if result.status in NOT_GRADED:
            continue
        outcome = api.generate_feedback(assignment, student, force=True)
        if not outcome["success"]:
            raise GradingError(f"feedback failed for {student}: "
                               f"{outcome.get('error', '').strip().splitlines()[-1:]}")
        written += sorted((course.root / "feedback" / student / assignment).glob("*.html"))
    return written
