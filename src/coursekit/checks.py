"""Friendly self-check helpers for lessons and exercises: clear messages, no answers leaked."""

from __future__ import annotations

from collections.abc import Sequence


def check_choice(choice: int | None, answer: int, options: Sequence[str],
                 explanation: str = "") -> tuple[bool, str]:
    """Judge a multiple-choice answer; return (correct, message for the student)."""
    if not 0 <= answer < len(options):
        raise ValueError(f"answer index {answer} is outside the {len(options)} options")
    if choice is None:
        return False, "Pick an option first."
    if not 0 <= choice < len(options):
        raise ValueError(f"choice index {choice} is outside the {len(options)} options")
    if choice == answer:
        return True, "Correct. " + explanation if explanation else "Correct."
    return False, f"Not quite: “{options[choice]}” is not the best answer. Try again."


def _fail(message: str) -> None:
    raise AssertionError(message)


def expect_type(value: object, kinds: type | tuple[type, ...], name: str) -> None:
    """Fail with a friendly message unless ``value`` is an instance of ``kinds``."""
    if isinstance(value, bool) and bool not in (kinds if isinstance(kinds, tuple) else (kinds,)):
        _fail(f"`{name}` is True/False; it should be a {_kind_names(kinds)}.")
    if not isinstance(value, kinds):
        _fail(f"`{name}` should be a {_kind_names(kinds)}, but it is a {type(value).__name__}.")


def _kind_names(kinds: type | tuple[type, ...]) -> str:
    kinds = kinds if isinstance(kinds, tuple) else (kinds,)
    return " or ".join(k.__name__ for k in kinds)


def expect_between(value: float, low: float, high: float, name: str) -> None:
    """Fail unless ``low <= value <= high`` (a range check that does not reveal the answer)."""
    if not low <= value <= high:
        _fail(f"`{name}` is {value!r}, which is outside the possible range {low}..{high}. "
              "Check which rows you counted.")


def expect_columns(frame: object, columns: list[str], name: str) -> None:
    """Fail unless ``frame`` is a DataFrame that has all of ``columns``."""
    import pandas as pd

    expect_type(frame, pd.DataFrame, name)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        _fail(f"`{name}` is missing the column(s) {missing}; it has {list(frame.columns)}.")


def expect_chart(chart: object, name: str = "chart") -> dict:
    """Fail unless ``chart`` is an Altair chart with a title and a description; return its spec."""
    import altair as alt

    if not isinstance(chart, alt.TopLevelMixin):
        _fail(f"`{name}` should be an Altair chart (alt.Chart(...)), but it is a "
              f"{type(chart).__name__}. Did the cell end with the chart instead of assigning it?")
    spec = chart.to_dict()
    if not spec.get("title"):
        _fail(f"`{name}` needs a title: add .properties(title=...).")
    if not spec.get("description"):
        _fail(f"`{name}` needs a short description for screen readers: "
              ".properties(description=...).")
    return spec


def encoding_field(spec: dict, channel: str) -> str | None:
    """The field a chart spec encodes on ``channel`` (looking inside layers), or None."""
    for part in [spec, *spec.get("layer", [])]:
        encoding = part.get("encoding", {}).get(channel)
        if isinstance(encoding, dict) and "field" in encoding:
            return encoding["field"]
    return None


def mark_type(spec: dict) -> str | None:
    """The mark type of a chart spec (the first layer's, for layered charts)."""
    for part in [spec, *spec.get("layer", [])]:
        mark = part.get("mark")
        if mark:
            return mark["type"] if isinstance(mark, dict) else mark
    return None
