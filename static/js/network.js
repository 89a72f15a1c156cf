// The map's comforts on top of the server's SVG (templates/network/_drawing.svg): zoom and drag,
// point at an actor to light up its partners, switch the colouring and step through the quarters
// without a round trip, find an actor as the organisation pickers do, and write names again after
// a zoom so that no two overlap (as coalition/network/labels.py does for the first view).
// Without this script the map still shows, every control is a form and each actor a link.
(function () {
  "use strict";

  var svg = document.querySelector(".network-drawing");
  if (!svg) { return; }
  var canvas = { w: Number(svg.dataset.width), h: Number(svg.dataset.height) };
  var wholeFont = Number(svg.dataset.fontSize);
  var quarters = (svg.dataset.quarters || "").split(" ").filter(Boolean);
  var first = svg.getAttribute("viewBox").split(" ").map(Number);
  var initial = { x: first[0], y: first[1], w: first[2], h: first[3] };
  var view = Object.assign({}, initial);
  var reset = document.getElementById("network-reset");
  var labelGroup = svg.querySelector(".labels");

  var nodes = {};
  var ranked = [];
  svg.querySelectorAll(".node").forEach(function (node) {
    nodes[node.dataset.id] = node;
    ranked.push(node);
  });
  ranked.sort(function (a, b) { return Number(a.dataset.rank) - Number(b.dataset.rank); });
  var texts = {};
  labelGroup.querySelectorAll("text").forEach(function (text) { texts[text.dataset.id] = text; });
  var ties = svg.querySelectorAll(".tie");

  // --- the page's address keeps what is shown, so a link to it shows the same map ---
  function withParam(href, name, value) {
    var url = new URL(href, window.location.href);
    if (value) { url.searchParams.set(name, value); } else { url.searchParams.delete(name); }
    return url.pathname + url.search + url.hash;
  }

  function remember(name, value) {
    history.replaceState(null, "", withParam(window.location.href, name, value));
    document.querySelectorAll("#network-map a[href*='/network/'], #network-map a.node").forEach(function (link) {
      link.setAttribute("href", withParam(link.getAttribute("href"), name, value));
    });
  }

  // --- names: the most central first, none over another (coalition/network/labels.py) ---
  var NARROW = "fijlrtI.,:;'!|()[] ", WIDE = "mwMWÅÄÖ@%&";

  function textWidth(text, size) {
    var total = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      if (NARROW.indexOf(c) !== -1) { total += 0.36; }
      else if (WIDE.indexOf(c) !== -1) { total += 0.92; }
      else if (c !== c.toLowerCase()) { total += 0.74; }
      else { total += 0.62; }
    }
    return total * size;
  }

  function overlaps(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }

  function candidates(x, y, r, width, size) {
    var middle = y + 0.35 * size, up = size, down = 0.35 * size;
    var right = x + r + 3, left = x - r - 3, above = y - r - 3 - down, below = y + r + 3 + up;
    return [[right, middle, "start", [right, middle - up, right + width, middle + down]],
            [left, middle, "end", [left - width, middle - up, left, middle + down]],
            [x, above, "middle", [x - width / 2, above - up, x + width / 2, above + down]],
            [x, below, "middle", [x - width / 2, below - up, x + width / 2, below + down]]];
  }

  function priority() {
    var focus = svg.querySelector(".node.focus");
    if (!focus || !svg.classList.contains("focusing")) { return ranked; }
    var rings = [focus].concat(ranked.filter(function (n) { return n.classList.contains("near"); }),
                               ranked.filter(function (n) { return n.classList.contains("far"); }));
    return rings;
  }

  function placeNames() {
    var size = wholeFont * view.w / canvas.w;
    labelGroup.setAttribute("font-size", size.toFixed(2));
    var inset = 4 * view.w / canvas.w;
    var bounds = [view.x + inset, view.y + inset, view.x + view.w - inset, view.y + view.h - inset];
    var limit = Math.round(30 * Math.min(5, canvas.w / view.w)) + (svg.classList.contains("focusing") ? 10 : 0);
    var quiet = svg.classList.contains("in-quarter");
    var boxes = [];
    Object.keys(texts).forEach(function (id) { texts[id].classList.add("hidden"); });
    priority().forEach(function (node) {
      if (boxes.length >= limit || (quiet && node.classList.contains("off"))) { return; }
      var text = texts[node.dataset.id];
      var circle = node.querySelector("circle");
      var x = Number(circle.getAttribute("cx")), y = Number(circle.getAttribute("cy"));
      var r = Number(circle.getAttribute("r"));
      var width = textWidth(text.textContent, size);
      var found = candidates(x, y, r, width, size).find(function (place) {
        var box = place[3];
        return box[0] >= bounds[0] && box[1] >= bounds[1] && box[2] <= bounds[2] && box[3] <= bounds[3] &&
          !boxes.some(function (other) { return overlaps(box, other); });
      });
      if (!found) { return; }
      text.setAttribute("x", found[0].toFixed(1));
      text.setAttribute("y", found[1].toFixed(1));
      text.setAttribute("text-anchor", found[2]);
      text.classList.remove("hidden");
      boxes.push(found[3]);
    });
  }

  var pending = null;
  function placeNamesSoon() {
    clearTimeout(pending);
    pending = setTimeout(placeNames, 80);
  }

  // --- zoom and drag ---
  function apply() {
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
    if (reset) {
      reset.hidden = view.w === initial.w && view.x === initial.x && view.y === initial.y;
    }
    placeNamesSoon();
  }

  function svgPoint(event) {
    var box = svg.getBoundingClientRect();
    var scale = Math.max(view.w / box.width, view.h / box.height);  // preserveAspectRatio="xMidYMid meet"
    return { x: view.x + view.w / 2 + (event.clientX - box.left - box.width / 2) * scale,
             y: view.y + view.h / 2 + (event.clientY - box.top - box.height / 2) * scale };
  }

  function zoom(at, factor) {
    var width = Math.min(canvas.w * 2, Math.max(canvas.w / 20, view.w * factor));
    factor = width / view.w;
    view = { x: at.x - (at.x - view.x) * factor, y: at.y - (at.y - view.y) * factor, w: width, h: view.h * factor };
    apply();
  }

  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    zoom(svgPoint(event), event.deltaY < 0 ? 0.8 : 1.25);
  }, { passive: false });

  // A drag that moved the view must not also open the actor it started on; two fingers pinch.
  var drag = null;
  var dragged = false;
  var touches = {};
  var pinch = null;

  function spread() {
    var points = Object.keys(touches).map(function (id) { return touches[id]; });
    return { d: Math.hypot(points[0].clientX - points[1].clientX, points[0].clientY - points[1].clientY),
             at: { clientX: (points[0].clientX + points[1].clientX) / 2,
                   clientY: (points[0].clientY + points[1].clientY) / 2 } };
  }

  svg.addEventListener("pointerdown", function (event) {
    touches[event.pointerId] = event;
    if (Object.keys(touches).length === 2) {
      pinch = spread();
      drag = null;
      dragged = true;
      return;
    }
    drag = { x: event.clientX, y: event.clientY, view: Object.assign({}, view) };
    dragged = false;
  });
  window.addEventListener("pointermove", function (event) {
    if (touches[event.pointerId]) { touches[event.pointerId] = event; }
    if (pinch && Object.keys(touches).length === 2) {
      var now = spread();
      if (now.d > 0 && pinch.d > 0) { zoom(svgPoint(now.at), pinch.d / now.d); }
      pinch = now;
      return;
    }
    if (!drag) { return; }
    var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (!dragged && Math.abs(dx) + Math.abs(dy) < 5) { return; }
    dragged = true;
    var box = svg.getBoundingClientRect();
    var scale = Math.max(view.w / box.width, view.h / box.height);
    view.x = drag.view.x - dx * scale;
    view.y = drag.view.y - dy * scale;
    apply();
  });
  ["pointerup", "pointercancel"].forEach(function (type) {
    window.addEventListener(type, function (event) {
      delete touches[event.pointerId];
      if (Object.keys(touches).length < 2) { pinch = null; }
      drag = null;
    });
  });
  svg.addEventListener("click", function (event) {
    if (dragged) { event.preventDefault(); dragged = false; }
  }, true);

  if (reset) {
    reset.addEventListener("click", function () { view = Object.assign({}, initial); apply(); });
  }

  // --- point at an actor: its partners light up and its name shows ---
  function highlight(node) {
    var lit = {};
    lit[node.dataset.id] = true;
    node.dataset.neighbours.split(" ").forEach(function (id) { if (id) { lit[id] = true; } });
    Object.keys(lit).forEach(function (id) { if (nodes[id]) { nodes[id].classList.add("lit"); } });
    ties.forEach(function (tie) {
      if (tie.dataset.ends.split(" ").indexOf(node.dataset.id) !== -1) { tie.classList.add("lit"); }
    });
    svg.classList.add("highlighting");
    var text = texts[node.dataset.id];
    if (text && text.classList.contains("hidden")) { text.classList.remove("hidden"); text.dataset.pointed = "1"; }
  }

  function clear() {
    svg.classList.remove("highlighting");
    svg.querySelectorAll(".lit").forEach(function (el) { el.classList.remove("lit"); });
    labelGroup.querySelectorAll("text[data-pointed]").forEach(function (text) {
      text.classList.add("hidden");
      delete text.dataset.pointed;
    });
  }

  Object.keys(nodes).forEach(function (id) {
    nodes[id].addEventListener("mouseenter", function () { highlight(nodes[id]); });
    nodes[id].addEventListener("mouseleave", clear);
    nodes[id].addEventListener("focus", function () { highlight(nodes[id]); });
    nodes[id].addEventListener("blur", clear);
  });

  // --- colour by sector, group or neighbourhood: the SVG holds all three ---
  var colour = document.getElementById("colour");
  if (colour) {
    colour.addEventListener("change", function () {
      ["sector", "community", "neighbourhood"].forEach(function (way) {
        svg.classList.toggle("by-" + way, way === colour.value);
        var legend = document.querySelector("[data-legend='" + way + "']");
        if (legend) { legend.hidden = way !== colour.value; }
      });
      remember("colour", colour.value === "sector" ? "" : colour.value);
    });
  }

  // Sizes and steps are the server's to compute: a change shows the map again.
  ["size", "steps"].forEach(function (name) {
    var field = document.getElementById(name);
    if (field && field.form) { field.addEventListener("change", function () { field.form.submit(); }); }
  });

  // --- the time control: a quarter's actors and ties stand out, everyone stays where they are ---
  var range = document.getElementById("map-quarter-range");
  var select = document.getElementById("quarter");
  var shown = document.getElementById("map-quarter-shown");

  function isActive(element, index) {
    var bits = element.dataset.q;
    if (!bits) { return false; }
    var digit = bits.charAt(bits.length - 1 - (index >> 2));
    return ((parseInt(digit, 16) >> (index & 3)) & 1) === 1;
  }

  function showQuarter(index) {
    var label = index < quarters.length ? quarters[index] : "";
    svg.classList.toggle("in-quarter", Boolean(label));
    svg.querySelectorAll(".node, .tie").forEach(function (element) {
      element.classList.toggle("off", Boolean(label) && !isActive(element, index));
    });
    if (shown) { shown.textContent = label || range.dataset.all; }
    if (select) { select.value = label; }
    if (range) { range.value = String(label ? index : quarters.length); }
    remember("quarter", label);
    placeNamesSoon();
  }

  if (range && quarters.length) {
    document.getElementById("map-time").hidden = false;
    range.addEventListener("input", function () { showQuarter(Number(range.value)); });
    if (select) {
      select.addEventListener("change", function () {
        var index = quarters.indexOf(select.value);
        showQuarter(index === -1 ? quarters.length : index);
      });
    }
  }

  // --- find an actor as the organisation pickers do, and focus on it ---
  var find = document.getElementById("find");
  var finder = document.getElementById("map-find");
  if (find && finder && finder.dataset.suggestions && window.coalitionCombobox) {
    window.coalitionCombobox(find, document.getElementById("map-find-suggestions"), {
      address: function (typed) {
        return typed ? finder.dataset.suggestions + "?q=" + encodeURIComponent(typed) : null;
      },
      detail: function (organisation) { return organisation.sector; },
      isTaken: function () { return false; },
      onPick: function (organisation) {
        var url = withParam(window.location.href, "find", "");
        window.location.assign(withParam(url, "focus", String(organisation.id)));
      }
    });
  }
})();
