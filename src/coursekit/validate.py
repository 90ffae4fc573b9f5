"""Check one CSV table against its schema in ``data/datapackage.json``.

Every problem names the file, the line (the header is line 1) and the column, so that an
instructor who adds a row sees exactly what to fix. Nothing here writes to disk.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

DATE_PATTERN = r"\d{4}-\d{2}-\d{2}"
EARLIEST_DATE = pd.Timestamp("1990-01-01")
LATEST_DATE = pd.Timestamp("2040-12-31")
#: Pairs of date columns that must be in order within a row (earlier, later).
DATE_ORDER = (("date_introduced", "date_issued"), ("date_issued", "date_effective"),
              ("date_issued", "date_ended"))
MAX_PROBLEMS_SHOWN = 25


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file."""

    path: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.path]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.message}"


class DataValidationError(ValueError):
    """A data file does not match its schema. ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        shown = "\n  ".join(str(p) for p in self.problems[:MAX_PROBLEMS_SHOWN])
        more = len(self.problems) - MAX_PROBLEMS_SHOWN
        tail = f"\n  ... and {more} more" if more > 0 else ""
        super().__init__(f"{len(self.problems)} problem(s) in the data:\n  {shown}{tail}")


def read_raw(path: Path, label: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read a CSV as text cells (no type guessing, empty cells stay empty strings)."""
    if not path.exists():
        return None, [Problem(label, None, None, "file is missing")]
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False,
                            encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(label, None, None, f"not UTF-8 text ({exc.reason})")]
    except pd.errors.ParserError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else None
        return None, [Problem(label, line, None, f"malformed CSV: {exc}".strip())]
    except pd.errors.EmptyDataError:
        return None, [Problem(label, None, None, "file is empty (no header row)")]
    return frame, []


def check_header(frame: pd.DataFrame, fields: list[dict[str, Any]], label: str) -> list[Problem]:
    expected = [f["name"] for f in fields]
    actual = list(frame.columns)
    problems = [Problem(label, 1, name, "column is missing") for name in expected
                if name not in actual]
    problems += [Problem(label, 1, name, "unknown column (not in datapackage.json)")
                 for name in actual if name not in expected]
    if not problems and actual != expected:
        problems.append(Problem(label, 1, None,
                                f"columns are out of order; expected: {', '.join(expected)}"))
    return problems


def _bad_rows(frame: pd.DataFrame, mask: pd.Series, label: str, column: str,
              message: str) -> list[Problem]:
    return [Problem(label, int(i) + 2, column, message.format(value=frame.at[i, column]))
            for i in frame.index[mask.to_numpy()]]


def check_field(frame: pd.DataFrame, field: dict[str, Any], vocabularies: dict[str, list[str]],
                label: str) -> list[Problem]:
    """Check one column: required, type, enum, pattern, length, uniqueness, vocabulary."""
    name = field["name"]
    cells = frame[name]
    filled = cells != ""
    constraints = field.get("constraints", {})
    problems: list[Problem] = []
    if constraints.get("required"):
        problems += _bad_rows(frame, ~filled, label, name, "a value is required")
    kind = field.get("type", "string")
    if kind == "date":
        shaped = cells.str.fullmatch(DATE_PATTERN)
        parsed = pd.to_datetime(cells.where(filled & shaped), format="%Y-%m-%d", errors="coerce")
        bad = filled & parsed.isna()
        problems += _bad_rows(frame, bad, label, name,
                              "{value!r} is not a valid date (expected YYYY-MM-DD)")
        out_of_range = filled & ~bad & ((parsed < EARLIEST_DATE) | (parsed > LATEST_DATE))
        problems += _bad_rows(frame, out_of_range, label, name,
                              f"{{value!r}} is outside {EARLIEST_DATE.date()}..{LATEST_DATE.date()}")
    elif kind == "integer":
        problems += _bad_rows(frame, filled & ~cells.str.fullmatch(r"\d+"), label, name,
                              "{value!r} is not a whole number")
    elif kind == "boolean":
        allowed = set(field.get("trueValues", ["true"])) | set(field.get("falseValues", ["false"]))
        problems += _bad_rows(frame, filled & ~cells.isin(allowed), label, name,
                              f"{{value!r}} is not one of {sorted(allowed)}")
    if "enum" in constraints:
        problems += _bad_rows(frame, filled & ~cells.isin(constraints["enum"]), label, name,
                              "{value!r} is not an allowed value; allowed: "
                              + ", ".join(constraints["enum"]))
    if "pattern" in constraints:
        problems += _bad_rows(frame, filled & ~cells.str.fullmatch(constraints["pattern"]), label,
                              name, f"{{value!r}} does not match the pattern {constraints['pattern']}")
    if "maxLength" in constraints:
        problems += _bad_rows(frame, cells.str.len() > constraints["maxLength"], label, name,
                              f"{{value!r}} is longer than {constraints['maxLength']} characters")
    if constraints.get("unique"):
        problems += _bad_rows(frame, filled & cells.duplicated(keep="first"), label, name,
                              "{value!r} is a duplicate (values must be unique)")
    vocabulary = field.get("vocabulary")
    if vocabulary:
        allowed = set(vocabularies[vocabulary])
        for i, value in cells[filled].items():
            unknown = [item for item in value.split(";") if item not in allowed]
            if unknown:
                problems.append(Problem(label, int(i) + 2, name,
                                        f"{', '.join(map(repr, unknown))} not in the vocabulary "
                                        f"{vocabulary!r} (see data/README.md)"))
    return problems


def check_primary_key(frame: pd.DataFrame, key: list[str], label: str) -> list[Problem]:
    if len(key) < 2:  # single-column keys are covered by the field's `unique` constraint
        return []
    duplicated = frame.duplicated(subset=key, keep="first")
    return [Problem(label, int(i) + 2, "+".join(key),
                    f"{tuple(frame.loc[i, key])} is a duplicate key")
            for i in frame.index[duplicated.to_numpy()]]


def check_date_order(frame: pd.DataFrame, label: str, today: dt.date | None = None) -> list[Problem]:
    """Dates within a row must be in order, and no source may be accessed in the future."""
    problems: list[Problem] = []
    for earlier, later in DATE_ORDER:
        if earlier not in frame or later not in frame:
            continue
        first = pd.to_datetime(frame[earlier], format="%Y-%m-%d", errors="coerce")
        second = pd.to_datetime(frame[later], format="%Y-%m-%d", errors="coerce")
        for i in frame.index[(second < first).to_numpy()]:
            problems.append(Problem(label, int(i) + 2, later,
                                    f"{frame.at[i, later]} is before {earlier} "
                                    f"{frame.at[i, earlier]}"))
    if "source_accessed" in frame:
        accessed = pd.to_datetime(frame["source_accessed"], format="%Y-%m-%d", errors="coerce")
        limit = pd.Timestamp(today or dt.date.today())
        problems += _bad_rows(frame, accessed > limit, label, "source_accessed",
                              "{value!r} is in the future")
    return problems


def check_foreign_keys(frame: pd.DataFrame, foreign_keys: list[dict[str, Any]],
                       targets: dict[str, pd.DataFrame], label: str) -> list[Problem]:
    """Every reference must name an existing row of the referenced table."""
    problems: list[Problem] = []
    for fk in foreign_keys:
        (column,) = fk["fields"]
        resource = fk["reference"]["resource"]
        (target_column,) = fk["reference"]["fields"]
        known = set(targets[resource][target_column])
        cells = frame[column]
        dangling = (cells != "") & ~cells.isin(known)
        problems += _bad_rows(frame, dangling, label, column,
                              f"{{value!r}} is not an {target_column} in {resource}.csv")
    return problems
