"""Every notebook under lessons/ and exercises/ is clean: valid, stripped, one title, objectives."""

from __future__ import annotations

import re

import nbformat
import pytest

from conftest import ALL_NOTEBOOKS, LESSONS, notebook_id

OBJECTIVES = re.compile(r"learning objectives|you will be able to|objectives", re.IGNORECASE)
H1 = re.compile(r"^# \S", re.MULTILINE)


def _markdown(nb) -> list[str]:
    return [cell.source for cell in nb.cells if cell.cell_type == "markdown"]


def _h1_count(text: str) -> int:
    without_code = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    return len(H1.findall(without_code))


def test_there_are_notebooks_to_check():
    assert LESSONS, "lessons/ has no notebooks"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=notebook_id)
def test_valid_nbformat(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=notebook_id)
def test_no_outputs_or_execution_counts(path):
    nb = nbformat.read(path, as_version=4)
    dirty = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
             and (cell.outputs or cell.execution_count is not None)]
    assert not dirty, f"{path.name}: cells {dirty} have outputs or execution counts; strip them"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=notebook_id)
def test_python3_kernelspec(path):
    nb = nbformat.read(path, as_version=4)
    spec = nb.metadata.get("kernelspec", {})
    assert spec.get("name") == "python3" and spec.get("language") == "python", spec


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=notebook_id)
def test_exactly_one_h1_and_it_comes_first(path):
    nb = nbformat.read(path, as_version=4)
    counts = [_h1_count(text) for text in _markdown(nb)]
    assert sum(counts) == 1, f"{path.name}: {sum(counts)} H1 headings, expected exactly 1"
    first_is_title = nb.cells[0].cell_type == "markdown" and counts[0] == 1
    assert first_is_title, "the title must open the notebook"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=notebook_id)
def test_learning_objectives_near_the_top(path):
    nb = nbformat.read(path, as_version=4)
    top = "\n".join(cell.source for cell in nb.cells[:3] if cell.cell_type == "markdown")
    assert OBJECTIVES.search(top), f"{path.name}: no learning objectives in the first 3 cells"


@pytest.mark.parametrize("path", LESSONS, ids=notebook_id)
def test_lesson_calls_render_setup_in_its_first_code_cell(path):
    nb = nbformat.read(path, as_version=4)
    first_code = next(cell.source for cell in nb.cells if cell.cell_type == "code")
    assert "render.setup()" in first_code, f"{path.name}: first code cell must call render.setup()"
