"""How Altair charts reach the screen with no internet, and how they are exported.

Altair's default renderer loads Vega from a CDN, and JupyterLab's built-in Vega renderer does not
read Vega-Lite v6, so with no network a chart shows "Error loading script" or plain text. The
``coursekit`` renderer turns each chart into static SVG inside the kernel (with ``vl-convert``, no
browser and no network), which JupyterLab, nbconvert HTML and nbgrader feedback all show as is.

Call :func:`setup` once at the top of a notebook.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from pathlib import Path
from typing import Any

import altair as alt

RENDERER_NAME = "coursekit"
_SVG_CACHE_SIZE = 256
_svg_cache: OrderedDict[str, str] = OrderedDict()


def _spec_key(spec: dict[str, Any]) -> str:
    text = json.dumps(spec, sort_keys=True, default=str)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def spec_to_svg(spec: dict[str, Any]) -> str:
    """Convert a Vega-Lite spec to an SVG string, offline (results are cached by spec)."""
    import vl_convert as vlc

    key = _spec_key(spec)
    cached = _svg_cache.get(key)
    if cached is not None:
        _svg_cache.move_to_end(key)
        return cached
    svg = vlc.vegalite_to_svg(spec)
    _svg_cache[key] = svg
    if len(_svg_cache) > _SVG_CACHE_SIZE:
        _svg_cache.popitem(last=False)
    return svg


def alt_text(spec: dict[str, Any]) -> str:
    """A plain-text stand-in for a chart: its title and description (for screen readers and logs)."""
    title = spec.get("title", "")
    if isinstance(title, dict):
        title = title.get("text", "")
    if isinstance(title, list):
        title = " ".join(str(part) for part in title)
    description = spec.get("description", "")
    parts = [str(p) for p in (title, description) if p]
    return "Chart: " + (" — ".join(parts) if parts else "(untitled)")


def mimebundle(spec: dict[str, Any]) -> dict[str, str]:
    """The display data for one chart spec: static SVG plus a text description."""
    return {"image/svg+xml": spec_to_svg(spec), "text/plain": alt_text(spec)}


def _renderer(spec: dict[str, Any], **_metadata: Any) -> dict[str, str]:
    return mimebundle(spec)


alt.renderers.register(RENDERER_NAME, _renderer)


def setup() -> str:
    """Make every Altair chart in this kernel render offline as static SVG.

    Returns the name of the renderer now active. Safe to call more than once.
    """
    alt.renderers.enable(RENDERER_NAME)
    return alt.renderers.active


def chart_spec(chart: alt.TopLevelMixin | dict[str, Any]) -> dict[str, Any]:
    """The Vega-Lite dict of a chart (or the dict itself).

    Schema validation is skipped here because it costs more than drawing the chart; the chart
    builders' specs are validated by the test suite (``chart.to_dict()`` validates).
    """
    return chart if isinstance(chart, dict) else chart.to_dict(validate=False)


def display_data(chart: alt.TopLevelMixin | dict[str, Any]) -> dict[str, Any]:
    """One ``display_data`` output for a chart, to place in an ``ipywidgets.Output``'s ``outputs``.

    Setting ``out.outputs = (display_data(chart),)`` works with or without a kernel, unlike
    ``with out: display(chart)``, which captures nothing when no kernel is attached.
    """
    return {"output_type": "display_data", "data": mimebundle(chart_spec(chart)), "metadata": {}}


def save(chart: alt.TopLevelMixin | dict[str, Any], path: str | Path, scale: float = 2.0) -> Path:
    """Save a chart for slides or handouts as ``.svg`` or ``.png`` (chosen by the file's suffix)."""
    import vl_convert as vlc

    path = Path(path)
    spec = chart_spec(chart)
    suffix = path.suffix.lower()
    if suffix == ".svg":
        path.write_text(spec_to_svg(spec), encoding="utf-8")
    elif suffix == ".png":
        path.write_bytes(vlc.vegalite_to_png(spec, scale=scale))
    else:
        raise ValueError(f"cannot save a chart as {path.name!r}: use a .svg or .png file name")
    return path
