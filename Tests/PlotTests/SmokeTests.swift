import Testing
@testable import Plot

struct TextSample: Figure {
    var size: Size { Size(420, 160) }
    func draw(on r: Renderer) throws {
        r.label("Hidden state $\\bf{H}_{t-1}$, $\\bf{W}_{xh}$, $\\phi$ $\\rho$ $\\theta$", at: Point(10, 30), style: .label)
        r.label("$10^{-20}$ and $x_i^2$ and $\\|\\partial L/\\partial \\bf{H}_t\\|$", at: Point(10, 70), style: TextStyle(size: 18))
        r.label("Title bold $\\rho = 0.9$", at: Point(10, 110), style: .title)
        r.stroke(Path.elbow(from: Point(300, 150), corner: Point(300, 120), to: Point(400, 120), radius: 10), style: StrokeStyle(width: 2))
    }
}

@Test func smoke() throws {
    try write(TextSample(), to: "/tmp/plot-smoke.png")
    try write(TextSample(), to: "/tmp/plot-smoke.svg")
    try write(TextSample(), to: "/tmp/plot-smoke.pdf")
}
