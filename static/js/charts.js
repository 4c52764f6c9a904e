// Draws every plotly figure on the page. The figures reach the page as JSON
// through Django's json_script; nothing here is built from strings.
(function () {
  function draw() {
    if (!window.Plotly) { return; }
    document.querySelectorAll("[data-figure]").forEach(function (element) {
      var source = document.getElementById(element.dataset.figure);
      if (!source) { return; }
      var figure = JSON.parse(source.textContent);
      window.Plotly.newPlot(element, figure.data, figure.layout, {
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
