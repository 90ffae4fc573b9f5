"""A demo class: synthetic submissions for trying (and testing) the grading workflow.

``make_demo_class`` writes ``submitted/<student>/<assignment>/`` folders built from an assignment's
source (solutions) and its released version: complete, blank and partly answered notebooks, and,
on request, one of each kind of broken submission an instructor meets in practice. It refuses to
touch a student folder that already exists, so real submissions are never overwritten.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path

import nbformat

from coursekit.grading import Course, GradingError

#: Broken submissions, each named for what is wrong with it.
BROKEN = ("invalid_json", "deleted_test_cell", "edited_test_cell", "changed_cell_type",
          "infinite_loop", "exception_at_import", "huge_output", "missing_notebook", "extra_file",
          "renamed_notebook")
TIMESTAMP = "2026-11-20 10:00:00.000000 UTC"


def _cells_by_id(nb: nbformat.NotebookNode) -> dict[str, int]:
    return {cell.metadata.get("nbgrader", {}).get("grade_id"): i for i, cell in enumerate(nb.cells)
            if cell.metadata.get("nbgrader", {}).get("grade_id")}


def _answer_ids(nb: nbformat.NotebookNode) -> list[str]:
    return [cell.metadata["nbgrader"]["grade_id"] for cell in nb.cells
            if cell.metadata.get("nbgrader", {}).get("solution")]


def _first_test(nb: nbformat.NotebookNode) -> int:
    return next(i for i, cell in enumerate(nb.cells)
                if cell.metadata.get("nbgrader", {}).get("grade")
                and not cell.metadata["nbgrader"].get("solution"))


def _first_answer(nb: nbformat.NotebookNode) -> int:
    return next(i for i, cell in enumerate(nb.cells)
                if cell.metadata.get("nbgrader", {}).get("solution") and cell.cell_type == "code")


def answered(source: nbformat.NotebookNode, released: nbformat.NotebookNode,
             answer_ids: set[str]) -> nbformat.NotebookNode:
    """The released notebook with the source's (solution) text in the given answer cells."""
    result = copy.deepcopy(released)
    src_index, out_index = _cells_by_id(source), _cells_by_id(result)
    for grade_id in answer_ids:
        solution = source.cells[src_index[grade_id]].source
        text = "\n".join(line for line in solution.splitlines()
                         if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))
        result.cells[out_index[grade_id]].source = text
    return result


def broken(kind: str, good: nbformat.NotebookNode) -> nbformat.NotebookNode | str | None:
    """A broken variant of a good submission: a notebook, raw text (invalid JSON) or None."""
    nb = copy.deepcopy(good)
    if kind == "invalid_json":
        return nbformat.writes(nb)[:-40]
    if kind == "deleted_test_cell":
        del nb.cells[_first_test(nb)]
    elif kind == "edited_test_cell":
        nb.cells[_first_test(nb)].source = "assert True  # tests removed"
    elif kind == "changed_cell_type":
        index = _first_test(nb)
        cell = nbformat.v4.new_markdown_cell(nb.cells[index].source)
        cell.metadata = nb.cells[index].metadata
        cell["id"] = nb.cells[index].get("id", "changed")
        nb.cells[index] = cell
    elif kind == "infinite_loop":
        nb.cells[_first_answer(nb)].source = "while True:\n    pass"
    elif kind == "exception_at_import":
        nb.cells.insert(0, nbformat.v4.new_code_cell("import a_module_that_does_not_exist"))
    elif kind == "huge_output":
        index = _first_answer(nb)
        nb.cells[index].source += "\nfor _ in range(200_000):\n    print('spam ' * 10)"
    elif kind == "missing_notebook":
        return None
    elif kind not in ("extra_file", "renamed_notebook"):
        raise ValueError(f"unknown broken kind {kind!r}; choose from {BROKEN}")
    return nb


def make_demo_class(course: Course, assignment: str, students: int = 12,
                    include_broken: bool = False, seed: int = 0) -> list[str]:
    """Write a demo class's submissions; returns the student ids created."""
    release_dir = course.root / "release" / assignment
    if not release_dir.exists():
        raise GradingError(f"release {assignment} first (`coursekit release {assignment}`)")
    rng = random.Random(seed)
    names = course.notebooks(assignment)
    plan = [(f"student{i:02d}", "mixed") for i in range(1, students + 1)]
    if include_broken:
        plan += [(f"broken_{kind}", kind) for kind in BROKEN]
    for student, _ in plan:
        if (course.submitted() / student / assignment).exists():
            raise GradingError(f"submitted/{student}/{assignment} already exists; "
                               "the demo never overwrites submissions")
    for number, (student, kind) in enumerate(plan):
        folder = course.submitted() / student / assignment
        folder.mkdir(parents=True)
        (folder / "timestamp.txt").write_text(TIMESTAMP, encoding="utf-8")
        for name in names:
            source = nbformat.read(course.source / assignment / name, as_version=4)
            released = nbformat.read(release_dir / name, as_version=4)
            ids = _answer_ids(source)
            if kind == "mixed":
                share = [1.0, 0.0, 0.5, 0.75][number % 4]
                chosen = {i for i in ids if rng.random() < share}
                _write(folder / name, answered(source, released, chosen))
                continue
            result = broken(kind, answered(source, released, set(ids)))
            target = folder / ("renamed copy.ipynb" if kind == "renamed_notebook" else name)
            if isinstance(result, str):
                target.write_text(result, encoding="utf-8")
            elif result is not None:
                _write(target, result)
        if kind == "extra_file":
            (folder / "my_notes.txt").write_text("notes", encoding="utf-8")
    return [student for student, _ in plan]


def _write(path: Path, nb: nbformat.NotebookNode) -> None:
    nbformat.write(nb, path)
