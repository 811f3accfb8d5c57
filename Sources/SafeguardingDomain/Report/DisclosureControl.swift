import Foundation

// Statistical disclosure control for the counts the partnership publishes, following the DfE
// children-in-need practice: a count from 1 to the threshold is shown as `c` (primary
// suppression), and more figures are hidden so that no `c` can be worked out by subtracting the
// published counts from a published total (secondary suppression). `0` is a true zero and `:`
// is not available.
//
// What the rules protect, and what they do not:
//
// - Within one line (a row, a column, the Total row or the Total column) no hidden figure can be
//   worked out, because no line with a published total is left with exactly one hidden figure,
//   nor with hidden figures that must all be 0 because the published ones already make up the
//   total. The second rule goes beyond the usual "never exactly one": a zero hidden to protect
//   another line would otherwise give itself away, and with it the figure it was protecting.
// - Combining several lines can still give a figure away. Two blocks of hidden counts joined by
//   one hidden count (rows 1-2 × columns A-B hidden, rows 3-4 × columns C-D hidden, and the count
//   at row 2, column C) leave every line with two or more hidden figures, yet adding rows 1 and
//   2 and taking away columns A and B leaves only row 2, column C. Ruling that out needs the
//   whole table solved as a linear system (the statistical offices' linear-programming tools);
//   the one-line rule is the standard DfE practice, and the tests pin this limitation down.
// - A reader who knows that `c` means 1 to the threshold can sometimes narrow a hidden count to
//   a range (two `c`s in a line that add up to 2 are both 1). That is attribute disclosure by
//   bounds, which the DfE practice accepts and this module does not guard against either.
//
// Across tables: a figure shown in several tables carries the same key in each (`figureKeys` and
// the total keys). Hiding it anywhere hides it everywhere, and the line rules run again in every
// table until nothing changes, so a count hidden in this year's table cannot be read from a
// table of years, which is how leaks across periods happen. Two tables that share only a
// published total (the same number of children broken down by gender and by age) need nothing
// more than each being safe on its own: the shared total is a known number, so subtracting one
// table from the other gives only the equations each table already defends. Tables that share
// hidden figures can, like several lines of one table, still be combined; the same limitation
// applies.

// MARK: - What goes in

/// A table of counts before publication: rows by columns, with the totals the published table will show.
///
/// Totals are not given: the checker adds them up from the cells, so a published total can never
/// disagree with the counts it sums. A nil cell is a figure that is not available (`:`); every
/// total it belongs to is not available either, because a sum with a gap in it would be wrong.
///
/// A table whose shape does not match its labels is still protected, never trusted: a missing or
/// negative count is shown as not available, and `problems` lists what is wrong.
public struct CountTable: Sendable, Codable, Equatable {
    /// Names the table in the suppression list and in other tables' reasons ("reviews-by-age").
    public var id: String
    /// The caption readers see.
    public var title: String
    /// One label per row, top to bottom.
    public var rowLabels: [String]
    /// One label per column; a one-dimensional breakdown has a single column, such as "Children".
    public var columnLabels: [String]
    /// The counts, one array per row with one entry per column; nil is not available.
    public var cells: [[Int?]]
    /// Publishes a Total column: one total for each row.
    public var showsRowTotals: Bool
    /// Publishes a Total row: one total for each column.
    public var showsColumnTotals: Bool
    /// What each cell's figure is ("cin-2023-24|gender|female"), laid out like `cells`. The same key
    /// in two tables means the same figure, so hiding it in one hides it in both. Nil for a figure
    /// shown nowhere else. Keys are trusted: if two figures with one key held different counts,
    /// the hiding would still spread between them, which is the safe way to be wrong.
    public var figureKeys: [[String?]]?
    /// What each row total is, one per row, when a row total is also shown in another table.
    public var rowTotalKeys: [String?]?
    /// What each column total is, one per column, when a column total is also shown in another table.
    public var columnTotalKeys: [String?]?
    /// What the grand total is, when it is also shown in another table.
    public var grandTotalKey: String?

    /// A table of counts; keys are only needed for figures that other tables show too.
    public init(id: String, title: String, rowLabels: [String], columnLabels: [String], cells: [[Int?]],
                showsRowTotals: Bool, showsColumnTotals: Bool, figureKeys: [[String?]]? = nil,
                rowTotalKeys: [String?]? = nil, columnTotalKeys: [String?]? = nil, grandTotalKey: String? = nil) {
        self.id = id
        self.title = title
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.cells = cells
        self.showsRowTotals = showsRowTotals
        self.showsColumnTotals = showsColumnTotals
        self.figureKeys = figureKeys
        self.rowTotalKeys = rowTotalKeys
        self.columnTotalKeys = columnTotalKeys
        self.grandTotalKey = grandTotalKey
    }

    /// A one-dimensional breakdown ("children in need by gender"): one row per group, a single
    /// column named for what is counted, and a Total row when `showsTotal`.
    public static func breakdown(id: String, title: String, counting: String, _ groups: [(label: String, count: Int?)],
                                 showsTotal: Bool = true, keys: [String?]? = nil, totalKey: String? = nil) -> CountTable {
        CountTable(id: id, title: title, rowLabels: groups.map(\.label), columnLabels: [counting],
                   cells: groups.map { [$0.count] }, showsRowTotals: false, showsColumnTotals: showsTotal,
                   figureKeys: keys.map { $0.map { [$0] } }, columnTotalKeys: totalKey.map { [$0] })
    }

    /// Whether the table publishes a grand total: the corner of the two margins, or the single
    /// total of a one-column table with a Total row (or a one-row table with a Total column),
    /// which is the grand total itself.
    public var showsGrandTotal: Bool {
        (showsRowTotals && showsColumnTotals)
            || (columnLabels.count == 1 && showsColumnTotals)
            || (rowLabels.count == 1 && showsRowTotals)
    }

    /// What is wrong with the table's shape, in words; empty for a well-formed table.
    public var problems: [String] {
        var problems: [String] = []
        if cells.count != rowLabels.count {
            problems.append("\(id): \(cells.count) rows of counts but \(rowLabels.count) row labels")
        }
        for (index, row) in cells.enumerated() {
            let name = rowLabels.indices.contains(index) ? "row \(rowLabels[index])" : "row \(index + 1)"
            if row.count != columnLabels.count {
                problems.append("\(id), \(name): \(row.count) counts but \(columnLabels.count) columns")
            }
            for (column, count) in row.enumerated() where (count ?? 0) < 0 {
                let columnName = columnLabels.indices.contains(column) ? columnLabels[column] : "\(column + 1)"
                problems.append("\(id), \(name), column \(columnName): a count cannot be negative")
            }
        }
        if let figureKeys, figureKeys.count != rowLabels.count || figureKeys.contains(where: { $0.count != columnLabels.count }) {
            problems.append("\(id): figure keys must be laid out like the counts, \(rowLabels.count) rows of \(columnLabels.count)")
        }
        if let rowTotalKeys, rowTotalKeys.count != rowLabels.count {
            problems.append("\(id): \(rowTotalKeys.count) row total keys but \(rowLabels.count) rows")
        }
        if let columnTotalKeys, columnTotalKeys.count != columnLabels.count {
            problems.append("\(id): \(columnTotalKeys.count) column total keys but \(columnLabels.count) columns")
        }
        return problems
    }
}

/// The rules a publication follows.
public struct DisclosurePolicy: Sendable, Codable, Equatable {
    /// Counts from 1 up to this are hidden; the DfE children-in-need threshold is 5.
    public var threshold: Int
    /// Publish each table's grand total even when it is small, because the partnership has
    /// decided its headline totals are public. Being public, such a total is published wherever
    /// its key puts it, in other tables too. Every other rule still holds around it.
    public var headlineTotals: Bool

    /// The DfE practice unless the partnership has decided otherwise.
    public init(threshold: Int = 5, headlineTotals: Bool = false) {
        self.threshold = threshold
        self.headlineTotals = headlineTotals
    }

    /// Whether a count is small enough to identify a child.
    func isSmall(_ count: Int) -> Bool { count >= 1 && count <= threshold }
}

// MARK: - What comes out

/// One figure as a reader sees it.
public enum PublishedCell: Sendable, Codable, Equatable {
    /// A count of 1 or more, published.
    case count(Int)
    /// A true zero.
    case zero
    /// Hidden to protect children: `c`.
    case suppressed
    /// Not available: `:`.
    case notAvailable

    /// The text printed in the table.
    public var text: String {
        switch self {
        case .count(let count): String(count)
        case .zero: "0"
        case .suppressed: "c"
        case .notAvailable: ":"
        }
    }

    /// The number a reader can see, counting a true zero; nil for `c` and `:`.
    public var publishedValue: Int? {
        switch self {
        case .count(let count): count
        case .zero: 0
        case .suppressed, .notAvailable: nil
        }
    }
}

/// A table ready to publish: every figure is a count, a zero, `c` or `:`.
public struct ProtectedTable: Sendable, Codable, Equatable {
    /// The id of the count table it came from.
    public var id: String
    /// The caption readers see.
    public var title: String
    /// One label per row, top to bottom.
    public var rowLabels: [String]
    /// One label per column.
    public var columnLabels: [String]
    /// The published figures, one array per row.
    public var cells: [[PublishedCell]]
    /// The Total column, one per row; nil when the table has none.
    public var rowTotals: [PublishedCell]?
    /// The Total row, one per column; nil when the table has none.
    public var columnTotals: [PublishedCell]?
    /// The grand total; nil when the table has none. In a one-column table it is the same figure
    /// as the single column total (and in a one-row table the single row total), shown once.
    public var grandTotal: PublishedCell?

    /// A published table, as `DisclosureControl.protect` makes it or as stored.
    public init(id: String, title: String, rowLabels: [String], columnLabels: [String], cells: [[PublishedCell]],
                rowTotals: [PublishedCell]?, columnTotals: [PublishedCell]?, grandTotal: PublishedCell?) {
        self.id = id
        self.title = title
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.cells = cells
        self.rowTotals = rowTotals
        self.columnTotals = columnTotals
        self.grandTotal = grandTotal
    }
}

/// Why a figure is hidden.
public enum SuppressionReason: Sendable, Codable, Equatable {
    /// The count is from 1 to the threshold (primary suppression).
    case smallCount(threshold: Int)
    /// Hidden so that another hidden figure in this line cannot be worked out from the total
    /// (secondary suppression); the line is named as "row Female", "column Q2", "row Total".
    case protectsLine(String)
    /// The same figure is hidden in the table with this id, so it is hidden here too.
    case sameFigureIn(tableID: String)

    /// The reason in words, for the list of suppressions published with a report.
    public var explanation: String {
        switch self {
        case .smallCount(let threshold):
            "A count from 1 to \(threshold), too small to publish without risk of identifying a child"
        case .protectsLine(let line):
            "Hidden so that a hidden count in \(line) cannot be worked out from its total"
        case .sameFigureIn(let tableID):
            "The same figure is hidden in table \(tableID)"
        }
    }
}

/// One hidden figure, for the record of disclosure decisions.
public struct Suppression: Sendable, Codable, Equatable {
    /// The table it is hidden in.
    public var tableID: String
    /// That table's caption.
    public var tableTitle: String
    /// The row label, or "Total" for the Total row.
    public var row: String
    /// The column label, or "Total" for the Total column.
    public var column: String
    /// Why it is hidden; the first reason found wins.
    public var reason: SuppressionReason

    /// A decision to hide one figure.
    public init(tableID: String, tableTitle: String, row: String, column: String, reason: SuppressionReason) {
        self.tableID = tableID
        self.tableTitle = tableTitle
        self.row = row
        self.column = column
        self.reason = reason
    }
}

/// A hidden figure that a reader can still work out from what a published table shows.
public struct DisclosureLeak: Sendable, Codable, Equatable {
    /// The table it leaks from.
    public var tableID: String
    /// The row label, or "Total".
    public var row: String
    /// The column label, or "Total".
    public var column: String
    /// The line whose total gives it away ("row Female").
    public var line: String
    /// What the hidden figure works out as.
    public var value: Int

    /// A leak found in a published table.
    public init(tableID: String, row: String, column: String, line: String, value: Int) {
        self.tableID = tableID
        self.row = row
        self.column = column
        self.line = line
        self.value = value
    }

    /// The leak in words.
    public var explanation: String {
        "The hidden figure at \(row), \(column) works out as \(value) from \(line)"
    }
}

// MARK: - The check

/// Decides which figures of a set of tables to hide before publication.
public enum DisclosureControl {
    /// Protects tables published together: hides small counts, then hides more figures until no
    /// hidden figure can be worked out from a line's total, in any table, with a figure hidden in
    /// one table hidden in every table that shows it. Deterministic: the same tables always give
    /// the same result. Suppressions are listed table by table, then row by row, then column by
    /// column (totals last), each figure once per table.
    public static func protect(_ tables: [CountTable], policy: DisclosurePolicy = DisclosurePolicy())
        -> (tables: [ProtectedTable], suppressions: [Suppression]) {
        var run = SuppressionRun(tables: tables, policy: policy)
        run.hideSmallCounts()
        run.protectLines()
        return run.result()
    }

    /// Protects a table published on its own.
    public static func protect(_ table: CountTable, policy: DisclosurePolicy = DisclosurePolicy())
        -> (table: ProtectedTable, suppressions: [Suppression]) {
        let result = protect([table], policy: policy)
        return (result.tables[0], result.suppressions)
    }

    /// Every hidden figure a reader can work out from one line of the published table: a line
    /// with a published total and exactly one hidden figure, or whose hidden figures must all be 0
    /// because the published ones already make up its total. Each figure worked out is used to
    /// try the other lines again, so a chain of such steps is followed to its end. It reads only
    /// what is published, because that is all a reader has. Combining several lines at once
    /// (see the note at the top of this file) is not tried.
    public static func leaks(in table: ProtectedTable) -> [DisclosureLeak] {
        let lines = TableShape(rows: table.rowLabels.count, columns: table.columnLabels.count,
                               showsRowTotals: table.rowTotals != nil, showsColumnTotals: table.columnTotals != nil,
                               showsGrandTotal: table.grandTotal != nil)
            .lines(rowLabels: table.rowLabels, columnLabels: table.columnLabels) { $0 }
        func published(_ place: Place) -> PublishedCell? {
            switch place {
            case .cell(let row, let column): table.cells.element(at: row)?.element(at: column)
            case .rowTotal(let row): table.rowTotals?.element(at: row)
            case .columnTotal(let column): table.columnTotals?.element(at: column)
            case .grandTotal: table.grandTotal
            }
        }
        var workedOut: [Place: Int] = [:]
        var leaks: [DisclosureLeak] = []
        func known(_ place: Place) -> Int? { published(place)?.publishedValue ?? workedOut[place] }
        func record(_ place: Place, _ value: Int, _ line: Line<Place>) {
            workedOut[place] = value
            let (row, column) = place.labels(rowLabels: table.rowLabels, columnLabels: table.columnLabels)
            leaks.append(DisclosureLeak(tableID: table.id, row: row, column: column, line: line.name, value: value))
        }
        var progress = true
        while progress {
            progress = false
            for line in lines {
                let members = line.components + [line.total]
                // A line with a gap in it is no equation a reader can use.
                guard members.allSatisfy({ published($0) != nil && published($0) != .notAvailable }) else { continue }
                let unknown = members.filter { known($0) == nil }
                let knownParts = line.components.compactMap(known).reduce(0, +)
                if unknown == [line.total] {
                    record(line.total, knownParts, line)
                    progress = true
                } else if unknown.count == 1, let place = unknown.first, let total = known(line.total) {
                    record(place, total - knownParts, line)
                    progress = true
                } else if unknown.count > 1, let total = known(line.total), total == knownParts {
                    for place in unknown { record(place, 0, line) }
                    progress = true
                }
            }
        }
        return leaks
    }
}

// MARK: - How the check works

/// Where a figure sits in its table, margins included.
private enum Place: Hashable {
    case cell(row: Int, column: Int)
    case rowTotal(row: Int)
    case columnTotal(column: Int)
    case grandTotal

    /// The row and column a suppression or a leak is reported at.
    func labels(rowLabels: [String], columnLabels: [String]) -> (row: String, column: String) {
        func rowLabel(_ row: Int) -> String { rowLabels.element(at: row) ?? "Row \(row + 1)" }
        func columnLabel(_ column: Int) -> String { columnLabels.element(at: column) ?? "Column \(column + 1)" }
        return switch self {
        case .cell(let row, let column): (rowLabel(row), columnLabel(column))
        case .rowTotal(let row): (rowLabel(row), "Total")
        case .columnTotal(let column): ("Total", columnLabel(column))
        case .grandTotal: ("Total", "Total")
        }
    }
}

/// One published equation: the components add up to the total.
private struct Line<Figure> {
    /// How a reason names it: "row Female", "column Total".
    let name: String
    let components: [Figure]
    let total: Figure
}

/// Which figures a table publishes, and the lines that tie them together.
private struct TableShape {
    let rows: Int
    let columns: Int
    let showsRowTotals: Bool
    let showsColumnTotals: Bool
    let showsGrandTotal: Bool

    /// Every published place in reading order: each row's cells then its total, then the Total
    /// row, then the grand total. Suppressions are listed in this order.
    var places: [Place] {
        var places: [Place] = []
        places.reserveCapacity(placeCount)
        for row in 0..<rows {
            for column in 0..<columns { places.append(.cell(row: row, column: column)) }
            if showsRowTotals { places.append(.rowTotal(row: row)) }
        }
        if showsColumnTotals {
            for column in 0..<columns { places.append(.columnTotal(column: column)) }
        }
        if showsGrandTotal { places.append(.grandTotal) }
        return places
    }

    /// How many figures a row takes up in `places`: its cells and, when shown, its total.
    private var rowWidth: Int { columns + (showsRowTotals ? 1 : 0) }

    /// How many places the table publishes.
    var placeCount: Int { rows * rowWidth + (showsColumnTotals ? columns : 0) + (showsGrandTotal ? 1 : 0) }

    /// A place's position in `places`, worked out rather than looked up because it is asked for
    /// for every figure of every line.
    func offset(of place: Place) -> Int {
        switch place {
        case .cell(let row, let column): row * rowWidth + column
        case .rowTotal(let row): row * rowWidth + columns
        case .columnTotal(let column): rows * rowWidth + column
        case .grandTotal: rows * rowWidth + (showsColumnTotals ? columns : 0)
        }
    }

    /// The equations a reader can write down: each row adds up to its total, each column to its
    /// total, and the Total row and Total column each add up to the grand total. `figure` names
    /// each place as the caller needs it.
    func lines<Figure>(rowLabels: [String], columnLabels: [String], figure: (Place) -> Figure) -> [Line<Figure>] {
        var lines: [Line<Figure>] = []
        if showsRowTotals {
            for row in 0..<rows {
                var components: [Figure] = []
                for column in 0..<columns { components.append(figure(.cell(row: row, column: column))) }
                lines.append(Line(name: "row \(rowLabels.element(at: row) ?? "\(row + 1)")",
                                  components: components, total: figure(.rowTotal(row: row))))
            }
        }
        if showsColumnTotals {
            for column in 0..<columns {
                var components: [Figure] = []
                for row in 0..<rows { components.append(figure(.cell(row: row, column: column))) }
                lines.append(Line(name: "column \(columnLabels.element(at: column) ?? "\(column + 1)")",
                                  components: components, total: figure(.columnTotal(column: column))))
            }
        }
        if showsGrandTotal && showsColumnTotals {
            var components: [Figure] = []
            for column in 0..<columns { components.append(figure(.columnTotal(column: column))) }
            lines.append(Line(name: "row Total", components: components, total: figure(.grandTotal)))
        }
        if showsGrandTotal && showsRowTotals {
            var components: [Figure] = []
            for row in 0..<rows { components.append(figure(.rowTotal(row: row))) }
            lines.append(Line(name: "column Total", components: components, total: figure(.grandTotal)))
        }
        return lines
    }

    /// Places that are the same figure by the table's shape: in a one-column table each row
    /// total is its only cell and the column total is the grand total; likewise for one row.
    var samePlaces: [(Place, Place)] {
        var pairs: [(Place, Place)] = []
        if columns == 1 && showsRowTotals { pairs += (0..<rows).map { (.cell(row: $0, column: 0), .rowTotal(row: $0)) } }
        if rows == 1 && showsColumnTotals { pairs += (0..<columns).map { (.cell(row: 0, column: $0), .columnTotal(column: $0)) } }
        if showsGrandTotal && columns == 1 && showsColumnTotals { pairs.append((.columnTotal(column: 0), .grandTotal)) }
        if showsGrandTotal && rows == 1 && showsRowTotals { pairs.append((.rowTotal(row: 0), .grandTotal)) }
        return pairs
    }
}

extension TableShape {
    init(_ table: CountTable) {
        self.init(rows: table.rowLabels.count, columns: table.columnLabels.count, showsRowTotals: table.showsRowTotals,
                  showsColumnTotals: table.showsColumnTotals, showsGrandTotal: table.showsGrandTotal)
    }
}

/// One run of the check over tables published together.
///
/// Every place of every table is a numbered figure, table after table in reading order. Figures
/// that are the same (by a shared key, or by the table's shape) are joined into one group, and a
/// group is hidden or published as a whole, so the same number is never `c` in one place and
/// printed in another.
private struct SuppressionRun {
    let tables: [CountTable]
    let policy: DisclosurePolicy
    /// For each table: its shape, its places in reading order, the number of its first figure, and its lines.
    private var shapes: [TableShape] = []
    private var places: [[Place]] = []
    private var firstFigure: [Int] = []
    private var lines: [[Line<Int>]] = []
    /// For each figure: its table, its count (nil: not available) and its group, named by its lowest figure.
    private var tableOf: [Int] = []
    private var values: [Int?] = []
    private var group: [Int] = []
    /// For each group: the table it was first hidden in (nil while published), and whether it is
    /// a headline total the partnership publishes whatever its size.
    private var hiddenFirstIn: [Int?] = []
    private var isHeadline: [Bool] = []
    /// For each group, the tables that show it, so hiding it sends each of them round again.
    private var tablesShowing: [[Int]] = []
    /// For each table, the reasons given there, by group; a hidden group with no reason of its
    /// own in a table is hidden there because of the table it was first hidden in.
    private var reasons: [[Int: SuppressionReason]] = []

    init(tables: [CountTable], policy: DisclosurePolicy) {
        self.tables = tables
        self.policy = policy
        for (index, table) in tables.enumerated() {
            let shape = TableShape(table)
            let tablePlaces = shape.places
            firstFigure.append(values.count)
            values += Self.values(of: table, shape: shape, places: tablePlaces)
            tableOf += Array(repeating: index, count: tablePlaces.count)
            shapes.append(shape)
            places.append(tablePlaces)
        }
        group = Array(values.indices)

        // Join the figures that are the same: by the table's shape, then by key across tables.
        var figureWithKey: [String: Int] = [:]
        for (index, table) in tables.enumerated() {
            for (one, other) in shapes[index].samePlaces { join(figure(one, in: index), figure(other, in: index)) }
            for place in places[index] {
                guard let key = Self.key(of: place, in: table) else { continue }
                let figure = figure(place, in: index)
                if let earlier = figureWithKey[key] { join(earlier, figure) } else { figureWithKey[key] = figure }
            }
        }
        for figure in group.indices { group[figure] = root(of: figure) }

        hiddenFirstIn = Array(repeating: nil, count: values.count)
        isHeadline = Array(repeating: false, count: values.count)
        tablesShowing = Array(repeating: [], count: values.count)
        for figure in values.indices where tablesShowing[group[figure]].last != tableOf[figure] {
            tablesShowing[group[figure]].append(tableOf[figure])
        }
        reasons = Array(repeating: [:], count: tables.count)
        for index in tables.indices {
            let shape = shapes[index], first = firstFigure[index]
            if policy.headlineTotals && shape.showsGrandTotal { isHeadline[group[first + shape.offset(of: .grandTotal)]] = true }
            let tableLines = shape.lines(rowLabels: tables[index].rowLabels, columnLabels: tables[index].columnLabels) {
                first + shape.offset(of: $0)
            }
            // A line whose figures are all one figure (a one-column table's Total column) says nothing.
            lines.append(tableLines.filter { line in line.components.contains { group[$0] != group[line.total] } })
        }
    }

    /// The figure number of a place in a table.
    private func figure(_ place: Place, in table: Int) -> Int {
        firstFigure[table] + shapes[table].offset(of: place)
    }

    /// The count behind each place: a cell, or the sum of a line, which is not available if any
    /// part is not. A missing or negative count is not available, so a malformed table can only
    /// ever hide more.
    private static func values(of table: CountTable, shape: TableShape, places: [Place]) -> [Int?] {
        var counts: [[Int?]] = []
        for row in 0..<shape.rows {
            let given = row < table.cells.count ? table.cells[row] : []
            var rowCounts: [Int?] = []
            for column in 0..<shape.columns {
                if column < given.count, let count = given[column], count >= 0 {
                    rowCounts.append(count)
                } else {
                    rowCounts.append(nil)
                }
            }
            counts.append(rowCounts)
        }
        func sum(_ sum: Int?, _ part: Int?) -> Int? {
            guard let sum, let part else { return nil }
            return sum + part
        }
        var rowSums = Array(repeating: Int?(0), count: shape.rows)
        var columnSums = Array(repeating: Int?(0), count: shape.columns)
        var grandSum: Int? = 0
        for row in 0..<shape.rows {
            for column in 0..<shape.columns {
                let count = counts[row][column]
                rowSums[row] = sum(rowSums[row], count)
                columnSums[column] = sum(columnSums[column], count)
                grandSum = sum(grandSum, count)
            }
        }
        var values: [Int?] = []
        values.reserveCapacity(places.count)
        for place in places {
            switch place {
            case .cell(let row, let column): values.append(counts[row][column])
            case .rowTotal(let row): values.append(rowSums[row])
            case .columnTotal(let column): values.append(columnSums[column])
            case .grandTotal: values.append(grandSum)
            }
        }
        return values
    }

    private static func key(of place: Place, in table: CountTable) -> String? {
        switch place {
        case .cell(let row, let column): table.figureKeys?.element(at: row)?.element(at: column) ?? nil
        case .rowTotal(let row): table.rowTotalKeys?.element(at: row) ?? nil
        case .columnTotal(let column): table.columnTotalKeys?.element(at: column) ?? nil
        case .grandTotal: table.grandTotalKey
        }
    }

    private mutating func root(of figure: Int) -> Int {
        var figure = figure
        while group[figure] != figure {
            group[figure] = group[group[figure]]
            figure = group[figure]
        }
        return figure
    }

    /// The lower number leads, so the result does not depend on the order of joining.
    private mutating func join(_ one: Int, _ other: Int) {
        let (one, other) = (root(of: one), root(of: other))
        if one != other { group[max(one, other)] = min(one, other) }
    }

    /// Whether a figure is hidden. Hot paths in mutating methods spell this out instead, because
    /// calling a method there copies the whole run in a debug build.
    private func isHidden(_ figure: Int) -> Bool { hiddenFirstIn[group[figure]] != nil }

    /// Primary suppression: every count from 1 to the threshold, totals included, except a
    /// headline total. A small figure is reported as small in every table where it is small.
    mutating func hideSmallCounts() {
        for figure in values.indices {
            guard let count = values[figure], policy.isSmall(count), !isHeadline[group[figure]] else { continue }
            let table = tableOf[figure]
            if hiddenFirstIn[group[figure]] == nil { hiddenFirstIn[group[figure]] = table }
            if reasons[table][group[figure]] == nil { reasons[table][group[figure]] = .smallCount(threshold: policy.threshold) }
        }
    }

    /// Secondary suppression: sweeps every line of every table in order, fixing each line that
    /// gives a figure away, and sweeps again while anything changed. Each fix hides one more
    /// figure and nothing is ever shown again, so the sweeps end. A table in which nothing has
    /// been hidden since its last sweep is skipped, because sweeping it again would change
    /// nothing; the result is the same as sweeping everything, only faster.
    mutating func protectLines() {
        var needsSweep = Array(repeating: true, count: tables.count)
        while let first = needsSweep.firstIndex(of: true) {
            for table in first..<tables.count where needsSweep[table] {
                needsSweep[table] = false
                for line in lines[table] {
                    guard let hidden = fix(line, in: table) else { continue }
                    for other in tablesShowing[hidden] { needsSweep[other] = true }
                }
            }
        }
    }

    /// Hides one more figure of a line that gives a hidden figure away, and returns its group.
    private mutating func fix(_ line: Line<Int>, in table: Int) -> Int? {
        guard values[line.total] != nil else { return nil }
        var hiddenParts = 0
        var hiddenNonZero = false
        for figure in line.components where hiddenFirstIn[group[figure]] != nil {
            hiddenParts += 1
            if values[figure] != 0 { hiddenNonZero = true }
        }
        let totalHidden = hiddenFirstIn[group[line.total]] != nil
        let loneHidden = hiddenParts + (totalHidden ? 1 : 0) == 1
        // Non-negative counts whose published partners already make up the total are all 0.
        let hiddenZeros = !totalHidden && hiddenParts > 0 && !hiddenNonZero
        guard loneHidden || hiddenZeros else { return nil }

        var smallest: Int?
        var smallestCount = Int.max
        var firstZero: Int?
        for figure in line.components where hiddenFirstIn[group[figure]] == nil && !isHeadline[group[figure]] {
            guard let count = values[figure] else { continue }
            if count == 0 {
                if firstZero == nil { firstZero = figure }
            } else if count < smallestCount {
                // The smallest published count costs readers least; on a tie the first in the line.
                smallest = figure
                smallestCount = count
            }
        }
        var choice = smallest
        // Hiding a zero makes a second unknown, but cannot undo a line whose hidden figures are all zeros.
        if choice == nil && loneHidden { choice = firstZero }
        if choice == nil && !totalHidden && !isHeadline[group[line.total]] { choice = line.total }
        // Only a line made of headline totals gets here; protecting children comes before the headline.
        if choice == nil { choice = totalHidden ? line.components.first { hiddenFirstIn[group[$0]] == nil && values[$0] != nil } : line.total }
        guard let choice, hide(choice, in: table, because: .protectsLine(line.name)) else { return nil }
        return group[choice]
    }

    private mutating func hide(_ figure: Int, in table: Int, because reason: SuppressionReason) -> Bool {
        guard hiddenFirstIn[group[figure]] == nil else { return false }
        hiddenFirstIn[group[figure]] = table
        reasons[table][group[figure]] = reason
        return true
    }

    /// The published tables and the list of what was hidden where, and why.
    func result() -> (tables: [ProtectedTable], suppressions: [Suppression]) {
        var protected: [ProtectedTable] = []
        var suppressions: [Suppression] = []
        for (index, table) in tables.enumerated() {
            let shape = shapes[index], first = firstFigure[index]
            var figures: [PublishedCell] = []
            figures.reserveCapacity(shape.placeCount)
            for figure in first..<(first + shape.placeCount) {
                if let count = values[figure] {
                    figures.append(isHidden(figure) ? .suppressed : count == 0 ? .zero : .count(count))
                } else {
                    figures.append(.notAvailable)
                }
            }
            var cells: [[PublishedCell]] = []
            var rowTotals: [PublishedCell] = []
            for row in 0..<shape.rows {
                let start = shape.offset(of: .cell(row: row, column: 0))
                cells.append(Array(figures[start..<(start + shape.columns)]))
                if shape.showsRowTotals { rowTotals.append(figures[shape.offset(of: .rowTotal(row: row))]) }
            }
            let totalsStart = shape.offset(of: .columnTotal(column: 0))
            protected.append(ProtectedTable(
                id: table.id, title: table.title, rowLabels: table.rowLabels, columnLabels: table.columnLabels, cells: cells,
                rowTotals: shape.showsRowTotals ? rowTotals : nil,
                columnTotals: shape.showsColumnTotals ? Array(figures[totalsStart..<(totalsStart + shape.columns)]) : nil,
                grandTotal: shape.showsGrandTotal ? figures[shape.offset(of: .grandTotal)] : nil))

            var listed: Set<Int> = []
            for (offset, place) in places[index].enumerated() {
                let figure = firstFigure[index] + offset
                guard values[figure] != nil, let firstTable = hiddenFirstIn[group[figure]],
                      listed.insert(group[figure]).inserted else { continue }
                let (row, column) = place.labels(rowLabels: table.rowLabels, columnLabels: table.columnLabels)
                let reason = reasons[index][group[figure]] ?? .sameFigureIn(tableID: tables[firstTable].id)
                suppressions.append(Suppression(tableID: table.id, tableTitle: table.title, row: row, column: column, reason: reason))
            }
        }
        return (protected, suppressions)
    }
}

private extension Array {
    /// The element at `index`, or nil past either end, for tables whose shape cannot be trusted.
    func element(at index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
