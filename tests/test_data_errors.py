"""A broken data file gives an error naming the file, line and column, and nothing is written."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from coursekit import data
from coursekit.validate import DataValidationError

TABLE = "us_state_instruments"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict[str, str]], fields: list[str] | None = None) -> None:
    fields = fields or list(rows[0])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _problems(folder: Path, table: str = TABLE):
    before = _digest(folder)
    with pytest.raises(DataValidationError) as caught:
        data.load_table(table, folder)
    assert _digest(folder) == before, "loading must never modify the data files"
    return caught.value.problems, str(caught.value)


def test_a_valid_new_row_is_accepted(data_copy):
    path = data_copy / f"{TABLE}.csv"
    rows = _rows(path)
    new = dict(rows[0], id="US-CO-2026-HB26-9999", bill_number="HB 26-9999",
               note="added by an instructor")
    _write(path, rows + [new])
    frame = data.load_table(TABLE, data_copy)
    assert "US-CO-2026-HB26-9999" in set(frame["id"]) and len(frame) == len(rows) + 1


def test_missing_column(data_copy):
    path = data_copy / f"{TABLE}.csv"
    rows = _rows(path)
    _write(path, rows, [f for f in rows[0] if f != "status"])
    problems, message = _problems(data_copy)
    assert (problems[0].line, problems[0].column) == (1, "status")
    assert f"{TABLE}.csv" in message and "column is missing" in message


def test_bad_date(data_copy):
    path = data_copy / f"{TABLE}.csv"
    rows = _rows(path)
    rows[4]["date_effective"] = "2024-13-01"
    _write(path, rows)
    problems, message = _problems(data_copy)
    assert [(p.line, p.column) for p in problems] == [(6, "date_effective")]
    assert "'2024-13-01' is not a valid date" in message


def test_unknown_code_in_enum_and_vocabulary(data_copy):
    path = data_copy / f"{TABLE}.csv"
    rows = _rows(path)
    rows[0]["status"] = "signed"
    rows[1]["topics"] = "employment;robots"
    _write(path, rows)
    problems, _ = _problems(data_copy)
    found = {(p.line, p.column) for p in problems}
    assert found == {(2, "status"), (3, "topics")}
    assert any("'robots' not in the vocabulary" in p.message for p in problems)


def test_unknown_jurisdiction_is_a_dangling_foreign_key(data_copy):
    path = data_copy / f"{TABLE}.csv"
    rows = _rows(path)
    rows[2]["jurisdiction"] = "US-ZZ"
    _write(path, rows)
    problems, message = _problems(data_copy)
    assert [(p.line, p.column) for p in problems] == [(4, "jurisdiction")]
    assert "'US-ZZ' is not an id in jurisdictions.csv" in message


def test_duplicate_id(data_copy):
    path = data_copy / f"{TABLE}.csv"
    rows = _rows(path)
    _write(path, rows + [dict(rows[3])])
    problems, message = _problems(data_copy)
    assert [(p.line, p.column) for p in problems] == [(len(rows) + 2, "id")]
    assert "duplicate" in message


def test_duplicate_composite_key(data_copy):
    path = data_copy / "initiative_signatories.csv"
    rows = _rows(path)
    _write(path, rows + [dict(rows[0])])
    problems, _ = _problems(data_copy, "initiative_signatories")
    assert [(p.line, p.column) for p in problems] == [(len(rows) + 2, "initiative_id+company_id")]


def test_dangling_company_in_signatories(data_copy):
    path = data_copy / "initiative_signatories.csv"
    rows = _rows(path)
    rows[0]["company_id"] = "CO-NOBODY"
    _write(path, rows)
    problems, _ = _problems(data_copy, "initiative_signatories")
    assert [(p.line, p.column) for p in problems] == [(2, "company_id")]


def test_effective_before_signed(data_copy):
    path = data_copy / f"{TABLE}.csv"
    rows = _rows(path)
    index = next(i for i, r in enumerate(rows) if r["date_issued"])
    rows[index]["date_effective"] = "2000-01-01"
    _write(path, rows)
    problems, message = _problems(data_copy)
    assert [(p.line, p.column) for p in problems] == [(index + 2, "date_effective")]
    assert "is before date_issued" in message


def test_required_source_and_https_only(data_copy):
    path = data_copy / f"{TABLE}.csv"
    rows = _rows(path)
    rows[0]["source_url"] = ""
    rows[1]["source_url"] = "http://example.org/law"
    _write(path, rows)
    problems, _ = _problems(data_copy)
    assert {(p.line, p.column) for p in problems} == {(2, "source_url"), (3, "source_url")}


def test_malformed_csv_names_the_line(data_copy):
    path = data_copy / f"{TABLE}.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = lines[5].rstrip("\n") + ",extra,cells\n"
    path.write_text("".join(lines), encoding="utf-8")
    problems, message = _problems(data_copy)
    assert problems[0].line == 6 and "malformed CSV" in message


def test_missing_file(data_copy):
    (data_copy / f"{TABLE}.csv").unlink()
    problems, message = _problems(data_copy)
    assert "file is missing" in message and problems[0].line is None


def test_unknown_table_name_lists_the_tables(data_copy):
    with pytest.raises(KeyError, match="jurisdictions"):
        data.load_table("laws", data_copy)


def test_explode_gives_one_row_per_topic():
    import pandas as pd

    frame = pd.DataFrame({"id": ["A", "B"], "topics": ["employment;health", "minors"]})
    out = data.explode(frame)
    assert list(out["topics"]) == ["employment", "health", "minors"]
    assert list(out["id"]) == ["A", "A", "B"]
