"""coursekit: the helper package of the techno-federalism course kit.

Data flows one way: ``data -> metrics/simulate -> charts -> widgets -> notebook``.
Import the rooms you need, e.g. ``from coursekit import data, render``.
"""

from coursekit._fast_import import import_altair as _import_altair

__version__ = "0.1.0"

_import_altair()
