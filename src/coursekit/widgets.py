"""ipywidgets explorers: thin views wiring controls to pure functions and chart builders.

Each explorer keeps its current chart spec and table in attributes (``chart``, ``rows``) so that
tests can drive the controls without a browser or a kernel. Charts reach the screen through
``Output.outputs`` (see :func:`coursekit.render.display_data`), which works with or without a kernel.
"""

from __future__ import annotations

import altair as alt
import ipywidgets as W
import pandas as pd

from coursekit import charts, data, metrics, render, simulate
from coursekit.checks import check_choice

PREVIEW_ROWS = 8
PREVIEW_COLUMNS = 7
DEFAULT_TABLE = "us_state_instruments"
HIDDEN_IN_PREVIEW = {"summary", "note", "source_primary", "source_accessed"}


def filter_rows(frame: pd.DataFrame, text: str) -> pd.DataFrame:
    """Rows where any text cell contains ``text`` (case-insensitive); all rows when empty."""
    text = text.strip().lower()
    if not text:
        return frame
    cells = frame.select_dtypes(exclude=["datetime", "number", "bool"]).astype("string")
    hits = cells.apply(lambda column: column.str.lower().str.contains(text, regex=False))
    return frame[hits.fillna(False).any(axis=1)]


def browser_chart(name: str, frame: pd.DataFrame) -> alt.Chart:
    """The chart that summarises a (filtered) table in the dataset browser."""
    date_column = metrics.date_column(frame)
    if date_column is not None:
        color = "status" if "status" in frame.columns else None
        return charts.count_by_year(
            frame, date_column, title=f"{name}: rows per year ({date_column})",
            description=f"Bar chart of the number of rows in {name} per year of {date_column}.",
            color=color)
    sizes = frame.groupby(frame.columns[1], observed=True).size().rename("rows").reset_index()
    sizes = sizes.rename(columns={frame.columns[1]: "table"})
    return charts.rows_per_table(
        sizes, title=f"{name}: rows by {frame.columns[1]}",
        description=f"Bar chart of the number of rows in {name} by {frame.columns[1]}.")


def preview_html(frame: pd.DataFrame) -> str:
    """The first rows of a table as HTML, without the long text columns."""
    columns = [c for c in frame.columns if c not in HIDDEN_IN_PREVIEW]
    columns = columns[:PREVIEW_COLUMNS - 1] + (["source_url"] if "source_url" in columns else [])
    shown = frame.loc[:, list(dict.fromkeys(columns))].head(PREVIEW_ROWS)
    return shown.to_html(index=False, na_rep="", render_links=True, escape=True)


class DatasetBrowser:
    """Pick a table, type a search term, see matching rows and a chart of them."""

    def __init__(self, tables: dict[str, pd.DataFrame] | None = None):
        self.tables = tables if tables is not None else data.load_all()
        names = list(self.tables)
        first = DEFAULT_TABLE if DEFAULT_TABLE in names else names[0]
        self.table = W.Dropdown(options=names, value=first, description="Table")
        self.search = W.Text(value="", placeholder="e.g. California, 算法, deepfake",
                             description="Search", continuous_update=False)
        self.summary = W.HTML()
        self.preview = W.HTML()
        self.chart_out = W.Output()
        self.table.observe(self._refresh, names="value")
        self.search.observe(self._refresh, names="value")
        self.widget = W.VBox([W.HBox([self.table, self.search]), self.summary,
                              self.chart_out, self.preview])
        self._refresh()

    def _refresh(self, _change: dict | None = None) -> None:
        name = self.table.value
        frame = self.tables[name]
        self.rows = filter_rows(frame, self.search.value)
        self.summary.value = (f"<b>{len(self.rows)}</b> of {len(frame)} rows in "
                              f"<code>{name}</code>")
        self.chart = browser_chart(name, self.rows)
        self.chart_out.outputs = (render.display_data(self.chart),)
        self.preview.value = preview_html(self.rows)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def dataset_browser(tables: dict[str, pd.DataFrame] | None = None) -> DatasetBrowser:
    """A dataset browser over every table (or the ``tables`` given)."""
    return DatasetBrowser(tables)


class Quiz:
    """A multiple-choice question with immediate feedback (for "check your understanding")."""

    def __init__(self, question: str, options: list[str], answer: int, explanation: str = ""):
        self.options, self.answer, self.explanation = list(options), answer, explanation
        check_choice(None, answer, self.options)  # fail early on a bad answer index
        self.choice = W.RadioButtons(options=[(text, i) for i, text in enumerate(self.options)],
                                     value=None, layout=W.Layout(width="max-content"))
        self.button = W.Button(description="Check", button_style="primary")
        self.feedback = W.HTML()
        self.correct: bool | None = None
        self.button.on_click(self.check)
        self.widget = W.VBox([W.HTML(f"<b>{question}</b>"), self.choice, self.button,
                              self.feedback])

    def check(self, _button: W.Button | None = None) -> bool:
        """Judge the selected option and show the feedback; return whether it is right."""
        self.correct, message = check_choice(self.choice.value, self.answer, self.options,
                                             self.explanation)
        colour = "#006d2c" if self.correct else "#a63603"
        self.feedback.value = f'<span style="color:{colour}">{message}</span>'
        return self.correct

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def quiz(question: str, options: list[str], answer: int, explanation: str = "") -> Quiz:
    """A "check your understanding" question; ``answer`` is the index of the right option."""
    return Quiz(question, options, answer, explanation)


# --- Lesson explorers ------------------------------------------------------------------------

ALL = "(all)"
COUNTRY_NAMES = {"US": "United States", "CN": "China"}


def _show(out: W.Output, chart: alt.TopLevelMixin) -> None:
    out.outputs = (render.display_data(chart),)


def _choice(value: str) -> str | None:
    return None if value == ALL else value


def _options(values) -> list[str]:
    return [ALL] + sorted({str(v) for v in values if pd.notna(v)})


class USStateExplorer:
    """Lesson 01: a tile map of state AI instruments by year, topic and status, the list for one
    state, and the federal timeline up to the same year."""

    def __init__(self, tables: dict[str, pd.DataFrame]):
        self.states = tables["us_state_instruments"]
        self.federal = tables["us_federal_actions"]
        self.jurisdictions = tables["jurisdictions"]
        years = metrics.action_year(self.states).dropna()
        self.year = W.IntSlider(value=int(years.max()), min=int(years.min()), max=int(years.max()),
                                description="Up to year", continuous_update=False)
        self.topic = W.Dropdown(options=_options(data.explode(self.states)["topics"]),
                                value=ALL, description="Topic")
        self.status = W.Dropdown(options=_options(self.states["status"]), value=ALL,
                                 description="Status")
        names = self.jurisdictions[self.jurisdictions["country"] == "US"]
        self.state = W.Dropdown(options=list(zip(names["name"], names["id"], strict=True)),
                                value="US-CA", description="State")
        self.map_out, self.federal_out = W.Output(), W.Output()
        self.listing = W.HTML()
        # Each control redraws only what depends on it: SVG rendering is the slow step.
        self.year.observe(self._on_year, names="value")
        for control in (self.topic, self.status):
            control.observe(self._on_filter, names="value")
        self.state.observe(self._on_state, names="value")
        self.widget = W.VBox([
            W.HBox([self.year, self.topic, self.status]), self.map_out,
            W.HBox([self.state]), self.listing, self.federal_out])
        self._on_year()

    def _on_year(self, _change: dict | None = None) -> None:
        self._on_filter()
        self._draw_federal()

    def _on_filter(self, _change: dict | None = None) -> None:
        self.rows = metrics.filter_instruments(self.states, self.year.value,
                                               _choice(self.topic.value), _choice(self.status.value))
        topic = self.topic.value if self.topic.value != ALL else "all topics"
        self.map_chart = charts.tile_map(
            metrics.counts_by_jurisdiction(self.rows), self.jurisdictions, "US", "instruments",
            title=f"State and local AI instruments up to {self.year.value} ({topic})",
            description="Tile map of US states coloured by the number of AI instruments that match "
                        "the selected year, topic and status.")
        _show(self.map_out, self.map_chart)
        self._on_state()

    def _on_state(self, _change: dict | None = None) -> None:
        chosen = self.rows[self.rows["jurisdiction"] == self.state.value]
        self.state_rows = chosen.sort_values("date_issued")
        self.listing.value = (
            f"<b>{len(chosen)}</b> matching instrument(s) in {self.state.label}"
            + self.state_rows[["short_name", "bill_number", "status", "date_issued", "topics"]]
            .to_html(index=False, na_rep=""))

    def _draw_federal(self) -> None:
        federal = metrics.filter_instruments(self.federal, self.year.value)
        self.federal_chart = charts.timeline(
            federal.assign(action_type=federal["action_type"].astype("string")), "date_issued",
            "short_name", "action_type",
            title=f"Federal AI actions up to {self.year.value}",
            description="Timeline of US federal AI actions by type: executive orders, statutes, "
                        "memos, frameworks, preemption attempts and litigation.")
        _show(self.federal_out, self.federal_chart)


class ChinaProvinceExplorer:
    """Lesson 02: a province tile map of local instruments or pilot zones up to a year, and the
    centre-versus-local timeline up to the same year."""

    LAYERS = ("local instruments", "MOST pilot zones", "MIIT pilot zones")

    def __init__(self, tables: dict[str, pd.DataFrame]):
        self.local = tables["cn_local_instruments"]
        self.zones = tables["cn_pilot_zones"]
        self.jurisdictions = tables["jurisdictions"]
        self.levels = metrics.china_levels(tables["cn_central_instruments"], self.local)
        years = self.levels["date_issued"].dt.year.dropna()
        self.layer = W.ToggleButtons(options=self.LAYERS, value=self.LAYERS[0])
        self.year = W.IntSlider(value=int(years.max()), min=int(years.min()), max=int(years.max()),
                                description="Up to year", continuous_update=False)
        self.kind = W.Dropdown(options=_options(self.local["instrument_type"]), value=ALL,
                               description="Type")
        self.map_out, self.timeline_out = W.Output(), W.Output()
        for control in (self.layer, self.kind):
            control.observe(self._draw_map, names="value")
        self.year.observe(self._on_year, names="value")
        self.widget = W.VBox([self.layer, W.HBox([self.year, self.kind]), self.map_out,
                              self.timeline_out])
        self._on_year()

    def map_counts(self) -> pd.DataFrame:
        """Counts per province for the selected layer, year and type."""
        if self.layer.value == "local instruments":
            rows = metrics.filter_instruments(self.local, self.year.value,
                                              instrument_type=_choice(self.kind.value))
            return metrics.counts_by_jurisdiction(rows)
        programme = ("most_innovation_development" if self.layer.value.startswith("MOST")
                     else "miit_innovation_application")
        zones = self.zones[(self.zones["programme"] == programme)
                           & (self.zones["date_designated"].dt.year <= self.year.value)]
        return metrics.counts_by_jurisdiction(zones, "instruments")

    def _on_year(self, _change: dict | None = None) -> None:
        self._draw_map()
        upto = self.levels[self.levels["date_issued"].dt.year <= self.year.value]
        self.timeline_chart = charts.timeline(
            upto, "date_issued", "name_en", "level",
            title=f"Central and local AI instruments up to {self.year.value}",
            description="Timeline of Chinese AI instruments, central (top) and local (bottom).")
        _show(self.timeline_out, self.timeline_chart)

    def _draw_map(self, _change: dict | None = None) -> None:
        self.kind.disabled = self.layer.value != "local instruments"
        self.counts = self.map_counts()
        what = self.layer.value
        self.map_chart = charts.tile_map(
            self.counts, self.jurisdictions, "CN", "instruments",
            title=f"{what.capitalize()} by province, up to {self.year.value}",
            description=f"Tile map of China's provincial-level units coloured by the number of {what} "
                        "dated up to the selected year (undated rows are not shown).")
        _show(self.map_out, self.map_chart)


class FragmentationExplorer:
    """Lesson 03: a fragmentation index for the US and China over time, under a counting rule."""

    def __init__(self, tables: dict[str, pd.DataFrame], years: range = range(2017, 2027)):
        self.frame = metrics.governance_frame(tables)
        self.jurisdictions = tables["jurisdictions"]
        self.years = years
        self.index = W.Dropdown(options=list(metrics.INDICES), description="Index",
                                layout=W.Layout(width="420px"))
        self.rule = W.Dropdown(options=list(metrics.COUNTING_RULES), description="Count",
                               layout=W.Layout(width="320px"))
        self.chart_out = W.Output()
        self.latest = W.HTML()
        for control in (self.index, self.rule):
            control.observe(self._refresh, names="value")
        self.widget = W.VBox([W.HBox([self.index, self.rule]), self.chart_out, self.latest])
        self._refresh()

    def _refresh(self, _change: dict | None = None) -> None:
        series = metrics.fragmentation_over_time(self.frame, self.index.value, self.rule.value,
                                                 self.jurisdictions, self.years)
        self.series = series.assign(country=series["country"].map(COUNTRY_NAMES))
        self.chart = charts.lines_over_time(
            self.series, "year", "value", "country", y_domain=(0, 1), y_title=self.index.value,
            title=f"{self.index.value.capitalize()} ({self.rule.value})",
            description="Line chart of the chosen fragmentation index for the United States and "
                        "China, computed on instruments issued up to each year.")
        _show(self.chart_out, self.chart)
        last = self.series[self.series["year"] == self.years[-1]].set_index("country")["value"]
        self.latest.value = ("In " + str(self.years[-1]) + ": " + ", ".join(
            f"{country} {value:.2f}" for country, value in last.items() if pd.notna(value)))


def us_state_explorer(tables: dict[str, pd.DataFrame]) -> USStateExplorer:
    """Lesson 01's explorer: state map by year/topic/status, one state's list, federal timeline."""
    return USStateExplorer(tables)


def china_province_explorer(tables: dict[str, pd.DataFrame]) -> ChinaProvinceExplorer:
    """Lesson 02's explorer: province map (instruments or pilot zones) and centre/local timeline."""
    return ChinaProvinceExplorer(tables)


def fragmentation_explorer(tables: dict[str, pd.DataFrame]) -> FragmentationExplorer:
    """Lesson 03's explorer: US vs China fragmentation over time by index and counting rule."""
    return FragmentationExplorer(tables)


class IndustryNetworkExplorer:
    """Lesson 04: the company × initiative network, filtered by company country and initiative
    type, with firms that sign in more than one system outlined."""

    COUNTRIES = (ALL, "US", "CN", "other")

    def __init__(self, tables: dict[str, pd.DataFrame]):
        self.signatories = metrics.signatory_frame(tables)
        self.country = W.Dropdown(options=self.COUNTRIES, value=ALL, description="Company HQ")
        self.kind = W.Dropdown(options=_options(self.signatories["initiative_type"]), value=ALL,
                               description="Initiative", layout=W.Layout(width="420px"))
        self.multi_only = W.Checkbox(value=False, description="only firms in several systems")
        self.chart_out = W.Output()
        self.table = W.HTML()
        for control in (self.country, self.kind, self.multi_only):
            control.observe(self._refresh, names="value")
        self.widget = W.VBox([W.HBox([self.country, self.kind]), self.multi_only,
                              self.chart_out, self.table])
        self._refresh()

    def filtered(self) -> pd.DataFrame:
        """Signatory rows that pass the controls."""
        rows = self.signatories
        if self.country.value != ALL:
            hq = rows["hq_country"].where(rows["hq_country"].isin(["US", "CN"]), "other")
            rows = rows[hq == self.country.value]
        if self.kind.value != ALL:
            rows = rows[rows["initiative_type"] == self.kind.value]
        if self.multi_only.value:
            multi = metrics.systems_per_company(self.signatories)
            rows = rows[rows["company_id"].isin(multi.loc[multi["multi_system"], "company_id"])]
        return rows

    def _refresh(self, _change: dict | None = None) -> None:
        self.rows = self.filtered()
        self.companies = metrics.systems_per_company(self.rows) if len(self.rows) else \
            pd.DataFrame(columns=["company", "hq_country", "initiatives", "systems", "scopes"])
        if len(self.rows):
            nodes, edges = metrics.bipartite_layout(self.rows)
            self.chart = charts.network(
                nodes, edges, title=f"Who signs what: {len(self.companies)} companies, "
                                    f"{self.rows['initiative_id'].nunique()} initiatives",
                description="Two-column network: companies on the left (coloured by headquarters), "
                            "initiatives on the right (coloured by scope); a line is a signature.")
            _show(self.chart_out, self.chart)
        else:
            self.chart = None
            self.chart_out.outputs = ()
        top = self.companies.head(10)[["company", "hq_country", "initiatives", "systems", "scopes"]]
        self.table.value = ("<b>Companies with the most initiatives in this view</b>"
                            + top.to_html(index=False))


class SimulatorExplorer:
    """Lesson 05: the jurisdiction-competition simulator with its levers as sliders."""

    MEASURES = ("mean rule stringency", "mean standard sold", "de facto share", "fragmentation")

    def __init__(self, firms: int = 1000, rounds: int = 15, seed: int = 0):
        self.firms_n, self.rounds, self.seed = firms, rounds, seed
        style = {"description_width": "180px"}
        layout = W.Layout(width="460px")

        def slider(description: str, value: float, maximum: float = 1.0, step: float = 0.05):
            return W.FloatSlider(value=value, min=0.0, max=maximum, step=step, readout_format=".3f",
                                 description=description, style=style, layout=layout,
                                 continuous_update=False)

        self.preset = W.Dropdown(options=list(simulate.SCENARIOS), value="California effect",
                                 description="Scenario", style=style, layout=layout)
        self.tailoring = slider("Tailoring cost", 0.02, 0.05, 0.001)
        self.large_share = slider("Largest market's share", 0.4, 0.6)
        self.large_strict = slider("Largest market's stringency", 0.6)
        self.floor = slider("Central floor", 0.0)
        self.ceiling = slider("Central ceiling (preemption)", 1.0)
        self.members = slider("Industry: share of members", 0.0)
        self.standard = slider("Industry: standard", 0.0)
        self.competition = slider("Competition for firms", 1.0)
        self.levers = (self.tailoring, self.large_share, self.large_strict, self.floor,
                       self.ceiling, self.members, self.standard, self.competition)
        self.chart_out = W.Output()
        self.summary = W.HTML()
        self.preset.observe(self._apply_preset, names="value")
        for lever in self.levers:
            lever.observe(self._refresh, names="value")
        self.widget = W.VBox([self.preset, W.HBox([W.VBox(list(self.levers[:4])),
                                                   W.VBox(list(self.levers[4:]))]),
                              self.chart_out, self.summary])
        self._applying = False
        self._apply_preset()

    def _apply_preset(self, _change: dict | None = None) -> None:
        spec = simulate.SCENARIOS[self.preset.value]
        policy, places = spec["policy"], spec["jurisdictions"]
        values = {self.tailoring: policy.tailoring_cost,
                  self.large_share: places.get("large_share", 0.0),
                  self.large_strict: places.get("large_stringency", 0.6),
                  self.floor: policy.central_floor, self.ceiling: policy.central_ceiling,
                  self.members: spec["firms"].get("member_share", 0.0),
                  self.standard: policy.industry_standard,
                  self.competition: spec["responsiveness"]}
        self._applying = True
        try:
            for lever, value in values.items():
                lever.value = value
        finally:
            self._applying = False
        self._refresh()

    def run(self) -> pd.DataFrame:
        """Run the model with the sliders' values; one row per round."""
        places = simulate.make_jurisdictions(
            60, seed=self.seed, stringency=(0.2, 0.8), large_share=self.large_share.value,
            large_stringency=self.large_strict.value)
        firms = simulate.make_firms(self.firms_n, seed=self.seed, member_share=self.members.value)
        policy = simulate.Policy(tailoring_cost=self.tailoring.value,
                                 central_floor=self.floor.value,
                                 central_ceiling=max(self.ceiling.value, self.floor.value),
                                 industry_standard=self.standard.value)
        return simulate.history_frame(*simulate.compete(
            places, firms, policy, rounds=self.rounds, responsiveness=self.competition.value))

    def _refresh(self, _change: dict | None = None) -> None:
        if self._applying:
            return
        self.history = self.run()
        long = self.history.melt(id_vars="round", value_vars=list(self.MEASURES),
                                 var_name="measure", value_name="value")
        self.chart = charts.lines_over_time(
            long, "round", "value", "measure", y_domain=(0, 1), y_title="Value (0 to 1)",
            title=f"Simulated competition for firms: {self.preset.value} (as adjusted)",
            description="Lines over rounds of competition: mean rule stringency, mean standard of "
                        "products sold, share of firms selling the largest market's standard "
                        "everywhere, and fragmentation.")
        _show(self.chart_out, self.chart)
        last = self.history.iloc[-1]
        self.summary.value = "After {} rounds: ".format(int(last["round"])) + ", ".join(
            f"{m} <b>{last[m]:.2f}</b>" for m in self.MEASURES) + \
            f", firms active <b>{last['active firms']:.2f}</b>"


class LensExplorer:
    """Lesson 06: the same dated events seen through the "battle of values" lens (rows by
    country) or the techno-federalism lens (rows by actor: central, sub-national, industry)."""

    KINDS = (ALL, "security measures", "AI rules and policies", "industry initiatives")

    def __init__(self, tables: dict[str, pd.DataFrame]):
        self.events = metrics.event_frame(tables)
        years = self.events["date"].dt.year
        self.lens = W.ToggleButtons(options=list(metrics.LENSES), value="battle of values")
        self.years = W.IntRangeSlider(value=(max(int(years.min()), 2017), int(years.max())),
                                      min=int(years.min()), max=int(years.max()),
                                      description="Years", continuous_update=False)
        self.kind = W.Dropdown(options=self.KINDS, value=ALL, description="Events")
        self.chart_out = W.Output()
        self.counts = W.HTML()
        for control in (self.lens, self.years, self.kind):
            control.observe(self._refresh, names="value")
        self.widget = W.VBox([self.lens, W.HBox([self.years, self.kind]), self.chart_out,
                              self.counts])
        self._refresh()

    def filtered(self) -> pd.DataFrame:
        """Events in the chosen years and of the chosen kind."""
        start, end = self.years.value
        year = self.events["date"].dt.year
        rows = self.events[(year >= start) & (year <= end)]
        kind = self.kind.value
        if kind == "security measures":
            rows = rows[rows["kind"].str.startswith("security")]
        elif kind == "AI rules and policies":
            rows = rows[rows["kind"] == "AI rule or policy"]
        elif kind == "industry initiatives":
            rows = rows[rows["kind"] == "industry initiative"]
        return rows

    def _refresh(self, _change: dict | None = None) -> None:
        self.rows = self.filtered()
        lens = metrics.LENSES[self.lens.value]
        self.chart = charts.timeline(
            self.rows, "date", "label", lens["color"], row=lens["row"],
            tooltip=["label:N", "date:T", "country:N", "actor:N", "kind:N"],
            title=f"{len(self.rows)} events through the {self.lens.value} lens",
            description="Timeline of AI governance and security events; rows are countries under "
                        "the values lens and actors (central, sub-national, industry) under the "
                        "techno-federalism lens.")
        _show(self.chart_out, self.chart)
        table = self.rows.groupby([lens["row"], lens["color"]]).size().unstack(fill_value=0)
        self.counts.value = "<b>Events per row and colour</b>" + table.to_html()


def industry_network_explorer(tables: dict[str, pd.DataFrame]) -> IndustryNetworkExplorer:
    """Lesson 04's explorer: the company × initiative network with filters."""
    return IndustryNetworkExplorer(tables)


def simulator_explorer(firms: int = 1000) -> SimulatorExplorer:
    """Lesson 05's explorer: the jurisdiction-competition simulator."""
    return SimulatorExplorer(firms=firms)


def lens_explorer(tables: dict[str, pd.DataFrame]) -> LensExplorer:
    """Lesson 06's explorer: the same events through two lenses."""
    return LensExplorer(tables)
