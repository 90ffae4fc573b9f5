"""Known facts, each checked by hand against the source named beside it (accessed 2026-11-28).

A failure here means a row changed away from what its source says: check the source before
"fixing" the test.
"""

from __future__ import annotations

import pandas as pd
import pytest

FACTS = [
    # (table, id, column, expected value, where it was checked)
    ("us_state_instruments", "US-CO-2024-SB24-205", "date_issued", "2024-05-17", "Colorado AI Act signed"),
    ("us_state_instruments", "US-CO-2024-SB24-205", "status", "superseded", "replaced by SB 26-189"),
    ("us_state_instruments", "US-CO-2026-SB26-189", "date_issued", "2026-05-14", "sheppard.com note"),
    ("us_state_instruments", "US-CO-2021-SB21-169", "date_issued", "2021-07-06", "doi.colorado.gov"),
    ("us_state_instruments", "US-CA-2024-SB1047", "status", "vetoed", "Newsom veto"),
    ("us_state_instruments", "US-CA-2024-SB1047", "date_issued", "2024-09-29", "veto date"),
    ("us_state_instruments", "US-CA-2025-SB53", "date_issued", "2025-09-29", "TFAIA signed"),
    ("us_state_instruments", "US-CA-2024-AB1836", "date_issued", "2024-09-17", "leginfo: approved"),
    ("us_state_instruments", "US-IL-2019-HB2557", "date_effective", "2020-01-01", "820 ILCS 42, eff. 1-1-20"),
    ("us_state_instruments", "US-IL-2023-HB3773", "date_issued", "2024-08-09", "ilga.gov P.A. 103-0804"),
    ("us_state_instruments", "US-DE-2024-HB316", "date_issued", "2024-10-09", "legis.delaware.gov"),
    ("us_state_instruments", "US-FL-2024-HB919", "date_effective", "2024-07-01", "flsenate.gov"),
    ("us_state_instruments", "US-UT-2024-SB149", "date_effective", "2024-05-01", "Utah AI Policy Act"),
    ("us_state_instruments", "US-TX-2025-HB149", "date_effective", "2026-01-01", "capitol.texas.gov"),
    ("us_state_instruments", "US-VA-2025-HB2094", "status", "vetoed", "Youngkin veto"),
    ("us_state_instruments", "US-VA-2025-HB2094", "date_issued", "2025-03-24", "veto date"),
    ("us_state_instruments", "US-TN-2024-HB2091", "date_issued", "2024-03-21", "ELVIS Act signed"),
    ("us_state_instruments", "US-RI-2025-H5872", "date_issued", "2025-07-02", "rilegislature.gov"),
    ("us_state_instruments", "US-NY-NYC-2022-LL35", "date_issued", "2022-01-15", "NYC enactment date"),
    ("us_state_instruments", "US-NY-NYC-2021-LL144", "date_effective", "2023-01-01", "NYC AEDT law"),
    ("us_federal_actions", "US-FED-EO-14110", "date_issued", "2023-10-30", "EO 14110 signed"),
    ("us_federal_actions", "US-FED-EO-14110", "ended_by", "US-FED-EO-14148", "revoked by EO 14148"),
    ("us_federal_actions", "US-FED-EO-14110", "date_ended", "2025-01-20", "revocation date"),
    ("us_federal_actions", "US-FED-EO-14179", "date_issued", "2025-01-23", "govinfo FR text"),
    ("us_federal_actions", "US-FED-EO-14319", "date_issued", "2025-07-23", "govinfo FR text"),
    ("us_federal_actions", "US-FED-EO-14365", "date_issued", "2025-12-11", "govinfo FR text"),
    ("us_federal_actions", "US-FED-2023-NIST-AI-RMF", "date_issued", "2023-01-26", "NIST AI 100-1"),
    ("us_federal_actions", "US-FED-2022-BIS-ADVANCED-COMPUTING-RULE", "date_issued", "2022-10-07", "bis.gov"),
    ("us_federal_actions", "US-FED-2023-BIS-CHIP-RULES-UPDATE", "date_issued", "2023-10-17", "bis.gov"),
    ("us_federal_actions", "US-FED-2025-TAKE-IT-DOWN-ACT", "identifier", "Pub. L. 119-12", "congress.gov"),
    ("cn_central_instruments", "CN-C-2017-AIDP", "doc_number", "国发〔2017〕35号", "State Council plan"),
    ("cn_central_instruments", "CN-C-2017-AIDP", "date_issued", "2017-07-08", "dated 8 July 2017"),
    ("cn_central_instruments", "CN-C-2021-ALGO-RECOMMENDATION", "date_effective", "2022-03-01", "CAC et al."),
    ("cn_central_instruments", "CN-C-2022-DEEP-SYNTHESIS", "date_effective", "2023-01-10", "deep synthesis"),
    ("cn_central_instruments", "CN-C-2023-GENAI-MEASURES", "date_issued", "2023-07-10", "lexiscn text"),
    ("cn_central_instruments", "CN-C-2023-GENAI-MEASURES", "date_effective", "2023-08-15", "lexiscn text"),
    ("cn_central_instruments", "CN-C-2025-LABELING-MEASURES", "date_effective", "2025-09-01", "labelling"),
    ("cn_central_instruments", "CN-C-2025-CSL-AMENDMENT", "date_effective", "2026-01-01", "cac.gov.cn"),
    ("cn_central_instruments", "CN-C-2019-GOVERNANCE-PRINCIPLES", "date_issued", "2019-06-17", "loc.gov"),
    ("cn_local_instruments", "CN-L-GD-2022-SZ-AI-REGS", "date_effective", "2022-11-01", "Shenzhen SEZ regs"),
    ("cn_local_instruments", "CN-L-SH-2022-AI-INDUSTRY-REGS", "date_issued", "2022-09-22", "Shanghai regs"),
    ("cn_local_instruments", "CN-L-SH-2022-AI-INDUSTRY-REGS", "date_effective", "2022-10-01", "Shanghai"),
    ("cn_local_instruments", "CN-L-SC-2018-NGAI-IMPL-PLAN", "doc_number", "川府函〔2018〕151号", "sc.gov.cn"),
    ("cn_local_instruments", "CN-L-SC-2018-NGAI-IMPL-PLAN", "date_issued", "2018-09-28", "sc.gov.cn"),
    ("cn_local_instruments", "CN-L-HN-2025-AI-PLUS-IMPL-PLAN", "doc_number", "湘政发〔2025〕7号", "hunan"),
    ("cn_pilot_zones", "CN-PZ-SHANGHAI", "date_designated", "2019-05-22", "MOST letter 〔2019〕80号"),
    ("cn_pilot_zones", "CN-PZ-SHENZHEN", "date_designated", "2019-10-17", "MOST letter 〔2019〕183号"),
    ("cn_pilot_zones", "CN-PZ-DEQING", "date_designated", "2019-11-02", "MOST letter 〔2019〕194号"),
    ("cn_pilot_zones", "CN-PZ-XIAN", "date_designated", "2020-03-09", "cri.cn"),
    ("cn_pilot_zones", "CN-MZ-BEIJING", "date_designated", "2021-02-19", "cctv.com"),
    ("industry_initiatives", "IND-FMF", "date_announced", "2023-07-26", "Frontier Model Forum launch"),
    ("industry_initiatives", "IND-PAI", "date_announced", "2016-09-28", "Partnership on AI"),
    ("industry_initiatives", "IND-SEOUL-FAISC-2024", "date_announced", "2024-05-21", "Seoul commitments"),
]


def _cell(tables, table, row_id, column):
    frame = tables[table].set_index("id")
    assert row_id in frame.index, f"{row_id} is missing from {table}"
    value = frame.loc[row_id, column]
    return value.strftime("%Y-%m-%d") if isinstance(value, pd.Timestamp) else str(value)


@pytest.mark.parametrize("table,row_id,column,expected,why", FACTS,
                         ids=[f"{f[1]}.{f[2]}" for f in FACTS])
def test_known_fact(tables, table, row_id, column, expected, why):
    assert _cell(tables, table, row_id, column) == expected, why


def test_white_house_first_round_had_seven_signatories(tables):
    signatories = tables["initiative_signatories"]
    first = signatories[signatories["initiative_id"] == "IND-WH-COMMITMENTS-2023-07"]
    founders = set(first.loc[first["role"] != "joined_later", "company_id"])
    assert founders == {"CO-AMAZON", "CO-ANTHROPIC", "CO-GOOGLE", "CO-INFLECTION", "CO-META",
                        "CO-MICROSOFT", "CO-OPENAI"}


def test_frontier_model_forum_founders(tables):
    signatories = tables["initiative_signatories"]
    fmf = signatories[(signatories["initiative_id"] == "IND-FMF") & (signatories["role"] == "founding")]
    assert set(fmf["company_id"]) == {"CO-ANTHROPIC", "CO-GOOGLE", "CO-MICROSOFT", "CO-OPENAI"}


def test_seoul_commitments_include_a_chinese_signatory(tables):
    signatories = tables["initiative_signatories"].merge(tables["companies"], left_on="company_id",
                                                         right_on="id")
    seoul = signatories[signatories["initiative_id"] == "IND-SEOUL-FAISC-2024"]
    assert "CO-ZHIPU" in set(seoul["company_id"])
    assert "CN" in set(seoul["hq_country"])
