"""The nbgrader round trip and the instructor workflow, run on nbgrader itself in temporary
course folders (never in the repository)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from conftest import ROOT
from coursekit import cli, grading, report
from coursekit.demo import BROKEN, make_demo_class
from coursekit.submissions import NOT_GRADED, fingerprint

pytestmark = pytest.mark.grading
ASSIGNMENTS = sorted(p.name for p in (ROOT / "exercises").iterdir() if p.is_dir())
DEMO = "ps01_us_federalism"
TEST_TIMEOUT = 10  # seconds per cell: keeps the infinite-loop submission short


def _course(target: Path) -> grading.Course:
    """A scratch course: the repository's nbgrader config and exercise sources, faster timeout."""
    target.mkdir(parents=True, exist_ok=True)
    config = (ROOT / "nbgrader_config.py").read_text(encoding="utf-8")
    (target / "nbgrader_config.py").write_text(
        config + f"\nc.Execute.timeout = {TEST_TIMEOUT}\n", encoding="utf-8")
    shutil.copytree(ROOT / "exercises", target / "exercises")
    return grading.Course(target)


# --- the assignments themselves ------------------------------------------------------------------

def _cells(path: Path) -> list[tuple[str, dict, str]]:
    nb = nbformat.read(path, as_version=4)
    return [(c.cell_type, c.metadata.get("nbgrader", {}), c.source) for c in nb.cells]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_assignment_has_the_required_questions(assignment):
    (path,) = (ROOT / "exercises" / assignment).glob("*.ipynb")
    cells = _cells(path)
    answers = [s for t, m, s in cells if t == "code" and m.get("solution")]
    tests = [(m, s) for t, m, s in cells if t == "code" and m.get("grade") and not m.get("solution")]
    written = [m for t, m, s in cells if t == "markdown" and m.get("grade") and m.get("solution")]
    charts = [s for m, s in tests if "checks.expect_chart(" in s]
    assert len(tests) - len(charts) >= 4, "at least four autograded code answers"
    assert len(answers) >= 5 and len(charts) >= 1, "a chart answer graded through its spec"
    assert written and all(m.get("points", 0) > 0 for m in written), "a hand-graded written answer"
    assert all("### BEGIN HIDDEN TESTS" in s for _, s in tests), "every test cell has hidden tests"
    assert all(m.get("points", 0) > 0 and m.get("locked") for m, _ in tests)
    rubric = [s for t, m, s in cells if t == "markdown" and m.get("locked") and "Rubric" in s]
    assert rubric, "the written question shows its rubric"
    intro = cells[0][2]
    assert "Estimated time" in intro and "Learning objectives" in intro and "points" in intro


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_visible_tests_do_not_contain_the_answers(assignment):
    (path,) = (ROOT / "exercises" / assignment).glob("*.ipynb")
    cells = _cells(path)
    solutions = [line.strip() for t, m, s in cells if t == "code" and m.get("solution")
                 for line in s.split("### BEGIN SOLUTION")[-1].split("### END SOLUTION")[0]
                 .splitlines() if len(line.strip()) >= grading.MIN_LEAK_LINE]
    visible = [s.split("### BEGIN HIDDEN TESTS")[0] for t, m, s in cells
               if t == "code" and m.get("grade") and not m.get("solution")]
    for line in solutions:
        assert not any(line in part for part in visible), f"visible test reveals {line!r}"


def test_leak_detector_finds_solution_and_hidden_lines():
    def nb(*sources):
        return json.dumps({"cells": [{"cell_type": "code", "source": s} for s in sources]})

    source = nb("x = 1\n### BEGIN SOLUTION\nanswer = compute_the_answer()\n### END SOLUTION",
                "assert x\n### BEGIN HIDDEN TESTS\nassert answer == secret_value\n### END HIDDEN TESTS")
    clean = nb("x = 1\n# YOUR CODE HERE\nraise NotImplementedError()", "assert x")
    leaky = nb("x = 1\nanswer = compute_the_answer()", "assert x\nassert answer == secret_value")
    assert grading.leaks(source, clean) == []
    assert set(grading.leaks(source, leaky)) == {"answer = compute_the_answer()",
                                                 "assert answer == secret_value"}
    assert "### BEGIN SOLUTION" in grading.leaks(source, source)


# --- release: solution full marks, release zero, no leaks -----------------------------------------

@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_round_trip_solution_full_marks_release_zero(tmp_path, assignment):
    course = _course(tmp_path / "course")
    result = grading.validate_release(course, assignment)
    assert result["problems"] == []
    assert result["autograded_cells"] >= 5 and result["points"] > 0
    assert not (course.root / "release").exists(), "validation works in a scratch copy"


def test_release_refuses_a_broken_solution(tmp_path):
    course = _course(tmp_path / "course")
    (path,) = (course.source / DEMO).glob("*.ipynb")
    nb = nbformat.read(path, as_version=4)
    answer = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "q1")
    answer.source = answer.source.replace("n_vetoed = int(", "n_vetoed = 1 + int(")
    nbformat.write(nb, path)
    with pytest.raises(grading.GradingError, match="solution scores 0/2 on .*test_q1"):
        grading.release(course, DEMO)
    assert not (course.root / "release" / DEMO).exists()


def test_release_refuses_tests_that_pass_without_an_answer(tmp_path):
    course = _course(tmp_path / "course")
    (path,) = (course.source / DEMO).glob("*.ipynb")
    nb = nbformat.read(path, as_version=4)
    test = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "test_q1")
    test.source = "assert True\n### BEGIN HIDDEN TESTS\nassert 1 == 1\n### END HIDDEN TESTS"
    nbformat.write(nb, path)
    with pytest.raises(grading.GradingError, match="student version scores 2/2"):
        grading.release(course, DEMO)


# --- a class with broken submissions --------------------------------------------------------------

EXPECTED = {
    "broken_invalid_json": "invalid_notebook",
    "broken_missing_notebook": "missing_notebook",
    "broken_renamed_notebook": "missing_notebook",
    "broken_deleted_test_cell": "graded_with_warnings",
    "broken_edited_test_cell": "graded_with_warnings",
    "broken_changed_cell_type": "graded_with_warnings",
    "broken_huge_output": "graded_with_warnings",
    "broken_infinite_loop": "timeout",
    "broken_exception_at_import": "graded",
    "broken_extra_file": "graded",
}


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    """One demo class graded twice: with two parallel jobs and sequentially, in two courses."""
    base = tmp_path_factory.mktemp("grading")
    parallel = _course(base / "parallel")
    grading.release(parallel, DEMO)
    students = make_demo_class(parallel, DEMO, students=4, include_broken=True)
    sequential = _course(base / "sequential")
    grading.release(sequential, DEMO)
    shutil.copytree(parallel.submitted(), sequential.submitted())
    before = fingerprint(parallel.submitted())
    lines = []
    results = grading.autograde(parallel, DEMO, jobs=2, progress=lines.append)
    after = fingerprint(parallel.submitted())
    sequential_results = grading.autograde(sequential, DEMO, jobs=1, progress=None)
    return dict(course=parallel, sequential=sequential, students=students, results=results,
                sequential_results=sequential_results, before=before, after=after,
                progress=lines)


def test_every_broken_submission_is_graded_or_flagged(graded_class):
    statuses = {r.student: r.status for r in graded_class["results"]}
    assert set(statuses) == set(graded_class["students"])
    for student, expected in EXPECTED.items():
        assert statuses[student] == expected, (student, statuses[student])
    assert len(EXPECTED) == len(BROKEN)
    ordinary = [s for s in statuses if s.startswith("student")]
    assert all(statuses[s] == "graded" for s in ordinary), "honest submissions are not flagged"


def test_reasons_are_specific(graded_class):
    details = {r.student: r.detail for r in graded_class["results"]}
    assert "not valid JSON (line" in details["broken_invalid_json"]
    assert "renamed copy.ipynb" in details["broken_renamed_notebook"]
    assert "deleted" in details["broken_deleted_test_cell"]
    assert "edited" in details["broken_edited_test_cell"]
    assert "changed to markdown" in details["broken_changed_cell_type"]
    assert "truncated" in details["broken_huge_output"]
    assert f"longer than {TEST_TIMEOUT} s" in details["broken_infinite_loop"]
    assert "ModuleNotFoundError" in details["broken_exception_at_import"]
    assert "my_notes.txt" in details["broken_extra_file"]


def test_submitted_is_byte_for_byte_unchanged(graded_class):
    assert graded_class["before"] == graded_class["after"]
    assert len(graded_class["before"]) > len(graded_class["students"])


def test_parallel_grades_equal_sequential_grades(graded_class):
    parallel = report.grades_table(graded_class["course"], DEMO)
    sequential = report.grades_table(graded_class["sequential"], DEMO)
    columns = ["student_id", "raw_score", "score", "max_score", "status"]
    pd.testing.assert_frame_equal(parallel[columns], sequential[columns])


def test_progress_reports_every_submission(graded_class):
    lines = graded_class["progress"]
    assert len(lines) == len(graded_class["students"])
    assert lines[-1].startswith("[" + "#" * 24 + "]")


def test_grades_csv_tells_real_zeros_from_ungradable(graded_class):
    course = graded_class["course"]
    csv_path, html_path = report.write_report(course, DEMO)
    table = pd.read_csv(csv_path, keep_default_na=False)
    assert list(table.columns[:11]) == report.EXPORT_COLUMNS
    by_student = table.set_index("student_id")
    assert by_student.loc["broken_invalid_json", "status"] == "invalid_notebook"
    assert by_student.loc["broken_invalid_json", "score"] == 0
    blank = by_student.loc["student02"]  # the demo's student02 answers nothing
    assert blank["status"] == "graded" and blank["score"] == 0
    full = by_student.loc["student01"]  # and student01 answers everything
    assert full["status"] == "graded" and full["score"] == full["max_score"] - 4  # minus written
    page = html_path.read_text(encoding="utf-8")
    assert "could not be graded" in page and "broken_invalid_json" in page and "<svg" in page


def test_grades_columns_match_nbgrader_export(graded_class):
    course = graded_class["course"]
    out = course.root / "export.csv"
    env_bin = str(Path(sys.executable).parent)
    subprocess.run([sys.executable, "-m", "nbgrader", "export", "--to", str(out)],
                   cwd=course.root, check=True, capture_output=True,
                   env={"PATH": env_bin + ":/usr/bin:/bin", "HOME": str(course.root)})
    exported = pd.read_csv(out)
    assert list(exported.columns) == report.EXPORT_COLUMNS
    ours = report.grades_table(course, DEMO).set_index("student_id")
    for _, row in exported.iterrows():
        if ours.loc[row["student_id"], "status"] not in NOT_GRADED:
            assert row["score"] == pytest.approx(ours.loc[row["student_id"], "score"])


def test_per_question_table(graded_class):
    questions = report.question_table(graded_class["course"], DEMO)
    assert {"test_q1", "test_q5", "q6"} <= set(questions["question"])
    written = questions.set_index("question").loc["q6"]
    assert written["needs_manual_grade"] > 0


def test_feedback_has_static_charts(graded_class):
    course = graded_class["course"]
    written = grading.feedback(course, DEMO)
    graded = [r.student for r in graded_class["results"] if r.status not in NOT_GRADED]
    assert {p.parent.parent.name for p in written} == set(graded)
    page = (course.root / "feedback" / "student01" / DEMO / f"{DEMO}.html").read_text()
    assert "data:image/svg+xml" in page or "<svg" in page


def test_cli_reports_errors_clearly(graded_class, capsys):
    course = graded_class["course"]
    assert cli.main(["--course", str(course.root), "grades", DEMO]) == 0
    assert cli.main(["--course", str(course.root), "autograde", "no_such_assignment"]) == 1
    assert "no assignment 'no_such_assignment'" in capsys.readouterr().err
    assert cli.main(["--course", str(course.root), "demo", DEMO, "--students", "1"]) == 1
    assert "never overwrites" in capsys.readouterr().err


def test_score_distribution_bins_every_score_once():
    scores = pd.Series([0.0, 2.0, 7.9, 8.0, 16.0])
    table = report.score_distribution(scores, 16.0, bins=8)
    assert list(table["score range"])[0] == "0–2" and list(table["score range"])[-1] == "14–16"
    assert table["students"].sum() == len(scores)
    assert table.set_index("score range").loc["14–16", "students"] == 1  # full marks included
