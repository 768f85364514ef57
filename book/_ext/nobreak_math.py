"""An inline formula and the punctuation beside it stay on one line.

MathJax sets a formula as an inline block, and a browser may break the line right after
one: a comma or a full stop that follows the formula then begins the next line ("，修正后
的恰为 1", which simplified-Chinese typesetting forbids, and "." alone in English). An
opening bracket right before a formula may likewise end a line. Each inline formula with
the punctuation that touches it is wrapped in ``<span class="math-punctuation">``, which
the stylesheet (``custom.css``) keeps from breaking; a formula with none is left alone.
Both editions, every HTML page.
"""

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

PRIVATE_NAMES = {}
CLOSING = "，。；：！？、）」』】》”’,.;:!?)]"  # may not begin a line
OPENING = "（「『【《“‘(["  # may not end a line


def _leading(text, chars):
    n = len(text) - len(text.lstrip(chars))
    return text[:n], text[n:]


def _trailing(text, chars):
    n = len(text) - len(text.rstrip(chars))
    return text[:len(text) - n], text[len(text) - n:]


def keep_with_punctuation(math):
    """Wrap the ``math`` node and the punctuation that touches it; return the wrapper or None."""
    parent = math.parent
    i = parent.index(math)
    before = parent[i - 1] if i > 0 and isinstance(parent[i - 1], nodes.Text) else None
    after = parent[i + 1] if i + 1 < len(parent) and isinstance(parent[i + 1], nodes.Text) else None
    head, opening = _trailing(before.astext(), OPENING) if before is not None else ("", "")
    closing, tail = _leading(after.astext(), CLOSING) if after is not None else ("", "")
    if not opening and not closing:
        return None
    wrapper = nodes.inline(classes=["math-punctuation"])
    if opening:
        wrapper += nodes.Text(opening)
    parent.replace(math, wrapper)
    wrapper += math
    if closing:
        wrapper += nodes.Text(closing)
    for old, new, changed in ((before, head, opening), (after, tail, closing)):
        if changed and new:
            parent.replace(old, nodes.Text(new))
        elif changed:
            parent.remove(old)
    return wrapper


class MathWithPunctuation(SphinxPostTransform):
    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs):
        for math in list(self.document.findall(nodes.math)):
            keep_with_punctuation(math)


def setup(app):
    app.add_post_transform(MathWithPunctuation)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
