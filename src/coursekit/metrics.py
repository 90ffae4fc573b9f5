"""Pure functions on the course's DataFrames: counts, overviews and (later) fragmentation indices.

Nothing here loads data or draws: pass frames in, get frames or numbers out.
"""

from __future__ import annotations

import pandas as pd

DATE_COLUMNS = ("date_issued", "date_announced", "date_designated", "as_of", "date_joined")


def date_column(frame: pd.DataFrame) -> str | None:
    """The column that dates a row of this table, if it has one."""
    return next((c for c in DATE_COLUMNS if c in frame.columns), None)


def table_overview(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per table: rows, first and last dated row, and the share citing a primary source."""
    records = []
    for name, frame in tables.items():
        column = date_column(frame)
        dates = frame[column].dropna() if column else pd.Series(dtype="datetime64[ns]")
        primary = frame["source_primary"].mean() if "source_primary" in frame else float("nan")
        records.append({
            "table": name,
            "rows": len(frame),
            "first_date": dates.min() if len(dates) else pd.NaT,
            "last_date": dates.max() if len(dates) else pd.NaT,
            "primary_source_share": round(float(primary), 2) if pd.notna(primary) else None,
        })
    return pd.DataFrame.from_records(records)


def count_by(frame: pd.DataFrame, column: str, name: str = "instruments") -> pd.DataFrame:
    """How many rows take each value of ``column`` (most frequent first)."""
    counts = frame[column].astype("string").value_counts(dropna=True)
    return counts.rename(name).rename_axis(column).reset_index()


def china_levels(central: pd.DataFrame, local: pd.DataFrame) -> pd.DataFrame:
    """Central and local Chinese instruments in one frame with a ``level`` column."""
    keep = ["id", "name_en", "name_zh", "instrument_type", "status", "date_issued", "topics"]
    both = pd.concat([central[keep].assign(level="central", jurisdiction="CN"),
                      local[keep + ["jurisdiction"]].assign(level="local")], ignore_index=True)
    both["instrument_type"] = both["instrument_type"].astype("string")
    both["status"] = both["status"].astype("string")
    return both
