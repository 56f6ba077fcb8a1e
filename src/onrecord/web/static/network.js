// Who-acts-on-whom graph. Node and edge labels are drawn on a canvas by Cytoscape,
// so actor names never become HTML; clicks navigate to our own /events URLs built
// with URLSearchParams.
(function () {
  "use strict";
  var holder = document.getElementById("network-data");
  var box = document.getElementById("network");
  if (!holder || !box || typeof cytoscape === "undefined") { return; }
  var graph = JSON.parse(holder.textContent);
  var base = box.getAttribute("data-events-qs") || "";
  var maxW = 1;
  graph.nodes.forEach(function (n) { if (n.weight > maxW) { maxW = n.weight; } });
  var elements = [];
  graph.nodes.forEach(function (n) {
    elements.push({ group: "nodes", data: { id: "n:" + n.id, code: n.id, weight: n.weight,
      size: 22 + 38 * Math.sqrt(n.weight / maxW) } });
  });
  graph.edges.forEach(function (e, i) {
    elements.push({ group: "edges", data: { id: "e" + i, source: "n:" + e.source, target: "n:" + e.target,
      code_source: e.source, code_target: e.target, type: e.type, count: e.count, tone: e.tone,
      label: e.type + " " + e.count, width: 1 + Math.min(8, e.count * 1.5) } });
  });
  // The layout keeps nodes apart but not always their labels: push apart any two
  // nodes whose boxes (label included) still overlap, along the axis that needs
  // the smaller move, until none do.
  function separate(cy) {
    var nodes = cy.nodes().toArray();
    var gap = 4;
    for (var round = 0; round < 300; round++) {
      var boxes = nodes.map(function (n) { return n.boundingBox({ includeLabels: true, includeEdges: false }); });
      var moved = false;
      for (var i = 0; i < nodes.length; i++) {
        for (var j = i + 1; j < nodes.length; j++) {
          var a = boxes[i], b = boxes[j];
          var dx = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) + gap;
          var dy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) + gap;
          if (dx <= 0 || dy <= 0) { continue; }
          var pi = nodes[i].position(), pj = nodes[j].position();
          var half, sign;
          if (dx < dy) {
            half = dx / 2; sign = (pi.x < pj.x || (pi.x === pj.x && i < j)) ? -1 : 1;
            nodes[i].position({ x: pi.x + sign * half, y: pi.y });
            nodes[j].position({ x: pj.x - sign * half, y: pj.y });
            a.x1 += sign * half; a.x2 += sign * half; b.x1 -= sign * half; b.x2 -= sign * half;
          } else {
            half = dy / 2; sign = (pi.y < pj.y || (pi.y === pj.y && i < j)) ? -1 : 1;
            nodes[i].position({ x: pi.x, y: pi.y + sign * half });
            nodes[j].position({ x: pj.x, y: pj.y - sign * half });
            a.y1 += sign * half; a.y2 += sign * half; b.y1 -= sign * half; b.y2 -= sign * half;
          }
          moved = true;
        }
      }
      if (!moved) { return; }
    }
  }
  function go(params) {
    var q = new URLSearchParams(base);
    Object.keys(params).forEach(function (k) { q.set(k, params[k]); });
    window.location.href = "/events?" + q.toString();
  }
  var cy = cytoscape({
    container: box, elements: elements, wheelSensitivity: 0.3,
    // Rings by weight, busiest actors in the middle; avoidOverlap with the labels
    // counted in each node's size keeps the actor codes from covering each other.
    layout: { name: "concentric", animate: false, avoidOverlap: true, nodeDimensionsIncludeLabels: true,
      minNodeSpacing: 18, concentric: function (n) { return n.data("weight"); },
      levelWidth: function () { return Math.max(1, maxW / 4); } },
    style: [
      { selector: "node", style: { "label": "data(code)", "width": "data(size)", "height": "data(size)",
        "background-color": "#16213a", "color": "#16213a", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3 } },
      { selector: "edge", style: { "width": "data(width)", "curve-style": "bezier", "target-arrow-shape": "triangle",
        "label": "data(label)", "font-size": 8, "color": "#444", "text-rotation": "autorotate", "opacity": 0.85 } },
      { selector: "edge[tone = 'cooperative']", style: { "line-color": "#2a9d5b", "target-arrow-color": "#2a9d5b" } },
      { selector: "edge[tone = 'conflictual']", style: { "line-color": "#d1495b", "target-arrow-color": "#d1495b" } }
    ]
  });
  separate(cy);
  cy.fit(undefined, 20);
  cy.on("tap", "node", function (evt) { go({ actor: evt.target.data("code") }); });
  cy.on("tap", "edge", function (evt) {
    var d = evt.target.data();
    go({ source_code: d.code_source, target_code: d.code_target, event: d.type });
  });
  window.onrecordGraph = cy;
})();
