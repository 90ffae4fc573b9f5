"""Speed of one simulator run: 10,000 firms x 60 jurisdictions, against a plain-Python loop.

The baseline computes the same firm choices one firm at a time in Python (timed on 200 firms and
scaled to 10,000, in the same run). Also times a 15-round competition. Goal: one vectorised run
under 0.2 s. Run: python benchmarks/simulate_speed.py
"""

from __future__ import annotations

import numpy as np
from timing import median_seconds

from coursekit import simulate as S

FIRMS, JURISDICTIONS, REPEATS, LOOP_FIRMS = 10_000, 60, 15, 200


def _loop_choice(rules, market, margin, cost, tailoring, fixed):
    """The same decision rule for one firm, written as plain loops."""
    single = max(sum(m for m, s in zip(market, rules, strict=True) if s <= level)
                 * (margin - cost * level) - fixed for level in set(rules))
    gains = [m * (margin - cost * s) - tailoring for m, s in zip(market, rules, strict=True)]
    tailored = sum(g for g in gains if g > 0) - fixed if any(g > 0 for g in gains) else -np.inf
    if tailored > max(single, 0.0) + S.TIE:
        return S.TAILORED
    return S.SINGLE if single > S.TIE else S.EXIT


def main() -> None:
    jurisdictions = S.make_jurisdictions(JURISDICTIONS, seed=1)
    firms = S.make_firms(FIRMS, seed=1)
    policy = S.Policy(tailoring_cost=0.005)
    vectorised = median_seconds(lambda: S.simulate(jurisdictions, firms, policy), REPEATS)
    rules, market = list(jurisdictions.stringency), list(jurisdictions.market)

    def loop():
        return [_loop_choice(rules, market, firms.margin[i], firms.compliance_cost[i],
                             firms.tailoring_factor[i] * policy.tailoring_cost, 0.0)
                for i in range(LOOP_FIRMS)]

    loop_time = median_seconds(loop, repeats=3) * FIRMS / LOOP_FIRMS
    same = np.array_equal(np.array(loop()), S.simulate(jurisdictions, firms, policy)
                          .strategy[:LOOP_FIRMS])
    rounds = median_seconds(lambda: S.compete(jurisdictions, S.make_firms(2000, seed=1), policy,
                                       rounds=15), repeats=5)
    print(f"one run, {FIRMS} firms x {JURISDICTIONS} jurisdictions: {vectorised * 1e3:6.1f} ms "
          f"(median of {REPEATS})")
    print(f"plain-Python loop, same choices (scaled from {LOOP_FIRMS} firms): {loop_time:6.2f} s "
          f"-> vectorised is {loop_time / vectorised:,.0f}x faster; choices identical: {same}")
    print(f"15-round competition, 2,000 firms x 60 jurisdictions: {rounds * 1e3:6.1f} ms")
    print(f"goal: one run under 0.2 s -> {'met' if vectorised < 0.2 else 'NOT met'}")


if __name__ == "__main__":
    main()
