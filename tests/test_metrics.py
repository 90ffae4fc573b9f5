"""coursekit.metrics: unit tests and property tests for the fragmentation indices."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit import metrics

counts_lists = st.lists(st.integers(min_value=0, max_value=50), min_size=2, max_size=40)
topic_sets = st.lists(st.sets(st.sampled_from("abcdefgh"), min_size=1), min_size=2, max_size=12)


def _coverage(sets: list[set[str]]) -> pd.DataFrame:
    frame = pd.DataFrame({"jurisdiction": [f"J{i:02d}" for i in range(len(sets))],
                          "topics": [";".join(sorted(s)) for s in sets]})
    return metrics.coverage_matrix(frame)


# dispersion ------------------------------------------------------------------------------------
@given(counts_lists)
def test_dispersion_is_bounded(values):
    result = metrics.dispersion(pd.Series(values))
    assert math.isnan(result) if sum(values) == 0 else 0.0 <= result <= 1.0


@given(counts_lists, st.randoms())
def test_dispersion_ignores_order(values, rnd):
    shuffled = values[:]
    rnd.shuffle(shuffled)
    a, b = metrics.dispersion(pd.Series(values)), metrics.dispersion(pd.Series(shuffled))
    assert (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b)


@given(st.integers(min_value=2, max_value=60), st.integers(min_value=1, max_value=20))
def test_dispersion_uniform_is_one_and_concentrated_is_zero(n, k):
    assert metrics.dispersion(pd.Series([k] * n)) == pytest.approx(1.0)
    assert metrics.dispersion(pd.Series([k] + [0] * (n - 1))) == pytest.approx(0.0)


@given(counts_lists, st.integers(min_value=2, max_value=9))
def test_dispersion_is_scale_free(values, factor):
    a = metrics.dispersion(pd.Series(values))
    b = metrics.dispersion(pd.Series([v * factor for v in values]))
    assert (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b)


def test_dispersion_known_value_and_errors():
    # shares 0.5, 0.5, 0 -> HHI 0.5 -> (1 - 0.5) / (1 - 1/3) = 0.75
    assert metrics.dispersion(pd.Series([2, 2, 0])) == pytest.approx(0.75)
    assert math.isnan(metrics.dispersion(pd.Series([0, 0])))
    with pytest.raises(ValueError):
        metrics.dispersion(pd.Series([1, -1]))


# mean pairwise dissimilarity ---------------------------------------------------------------------
@given(topic_sets)
def test_dissimilarity_is_bounded(sets):
    assert 0.0 <= metrics.mean_pairwise_dissimilarity(_coverage(sets)) <= 1.0


@given(topic_sets, st.randoms())
@settings(max_examples=50)
def test_dissimilarity_ignores_row_order(sets, rnd):
    frame = pd.DataFrame({"jurisdiction": [f"J{i:02d}" for i in range(len(sets))],
                          "topics": [";".join(sorted(s)) for s in sets]})
    shuffled = frame.sample(frac=1.0, random_state=rnd.randint(0, 10_000))
    a = metrics.mean_pairwise_dissimilarity(metrics.coverage_matrix(frame))
    b = metrics.mean_pairwise_dissimilarity(metrics.coverage_matrix(shuffled))
    assert a == pytest.approx(b)


@given(st.sets(st.sampled_from("abcdefgh"), min_size=1), st.integers(min_value=2, max_value=10))
def test_dissimilarity_uniform_profiles_is_zero(topics, n):
    assert metrics.mean_pairwise_dissimilarity(_coverage([topics] * n)) == pytest.approx(0.0)


@given(st.integers(min_value=2, max_value=8))
def test_dissimilarity_disjoint_profiles_is_one(n):
    sets = [{letter} for letter in "abcdefgh"[:n]]
    assert metrics.mean_pairwise_dissimilarity(_coverage(sets)) == pytest.approx(1.0)


def test_dissimilarity_known_value():
    # {a,b} vs {b,c}: Jaccard distance 1 - 1/3
    assert metrics.mean_pairwise_dissimilarity(_coverage([{"a", "b"}, {"b", "c"}])) == \
        pytest.approx(2 / 3)
    assert math.isnan(metrics.mean_pairwise_dissimilarity(_coverage([{"a"}, {"a"}]).iloc[:1]))


# subnational share ------------------------------------------------------------------------------
@given(st.lists(st.sampled_from(["central", "subnational"]), min_size=1, max_size=50))
def test_subnational_share_bounds_and_extremes(levels):
    share = metrics.subnational_share(pd.Series(levels))
    assert 0.0 <= share <= 1.0
    assert share == pytest.approx(levels.count("subnational") / len(levels))


def test_subnational_share_empty_is_nan():
    assert math.isnan(metrics.subnational_share(pd.Series([], dtype=str)))


# on the real data --------------------------------------------------------------------------------
def test_governance_frame_keeps_every_instrument(tables, frame):
    expected = sum(len(tables[n]) for n in ("us_state_instruments", "us_federal_actions",
                                            "cn_local_instruments", "cn_central_instruments"))
    assert len(frame) == expected
    assert set(frame["country"]) == {"US", "CN"}
    assert frame.loc[frame["level"] == "central", "jurisdiction"].isin(["US", "CN"]).all()


def test_counting_rules_are_nested(frame):
    every = metrics.apply_counting_rule(frame, "every instrument")
    adopted = metrics.apply_counting_rule(frame, "adopted instruments")
    binding = metrics.apply_counting_rule(frame, "binding rules only")
    assert set(binding["id"]) <= set(adopted["id"]) <= set(every["id"])
    assert len(binding) < len(adopted) < len(every)
    assert not adopted["status"].isin(["vetoed", "failed", "pending", "draft"]).any()
    with pytest.raises(KeyError, match="every instrument"):
        metrics.apply_counting_rule(frame, "some rule")


@pytest.mark.parametrize("index", list(metrics.INDICES))
@pytest.mark.parametrize("rule", list(metrics.COUNTING_RULES))
def test_fragmentation_over_time_shape_and_bounds(frame, tables, index, rule):
    years = range(2018, 2027)
    series = metrics.fragmentation_over_time(frame, index, rule, tables["jurisdictions"], years)
    assert len(series) == 2 * len(years)
    values = series["value"].dropna()
    assert ((values >= 0) & (values <= 1)).all()


def test_cumulative_adoption_never_decreases(frame):
    curve = metrics.cumulative_adoption(frame, range(2015, 2027))
    for _, part in curve.groupby("country"):
        assert (np.diff(part["jurisdictions"].to_numpy()) >= 0).all()
    us = curve[curve["country"] == "US"]["jurisdictions"]
    assert us.iloc[-1] <= 51


def test_filter_instruments(tables):
    states = tables["us_state_instruments"]
    employment = metrics.filter_instruments(states, topic="employment")
    assert len(employment) and employment["topics"].str.contains("employment").all()
    vetoed = metrics.filter_instruments(states, status="vetoed")
    assert (vetoed["status"] == "vetoed").all()
    early = metrics.filter_instruments(states, up_to_year=2020)
    assert (metrics.action_year(early) <= 2020).all()
    assert len(metrics.filter_instruments(states)) == len(states)


def test_coverage_matrix_counts_topics():
    frame = pd.DataFrame({"jurisdiction": ["A", "A", "B"], "topics": ["x;y", "x", "y"]})
    matrix = metrics.coverage_matrix(frame)
    assert matrix.loc["A", "x"] == 2 and matrix.loc["A", "y"] == 1 and matrix.loc["B", "x"] == 0


def test_table_overview(tables):
    overview = metrics.table_overview(tables).set_index("table")
    assert overview.loc["us_state_instruments", "rows"] == len(tables["us_state_instruments"])
    share = overview.loc["us_state_instruments", "primary_source_share"]
    assert share == pytest.approx(tables["us_state_instruments"]["source_primary"].mean(), abs=0.01)
