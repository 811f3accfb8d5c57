import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Grows the demo partnership with records of the kinds that pile up over the years (organisations,
/// learning with its recommendations, actions and challenge, indicator values, meetings,
/// contributions and the audit log), so a test can compare a page on the demo with the same page
/// on a bigger partnership. Each call adds `copies` more of everything; `round` keeps names and
/// periods apart between calls.
enum SyntheticGrowth {
    static func grow(_ slug: String, copies: Int, round: Int, on db: any Database) async throws {
        guard let partnership = try await Partnership.query(on: db).filter(\.$slug == slug).first(), let pid = partnership.id else {
            throw GrowthError(reason: "no partnership \(slug)")
        }
        let organisations = try await Organisation.query(on: db).filter(\.$partnership.$id == pid).all().compactMap(\.id)
        let groups = try await PartnershipGroup.query(on: db).filter(\.$partnership.$id == pid).all().compactMap(\.id)
        let indicators = try await Indicator.query(on: db).filter(\.$partnership.$id == pid).all().compactMap(\.id)
        let now = Date()
        guard let joined = CalendarDate(year: 2020, month: 4, day: 1), let meetingDay = CalendarDate(year: 2023, month: 6, day: 10) else {
            throw GrowthError(reason: "no such day")
        }
        try await db.transaction { db in
            for copy in 0..<copies {
                let tag = "\(round)-\(copy)"
                var owners = organisations
                for n in 0..<10 {
                    let organisation = Organisation(partnershipID: pid, name: "Synthetic organisation \(tag)-\(n)", kind: .relevantAgency,
                                                    sector: .voluntary, joinedOn: joined)
                    try await organisation.create(on: db)
                    owners.append(try organisation.requireID())
                }
                for (s, year) in ["2023-24", "2022-23", "2021-22", "2023-24"].enumerated() {
                    let source = LearningSource()
                    source.$partnership.id = pid
                    source.kind = [.audit, .scrutiny, .survey, .audit][s]
                    source.title = "Synthetic learning \(tag)-\(s)"
                    source.reportingYear = year
                    source.completedOn = "20\(year.prefix(4).suffix(2))-11-15"
                    source.$leadOrganisation.id = owners[s % owners.count]
                    source.isPublished = true
                    source.isIllustrative = true
                    source.createdAt = now
                    try await source.create(on: db)
                    let sourceID = try source.requireID()
                    let finding = Finding()
                    finding.$partnership.id = pid
                    finding.$source.id = sourceID
                    finding.kind = .areaForImprovement
                    finding.text = "Synthetic finding"
                    finding.themes = "Synthetic"
                    finding.position = 1
                    try await finding.create(on: db)
                    let event = ChallengeEvent()
                    event.$partnership.id = pid
                    event.$source.id = sourceID
                    event.heldOn = "2024-02-15"
                    event.whoWasChallenged = "The owning agencies"
                    event.assuranceGiven = "Synthetic assurance"
                    event.recordedBy = "test"
                    try await event.create(on: db)
                    for r in 1...3 {
                        let recommendation = Recommendation()
                        recommendation.$partnership.id = pid
                        recommendation.$source.id = sourceID
                        recommendation.text = "Synthetic recommendation \(r)"
                        recommendation.number = r
                        try await recommendation.create(on: db)
                        let judgement = ChallengeJudgement()
                        judgement.$partnership.id = pid
                        judgement.$event.id = try event.requireID()
                        judgement.$recommendation.id = try recommendation.requireID()
                        judgement.judgement = Judgement.allCases[r % Judgement.allCases.count]
                        try await judgement.create(on: db)
                        for a in 0..<2 {
                            let action = LearningAction()
                            action.$partnership.id = pid
                            action.$recommendation.id = try recommendation.requireID()
                            action.$source.id = sourceID
                            action.text = "Synthetic action"
                            action.$ownerOrganisation.id = owners[(r + a + copy) % owners.count]
                            action.owner = "Named lead role"
                            action.dueOn = ["2023-06-30", "2024-01-31", "2024-09-30"][(r + a) % 3]
                            action.status = [.notStarted, .inProgress, .done][(r + a) % 3]
                            action.raisedOn = "2023-05-01"
                            action.closedOn = action.status == .done ? "2023-12-01" : nil
                            action.createdAt = now
                            action.updatedAt = now
                            try await action.create(on: db)
                        }
                    }
                }
                // Indicator values for quarters long before the demo's, one year per copy and round.
                let start = 1990 + round * 10 + copy
                for indicator in indicators {
                    for (q, month) in [4, 7, 10, 1].enumerated() {
                        let value = IndicatorValue()
                        value.$partnership.id = pid
                        value.$indicator.id = indicator
                        value.period = "\(start)-\(String(start + 1).suffix(2)) Q\(q + 1)"
                        value.periodKind = "quarter"
                        value.periodStart = String(format: "%04d-%02d-01", q == 3 ? start + 1 : start, month)
                        value.series = "local"
                        value.breakdown = "all"
                        value.group = "all"
                        value.value = Double(10 + q)
                        try await value.create(on: db)
                    }
                }
                for m in 0..<3 where !groups.isEmpty {
                    try await Meeting(partnershipID: pid, groupID: groups[m % groups.count], heldOn: meetingDay.addingMonths(m),
                                      title: "Synthetic meeting \(tag)-\(m)", summary: nil).create(on: db)
                }
                for n in 0..<2 {
                    try await Contribution(partnershipID: pid, year: ReportingYear(startYear: 2023), organisationID: nil,
                                           label: "Synthetic contribution \(tag)-\(n)", category: .other, amount: Pence(100_000),
                                           position: 100 + round * 10 + copy * 2 + n).create(on: db)
                }
                for n in 0..<40 {
                    try await AuditEvent(partnershipID: pid, userID: nil, actor: "synthetic", action: "update", subjectType: "organisation",
                                         subjectID: owners[n % owners.count].uuidString, summary: "Synthetic change \(tag)-\(n)",
                                         changes: nil, address: nil, occurredAt: now.addingTimeInterval(Double(-n * 3600))).create(on: db)
                }
            }
        }
    }

    struct GrowthError: Error, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }
}
