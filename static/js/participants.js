// The meeting page's comforts: a type-ahead that adds several registered people without leaving
// the keyboard, and "tick all" for the bulk changes. Without this script the pasted sign-in list
// and the tick boxes still do everything.
(function () {
  "use strict";

  function setUpTypeahead(form) {
    var input = form.querySelector("#person-search");
    var results = form.querySelector("#person-suggestions");
    var chosen = form.querySelector(".chosen-people");
    var fieldName = form.dataset.field;
    var suggestions = [];
    var active = -1;
    var pending = null;
    var timer = null;

    form.hidden = false;

    function chosenIds() {
      return Array.prototype.map.call(chosen.querySelectorAll("input"), function (el) { return el.value; });
    }

    function close() {
      results.hidden = true;
      results.innerHTML = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      suggestions = [];
      active = -1;
    }

    function highlight(index) {
      var items = results.querySelectorAll("[role=option]");
      active = index;
      items.forEach(function (item, i) {
        item.classList.toggle("active", i === index);
        item.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (items[index]) { input.setAttribute("aria-activedescendant", items[index].id); }
    }

    function choose(person) {
      if (person.on_the_list || chosenIds().indexOf(String(person.id)) !== -1) { return; }
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
      close();
    }

    function show(found) {
      close();
      suggestions = found;
      found.forEach(function (person, i) {
        var item = document.createElement("li");
        item.id = "person-suggestion-" + i;
        item.className = "list-group-item list-group-item-action";
        item.setAttribute("role", "option");
        item.textContent = person.name;
        if (person.organisation) {
          var organisation = document.createElement("span");
          organisation.className = "text-secondary";
          organisation.textContent = " · " + person.organisation;
          item.appendChild(organisation);
        }
        if (person.on_the_list) {
          item.classList.add("disabled");
          item.setAttribute("aria-disabled", "true");
          item.appendChild(document.createTextNode(" ✓"));
        }
        item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(person); });
        results.appendChild(item);
      });
      if (found.length) {
        results.hidden = false;
        input.setAttribute("aria-expanded", "true");
        highlight(0);
      }
    }

    function search() {
      var typed = input.value.trim();
      if (typed.length < 2) { close(); return; }
      if (pending) { pending.abort(); }
      pending = new AbortController();
      fetch(form.dataset.suggestions + "&q=" + encodeURIComponent(typed), {
        headers: { "Accept": "application/json" }, signal: pending.signal, credentials: "same-origin"
      })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (input.value.trim() === typed) { show(data.results); } })
        .catch(function () { /* a newer search replaced this one */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 120);
    });

    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && suggestions.length) {
        event.preventDefault();
        highlight(Math.min(active + 1, suggestions.length - 1));
      } else if (event.key === "ArrowUp" && suggestions.length) {
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === "Escape") {
        close();
      } else if (event.key === "Enter") {
        if (active >= 0 && suggestions[active]) {
          event.preventDefault();
          choose(suggestions[active]);
        } else if (input.value.trim() || !chosenIds().length) {
          event.preventDefault(); // a half-typed name is not a reason to submit
        }
        // Enter in the empty box with people chosen submits the form.
      } else if (event.key === "Backspace" && !input.value && chosen.lastElementChild) {
        chosen.lastElementChild.remove();
      }
    });

    input.addEventListener("blur", function () { setTimeout(close, 150); });
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
