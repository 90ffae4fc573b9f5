"""coursekit: the helper package of the techno-federalism course kit.

Data flows one way: ``data -> metrics/simulate -> charts -> widgets -> notebook``.
Import the rooms you need, e.g. ``from coursekit import data, render``.
"""

__version__ = "0.1.0"
