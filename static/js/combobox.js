// A type-ahead listbox under a text input: fetching suggestions as the user types, showing them,
// and moving through them with the keyboard (↑/↓, Enter picks, Escape closes). Shared by the
// meeting page's people search and the organisation pickers; each says what to fetch, how to
// describe a suggestion and what picking one does.
(function () {
  "use strict";

  // options: address(typed) -> URL to fetch, or null to show nothing; detail(result) -> text shown
  // after the name; isTaken(result) -> already chosen (shown ticked, not pickable); onPick(result).
  window.coalitionCombobox = function (input, list, options) {
    var found = [];
    var active = -1;
    var pending = null;
    var timer = null;

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      found = [];
      active = -1;
    }

    function highlight(index) {
      var items = list.querySelectorAll("[role=option]");
      active = index;
      items.forEach(function (item, i) {
        item.classList.toggle("active", i === index);
        item.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      }
    }

    function pick(index) {
      var result = found[index];
      if (!result || options.isTaken(result)) { return; }
      close();
      options.onPick(result);
    }

    function show(results) {
      close();
      found = results;
      results.forEach(function (result, i) {
        var item = document.createElement("li");
        item.id = list.id + "-" + i;
        item.className = "list-group-item list-group-item-action";
        item.setAttribute("role", "option");
        item.textContent = result.name;
        var detail = options.detail(result);
        if (detail) {
          var span = document.createElement("span");
          span.className = "text-secondary small";
          span.textContent = " · " + detail;
          item.appendChild(span);
        }
        if (options.isTaken(result)) {
          item.classList.add("disabled");
          item.setAttribute("aria-disabled", "true");
          item.appendChild(document.createTextNode(" ✓"));
        }
        item.addEventListener("mousedown", function (event) { event.preventDefault(); pick(i); });
        list.appendChild(item);
      });
      if (results.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        highlight(0);
      }
    }

    function search() {
      var typed = input.value.trim();
      var address = options.address(typed);
      if (!address) { close(); return; }
      if (pending) { pending.abort(); }
      pending = new AbortController();
      fetch(address, { headers: { "Accept": "application/json" }, signal: pending.signal, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (input.value.trim() === typed) { show(data.results); } })
        .catch(function () { /* a newer search replaced this one */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 120);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && found.length) {
        event.preventDefault();
        highlight(Math.min(active + 1, found.length - 1));
      } else if (event.key === "ArrowUp" && found.length) {
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault(); // Enter picks; what else it does is the page's to say
        pick(active);
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  };
})();
