/* The gdlib book: matplotlib's jshtml animation player (gallery pages), for every reader.
 *
 * - The slider says which frame it shows ("frame 7 of 30", aria-valuetext) as the
 *   frames change, whether by the slider, the buttons or playback. gallery_hooks.py
 *   labels the slider and sets the first value.
 * - Nothing moves until the reader presses a play button, and playback stops at the
 *   end ("Once"). For readers who ask for reduced motion (prefers-reduced-motion),
 *   the repeating modes ("Loop", "Reflect"), which never stop by themselves, are
 *   switched off: every frame stays reachable with the slider and the frame buttons.
 */
(function () {
  "use strict";

  function describe(anim) {
    var slider = document.getElementById(anim.slider_id);
    slider.setAttribute("aria-valuetext",
      "frame " + (anim.current_frame + 1) + " of " + anim.frames.length);
  }

  function reduceMotion(form) {
    form.querySelectorAll('input[name="state"]').forEach(function (input) {
      if (input.value === "once") {
        input.checked = true;
      } else {
        input.disabled = true;
        input.title = "Off: your system asks for reduced motion";
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
