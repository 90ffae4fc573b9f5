"""Widgets driven headlessly: changing a control changes the chart spec and the table shown."""

from __future__ import annotations

import pytest

from coursekit import widgets


def _rows(spec: dict) -> list[dict]:
    return next(iter(spec["datasets"].values()))


def test_dataset_browser_search_and_table_switch(tables):
    browser = widgets.dataset_browser(tables)
    assert browser.table.value == "us_state_instruments"
    assert len(browser.rows) == len(tables["us_state_instruments"])
    browser.search.value = "Colorado"
    assert 0 < len(browser.rows) < len(tables["us_state_instruments"])
    assert "Colorado" in browser.preview.value or "US-CO" in browser.preview.value
    assert f"<b>{len(browser.rows)}</b>" in browser.summary.value
    svg = browser.chart_out.outputs[0]["data"]["image/svg+xml"]
    assert svg.lstrip().startswith("<svg")
    browser.table.value = "cn_pilot_zones"
    assert browser.chart.to_dict()["title"].startswith("cn_pilot_zones")
    browser.search.value = ""
    assert len(browser.rows) == len(tables["cn_pilot_zones"])


def test_filter_rows_is_case_insensitive(tables):
    frame = tables["us_state_instruments"]
    assert len(widgets.filter_rows(frame, "colorado")) == len(widgets.filter_rows(frame, "COLORADO"))
    assert widgets.filter_rows(frame, "zzzz-no-match").empty


def test_quiz_feedback():
    quiz = widgets.quiz("2 + 2?", ["3", "4"], answer=1, explanation="Arithmetic.")
    assert quiz.check() is False and "Pick an option" in quiz.feedback.value
    quiz.choice.value = 0
    quiz.button.click()
    assert quiz.correct is False and "Not quite" in quiz.feedback.value
    quiz.choice.value = 1
    quiz.button.click()
    assert quiz.correct is True and "Arithmetic." in quiz.feedback.value
    with pytest.raises(ValueError):
        widgets.quiz("?", ["a"], answer=3)


def test_us_state_explorer_controls_change_map_and_list(tables):
    explorer = widgets.us_state_explorer(tables)
    total = sum(r["instruments"] for r in _rows(explorer.map_chart.to_dict()))
    explorer.topic.value = "employment"
    employment = sum(r["instruments"] for r in _rows(explorer.map_chart.to_dict()))
    assert 0 < employment < total
    assert "employment" in explorer.map_chart.to_dict()["title"]
    explorer.topic.value = widgets.ALL
    explorer.year.value = explorer.year.min
    early = sum(r["instruments"] for r in _rows(explorer.map_chart.to_dict()))
    assert early < total
    assert str(explorer.year.min) in explorer.federal_chart.to_dict()["title"]
    explorer.year.value = explorer.year.max
    explorer.state.value = "US-CO"
    assert (explorer.state_rows["jurisdiction"] == "US-CO").all() and len(explorer.state_rows)
    assert "Colorado" in explorer.listing.value
    explorer.status.value = "vetoed"
    assert (explorer.rows["status"] == "vetoed").all()


def test_china_explorer_layers(tables):
    explorer = widgets.china_province_explorer(tables)
    local_total = explorer.counts["instruments"].sum()
    assert local_total == tables["cn_local_instruments"]["date_issued"].notna().sum()
    explorer.layer.value = "MOST pilot zones"
    zones = tables["cn_pilot_zones"]
    most = zones[(zones["programme"] == "most_innovation_development")
                 & zones["date_designated"].notna()]
    assert explorer.counts["instruments"].sum() == len(most)
    assert explorer.kind.disabled
    assert explorer.map_chart.to_dict()["title"].startswith("Most pilot zones")
    explorer.year.value = 2019
    assert explorer.counts["instruments"].sum() < len(most)
    levels = {r["level"] for r in _rows(explorer.timeline_chart.to_dict())}
    assert levels <= {"central", "local"}


def test_fragmentation_explorer_index_and_rule(tables):
    explorer = widgets.fragmentation_explorer(tables)
    first = explorer.series.copy()
    explorer.rule.value = "binding rules only"
    assert not first["value"].equals(explorer.series["value"])
    assert "binding rules only" in explorer.chart.to_dict()["title"]
    explorer.index.value = "dispersion across jurisdictions"
    assert explorer.chart.to_dict()["encoding"]["y"]["title"] == "dispersion across jurisdictions"
    assert "United States" in explorer.latest.value and "China" in explorer.latest.value


def test_industry_network_filters(tables):
    explorer = widgets.industry_network_explorer(tables)
    spec = explorer.chart.to_dict()
    companies = [n for n in spec["datasets"]["nodes"] if n["kind"] == "company"]
    assert len(companies) == tables["initiative_signatories"]["company_id"].nunique()
    explorer.country.value = "CN"
    assert set(explorer.rows["hq_country"]) == {"CN"}
    cn_nodes = [n for n in explorer.chart.to_dict()["datasets"]["nodes"] if n["kind"] == "company"]
    assert {n["group"] for n in cn_nodes} == {"CN"} and len(cn_nodes) < len(companies)
    explorer.country.value = widgets.ALL
    explorer.multi_only.value = True
    assert explorer.companies["multi_system"].all()
    explorer.kind.value = "frontier_safety_framework"
    assert set(explorer.rows["initiative_type"]) <= {"frontier_safety_framework"}
    frameworks = explorer.signatories[explorer.signatories["initiative_type"]
                                      == "frontier_safety_framework"]
    assert "CN" not in set(frameworks["hq_country"])  # so the next view is empty
    explorer.country.value = "CN"
    assert explorer.rows.empty and explorer.chart is None and explorer.chart_out.outputs == ()


def test_simulator_explorer_levers_move_the_outcome():
    explorer = widgets.simulator_explorer(firms=400)
    assert explorer.preset.value == "California effect"
    base = explorer.history.iloc[-1]
    explorer.floor.value = 0.7
    floored = explorer.history.iloc[-1]
    assert floored["mean rule stringency"] >= 0.7 - 1e-9
    assert floored["mean standard sold"] > base["mean standard sold"]
    explorer.preset.value = "race to the bottom"
    assert explorer.tailoring.value == pytest.approx(0.001)
    assert explorer.floor.value == 0.0
    race = explorer.history
    assert race["mean rule stringency"].iloc[-1] < race["mean rule stringency"].iloc[0]
    spec = explorer.chart.to_dict()
    assert {r["measure"] for r in _rows(spec)} == set(widgets.SimulatorExplorer.MEASURES)


def test_lens_explorer_switches_rows(tables):
    explorer = widgets.lens_explorer(tables)
    values_rows = {r["country"] for r in _rows(explorer.chart.to_dict())}
    assert explorer.chart.to_dict()["encoding"]["y"]["field"] == "country"
    explorer.lens.value = "techno-federalism"
    spec = explorer.chart.to_dict()
    assert spec["encoding"]["y"]["field"] == "actor"
    assert {r["actor"] for r in _rows(spec)} <= {"central", "sub-national", "industry"}
    assert {"United States", "China"} <= values_rows
    explorer.kind.value = "security measures"
    assert explorer.rows["kind"].str.startswith("security").all()
    explorer.years.value = (2023, 2023)
    assert (explorer.rows["date"].dt.year == 2023).all()
