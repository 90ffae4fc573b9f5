"""Altair chart builders on the course's tables.

Every builder returns an ``alt.Chart`` (or layer) with a title and a short ``description`` (read
by screen readers and shown as alt text), in colour-blind-safe palettes. Builders take data
frames and never load data themselves, so tests and widgets can feed them anything.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

#: Okabe & Ito's colour-blind-safe palette (Color Universal Design).
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
             "#000000"]
#: A single-hue sequential scheme: readable with every common colour-vision deficiency.
SEQUENTIAL_SCHEME = "blues"
EMPTY_TILE = "#eeeeee"
TILE_SIZE = 38


def _describe(chart: alt.TopLevelMixin, title: str, description: str) -> alt.TopLevelMixin:
    return chart.properties(title=title, description=description)


def tile_map(counts: pd.DataFrame, jurisdictions: pd.DataFrame, country: str, value: str,
             title: str, description: str, tooltip: list[str] | None = None) -> alt.LayerChart:
    """A tile-grid map: one square per state or province, coloured by ``value``.

    ``counts`` has a ``jurisdiction`` column (ids such as ``US-CA``) and the ``value`` column;
    jurisdictions absent from ``counts`` are drawn with value 0.
    """
    grid = jurisdictions.loc[jurisdictions["country"] == country,
                             ["id", "code", "name", "tile_col", "tile_row"]]
    merged = grid.merge(counts, left_on="id", right_on="jurisdiction", how="left")
    merged[value] = merged[value].fillna(0)
    merged = merged.drop(columns=["jurisdiction"]).astype({"tile_col": int, "tile_row": int})
    base = alt.Chart(merged).encode(
        x=alt.X("tile_col:O", axis=None),
        y=alt.Y("tile_row:O", axis=None),
    )
    high = float(merged[value].max()) / 2
    tiles = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.condition(
            f"datum['{value}'] > 0",
            alt.Color(f"{value}:Q", scale=alt.Scale(scheme=SEQUENTIAL_SCHEME, domainMin=0),
                      title=value.replace("_", " ")),
            alt.value(EMPTY_TILE)),
        tooltip=tooltip or ["name:N", f"{value}:Q"],
    )
    labels = base.mark_text(fontSize=10, fontWeight="bold").encode(
        text="code:N",
        color=alt.condition(f"datum['{value}'] > {high}", alt.value("white"), alt.value("black")),
    )
    n_cols = int(merged["tile_col"].max()) + 1
    n_rows = int(merged["tile_row"].max()) + 1
    layered = alt.layer(tiles, labels).properties(width=TILE_SIZE * n_cols,
                                                  height=TILE_SIZE * n_rows)
    return _describe(layered, title, description).configure_view(strokeWidth=0)


def count_by_year(frame: pd.DataFrame, date_column: str, title: str, description: str,
                  color: str | None = None) -> alt.Chart:
    """A stacked bar chart of how many rows fall in each year of ``date_column``."""
    dated = frame.dropna(subset=[date_column]).assign(year=lambda f: f[date_column].dt.year)
    encoding = {
        "x": alt.X("year:O", title="Year"),
        "y": alt.Y("count():Q", title="Number of instruments"),
        "tooltip": ["year:O", "count():Q"],
    }
    if color:
        encoding["color"] = alt.Color(f"{color}:N", scale=alt.Scale(range=OKABE_ITO),
                                      title=color.replace("_", " "))
        encoding["tooltip"] = ["year:O", f"{color}:N", "count():Q"]
    chart = alt.Chart(dated).mark_bar().encode(**encoding).properties(width=420, height=220)
    return _describe(chart, title, description)


def rows_per_table(sizes: pd.DataFrame, title: str, description: str) -> alt.Chart:
    """A horizontal bar chart of table sizes (columns ``table`` and ``rows``)."""
    return bars(sizes, "table", "rows", title=title, description=description, value_title="Rows")


def timeline(frame: pd.DataFrame, date_column: str, label: str, color: str, title: str,
             description: str, tooltip: list[str] | None = None) -> alt.Chart:
    """Events as points along a time axis, one row per ``color`` group (e.g. type or level)."""
    dated = frame.dropna(subset=[date_column])
    chart = alt.Chart(dated).mark_point(filled=True, size=90, opacity=0.85).encode(
        x=alt.X(f"{date_column}:T", title="Date"),
        y=alt.Y(f"{color}:N", title=None),
        color=alt.Color(f"{color}:N", scale=alt.Scale(range=OKABE_ITO), legend=None),
        shape=alt.Shape(f"{color}:N", legend=None),
        tooltip=tooltip or [f"{label}:N", f"{date_column}:T", f"{color}:N"],
    ).properties(width=520, height=alt.Step(34))
    return _describe(chart, title, description)


def heatmap(matrix: pd.DataFrame, row_title: str, column_title: str, value_title: str,
            title: str, description: str) -> alt.Chart:
    """A heatmap of a matrix (e.g. jurisdiction × topic coverage); zero cells stay light."""
    long = matrix.rename_axis(index="row", columns="column").stack().rename("value").reset_index()
    chart = alt.Chart(long).mark_rect(stroke="white").encode(
        x=alt.X("column:N", title=column_title, axis=alt.Axis(labelAngle=-45)),
        y=alt.Y("row:N", title=row_title),
        color=alt.condition("datum.value > 0",
                            alt.Color("value:Q", scale=alt.Scale(scheme=SEQUENTIAL_SCHEME),
                                      title=value_title),
                            alt.value(EMPTY_TILE)),
        tooltip=[alt.Tooltip("row:N", title=row_title), alt.Tooltip("column:N", title=column_title),
                 alt.Tooltip("value:Q", title=value_title)],
    ).properties(width=alt.Step(18), height=alt.Step(14))
    return _describe(chart, title, description)


def lines_over_time(frame: pd.DataFrame, x: str, y: str, color: str, title: str,
                    description: str, y_title: str | None = None,
                    y_domain: tuple[float, float] | None = None) -> alt.Chart:
    """One line per ``color`` group (e.g. US vs China), with points so single years show."""
    scale = alt.Scale(domain=list(y_domain)) if y_domain else alt.Scale(zero=True)
    chart = alt.Chart(frame).mark_line(point=True, strokeWidth=2.5).encode(
        x=alt.X(f"{x}:O", title=x.replace("_", " ").capitalize()),
        y=alt.Y(f"{y}:Q", title=y_title or y.replace("_", " "), scale=scale),
        color=alt.Color(f"{color}:N", scale=alt.Scale(range=OKABE_ITO), title=color),
        strokeDash=alt.StrokeDash(f"{color}:N", legend=None),
        tooltip=[f"{color}:N", f"{x}:O", alt.Tooltip(f"{y}:Q", format=".2f")],
    ).properties(width=460, height=240)
    return _describe(chart, title, description)


def bars(frame: pd.DataFrame, category: str, value: str, title: str, description: str,
         color: str | None = None, value_title: str | None = None) -> alt.Chart:
    """Horizontal bars of ``value`` per ``category`` (optionally grouped by ``color``)."""
    encoding = {
        "y": alt.Y(f"{category}:N", sort="-x", title=None),
        "x": alt.X(f"{value}:Q", title=value_title or value.replace("_", " ")),
        "tooltip": [f"{category}:N", f"{value}:Q"],
    }
    if color:
        encoding["color"] = alt.Color(f"{color}:N", scale=alt.Scale(range=OKABE_ITO),
                                      title=color.replace("_", " "))
        encoding["tooltip"] = [f"{category}:N", f"{color}:N", f"{value}:Q"]
    else:
        encoding["color"] = alt.value(OKABE_ITO[0])
    chart = alt.Chart(frame).mark_bar().encode(**encoding).properties(width=380,
                                                                       height=alt.Step(20))
    return _describe(chart, title, description)


def grouped_bars(frame: pd.DataFrame, category: str, value: str, group: str, title: str,
                 description: str, value_title: str | None = None) -> alt.Chart:
    """Horizontal bars of ``value`` per ``category``, side by side for each ``group`` (e.g. year)."""
    chart = alt.Chart(frame.dropna(subset=[value])).mark_bar().encode(
        y=alt.Y(f"{category}:N", title=None),
        yOffset=alt.YOffset(f"{group}:N"),
        x=alt.X(f"{value}:Q", title=value_title or value.replace("_", " ")),
        color=alt.Color(f"{group}:N", scale=alt.Scale(range=OKABE_ITO), title=group),
        tooltip=[f"{category}:N", f"{group}:N", f"{value}:Q"],
    ).properties(width=420, height=alt.Step(12))
    return _describe(chart, title, description)
