// Draws every plotly figure on the page. The figures reach the page as JSON
// through Django's json_script; nothing here is built from strings.
(function () {
  // Below this width a figure takes its phone layout (layout.meta.narrow,
  // from reports/charts.py): smaller type, shorter label lines.
  var NARROW = 560;

  function layoutFor(element, layout) {
    var narrow = layout.meta && layout.meta.narrow;
    if (!narrow || element.clientWidth >= NARROW) { return layout; }
    var copy = JSON.parse(JSON.stringify(layout));
    Object.keys(narrow).forEach(function (path) {
      var keys = path.split(".");
      var target = copy;
      keys.slice(0, -1).forEach(function (key) {
        if (typeof target[key] !== "object" || target[key] === null) { target[key] = {}; }
        target = target[key];
      });
      target[keys[keys.length - 1]] = narrow[path];
    });
    return copy;
  }

  function draw() {
    if (!window.Plotly) { return; }
    document.querySelectorAll("[data-figure]").forEach(function (element) {
      var source = document.getElementById(element.dataset.figure);
      if (!source) { return; }
      var figure = JSON.parse(source.textContent);
      window.Plotly.newPlot(element, figure.data, layoutFor(element, figure.layout), {
        // No toolbar: its buttons would sit inside the chart's role="img",
        // where assistive technology cannot reach them (WCAG 4.1.2); the
        // table next to each chart has the numbers.
        displayModeBar: false,
        responsive: true,
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
