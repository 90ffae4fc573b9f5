"""The data package: valid for frictionless, internally consistent, and meeting the course's minimums."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import DATA
from coursekit import data

TABLES = data.table_names(DATA)
INSTRUMENT_TABLES = ["us_state_instruments", "us_federal_actions", "cn_central_instruments",
                     "cn_local_instruments", "cn_pilot_zones", "industry_initiatives"]


def test_frictionless_validates_the_whole_package():
    from frictionless import Package

    report = Package(str(DATA / "datapackage.json")).validate()
    errors = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors]
    assert report.valid, "\n".join(errors[:20])


def test_every_csv_in_data_is_described_by_the_package():
    described = {f"{name}.csv" for name in TABLES}
    on_disk = {path.name for path in DATA.glob("*.csv")}
    assert on_disk == described


def test_loader_finds_no_problems():
    assert data.validate_all(DATA) == []


@pytest.mark.parametrize("name", TABLES)
def test_loader_types(tables, name):
    frame = tables[name]
    resource = next(r for r in data.package(DATA)["resources"] if r["name"] == name)
    for field in resource["schema"]["fields"]:
        column = frame[field["name"]]
        if field["type"] == "date":
            assert pd.api.types.is_datetime64_any_dtype(column), field["name"]
        elif "enum" in field.get("constraints", {}):
            assert isinstance(column.dtype, pd.CategoricalDtype), field["name"]
        elif field["type"] == "boolean":
            assert column.dtype == bool, field["name"]


@pytest.mark.parametrize("name", TABLES)
def test_every_row_cites_an_https_source_accessed_by_the_as_of_date(tables, name):
    frame = tables[name]
    assert frame["source_url"].str.match(r"^https://[^\s/]+\.[^\s/]+").all()
    assert (frame["source_accessed"] <= data.as_of(DATA)).all()


@pytest.mark.parametrize("name", INSTRUMENT_TABLES)
def test_ids_unique_and_dates_ordered(tables, name):
    frame = tables[name]
    assert frame["id"].is_unique
    if {"date_issued", "date_effective"} <= set(frame.columns):
        both = frame.dropna(subset=["date_issued", "date_effective"])
        assert (both["date_issued"] <= both["date_effective"]).all()


def test_us_state_dates_follow_status(tables):
    frame = tables["us_state_instruments"]
    undecided = frame[frame["status"].isin(["pending", "failed"])]
    assert undecided["date_issued"].isna().all(), "pending/failed bills have no final-action date"
    vetoed = frame[frame["status"] == "vetoed"]
    assert (vetoed["instrument_type"] == "bill").all()
    assert vetoed["date_effective"].isna().all(), "a vetoed bill never takes effect"


def test_us_federal_ended_rows_name_what_ended_them(tables):
    frame = tables["us_federal_actions"]
    ended = frame[frame["status"].isin(["revoked", "superseded"])]
    assert ended["ended_by"].notna().all()
    by_id = frame.set_index("id")
    for _, row in ended.iterrows():
        ender = by_id.loc[row["ended_by"]]
        if pd.notna(row["date_ended"]) and pd.notna(ender["date_issued"]):
            assert ender["date_issued"] <= row["date_ended"], row["id"]


# The minimums the course needs (issue: shared datasets).
def test_minimum_us_state_and_local(tables):
    frame = tables["us_state_instruments"]
    assert len(frame) >= 90
    assert frame["jurisdiction"].nunique() >= 30
    assert frame["locality"].notna().sum() >= 1
    years = frame["date_issued"].dt.year.dropna()
    assert years.min() <= 2019 and years.max() >= 2025
    topics = set(data.explode(frame, "topics")["topics"])
    assert len(topics) >= 8
    assert set(frame["status"].dropna()) >= {"enacted", "vetoed", "pending", "failed"}


def test_minimum_federal_central_local(tables):
    assert len(tables["us_federal_actions"]) >= 20
    assert len(tables["cn_central_instruments"]) >= 20
    local = tables["cn_local_instruments"]
    assert len(local) >= 30 and local["jurisdiction"].nunique() >= 12


def test_minimum_industry(tables):
    assert len(tables["industry_initiatives"]) >= 15
    signatories = tables["initiative_signatories"]
    assert len(signatories) >= 80
    countries = signatories.merge(tables["companies"], left_on="company_id", right_on="id")
    assert {"US", "CN"} <= set(countries["hq_country"])


def test_jurisdictions_cover_states_dc_and_mainland_china(tables):
    frame = tables["jurisdictions"]
    us, cn = frame[frame["country"] == "US"], frame[frame["country"] == "CN"]
    assert len(us) == 51 and "US-DC" in set(us["id"])
    assert len(cn) == 31 and not {"CN-HK", "CN-MO", "CN-TW"} & set(cn["id"])
    assert cn["name_zh"].notna().all()
    for part in (us, cn):
        cells = list(zip(part["tile_col"], part["tile_row"], strict=True))
        assert len(set(cells)) == len(cells), "two tiles share a grid cell"


def test_all_eighteen_most_pilot_zones(tables):
    zones = tables["cn_pilot_zones"]
    most = zones[zones["programme"] == "most_innovation_development"]
    expected = {"Beijing", "Shanghai", "Tianjin", "Shenzhen", "Hangzhou", "Hefei", "Deqing",
                "Chongqing", "Chengdu", "Xi'an", "Jinan", "Guangzhou", "Wuhan", "Suzhou",
                "Changsha", "Zhengzhou", "Shenyang", "Harbin"}
    assert set(most["city"]) == expected
    assert most["designating_body"].eq("MOST").all()
    assert zones.loc[zones["programme"] == "miit_innovation_application",
                     "designating_body"].eq("MIIT").all()


def test_vocabulary_terms_are_all_documented():
    codebook = (DATA / "README.md").read_text(encoding="utf-8")
    for name, terms in data.package(DATA)["vocabularies"].items():
        for term in terms:
            assert f"`{term}`" in codebook, f"vocabulary {name}: {term} not in data/README.md"


def test_codebook_documents_every_table_and_column():
    codebook = (DATA / "README.md").read_text(encoding="utf-8")
    for resource in data.package(DATA)["resources"]:
        assert f"`{resource['name']}.csv`" in codebook, resource["name"]
        for field in resource["schema"]["fields"]:
            assert f"`{field['name']}`" in codebook, (resource["name"], field["name"])


def test_codebook_states_as_of_date():
    codebook = (DATA / "README.md").read_text(encoding="utf-8")
    assert data.package(DATA)["as_of"] in codebook
