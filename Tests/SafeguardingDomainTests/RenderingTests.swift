import Testing
@testable import SafeguardingDomain
@testable import SafeguardingRendering

@Suite("HTML and SVG rendering")
struct RenderingTests {
    @Test("Text and attributes are escaped; void elements have no closing tag")
    func escaping() {
        let node = el("p", .class("a\"b")) {
            "<script>alert('x') & more</script>"
            el("input", .name("n"), .flag("required", true), .flag("disabled", false))
        }
        #expect(node.render() == "<p class=\"a&quot;b\">&lt;script&gt;alert('x') &amp; more&lt;/script&gt;<input name=\"n\" required></p>")
    }

    func demoChart() -> StructureChart {
        StructureChart(title: "Structure", bodies: [
            .init(id: "exec", name: "CSCP Executive", kind: .executive, chair: "Co-chaired", reportsTo: nil),
            .init(id: "qa", name: "Quality Assurance Subgroup", kind: .subgroup, chair: nil, reportsTo: "exec"),
            .init(id: "pm", name: "Performance Management Subgroup", kind: .subgroup, chair: nil, reportsTo: "exec"),
            .init(id: "pr", name: "Practice Review Subgroup", kind: .subgroup, chair: nil, reportsTo: "exec"),
            .init(id: "cdop", name: "Child Death Overview Panel", kind: .panel, chair: nil, reportsTo: "exec"),
            .init(id: "ya", name: "Young Advisors & <friends>", kind: .network, chair: nil, reportsTo: "exec"),
            .init(id: "tf", name: "Think Family", kind: .taskAndFinish, chair: nil, reportsTo: "pr"),
        ])
    }

    @Test("The Executive sits above every other body, and no two boxes overlap")
    func layout() throws {
        let (boxes, _, width, height) = demoChart().layout()
        #expect(boxes.count == 7)
        let executive = try #require(boxes.first { $0.body.kind == .executive })
        for box in boxes where box.body.id != "exec" {
            #expect(box.y > executive.y + StructureChart.boxHeight)
        }
        for (i, a) in boxes.enumerated() {
            #expect(a.x >= 0 && a.x + a.width <= width)
            #expect(a.y >= 0 && a.y + StructureChart.boxHeight <= height)
            for b in boxes[(i + 1)...] {
                let apart = a.x + a.width <= b.x || b.x + b.width <= a.x
                    || a.y + StructureChart.boxHeight <= b.y || b.y + StructureChart.boxHeight <= a.y
                #expect(apart, "\(a.body.name) overlaps \(b.body.name)")
            }
        }
        // No connecting line runs through a box it does not start or end at.
        let (_, lines, _, _) = demoChart().layout()
        for (x1, y1, x2, y2) in lines {
            for box in boxes {
                let left = max(min(x1, x2), box.x + 1), right = min(max(x1, x2), box.x + box.width - 1)
                let top = max(min(y1, y2), box.y + 1), bottom = min(max(y1, y2), box.y + StructureChart.boxHeight - 1)
                #expect(!(left <= right && top <= bottom), "line \((x1, y1, x2, y2)) crosses \(box.body.name)")
            }
        }
        // Five bodies report to the Executive: four in the first row, one in the second.
        let think = try #require(boxes.first { $0.body.id == "tf" })
        let review = try #require(boxes.first { $0.body.id == "pr" })
        #expect(think.y > review.y)
    }

    @Test("The SVG is labelled for screen readers and escapes names")
    func svg() {
        let svg = demoChart().svg()
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("<title id=\"structure-title\">Structure</title>"))
        #expect(svg.contains("Think Family (task and finish group) reports to Practice Review Subgroup."))
        #expect(svg.contains("Young Advisors &amp; &lt;friends&gt;"))
        #expect(!svg.contains("<friends>"))
    }

    @Test("Names wrap between words")
    func wrapping() {
        #expect(StructureChart.wrap("Risk and Vulnerability in Adolescence Subgroup", limit: 26) == ["Risk and Vulnerability in", "Adolescence Subgroup"])
    }
}
