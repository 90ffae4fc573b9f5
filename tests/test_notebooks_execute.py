"""Every lesson and every exercise source runs top to bottom in a fresh kernel with no error."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ALL_NOTEBOOKS, notebook_id

pytestmark = pytest.mark.notebooks
CELL_TIMEOUT = 120


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=notebook_id)
def test_notebook_runs_in_a_fresh_kernel(path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError naming the cell on any error
    errors = [out for cell in nb.cells if cell.cell_type == "code"
              for out in cell.get("outputs", []) if out.get("output_type") == "error"]
    assert not errors
