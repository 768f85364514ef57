/* The gdlib book: code blocks and tables that scroll sideways, for keyboard readers.
 *
 * axe-core: focus-order-semantics. pydata-sphinx-theme makes every code block or table
 * that overflows its column focusable (tabindex="0"), so that the keyboard can scroll
 * it; but a focusable element without a role is announced as nothing in particular.
 * Each one becomes a region named after what it holds and its place on the page
 * ("Code block 3, scrolls sideways"), whenever the theme changes its tab stop (on
 * load, and again when the window is resized).
 */
(function () {
  "use strict";

  function name(el) {
    // Landmarks need names of their own (axe-core: landmark-unique): "Code block 3".
    var kind = el.matches(".pst-scrollable-table-container") ? "Table"
             : el.matches("pre") ? "Code block" : "Output";
    var selector = kind === "Table" ? ".pst-scrollable-table-container"
                 : kind === "Code block" ? "pre"
                 : ".nboutput > .output_area, .cell_output > .output, .jp-RenderedHTMLCommon";
    var number = Array.prototype.indexOf.call(document.querySelectorAll(selector), el) + 1;
    return kind + " " + number;
  }

  function label(el) {
    if (el.tabIndex === 0) {
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", name(el) + ", scrolls sideways");
    } else if (el.getAttribute("role") === "region") {
      el.removeAttribute("role");
      el.removeAttribute("aria-label");
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var main = document.getElementById("main-content");
    if (!main) {
      return;
    }
    new MutationObserver(function (changes) {
      changes.forEach(function (change) { label(change.target); });
    }).observe(main, { subtree: true, attributes: true, attributeFilter: ["tabindex"] });
  });
})();
