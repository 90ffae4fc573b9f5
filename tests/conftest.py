"""Shared fixtures and paths for the test suite."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
EXERCISE_SOURCES = sorted((ROOT / "exercises").glob("*/*.ipynb"))
ALL_NOTEBOOKS = LESSONS + EXERCISE_SOURCES
ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def notebook_id(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.fixture(scope="session")
def tables():
    """Every course table, loaded once for the test session (tests must not modify them)."""
    from coursekit import data

    return data.load_all(DATA)


@pytest.fixture(scope="session")
def frame(tables):
    """US and Chinese instruments at both levels in one frame (coursekit.metrics)."""
    from coursekit import metrics

    return metrics.governance_frame(tables)


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break without touching the real files."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("_staging"))
    return target


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where tests leave screenshots and reports for a person to look at."""
    path = ROOT / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path
