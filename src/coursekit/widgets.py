"""ipywidgets explorers: thin views wiring controls to pure functions and chart builders.

Each explorer keeps its current chart spec and table in attributes (``chart``, ``rows``) so that
tests can drive the controls without a browser or a kernel. Charts reach the screen through
``Output.outputs`` (see :func:`coursekit.render.display_data`), which works with or without a kernel.
"""

from __future__ import annotations

import altair as alt
import ipywidgets as W
import pandas as pd

from coursekit import charts, data, render
from coursekit.checks import check_choice

PREVIEW_ROWS = 8
PREVIEW_COLUMNS = 7
DEFAULT_TABLE = "us_state_instruments"
HIDDEN_IN_PREVIEW = {"summary", "note", "source_primary", "source_accessed"}
DATE_COLUMNS = ("date_issued", "date_announced", "date_designated", "as_of", "date_joined")


def filter_rows(frame: pd.DataFrame, text: str) -> pd.DataFrame:
    """Rows where any text cell contains ``text`` (case-insensitive); all rows when empty."""
    text = text.strip().lower()
    if not text:
        return frame
    cells = frame.select_dtypes(exclude=["datetime", "number", "bool"]).astype("string")
    hits = cells.apply(lambda column: column.str.lower().str.contains(text, regex=False))
    return frame[hits.fillna(False).any(axis=1)]


def first_date_column(frame: pd.DataFrame) -> str | None:
    """The column that dates a row in this table, if any."""
    return next((c for c in DATE_COLUMNS if c in frame.columns), None)


def browser_chart(name: str, frame: pd.DataFrame) -> alt.Chart:
    """The chart that summarises a (filtered) table in the dataset browser."""
    date_column = first_date_column(frame)
    if date_column is not None:
        color = "status" if "status" in frame.columns else None
        return charts.count_by_year(
            frame, date_column, title=f"{name}: rows per year ({date_column})",
            description=f"Bar chart of the number of rows in {name} per year of {date_column}.",
            color=color)
    sizes = frame.groupby(frame.columns[1], observed=True).size().rename("rows").reset_index()
    sizes = sizes.rename(columns={frame.columns[1]: "table"})
    return charts.rows_per_table(
        sizes, title=f"{name}: rows by {frame.columns[1]}",
        description=f"Bar chart of the number of rows in {name} by {frame.columns[1]}.")


def preview_html(frame: pd.DataFrame) -> str:
    """The first rows of a table as HTML, without the long text columns."""
    columns = [c for c in frame.columns if c not in HIDDEN_IN_PREVIEW]
    columns = columns[:PREVIEW_COLUMNS - 1] + (["source_url"] if "source_url" in columns else [])
    shown = frame.loc[:, list(dict.fromkeys(columns))].head(PREVIEW_ROWS)
    return shown.to_html(index=False, na_rep="", render_links=True, escape=True)


class DatasetBrowser:
    """Pick a table, type a search term, see matching rows and a chart of them."""

    def __init__(self, tables: dict[str, pd.DataFrame] | None = None):
        self.tables = tables if tables is not None else data.load_all()
        names = list(self.tables)
        first = DEFAULT_TABLE if DEFAULT_TABLE in names else names[0]
        self.table = W.Dropdown(options=names, value=first, description="Table")
        self.search = W.Text(value="", placeholder="e.g. California, 算法, deepfake",
                             description="Search", continuous_update=False)
        self.summary = W.HTML()
        self.preview = W.HTML()
        self.chart_out = W.Output()
        self.table.observe(self._refresh, names="value")
        self.search.observe(self._refresh, names="value")
        self.widget = W.VBox([W.HBox([self.table, self.search]), self.summary,
                              self.chart_out, self.preview])
        self._refresh()

    def _refresh(self, _change: dict | None = None) -> None:
        name = self.table.value
        frame = self.tables[name]
        self.rows = filter_rows(frame, self.search.value)
        self.summary.value = (f"<b>{len(self.rows)}</b> of {len(frame)} rows in "
                              f"<code>{name}</code>")
        self.chart = browser_chart(name, self.rows)
        self.chart_out.outputs = (render.display_data(self.chart),)
        self.preview.value = preview_html(self.rows)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def dataset_browser(tables: dict[str, pd.DataFrame] | None = None) -> DatasetBrowser:
    """A dataset browser over every table (or the ``tables`` given)."""
    return DatasetBrowser(tables)


class Quiz:
    """A multiple-choice question with immediate feedback (for "check your understanding")."""

    def __init__(self, question: str, options: list[str], answer: int, explanation: str = ""):
        self.options, self.answer, self.explanation = list(options), answer, explanation
        check_choice(None, answer, self.options)  # fail early on a bad answer index
        self.choice = W.RadioButtons(options=[(text, i) for i, text in enumerate(self.options)],
                                     value=None, layout=W.Layout(width="max-content"))
        self.button = W.Button(description="Check", button_style="primary")
        self.feedback = W.HTML()
        self.correct: bool | None = None
        self.button.on_click(self.check)
        self.widget = W.VBox([W.HTML(f"<b>{question}</b>"), self.choice, self.button,
                              self.feedback])

    def check(self, _button: W.Button | None = None) -> bool:
        """Judge the selected option and show the feedback; return whether it is right."""
        self.correct, message = check_choice(self.choice.value, self.answer, self.options,
                                             self.explanation)
        colour = "#006d2c" if self.correct else "#a63603"
        self.feedback.value = f'<span style="color:{colour}">{message}</span>'
        return self.correct

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def quiz(question: str, options: list[str], answer: int, explanation: str = "") -> Quiz:
    """A "check your understanding" question; ``answer`` is the index of the right option."""
    return Quiz(question, options, answer, explanation)
