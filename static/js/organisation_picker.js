// Organisation pickers: a type-ahead over /api/organisations/suggestions instead of a list of
// thousands. Without this script the form still works: the server resolves the typed name
// (or, for several, one name per line in the textarea).
(function () {
  "use strict";

  function key(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, "");
  }

  // The listbox under an input: fetching, showing and moving through suggestions.
  function combobox(input, list, url, keep, onPick, isTaken) {
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
      var organisation = found[index];
      if (!organisation || isTaken(organisation)) { return; }
      close();
      onPick(organisation);
    }

    function show(results) {
      close();
      found = results;
      results.forEach(function (organisation, i) {
        var item = document.createElement("li");
        item.id = list.id + "-" + i;
        item.className = "list-group-item list-group-item-action";
        item.setAttribute("role", "option");
        item.textContent = organisation.name;
        var detail = document.createElement("span");
        detail.className = "text-secondary small";
        detail.textContent = " · " + organisation.sector + (organisation.org_number ? " · " + organisation.org_number : "") +
          (organisation.archived ? " · " + input.closest("[data-organisation-picker]").dataset.archivedLabel : "");
        item.appendChild(detail);
        if (isTaken(organisation)) {
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
      if (!typed) { close(); return; }
      if (pending) { pending.abort(); }
      pending = new AbortController();
      var address = url + "?q=" + encodeURIComponent(typed) + keep.map(function (id) { return "&keep=" + id; }).join("");
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
        event.preventDefault(); // Enter picks; it submits only when no list is open
        pick(active);
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  function setUpOne(picker) {
    var input = picker.querySelector("input[type=text]");
    var hidden = picker.querySelector("input[type=hidden]");
    if (!hidden) {
      hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = input.name.replace(/-name$/, "");
      picker.appendChild(hidden);
    }
    var chosenName = input.value;
    input.addEventListener("input", function () {
      // Typing over the chosen name leaves the server to resolve the text.
      if (key(input.value) !== key(chosenName)) { hidden.value = ""; }
    });
    combobox(input, picker.querySelector("[role=listbox]"), picker.dataset.suggestions, keepIds(picker),
      function (organisation) {
        input.value = chosenName = organisation.name;
        hidden.value = organisation.id;
      },
      function () { return false; });
  }

  function keepIds(picker) {
    return (picker.dataset.keep || "").split(",").filter(Boolean);
  }

  function setUpMany(picker) {
    var textarea = picker.querySelector("textarea");
    var fieldName = textarea.name.replace(/-names$/, "");
    var byName = {};
    picker.querySelectorAll("input[type=hidden]").forEach(function (el) {
      byName[key(el.dataset.name || "")] = el.value;
      el.remove();
    });
    var chosen = textarea.value.split("\n").map(function (line) { return line.trim(); }).filter(Boolean)
      .map(function (name) { return { id: byName[key(name)] || "", name: name }; });

    var chips = document.createElement("ul");
    chips.className = "chosen-organisations list-inline mb-1";
    chips.setAttribute("aria-live", "polite");
    var input = document.createElement("input");
    input.type = "text";
    input.className = textarea.className;
    input.id = textarea.id;
    input.placeholder = picker.dataset.placeholder || "";
    if (textarea.getAttribute("aria-describedby")) { input.setAttribute("aria-describedby", textarea.getAttribute("aria-describedby")); }
    textarea.id = textarea.id + "-lines";
    textarea.hidden = true;
    picker.insertBefore(chips, textarea);
    picker.insertBefore(input, textarea);
    var hint = picker.querySelector("[data-without-script]");
    if (hint) { hint.hidden = true; }

    // The server reads the names (and the ids settle namesakes); a half-typed name goes too,
    // so that it is explained beside the field rather than lost.
    function sync() {
      var lines = chosen.map(function (o) { return o.name; });
      if (input.value.trim()) { lines.push(input.value.trim()); }
      textarea.value = lines.join("\n");
    }

    function render() {
      chips.innerHTML = "";
      chosen.forEach(function (organisation, index) {
        var item = document.createElement("li");
        item.className = "list-inline-item badge border " + (organisation.id ? "text-bg-light" : "text-bg-warning");
        item.textContent = organisation.name + " ";
        if (organisation.id) {
          var id = document.createElement("input");
          id.type = "hidden";
          id.name = fieldName;
          id.value = organisation.id;
          item.appendChild(id);
        }
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "btn-close btn-close-sm";
        remove.setAttribute("aria-label", picker.dataset.removeLabel + " " + organisation.name);
        remove.addEventListener("click", function () {
          chosen.splice(index, 1);
          render();
          input.focus();
        });
        item.appendChild(remove);
        chips.appendChild(item);
      });
      sync();
    }

    function isTaken(organisation) {
      return chosen.some(function (o) { return String(o.id) === String(organisation.id); });
    }

    combobox(input, picker.querySelector("[role=listbox]"), picker.dataset.suggestions, keepIds(picker),
      function (organisation) {
        chosen.push({ id: organisation.id, name: organisation.name });
        input.value = "";
        render();
      }, isTaken);
    input.addEventListener("input", sync);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Backspace" && !input.value && chosen.length) {
        chosen.pop();
        render();
      }
    });
    render();
  }

  document.querySelectorAll("[data-organisation-picker]").forEach(function (picker) {
    if (picker.dataset.organisationPicker === "many") { setUpMany(picker); } else { setUpOne(picker); }
  });
})();
