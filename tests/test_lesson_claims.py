"""Claims the lessons make in prose about the data, checked against the data.

Lessons state facts only from the datasets or with a citation. Where a lesson's prose draws a
qualitative conclusion from a chart, the conclusion is tested here, so a data update that
overturns it fails loudly instead of leaving the lesson wrong.
"""

from __future__ import annotations

import pytest

from conftest import DATA
from coursekit import data, metrics


@pytest.fixture(scope="module")
def tables():
    return data.load_all(DATA)


@pytest.fixture(scope="module")
def frame(tables):
    return metrics.governance_frame(tables)


@pytest.fixture(scope="module")
def latest(frame, tables):
    year = int(frame["date_issued"].dt.year.max())
    return metrics.index_table(frame, tables["jurisdictions"], year)


def test_lesson01_statutory_preemption_attempts_failed(tables):
    federal = tables["us_federal_actions"]
    attempts = federal[federal["action_type"] == "preemption_attempt"]
    assert len(attempts) >= 2 and (attempts["status"] == "failed").all()


def test_lesson01_some_federal_actions_were_revoked(tables):
    federal = tables["us_federal_actions"]
    assert (federal["status"] == "revoked").sum() >= 2


def test_lesson01_trackers_disagree_several_fold(tables):
    counts = tables["us_ai_bill_counts"]
    for year in (2024, 2025):
        introduced = counts.loc[counts["year"] == year, "bills_introduced"].dropna()
        assert introduced.max() / introduced.min() >= 2


def test_lesson02_cac_is_the_leading_central_issuer(tables):
    issuers = metrics.count_items(tables["cn_central_instruments"], "issuers")
    assert issuers.iloc[0]["issuers"] == "CAC"


def test_lesson02_local_instruments_are_mostly_plans(tables):
    local = tables["cn_local_instruments"]
    binding = local["instrument_type"].isin(metrics.BINDING_TYPES).mean()
    assert binding < 0.3


def test_lesson03_us_more_vertically_fragmented_under_every_rule(latest):
    shares = latest.loc["share issued below the centre"]
    assert (shares["US"] > shares["CN"]).all()


def test_lesson03_china_share_drops_for_binding_rules(latest):
    shares = latest.loc["share issued below the centre", "CN"]
    assert shares["binding rules only"] < shares["every instrument"]
    gap_binding = latest.loc[("share issued below the centre", "binding rules only")]
    gap_every = latest.loc[("share issued below the centre", "every instrument")]
    assert gap_binding["US"] - gap_binding["CN"] > gap_every["US"] - gap_every["CN"]


def test_lesson03_states_more_dissimilar_than_provinces(latest):
    row = latest.loc[("topic dissimilarity between jurisdictions", "every instrument")]
    assert row["US"] > row["CN"]


def test_lesson03_both_countries_dispersed_when_everything_counts(latest):
    row = latest.loc[("dispersion across jurisdictions", "every instrument")]
    assert row["US"] > 0.8 and row["CN"] > 0.8


def test_lesson03_china_curve_starts_earlier(frame):
    adopted = metrics.apply_counting_rule(frame, "adopted instruments")
    curve = metrics.cumulative_adoption(adopted, range(2010, 2027))
    first = curve[curve["jurisdictions"] > 0].groupby("country")["year"].min()
    assert first["CN"] < first["US"]
