"""Pure functions on the course's DataFrames: counts, overviews and (later) fragmentation indices.

Nothing here loads data or draws: pass frames in, get frames or numbers out.
"""

from __future__ import annotations

import numpy as np
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


# --- One frame for both countries ------------------------------------------------------------

#: Statuses of instruments that were actually adopted (not vetoed, failed, pending, draft ...).
ADOPTED_STATUSES = {"enacted", "repealed", "superseded", "in_force", "revoked", "expired",
                    "published", "decided"}
#: Instrument types that bind someone (statutes, orders, rules), as opposed to plans and guidance.
BINDING_TYPES = {
    "statute", "local_law", "executive_order", "regulation",  # US states and cities
    "omb_memo", "agency_action",  # US federal (statute, executive_order above)
    "law", "law_amendment", "administrative_regulation", "departmental_rule",  # China, central
    "normative_document", "mandatory_national_standard",
    "local_regulation", "local_government_rule",  # China, local
}


def governance_frame(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """US and Chinese instruments at both levels in one frame.

    Columns: ``id, country, level`` (``central`` or ``subnational``), ``jurisdiction`` (the state or
    province; ``US`` / ``CN`` for the centre), ``instrument_type, status, date_issued, topics``,
    ``adopted`` and ``binding`` (booleans used by the counting rules).
    """
    keep = ["id", "instrument_type", "status", "date_issued", "topics"]
    parts = [
        tables["us_state_instruments"][keep + ["jurisdiction"]].assign(country="US", level="subnational"),
        tables["us_federal_actions"].rename(columns={"action_type": "instrument_type"})[keep]
        .assign(country="US", level="central", jurisdiction="US"),
        tables["cn_local_instruments"][keep + ["jurisdiction"]].assign(country="CN", level="subnational"),
        tables["cn_central_instruments"][keep].assign(country="CN", level="central", jurisdiction="CN"),
    ]
    frame = pd.concat([p.astype({"instrument_type": "string", "status": "string"}) for p in parts],
                      ignore_index=True)
    frame["adopted"] = frame["status"].isin(ADOPTED_STATUSES)
    frame["binding"] = frame["adopted"] & frame["instrument_type"].isin(BINDING_TYPES)
    return frame


#: Counting rules: which rows count as "an AI rule". Trackers differ exactly here.
COUNTING_RULES = {
    "every instrument": lambda f: f,
    "adopted instruments": lambda f: f[f["adopted"]],
    "binding rules only": lambda f: f[f["binding"]],
}


def apply_counting_rule(frame: pd.DataFrame, rule: str) -> pd.DataFrame:
    """Rows of a :func:`governance_frame` that count under ``rule`` (see ``COUNTING_RULES``)."""
    if rule not in COUNTING_RULES:
        raise KeyError(f"unknown counting rule {rule!r}; choose one of {list(COUNTING_RULES)}")
    return COUNTING_RULES[rule](frame)


# --- Fragmentation indices -------------------------------------------------------------------

def subnational_share(levels: pd.Series) -> float:
    """Share of instruments issued below the centre (``level == 'subnational'``); NaN if none."""
    if len(levels) == 0:
        return float("nan")
    return float((levels == "subnational").mean())


def dispersion(counts: pd.Series) -> float:
    """How evenly instruments spread over jurisdictions: normalised Gini–Simpson index in [0, 1].

    ``counts`` holds one number per jurisdiction (zeros included, so that ``n`` is the number of
    jurisdictions that *could* act). 0 means every instrument comes from one jurisdiction; 1 means
    every jurisdiction issued the same number. Computed as ``(1 - HHI) / (1 - 1/n)`` where HHI is the
    Herfindahl–Hirschman index of the shares. NaN when there are no instruments or fewer than two
    jurisdictions.
    """
    values = pd.to_numeric(pd.Series(counts), errors="raise").astype(float)
    if (values < 0).any():
        raise ValueError("counts must not be negative")
    total, n = values.sum(), len(values)
    if total == 0 or n < 2:
        return float("nan")
    hhi = float(((values / total) ** 2).sum())
    return min(1.0, max(0.0, (1 - hhi) / (1 - 1 / n)))


def coverage_matrix(frame: pd.DataFrame, jurisdiction: str = "jurisdiction",
                    topics: str = "topics") -> pd.DataFrame:
    """Jurisdiction × topic table of instrument counts (rows and columns sorted)."""
    exploded = frame[[jurisdiction, topics]].dropna().assign(
        **{topics: lambda f: f[topics].str.split(";")}).explode(topics)
    table = pd.crosstab(exploded[jurisdiction].astype("string"), exploded[topics])
    return table.sort_index().sort_index(axis=1)


def mean_pairwise_dissimilarity(coverage: pd.DataFrame) -> float:
    """Mean Jaccard distance between the topic sets of every pair of jurisdictions, in [0, 1].

    0 means every jurisdiction covers exactly the same topics (a uniform patchwork); 1 means no two
    jurisdictions share a topic (fully fragmented). Jurisdictions with no topic are left out; NaN
    when fewer than two remain.
    """
    present = coverage.to_numpy() > 0
    present = present[present.any(axis=1)]
    n = present.shape[0]
    if n < 2:
        return float("nan")
    as_int = present.astype(np.int64)
    intersection = as_int @ as_int.T
    sizes = as_int.sum(axis=1)
    union = sizes[:, None] + sizes[None, :] - intersection
    distance = 1.0 - intersection / union
    upper = np.triu_indices(n, k=1)
    return float(distance[upper].mean())


INDICES = {
    "share issued below the centre": "subnational_share",
    "dispersion across jurisdictions": "dispersion",
    "topic dissimilarity between jurisdictions": "mean_pairwise_dissimilarity",
}


def fragmentation_index(frame: pd.DataFrame, index: str, jurisdictions: pd.DataFrame) -> float:
    """One fragmentation index (a key of ``INDICES``) of one country's governance frame."""
    if index == "share issued below the centre":
        return subnational_share(frame["level"])
    sub = frame[frame["level"] == "subnational"]
    if index == "dispersion across jurisdictions":
        countries = set(frame["country"])
        units = jurisdictions.loc[jurisdictions["country"].isin(countries), "id"]
        counts = sub["jurisdiction"].value_counts().reindex(units, fill_value=0)
        return dispersion(counts)
    if index == "topic dissimilarity between jurisdictions":
        return mean_pairwise_dissimilarity(coverage_matrix(sub))
    raise KeyError(f"unknown index {index!r}; choose one of {list(INDICES)}")


def fragmentation_over_time(frame: pd.DataFrame, index: str, rule: str,
                            jurisdictions: pd.DataFrame, years: range) -> pd.DataFrame:
    """The index for each country on all instruments issued up to the end of each year.

    Returns columns ``country, year, value``; undated rows are left out (they cannot be placed
    in time).
    """
    counted = apply_counting_rule(frame, rule).dropna(subset=["date_issued"])
    year_of = counted["date_issued"].dt.year
    records = []
    for country, part in counted.groupby("country"):
        part_years = year_of.loc[part.index]
        for year in years:
            upto = part[part_years <= year]
            value = fragmentation_index(upto, index, jurisdictions) if len(upto) else float("nan")
            records.append({"country": country, "year": year, "value": value})
    return pd.DataFrame.from_records(records)


def cumulative_adoption(frame: pd.DataFrame, years: range, group: str = "country") -> pd.DataFrame:
    """How many distinct sub-national jurisdictions had adopted at least one counted instrument
    by the end of each year, per ``group``. Columns: ``group, year, jurisdictions``."""
    sub = frame[(frame["level"] == "subnational")].dropna(subset=["date_issued"])
    first = sub.groupby([group, "jurisdiction"], observed=True)["date_issued"].min().dt.year
    first = first.reset_index(name="first_year")
    records = [{group: key, "year": year, "jurisdictions": int((part["first_year"] <= year).sum())}
               for key, part in first.groupby(group) for year in years]
    return pd.DataFrame.from_records(records)


# --- Filters behind the lesson explorers ---------------------------------------------------------

def action_year(frame: pd.DataFrame) -> pd.Series:
    """The year of a row's final action, else of its introduction (nullable integers)."""
    year = frame["date_issued"].dt.year
    if "date_introduced" in frame:
        year = year.fillna(frame["date_introduced"].dt.year)
    return year.astype("Int64")


def filter_instruments(frame: pd.DataFrame, up_to_year: int | None = None, topic: str | None = None,
                       status: str | None = None, instrument_type: str | None = None) -> pd.DataFrame:
    """Rows acted on up to ``up_to_year`` (undated rows only when it is None), on ``topic``, with
    ``status`` and ``instrument_type``; a None filter keeps everything."""
    keep = pd.Series(True, index=frame.index)
    if up_to_year is not None:
        keep &= (action_year(frame) <= up_to_year).fillna(False).astype(bool)
    if topic:
        keep &= frame["topics"].str.split(";").apply(lambda items: topic in items)
    if status:
        keep &= frame["status"].astype("string") == status
    if instrument_type:
        keep &= frame["instrument_type"].astype("string") == instrument_type
    return frame[keep]


def counts_by_jurisdiction(frame: pd.DataFrame, name: str = "instruments") -> pd.DataFrame:
    """Columns ``jurisdiction`` and ``name``: how many rows each jurisdiction has."""
    return count_by(frame, "jurisdiction", name)


def count_items(frame: pd.DataFrame, column: str, name: str = "instruments") -> pd.DataFrame:
    """Counts of each item in a ';'-separated column (e.g. how many instruments per topic)."""
    items = frame[column].dropna().str.split(";").explode()
    return items.value_counts().rename(name).rename_axis(column).reset_index()


def index_table(frame: pd.DataFrame, jurisdictions: pd.DataFrame, up_to_year: int) -> pd.DataFrame:
    """Every index under every counting rule for both countries, on instruments up to a year.

    Rows: (index, counting rule); columns: ``US`` and ``CN``.
    """
    records = []
    for index in INDICES:
        for rule in COUNTING_RULES:
            series = fragmentation_over_time(frame, index, rule, jurisdictions,
                                             range(up_to_year, up_to_year + 1))
            values = series.set_index("country")["value"]
            records.append({"index": index, "counting rule": rule,
                            "US": round(float(values.get("US", float("nan"))), 2),
                            "CN": round(float(values.get("CN", float("nan"))), 2)})
    return pd.DataFrame.from_records(records).set_index(["index", "counting rule"])


# --- Industry as co-regulator (lesson 04) -------------------------------------------------------

def signatory_frame(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per company × initiative, with the company's country and the initiative's type
    and scope."""
    companies = tables["companies"][["id", "name", "hq_country"]].rename(
        columns={"id": "company_id", "name": "company"})
    initiatives = tables["industry_initiatives"][["id", "name", "initiative_type", "scope"]].rename(
        columns={"id": "initiative_id", "name": "initiative"})
    frame = tables["initiative_signatories"].merge(companies, on="company_id").merge(
        initiatives, on="initiative_id")
    for column in ("initiative_type", "scope", "role"):
        frame[column] = frame[column].astype("string")
    return frame


def systems_per_company(signatories: pd.DataFrame) -> pd.DataFrame:
    """Per company: how many initiatives it signed and in how many systems (scopes US, CN, INTL);
    ``multi_system`` is true when it signs in more than one."""
    grouped = signatories.groupby(["company_id", "company", "hq_country"], observed=True)
    out = grouped.agg(initiatives=("initiative_id", "nunique"),
                      systems=("scope", "nunique"),
                      scopes=("scope", lambda s: ";".join(sorted(set(s))))).reset_index()
    out["multi_system"] = out["systems"] > 1
    return out.sort_values(["systems", "initiatives"], ascending=False, ignore_index=True)


def bipartite_layout(signatories: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Node and edge tables for a two-column network: companies left, initiatives right.

    Nodes: ``id, label, kind`` (company/initiative), ``x, y, group`` (``US``, ``CN`` or ``other``
    for a company's headquarters; ``US``, ``CN`` or ``INTL`` for an initiative's scope) and
    ``multi_system``. Edges: ``x, y, x2, y2, company, initiative``. Companies are ordered by
    country then name, initiatives by scope then name, so related nodes sit together.
    """
    per_company = systems_per_company(signatories)
    companies = per_company.sort_values(["hq_country", "company"], ignore_index=True)
    initiatives = (signatories[["initiative_id", "initiative", "scope"]].drop_duplicates()
                   .sort_values(["scope", "initiative"], ignore_index=True))

    def spread(count: int) -> list[float]:
        return [0.5] if count == 1 else [i / (count - 1) for i in range(count)]

    left = pd.DataFrame({"id": companies["company_id"], "label": companies["company"],
                         "kind": "company", "x": 0.0, "y": spread(len(companies)),
                         "group": companies["hq_country"].astype("string").where(
                             companies["hq_country"].isin(["US", "CN"]), "other"),
                         "multi_system": companies["multi_system"]})
    right = pd.DataFrame({"id": initiatives["initiative_id"], "label": initiatives["initiative"],
                          "kind": "initiative", "x": 1.0, "y": spread(len(initiatives)),
                          "group": initiatives["scope"].astype("string"), "multi_system": False})
    nodes = pd.concat([left, right], ignore_index=True)
    where = nodes.set_index("id")[["x", "y"]]
    edges = pd.DataFrame({
        "company": signatories["company"].to_numpy(),
        "initiative": signatories["initiative"].to_numpy(),
        "x": where.loc[signatories["company_id"], "x"].to_numpy(),
        "y": where.loc[signatories["company_id"], "y"].to_numpy(),
        "x2": where.loc[signatories["initiative_id"], "x"].to_numpy(),
        "y2": where.loc[signatories["initiative_id"], "y"].to_numpy(),
    })
    return nodes, edges


# --- Two lenses on the same events (lesson 06) ---------------------------------------------------

def event_frame(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Security measures, central and sub-national AI rules and industry initiatives as dated
    events, with the country, the actor (``central``, ``sub-national``, ``industry``) and a kind."""
    def events(frame, date, label, country, actor, kind):
        return pd.DataFrame({"date": frame[date], "label": frame[label], "country": country,
                             "actor": actor, "kind": kind})

    security = tables["security_measures"]
    initiatives = tables["industry_initiatives"]
    parts = [
        events(security, "date_issued", "name", security["country"].astype("string"), "central",
               "security: " + security["measure_type"].astype("string")),
        events(tables["us_federal_actions"], "date_issued", "short_name", "US", "central",
               "AI rule or policy"),
        events(tables["cn_central_instruments"], "date_issued", "name_en", "CN", "central",
               "AI rule or policy"),
        events(tables["us_state_instruments"], "date_issued", "short_name", "US", "sub-national",
               "AI rule or policy"),
        events(tables["cn_local_instruments"], "date_issued", "name_en", "CN", "sub-national",
               "AI rule or policy"),
        events(initiatives, "date_announced", "name",
               initiatives["scope"].astype("string").replace({"INTL": "international"}),
               "industry", "industry initiative"),
    ]
    events = pd.concat(parts, ignore_index=True).dropna(subset=["date"])
    events["country"] = events["country"].replace({"US": "United States", "CN": "China"})
    return events.sort_values("date", ignore_index=True)


LENSES = {
    "battle of values": {"row": "country", "color": "kind"},
    "techno-federalism": {"row": "actor", "color": "country"},
}
