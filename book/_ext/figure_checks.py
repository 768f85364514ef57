"""Checks that a matplotlib figure shows what it draws.

The book's figures are all made by the gallery scripts: the chapters include
their PNGs and draw none of their own (``tests/test_figure_checks.py`` checks
both). The gallery's image scraper (``gallery_hooks``) runs these checks on
every figure before saving it, and on an animation's last frame: a problem
fails the build, naming the script and the image. Six checks, the first five measured in
display coordinates (pixels of the saved image) on the figure as it is saved: a
layout engine (constrained layout) moves the axes again at the second drawing, so
it is run once more before the figure is drawn for the checks (``_drawn``):

``legend_problems``
    No legend covers data. For every legend (of an axes or of the figure), the
    share of each plotted artist's points inside the legend's box: points every
    half pixel along each drawn line (so that a long straight segment across
    the legend counts, whatever its vertices), marker centres, and scatter
    offsets. Areas (images, filled contours, spans, bars) and contour lines are
    background and are not counted. More than ``MAX_LEGEND_SHARE`` of any
    artist's visible points fails.

``hidden_problems``
    Nothing drawn is hidden. Two lines of one axes fail when the one drawn
    first runs, over most of its length (``MIN_HIDDEN_SHARE``), so close to the
    one drawn over it that the edges of their strokes are less than a pixel
    apart: the eye sees one line (unless the lower line is at least two pixels
    wider, and shows as a halo around the upper one);
    a marker fails when a marker of another colour that covers (filled, or
    with a heavy edge), at least about as large, is drawn over it at the same
    place (see ``_marker_hides``);
    and a line fails when most of it runs along the edge of its axes (its
    stroke within a pixel of it), where it reads as the frame.

``lookalike_problems``
    No two curves a legend names differently (Line2D with a drawn line and a label)
    are drawn alike in one axes: colours less than ``MIN_COLOUR_DISTANCE`` apart
    (CIE76 ΔE of their L*a*b* coordinates: two shades of orange, 24; the
    Okabe-Ito blue and sky blue, 26), the same kind of line (solid, dashed, dash-dot,
    dotted: a dash pattern of one's own is dashed) and the same marker, or none.

``covered_problems``
    No named curve is hidden by the data drawn over it: each curve and every artist
    drawn after it in its axes are drawn alone, and the curve must keep at least
    ``MIN_VISIBLE_SHARE`` of its pixels uncovered. Pairs are not enough: five curves
    a few pixels apart, each drawn a little thinner than the one under it, passed
    ``hidden_problems`` and left 7% of GD's curve visible (Fig. 9.2, quadratic panel).

``text_problems``
    No text is printed over another text: the extents of every text the drawing
    puts on the canvas (titles, axis and tick labels, legend entries, annotations,
    3-D axis labels; ``Text.get_window_extent``) overlap by at most
    ``MIN_TEXT_OVERLAP`` pixels either way. A rotated text counts by the upright
    box around it.

``wordy_problems``
    No sentence is printed in a figure (issue 21): a figure's words are method names,
    symbols, numbers and short axis labels, the same in both editions, and what a title
    or a region label would say belongs in the caption, which is translated. A text the
    drawing puts on the canvas fails when it holds more than ``MAX_WORDS`` words outside
    its math (``$...$``); a word is a run of two letters or more, so that symbols,
    numbers and units do not count. A label that must stay longer (a method's full name)
    opts out with a gid that starts with ``words-ok`` and says why.

A figure that shows a coincidence on purpose, and says so (a note, a caption,
an offset, markers), opts out for one artist or text by giving it a gid that
starts with ``overlap-ok`` and says where the figure tells the reader, e.g.
``ax.plot(..., gid="overlap-ok: the caption says both runs coincide")``. Every
check but the legend's then leaves alone each pair involving that artist (for
``covered_problems``: the artist is neither checked nor counted as covering others).
"""

import re
from dataclasses import dataclass

import numpy as np
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.contour import ContourSet
from matplotlib.lines import Line2D
from matplotlib.text import Text

# Undocumented names of other packages used here, for the locked versions named
# (tests/test_private_names.py checks them; docs/upstream/README.md names the issue
# that would retire each):
# a line's path as drawn, in display units.
PRIVATE_NAMES = {
    "matplotlib==3.11.2": ("matplotlib.lines.Line2D._get_transformed_path", "matplotlib.lines._mark_every_path"),
}

MAX_LEGEND_SHARE = 0.02  # of an artist's visible points that a legend may cover
MIN_HIDDEN_SHARE = 0.6  # of an artist's length under another one that counts as hidden
STEP = 0.5  # pixels between the points of a densified line
MIN_COLOUR_DISTANCE = 30  # CIE76 ΔE between the colours of two curves drawn alike
MIN_VISIBLE_SHARE = 0.3  # of a curve's pixels that the curves over it must leave visible
# (the book's halos, a wide curve under one or two thinner ones, show 32-39% of theirs)
MIN_TEXT_OVERLAP = 1.0  # pixels, each way, that two texts' boxes may share
OPT_OUT = "overlap-ok"
MAX_WORDS = 4  # words outside math that one text of a figure may hold
WORDS_OK = "words-ok"

_NO_LINE = {"None", "none", "", " "}


@dataclass
class Shape:
    """What an artist puts on the canvas, in pixels: stroke points and marker centres."""

    artist: object
    stroke: np.ndarray  # (n, 2) points along the drawn lines, about STEP apart
    markers: np.ndarray  # (m, 2) marker centres
    linewidth: float  # pixels
    markersize: float  # pixels

    @property
    def points(self):
        return np.concatenate([self.stroke, self.markers])


def describe(artist):
    """A short name for an artist in a message: its label, else its type and colour."""
    label = artist.get_label()
    if label and not label.startswith("_"):
        return repr(label)
    kind = type(artist).__name__
    try:
        from matplotlib.colors import to_hex

        color = artist.get_color() if isinstance(artist, Line2D) else artist.get_edgecolor()[0]
        return f"unlabelled {kind} ({to_hex(color)})"
    except (AttributeError, IndexError, ValueError):
        return f"unlabelled {kind}"


def axes_name(ax):
    """The axes as a reader finds it: its title, else its position in the figure."""
    title = ax.get_title() or ax.get_title("left") or ax.get_title("right")
    if title:
        return f"axes {title!r}"
    index = ax.figure.axes.index(ax)
    return f"axes {index + 1} of {len(ax.figure.axes)}"


def densify(points, step=STEP):
    """Points spaced ``step`` apart along the polyline ``points`` (pixels); NaNs break it.

    The points are spread evenly along the drawn length, whatever the spacing of
    the vertices: a long segment gets many, a thousand vertices within one pixel
    (the tail of a curve on a log axis) get only a few. Shares of these points
    are therefore shares of the length a reader sees.
    """
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    finite = np.isfinite(points).all(axis=1)
    pieces = []
    start = 0
    for end in [*np.flatnonzero(~finite), len(points)]:
        run = points[start:end]
        start = end + 1
        if len(run) == 0:
            continue
        arc = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(run, axis=0).T))])
        where = np.linspace(0.0, arc[-1], max(int(np.ceil(arc[-1] / step)), 0) + 1)
        pieces.append(np.column_stack([np.interp(where, arc, run[:, 0]),
                                       np.interp(where, arc, run[:, 1])]))
    return np.concatenate(pieces) if pieces else np.empty((0, 2))


def _pixels(fig, points):
    return points * fig.dpi / 72.0


def _marker_positions(line, xy):
    """Where ``line`` draws its markers (pixels), honouring ``markevery``."""
    markevery = line.get_markevery()
    if markevery is not None:
        from matplotlib.lines import _mark_every_path  # what Line2D.draw itself uses

        tpath, affine = line._get_transformed_path().get_transformed_points_and_affine()
        if len(tpath.vertices):
            xy = affine.transform(_mark_every_path(markevery, tpath, affine, line.axes).vertices)
    return xy[np.isfinite(xy).all(axis=1)]


def shape(artist):
    """The artist's :class:`Shape`, clipped to its axes; ``None`` for what is not data."""
    fig = artist.figure
    if isinstance(artist, Line2D):
        xy = artist.get_transform().transform(np.asarray(artist.get_xydata(), dtype=float))
        drawn = artist.get_linestyle() not in _NO_LINE and artist.get_linewidth() > 0
        has_markers = artist.get_marker() not in _NO_LINE | {None}
        stroke = densify(xy) if drawn else np.empty((0, 2))
        markers = _marker_positions(artist, xy) if has_markers else np.empty((0, 2))
        width = _pixels(fig, artist.get_linewidth()) if drawn else 0.0
        size = _pixels(fig, artist.get_markersize()) if has_markers else 0.0
    elif isinstance(artist, ContourSet):
        return None
    elif isinstance(artist, LineCollection):
        transform = artist.get_transform()
        segments = [densify(transform.transform(np.asarray(s, dtype=float)))
                    for s in artist.get_segments() if len(s)]
        stroke = np.concatenate(segments) if segments else np.empty((0, 2))
        markers = np.empty((0, 2))
        widths = artist.get_linewidths()
        width = _pixels(fig, float(np.min(widths))) if len(widths) else 0.0
        size = 0.0
    elif isinstance(artist, PathCollection):
        offsets = np.asarray(artist.get_offsets(), dtype=float).reshape(-1, 2)
        stroke = np.empty((0, 2))
        markers = artist.get_offset_transform().transform(offsets)
        markers = markers[np.isfinite(markers).all(axis=1)]
        sizes = artist.get_sizes()  # points squared
        width = 0.0
        size = _pixels(fig, float(np.sqrt(np.min(sizes)))) if len(sizes) else 0.0
    else:
        return None
    if artist.get_clip_on() and artist.axes is not None:
        box = artist.axes.bbox
        def inside(p):
            keep = ((p[:, 0] >= box.x0 - 0.5) & (p[:, 0] <= box.x1 + 0.5)
                    & (p[:, 1] >= box.y0 - 0.5) & (p[:, 1] <= box.y1 + 0.5))
            return p[keep]
        stroke, markers = inside(stroke), inside(markers)
    return Shape(artist, stroke, markers, width, size)


def data_artists(ax):
    """The visible plotted artists of ``ax`` in drawing order (zorder, then insertion)."""
    found = [a for a in ax.get_children()
             if isinstance(a, (Line2D, LineCollection, PathCollection))
             and not isinstance(a, ContourSet) and a.get_visible() and (a.get_alpha() != 0)]
    order = {id(a): i for i, a in enumerate(found)}
    return sorted(found, key=lambda a: (a.get_zorder(), order[id(a)]))


def _legends(fig):
    legends = [(ax.get_legend(), ax) for ax in fig.axes if ax.get_legend() is not None]
    return legends + [(legend, None) for legend in fig.legends]


def _opted_out(*artists):
    return any(str(a.get_gid() or "").startswith(OPT_OUT) for a in artists)


def _drawn(fig, texts=None):
    """``fig`` drawn once (legends placed, layout and 3-D projections done); its renderer.

    ``texts``: a list that receives every :class:`~matplotlib.text.Text` the drawing puts on
    the canvas, once each, in drawing order (the renderer's public ``draw_text`` is told which
    Text it draws: tick labels outside the view, empty texts and hidden ones never reach it).
    """
    renderer = fig.canvas.get_renderer()
    if fig.get_layout_engine() is not None:
        # A layout engine moves the axes again at the next drawing (constrained layout
        # settles in two): the saved image is a later drawing than the first, and this one
        # is checked like it. The layout run once more beforehand settles it as well as a
        # whole drawing would, for a fraction of the cost.
        fig.get_layout_engine().execute(fig)
    if texts is None:
        fig.draw(renderer)
        return renderer
    seen = set()

    def draw_text(gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if mtext is not None and id(mtext) not in seen and s.strip():
            seen.add(id(mtext))
            texts.append(mtext)
        return type(renderer).draw_text(renderer, gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)

    renderer.draw_text = draw_text  # on this instance only, for this one drawing
    try:
        fig.draw(renderer)
    finally:
        del renderer.draw_text
    # A text of several lines is drawn line by line, and matplotlib does not say which Text
    # each line belongs to (mtext=None): those count whole, when shown.
    texts.extend(t for t in fig.findobj(Text) if id(t) not in seen and "\n" in t.get_text().strip()
                 and t.get_visible() and t.get_figure(root=True) is fig)
    return renderer


def legend_problems(fig, max_share=MAX_LEGEND_SHARE, *, renderer=None):
    """Messages for every artist whose points a legend covers beyond ``max_share``.

    ``renderer``: the renderer of a drawing of ``fig`` as it is now; without it, ``fig``
    is drawn first."""
    renderer = renderer or _drawn(fig)
    problems = []
    for legend, owner in _legends(fig):
        if not legend.get_visible():
            continue
        box = legend.get_window_extent(renderer)
        where = f"the legend of {axes_name(owner)}" if owner is not None else "the figure legend"
        for ax in fig.axes:
            for artist in data_artists(ax):
                s = shape(artist)
                if s is None or len(s.points) == 0:
                    continue
                p = s.points
                covered = ((p[:, 0] > box.x0) & (p[:, 0] < box.x1)
                           & (p[:, 1] > box.y0) & (p[:, 1] < box.y1))
                share = covered.mean()
                if share > max_share:
                    problems.append(f"{where} covers {share:.0%} of {describe(artist)} "
                                    f"in {axes_name(ax)}")
    return problems


def _footprint(points, radius):
    """Integer pixel keys of every pixel within ``radius`` of one of ``points``."""
    r = int(np.ceil(radius))
    dx, dy = np.meshgrid(np.arange(-r, r + 1), np.arange(-r, r + 1))
    disk = np.column_stack([dx.ravel(), dy.ravel()])[(dx**2 + dy**2).ravel() <= radius**2 + 1e-9]
    centres = np.unique(np.round(points).astype(np.int64), axis=0)
    cells = (centres[:, None, :] + disk[None, :, :]).reshape(-1, 2)
    return np.unique(cells[:, 0] * 1_000_003 + cells[:, 1])


def _share_within(points, keys):
    q = np.round(points).astype(np.int64)
    return np.isin(q[:, 0] * 1_000_003 + q[:, 1], keys).mean()


def _colour(artist):
    """The colour a reader tells a series by (a marker's edge colour when it has no face)."""
    from matplotlib.colors import to_hex

    if isinstance(artist, Line2D):
        face = artist.get_markerfacecolor()
        visible = face not in _NO_LINE and to_hex(face, keep_alpha=True) != "#ffffffff"
        return to_hex(face if visible else artist.get_markeredgecolor())
    colours = artist.get_facecolor()
    return to_hex(colours[0]) if len(colours) else None


def _hollow(artist):
    """Whether a Line2D's markers are outlines only (no face, or a white one)."""
    from matplotlib.colors import to_hex

    face = artist.get_markerfacecolor()
    return (artist.get_fillstyle() == "none" or str(face).lower() == "none"
            or to_hex(face) == "#ffffff")


def _marker_hides(high, low):
    """Whether a marker of ``high`` drawn on a marker of ``low`` hides it.

    A marker hides what is under it when it is about as large (at least three
    quarters of the size) and either filled or drawn with a thick edge (an "x"
    with a heavy stroke covers a star as well as a filled cross does). Two
    exceptions hide nothing a reader could tell apart: a run's iterates under its
    own end marker (the same colour), and the identical hollow start markers of
    runs that start at one point (the same shape and size, no face).
    """
    from matplotlib.markers import MarkerStyle

    a, b = high.artist, low.artist
    if not isinstance(a, Line2D):
        return high.markersize >= 0.75 * low.markersize and _colour(a) != _colour(b)
    style = MarkerStyle(a.get_marker())
    covers = ((style.is_filled() and a.get_fillstyle() != "none"
               and str(a.get_markerfacecolor()).lower() != "none")
              or a.get_markeredgewidth() >= 0.15 * a.get_markersize())
    common_start = (isinstance(b, Line2D) and _hollow(a) and _hollow(b)
                    and a.get_marker() == b.get_marker()
                    and abs(a.get_markersize() - b.get_markersize()) < 0.5)
    return (covers and high.markersize >= 0.75 * low.markersize
            and _colour(a) != _colour(b) and not common_start)


def hidden_problems(fig, min_share=MIN_HIDDEN_SHARE, *, renderer=None):
    """Messages for artists drawn under another one, or along their axes' edge.

    ``renderer``: as for ``legend_problems``."""
    if renderer is None:
        _drawn(fig)
    problems = []
    for ax in fig.axes:
        shapes = [s for s in map(shape, data_artists(ax)) if s is not None]
        footprints = {}  # (artist's place, radius) -> its footprint: each computed once

        def footprint(k, points, radius):
            if (k, radius) not in footprints:
                footprints[k, radius] = _footprint(points, radius)
            return footprints[k, radius]

        for i, low in enumerate(shapes):
            if _opted_out(low.artist):
                continue
            if len(low.stroke) >= 4:  # a drawn line, at least two pixels long
                box = ax.bbox
                p = low.stroke
                edge = np.minimum.reduce([np.abs(p[:, 0] - box.x0), np.abs(p[:, 0] - box.x1),
                                          np.abs(p[:, 1] - box.y0), np.abs(p[:, 1] - box.y1)])
                share = (edge <= low.linewidth / 2 + 1.0).mean()
                if low.artist.get_clip_on() and share >= min_share:
                    problems.append(f"{describe(low.artist)} in {axes_name(ax)} runs along the "
                                    f"edge of the axes for {share:.0%} of its length")
            for j, high in enumerate(shapes[i + 1:], i + 1):
                if _opted_out(high.artist):
                    continue
                halo = low.linewidth >= high.linewidth + 2.0  # shows a pixel on each side
                if len(low.stroke) >= 4 and len(high.stroke) and not halo:
                    # the strokes' edges less than a pixel apart: one line to the eye
                    keys = footprint((j, "stroke"), high.stroke, (low.linewidth + high.linewidth) / 2 + 1.0)
                    share = _share_within(low.stroke, keys)
                    if share >= min_share:
                        problems.append(
                            f"{describe(low.artist)} in {axes_name(ax)} lies under "
                            f"{describe(high.artist)} for {share:.0%} of its length")
                        continue
                if len(low.markers) and len(high.markers) and _marker_hides(high, low):
                    keys = footprint((j, "markers"), high.markers, max(1.0, high.markersize / 4))
                    share = _share_within(low.markers, keys)
                    if share >= min_share:
                        problems.append(
                            f"the markers of {describe(low.artist)} in {axes_name(ax)} lie under "
                            f"those of {describe(high.artist)} ({share:.0%} of them)")
    return problems


# -- curves that look alike -------------------------------------------------------------


def _lab(colour):
    """CIE L*a*b* (D65) of a matplotlib colour."""
    from matplotlib.colors import to_rgb

    rgb = np.array(to_rgb(colour))
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                    [0.0193, 0.1192, 0.9505]]) @ linear / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def colour_distance(a, b):
    """How far apart two colours look: CIE76 ΔE, the distance of their L*a*b* coordinates."""
    return float(np.linalg.norm(_lab(a) - _lab(b)))


def _dash_kind(line):
    """A line's style as a reader names it: solid, dashed, dash-dot, dotted (a dash pattern
    of one's own is dashed: ``get_linestyle`` reports it as ``--``)."""
    return {"-": "solid", "--": "dashed", "-.": "dash-dot", ":": "dotted"}.get(line.get_linestyle(), "none")


def _marker_kind(line):
    marker = line.get_marker()
    return "none" if marker in _NO_LINE | {None} else str(marker)


def curves(ax):
    """The curves of ``ax`` a legend names: visible Line2D with a drawn line and a label."""
    return [a for a in data_artists(ax) if isinstance(a, Line2D)
            and a.get_label() and not a.get_label().startswith("_")
            and a.get_linestyle() not in _NO_LINE and a.get_linewidth() > 0
            and len(a.get_xydata()) >= 2]


def lookalike_problems(fig, min_distance=MIN_COLOUR_DISTANCE):
    """Messages for two curves of one axes, named differently, drawn alike: colours closer
    than ``min_distance`` (ΔE), the same kind of line and the same marker (or none)."""
    problems = []
    for ax in fig.axes:
        found = curves(ax)
        for i, a in enumerate(found):
            for b in found[i + 1:]:
                if a.get_label() == b.get_label() or _opted_out(a, b):
                    continue
                distance = colour_distance(a.get_color(), b.get_color())
                if (distance < min_distance and _dash_kind(a) == _dash_kind(b)
                        and _marker_kind(a) == _marker_kind(b)):
                    marker = "no" if _marker_kind(a) == "none" else f"{_marker_kind(a)!r}"
                    problems.append(f"{describe(a)} and {describe(b)} in {axes_name(ax)} look alike: "
                                    f"{_dash_kind(a)}, {marker} markers, colours ΔE {distance:.0f} "
                                    f"apart (at least {min_distance} tells them apart)")
    return problems


# -- curves covered by the curves drawn over them ---------------------------------------


class _Masks:
    """The pixels each artist paints, drawn alone on one blank canvas of the figure's size,
    cut to a box (an axes' bbox, widened by a pixel): ``masks(artist)``."""

    def __init__(self, fig):
        from matplotlib.backends.backend_agg import RendererAgg

        self.width, self.height = (int(round(v)) for v in fig.bbox.size)
        self.canvas = RendererAgg(self.width, self.height, fig.dpi)
        self.rows = self.columns = slice(None)

    def cut_to(self, box):
        x0, x1 = max(int(np.floor(box.x0)) - 1, 0), min(int(np.ceil(box.x1)) + 1, self.width)
        y0, y1 = max(int(np.floor(box.y0)) - 1, 0), min(int(np.ceil(box.y1)) + 1, self.height)
        self.rows, self.columns = slice(self.height - y1, self.height - y0), slice(x0, x1)

    def __call__(self, artist):
        self.canvas.clear()
        artist.draw(self.canvas)
        return np.asarray(self.canvas.buffer_rgba())[self.rows, self.columns, 3] > 0


def covered_problems(fig, min_visible=MIN_VISIBLE_SHARE):
    """Messages for every curve of which the data artists drawn over it leave less than
    ``min_visible`` of its pixels to be seen.

    Each curve (a named line, see :func:`curves`) and each artist drawn after it is drawn
    alone; what the curve paints and none of those paint is what a reader sees of it. This
    catches what no pair shows: a bundle of curves, each a little off the next or wider than
    the one above it, that together hide the lower ones. It needs the figure drawn (layout
    settled) first."""
    problems = []
    masks = None
    for ax in fig.axes:
        artists = [a for a in data_artists(ax) if not _opted_out(a)]
        named = {id(a) for a in curves(ax)}
        if not any(id(a) in named for a in artists[:-1]):
            continue
        masks = masks or _Masks(fig)
        masks.cut_to(ax.bbox)  # data artists are clipped to their axes
        above = None  # the union of the masks of the artists after artists[k]
        for k in range(len(artists) - 1, -1, -1):
            own = masks(artists[k])
            if id(artists[k]) in named and above is not None:
                painted = own.sum()
                if painted:
                    visible = (own & ~above).sum() / painted
                    if visible < min_visible:
                        problems.append(f"{describe(artists[k])} in {axes_name(ax)} shows only "
                                        f"{visible:.0%} of its pixels: the curves drawn over it "
                                        f"hide the rest")
            above = own if above is None else above | own
    return problems


# -- text over text ------------------------------------------------------------------------


def text_problems(fig, texts, renderer, min_overlap=MIN_TEXT_OVERLAP):
    """Messages for two texts of ``texts`` (as drawn, see :func:`_drawn`) whose rendered
    boxes overlap by more than ``min_overlap`` pixels each way.

    A box is the text's extent as drawn (``Text.get_window_extent``); a rotated text's box
    is the upright rectangle around it, so that two rotated labels that only brush past
    each other's corners can count: a text opts out, like an artist, with a gid that starts
    with ``overlap-ok``."""
    boxes = [(t, t.get_window_extent(renderer)) for t in texts if not _opted_out(t)]
    problems = []
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            wide = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
            high = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
            if wide > min_overlap and high > min_overlap:
                problems.append(f"the text {a.get_text()!r} overlaps the text {b.get_text()!r} "
                                f"({wide:.0f} x {high:.0f} pixels)")
    return problems


# -- words -------------------------------------------------------------------------------

_MATH = re.compile(r"(?<!\\)\$.*?(?<!\\)\$", re.S)
_WORD = re.compile(r"[^\W\d_]{2,}")


def words(text):
    """The words of a figure's text outside its math: runs of two letters or more."""
    return _WORD.findall(_MATH.sub(" ", text))


def wordy_problems(texts, max_words=MAX_WORDS):
    """Messages for each text of ``texts`` (as drawn) that holds more than ``max_words``
    words outside math, unless its gid starts with ``words-ok``."""
    return [f"the text {t.get_text()!r} holds {len(words(t.get_text()))} words (at most {max_words}: "
            "a sentence belongs in the caption)"
            for t in texts if len(words(t.get_text())) > max_words
            and not str(t.get_gid() or "").startswith(WORDS_OK)]


def figure_problems(fig):
    """Every problem of ``fig`` (one drawing for all): legends over data, hidden artists,
    curves that look alike, curves the others cover, text over text, sentences."""
    texts = []
    renderer = _drawn(fig, texts)
    return (legend_problems(fig, renderer=renderer) + hidden_problems(fig, renderer=renderer)
            + lookalike_problems(fig) + covered_problems(fig) + text_problems(fig, texts, renderer)
            + wordy_problems(texts))
