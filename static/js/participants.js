// The meeting page's comforts: a type-ahead that adds several registered people without leaving
// the keyboard, and "tick all" for the bulk changes. Without this script the pasted sign-in list
// and the tick boxes still do everything. Needs combobox.js first.
(function () {
  "use strict";

  function setUpTypeahead(form) {
    var input = form.querySelector("#person-search");
    var chosen = form.querySelector(".chosen-people");
    var fieldName = form.dataset.field;

    form.hidden = false;

    function chosenIds() {
      return Array.prototype.map.call(chosen.querySelectorAll("input"), function (el) { return el.value; });
    }

    function isTaken(person) {
      return person.on_the_list || chosenIds().indexOf(String(person.id)) !== -1;
    }

    function choose(person) {
      var item = document.createElement("li");
      item.className = "list-inline-item badge text-bg-light border";
      item.textContent = person.name + (person.organisation ? " · " + person.organisation : "") + " ";
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = fieldName;
      hidden.value = person.id;
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "btn-close btn-close-sm";
      remove.setAttribute("aria-label", chosen.dataset.removeLabel + " " + person.name);
      remove.addEventListener("click", function () { item.remove(); input.focus(); });
      item.appendChild(hidden);
      item.appendChild(remove);
      chosen.appendChild(item);
      input.value = "";
    }

    window.coalitionCombobox(input, form.querySelector("#person-suggestions"), {
      address: function (typed) {
        return typed.length < 2 ? null : form.dataset.suggestions + "&q=" + encodeURIComponent(typed);
      },
      detail: function (person) { return person.organisation; },
      isTaken: isTaken,
      onPick: choose
    });

    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.defaultPrevented && (input.value.trim() || !chosenIds().length)) {
        event.preventDefault(); // a half-typed name is not a reason to submit
      }
      // Enter in the empty box with people chosen submits the form.
      if (event.key === "Backspace" && !input.value && chosen.lastElementChild) {
        chosen.lastElementChild.remove();
      }
    });
  }

  function setUpTickAll(form) {
    var button = form.querySelector("[data-select-all]");
    if (!button) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var boxes = form.querySelectorAll("input[type=checkbox]");
      var allTicked = Array.prototype.every.call(boxes, function (box) { return box.checked; });
      boxes.forEach(function (box) { box.checked = !allTicked; });
    });
  }

  var typeahead = document.getElementById("typeahead-form");
  if (typeahead) { setUpTypeahead(typeahead); }
  var participants = document.getElementById("participants-form");
  if (participants) { setUpTickAll(participants); }
})();
