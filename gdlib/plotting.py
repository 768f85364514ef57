"""Plot helpers shared by the book's gallery: one style, curves, contours, animations.

This is the only module of gdlib that imports matplotlib; the rest of the
package needs numpy alone.
"""

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import FuncAnimation
from matplotlib.colors import LogNorm

__all__ = ["COLORS", "OPTIMIZER_LOOKS", "use_book_style", "plot_curve", "plot_iterates",
           "plot_contour", "plot_path", "animate_trajectories"]

#: The Okabe-Ito palette, distinguishable with every common colour-vision deficiency.
COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]

#: One look per optimizer, ``{name: (colour, line style, marker)}``, for figures that
#: show all eight at once: colours that differ in hue or lightness and stand out on
#: pale contours (every two at least 30 apart in CIE76 ΔE, what the book's figure check
#: asks of curves drawn alike), with line styles and markers for readers who cannot tell
#: colours apart.
OPTIMIZER_LOOKS = {
    "GD": ("#000000", "-", "o"),
    "Momentum": ("#CC3311", "--", "s"),
    "Nesterov": ("#777777", "-.", "^"),
    "AdaGrad": ("#228833", "-", "D"),
    "RMSProp": ("#0077BB", "-", "v"),
    "Adam": ("#AA3377", "-", "P"),
    "AdamW": ("#009988", (0, (3, 1.5)), "X"),
    "AdaDelta": ("#8C510A", ":", "*"),
}

_STYLE = {
    "figure.figsize": (7.0, 4.2),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.facecolor": "white",  # opaque, so figures stay legible in the dark theme
    "savefig.facecolor": "white",
    "axes.facecolor": "white",
    "figure.constrained_layout.use": True,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 10,
    "legend.framealpha": 0.9,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "lines.linewidth": 2.0,
    "lines.markersize": 6,
    "axes.prop_cycle": mpl.cycler(color=COLORS),
    "image.cmap": "viridis",
    "animation.embed_limit": 40.0,
    "animation.frame_format": "jpeg",  # a third of PNG's weight for these frames
    "svg.hashsalt": "gdlib",
}


def use_book_style():
    """Reset matplotlib to its defaults, then apply the book's style."""
    mpl.rcdefaults()
    mpl.rcParams.update(_STYLE)


def plot_curve(ax, f, box=None, n=400, color="0.25", label=None, **kwargs):
    """Draw a function of one variable over ``box`` (default: ``f.box``)."""
    lo, hi = box if box is not None else f.box
    x = np.linspace(lo, hi, n)
    ax.plot(x, f(x), color=color, label=label, **kwargs)
    ax.set_xlim(lo, hi)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$f(x)$")
    return ax


def plot_iterates(ax, f, xs, color=COLORS[1], label=None, annotate_ends=True):
    """Mark iterates ``xs`` of a one-variable run on the curve of ``f``, joined in order.

    The start is drawn as a hollow circle and the last iterate as a filled star,
    so the direction of travel reads without a legend.
    """
    xs = np.asarray(xs)
    ys = f(xs)
    ax.plot(xs, ys, "-o", color=color, lw=1.0, ms=4.5, alpha=0.85, label=label)
    if annotate_ends and len(xs):
        ax.plot(xs[0], ys[0], "o", ms=10, mfc="none", mec=color, mew=2)
        ax.plot(xs[-1], ys[-1], "*", ms=14, color=color, mec="black", mew=0.6)
    return ax


def plot_contour(ax, f, box=None, n=300, levels=20, log=False, filled=True):
    """Contours of a two-variable objective over ``box`` (default ``f.box``).

    ``log=True`` spaces the levels geometrically above the minimum, which is
    what functions whose values span orders of magnitude (Rosenbrock, Beale) need.
    """
    (x_lo, x_hi), (y_lo, y_hi) = box if box is not None else f.box
    X, Y = np.meshgrid(np.linspace(x_lo, x_hi, n), np.linspace(y_lo, y_hi, n))
    Z = f(np.stack([X, Y], axis=-1))
    if log:
        floor = Z.min()
        Z = Z - floor + 1e-3 * (Z.max() - floor) / 1e5
        levels = np.geomspace(Z.min(), Z.max(), levels)
        norm = LogNorm(levels[0], levels[-1])
    else:
        norm = None
    if filled:
        ax.contourf(X, Y, Z, levels=levels, cmap="Blues_r", norm=norm, alpha=0.55)
    ax.contour(X, Y, Z, levels=levels, colors="0.45", linewidths=0.6, norm=norm)
    _frame_box(ax, ((x_lo, x_hi), (y_lo, y_hi)))
    return ax


def _frame_box(ax, box):
    """Limits and axis labels of a two-variable plot over ``box``."""
    (x_lo, x_hi), (y_lo, y_hi) = box
    ax.set_xlim(x_lo, x_hi)
    ax.set_ylim(y_lo, y_hi)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.grid(False)


def plot_path(ax, xs, color=COLORS[1], label=None, marker="o", ms=3.5, lw=1.4, end_ms=13,
              ls="-"):
    """Draw a two-variable trajectory ``xs`` (shape ``(n, 2)``) with its start and end marked.

    Paths that run together stay visible when the lower ones are drawn wider
    (``lw``) and their end stars larger (``end_ms``), as halos around the upper ones.
    """
    xs = np.asarray(xs)
    ax.plot(xs[:, 0], xs[:, 1], ls=ls, marker=marker, color=color, lw=lw, ms=ms, label=label)
    ax.plot(*xs[0], "o", ms=9, mfc="white", mec=color, mew=2)
    ax.plot(*xs[-1], "*", ms=end_ms, color=color, mec="black", mew=0.6)
    return ax


def _contour_backdrop(ax, f, box=None, log=False, pixels=(1000, 750)):
    """Contours of ``f`` drawn once into an image that fills ``ax``.

    An animation redraws its whole figure for every frame; an image is much
    cheaper to draw than the hundreds of contour paths it replaces.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    (x_lo, x_hi), (y_lo, y_hi) = box if box is not None else f.box
    backdrop = Figure(figsize=(pixels[0] / 100, pixels[1] / 100), dpi=100, layout="none")
    inner = backdrop.add_axes((0, 0, 1, 1))
    plot_contour(inner, f, box=((x_lo, x_hi), (y_lo, y_hi)), log=log)
    inner.set_axis_off()
    canvas = FigureCanvasAgg(backdrop)
    canvas.draw()
    ax.imshow(np.asarray(canvas.buffer_rgba()), extent=(x_lo, x_hi, y_lo, y_hi), aspect="auto",
              interpolation="antialiased", zorder=0)
    _frame_box(ax, ((x_lo, x_hi), (y_lo, y_hi)))


def animate_trajectories(f, paths, box=None, log=False, frames=None, interval=80, title=None,
                         looks=None):
    """Animate several two-variable trajectories drawn on the contours of ``f``.

    Parameters
    ----------
    f : gdlib.functions.Objective
        Two-variable objective for the background.
    paths : dict
        ``{label: xs}`` with ``xs`` of shape ``(n + 1, 2)``; runs of different
        lengths stop at their last iterate.
    box, log
        As in :func:`plot_contour`.
    frames : int, optional
        Number of frames (default: longest run + 1, at most 120; longer runs
        are subsampled).
    interval : int
        Milliseconds between frames.
    looks : dict, optional
        ``{label: (colour, line style, line width)}`` for each path (default:
        the colours of ``COLORS``, solid lines of width 1.6), optionally
        followed by a gid for the path's line.

    Returns
    -------
    matplotlib.animation.FuncAnimation
    """
    fig, ax = plt.subplots(figsize=(6.4, 4.8))
    _contour_backdrop(ax, f, box=box, log=log)
    if title:
        ax.set_title(title)
    longest = max(len(xs) for xs in paths.values())
    frames = min(longest, 120) if frames is None else frames
    steps = np.unique(np.linspace(0, longest - 1, frames).round().astype(int))
    lines, heads = [], []
    if looks is None:
        looks = {label: (color, "-", 1.6)
                 for color, label in zip(COLORS[: len(paths)], paths, strict=True)}
    for label, xs in paths.items():
        color, ls, lw, *gid = looks[label]
        (line,) = ax.plot([], [], ls=ls, color=color, lw=lw, label=label, gid=(gid or [None])[0])
        # Runs that have arrived at the minimum all sit on it: their markers pile up there
        # by design, and the pages that show these animations say so.
        (head,) = ax.plot([], [], "o", color=color, mec="black", mew=0.6, ms=8,
                          gid="overlap-ok: arrived runs pile up at the minimum")
        ax.plot(*np.asarray(xs)[0], "o", ms=9, mfc="white", mec=color, mew=2)
        lines.append(line)
        heads.append(head)
    ax.legend(loc="upper left", fontsize=9)
    counter = ax.text(0.99, 0.02, "", transform=ax.transAxes, ha="right", va="bottom")

    def draw(k):
        if k > 0 and fig.get_layout_engine() is not None:
            # The layout was settled while drawing the first frame, at the final figure size;
            # freezing it saves recomputing it for every frame.
            fig.set_layout_engine("none")
        t = steps[k]
        for line, head, xs in zip(lines, heads, paths.values()):
            xs = np.asarray(xs)[: t + 1]
            line.set_data(xs[:, 0], xs[:, 1])
            head.set_data(xs[-1:, 0], xs[-1:, 1])
        counter.set_text(f"step {t}")
        return [*lines, *heads, counter]

    animation = FuncAnimation(fig, draw, frames=len(steps), interval=interval, blit=False)
    # Drawing the figure once starts the animation. A window does that when it opens;
    # without one (a script run headless) matplotlib would warn at exit that the
    # animation was never drawn.
    fig.canvas.draw()
    return animation
