"""Claims the lessons make in prose about the data, checked against the data.

Lessons state facts only from the datasets or with a citation. Where a lesson's prose draws a
qualitative conclusion from a chart, the conclusion is tested here, so a data update that
overturns it fails loudly instead of leaving the lesson wrong.
"""

from __future__ import annotations

import pytest

from coursekit import metrics


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


def test_lesson04_us_self_governance_is_firm_by_firm_and_china_state_guided(tables):
    initiatives = tables["industry_initiatives"]
    frameworks = initiatives[initiatives["initiative_type"] == "frontier_safety_framework"]
    assert len(frameworks) >= 4 and (frameworks["scope"] == "US").all()
    chinese = initiatives[initiatives["scope"] == "CN"]
    assert chinese["initiative_type"].isin(["alliance_pledge", "industry_alliance",
                                           "multistakeholder_body"]).all()


def test_lesson04_multi_system_firms_include_chinese_ones(tables):
    per_company = metrics.systems_per_company(metrics.signatory_frame(tables))
    multi = per_company[per_company["multi_system"]]
    assert len(multi) >= 5 and "CN" in set(multi["hq_country"])


def test_lesson04_some_initiatives_lapsed_or_superseded(tables):
    assert tables["industry_initiatives"]["status"].isin(["lapsed", "superseded"]).any()


def test_lesson04_both_countries_have_promotional_subnational_instruments(frame):
    promotion = metrics.filter_instruments(frame[frame["level"] == "subnational"],
                                           topic="industrial_promotion")
    assert set(promotion["country"]) == {"US", "CN"}


def test_lesson06_both_countries_use_export_controls_and_some_measures_ended(tables):
    security = tables["security_measures"]
    both = security[security["measure_type"] == "export_control"]["country"]
    assert set(both) == {"US", "CN"}
    assert security["status"].isin(["revoked", "suspended", "superseded"]).any()


def test_lesson06_one_chip_firm_between_two_governments(tables):
    security = tables["security_measures"]
    h20 = security[security["name"].str.contains("H20")]
    assert set(h20["country"]) == {"US", "CN"}


def test_lesson06_states_legislate_on_ai_security(tables):
    states = metrics.filter_instruments(tables["us_state_instruments"], topic="national_security")
    assert len(states) >= 1
