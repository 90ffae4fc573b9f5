"""coursekit.render: charts reach the screen offline, as static SVG, and export cleanly."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from coursekit import render


@pytest.fixture()
def chart() -> alt.Chart:
    frame = pd.DataFrame({"state": ["CA", "CO", "TX"], "laws": [12, 3, 5]})
    return alt.Chart(frame).mark_bar().encode(x="state:N", y="laws:Q").properties(
        title="Laws per state", description="Bar chart of laws per state.")


def test_setup_activates_the_offline_renderer():
    alt.renderers.enable("default")
    assert render.setup() == render.RENDERER_NAME
    assert alt.renderers.active == render.RENDERER_NAME


def test_displayed_chart_is_static_svg_with_no_script(chart):
    render.setup()
    bundle = chart._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    svg = data["image/svg+xml"]
    assert svg.lstrip().startswith("<svg")
    assert "<script" not in svg and "cdn" not in svg.lower()
    assert "text/html" not in data
    assert data["text/plain"] == "Chart: Laws per state — Bar chart of laws per state."


def test_svg_contains_the_data_and_title(chart):
    svg = render.spec_to_svg(chart.to_dict())
    for label in ("Laws per state", "CA", "CO", "TX"):
        assert label in svg


def test_svg_cache_returns_same_object_for_same_spec(chart):
    spec = chart.to_dict()
    assert render.spec_to_svg(spec) is render.spec_to_svg(dict(spec))


def test_display_data_is_an_output_for_output_widgets(chart):
    out = render.display_data(chart)
    assert out["output_type"] == "display_data"
    assert out["data"]["image/svg+xml"].lstrip().startswith("<svg")


@pytest.mark.parametrize("suffix,magic", [(".svg", b"<svg"), (".png", b"\x89PNG")])
def test_save_writes_svg_and_png(chart, tmp_path, suffix, magic):
    path = render.save(chart, tmp_path / f"chart{suffix}")
    assert path.read_bytes().lstrip()[: len(magic)] == magic


def test_save_refuses_unknown_format(chart, tmp_path):
    with pytest.raises(ValueError, match="chart.pdf"):
        render.save(chart, tmp_path / "chart.pdf")
    assert not (tmp_path / "chart.pdf").exists()


def test_alt_text_handles_untitled_and_title_dicts():
    assert render.alt_text({}) == "Chart: (untitled)"
    assert render.alt_text({"title": {"text": "T"}}) == "Chart: T"


def test_import_skips_the_iri_grammar_but_leaves_it_importable():
    import subprocess
    import sys

    code = ("import importlib.util, sys, coursekit, altair; "
            "assert 'rfc3987_syntax' not in sys.modules, 'grammar was built at import'; "
            "installed = importlib.util.find_spec('rfc3987_syntax') is not None; "
            "installed and __import__('rfc3987_syntax'); print('ok')")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
