/* The gdlib book: matplotlib's jshtml animation player (gallery pages), for every reader.
 *
 * - The slider says which frame it shows ("frame 7 of 30", aria-valuetext) as the
 *   frames change, whether by the slider, the buttons or playback. gallery_hooks.py
 *   labels the slider, sets the first value and gives the words (data-valuetext,
 *   data-reduced-motion), which the Chinese edition translates.
 * - Nothing moves until the reader presses a play button, and playback stops at the
 *   end ("Once"). For readers who ask for reduced motion (prefers-reduced-motion),
 *   the repeating modes ("Loop", "Reflect"), which never stop by themselves, are
 *   switched off: every frame stays reachable with the slider and the frame buttons.
 */
(function () {
  "use strict";

  function describe(anim) {
    var slider = document.getElementById(anim.slider_id);
    var words = slider.dataset.valuetext || "frame {frame} of {frames}";  // in the page's language
    slider.setAttribute("aria-valuetext", words.replace("{frame}", anim.current_frame + 1)
      .replace("{frames}", anim.frames.length));
  }

  function reduceMotion(form) {
    form.querySelectorAll('input[name="state"]').forEach(function (input) {
      if (input.value === "once") {
        input.checked = true;
      } else {
        input.disabled = true;
        var slider = form.parentNode.querySelector('input[type="range"]');
        input.title = (slider && slider.dataset.reducedMotion) || "Off: your system asks for reduced motion";
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof window.Animation !== "function" || !window.Animation.prototype.set_frame) {
      return;  // no player on this page
    }
    var setFrame = window.Animation.prototype.set_frame;
    window.Animation.prototype.set_frame = function (frame) {
      setFrame.call(this, frame);
      describe(this);
    };
    var reduce = window.matchMedia("(prefers-reduced-motion: reduce)");
    var forms = document.querySelectorAll("form.anim-state");
    if (reduce.matches) {
      forms.forEach(reduceMotion);
    }
  });
})();
