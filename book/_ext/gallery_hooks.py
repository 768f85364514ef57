"""Hooks that sphinx-gallery calls by name (see ``sphinx_gallery_conf`` in conf.py).

They live in a module, not in conf.py, so that the gallery configuration holds
only strings: it stays picklable (Sphinx caches it) and importable by the worker
processes of a parallel gallery build.
"""

import hashlib
import re
from pathlib import Path
from textwrap import indent
from unittest import mock

from sphinx_gallery import scrapers

from figure_checks import figure_problems

# matplotlib's jshtml player links Font Awesome 4 from a CDN; the theme already
# ships Font Awesome (its JavaScript turns the player's <i class="fa ..."> into icons).
_CDN_LINK = re.compile(r"<link[^>]*font-awesome[^>]*>\s*", re.IGNORECASE)
# ... and names its HTML elements after a random uuid4 hex: _anim_img<hex>, anim<hex>, ...
_PLAYER_ID = re.compile(r"_anim_img([0-9a-f]{32})")


def reset_book_style(gallery_conf, fname):
    """Before each example: the book's matplotlib style (after matplotlib's own reset)."""
    from gdlib.plotting import use_book_style

    use_book_style()


def offline_player(html, seed):
    """The jshtml player without its CDN link, and with ids derived from ``seed`` and itself."""
    html = _CDN_LINK.sub("", html)
    for random_id in _PLAYER_ID.findall(html):
        stable = hashlib.sha256(f"{seed}\0{html.replace(random_id, '')}".encode()).hexdigest()
        html = html.replace(random_id, stable[:32])
    return html


class FigureCheckError(RuntimeError):
    """A figure of a gallery script hides data (see ``figure_checks``)."""


def check_figure(fig, script, image_path):
    """Raise :class:`FigureCheckError`, naming ``script`` and the image, if ``fig`` fails a check."""
    problems = figure_problems(fig)
    if problems:
        lines = "\n".join(f"  - {p}" for p in problems)
        raise FigureCheckError(f"{Path(script).name}, figure {Path(image_path).name}:\n{lines}")


def _animation_rst(anim, image_path, gallery_conf):
    """Stands in for sphinx-gallery's ``_anim_rst`` (pinned: sphinx-gallery 0.22).

    The stock version renders every frame twice: once for the page (jshtml) and
    once more for a GIF that only serves as the gallery thumbnail. Here the frames
    are rendered once; the thumbnail is a PNG of the last frame.
    """
    html = offline_player(anim.to_jshtml(), Path(image_path).name)
    check_figure(anim._fig, gallery_conf["_current_script"], image_path)  # its last frame
    anim._fig.savefig(Path(image_path).with_suffix(".png"))  # the figure shows the last frame
    return scrapers._ANIMATION_RST.format(indent(html, "     "))


def matplotlib_scraper(block, block_vars, gallery_conf, **kwargs):
    """sphinx-gallery's matplotlib scraper, with offline, deterministic, single-pass animations,
    that first checks every figure (``figure_checks``): a legend over data or a hidden
    artist raises, and the build fails naming the script and the image.

    Animated figures are checked on their last frame, once it is drawn.
    """
    import matplotlib.pyplot as plt
    from matplotlib.animation import Animation

    script = block_vars["src_file"]
    paths = block_vars["image_path_iterator"]
    animated = {id(v._fig) for v in block_vars["example_globals"].values()
                if isinstance(v, Animation)}
    for k, number in enumerate(plt.get_fignums()):
        fig = plt.figure(number)
        if id(fig) not in animated:
            check_figure(fig, script, paths.image_path.format(len(paths) + k + 1))
    with mock.patch.object(scrapers, "_anim_rst", _animation_rst), \
            mock.patch.dict(gallery_conf, {"_current_script": script}):
        return scrapers.matplotlib_scraper(block, block_vars, gallery_conf, **kwargs)
