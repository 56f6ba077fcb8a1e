// Search forms (marked data-drop-empty) leave out the fields left blank, so pressing
// Enter gives /?q=drones instead of /?q=drones&speaker=&actor=&event=&...
// Disabled fields are not submitted; they are enabled again for the back button.
(function () {
  "use strict";
  document.addEventListener("submit", function (evt) {
    var form = evt.target;
    if (!form.hasAttribute || !form.hasAttribute("data-drop-empty")) { return; }
    var blank = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && !el.disabled && typeof el.value === "string" && el.value.trim() === "") {
        el.disabled = true;
        blank.push(el);
      }
    });
    window.setTimeout(function () { blank.forEach(function (el) { el.disabled = false; }); }, 0);
  });
})();
