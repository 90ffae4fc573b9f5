"""The jurisdiction-competition model: firms choose where to sell and to which standard.

A stylised, seeded and vectorised model for lesson 05 (techno-federalism's central–local–market
triangle). Everything is a pure function of its inputs.

**Jurisdictions** ``j`` have a market size ``m_j`` and a rule stringency ``s_j`` in [0, 1].
**Firms** ``i`` earn a margin ``a_i`` per unit of market and pay ``c_i * σ`` per unit of market to
build to a standard ``σ``. A product built to ``σ`` may be sold where ``s_j <= σ``. Each firm picks
the best of three strategies (payoffs within ``TIE`` count as equal; ties go to the earlier one,
and among one-product standards to the higher one):

1. **exit** — payoff 0;
2. **one product everywhere** at a standard ``σ`` chosen among the stringency levels: it sells in
   every jurisdiction with ``s_j <= σ``; payoff ``Σ_{s_j <= σ} m_j (a_i - c_i σ) - F``;
3. **tailored products**, one version per jurisdiction at that jurisdiction's own level, each
   version costing ``t`` (the *tailoring cost*); it sells where a version pays:
   payoff ``Σ_j max(0, m_j (a_i - c_i s_j) - t) - F``.

Three levers act on the rules a firm faces: the **centre** can impose a floor (``s_j >= floor``)
or a preemptive ceiling (``s_j <= ceiling``) on every jurisdiction, and **industry** can adopt a
self-governance standard ``g`` that member firms apply to every product they sell.

Outputs (:class:`Outcome`): where each firm operates, the weakest standard each active firm
complies with anywhere (its *compliance floor*), the **effective stringency** (mean compliance
floor of active firms), the **mean standard sold** (demand-weighted standard of the products
actually sold: what consumers get on average), the **de facto share** (among firms selling in
the benchmark market — by default the largest — the share selling one product that meets its
standard everywhere: the "California effect"), and **fragmentation** (how many product versions
firms keep, from 0 = one product everywhere to 1 = a different version in every jurisdiction).

Properties the tests check (they follow from the choice rule): raising the tailoring cost never
lowers the de facto share; a central floor or an industry standard never lowers effective
stringency; a ceiling never raises it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

EXIT, SINGLE, TAILORED = 0, 1, 2
TIE = 1e-9  # payoffs closer than this are treated as equal
STRATEGIES = ("exit", "one product", "tailored")


@dataclass(frozen=True)
class Jurisdictions:
    """Market sizes (positive) and rule stringencies in [0, 1], one entry per jurisdiction."""

    market: np.ndarray
    stringency: np.ndarray

    def __post_init__(self) -> None:
        market = np.asarray(self.market, dtype=float)
        stringency = np.asarray(self.stringency, dtype=float)
        if market.ndim != 1 or market.shape != stringency.shape or market.size == 0:
            raise ValueError("market and stringency must be 1-D arrays of the same, non-zero length")
        if (market <= 0).any():
            raise ValueError("market sizes must be positive")
        if ((stringency < 0) | (stringency > 1)).any():
            raise ValueError("stringency must lie in [0, 1]")
        object.__setattr__(self, "market", market)
        object.__setattr__(self, "stringency", stringency)


@dataclass(frozen=True)
class Firms:
    """Per-firm margin ``a``, compliance cost ``c``, tailoring-cost factor and membership.

    A firm's cost per tailored version is ``tailoring_factor × policy.tailoring_cost``: firms
    differ in how hard it is for them to keep several versions of a product.
    """

    margin: np.ndarray
    compliance_cost: np.ndarray
    member: np.ndarray
    tailoring_factor: np.ndarray | None = None

    def __post_init__(self) -> None:
        margin = np.asarray(self.margin, dtype=float)
        cost = np.asarray(self.compliance_cost, dtype=float)
        member = np.asarray(self.member, dtype=bool)
        factor = (np.ones_like(margin) if self.tailoring_factor is None
                  else np.asarray(self.tailoring_factor, dtype=float))
        if not (margin.shape == cost.shape == member.shape == factor.shape) or margin.ndim != 1:
            raise ValueError("firm arrays must be 1-D and of the same length")
        if (cost < 0).any() or (factor < 0).any():
            raise ValueError("compliance costs and tailoring factors must not be negative")
        object.__setattr__(self, "margin", margin)
        object.__setattr__(self, "compliance_cost", cost)
        object.__setattr__(self, "member", member)
        object.__setattr__(self, "tailoring_factor", factor)


@dataclass(frozen=True)
class Policy:
    """The levers: tailoring cost, fixed cost, central floor/ceiling, industry standard."""

    tailoring_cost: float = 0.05
    fixed_cost: float = 0.0
    central_floor: float = 0.0
    central_ceiling: float = 1.0
    industry_standard: float = 0.0


@dataclass(frozen=True)
class Outcome:
    """What the firms chose, and the summary measures of the market."""

    strategy: np.ndarray          # per firm: EXIT, SINGLE or TAILORED
    standard: np.ndarray          # per firm: the one-product standard (NaN unless SINGLE)
    presence: np.ndarray          # firms × jurisdictions: sells there
    compliance_floor: np.ndarray  # per firm: weakest standard it meets anywhere (NaN if exited)
    effective_stringency: float
    mean_standard_sold: float
    de_facto_share: float
    fragmentation: float
    benchmark: int
    rules: np.ndarray = field(repr=False)  # jurisdiction stringency after the central levers

    @property
    def active_share(self) -> float:
        """Share of firms that sell anywhere."""
        return float((self.strategy != EXIT).mean())

    @property
    def coverage(self) -> np.ndarray:
        """Per jurisdiction: share of active firms selling there."""
        active = max(int((self.strategy != EXIT).sum()), 1)
        return self.presence.sum(axis=0) / active


def make_firms(n: int, seed: int = 0, margin: tuple[float, float] = (0.4, 1.0),
               compliance_cost: tuple[float, float] = (0.2, 1.2),
               member_share: float = 0.0) -> Firms:
    """``n`` firms with margins and costs drawn uniformly (seeded); a share of them are members."""
    rng = np.random.default_rng(seed)
    return Firms(margin=rng.uniform(*margin, size=n),
                 compliance_cost=rng.uniform(*compliance_cost, size=n),
                 member=rng.random(n) < member_share,
                 tailoring_factor=rng.uniform(0.25, 1.75, size=n))


def make_jurisdictions(n: int, seed: int = 0, stringency: tuple[float, float] = (0.1, 0.6),
                       large_share: float = 0.0, large_stringency: float = 0.9) -> Jurisdictions:
    """``n`` jurisdictions of random size and stringency; optionally jurisdiction 0 is a large,
    strict market holding ``large_share`` of all demand (the California scenario)."""
    rng = np.random.default_rng(seed + 10_007)
    market = rng.uniform(0.5, 1.5, size=n)
    rules = rng.uniform(*stringency, size=n)
    if large_share > 0:
        if not 0 < large_share < 1:
            raise ValueError("large_share must be between 0 and 1")
        rest = market[1:].sum()
        market[0] = large_share / (1 - large_share) * rest
        rules[0] = large_stringency
    return Jurisdictions(market=market / market.sum(), stringency=rules)


def _rules(jurisdictions: Jurisdictions, policy: Policy) -> np.ndarray:
    return np.clip(jurisdictions.stringency, policy.central_floor, policy.central_ceiling)


def _choose(firm_rules: np.ndarray, market: np.ndarray, margin: np.ndarray, cost: np.ndarray,
            tailoring: np.ndarray, policy: Policy):
    """Best strategy for firms that all face the same rule vector ``firm_rules``."""
    levels = np.unique(firm_rules)                      # candidate one-product standards, sorted
    order = np.argsort(firm_rules, kind="stable")
    cumulative = np.cumsum(market[order])               # demand reachable as σ rises
    reach = np.searchsorted(firm_rules[order], levels, side="right")
    served = cumulative[reach - 1]                       # Σ m_j over s_j <= level
    single = served[None, :] * (margin[:, None] - cost[:, None] * levels[None, :]) \
        - policy.fixed_cost                              # firms × levels
    # Payoffs within TIE of each other count as equal (sums taken in different orders differ in
    # the last bits). Among one-product standards, ties go to the higher standard, so adding a
    # dominated option never changes a choice.
    single_best = single.max(axis=1)
    in_band = single >= single_best[:, None] - TIE
    best_level = levels.size - 1 - in_band[:, ::-1].argmax(axis=1)
    per_market = market[None, :] * (margin[:, None] - cost[:, None] * firm_rules[None, :]) \
        - tailoring[:, None]                             # firms × jurisdictions
    tailored_sells = per_market > 0
    tailored = np.where(tailored_sells, per_market, 0.0).sum(axis=1) - policy.fixed_cost
    tailored = np.where(tailored_sells.any(axis=1), tailored, -np.inf)
    # Tailor only if that beats both one product and exit by more than a tie; otherwise sell one
    # product if it pays; otherwise exit. (So a dearer tailoring cost can only move a firm away
    # from tailoring, never between the other two.)
    strategy = np.where(tailored > np.maximum(single_best, 0.0) + TIE, TAILORED,
                        np.where(single_best > TIE, SINGLE, EXIT))
    standard = np.where(strategy == SINGLE, levels[best_level], np.nan)
    presence = np.where((strategy == SINGLE)[:, None],
                        firm_rules[None, :] <= standard[:, None],
                        (strategy == TAILORED)[:, None] & tailored_sells)
    return strategy, standard, presence


def simulate(jurisdictions: Jurisdictions, firms: Firms, policy: Policy = Policy(),
             benchmark: int | None = None) -> Outcome:
    """Every firm's best response to the rules and levers, and the market's summary measures."""
    market = jurisdictions.market
    rules = _rules(jurisdictions, policy)
    n, k = firms.margin.size, market.size
    strategy = np.zeros(n, dtype=int)
    standard = np.full(n, np.nan)
    presence = np.zeros((n, k), dtype=bool)
    groups = [(~firms.member, rules)]
    if firms.member.any():
        groups.append((firms.member, np.maximum(rules, policy.industry_standard)))
    floors = np.full(n, np.nan)
    sold_standard = np.zeros((n, k))
    for mask, firm_rules in groups:
        if not mask.any():
            continue
        s, std, pres = _choose(firm_rules, market, firms.margin[mask], firms.compliance_cost[mask],
                               firms.tailoring_factor[mask] * policy.tailoring_cost, policy)
        strategy[mask], standard[mask], presence[mask] = s, std, pres
        tailored_floor = np.where(pres, firm_rules[None, :], np.inf).min(axis=1)
        sold_standard[mask] = np.where((s == SINGLE)[:, None], std[:, None], firm_rules[None, :])
        floors[mask] = np.where(s == SINGLE, std, np.where(s == TAILORED, tailored_floor, np.nan))
    active = strategy != EXIT
    effective = float(floors[active].mean()) if active.any() else float("nan")
    bench = int(np.argmax(market)) if benchmark is None else int(benchmark)
    in_bench = presence[:, bench]
    meets = (strategy == SINGLE) & (standard >= rules[bench])
    de_facto = float(meets[in_bench].mean()) if in_bench.any() else float("nan")
    weights = presence * market[None, :]
    sold = float((weights * sold_standard).sum() / weights.sum()) if weights.any() else float("nan")
    versions = np.where(strategy == TAILORED, presence.sum(axis=1), 1.0)
    fragmentation = float(((versions[active] - 1) / max(k - 1, 1)).mean()) if active.any() \
        else float("nan")
    return Outcome(strategy=strategy, standard=standard, presence=presence,
                   compliance_floor=floors, effective_stringency=effective,
                   mean_standard_sold=sold,
                   de_facto_share=de_facto, fragmentation=fragmentation, benchmark=bench,
                   rules=rules)


def compete(jurisdictions: Jurisdictions, firms: Firms, policy: Policy = Policy(),
            rounds: int = 15, step: float = 0.05, responsiveness: float = 1.0,
            tolerance: float = 0.02, leverage_share: float = 0.15,
            ) -> tuple[list[Jurisdictions], list[Outcome]]:
    """Jurisdictions compete for firms over ``rounds``.

    After each round, a jurisdiction whose coverage (share of active firms selling there) trails
    the best-covered jurisdiction by more than ``tolerance`` relaxes its rules by
    ``step × responsiveness`` (it is losing firms to laxer places); the others tighten by
    ``step × (1 - responsiveness)`` back toward their original level (they can afford their
    preferred rules). A jurisdiction holding at least ``leverage_share`` of all demand never
    relaxes: firms cannot afford to leave it, so it need not compete. ``responsiveness`` 1 is pure
    competition for firms, 0 is no competition. Returns the jurisdictions and outcomes of every
    round (round 0 first).
    """
    if not 0 <= responsiveness <= 1:
        raise ValueError("responsiveness must lie in [0, 1]")
    preferred = jurisdictions.stringency
    current = jurisdictions
    history_j, history_o = [], []
    for _ in range(rounds + 1):
        outcome = simulate(current, firms, policy)
        history_j.append(current)
        history_o.append(outcome)
        coverage = outcome.coverage
        losing = (coverage < coverage.max() - tolerance) & (current.market < leverage_share)
        new = np.where(losing, current.stringency - step * responsiveness,
                       np.minimum(preferred, current.stringency + step * (1 - responsiveness)))
        current = replace(current, stringency=np.clip(new, 0.0, 1.0))
    return history_j, history_o


#: Named scenarios for lesson 05. Each names the jurisdictions, the firms, the levers and how
#: strongly small jurisdictions compete for firms.
_MANY_SMALL = dict(n=60, stringency=(0.2, 0.8))
_ONE_LARGE = dict(n=60, stringency=(0.2, 0.8), large_share=0.4, large_stringency=0.6)
SCENARIOS = {
    "race to the bottom": dict(jurisdictions=_MANY_SMALL, firms=dict(n=2000),
                               policy=Policy(tailoring_cost=0.001), responsiveness=1.0),
    "no competition": dict(jurisdictions=_MANY_SMALL, firms=dict(n=2000),
                           policy=Policy(tailoring_cost=0.001), responsiveness=0.0),
    "California effect": dict(jurisdictions=_ONE_LARGE, firms=dict(n=2000),
                              policy=Policy(tailoring_cost=0.02), responsiveness=1.0),
    "preemptive ceiling": dict(jurisdictions=_ONE_LARGE, firms=dict(n=2000),
                               policy=Policy(tailoring_cost=0.02, central_ceiling=0.4),
                               responsiveness=1.0),
    "central floor": dict(jurisdictions=_MANY_SMALL, firms=dict(n=2000),
                          policy=Policy(tailoring_cost=0.001, central_floor=0.5),
                          responsiveness=1.0),
    "industry floor": dict(jurisdictions=_MANY_SMALL, firms=dict(n=2000, member_share=0.6),
                           policy=Policy(tailoring_cost=0.001, industry_standard=0.6),
                           responsiveness=1.0),
}


def scenario(name: str, seed: int = 0, rounds: int = 15):
    """Run a named scenario with competition; returns (jurisdictions history, outcomes history)."""
    if name not in SCENARIOS:
        raise KeyError(f"unknown scenario {name!r}; choose one of {list(SCENARIOS)}")
    spec = SCENARIOS[name]
    jur = make_jurisdictions(seed=seed, **spec["jurisdictions"])
    firms = make_firms(seed=seed, **spec["firms"])
    return compete(jur, firms, spec["policy"], rounds=rounds,
                   responsiveness=spec["responsiveness"])


def history_frame(jurisdictions: list[Jurisdictions], outcomes: list[Outcome]):
    """One row per round: the rules in force (after central levers), the jurisdictions' own
    rules, and the outcome measures (a pandas DataFrame)."""
    import pandas as pd

    return pd.DataFrame({
        "round": range(len(outcomes)),
        "mean rule stringency": [float(o.rules.mean()) for o in outcomes],
        "mean local preference": [float(j.stringency.mean()) for j in jurisdictions],
        "mean standard sold": [o.mean_standard_sold for o in outcomes],
        "effective stringency": [o.effective_stringency for o in outcomes],
        "de facto share": [o.de_facto_share for o in outcomes],
        "fragmentation": [o.fragmentation for o in outcomes],
        "active firms": [o.active_share for o in outcomes],
    })


def compare_scenarios(seed: int = 0, rounds: int = 15):
    """The first and last round of every named scenario (a pandas DataFrame, long format:
    ``scenario, round, measure, value``)."""
    import pandas as pd

    frames = []
    for name in SCENARIOS:
        history = history_frame(*scenario(name, seed=seed, rounds=rounds))
        ends = history.iloc[[0, -1]].assign(scenario=name,
                                           stage=["before competition", "after competition"])
        frames.append(ends)
    wide = pd.concat(frames, ignore_index=True)
    return wide.melt(id_vars=["scenario", "stage", "round"], var_name="measure", value_name="value")


def tailoring_sweep(costs, seed: int = 0, firms: int = 2000, large_share: float = 0.4,
                    large_stringency: float = 0.6):
    """How the outcome changes with the tailoring cost, without competition (one simulate call
    per cost, same firms and jurisdictions). Columns: ``tailoring cost`` and the measures."""
    import pandas as pd

    places = make_jurisdictions(60, seed=seed, stringency=(0.2, 0.8), large_share=large_share,
                                large_stringency=large_stringency)
    population = make_firms(firms, seed=seed)
    rows = []
    for cost in costs:
        outcome = simulate(places, population, Policy(tailoring_cost=float(cost)))
        rows.append({"tailoring cost": float(cost), "de facto share": outcome.de_facto_share,
                     "fragmentation": outcome.fragmentation,
                     "mean standard sold": outcome.mean_standard_sold,
                     "effective stringency": outcome.effective_stringency})
    return pd.DataFrame(rows)
