// The network drawing's comforts: point at an actor to light up its partners, scroll to zoom,
// drag to move. Without this script the drawing still shows, and each actor still opens on click.
(function () {
  "use strict";

  var svg = document.querySelector(".network-drawing");
  if (!svg) { return; }
  var size = Number(svg.dataset.size);
  var view = { x: 0, y: 0, w: size, h: size };
  var reset = document.getElementById("network-reset");

  function apply() {
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
    if (reset) { reset.hidden = view.w === size && view.x === 0 && view.y === 0; }
  }

  function svgPoint(event) {
    var box = svg.getBoundingClientRect();
    return { x: view.x + (event.clientX - box.left) / box.width * view.w,
             y: view.y + (event.clientY - box.top) / box.height * view.h };
  }

  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    var at = svgPoint(event);
    var factor = event.deltaY < 0 ? 0.8 : 1.25;
    var width = Math.min(size * 4, Math.max(size / 20, view.w * factor));
    factor = width / view.w;
    view = { x: at.x - (at.x - view.x) * factor, y: at.y - (at.y - view.y) * factor, w: width, h: width };
    apply();
  }, { passive: false });

  // A drag that moved the view must not also open the actor it started on.
  var drag = null;
  var dragged = false;
  svg.addEventListener("pointerdown", function (event) {
    drag = { x: event.clientX, y: event.clientY, view: Object.assign({}, view) };
    dragged = false;
  });
  window.addEventListener("pointermove", function (event) {
    if (!drag) { return; }
    var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (!dragged && Math.abs(dx) + Math.abs(dy) < 5) { return; }
    dragged = true;
    var scale = view.w / svg.getBoundingClientRect().width;
    view.x = drag.view.x - dx * scale;
    view.y = drag.view.y - dy * scale;
    apply();
  });
  window.addEventListener("pointerup", function () { drag = null; });
  svg.addEventListener("click", function (event) {
    if (dragged) { event.preventDefault(); dragged = false; }
  }, true);

  if (reset) {
    reset.addEventListener("click", function () { view = { x: 0, y: 0, w: size, h: size }; apply(); });
  }

  var nodes = {};
  svg.querySelectorAll(".node").forEach(function (node) { nodes[node.dataset.id] = node; });
  var ties = svg.querySelectorAll(".tie");

  function highlight(node) {
    var lit = {};
    lit[node.dataset.id] = true;
    node.dataset.neighbours.split(" ").forEach(function (id) { if (id) { lit[id] = true; } });
    Object.keys(lit).forEach(function (id) { if (nodes[id]) { nodes[id].classList.add("lit"); } });
    ties.forEach(function (tie) {
      if (tie.dataset.ends.split(" ").indexOf(node.dataset.id) !== -1) { tie.classList.add("lit"); }
    });
    svg.classList.add("highlighting");
  }

  function clear() {
    svg.classList.remove("highlighting");
    svg.querySelectorAll(".lit").forEach(function (el) { el.classList.remove("lit"); });
  }

  Object.keys(nodes).forEach(function (id) {
    nodes[id].addEventListener("mouseenter", function () { highlight(nodes[id]); });
    nodes[id].addEventListener("mouseleave", clear);
    nodes[id].addEventListener("focus", function () { highlight(nodes[id]); });
    nodes[id].addEventListener("blur", clear);
  });
})();
