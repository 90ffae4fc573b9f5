"""Grade exports and the instructor's report: who scored what, and who could not be graded.

``grades_table`` gives the columns of ``nbgrader export`` (same names, same order) plus
``status`` and ``detail`` from coursekit's autograde run, so a real zero and an ungradable
submission are told apart. ``write_report`` saves that CSV and an HTML page with the score
distribution, per-question results and the list of submissions that need attention.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from coursekit.grading import Course, load_statuses
from coursekit.submissions import NOT_GRADED, STATUSES

EXPORT_COLUMNS = ["assignment", "duedate", "timestamp", "student_id", "last_name", "first_name",
                  "email", "raw_score", "late_submission_penalty", "score", "max_score"]


def _gradebook(course: Course):
    from nbgrader.api import Gradebook

    return Gradebook(f"sqlite:///{course.root / 'gradebook.db'}")


def grades_table(course: Course, assignment: str) -> pd.DataFrame:
    """One row per student who submitted: nbgrader's export columns + ``status`` + ``detail``."""
    statuses = load_statuses(course, assignment)
    rows = []
    with _gradebook(course) as gradebook:
        max_score = gradebook.find_assignment(assignment).max_score
        duedate = gradebook.find_assignment(assignment).duedate
        for student, result in sorted(statuses.items()):
            row = dict.fromkeys(EXPORT_COLUMNS, "")
            row.update(assignment=assignment, duedate=duedate or "", student_id=student,
                       max_score=max_score, raw_score=0.0, late_submission_penalty=0.0,
                       score=0.0)
            try:
                record = gradebook.find_student(student)
                row.update(last_name=record.last_name or "", first_name=record.first_name or "",
                           email=record.email or "")
            except Exception:  # nbgrader raises MissingEntry for students it never saw
                pass
            if result.status not in NOT_GRADED:
                submission = gradebook.find_submission(assignment, student)
                penalty = submission.late_submission_penalty or 0.0
                row.update(timestamp=submission.timestamp or "", raw_score=submission.score,
                           late_submission_penalty=penalty,
                           score=max(0.0, submission.score - penalty))
            row.update(status=result.status, detail=result.detail)
            rows.append(row)
    return pd.DataFrame(rows, columns=EXPORT_COLUMNS + ["status", "detail"])


def question_table(course: Course, assignment: str) -> pd.DataFrame:
    """Per grade cell: points, how many graded submissions got full / partial / no marks, and
    how many still need manual grading."""
    statuses = load_statuses(course, assignment)
    graded = [s for s, r in statuses.items() if r.status not in NOT_GRADED]
    records = []
    with _gradebook(course) as gradebook:
        for student in graded:
            submission = gradebook.find_submission(assignment, student)
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    records.append({"notebook": notebook.name, "question": grade.name,
                                    "points": grade.max_score, "score": grade.score,
                                    "needs_manual_grade": grade.needs_manual_grade})
    if not records:
        return pd.DataFrame(columns=["notebook", "question", "points", "full", "partial", "zero",
                                     "needs_manual_grade", "mean_score"])
    frame = pd.DataFrame(records)
    summary = frame.groupby(["notebook", "question", "points"], sort=False).agg(
        full=("score", lambda s: int((s >= frame.loc[s.index, "points"]).sum())),
        partial=("score", lambda s: int(((s > 0) & (s < frame.loc[s.index, "points"])).sum())),
        zero=("score", lambda s: int((s == 0).sum())),
        needs_manual_grade=("needs_manual_grade", "sum"),
        mean_score=("score", "mean"))
    return summary.reset_index().round({"mean_score": 2})


def score_distribution(scores: pd.Series, max_score: float, bins: int = 8) -> pd.DataFrame:
    """How many scores fall in each of ``bins`` equal ranges from 0 to ``max_score``, in order
    (the last range includes full marks)."""
    width = max_score / bins if max_score > 0 else 1.0
    index = (scores // width).clip(upper=bins - 1).astype(int)
    labels = [f"{i * width:g}–{(i + 1) * width:g}" for i in range(bins)]
    counts = index.value_counts().reindex(range(bins), fill_value=0)
    return pd.DataFrame({"score range": labels, "students": counts.to_numpy()})


def write_report(course: Course, assignment: str) -> tuple[Path, Path]:
    """Write ``reports/<assignment>/grades.csv`` and ``report.html``; return both paths."""
    from coursekit import charts, render

    folder = course.reports(assignment)
    table = grades_table(course, assignment)
    csv_path = folder / "grades.csv"
    table.to_csv(csv_path, index=False)
    questions = question_table(course, assignment)
    attention = table[table["status"] != "graded"][["student_id", "status", "detail"]]
    graded = table[~table["status"].isin(NOT_GRADED)]
    distribution = score_distribution(graded["score"].astype(float),
                                      float(table["max_score"].iloc[0]))
    chart = charts.bars(distribution, "score range", "students",
                        order=list(distribution["score range"]),
                        title=f"{assignment}: score distribution ({len(graded)} graded)",
                        description="Bar chart of the number of graded submissions per score "
                                    "range.")
    svg = render.spec_to_svg(render.chart_spec(chart))
    legend = "".join(f"<li><b>{html.escape(k)}</b>: {html.escape(v)}</li>"
                     for k, v in STATUSES.items())
    page = f"""<!doctype html><html><head><meta charset="utf-8">
<title>{html.escape(assignment)} grades</title>
<style>body{{font-family:sans-serif;margin:2em;max-width:70em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.2em .5em}}.warn{{color:#a63603}}</style></head><body>
<h1>{html.escape(assignment)}: grading report</h1>
<p>{len(table)} submissions; {len(graded)} graded; <span class="warn">{len(table) - len(graded)}
could not be graded</span>; {int((table['status'] == 'graded_with_warnings').sum())} graded
with warnings; {int((table['status'] == 'timeout').sum())} timed out.</p>
<h2>Needs your attention</h2>
{attention.to_html(index=False) if len(attention) else '<p>Nothing: every submission graded normally.</p>'}
<h2>Score distribution</h2>{svg}
<h2>Per question</h2>{questions.to_html(index=False)}
<h2>All students</h2>{table.to_html(index=False)}
<h2>What the statuses mean</h2><ul>{legend}</ul>
</body></html>"""
    html_path = folder / "report.html"
    html_path.write_text(page, encoding="utf-8")
    return csv_path, html_path
