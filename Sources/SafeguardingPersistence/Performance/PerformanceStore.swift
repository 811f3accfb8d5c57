import FluentKit
import Foundation
import SafeguardingDomain
import SQLKit

/// Indicators, their values, imports, stories and escalations.
public enum PerformanceStore {
    public static func indicators(_ partnership: Partnership, on db: any Database) async throws -> [Indicator] {
        try await Indicator.query(on: db).filter(\.$partnership.$id == partnership.requireID())
            .with(\.$sourceOrganisation).sort(\.$position).sort(\.$name).all()
    }

    public static func indicator(key: String, in partnership: Partnership, on db: any Database) async throws -> Indicator {
        guard let indicator = try await Indicator.query(on: db).filter(\.$partnership.$id == partnership.requireID())
            .filter(\.$key == key).with(\.$sourceOrganisation).first()
        else { throw NotFound("indicator") }
        return indicator
    }

    /// Adds an indicator, or (with `existing`) changes one; its key never changes once made.
    @discardableResult
    public static func saveIndicator(_ draft: IndicatorDraft, existing: Indicator?, in partnership: Partnership, by actor: Actor,
                                     on db: any Database) async throws -> Indicator {
        let pid = try partnership.requireID()
        return try await db.transaction { tx in
            var problems: [FieldError] = []
            let all = try await indicators(partnership, on: tx)
            if existing == nil, all.contains(where: { $0.key == draft.key }) {
                problems.append(FieldError(field: "key", message: "An indicator with the key \(draft.key) already exists"))
            }
            if all.contains(where: { $0.name.lowercased() == draft.name.lowercased() && $0.id != existing?.id }) {
                problems.append(FieldError(field: "name", message: "An indicator called \(draft.name) already exists"))
            }
            var sourceID: UUID?
            if let name = draft.sourceOrganisation {
                sourceID = try await RegisterStore.organisation(named: name, in: partnership, on: tx)?.id
                if sourceID == nil { problems.append(FieldError(field: "source_organisation", message: "There is no organisation called \(name)")) }
            }
            guard problems.isEmpty else { throw ValidationErrors(problems) }
            let indicator = existing ?? Indicator(partnershipID: pid, key: draft.key, name: draft.name, definition: draft.definition, sourceOrganisationID: nil,
                                                  unit: draft.unit, polarity: draft.polarity.rawValue, priority: nil, isPublished: true,
                                                  isIllustrative: false, position: (all.map(\.position).max() ?? 0) + 1)
            let before: [String: String?] = existing.map { ["name": $0.name, "definition": $0.definition, "unit": $0.unit, "polarity": $0.polarity,
                                                              "priority": $0.priority, "published": String($0.isPublished),
                                                              "source": $0.$sourceOrganisation.id?.uuidString] } ?? [:]
            indicator.name = draft.name
            indicator.definition = draft.definition
            indicator.unit = draft.unit
            indicator.polarity = draft.polarity.rawValue
            indicator.priority = draft.priority
            indicator.isPublished = draft.isPublished
            indicator.$sourceOrganisation.id = sourceID
            try await indicator.save(on: tx)
            let after: [String: String?] = ["name": draft.name, "definition": draft.definition, "unit": draft.unit, "polarity": draft.polarity.rawValue,
                                            "priority": draft.priority, "published": String(draft.isPublished), "source": sourceID?.uuidString]
            try await AuditTrail.record(on: tx, partnershipID: pid, actor: actor, action: existing == nil ? "create" : "update", subjectType: "indicator",
                                        subjectID: indicator.id?.uuidString, summary: "\(existing == nil ? "Added" : "Changed") indicator \(draft.name)",
                                        changes: AuditTrail.diff(before, after))
            return indicator
        }
    }

    /// All of an indicator's values, oldest period first.
    public static func values(of indicator: Indicator, on db: any Database) async throws -> [IndicatorValue] {
        try await IndicatorValue.query(on: db).readable().filter(\.$indicator.$id == indicator.requireID())
            .sort(\.$periodStart).sort(\.$series).sort(\.$breakdown).sort(\.$group).all()
    }

    /// Values for many indicators at once (the indicator list), headline breakdown only.
    public static func headlineValues(_ partnership: Partnership, on db: any Database) async throws -> [UUID: [IndicatorValue]] {
        let rows = try await IndicatorValue.query(on: db).readable().filter(\.$partnership.$id == partnership.requireID())
            .filter(\.$breakdown == Breakdown.all.rawValue).sort(\.$periodStart).all()
        return Dictionary(grouping: rows, by: { $0.$indicator.id })
    }

    /// One value to write: the domain row with the indicator it belongs to.
    public struct ValueWrite: Sendable {
        public let indicatorID: UUID
        public let period: Period
        public let series: Series
        public let breakdown: Breakdown
        public let group: String
        public let value: Double
        public let numerator: Double?
        public let denominator: Double?

        public init(indicatorID: UUID, period: Period, series: Series, breakdown: Breakdown, group: String,
                    value: Double, numerator: Double?, denominator: Double?) {
            self.indicatorID = indicatorID
            self.period = period
            self.series = series
            self.breakdown = breakdown
            self.group = group
            self.value = value
            self.numerator = numerator
            self.denominator = denominator
        }
    }

    public struct ImportRecord: Sendable {
        public let kind: String
        public let fileName: String
        public let digest: String
        public let rowsRead: Int
        public let notes: String?
        public let indicatorID: UUID?

        public init(kind: String, fileName: String, digest: String, rowsRead: Int, notes: String?, indicatorID: UUID?) {
            self.kind = kind
            self.fileName = fileName
            self.digest = digest
            self.rowsRead = rowsRead
            self.notes = notes
            self.indicatorID = indicatorID
        }
    }

    /// Writes values, replacing any with the same key, and records the import: all in one transaction.
    @discardableResult
    public static func write(_ writes: [ValueWrite], record: ImportRecord, in partnership: Partnership,
                             by actor: Actor, replacingLocalPeriodsOf replaced: UUID? = nil, on db: any Database) async throws -> DataImport {
        let pid = try partnership.requireID()
        return try await db.transaction { tx in
            let entry = DataImport()
            entry.$partnership.id = pid
            entry.$indicator.id = record.indicatorID
            entry.kind = record.kind
            entry.userID = actor.userID
            entry.actor = actor.email
            entry.fileName = record.fileName
            entry.fileDigest = record.digest
            entry.rowsRead = record.rowsRead
            entry.rowsWritten = writes.count
            entry.notes = record.notes
            entry.importedAt = Date()
            try await entry.create(on: tx)

            // An extract covers whole quarters: its counts replace every local value of those quarters,
            // so a group missing from the new file does not keep the old file's count.
            if let replaced {
                let periods = Array(Set(writes.map(\.period.description)))
                if !periods.isEmpty {
                    // Replaced for good, withdrawn ones too: the new file is the record of those quarters.
                    try await IndicatorValue.query(on: tx).withDeleted().filter(\.$indicator.$id == replaced).filter(\.$series == Series.local.rawValue)
                        .filter(\.$period ~~ periods).delete(force: true)
                }
            }
            let indicatorIDs = Set(writes.map(\.indicatorID))
            var existing: [String: IndicatorValue] = [:]
            if !indicatorIDs.isEmpty {
                // Withdrawn values too: the key stays unique, so a value sent again takes the withdrawn row's place.
                for value in try await IndicatorValue.query(on: tx).withDeleted().filter(\.$indicator.$id ~~ Array(indicatorIDs)).all() {
                    existing[key(value.$indicator.id, value.period, value.series, value.breakdown, value.group)] = value
                }
            }
            for write in writes {
                let k = key(write.indicatorID, write.period.description, write.series.rawValue, write.breakdown.rawValue, write.group)
                let row = existing[k] ?? IndicatorValue()
                if row.withdrawnAt != nil {
                    try await row.restore(on: tx)
                    row.withdrawnReason = nil
                    row.withdrawnBy = nil
                }
                row.$partnership.id = pid
                row.$indicator.id = write.indicatorID
                row.period = write.period.description
                row.periodKind = write.period.kind.rawValue
                row.periodStart = write.period.firstDay.description
                row.series = write.series.rawValue
                row.breakdown = write.breakdown.rawValue
                row.group = write.group
                row.value = write.value
                row.numerator = write.numerator
                row.denominator = write.denominator
                row.$dataImport.id = entry.id
                try await row.save(on: tx)
                existing[k] = row
            }
            try await AuditTrail.record(on: tx, partnershipID: pid, actor: actor, action: "import", subjectType: "data_import",
                                        subjectID: entry.id?.uuidString,
                                        summary: "Imported \(writes.count) indicator values from \(record.fileName)")
            return entry
        }
    }

    static func key(_ indicator: UUID, _ period: String, _ series: String, _ breakdown: String, _ group: String) -> String {
        "\(indicator.uuidString)|\(period)|\(series)|\(breakdown)|\(group)"
    }

    public static func imports(_ partnership: Partnership, on db: any Database) async throws -> [DataImport] {
        try await DataImport.query(on: db).filter(\.$partnership.$id == partnership.requireID()).sort(\.$importedAt, .descending).range(0..<50).all()
    }

    // MARK: Stories

    public static func stories(of indicator: Indicator, on db: any Database) async throws -> [Story] {
        try await Story.query(on: db).filter(\.$indicator.$id == indicator.requireID()).sort(\.$writtenAt, .descending).all()
    }

    public static func addStory(_ draft: StoryDraft, to indicator: Indicator, in partnership: Partnership, by actor: Actor, on db: any Database) async throws {
        let pid = try partnership.requireID()
        try await db.transaction { tx in
            let story = Story()
            story.$partnership.id = pid
            story.$indicator.id = try indicator.requireID()
            story.period = draft.period.description
            story.whatTheDataShows = draft.whatTheDataShows
            story.howMuch = draft.howMuch
            story.howWell = draft.howWell
            story.betterOff = draft.betterOff
            story.nextSteps = draft.nextSteps
            story.author = actor.email
            story.writtenAt = Date()
            try await story.create(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: pid, actor: actor, action: "create", subjectType: "story",
                                        subjectID: story.id?.uuidString, summary: "Wrote the story behind \(indicator.name) for \(draft.period.label)")
        }
    }

    // MARK: Escalations

    public static func escalations(of indicator: Indicator, on db: any Database) async throws -> [Escalation] {
        try await Escalation.query(on: db).filter(\.$indicator.$id == indicator.requireID()).sort(\.$raisedAt, .descending).all()
    }

    public static func openEscalations(_ partnership: Partnership, on db: any Database) async throws -> [Escalation] {
        try await Escalation.query(on: db).filter(\.$partnership.$id == partnership.requireID()).filter(\.$decision == nil)
            .with(\.$indicator).sort(\.$raisedAt, .descending).all()
    }

    /// Raises an escalation for each unfavourable signal not raised before. Returns how many are new.
    @discardableResult
    public static func raiseEscalations(for indicator: Indicator, signals: [(key: String, description: String)],
                                        on db: any Database) async throws -> Int {
        let known = Set(try await escalations(of: indicator, on: db).map(\.signalKey))
        var added = 0
        for signal in signals where !known.contains(signal.key) {
            let escalation = Escalation()
            escalation.$partnership.id = indicator.$partnership.id
            escalation.$indicator.id = try indicator.requireID()
            escalation.signalKey = signal.key
            escalation.signal = signal.description
            escalation.raisedAt = Date()
            try await escalation.create(on: db)
            added += 1
        }
        return added
    }

    public typealias Decision = EscalationDecision

    public static func decide(_ escalationID: UUID, decision: Decision, reason: String, in partnership: Partnership,
                              by actor: Actor, on db: any Database) async throws {
        let pid = try partnership.requireID()
        try await db.transaction { tx in
            guard let escalation = try await Escalation.query(on: tx).filter(\.$id == escalationID).filter(\.$partnership.$id == pid)
                .with(\.$indicator).first() else { throw NotFound("escalation") }
            escalation.decision = decision.rawValue
            escalation.reason = reason
            escalation.decidedBy = actor.email
            escalation.decidedAt = Date()
            try await escalation.update(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: pid, actor: actor, action: "decide", subjectType: "escalation",
                                        subjectID: escalationID.uuidString,
                                        summary: "Decided to \(decision.label.lowercased()) on \(escalation.indicator.name): \(reason)")
        }
    }

    // MARK: Deprivation

    /// The IMD decile of each LSOA, for aggregating extracts.
    public static func lsoaDeciles(on db: any Database) async throws -> [String: Int] {
        // Two columns of 32,844 rows: plain SQL rows, not Fluent models, keep this well under a second.
        if let sql = db as? any SQLDatabase {
            let rows = try await sql.select().column("lsoa_code").column("imd_decile").from(DeprivationArea.schema).all()
            var out: [String: Int] = [:]
            out.reserveCapacity(rows.count)
            for row in rows {
                if let code = try? row.decode(column: "lsoa_code", as: String.self), let decile = try? row.decode(column: "imd_decile", as: Int.self) {
                    out[code] = decile
                }
            }
            return out
        }
        let rows = try await DeprivationArea.query(on: db).all()
        return Dictionary(rows.map { ($0.lsoaCode, $0.imdDecile) }, uniquingKeysWith: { a, _ in a })
    }

    public struct DeprivationRow: Sendable {
        public let lsoaCode: String, lsoaName: String, laCode: String, laName: String, rank: Int, decile: Int
        public let children: Double?
        public init(lsoaCode: String, lsoaName: String, laCode: String, laName: String, rank: Int, decile: Int, children: Double? = nil) {
            self.children = children
            self.lsoaCode = lsoaCode
            self.lsoaName = lsoaName
            self.laCode = laCode
            self.laName = laName
            self.rank = rank
            self.decile = decile
        }
    }

    /// Loads or replaces IMD rows, in one transaction.
    public static func loadDeprivation(_ rows: [DeprivationRow], on db: any Database) async throws -> Int {
        try await db.transaction { tx in
            var existing: [String: DeprivationArea] = [:]
            for area in try await DeprivationArea.query(on: tx).all() { existing[area.lsoaCode] = area }
            for row in rows {
                let area = existing[row.lsoaCode] ?? DeprivationArea()
                area.lsoaCode = row.lsoaCode
                area.lsoaName = row.lsoaName
                area.laCode = row.laCode
                area.laName = row.laName
                area.imdRank = row.rank
                area.imdDecile = row.decile
                if let children = row.children { area.children = children }
                try await area.save(on: tx)
            }
            return rows.count
        }
    }
}
