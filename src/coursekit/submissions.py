"""Look at student submissions without changing them: what is there, what is broken, what happened.

Used by :mod:`coursekit.grading` before and after nbgrader runs, so that a submission that cannot
be graded is reported with a reason instead of showing up as a silent zero.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

#: Status of one submission after autograding. "graded*" rows have real scores; the others
#: could not be (fully) graded and say why in ``detail``.
STATUSES = {
    "graded": "autograded normally",
    "graded_with_warnings": "autograded, but the submission was altered (cells restored) or "
                            "output was truncated; see detail",
    "timeout": "a cell ran longer than the time limit; later cells may not have run",
    "invalid_notebook": "a notebook file is not valid JSON / nbformat, so nothing could run",
    "missing_notebook": "an expected notebook is missing (renamed or not submitted)",
    "grading_error": "nbgrader failed on this submission; see detail",
}
NOT_GRADED = {"invalid_notebook", "missing_notebook", "grading_error"}


@dataclass
class SubmissionResult:
    """What happened to one student's submission of one assignment."""

    student: str
    assignment: str
    status: str
    detail: str = ""
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


def fingerprint(folder: Path) -> dict[str, str]:
    """SHA-256 of every file below ``folder`` (relative path -> digest), to prove it unchanged."""
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def precheck(submission: Path, expected: list[str],
             released: Path | None = None) -> tuple[str | None, str, list[str]]:
    """Check a submission folder before grading.

    Returns ``(status, detail, notes)``: ``status`` is None when nbgrader should grade it, or
    ``invalid_notebook`` / ``missing_notebook`` when it cannot; ``notes`` lists oddities that do
    not stop grading: extra files, and read-only cells that were deleted, edited or changed type
    (compared with the released notebooks in ``released``; nbgrader restores them).
    """
    present = {p.name for p in submission.glob("*.ipynb")}
    notes = []
    extra = sorted(p.name for p in submission.iterdir()
                   if p.is_file() and p.name not in set(expected) | {"timestamp.txt"})
    if extra:
        notes.append("extra files ignored: " + ", ".join(extra))
    missing = [name for name in expected if name not in present]
    if missing:
        others = sorted(present - set(expected))
        hint = f"; found {', '.join(repr(o) for o in others)} instead (renamed?)" if others else ""
        return "missing_notebook", f"missing {', '.join(missing)}{hint}", notes
    for name in expected:
        problem = notebook_problem(submission / name)
        if problem:
            return "invalid_notebook", f"{name}: {problem}", notes
        if released is not None and (released / name).exists():
            notes += tampering(submission / name, released / name)
    return None, "", notes


def tampering(submitted: Path, released: Path) -> list[str]:
    """Read-only (locked) cells of the released notebook that the submission deleted, edited or
    turned into another cell type."""
    import nbformat

    def locked_cells(path: Path) -> dict[str, nbformat.NotebookNode]:
        nb = nbformat.read(path, as_version=4)
        return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells
                if c.metadata.get("nbgrader", {}).get("grade_id")}

    original, submission = locked_cells(released), locked_cells(submitted)
    notes = []
    for grade_id, cell in original.items():
        if not cell.metadata["nbgrader"].get("locked"):
            continue
        mine = submission.get(grade_id)
        if mine is None:
            notes.append(f"read-only cell {grade_id} was deleted (nbgrader restored it)")
        elif mine.cell_type != cell.cell_type:
            notes.append(f"read-only cell {grade_id} was changed to {mine.cell_type} "
                         "(nbgrader restored it)")
        elif mine.source.strip() != cell.source.strip():
            notes.append(f"read-only cell {grade_id} was edited (nbgrader restored it)")
    return notes


def notebook_problem(path: Path) -> str:
    """Why a notebook file cannot be read (empty string when it can)."""
    import nbformat

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return f"not UTF-8 text ({exc.reason})"
    try:
        content = json.loads(text)
    except json.JSONDecodeError as exc:
        return f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
    try:
        nbformat.validate(nbformat.from_dict(content))
    except Exception as exc:  # nbformat raises several kinds of validation error
        return f"not a valid notebook ({type(exc).__name__}: {str(exc).splitlines()[0][:200]})"
    return ""


_TIMEOUT = re.compile(r"Timeout waiting for execute reply \((\d+)s\)")
TRUNCATED_MARK = "... Output truncated ..."


def student_errors(autograded: Path) -> list[str]:
    """Errors raised by cells other than the tests (e.g. an import that fails), as notes."""
    import nbformat

    notes = []
    for path in sorted(autograded.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for number, cell in enumerate(nb.cells, start=1):
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type != "code" or (meta.get("grade") and not meta.get("solution")):
                continue
            for output in cell.get("outputs", []):
                # NotImplementedError is the stub of an unanswered question, not a problem
                if output.get("output_type") == "error" \
                        and output.get("ename") != "NotImplementedError":
                    notes.append(f"{path.name} cell {number} raised {output.get('ename')}")
    return notes


def classify(log: str, success: bool, error: str, autograded: Path) -> tuple[str, str, list[str]]:
    """Turn nbgrader's result for one submission into ``(status, detail, warnings)``."""
    if not success:
        last = [line for line in (error or log).strip().splitlines() if line.strip()]
        return "grading_error", last[-1][:300] if last else "nbgrader failed", []
    # nbgrader's own "checksum has changed" warning also fires for honest submissions (the
    # released test cells lack the hidden tests), so tampering is found by `precheck` instead.
    warnings = []
    if any(TRUNCATED_MARK in p.read_text(encoding="utf-8", errors="replace")
           for p in autograded.glob("*.ipynb")):
        warnings.append("very long output was truncated")
    warnings += student_errors(autograded)
    timeout = _TIMEOUT.search(log)
    if timeout:
        return "timeout", f"a cell ran longer than {timeout.group(1)} s and was interrupted", \
            warnings
    if warnings:
        return "graded_with_warnings", "; ".join(warnings), warnings
    return "graded", "", warnings
