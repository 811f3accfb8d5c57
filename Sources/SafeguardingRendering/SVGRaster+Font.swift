import Foundation

/// The built-in font text is drawn with: a bitmap design on a grid (capitals nine cells tall,
/// lower case seven, descenders two), scaled to the font size so capitals stand as tall as
/// Arial's, and spaced with Arial's advance widths (the metrics Liberation Sans shares), so a
/// label takes the room it takes in a browser and anchors line up. Bold widens every stroke by
/// drawing the glyph twice, the second copy offset to the right.
enum BitmapFont {
    /// Grid rows above the baseline, and Arial's cap height as a fraction of the font size.
    static let capRows = 9
    static let capHeight = 0.716
    /// How far the second copy of each glyph is offset, in grid cells.
    static let regularOffset = 0.2
    static let boldOffset = (x: 0.9, y: 0.25)

    /// Glyphs for `!` to `~`, then `£`, `–` and `—`: rows from the top of the capitals down, separated by
    /// spaces, `#` inked; a row of one `.` is empty; rows missing at the bottom are empty.
    static let designs: [String] = [
        "# # # # # # # . #", // !
        "#.# #.# #.#", // "
        ". ..#..#. ..#..#. ####### .#..#.. ####### .#..#.. .#..#..", // #
        "..#.. .#### #.#.. #.#.. .###. ..#.# ..#.# ####. ..#..", // $
        ".##....#. #..#..#.. #..#..#.. .##..#... ....#.... ...#..##. ..#..#..# ..#..#..# .#....##.", // %
        ".##.... #..#... #..#... .##.... #.#...# #..#.#. #...#.. #..#.#. .##...#", // &
        "# # #", // '
        "..# .#. .#. #.. #.. #.. #.. #.. .#. .#. ..#", // (
        "#.. .#. .#. ..# ..# ..# ..# ..# .#. .#. #..", // )
        "..#.. #.#.# .###. #.#.# ..#..", // *
        ". . . ..#.. ..#.. ##### ..#.. ..#..", // +
        ". . . . . . . .# .# #.", // ,
        ". . . . . ###", // -
        ". . . . . . . # #", // .
        "...# ...# ..#. ..#. .#.. .#.. .#.. #... #...", // /
        ".####. #....# #....# #....# #....# #....# #....# #....# .####.", // 0
        "...# ..## .#.# #..# ...# ...# ...# ...# ...#", // 1
        ".####. #....# .....# .....# ....#. ...#.. ..#... .#.... ######", // 2
        ".####. #....# .....# .....# ..###. .....# .....# #....# .####.", // 3
        "....#. ...##. ..#.#. .#..#. #...#. ###### ....#. ....#. ....#.", // 4
        "###### #..... #..... #####. .....# .....# .....# #....# .####.", // 5
        ".####. #....# #..... #.###. ##...# #....# #....# #....# .####.", // 6
        "###### .....# ....#. ....#. ...#.. ...#.. ..#... ..#... ..#...", // 7
        ".####. #....# #....# #....# .####. #....# #....# #....# .####.", // 8
        ".####. #....# #....# #....# #...## .###.# .....# #....# .####.", // 9
        ". . . # . . . . #", // :
        ". . . .# . . . .# .# #.", // ;
        ". . ....# ..##. .#... #.... .#... ..##. ....#", // <
        ". . . . ##### . #####", // =
        ". . #.... .##.. ...#. ....# ...#. .##.. #....", // >
        ".####. #....# .....# ....#. ...#.. ..#... ..#... . ..#...", // ?
        "..#####.. .#.....#. #..###..# #.#..#..# #.#..#..# #.#..#..# #..##.##. .#....... ..#####..", // @
        "...#... ..#.#.. ..#.#.. .#...#. .#...#. #.....# ####### #.....# #.....#", // A
        "#####. #....# #....# #....# #####. #....# #....# #....# #####.", // B
        "..####. .#....# #...... #...... #...... #...... #...... .#....# ..####.", // C
        "#####.. #....#. #.....# #.....# #.....# #.....# #.....# #....#. #####..", // D
        "###### #..... #..... #..... #####. #..... #..... #..... ######", // E
        "###### #..... #..... #..... #####. #..... #..... #..... #.....", // F
        "..####. .#....# #...... #...... #...### #.....# #.....# .#....# ..####.", // G
        "#.....# #.....# #.....# #.....# ####### #.....# #.....# #.....# #.....#", // H
        "# # # # # # # # #", // I
        "....# ....# ....# ....# ....# ....# #...# #...# .###.", // J
        "#....# #...#. #..#.. #.#... ##.... #.#... #..#.. #...#. #....#", // K
        "#.... #.... #.... #.... #.... #.... #.... #.... #####", // L
        "#.......# ##.....## #.#...#.# #.#...#.# #..#.#..# #..#.#..# #...#...# #...#...# #.......#", // M
        "#.....# ##....# #.#...# #.#...# #..#..# #...#.# #...#.# #....## #.....#", // N
        "..####.. .#....#. #......# #......# #......# #......# #......# .#....#. ..####..", // O
        "#####. #....# #....# #....# #####. #..... #..... #..... #.....", // P
        "..####.. .#....#. #......# #......# #......# #......# #....#.# .#....#. ..####.#", // Q
        "#####. #....# #....# #....# #####. #..#.. #...#. #....# #....#", // R
        ".####. #....# #..... #..... .####. .....# .....# #....# .####.", // S
        "####### ...#... ...#... ...#... ...#... ...#... ...#... ...#... ...#...", // T
        "#.....# #.....# #.....# #.....# #.....# #.....# #.....# #.....# .#####.", // U
        "#.....# #.....# .#...#. .#...#. .#...#. ..#.#.. ..#.#.. ..#.#.. ...#...", // V
        "#.......# #.......# #.......# #...#...# #...#...# #..#.#..# #.#...#.# ##.....## #.......#", // W
        "#.....# .#...#. .#...#. ..#.#.. ...#... ..#.#.. .#...#. .#...#. #.....#", // X
        "#.....# .#...#. .#...#. ..#.#.. ...#... ...#... ...#... ...#... ...#...", // Y
        "####### ......# .....#. ....#.. ...#... ..#.... .#..... #...... #######", // Z
        "## #. #. #. #. #. #. #. #. #. ##", // [
        "#... #... .#.. .#.. .#.. ..#. ..#. ...# ...#", // \
        "## .# .# .# .# .# .# .# .# .# ##", // ]
        "..#.. .#.#. #...#", // ^
        ". . . . . . . . . . ######", // _
        "#. .#", // `
        ". . .####. .....# .....# .##### #....# #...## .###.#", // a
        "#..... #..... #.###. ##...# #....# #....# #....# ##...# #.###.", // b
        ". . .###. #...# #.... #.... #.... #...# .###.", // c
        ".....# .....# .###.# #...## #....# #....# #....# #...## .###.#", // d
        ". . .####. #....# #....# ###### #..... #....# .####.", // e
        "..## .#.. #### .#.. .#.. .#.. .#.. .#.. .#..", // f
        ". . .###.# #...## #....# #....# #....# #...## .###.# #....# .####.", // g
        "#..... #..... #.###. ##...# #....# #....# #....# #....# #....#", // h
        "# . # # # # # # #", // i
        "..# . ..# ..# ..# ..# ..# ..# ..# ..# ##.", // j
        "#.... #.... #...# #..#. #.#.. ##... #.#.. #..#. #...#", // k
        "# # # # # # # # #", // l
        ". . #.##..##. ##..##..# #...#...# #...#...# #...#...# #...#...# #...#...#", // m
        ". . #.###. ##...# #....# #....# #....# #....# #....#", // n
        ". . .####. #....# #....# #....# #....# #....# .####.", // o
        ". . #.###. ##...# #....# #....# #....# ##...# #.###. #..... #.....", // p
        ". . .###.# #...## #....# #....# #....# #...## .###.# .....# .....#", // q
        ". . #.## ##.. #... #... #... #... #...", // r
        ". . .###. #...# #.... .###. ....# #...# .###.", // s
        ".#. .#. ### .#. .#. .#. .#. .#. ..#", // t
        ". . #....# #....# #....# #....# #....# #...## .###.#", // u
        ". . #...# #...# .#.#. .#.#. .#.#. ..#.. ..#..", // v
        ". . #.....# #.....# #..#..# #..#..# #.#.#.# ##...## #.....#", // w
        ". . #...# #...# .#.#. ..#.. .#.#. #...# #...#", // x
        ". . #...# #...# #...# .#.#. .#.#. ..#.. ..#.. .#... #....", // y
        ". . ##### ....# ...#. ..#.. .#... #.... #####", // z
        "..## .#.. .#.. .#.. .#.. #... .#.. .#.. .#.. .#.. ..##", // {
        "# # # # # # # # # # #", // |
        "##.. ..#. ..#. ..#. ..#. ...# ..#. ..#. ..#. ..#. ##..", // }
        ". . . . .##..# #..##.", // ~
        "..###. .#...# .#.... .#.... ####.. .#.... .#.... .#.... ######", // £
        ". . . . . #######", // – (en dash)
        ". . . . . ############", // — (em dash)
    ]

    /// Advance widths in thousandths of the font size, for space to `~` then `£`, `–` and `—`.
    static let regularWidths: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
        556, 556, 1000, // £ – —
    ]

    static let boldWidths: [Int] = [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
        975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
        333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
        556, 556, 1000, // £ – —
    ]

    /// A glyph as horizontal runs of inked cells, and the corners where two inked cells touch
    /// only diagonally: there a small triangle is added on each side, so diagonals and curves
    /// come out smooth and as heavy as straight strokes instead of as thin staircases.
    struct Glyph {
        let width: Int
        let runs: [(row: Int, from: Int, to: Int)]
        /// The shared corner, in cells, and whether the cells run down to the right from it.
        let diagonals: [(x: Int, y: Int, downRight: Bool)]
    }

    /// Index 0 is space, which has no ink.
    static let glyphs: [Glyph] = [Glyph(width: 0, runs: [], diagonals: [])] + designs.map { design in
        let rows = design.split(separator: " ").map { Array($0).map { $0 == "#" } }
        func inked(_ x: Int, _ y: Int) -> Bool { y >= 0 && y < rows.count && x >= 0 && x < rows[y].count && rows[y][x] }
        var runs: [(row: Int, from: Int, to: Int)] = []
        var diagonals: [(x: Int, y: Int, downRight: Bool)] = []
        for (y, cells) in rows.enumerated() {
            var start: Int?
            for x in 0...cells.count {
                if inked(x, y), start == nil { start = x }
                if !inked(x, y), let from = start {
                    runs.append((y, from, x))
                    start = nil
                }
                if inked(x, y) && inked(x + 1, y + 1) && !inked(x + 1, y) && !inked(x, y + 1) { diagonals.append((x + 1, y + 1, true)) }
                if inked(x + 1, y) && inked(x, y + 1) && !inked(x, y) && !inked(x + 1, y + 1) { diagonals.append((x + 1, y + 1, false)) }
            }
        }
        return Glyph(width: rows.map(\.count).max() ?? 0, runs: runs, diagonals: diagonals)
    }

    /// How far the corner triangles reach along each cell side. At 0.7 they add about half a cell
    /// per step, which makes a 45° stroke as thick as a straight one.
    static let diagonalReach = 0.7

    static let pound = 95, enDash = 96, emDash = 97

    /// Polygons, in pixels, covering `text` set at `origin` (on the baseline, at the anchor) in
    /// user units and mapped through `transform`.
    static func outline(of text: String, at origin: Point, size: Double, bold: Bool, anchor: SVGRenderer.TextAnchor, transform: Affine) -> [[Point]] {
        let indices = glyphIndices(text)
        let widths = bold ? boldWidths : regularWidths
        let advances = indices.map { Double(widths[$0]) * size / 1000 }
        let total = advances.reduce(0, +)
        var pen = origin.x - (anchor == .start ? 0 : anchor == .middle ? total / 2 : total)
        let cell = size * capHeight / Double(capRows)
        // Every glyph is drawn again a little to the right (and bold a little lower too), which
        // thickens strokes to Arial's weight.
        let (dx, dy) = bold ? (boldOffset.x * cell, boldOffset.y * cell) : (regularOffset * cell, 0)
        let top = origin.y - Double(capRows) * cell
        var polygons: [[Point]] = []
        for (index, advance) in zip(indices, advances) {
            let glyph = glyphs[index]
            defer { pen += advance }
            guard !glyph.runs.isEmpty else { continue }
            let left = pen + (advance - Double(glyph.width) * cell - dx) / 2
            // Each glyph starts on a whole pixel, so a character looks the same wherever it falls.
            var shift = Point(x: 0, y: 0)
            if transform.keepsAxes {
                let corner = transform.apply(Point(x: left, y: top))
                shift = Point(x: corner.x.rounded() - corner.x, y: corner.y.rounded() - corner.y)
            }
            func place(_ polygon: [Point]) -> [Point] {
                polygon.map { transform.apply(Point(x: left + $0.x * cell, y: top + $0.y * cell)) + shift }
            }
            let ex = dx / cell, ey = dy / cell
            for run in glyph.runs {
                let x0 = Double(run.from), x1 = Double(run.to) + ex, y0 = Double(run.row), y1 = y0 + 1 + ey
                polygons.append(place([Point(x: x0, y: y0), Point(x: x1, y: y0), Point(x: x1, y: y1), Point(x: x0, y: y1)]))
            }
            let r = diagonalReach
            for diagonal in glyph.diagonals {
                let p = Point(x: Double(diagonal.x), y: Double(diagonal.y))
                let triangles = diagonal.downRight
                    ? [[p, Point(x: p.x, y: p.y - r), Point(x: p.x + r, y: p.y)], [p, Point(x: p.x - r, y: p.y), Point(x: p.x, y: p.y + r)]]
                    : [[p, Point(x: p.x - r, y: p.y), Point(x: p.x, y: p.y - r)], [p, Point(x: p.x + r, y: p.y), Point(x: p.x, y: p.y + r)]]
                for triangle in triangles {
                    for offset in [Point(x: 0, y: 0), Point(x: ex, y: ey)] {
                        polygons.append(place(Geometry.positive(triangle.map { $0 + offset })))
                    }
                }
            }
        }
        return polygons
    }

    /// Glyph indices for `text`: printable ASCII as itself, typographic punctuation as its plain
    /// counterpart, accented letters without their accents, and anything else as `?`.
    static func glyphIndices(_ text: String) -> [Int] {
        text.unicodeScalars.flatMap(indices(for:))
    }

    static func indices(for scalar: Unicode.Scalar) -> [Int] {
        let value = scalar.value
        if (32...126).contains(value) { return [Int(value) - 32] }
        let standIn: String
        switch value {
        case 0xA3: return [pound]
        case 0xAD, 0x200B...0x200D, 0x2060, 0xFEFF: return []
        case 0x09, 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: standIn = " "
        case 0x2013: return [enDash]
        case 0x2014, 0x2015: return [emDash]
        case 0x2010...0x2012, 0x2212: standIn = "-"
        case 0xB4, 0x2018...0x201B, 0x2032: standIn = "'"
        case 0xAB, 0xBB, 0x201C...0x201F, 0x2033: standIn = "\""
        case 0x2026: standIn = "..."
        case 0xB7, 0x2219: standIn = "."
        case 0x2022: standIn = "*"
        case 0xB0: standIn = "o"
        case 0xD7: standIn = "x"
        case 0xF7: standIn = "/"
        case 0x2264: standIn = "<="
        case 0x2265: standIn = ">="
        case 0x2260: standIn = "!="
        case 0x20AC: standIn = "E"
        case 0xA9: standIn = "(c)"
        case 0xBC: standIn = "1/4"
        case 0xBD: standIn = "1/2"
        case 0xBE: standIn = "3/4"
        case 0xC6: standIn = "AE"
        case 0xE6: standIn = "ae"
        case 0x152: standIn = "OE"
        case 0x153: standIn = "oe"
        case 0xDF: standIn = "ss"
        case 0xD8: standIn = "O"
        case 0xF8: standIn = "o"
        case 0x141: standIn = "L"
        case 0x142: standIn = "l"
        default:
            // An accented letter decomposes into its letter and the accent.
            if let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first, (33...126).contains(base.value) {
                return [Int(base.value) - 32]
            }
            standIn = "?"
        }
        return standIn.unicodeScalars.map { Int($0.value) - 32 }
    }
}
