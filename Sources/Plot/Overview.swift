// The Plot module: charts over a small renderer protocol. It knows no
// drawing library; the `PlotCairo` module renders its figures to bytes.
//
// Layers, from the bottom up (one concern per file):
//
//   Geometry, Color, Path        plain values in logical pixels (y down)
//   Renderer, Figure             the drawing protocol figures talk to
//   StyledText                   text as a renderer lays it out (runs, shifts, gaps)
//   MathMarkup, MathText         the label markup: `$\bf{H}_{t-1}$`, `$10^{-20}$`
//   CartesianLayout, Axis,       title and labels, data area, legend policy;
//   ChartFrame, Legend           ticks, plot area, legend boxes
//   LineChart, BarChart, HeatMap the charts (…Layout files place their parts)
//   Arrows                       boxes, arrows and connectors for diagrams
//
// A caller builds a figure value and renders it with a backend:
//
//     let chart = LineChart(title: "Gradient norm", xLabel: "time step $t$",
//                           yLabel: "$\\|\\partial L/\\partial \\bf{H}_t\\|$", yScale: .log10,
//                           series: [LineSeries("measured", y: norms),
//                                    LineSeries("$\\rho^{T-t}$", y: theory, style: .theory, colorIndex: 0)])
//     let png = try render(chart, as: .png)   // PlotCairo
