import Foundation
import SafeguardingDomain

/// Draws a report's charts with the same SVG code as the pages, so HTML, PDF and Word show one picture.
public enum ReportCharts {
    public static func svg(_ chart: ReportChart) -> String {
        switch chart.kind {
        case .line:
            let series = chart.series.enumerated().map { index, line in
                LineChart.Series(name: line.name, values: line.values, colour: LineChart.palette[index % LineChart.palette.count], dashed: index > 0)
            }
            return LineChart(title: chart.title, description: chart.description, labels: chart.labels, series: series, unit: chart.unit)
                .svg(id: chart.id + "-svg")
        case .bar:
            let values = chart.series.first?.values ?? []
            let bars = zip(chart.labels, values).compactMap { label, value in value.map { BarChart.Bar(label: label, value: $0) } }
            return BarChart(title: chart.title, description: chart.description, bars: bars).svg(id: chart.id + "-svg")
        }
    }

    public static func structure(_ boxes: [StructureBox], title: String) -> String {
        StructureChart(title: title, bodies: boxes.map {
            StructureChart.Body(id: $0.id, name: $0.name, kind: $0.kind, chair: $0.chair, reportsTo: $0.reportsTo)
        }).svg(idPrefix: "report-structure")
    }
}
