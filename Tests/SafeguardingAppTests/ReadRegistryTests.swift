import FluentKit
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import Testing
import Vapor
@testable import SafeguardingWeb

/// Every value reachable from a use case's answer (through structs, enums, optionals,
/// collections, Fluent's property wrappers and loaded relations), as the UUIDs and strings in it.
private struct Reachable {
    var ids = Set<UUID>()
    var strings = Set<String>()
    private var seen = Set<ObjectIdentifier>()

    mutating func walk(_ value: Any, depth: Int = 0) {
        guard depth < 60 else { return }
        switch value {
        case let id as UUID: ids.insert(id); return
        case let text as String: strings.insert(text); return
        case is Int, is Double, is Bool, is Date: return
        default: break
        }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .class {
            let object = ObjectIdentifier(value as AnyObject)
            guard seen.insert(object).inserted else { return }
        }
        var current: Mirror? = mirror
        while let m = current {
            for child in m.children { walk(child.value, depth: depth + 1) }
            current = m.superclassMirror
        }
    }
}

extension AppTests {
    @Suite("Restricted records, for every read use case and every role")
    struct ReadRegistryTests {
        /// The public reads each module declares in its `…Reads` enums, read from the source, so
        /// a new one that is not in `ReadUseCases.all` fails here.
        @Test func everyPublicReadIsRegistered() throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let folder = root.appendingPathComponent("Sources/SafeguardingApplication")
            let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
                .filter { $0.lastPathComponent.hasSuffix("Reads.swift") }
            #expect(!files.isEmpty)
            var declared = Set<String>()
            for file in files {
                let text = try String(contentsOf: file, encoding: .utf8)
                var owner: String?
                for line in text.split(separator: "\n") {
                    if let range = line.range(of: #"^public enum (\w+Reads)"#, options: .regularExpression) {
                        owner = String(line[range].split(separator: " ")[2])
                    }
                    if let owner, let range = line.range(of: #"^    public static func \w+"#, options: .regularExpression) {
                        let name = String(line[range].split(separator: " ").last!)
                        if !name.hasPrefix("require") { declared.insert("\(owner).\(name)") }
                    }
                }
            }
            let registered = Set(ReadUseCases.all.map(\.name))
            #expect(declared.subtracting(registered).isEmpty, "public reads missing from ReadUseCases.all: \(declared.subtracting(registered).sorted())")
            #expect(registered.subtracting(declared).isEmpty, "registered reads that do not exist: \(registered.subtracting(declared).sorted())")
        }

        /// Every record on SQLite. On PostgreSQL, whose run is the longer of the two, every restricted
        /// record and twelve others (the first by id): the filters are the same FluentKit queries on
        /// both, checked there for every record, and here for their SQL at about half the time.
        static func recordsToRead(_ ids: [UUID], restricted: Set<UUID>) -> [UUID] {
            guard testDatabase.kindName == "postgres" else { return ids }
            return ids.filter { restricted.contains($0) } + ids.filter { !restricted.contains($0) }.sorted { $0.uuidString < $1.uuidString }.prefix(12)
        }

        @Test func noRestrictedRecordReachesARoleThatMayNotSeeIt() async throws {
            try await withDemoApp { app in
                let db = app.db
                let partnership = try #require(try await RegisterStore.partnership(slug: "calderdale", on: db))
                let context = AppContext(database: db, today: CalendarDate(year: 2024, month: 3, day: 31)!)
                // What only the Executive and the review subgroup may see.
                let restrictedSources = try await LearningSource.query(on: db).filter(\.$partnership.$id == partnership.requireID())
                    .filter(\.$kind ~~ SourceKind.localReviews).filter(\.$isPublished == false).all()
                let incidents = try await SeriousIncident.query(on: db).all()
                let unpublishedReviews = try await LocalReview.query(on: db).filter(\.$publishedOn == nil).all()
                let secretIDs = Set(restrictedSources.compactMap(\.id) + incidents.compactMap(\.id) + unpublishedReviews.compactMap(\.id))
                let secretTitles = Set(restrictedSources.map(\.title))
                #expect(!restrictedSources.isEmpty && !incidents.isEmpty, "the demo must hold restricted records for this test to mean anything")

                // Every demo account, and a contributor of another organisation who is on no subgroup.
                let other = try #require(try await RegisterStore.organisations(partnership, on: db).first { $0.name != "West Yorkshire Police" })
                let outsider = User(email: "outsider@example.test", name: "Outsider", passwordHash: "x")
                try await outsider.create(on: db)
                try await Membership(userID: outsider.requireID(), partnershipID: partnership.requireID(), role: .contributor,
                                     organisationID: other.id).create(on: db)
                var users = [outsider]
                for account in DemoPartnership.accounts { users.append(try #require(try await AccountStore.user(email: account.email, on: db))) }

                var rolesChecked = Set<Role>()
                var seconds: [String: Double] = [:]
                for user in users {
                    let viewer = try await Viewer.resolve(user: Account(user), slug: "calderdale", address: nil, today: .today(), on: db)
                    var leaked = 0
                    var leakingUseCases: [String] = []
                    let mayRead = viewer.allows(.readUnpublishedReviews)
                    for useCase in ReadUseCases.all {
                        // For a role that may read them, one restricted record seen is all the test asks.
                        if mayRead && leaked > 0 { break }
                        let started = Date()
                        defer { seconds[useCase.name, default: 0] += Date().timeIntervalSince(started) }
                        var answers: [any Sendable] = []
                        switch useCase.shape {
                        case let .list(run):
                            if let answer = try await answer(try await run(viewer, context)) { answers.append(answer) }
                        case let .record(ids, read):
                            for id in Self.recordsToRead(try await ids(partnership, context), restricted: secretIDs) {
                                if let answer = try await answer(try await read(viewer, id, context)) { answers.append(answer) }
                            }
                        }
                        var seen = Reachable()
                        for answer in answers { seen.walk(answer) }
                        let found = seen.ids.intersection(secretIDs).count + seen.strings.intersection(secretTitles).count
                        if found > 0 {
                            let kinds = seen.ids.intersection(secretIDs).map { id in
                                incidents.contains { $0.id == id } ? "incident" : restrictedSources.contains { $0.id == id } ? "source" : "review"
                            }
                            leakingUseCases.append("\(useCase.name): \(kinds.sorted()) \(seen.strings.intersection(secretTitles).sorted())")
                        }
                        leaked += found
                    }
                    if mayRead {
                        // The walk finds them where they may be seen, so an empty result below means something.
                        #expect(leaked > 0, "\(user.email) may read unpublished reviews but no use case returned one")
                    } else {
                        #expect(leaked == 0, "\(user.email) (\(viewer.role)) was shown \(leaked) restricted records, by \(leakingUseCases)")
                    }
                    rolesChecked.insert(viewer.role)
                }
                #expect(rolesChecked == Set(Role.allCases))
                let slowest = seconds.sorted { $0.value > $1.value }.prefix(6).map { "\($0.key) \(String(format: "%.1f", $0.value)) s" }
                print("Reads for every role, the slowest: \(slowest.joined(separator: "; "))")
            }
        }

        /// Not found and access denied are the right answers for a record the viewer may not see.
        private func answer(_ run: @autoclosure () async throws -> any Sendable) async throws -> (any Sendable)? {
            do {
                return try await run()
            } catch is NotFound {
                return nil
            } catch is AccessDenied {
                return nil
            }
        }
    }
}
