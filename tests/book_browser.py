"""Open every page of a built book in headless Chromium and record what a reader would meet.

A local ``http.server`` (127.0.0.1, random port, in a thread) serves the build;
playwright drives the Chromium that ``tests/chromium.py`` finds (``make test``
provides one first).
For each page we record every request, failed request, console error, broken
image, untypeset formula, and display formula, code block or table wider than
the text column (at a 1280-pixel wide window), every image's alternative text, and
what axe-core (the accessibility engine shipped by ``axe-playwright-python``,
injected from disk: nothing is downloaded) finds wrong, in the theme's light and
dark mode; the tests then assert on the records.
"""

import contextlib
import functools
import http.server
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import chromium

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]

# TeX left in a page's text, outside its formulas and code: a dollar sign, a command
# (``\tfrac``, ``\omega``, a literal ``\n``) or a math delimiter. A JavaScript regular
# expression and a Python one alike (page_checks.raw_tex_in_html uses it on HTML files).
RAW_TEX = r"\$|\\[A-Za-z]+|\\[()\[\]{}]"
# Where TeX is at home: formulas (before and after MathJax typesets them) and code.
NOT_PROSE = ".math, mjx-container, pre, code, kbd, samp, script, style, textarea, noscript"

# Wait for MathJax (when the page loads it), let lazy images load, then report.
_INSPECT = """async ([rawTex, notProse]) => {
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
    rawTex: (() => {
      const found = [];
      const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = texts.nextNode(); node; node = texts.nextNode()) {
        if (node.parentElement.closest(notProse)) continue;
        for (const m of node.textContent.matchAll(new RegExp(rawTex, "g"))) {
          found.push(node.textContent.slice(Math.max(0, m.index - 30), m.index + 30).trim());
        }
      }
      return found;
    })(),
    slantedChinese: (() => {  // CJK has no italic: a slanted Chinese glyph is a faux oblique
      const found = [];
      const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = texts.nextNode(); node; node = texts.nextNode()) {
        const element = node.parentElement;
        if (!/[\u4e00-\u9fff]/.test(node.textContent) || !element.getClientRects().length) continue;
        if (getComputedStyle(element).fontStyle !== "normal") {
          found.push(node.textContent.trim().slice(0, 40));
        }
      }
      return found;
    })(),
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
    images: images.map(img => ({
      src: img.getAttribute("src") || img.id,
      alt: img.getAttribute("alt"),
      // alt="" marks an image as decoration, right where a link's own text says what
      // the image would: the logo beside the book's title, a gallery thumbnail beside
      // its example's title.
      decorative: img.getAttribute("alt") === ""
                  && Boolean(img.closest("a, .sphx-glr-thumbcontainer"))
                  && (img.closest("a, .sphx-glr-thumbcontainer").innerText.trim() !== ""),
    })),
  };
}"""

# The axe-core rules whose outcome a change of colours alone can change: the contrast of
# text with its background, and links told from the text around them by colour. The
# theme's modes differ in colours only (CSS variables under [data-theme]), unless a page
# shows or hides content by mode (only-light / only-dark): tests/test_book.py checks
# that the book has none, and a sample of pages of every kind runs every rule in both
# modes (test_switched_mode_is_the_loaded_mode).
COLOUR_RULES = ("color-contrast", "link-in-text-block")

# The book's navigation in the left margin: the same entries on every page, but for which
# one is the current page and which branches are open (tests/test_book.py picks a page of
# each kind of sidebar for axe-core to scan it on).
SIDEBAR = ".bd-sidebar-primary"

# The theme's colour modes: pydata-sphinx-theme reads the reader's choice from
# localStorage ("mode", "theme") before it paints; "auto" follows prefers-color-scheme.
MODES = ("light", "dark")
_CHOOSE_MODE = "localStorage.setItem('mode', '{0}'); localStorage.setItem('theme', '{0}');"

# A page already open, in another mode, as a reader switches it: the theme's own button
# for that mode (the theme then sets the page's data-mode and data-theme, and stores the
# choice), the colour scheme of the system emulated to match (MyST-NB's output colours
# follow prefers-color-scheme), and every transition of colours run to its end.
_SWITCH_MODE = """async (mode) => {
  const button = document.querySelector(`.theme-change-button[data-mode="${mode}"]`);
  if (!button) return "no theme button for " + mode;
  button.click();
  await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
  return document.documentElement.dataset.theme;
}"""


# axe-core's default rules (WCAG 2.x A and AA, and best practices) and its experimental
# ones (label-content-name-mismatch, focus-order-semantics, ...); not the AAA rules.
# With a list of rule ids, only those rules; with a list of selectors, not those parts.
_AXE_RUN = """async ([only, exclude]) => {
  const experimental = axe.getRules(["experimental"]).map(rule => [rule.ruleId, {enabled: true}]);
  const options = only ? {resultTypes: ["violations"], runOnly: {type: "rule", values: only}}
                       : {resultTypes: ["violations"], rules: Object.fromEntries(experimental)};
  const context = exclude.length ? {include: [document], exclude: exclude.map(s => [s])} : document;
  const results = await axe.run(context, options);
  return results.violations.map(v => [v.id, v.impact, v.help,
    v.nodes.map(node => [node.target.join(" "), node.html.slice(0, 160)])]);
}"""


# Every element's text, background and border colours, as one digest: a page in a mode
# shows the same colours whether it was loaded in that mode or switched to it.
_COLOURS = """() => {
  let digest = 2166136261;
  const elements = document.querySelectorAll("*");
  for (const el of elements) {
    const style = getComputedStyle(el);
    const text = style.color + style.backgroundColor + style.borderTopColor + style.fill;
    for (let i = 0; i < text.length; i++) {
      digest = Math.imul(digest ^ text.charCodeAt(i), 16777619) >>> 0;
    }
  }
  return [elements.length, digest.toString(16)];
}"""


@dataclass
class PageReport:
    path: str
    requests: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    broken_images: list = field(default_factory=list)
    raw_math: list = field(default_factory=list)
    raw_tex: list = field(default_factory=list)  # TeX in the text, outside formulas and code
    slanted_chinese: list = field(default_factory=list)  # Chinese text set in italic or oblique
    math_count: int = 0
    math_errors: int = 0
    wide_math: list = field(default_factory=list)
    wide_code: list = field(default_factory=list)
    wide_tables: list = field(default_factory=list)
    mathjax_loaded: bool = False
    images: list = field(default_factory=list)
    axe: dict = field(default_factory=dict)  # colour mode -> axe-core's violations
    colours: dict = field(default_factory=dict)  # colour mode -> (elements, digest of their colours)
    seconds: dict = field(default_factory=dict)  # phase of the visit -> wall seconds it took


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


def _chromium():
    """The browser that ``tests/chromium.py`` finds, or an error saying what to install."""
    executable = chromium.find()
    if executable is None:
        raise chromium.NoChromium(chromium.WHAT_TO_INSTALL)
    return executable


# Pages open at once. The walk mostly waits (for MathJax, images, an idle network),
# so a few pages in flight keep both cores busy without starving the renderer.
CONCURRENCY = 4
_TIMEOUT_MS = 180_000  # a page of a loaded machine's build can take long; a hang still fails


def walk(outdir, pages, screenshots=None, screenshot_dir=None, modes=MODES, concurrency=CONCURRENCY,
         reload=False, switched_rules=None, colour_pages=None, sidebar_pages=None):
    """Open each page (paths relative to ``outdir``); return ``{path: PageReport}``.

    ``screenshots`` maps page paths to file names saved under ``screenshot_dir``.
    Each page is loaded once, in the first of ``modes``, and gets every check there;
    then the reader's switch to each other mode (``_SWITCH_MODE``) and axe-core again,
    with the requests and console errors of the switch recorded. With ``reload=True``
    each further mode loads the page afresh instead, in a tab whose theme starts in that
    mode (what ``test_switched_mode_is_the_loaded_mode`` compares). Up to ``concurrency``
    pages are open at once, each visit in a tab of its own, so every record belongs to
    exactly one page.

    ``switched_rules``: the axe-core rules run after a switch of mode (``None``: every
    rule; ``COLOUR_RULES``: those a change of colours can affect). ``colour_pages``: the
    pages whose colours are recorded (``None``: every page). ``sidebar_pages``: the pages
    on which axe-core scans the sidebar (``SIDEBAR``) too (``None``: every page); on the
    others it scans the rest of the page. Each visit's phases are timed
    (``PageReport.seconds``).
    """
    import asyncio

    screenshots = screenshots or {}
    reports = {path: PageReport(path) for path in pages}
    executable = _chromium()  # before Playwright starts: it may ask Playwright itself
    with serve(outdir) as base:
        asyncio.run(_walk(base, executable, reports, screenshots, screenshot_dir, modes, concurrency, reload,
                          switched_rules, set(pages if colour_pages is None else colour_pages),
                          set(pages if sidebar_pages is None else sidebar_pages)))
    return reports


async def _walk(base, executable, reports, screenshots, screenshot_dir, modes, concurrency, reload,
                switched_rules, colour_pages, sidebar_pages):
    import asyncio

    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        contexts = {}
        for mode in modes[:None if reload else 1]:
            contexts[mode] = await browser.new_context(viewport={"width": 1280, "height": 900},
                                                       color_scheme=mode)
            await contexts[mode].add_init_script(_CHOOSE_MODE.format(mode))
            contexts[mode].set_default_timeout(_TIMEOUT_MS)
        todo = asyncio.Queue()
        for opened in contexts:  # a visit per page, or per page and mode
            for path in reports:
                todo.put_nowait((opened, path))

        async def worker():
            while not todo.empty():
                opened, path = todo.get_nowait()
                switched = [] if reload else modes[1:]
                await _visit(contexts[opened], base, reports[path], opened, switched, opened == modes[0],
                             screenshots.get(path), screenshot_dir, switched_rules, path in colour_pages,
                             path in sidebar_pages)

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        for context in contexts.values():
            await context.close()
        await browser.close()


async def _visit(context, base, report, mode, switched, full, screenshot, screenshot_dir,
                 switched_rules=None, colours=True, sidebar=True):
    """One page loaded in colour mode ``mode``, then switched to each mode of ``switched``,
    in a fresh tab: records go to ``report``."""
    from axe_playwright_python.base import AXE_SCRIPT  # axe-core itself, read from disk

    clock = [time.perf_counter()]

    def lap(phase):
        now = time.perf_counter()
        report.seconds[phase] = report.seconds.get(phase, 0.0) + now - clock[0]
        clock[0] = now

    page = await context.new_page()
    sink = {"to": report}  # where this tab's requests and errors are recorded
    page.on("request", lambda r: sink["to"].requests.append(r.url))
    page.on("requestfailed", lambda r: sink["to"].failed.append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and sink["to"].failed.append(f"{r.url} ({r.status})"))
    page.on("console", lambda m: m.type == "error" and sink["to"].console_errors.append(m.text))
    page.on("pageerror", lambda e: sink["to"].console_errors.append(str(e)))
    await page.goto(base + report.path, wait_until="load")
    lap("load")
    found = await page.evaluate(_INSPECT, [RAW_TEX, NOT_PROSE])
    lap("math and images")
    await page.wait_for_load_state("networkidle")
    lap("network idle")
    # axe-core fetches the stylesheets again for its CSS rules, and resolves the theme's
    # '@import "../basic.css"' against the page instead of the stylesheet: its requests
    # (and that 404) are its own, not the page's.
    sink["to"] = PageReport(report.path)
    await page.evaluate(AXE_SCRIPT)
    exclude = [] if sidebar else [SIDEBAR]
    report.axe[mode] = await _axe(page, exclude=exclude)
    lap(f"axe, {mode}")
    if colours:
        report.colours[mode] = tuple(await page.evaluate(_COLOURS))
    if full and screenshot:  # in the mode the page was loaded in
        Path(screenshot_dir).mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(Path(screenshot_dir) / screenshot), full_page=True)
    lap("colours and screenshot")
    for other in switched:
        sink["to"] = report  # what switching mode requests or logs is the page's
        await page.emulate_media(color_scheme=other)
        theme = await page.evaluate(_SWITCH_MODE, other)
        if theme != other:
            report.console_errors.append(f"switching to {other} mode: {theme}")
        lap(f"switch to {other}")
        sink["to"] = PageReport(report.path)
        report.axe[other] = await _axe(page, switched_rules, exclude)
        lap(f"axe, {other}")
        if colours:
            report.colours[other] = tuple(await page.evaluate(_COLOURS))
        lap("colours and screenshot")
    if full:
        report.broken_images = found["brokenImages"]
        report.raw_math = found["rawMath"]
        report.raw_tex = found["rawTex"]
        report.slanted_chinese = found["slantedChinese"]
        report.math_count = found["mathCount"]
        report.math_errors = found["mathErrors"]
        report.wide_math = found["wideMath"]
        report.wide_code = found["wideCode"]
        report.wide_tables = found["wideTables"]
        report.mathjax_loaded = found["mathJaxLoaded"]
        report.images = found["images"]
    await page.close()


async def _axe(page, rules=None, exclude=()):
    """axe-core's violations on ``page`` as it is now (axe-core already injected): of every
    rule, or of the ``rules`` named; on the whole page, or without the parts ``exclude``."""
    found = await page.evaluate(_AXE_RUN, [list(rules) if rules else None, list(exclude)])
    return [(rule, impact, help_, [tuple(node) for node in nodes]) for rule, impact, help_, nodes in found]


def phase_seconds(reports):
    """The walk's wall seconds per phase of a visit, summed over pages (pages overlap: the
    sum is the time the tabs spent, not the walk's duration), and its slowest pages."""
    totals = {}
    for report in reports.values():
        for phase, seconds in report.seconds.items():
            totals[phase] = totals.get(phase, 0.0) + seconds
    slowest = sorted(reports.values(), key=lambda r: -sum(r.seconds.values()))[:10]
    return {"pages": len(reports), "seconds by phase": {k: round(v, 1) for k, v in totals.items()},
            "slowest pages": {r.path: round(sum(r.seconds.values()), 1) for r in slowest}}


_PLAYER_STATE = """() => {
  const img = document.querySelector("div.animation img");
  const slider = document.querySelector("input.anim-slider");
  const controls = Array.from(document.querySelectorAll("div.animation button, div.animation input"));
  return {
    src: img.getAttribute("src"),
    frame: slider.value,
    frames: Number(slider.max) + 1,
    valuetext: slider.getAttribute("aria-valuetext"),
    words: slider.dataset.valuetext,  // "frame {frame} of {frames}", in the page's language
    mode: document.querySelector("form.anim-state input:checked").value,
    disabled: controls.filter(c => c.disabled).map(c => c.value),
    unreachable: controls.filter(c => !c.disabled && c.tabIndex < 0).map(c => c.outerHTML),
  };
}"""


def check_players(outdir, pages, motions=("no-preference", "reduce"), concurrency=CONCURRENCY):
    """Use the animation player of each page as a keyboard reader would.

    Returns ``{(prefers-reduced-motion, page): {...}}``: the player's state after
    loading and a wait (``"loaded"``, ``"after_wait"``), after the arrow key on the
    slider (``"stepped"``), and after Enter on the Play button and a wait (``"played"``).
    Each page is used in a tab of its own, up to ``concurrency`` at once (the waits are
    most of the time).
    """
    import asyncio

    executable = _chromium()
    with serve(outdir) as base:
        return asyncio.run(_check_players(base, executable, pages, motions, concurrency))


async def _check_players(base, executable, pages, motions, concurrency):
    import asyncio

    from playwright.async_api import async_playwright

    results = {}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        contexts = {motion: await browser.new_context(viewport={"width": 1280, "height": 900},
                                                      reduced_motion=motion) for motion in motions}
        for context in contexts.values():
            context.set_default_timeout(_TIMEOUT_MS)
        todo = [(motion, path) for motion in motions for path in pages]

        async def worker():
            while todo:
                motion, path = todo.pop(0)
                results[(motion, path)] = await _use_player(contexts[motion], base + path)

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        await browser.close()
    return results


async def _use_player(context, url):
    page = await context.new_page()
    await page.goto(url, wait_until="load")
    await page.wait_for_function("() => document.querySelector('input.anim-slider').max > 1")
    record = {"loaded": await page.evaluate(_PLAYER_STATE)}
    await page.wait_for_timeout(1500)
    record["after_wait"] = await page.evaluate(_PLAYER_STATE)
    await page.focus("input.anim-slider")
    await page.keyboard.press("ArrowRight")
    record["stepped"] = await page.evaluate(_PLAYER_STATE)
    await page.locator("button[onclick$='.play_animation()']").focus()  # "Play", "播放"
    await page.keyboard.press("Enter")
    await page.wait_for_timeout(1500)
    record["played"] = await page.evaluate(_PLAYER_STATE)
    await page.locator("button[onclick$='.pause_animation()']").focus()
    await page.keyboard.press("Enter")
    await page.close()
    return record


def search(outdir, search_page, queries):
    """Type each query into the search box of ``search_page`` (e.g. ``zh_CN/search.html``) and
    press Enter, as a reader does: ``{query: [the pages found, as paths relative to outdir]}``."""
    from playwright.sync_api import sync_playwright

    found = {}
    executable = _chromium()
    with serve(outdir) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for query in queries:
            page.goto(base + search_page, wait_until="load")
            box = page.locator('input[name="q"]:visible').first
            box.fill(query)
            box.press("Enter")
            page.wait_for_function(
                "() => (document.querySelector('#search-results .search-summary') || {}).innerText")
            hrefs = page.eval_on_selector_all("#search-results ul.search li > a",
                                              "links => links.map(a => a.href)")
            root = base + search_page.rsplit("/", 1)[0] + "/" if "/" in search_page else base
            found[query] = [h.removeprefix(base).split("?")[0].split("#")[0] for h in hrefs if h.startswith(root)]
        browser.close()
    return found
