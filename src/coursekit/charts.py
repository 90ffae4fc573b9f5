"""Altair chart builders on the course's tables.

Every builder returns an ``alt.Chart`` (or layer) with a title and a short ``description`` (read
by screen readers and shown as alt text), in colour-blind-safe palettes. Builders take data
frames and never load data themselves, so tests and widgets can feed them anything.

Building an Altair chart validates every encoding against the Vega-Lite schema, which takes tens
of milliseconds. The *structure* of each chart (marks, encodings, scales) depends only on a few
arguments, so it is built once and cached as a template (``_template_*``); each call only
attaches the data, title and description. That keeps widget callbacks fast.
"""

from __future__ import annotations

from functools import cache

import altair as alt
import numpy as np
import pandas as pd

#: Okabe & Ito's colour-blind-safe palette (Color Universal Design).
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
             "#000000"]
#: A single-hue sequential scheme: readable with every common colour-vision deficiency.
SEQUENTIAL_SCHEME = "blues"
EMPTY_TILE = "#eeeeee"
TILE_SIZE = 38


def _finish(template: alt.TopLevelMixin, data: pd.DataFrame, title: str,
            description: str, **properties) -> alt.TopLevelMixin:
    return template.properties(data=data, title=title, description=description, **properties)


def _label(field: str) -> str:
    return field.replace("_", " ")


# --- tile maps --------------------------------------------------------------------------------

@cache
def _template_tile_map(value: str, tooltip: tuple[str, ...]) -> alt.LayerChart:
    base = alt.Chart().encode(x=alt.X("tile_col:O", axis=None), y=alt.Y("tile_row:O", axis=None))
    tiles = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.condition(
            f"datum['{value}'] > 0",
            alt.Color(f"{value}:Q", scale=alt.Scale(scheme=SEQUENTIAL_SCHEME, domainMin=0),
                      title=_label(value)),
            alt.value(EMPTY_TILE)),
        tooltip=list(tooltip),
    )
    # White labels on the darker half of the scale, black on the lighter half and on empty tiles.
    labels = base.mark_text(fontSize=10, fontWeight="bold").encode(
        text="code:N",
        color=alt.condition(f"datum['{value}'] > datum.tile_max / 2", alt.value("white"),
                            alt.value("black")),
    )
    return (alt.layer(tiles, labels)
            .transform_joinaggregate(tile_max=f"max({value})")
            .configure_view(strokeWidth=0))


def tile_map(counts: pd.DataFrame, jurisdictions: pd.DataFrame, country: str, value: str,
             title: str, description: str, tooltip: list[str] | None = None) -> alt.LayerChart:
    """A tile-grid map: one square per state or province, coloured by ``value``.

    ``counts`` has a ``jurisdiction`` column (ids such as ``US-CA``) and the ``value`` column;
    jurisdictions absent from ``counts`` are drawn with value 0 (light grey).
    """
    grid = jurisdictions.loc[jurisdictions["country"] == country,
                             ["id", "code", "name", "tile_col", "tile_row"]]
    merged = grid.merge(counts[["jurisdiction", value]], left_on="id", right_on="jurisdiction",
                        how="left")
    merged[value] = merged[value].fillna(0)
    merged = merged.drop(columns=["jurisdiction"]).astype({"tile_col": int, "tile_row": int})
    template = _template_tile_map(value, tuple(tooltip or ["name:N", f"{value}:Q"]))
    return _finish(template, merged, title, description,
                   width=TILE_SIZE * (int(merged["tile_col"].max()) + 1),
                   height=TILE_SIZE * (int(merged["tile_row"].max()) + 1))


# --- counts over time ---------------------------------------------------------------------------

@cache
def _template_count_by_year(color: str | None) -> alt.Chart:
    encoding = {
        "x": alt.X("year:O", title="Year"),
        "y": alt.Y("count():Q", title="Number of instruments"),
        "tooltip": ["year:O", "count():Q"],
    }
    if color:
        encoding["color"] = alt.Color(f"{color}:N", scale=alt.Scale(range=OKABE_ITO),
                                      title=_label(color))
        encoding["tooltip"] = ["year:O", f"{color}:N", "count():Q"]
    return alt.Chart().mark_bar().encode(**encoding).properties(width=420, height=220)


def count_by_year(frame: pd.DataFrame, date_column: str, title: str, description: str,
                  color: str | None = None) -> alt.Chart:
    """A stacked bar chart of how many rows fall in each year of ``date_column``."""
    dated = frame.dropna(subset=[date_column])
    columns = [color] if color else []
    dated = dated[columns].assign(year=dated[date_column].dt.year)
    if color:
        dated[color] = dated[color].astype("string")
    return _finish(_template_count_by_year(color), dated, title, description)


@cache
def _template_timeline(date_column: str, row: str, color: str,
                       tooltip: tuple[str, ...]) -> alt.Chart:
    legend = None if row == color else alt.Legend(title=_label(color))
    return alt.Chart().mark_point(filled=True, size=90, opacity=0.8).encode(
        x=alt.X(f"{date_column}:T", title="Date"),
        y=alt.Y(f"{row}:N", title=None),
        yOffset=alt.YOffset("jitter:Q"),
        color=alt.Color(f"{color}:N", scale=alt.Scale(range=OKABE_ITO), legend=legend),
        shape=alt.Shape(f"{color}:N", legend=legend),
        tooltip=list(tooltip),
    ).properties(width=520, height=alt.Step(34))


def timeline(frame: pd.DataFrame, date_column: str, label: str, color: str, title: str,
             description: str, tooltip: list[str] | None = None,
             row: str | None = None) -> alt.Chart:
    """Events as points along a time axis: one row per ``row`` group (default: ``color``)."""
    row = row or color
    tips = tuple(tooltip or [f"{label}:N", f"{date_column}:T", f"{color}:N"])
    fields = {tip.split(":")[0] for tip in tips} | {date_column, color, label, row}
    dated = frame.dropna(subset=[date_column])[[c for c in frame.columns if c in fields]]
    # Spread points vertically inside a row when rows hold several groups (deterministic).
    spread = (np.arange(len(dated)) * 0.618034 % 1 - 0.5) * 14 if row != color else 0.0
    dated = dated.assign(jitter=spread)
    return _finish(_template_timeline(date_column, row, color, tips), dated, title, description)


@cache
def _template_lines(x: str, y: str, color: str, y_title: str,
                    y_domain: tuple[float, float] | None) -> alt.Chart:
    scale = alt.Scale(domain=list(y_domain)) if y_domain else alt.Scale(zero=True)
    return alt.Chart().mark_line(point=True, strokeWidth=2.5).encode(
        x=alt.X(f"{x}:O", title=_label(x).capitalize(), axis=alt.Axis(labelAngle=0)),
        y=alt.Y(f"{y}:Q", title=y_title, scale=scale),
        color=alt.Color(f"{color}:N", scale=alt.Scale(range=OKABE_ITO), title=color),
        strokeDash=alt.StrokeDash(f"{color}:N", title=color),  # merges with the colour legend
        tooltip=[f"{color}:N", f"{x}:O", alt.Tooltip(f"{y}:Q", format=".2f")],
    ).properties(width=460, height=240)


def lines_over_time(frame: pd.DataFrame, x: str, y: str, color: str, title: str,
                    description: str, y_title: str | None = None,
                    y_domain: tuple[float, float] | None = None) -> alt.Chart:
    """One line per ``color`` group (e.g. US vs China), with points so single years show."""
    template = _template_lines(x, y, color, y_title or _label(y),
                               tuple(y_domain) if y_domain else None)
    return _finish(template, frame[[x, y, color]], title, description)


# --- matrices and bars ----------------------------------------------------------------------------

@cache
def _template_heatmap(row_title: str, column_title: str, value_title: str) -> alt.Chart:
    return alt.Chart().mark_rect(stroke="white").encode(
        x=alt.X("column:N", title=column_title, axis=alt.Axis(labelAngle=-45)),
        y=alt.Y("row:N", title=row_title),
        color=alt.condition("datum.value > 0",
                            alt.Color("value:Q", scale=alt.Scale(scheme=SEQUENTIAL_SCHEME),
                                      title=value_title),
                            alt.value(EMPTY_TILE)),
        tooltip=[alt.Tooltip("row:N", title=row_title), alt.Tooltip("column:N", title=column_title),
                 alt.Tooltip("value:Q", title=value_title)],
    ).properties(width=alt.Step(18), height=alt.Step(14))


def heatmap(matrix: pd.DataFrame, row_title: str, column_title: str, value_title: str,
            title: str, description: str) -> alt.Chart:
    """A heatmap of a matrix (e.g. jurisdiction × topic coverage); zero cells stay light."""
    long = matrix.rename_axis(index="row", columns="column").stack().rename("value").reset_index()
    long = long.astype({"row": "string", "column": "string"})
    return _finish(_template_heatmap(row_title, column_title, value_title), long, title,
                   description)


@cache
def _template_bars(category: str, value: str, color: str | None, value_title: str,
                   order: tuple[str, ...] | None) -> alt.Chart:
    encoding = {
        "y": alt.Y(f"{category}:N", sort=list(order) if order else "-x", title=None),
        "x": alt.X(f"{value}:Q", title=value_title),
        "tooltip": [f"{category}:N", f"{value}:Q"],
    }
    if color:
        encoding["color"] = alt.Color(f"{color}:N", scale=alt.Scale(range=OKABE_ITO),
                                      title=_label(color))
        encoding["tooltip"] = [f"{category}:N", f"{color}:N", f"{value}:Q"]
    else:
        encoding["color"] = alt.value(OKABE_ITO[0])
    return alt.Chart().mark_bar().encode(**encoding).properties(width=380, height=alt.Step(20))


def bars(frame: pd.DataFrame, category: str, value: str, title: str, description: str,
         color: str | None = None, value_title: str | None = None,
         order: list[str] | None = None) -> alt.Chart:
    """Horizontal bars of ``value`` per ``category`` (optionally stacked by ``color``), longest
    first, or in the given category ``order``."""
    template = _template_bars(category, value, color, value_title or _label(value),
                              tuple(order) if order else None)
    columns = [category, value] + ([color] if color else [])
    return _finish(template, frame[columns], title, description)


def rows_per_table(sizes: pd.DataFrame, title: str, description: str) -> alt.Chart:
    """A horizontal bar chart of table sizes (columns ``table`` and ``rows``)."""
    return bars(sizes, "table", "rows", title=title, description=description, value_title="Rows")


@cache
def _template_grouped_bars(category: str, value: str, group: str, value_title: str) -> alt.Chart:
    return alt.Chart().mark_bar().encode(
        y=alt.Y(f"{category}:N", title=None),
        yOffset=alt.YOffset(f"{group}:N"),
        x=alt.X(f"{value}:Q", title=value_title),
        color=alt.Color(f"{group}:N", scale=alt.Scale(range=OKABE_ITO), title=group),
        tooltip=[f"{category}:N", f"{group}:N", f"{value}:Q"],
    ).properties(width=420, height=alt.Step(12))


def grouped_bars(frame: pd.DataFrame, category: str, value: str, group: str, title: str,
                 description: str, value_title: str | None = None) -> alt.Chart:
    """Horizontal bars of ``value`` per ``category``, side by side for each ``group`` (e.g. year)."""
    template = _template_grouped_bars(category, value, group, value_title or _label(value))
    return _finish(template, frame.dropna(subset=[value])[[category, value, group]], title,
                   description)


# --- networks ------------------------------------------------------------------------------------

@cache
def _template_network(height: int) -> alt.LayerChart:
    edges = alt.Chart().mark_rule(opacity=0.35, strokeWidth=1).encode(
        x=alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-1.0, 2.3])),
        y=alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[-0.03, 1.03], reverse=True)),
        x2="x2:Q", y2="y2:Q", color=alt.value("#999999"),
        tooltip=["company:N", "initiative:N"])
    nodes = alt.Chart().mark_point(filled=True, size=110).encode(
        x="x:Q", y="y:Q",
        color=alt.Color("group:N", scale=alt.Scale(domain=["US", "CN", "INTL", "other"],
                                                   range=OKABE_ITO[:4]),
                        title="US, China, international or other"),
        shape=alt.Shape("kind:N", title="Node"),
        stroke=alt.condition("datum.multi_system", alt.value("black"), alt.value(None)),
        strokeWidth=alt.condition("datum.multi_system", alt.value(2.5), alt.value(0)),
        tooltip=["label:N", "kind:N", "group:N", "multi_system:N"])
    left = alt.Chart().mark_text(align="right", dx=-8, fontSize=10).encode(
        x="x:Q", y="y:Q", text="label:N").transform_filter("datum.kind == 'company'")
    right = alt.Chart().mark_text(align="left", dx=8, fontSize=10).encode(
        x="x:Q", y="y:Q", text="label:N").transform_filter("datum.kind == 'initiative'")
    return alt.layer(
        edges.properties(data=alt.NamedData("edges")),
        alt.layer(nodes, left, right).properties(data=alt.NamedData("nodes")),
    ).properties(width=640, height=height).configure_view(strokeWidth=0)


def network(nodes: pd.DataFrame, edges: pd.DataFrame, title: str, description: str) -> alt.LayerChart:
    """A two-column (bipartite) network from :func:`coursekit.metrics.bipartite_layout`;
    nodes with ``multi_system`` true are drawn with a black outline."""
    rows = max(int((nodes["kind"] == "company").sum()), int((nodes["kind"] == "initiative").sum()))
    template = _template_network(max(200, 16 * rows))
    chart = template.properties(title=title, description=description)
    chart.datasets = {"nodes": nodes.to_dict("records"), "edges": edges.to_dict("records")}
    return chart
