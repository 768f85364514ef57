"""Checks that a matplotlib figure shows what it draws.

The book's figures are all made by the gallery scripts: the chapters include
their PNGs and draw none of their own (``tests/test_figure_checks.py`` checks
both). The gallery's image scraper (``gallery_hooks``) runs these checks on
every figure before saving it, and on an animation's last frame: a problem
fails the build, naming the script and the image. Two checks, both measured in
display coordinates (pixels of the saved image):

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

A figure that shows a coincidence on purpose, and says so (a note, a caption,
an offset, markers), opts out for one artist by giving it a gid that starts
with ``overlap-ok``, e.g. ``ax.plot(..., gid="overlap-ok: the note says both
runs coincide")``. The check then leaves every pair involving that artist alone.
"""

from dataclasses import dataclass

import numpy as np
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.contour import ContourSet
from matplotlib.lines import Line2D

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
OPT_OUT = "overlap-ok"

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


def _drawn(fig):
    """``fig`` drawn once (legends placed, layout and 3-D projections done); its renderer."""
    renderer = fig.canvas.get_renderer()
    fig.draw(renderer)
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


def figure_problems(fig):
    """Every problem of ``fig``: legends over data, then hidden artists (one drawing for both)."""
    renderer = _drawn(fig)
    return legend_problems(fig, renderer=renderer) + hidden_problems(fig, renderer=renderer)
