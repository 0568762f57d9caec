import Plot

extension MissingValueLabels {
    /// The words a chart writes beside values it cannot show (NaN, overflow,
    /// underflow to 0), in `language`, from the course's string table
    /// (`Lessons/strings.<lang>.json`, keys `chart.missing.*`).
    public static func course(_ language: Language) throws -> MissingValueLabels {
        let text = try LessonSource.courseStrings()[language]
        return MissingValueLabels(
            nan: try text.text("chart.missing.nan"), overflow: try text.text("chart.missing.overflow"),
            negativeOverflow: try text.text("chart.missing.negative-overflow"),
            underflowToZero: try text.text("chart.missing.underflow-to-zero"),
            subnormal: try text.text("chart.missing.subnormal"), negative: try text.text("chart.missing.negative"))
    }
}
