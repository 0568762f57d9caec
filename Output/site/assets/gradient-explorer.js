// Lesson 05's interactive figure: draws the precomputed curve for the chosen
// ρ and activation (log scale), and its bound. No library, works offline.
// The data (log10 of each ratio, t = 0…T) is the JSON in #explorer-data.
(function () {
  "use strict";
  var figure = document.getElementById("gradient-explorer");
  var source = document.getElementById("explorer-data");
  if (!figure || !source) return;
  var data = JSON.parse(source.textContent);
  var svg = document.getElementById("explorer-plot");
  var slider = document.getElementById("explorer-rho");
  var choice = document.getElementById("explorer-activation");
  var shown = document.getElementById("explorer-rho-value");
  var readout = document.getElementById("explorer-readout");
  var NS = "http://www.w3.org/2000/svg";
  var W = 640, H = 360, left = 64, right = 16, top = 16, bottom = 44;
  // Draw in the SVG's own pixels, so that labels keep their size on a phone.
  function fit() {
    var width = Math.round(svg.getBoundingClientRect().width);
    W = width >= 320 ? width : 640;
    H = Math.round(Math.min(360, Math.max(260, W * 0.6)));
    left = W < 480 ? 52 : 64;
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
  }

  function el(name, attrs, text) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    svg.appendChild(e);
    return e;
  }
  function sci(log10) {
    if (log10 === null) return "0";
    var m = Math.pow(10, log10 - Math.floor(log10)), e = Math.floor(log10);
    if (m >= 9.995) { m = 1; e += 1; }
    return m.toFixed(2) + "e" + (e < 0 ? "−" + (-e) : "+" + e);
  }

  function draw() {
    fit();
    var T = data.steps, curves = data.curves[choice.value];
    var i = Math.round((Number(slider.value) - data.rhos[0]) / (data.rhos[1] - data.rhos[0]));
    i = Math.max(0, Math.min(data.rhos.length - 1, i));
    var measured = curves.log10[i], base = curves.log10BoundBase[i];
    // One y range per activation, over every ρ: moving the slider moves the curve, not the axis.
    var lo = 0, hi = 0;
    curves.log10.forEach(function (c, k) {
      c.forEach(function (v) { if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); } });
      var b = T * curves.log10BoundBase[k];
      lo = Math.min(lo, b); hi = Math.max(hi, b);
    });
    var span = hi - lo, stepDecades = [5, 10, 20, 25, 50, 100].find(function (s) { return span / s <= 7; }) || 200;
    lo = Math.floor(lo / stepDecades) * stepDecades; hi = Math.ceil(hi / stepDecades) * stepDecades;
    if (hi === lo) hi = lo + stepDecades;
    var x = function (t) { return left + (W - left - right) * t / T; };
    var y = function (v) { return top + (H - top - bottom) * (hi - v) / (hi - lo); };

    while (svg.firstChild) svg.removeChild(svg.firstChild);
    el("rect", { x: left, y: top, width: W - left - right, height: H - top - bottom, "class": "frame" });
    for (var d = lo; d <= hi; d += stepDecades) {
      el("line", { x1: left, x2: W - right, y1: y(d), y2: y(d), "class": "grid" });
      var label = el("text", { x: left - 6, y: y(d) + 4, "text-anchor": "end", "class": "tick" }, "10");
      var power = document.createElementNS(NS, "tspan");
      power.setAttribute("dy", "-6"); power.setAttribute("font-size", "9");
      power.textContent = String(d).replace("-", "−");
      label.appendChild(power);
    }
    for (var t = 0; t <= T; t += T / 4) {
      el("text", { x: x(t), y: H - bottom + 18, "text-anchor": "middle", "class": "tick" }, String(t));
    }
    el("text", { x: (left + W - right) / 2, y: H - 6, "text-anchor": "middle", "class": "axis" }, source.dataset.axis);

    var bound = "M" + x(0) + "," + y(T * base) + "L" + x(T) + "," + y(0);
    el("path", { d: bound, "class": "bound" });
    var path = "", pen = "M";
    measured.forEach(function (v, t) {
      if (v === null) { pen = "M"; return; }
      path += pen + x(t).toFixed(1) + "," + y(v).toFixed(1); pen = "L";
    });
    el("path", { d: path, "class": "measured", id: "explorer-curve" });
    el("line", { x1: left + 12, x2: left + 40, y1: top + 16, y2: top + 16, "class": "measured" });
    el("text", { x: left + 46, y: top + 20, "class": "legend" }, source.dataset.measured);
    el("line", { x1: left + 12, x2: left + 40, y1: top + 36, y2: top + 36, "class": "bound" });
    el("text", { x: left + 46, y: top + 40, "class": "legend" }, source.dataset.bound);

    shown.textContent = data.rhos[i];
    readout.textContent = readout.dataset.template
      .replace("{measured}", sci(measured[0])).replace("{bound}", sci(T * base));
  }

  window.addEventListener("resize", draw);
  slider.addEventListener("input", draw);
  choice.addEventListener("change", draw);
  figure.hidden = false;
  draw();
})();
