"""Load the course's shared datasets as typed pandas DataFrames.

The schema lives in one place, ``data/datapackage.json``. Every load checks the CSV against it
and raises :class:`DataValidationError` naming the file, line and column of each problem, so an
instructor can add a row to a CSV and see at once whether it is valid. Dates come back as
datetimes, enumerations as categoricals. Loading never writes anything.

>>> from coursekit import data
>>> laws = data.load_us_state_instruments()
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from coursekit.validate import (
    DataValidationError,
    Problem,
    check_date_order,
    check_field,
    check_foreign_keys,
    check_header,
    check_primary_key,
    read_raw,
)

__all__ = [
    "DataValidationError", "Problem", "data_dir", "package", "table_names", "load_table",
    "load_all", "validate_all", "clear_cache", "vocabulary", "explode", "as_of",
    "load_jurisdictions", "load_us_state_instruments", "load_us_federal_actions",
    "load_cn_central_instruments", "load_cn_filing_counts", "load_cn_local_instruments",
    "load_cn_pilot_zones", "load_industry_initiatives", "load_companies",
    "load_initiative_signatories", "load_us_ai_bill_counts", "load_security_measures",
]

ENV_VAR = "COURSEKIT_DATA"


def data_dir() -> Path:
    """The folder holding ``datapackage.json``: ``$COURSEKIT_DATA``, else the kit's ``data/``."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).resolve()
    for start in (Path(__file__).resolve(), Path.cwd().resolve()):
        for folder in (start, *start.parents):
            if (folder / "data" / "datapackage.json").exists():
                return folder / "data"
    raise FileNotFoundError(
        "cannot find data/datapackage.json; run from inside the course folder "
        f"or set {ENV_VAR} to the data folder")


def _resolve(folder: str | Path | None) -> Path:
    return Path(folder).resolve() if folder is not None else data_dir()


@cache
def _read_package(path: Path, mtime_ns: int) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def package(folder: str | Path | None = None) -> dict[str, Any]:
    """The parsed ``datapackage.json`` (schemas, vocabularies, licence, as-of date)."""
    path = _resolve(folder) / "datapackage.json"
    return _read_package(path, path.stat().st_mtime_ns)


def _resource(name: str, folder: Path) -> dict[str, Any]:
    for resource in package(folder)["resources"]:
        if resource["name"] == name:
            return resource
    raise KeyError(f"no table named {name!r}; the tables are: {', '.join(table_names(folder))}")


def table_names(folder: str | Path | None = None) -> list[str]:
    """Names of the tables in the data package, in its order."""
    return [r["name"] for r in package(_resolve(folder))["resources"]]


def vocabulary(name: str, folder: str | Path | None = None) -> list[str]:
    """A controlled vocabulary (``topics``, ``legal_domains``, ``cn_issuers``)."""
    return list(package(_resolve(folder))["vocabularies"][name])


def as_of(folder: str | Path | None = None) -> pd.Timestamp:
    """The date up to which the datasets were checked."""
    return pd.Timestamp(package(_resolve(folder))["as_of"])


def _label(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _typed(frame: pd.DataFrame, fields: list[dict[str, Any]]) -> pd.DataFrame:
    """Convert validated text cells to the schema's types."""
    out = {}
    for field in fields:
        name, kind = field["name"], field.get("type", "string")
        cells = frame[name]
        empty = cells == ""
        if kind == "date":
            out[name] = pd.to_datetime(cells.mask(empty), format="%Y-%m-%d")
        elif kind == "integer":
            out[name] = pd.to_numeric(cells.mask(empty)).astype("Int64")
        elif kind == "boolean":
            out[name] = cells.isin(field.get("trueValues", ["true"]))
        elif "enum" in field.get("constraints", {}):
            out[name] = pd.Categorical(cells.mask(empty), categories=field["constraints"]["enum"])
        else:
            out[name] = cells.mask(empty)
    return pd.DataFrame(out, index=frame.index)


@cache
def _load_checked(path: Path, mtime_ns: int, size: int, folder: Path) -> pd.DataFrame:
    """Read, validate and type one table (cached while the file is unchanged)."""
    name = path.stem
    resource = _resource(name, folder)
    schema = resource["schema"]
    label = _label(path)
    raw, problems = read_raw(path, label)
    if raw is None:
        raise DataValidationError(problems)
    problems = check_header(raw, schema["fields"], label)
    if problems:
        raise DataValidationError(problems)
    vocabularies = package(folder).get("vocabularies", {})
    for field in schema["fields"]:
        problems += check_field(raw, field, vocabularies, label)
    problems += check_primary_key(raw, schema.get("primaryKey", []), label)
    if not problems:
        problems += check_date_order(raw, label)
    foreign_keys = schema.get("foreignKeys", [])
    if foreign_keys:
        targets = {}
        for fk in foreign_keys:
            target = fk["reference"]["resource"]
            targets[target] = raw if target == name else load_table(target, folder)
        problems += check_foreign_keys(raw, foreign_keys, targets, label)
    if problems:
        raise DataValidationError(problems)
    return _typed(raw, schema["fields"])


def load_table(name: str, folder: str | Path | None = None) -> pd.DataFrame:
    """Load one table by name, validated and typed. Raises DataValidationError on a bad file."""
    root = _resolve(folder)
    resource = _resource(name, root)
    path = root / resource["path"]
    if not path.exists():
        raise DataValidationError([Problem(_label(path), None, None, "file is missing")])
    stat = path.stat()
    return _load_checked(path, stat.st_mtime_ns, stat.st_size, root).copy()


def load_all(folder: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """Every table in the package, by name."""
    return {name: load_table(name, folder) for name in table_names(folder)}


def validate_all(folder: str | Path | None = None) -> list[Problem]:
    """Check every table; return the problems found (an empty list when all is well)."""
    problems: list[Problem] = []
    for name in table_names(folder):
        try:
            load_table(name, folder)
        except DataValidationError as exc:
            problems += exc.problems
    return problems


def clear_cache() -> None:
    """Forget cached tables (they are re-read and re-checked on the next load)."""
    _load_checked.cache_clear()
    _read_package.cache_clear()


def explode(frame: pd.DataFrame, column: str = "topics") -> pd.DataFrame:
    """One row per item of a ';'-separated column (e.g. one row per instrument and topic)."""
    out = frame.assign(**{column: frame[column].str.split(";")}).explode(column)
    return out.reset_index(drop=True)


def _loader(name: str):
    def load(folder: str | Path | None = None) -> pd.DataFrame:
        return load_table(name, folder)

    load.__name__ = f"load_{name}"
    load.__doc__ = f"Load the ``{name}`` table (see data/README.md for its columns)."
    return load


load_jurisdictions = _loader("jurisdictions")
load_us_state_instruments = _loader("us_state_instruments")
load_us_federal_actions = _loader("us_federal_actions")
load_cn_central_instruments = _loader("cn_central_instruments")
load_cn_filing_counts = _loader("cn_filing_counts")
load_cn_local_instruments = _loader("cn_local_instruments")
load_cn_pilot_zones = _loader("cn_pilot_zones")
load_industry_initiatives = _loader("industry_initiatives")
load_companies = _loader("companies")
load_initiative_signatories = _loader("initiative_signatories")
load_us_ai_bill_counts = _loader("us_ai_bill_counts")
load_security_measures = _loader("security_measures")
