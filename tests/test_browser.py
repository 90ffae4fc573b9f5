"""Real-browser test: JupyterLab in headless Chromium, offline, runs every lesson.

For each lesson it opens the notebook, runs all cells, and checks that no cell raised, that every
chart output became a visible picture, and that every widget rendered. Requests to anything but
the loopback address are blocked and counted, so the test proves the kit works with no internet.
A screenshot per lesson goes to ``test-artifacts/browser/``.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import CHROMIUM, LESSONS, ON_CI, ROOT, notebook_id

pytestmark = pytest.mark.browser

if CHROMIUM is None:
    if ON_CI:
        pytest.fail("Chromium is missing under CI: the browser test must run there "
                    "(.ci/run installs Debian's chromium)", pytrace=False)
    pytest.skip("no chromium on this machine (apt-get install chromium)", allow_module_level=True)

RUN_TIMEOUT_S = 240
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}

# Counts, in the notebook model, the outputs that should appear as charts or widgets,
# the error outputs, and whether every code cell has run.
MODEL_SUMMARY_JS = """
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = panel.content.model.cells;
  let code = 0, ran = 0, charts = 0, widgets = 0; const errors = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    code += 1;
    if (cell.executionCount !== null) ran += 1;
    for (let j = 0; j < cell.outputs.length; j++) {
      const out = cell.outputs.get(j).toJSON();
      if (out.output_type === 'error') errors.push(`cell ${i}: ${out.ename}: ${out.evalue}`);
      const data = out.data || {};
      const keys = Object.keys(data);
      if (keys.some(k => k.startsWith('application/vnd.vegalite') || k === 'image/svg+xml')
          || String(data['text/html'] || '').includes('vega')) charts += 1;
      if ('application/vnd.jupyter.widget-view+json' in data) widgets += 1;
    }
  }
  const busy = [...document.querySelectorAll('.jp-Notebook .jp-InputPrompt')]
    .some(p => p.textContent.includes('*'));
  return {code, ran, charts, widgets, errors, busy};
}
"""

# What the page actually shows: loaded chart pictures (static SVG images or vega-embed output,
# inside or outside widgets), widget views, and text that signals a failed chart or widget.
PAGE_SUMMARY_JS = """
() => {
  const nb = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
  const visible = el => el.getBoundingClientRect().width > 20 && el.getBoundingClientRect().height > 20;
  const images = [...nb.querySelectorAll('.jp-RenderedSVG img, .jp-RenderedImage img')]
    .filter(img => img.complete && img.naturalWidth > 0 && visible(img));
  const embeds = [...nb.querySelectorAll('.vega-embed svg, .vega-embed canvas')].filter(visible);
  const widgetViews = [...nb.querySelectorAll('.jp-OutputArea-output .jupyter-widgets')]
    .filter(visible);
  const text = nb.innerText;
  return {
    chartImages: images.length + embeds.length,
    chartsInWidgets: images.filter(img => img.closest('.jupyter-widgets')).length,
    widgetViews: widgetViews.length,
    brokenWidgets: (text.match(/Error displaying widget|Loading widget\\.\\.\\./g) || []).length,
    scriptErrors: (text.match(/Error loading script|Javascript Error/g) || []).length,
  };
}
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a free loopback port, serving a copy of lessons/."""
    work = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "lessons", work / "lessons")
    settings = work / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    # Render every cell (no virtual scrolling), so the page can be checked as a whole.
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    notifications = work / "settings" / "@jupyterlab" / "apputils-extension"
    notifications.mkdir(parents=True)
    (notifications / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    port, token = _free_port(), uuid.uuid4().hex
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(work / "settings"),
               JUPYTER_CONFIG_DIR=str(work / "config"), JUPYTER_RUNTIME_DIR=str(work / "runtime"))
    log = (work / "lab.log").open("w")
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
           f"--port={port}", "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={work}", "--LabApp.expose_app_in_browser=True",
           "--ServerApp.open_browser=False", "--LabApp.news_url=",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    server = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=work)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{base}/lab?token={token}", timeout=5) as response:
                assert response.status == 200
                break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.terminate()
                pytest.fail("JupyterLab did not start:\n" + (work / "lab.log").read_text())
            time.sleep(0.5)
    yield {"base": base, "token": token, "work": work}
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def screenshots(artifacts_dir) -> Path:
    folder = artifacts_dir / "browser"
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nbrowser screenshots: {folder}")
    return folder


def _wait_for_run(page, expected_cells_timeout: float) -> dict:
    deadline = time.monotonic() + expected_cells_timeout
    while True:
        summary = page.evaluate(MODEL_SUMMARY_JS)
        if summary["ran"] == summary["code"] and not summary["busy"]:
            return summary
        if time.monotonic() > deadline:
            pytest.fail(f"cells still running after {expected_cells_timeout}s: {summary}")
        page.wait_for_timeout(500)


@pytest.mark.parametrize("lesson", LESSONS, ids=notebook_id)
def test_lesson_runs_offline_in_jupyterlab(lab, browser, screenshots, lesson):
    context = browser.new_context(viewport={"width": 1400, "height": 2000})
    blocked: list[str] = []

    def only_loopback(route):
        host = urlparse(route.request.url).hostname or ""
        if host in LOOPBACK or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_loopback)
    page = context.new_page()
    page_errors: list[str] = []
    page.on("pageerror", lambda exc: page_errors.append(str(exc)))
    try:
        # A fresh workspace per lesson, so JupyterLab does not restore the previous lesson's tabs.
        url = (f"{lab['base']}/lab/workspaces/{lesson.stem}/tree/lessons/{lesson.name}"
               f"?reset&token={lab['token']}")
        page.goto(url, wait_until="domcontentloaded")
        page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell", timeout=90_000)
        page.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
            " && window.jupyterapp.shell.currentWidget.sessionContext"
            " && window.jupyterapp.shell.currentWidget.sessionContext.session"
            " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
            " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status"
            " === 'idle'", timeout=90_000)
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_timeout(1000)
        model = _wait_for_run(page, RUN_TIMEOUT_S)
        page.wait_for_timeout(1500)  # let images decode and widget views attach
        shown = page.evaluate(PAGE_SUMMARY_JS)
        first = page.locator(".jp-OutputArea-output .jupyter-widgets").first
        if first.count():
            first.scroll_into_view_if_needed()
        shot = screenshots / f"{lesson.stem}.png"
        page.screenshot(path=str(shot))
        page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
    finally:
        context.close()

    assert not model["errors"], f"{lesson.name}: error outputs: {model['errors']}"
    assert model["charts"] >= 1, f"{lesson.name}: no chart output at all"
    assert model["widgets"] >= 1, f"{lesson.name}: no widget output at all"
    assert shown["scriptErrors"] == 0, f"{lesson.name}: a chart failed to load its script"
    assert shown["chartImages"] >= model["charts"], (
        f"{lesson.name}: {model['charts']} chart outputs but only {shown['chartImages']} "
        f"rendered as pictures ({shown})")
    assert shown["chartsInWidgets"] >= 1, f"{lesson.name}: no chart rendered inside a widget"
    assert shown["widgetViews"] >= model["widgets"], f"{lesson.name}: widgets missing: {shown}"
    assert shown["brokenWidgets"] == 0, f"{lesson.name}: a widget failed to render"
    assert not page_errors, f"{lesson.name}: JavaScript errors: {page_errors}"
    external = [u for u in blocked if not u.startswith(("data:", "blob:"))]
    assert not external, f"{lesson.name}: the page tried to reach the internet: {external[:5]}"
