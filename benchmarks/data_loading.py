"""How long does loading every table take, against a plain pandas.read_csv of the same files?

Prints the median of several cold loads (cache cleared each time) for coursekit.data.load_all,
the same for a bare pandas.read_csv of every CSV, and the ratio between them. Also the warm
(cached) load time. Run: python benchmarks/data_loading.py
"""

from __future__ import annotations

import pandas as pd
from timing import median_seconds

from coursekit import data

REPEATS = 15


def main() -> None:
    folder = data.data_dir()
    paths = sorted(folder.glob("*.csv"))
    rows = sum(len(pd.read_csv(p)) for p in paths)

    def cold_load() -> None:
        data.clear_cache()
        data.load_all(folder)

    baseline = median_seconds(lambda: [pd.read_csv(p) for p in paths], REPEATS)
    cold = median_seconds(cold_load, REPEATS)
    warm = median_seconds(lambda: data.load_all(folder), REPEATS)
    print(f"tables: {len(paths)}, rows: {rows}")
    print(f"pandas.read_csv of every file (baseline): {baseline * 1000:7.1f} ms")
    print(f"coursekit.data.load_all, cold (validated): {cold * 1000:7.1f} ms  "
          f"ratio {cold / baseline:5.1f}x baseline")
    print(f"coursekit.data.load_all, warm (cached):    {warm * 1000:7.1f} ms  "
          f"ratio {warm / baseline:5.1f}x baseline")
    print(f"goal: cold load well under 1 s -> {'met' if cold < 1.0 else 'NOT met'}")


if __name__ == "__main__":
    main()
