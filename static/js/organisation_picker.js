// Organisation pickers: a type-ahead over /api/organisations/suggestions instead of a list of
// thousands (the meeting-place picker uses it too, over /api/places/suggestions). Without this script the form still works: the server resolves the typed name
// (or, for several, one name per line in the textarea). Needs combobox.js first.
(function () {
  "use strict";

  function key(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, "");
  }

  // The type-ahead of one picker's input (combobox.js).
  function typeahead(picker, input, onPick, isTaken) {
    var keep = keepIds(picker).map(function (id) { return "&keep=" + id; }).join("");
    window.coalitionCombobox(input, picker.querySelector("[role=listbox]"), {
      address: function (typed) {
        return typed ? picker.dataset.suggestions + "?q=" + encodeURIComponent(typed) + keep : null;
      },
      detail: function (organisation) {
        // Other records' pickers (meeting places) say what to show beside the name themselves.
        if (organisation.detail !== undefined) {
          return organisation.detail + (organisation.archived ? " · " + picker.dataset.archivedLabel : "");
        }
        return organisation.sector + (organisation.org_number ? " · " + organisation.org_number : "") +
          (organisation.archived ? " · " + picker.dataset.archivedLabel : "");
      },
      isTaken: isTaken,
      onPick: onPick
    });
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
    typeahead(picker, input, function (organisation) {
      input.value = chosenName = organisation.name;
      hidden.value = organisation.id;
    }, function () { return false; });
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

    typeahead(picker, input, function (organisation) {
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
