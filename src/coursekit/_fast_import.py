"""Import Altair without paying for an IRI parser it never uses.

Importing ``jsonschema`` (which Altair needs) also imports ``rfc3987_syntax`` when it is
installed — it is, as an extra of ``jsonschema[format-nongpl]`` that Jupyter's event system asks
for — and that package builds a grammar at import time: about 0.7 s of a lesson's ~3 s start-up
(measured with ``python -X importtime -c "import altair"``). Altair only validates Vega-Lite
specs, which contain no ``iri`` format, so for the first import of ``jsonschema`` in a process we
hide ``rfc3987_syntax``; ``jsonschema`` then simply registers no IRI format checker. Anything
that imports ``rfc3987_syntax`` itself afterwards still gets the real package.
"""

from __future__ import annotations

import sys

SKIPPED = "rfc3987_syntax"


def import_altair() -> None:
    """Import altair (and jsonschema) once, skipping rfc3987_syntax if jsonschema is not loaded yet."""
    if "altair" in sys.modules:
        return
    hide = "jsonschema" not in sys.modules and SKIPPED not in sys.modules
    if hide:
        sys.modules[SKIPPED] = None  # type: ignore[assignment]  # makes `import` raise ImportError
    try:
        import altair  # noqa: F401
    finally:
        if hide and sys.modules.get(SKIPPED, 0) is None:
            del sys.modules[SKIPPED]
