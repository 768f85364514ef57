"""Open every page of a built book in headless Chromium and record what a reader would meet.

A local ``http.server`` (127.0.0.1, random port, in a thread) serves the build;
playwright drives Debian's ``/usr/bin/chromium`` (never ``playwright install``).
For each page we record every request, failed request, console error, broken
image, untypeset formula, and display formula, code block or table wider than
the text column (at a 1280-pixel wide window); the tests then assert on the records.
"""

import contextlib
import functools
import http.server
import threading
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]

# Wait for MathJax (when the page loads it), let lazy images load, then report.
_INSPECT = """async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
  const images = Array.from(document.images);
  images.forEach(img => { img.loading = "eager"; });
  await Promise.all(images.map(img => img.complete ? null : new Promise(done => {
    img.addEventListener("load", done); img.addEventListener("error", done);
    setTimeout(done, 10000);
  })));
  const maths = Array.from(document.querySelectorAll(".math"));
  return {
    brokenImages: images.filter(img => !(img.naturalWidth > 0))
                        .map(img => img.getAttribute("src") || img.id || img.outerHTML),
    mathCount: maths.length,
    rawMath: maths.filter(el => !el.querySelector("mjx-container")
                                || /\\\\\\(|\\\\\\[|\\$\\$/.test(el.textContent))
                  .map(el => el.textContent.slice(0, 80)),
    mathErrors: document.querySelectorAll("mjx-merror").length,
    wideMath: Array.from(document.querySelectorAll('mjx-container[display="true"]'))
                   .filter(el => el.scrollWidth > el.clientWidth + 1)
                   .map(el => (el.closest(".math") || el).textContent.trim().slice(0, 80)),
    wideCode: Array.from(document.querySelectorAll("article pre"))
                   .filter(el => el.scrollWidth > el.clientWidth + 1)
                   .map(el => el.textContent.split("\\n")
                                .reduce((a, b) => (b.length > a.length ? b : a)).slice(0, 100)),
    wideTables: Array.from(document.querySelectorAll("article table")).filter(el => {
                      const box = el.closest(".pst-scrollable-table-container") || el.parentElement;
                      const column = el.closest("article").getBoundingClientRect();
                      return box.scrollWidth > box.clientWidth + 1
                             || el.getBoundingClientRect().right > column.right + 1;
                    })
                   .map(el => Array.from(el.querySelectorAll("th"))
                                .map(th => th.textContent.trim()).join(" | ").slice(0, 100)),
    mathJaxLoaded: Boolean(window.MathJax && MathJax.startup),
  };
}"""


@dataclass
class PageReport:
    path: str
    requests: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    broken_images: list = field(default_factory=list)
    raw_math: list = field(default_factory=list)
    math_count: int = 0
    math_errors: int = 0
    wide_math: list = field(default_factory=list)
    wide_code: list = field(default_factory=list)
    wide_tables: list = field(default_factory=list)
    mathjax_loaded: bool = False


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve(directory):
    """Serve ``directory`` on 127.0.0.1 at a free port; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()
            thread.join()


def walk(outdir, pages, screenshots=None, screenshot_dir=None):
    """Open each page (paths relative to ``outdir``); return ``{path: PageReport}``.

    ``screenshots`` maps page paths to file names saved under ``screenshot_dir``.
    """
    from playwright.sync_api import sync_playwright

    screenshots = screenshots or {}
    reports = {}
    with serve(outdir) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        current = PageReport("")
        page.on("request", lambda r: current.requests.append(r.url))
        page.on("requestfailed", lambda r: current.failed.append(f"{r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and current.failed.append(f"{r.url} ({r.status})"))
        page.on("console", lambda m: m.type == "error" and current.console_errors.append(m.text))
        page.on("pageerror", lambda e: current.console_errors.append(str(e)))
        for path in pages:
            current = reports[path] = PageReport(path)
            page.goto(base + path, wait_until="load")
            found = page.evaluate(_INSPECT)
            page.wait_for_load_state("networkidle")
            current.broken_images = found["brokenImages"]
            current.raw_math = found["rawMath"]
            current.math_count = found["mathCount"]
            current.math_errors = found["mathErrors"]
            current.wide_math = found["wideMath"]
            current.wide_code = found["wideCode"]
            current.wide_tables = found["wideTables"]
            current.mathjax_loaded = found["mathJaxLoaded"]
            if path in screenshots:
                Path(screenshot_dir).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(Path(screenshot_dir) / screenshots[path]), full_page=True)
        context.close()
        browser.close()
    return reports
