"""coursekit.simulate: qualitative properties of the jurisdiction-competition model."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit import simulate as S

unit = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@st.composite
def worlds(draw, max_jurisdictions: int = 10, max_firms: int = 40):
    k = draw(st.integers(min_value=1, max_value=max_jurisdictions))
    n = draw(st.integers(min_value=1, max_value=max_firms))
    market = draw(st.lists(st.floats(min_value=0.01, max_value=5.0), min_size=k, max_size=k))
    rules = draw(st.lists(unit, min_size=k, max_size=k))
    margin = draw(st.lists(st.floats(min_value=0.0, max_value=2.0), min_size=n, max_size=n))
    cost = draw(st.lists(st.floats(min_value=0.0, max_value=2.0), min_size=n, max_size=n))
    factor = draw(st.lists(st.floats(min_value=0.0, max_value=2.0), min_size=n, max_size=n))
    member = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    return (S.Jurisdictions(np.array(market), np.array(rules)),
            S.Firms(np.array(margin), np.array(cost), np.array(member), np.array(factor)))


def _active_floors(outcome):
    active = outcome.strategy != S.EXIT
    return active, outcome.compliance_floor


@settings(max_examples=150)
@given(worlds(), st.floats(0.0, 0.5), st.floats(0.0, 0.5))
def test_raising_tailoring_cost_never_lowers_the_de_facto_share(world, t1, t2):
    jurisdictions, firms = world
    low, high = sorted((t1, t2))
    before = S.simulate(jurisdictions, firms, S.Policy(tailoring_cost=low))
    after = S.simulate(jurisdictions, firms, S.Policy(tailoring_cost=high))
    if math.isnan(after.de_facto_share):
        assert math.isnan(before.de_facto_share) or before.de_facto_share == 0
    elif not math.isnan(before.de_facto_share):
        assert after.de_facto_share >= before.de_facto_share


@settings(max_examples=150)
@given(worlds(), unit, st.floats(0.0, 0.2))
def test_a_central_floor_never_lowers_effective_stringency(world, floor, tailoring):
    jurisdictions, firms = world
    before = S.simulate(jurisdictions, firms, S.Policy(tailoring_cost=tailoring))
    after = S.simulate(jurisdictions, firms, S.Policy(tailoring_cost=tailoring, central_floor=floor))
    both = (before.strategy != S.EXIT) & (after.strategy != S.EXIT)
    assert (after.compliance_floor[both] >= before.compliance_floor[both]).all()
    assert (after.compliance_floor[after.strategy != S.EXIT] >= floor).all()
    if not (math.isnan(before.effective_stringency) or math.isnan(after.effective_stringency)):
        assert after.effective_stringency >= before.effective_stringency - 1e-12


@settings(max_examples=150)
@given(worlds(), unit, st.floats(0.0, 0.2))
def test_an_industry_standard_never_lowers_a_members_compliance(world, standard, tailoring):
    jurisdictions, firms = world
    before = S.simulate(jurisdictions, firms, S.Policy(tailoring_cost=tailoring))
    after = S.simulate(jurisdictions, firms,
                       S.Policy(tailoring_cost=tailoring, industry_standard=standard))
    both = (before.strategy != S.EXIT) & (after.strategy != S.EXIT)
    assert (after.compliance_floor[both] >= before.compliance_floor[both]).all()
    members = firms.member & (after.strategy != S.EXIT)
    assert (after.compliance_floor[members] >= standard).all()
    outsiders = ~firms.member
    assert (after.strategy[outsiders] == before.strategy[outsiders]).all()


@settings(max_examples=100)
@given(worlds(), unit)
def test_a_ceiling_caps_every_non_member(world, ceiling):
    jurisdictions, firms = world
    outcome = S.simulate(jurisdictions, firms, S.Policy(central_ceiling=ceiling))
    assert (outcome.rules <= ceiling).all()
    outsiders = (~firms.member) & (outcome.strategy != S.EXIT)
    assert (outcome.compliance_floor[outsiders] <= ceiling).all()


@settings(max_examples=100)
@given(worlds(), st.floats(0.0, 0.3))
def test_measures_are_bounded_and_consistent(world, tailoring):
    jurisdictions, firms = world
    outcome = S.simulate(jurisdictions, firms, S.Policy(tailoring_cost=tailoring))
    for value in (outcome.effective_stringency, outcome.mean_standard_sold,
                  outcome.de_facto_share, outcome.fragmentation):
        assert math.isnan(value) or 0.0 <= value <= 1.0
    exited = outcome.strategy == S.EXIT
    assert not outcome.presence[exited].any()
    assert outcome.presence[~exited].any(axis=1).all()
    single = outcome.strategy == S.SINGLE
    rules = np.maximum(outcome.rules, 0)
    # a one-product firm sells exactly where its standard meets the rules (non-members)
    plain = single & ~firms.member
    expected = rules[None, :] <= outcome.standard[plain][:, None]
    assert (outcome.presence[plain] == expected).all()


def test_prohibitive_tailoring_means_one_product_per_firm():
    jurisdictions = S.make_jurisdictions(20, seed=3)
    firms = S.make_firms(500, seed=3)
    outcome = S.simulate(jurisdictions, firms, S.Policy(tailoring_cost=1e6))
    assert outcome.fragmentation == 0.0
    assert not (outcome.strategy == S.TAILORED).any()


def test_free_tailoring_makes_firms_tailor():
    jurisdictions = S.make_jurisdictions(20, seed=3)
    firms = S.make_firms(500, seed=3)
    outcome = S.simulate(jurisdictions, firms, S.Policy(tailoring_cost=0.0))
    assert (outcome.strategy == S.TAILORED).mean() > 0.9
    assert outcome.fragmentation > 0.5


def test_seeded_runs_repeat_exactly():
    a = S.history_frame(*S.scenario("California effect", seed=7, rounds=5))
    b = S.history_frame(*S.scenario("California effect", seed=7, rounds=5))
    c = S.history_frame(*S.scenario("California effect", seed=8, rounds=5))
    assert a.equals(b) and not a.equals(c)


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError, match="positive"):
        S.Jurisdictions(np.array([1.0, 0.0]), np.array([0.1, 0.2]))
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        S.Jurisdictions(np.array([1.0]), np.array([1.5]))
    with pytest.raises(ValueError, match="same length"):
        S.Firms(np.array([1.0]), np.array([1.0, 2.0]), np.array([False]))
    with pytest.raises(KeyError, match="race to the bottom"):
        S.scenario("utopia")
    with pytest.raises(ValueError):
        S.compete(S.make_jurisdictions(3), S.make_firms(3), responsiveness=2)


# The named scenarios reproduce the dynamics lesson 05 describes.
@pytest.fixture(scope="module")
def runs():
    return {name: S.history_frame(*S.scenario(name)) for name in S.SCENARIOS}


def test_race_to_the_bottom_lowers_rules_and_standards(runs):
    race = runs["race to the bottom"]
    assert race["mean rule stringency"].iloc[-1] < race["mean rule stringency"].iloc[0] - 0.1
    assert race["mean standard sold"].iloc[-1] < race["mean standard sold"].iloc[0]
    still = runs["no competition"]
    assert still["mean rule stringency"].iloc[-1] == pytest.approx(still["mean rule stringency"].iloc[0])


def test_california_effect_keeps_standards_up(runs):
    california, race = runs["California effect"], runs["race to the bottom"]
    assert california["de facto share"].iloc[-1] > 0.9
    assert california["mean standard sold"].iloc[-1] > race["mean standard sold"].iloc[-1] + 0.1


def test_preemptive_ceiling_lowers_what_is_sold(runs):
    ceiling, california = runs["preemptive ceiling"], runs["California effect"]
    ceiling_level = S.SCENARIOS["preemptive ceiling"]["policy"].central_ceiling
    assert (ceiling["mean rule stringency"] <= ceiling_level).all()
    assert ceiling["mean standard sold"].iloc[-1] < california["mean standard sold"].iloc[-1]


def test_floors_hold_up_standards_during_the_race(runs):
    race = runs["race to the bottom"]
    for name in ("central floor", "industry floor"):
        assert runs[name]["mean standard sold"].iloc[-1] > race["mean standard sold"].iloc[-1]
    assert (runs["central floor"]["mean rule stringency"] >= 0.5).all()
