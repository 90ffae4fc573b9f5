"""Widget callback latency on the full data: control change -> new chart spec -> SVG on screen.

For each lesson explorer it changes one control repeatedly and times the whole callback. Three
figures per case, all measured in this run:
  spec       the callback with SVG rendering stubbed out (control change -> new chart spec);
  cold       the full callback, SVG cache cleared before every change (a view never seen before);
  revisited  the full callback when the student returns to views already drawn (SVG cache hits).
The baseline builds the same chart directly with coursekit.charts and calls chart.to_dict().
Prints median and p95 and the ratio of the spec median to the baseline. Goal: spec median < 50 ms.
Run: python benchmarks/widget_latency.py
"""

from __future__ import annotations

import itertools
import statistics
import time
from contextlib import contextmanager

from coursekit import charts, data, metrics, render, widgets

ROUNDS = 40


def _stats(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def _time(action, values, cold: bool = False) -> list[float]:
    samples = []
    for value in itertools.islice(itertools.cycle(values), ROUNDS):
        if cold:
            render._svg_cache.clear()
        start = time.perf_counter()
        action(value)
        samples.append(time.perf_counter() - start)
    return samples


@contextmanager
def _spec_only():
    """Replace the SVG step with building the spec only."""
    original = widgets.render.display_data
    widgets.render.display_data = lambda chart: {"output_type": "display_data", "metadata": {},
                                                 "data": {"text/plain": str(len(render.chart_spec(chart)))}}
    try:
        yield
    finally:
        widgets.render.display_data = original


def _setter(control):
    return lambda value: setattr(control, "value", value)


def main() -> None:
    tables = data.load_all()
    us = widgets.us_state_explorer(tables)
    cn = widgets.china_province_explorer(tables)
    frag = widgets.fragmentation_explorer(tables)
    states, jurisdictions = tables["us_state_instruments"], tables["jurisdictions"]
    local = tables["cn_local_instruments"]
    frame = metrics.governance_frame(tables)
    topics = [t for t in us.topic.options if t != widgets.ALL][:8]
    us_years = list(range(us.year.min, us.year.max + 1))
    cn_years = list(range(cn.year.min, cn.year.max + 1))

    def direct_us(topic):
        rows = metrics.filter_instruments(states, None, topic)
        charts.tile_map(metrics.counts_by_jurisdiction(rows), jurisdictions, "US", "instruments",
                        "t", "d").to_dict()

    def direct_cn(year):
        rows = metrics.filter_instruments(local, year)
        charts.tile_map(metrics.counts_by_jurisdiction(rows), jurisdictions, "CN", "instruments",
                        "t", "d").to_dict()

    def direct_frag(rule):
        series = metrics.fragmentation_over_time(frame, frag.index.value, rule, jurisdictions,
                                                 frag.years)
        charts.lines_over_time(series, "year", "value", "country", "t", "d").to_dict()

    cases = [
        ("01 US explorer: topic (1 chart)", _setter(us.topic), topics, direct_us),
        ("01 US explorer: year (2 charts)", _setter(us.year), us_years, None),
        ("01 US explorer: state (table only)", _setter(us.state),
         ["US-CA", "US-CO", "US-TX", "US-NY"], None),
        ("02 China explorer: year (2 charts)", _setter(cn.year), cn_years, direct_cn),
        ("02 China explorer: layer (1 chart)", _setter(cn.layer), list(cn.layer.options), None),
        ("03 fragmentation: counting rule", _setter(frag.rule), list(metrics.COUNTING_RULES),
         direct_frag),
    ]
    print(f"{ROUNDS} control changes per case; median / p95 in ms")
    worst_spec = 0.0
    for name, action, values, direct in cases:
        with _spec_only():
            spec_med, spec_p95 = _stats(_time(action, values))
        cold_med, cold_p95 = _stats(_time(action, values, cold=True))
        warm_med, _ = _stats(_time(action, values))
        worst_spec = max(worst_spec, spec_med)
        line = (f"{name:36s} spec {spec_med * 1e3:5.1f}/{spec_p95 * 1e3:5.1f}"
                f" | cold {cold_med * 1e3:5.1f}/{cold_p95 * 1e3:5.1f}"
                f" | revisited {warm_med * 1e3:5.1f}")
        if direct is not None:
            base, _ = _stats(_time(direct, values))
            line += f" | direct chart.to_dict() {base * 1e3:5.1f} (spec ratio {spec_med / base:.2f}x)"
        print(line)
    verdict = "met" if worst_spec < 0.05 else "NOT met"
    print(f"goal: control change -> new chart spec, median under 50 ms in every case -> {verdict}")


if __name__ == "__main__":
    main()
