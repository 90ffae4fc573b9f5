"""Binder's environment.yml and pyproject.toml must name the same runtime packages."""

from __future__ import annotations

import re
import tomllib

from conftest import ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _environment_entries() -> list[str]:
    entries, in_deps = [], False
    for line in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        if in_deps and line.strip().startswith("- "):
            entries.append(line.strip()[2:].strip())
        elif in_deps and line.strip() and not line.startswith(" "):
            in_deps = False
    return entries


def _environment_packages() -> set[str]:
    return {_name(entry) for entry in _environment_entries()} - {"python", "pip"}


def _pyproject_packages() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {_name(req) for req in project["dependencies"]}


def test_environment_yml_matches_pyproject():
    env, pyproject = _environment_packages(), _pyproject_packages()
    assert env == pyproject, (
        f"only in environment.yml: {sorted(env - pyproject)}; "
        f"only in pyproject.toml: {sorted(pyproject - env)}")


def test_environment_yml_does_not_install_the_package_itself():
    entries = _environment_entries()
    assert not [e for e in entries if e.startswith("-e") or e in {".", "coursekit"}]
    assert not [e for e in entries if e.startswith("pip:") or isinstance(e, dict)]


def test_postbuild_installs_the_package_without_dependencies():
    post = ROOT / "postBuild"
    assert post.stat().st_mode & 0o111, "postBuild must be executable"
    text = post.read_text(encoding="utf-8")
    assert "pip install --no-deps -e ." in text
    assert "generate_assignment" in text, "Binder self-learners get the student versions"


def test_python_floor_agrees():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=3.11"
    assert "python>=3.11" in (ROOT / "environment.yml").read_text(encoding="utf-8")
