"""Each lesson meets the course's standards: objectives and time at the top; prose, charts,
widgets, self-checks, key points, discussion questions and references."""

from __future__ import annotations

import re

import nbformat
import pytest

from conftest import LESSONS, notebook_id

MIN_WORDS, MIN_CHARTS, MIN_QUIZZES, MIN_REFERENCES = 1500, 3, 3, 5
WIDGET_CALL = re.compile(r"widgets\.(?!quiz)\w+\(")


def _parts(path):
    nb = nbformat.read(path, as_version=4)
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    return nb, prose, code


@pytest.mark.parametrize("path", LESSONS, ids=notebook_id)
def test_objectives_and_estimated_time_at_the_top(path):
    nb, _, _ = _parts(path)
    top = nb.cells[0].source
    assert re.search(r"estimated time: \d+ minutes", top), "state the estimated time in the first cell"
    assert "Learning objectives" in top


@pytest.mark.parametrize("path", LESSONS, ids=notebook_id)
def test_enough_teaching_prose(path):
    _, prose, _ = _parts(path)
    teaching = prose.split("## References")[0]
    words = len(re.findall(r"[A-Za-z][A-Za-z'’-]*", teaching))
    assert words >= MIN_WORDS, f"{words} words of prose before the references"


@pytest.mark.parametrize("path", LESSONS, ids=notebook_id)
def test_charts_widgets_and_self_checks(path):
    _, _, code = _parts(path)
    charts = sum(len(re.findall(r"\bcharts\.\w+\(", cell)) for cell in code)
    quizzes = sum(cell.count("widgets.quiz(") for cell in code)
    widgets = sum(len(WIDGET_CALL.findall(cell)) for cell in code)
    assert charts >= MIN_CHARTS, f"{charts} chart calls"
    assert quizzes >= MIN_QUIZZES, f"{quizzes} quiz questions"
    assert widgets >= 1, "no interactive explorer widget"


@pytest.mark.parametrize("path", LESSONS, ids=notebook_id)
def test_closing_sections(path):
    _, prose, _ = _parts(path)
    for heading in ("## Key points", "## Discussion questions", "## References"):
        assert heading in prose, f"missing {heading!r}"
    references = prose.split("## References", 1)[1]
    entries = [line for line in references.splitlines() if line.startswith("* ")]
    assert len(entries) >= MIN_REFERENCES
    assert any("Wu, Jason Jia-Xi" in entry for entry in entries), "cite the article"
    assert prose.index("## Key points") > prose.index("Learning objectives")


@pytest.mark.parametrize("path", LESSONS, ids=notebook_id)
def test_code_cells_stay_short(path):
    _, _, code = _parts(path)
    long_cells = [i for i, cell in enumerate(code) if len(cell.splitlines()) > 12]
    assert not long_cells, f"code cells {long_cells} are long: move logic into coursekit"
