"""coursekit.charts: builders return Altair charts whose specs say what the lesson needs."""

from __future__ import annotations

import altair as alt
import pandas as pd

from coursekit import charts, metrics


def _layers(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def _assert_accessible(spec: dict, title: str) -> None:
    assert spec["title"] == title
    assert len(spec["description"]) > 20


def test_tile_map_draws_every_state_with_counts(tables):
    counts = pd.DataFrame({"jurisdiction": ["US-CA", "US-CO"], "laws": [5, 2]})
    chart = charts.tile_map(counts, tables["jurisdictions"], "US", "laws", title="T",
                            description="A tile map of laws by state for a test.")
    assert isinstance(chart, alt.LayerChart)
    spec = chart.to_dict()
    _assert_accessible(spec, "T")
    rows = spec["datasets"][spec["data"]["name"]] if "data" in spec else \
        next(iter(spec["datasets"].values()))
    assert len(rows) == 51
    by_code = {row["code"]: row["laws"] for row in rows}
    assert by_code["CA"] == 5 and by_code["TX"] == 0
    tiles, labels = _layers(spec)
    assert tiles["mark"]["type"] == "rect" and labels["encoding"]["text"]["field"] == "code"
    assert tiles["encoding"]["color"]["condition"]["field"] == "laws"
    assert tiles["encoding"]["color"]["value"] == charts.EMPTY_TILE


def test_tile_map_china_has_31_tiles(tables):
    counts = metrics.count_by(tables["cn_local_instruments"], "jurisdiction")
    spec = charts.tile_map(counts, tables["jurisdictions"], "CN", "instruments", title="C",
                           description="A tile map of Chinese provinces for a test.").to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert len(rows) == 31
    assert sum(r["instruments"] for r in rows) == len(tables["cn_local_instruments"])


def test_count_by_year_stacks_by_status(tables):
    chart = charts.count_by_year(tables["us_state_instruments"], "date_issued", "Y",
                                 "Bars of instruments per year by status.", color="status")
    spec = chart.to_dict()
    _assert_accessible(spec, "Y")
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["x"]["field"] == "year"
    assert spec["encoding"]["color"]["field"] == "status"
    assert spec["encoding"]["color"]["scale"]["range"] == charts.OKABE_ITO


def test_timeline_drops_undated_rows():
    frame = pd.DataFrame({"date": pd.to_datetime(["2024-01-01", None, "2025-02-02"]),
                          "name": ["a", "b", "c"], "kind": ["x", "y", "x"]})
    spec = charts.timeline(frame, "date", "name", "kind", "TL",
                           "A timeline of three test events.").to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert [r["name"] for r in rows] == ["a", "c"]
    assert spec["encoding"]["x"]["type"] == "temporal"


def test_heatmap_long_format():
    matrix = pd.DataFrame([[1, 0], [2, 3]], index=["A", "B"], columns=["x", "y"])
    spec = charts.heatmap(matrix, "jurisdiction", "topic", "instruments", "H",
                          "A heatmap of a two by two test matrix.").to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert len(rows) == 4 and {r["value"] for r in rows} == {0, 1, 2, 3}
    assert spec["encoding"]["color"]["condition"]["field"] == "value"


def test_lines_over_time_fixed_domain():
    frame = pd.DataFrame({"year": [2020, 2021] * 2, "value": [0.1, 0.2, 0.5, 0.6],
                          "country": ["US", "US", "CN", "CN"]})
    spec = charts.lines_over_time(frame, "year", "value", "country", "L",
                                  "Lines of a test index over two years.",
                                  y_domain=(0, 1)).to_dict()
    assert spec["encoding"]["y"]["scale"]["domain"] == [0, 1]
    assert spec["encoding"]["color"]["field"] == "country"


def test_bars_sorted_descending():
    frame = pd.DataFrame({"table": ["a", "b"], "rows": [3, 9]})
    spec = charts.rows_per_table(frame, "R", "Bars of rows per test table.").to_dict()
    assert spec["encoding"]["y"]["sort"] == "-x"
    assert spec["encoding"]["x"]["field"] == "rows"
