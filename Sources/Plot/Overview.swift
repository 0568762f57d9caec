// The Plot module: charts and diagrams for the RNN lessons.
//
// Layers, from the bottom up (one concern per file):
//
//   Geometry, Color, Path        plain values in logical pixels (y down)
//   Renderer                     the drawing protocol figures talk to
//   CairoSurface, CairoBackend   the only code that calls Cairo
//   SVGCanonicalizer             process-independent SVG ids
//   MathMarkup, MathText         the label markup: `$\bf{H}_{t-1}$`, `$10^{-20}$`
//   Axis, ChartFrame, Legend     ticks, plot area, legend placement
//   LineChart, BarChart, HeatMap the charts (…Layout files place their parts)
//   DiagramPrimitives            boxes, arrows, copy and concatenate glyphs
//   UnrolledRNNDiagram, ConcatDiagram   the book's two figures
//   Figure, FigureFile           `render`, `write`, `writeAll` (atomic)
//
// A lesson builds a figure value and writes it:
//
//     let chart = LineChart(title: "Gradient norm", xLabel: "time step $t$",
//                           yLabel: "$\\|\\partial L/\\partial \\bf{H}_t\\|$", yScale: .log10,
//                           series: [LineSeries("measured", y: norms),
//                                    LineSeries("$\\rho^{T-t}$", y: theory, style: .theory, colorIndex: 0)])
//     try writeAll(chart, basePath: "Output/05-gradients/norms")   // norms.png, norms.svg
