import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// The learning tracker's front page: the headline counts, open actions by organisation and by
/// subgroup, and the sources whose challenge event is due.
public struct TrackerPage: Sendable {
    public struct OrganisationRow: Sendable {
        public let organisationID: UUID
        public let name: String
        public let open: Int
        public let overdue: Int
    }

    public struct SubgroupRow: Sendable {
        public let name: String
        public let open: Int
        public let overdue: Int
    }

    public struct DueSource: Sendable {
        public let id: UUID
        public let title: String
        public let kind: SourceKind
        public let auditType: AuditType?
        public let challengeDueOn: CalendarDate?
        public let openActions: Int
    }

    public let partnershipName: String
    public let openActions: Int
    public let overdueActions: Int
    public let recommendationsWithoutActions: Int
    public let challengeEventsDue: Int
    /// By organisation name, then by subgroup name ("No subgroup" for sources without one).
    public let byOrganisation: [OrganisationRow]
    public let bySubgroup: [SubgroupRow]
    public let due: [DueSource]
}

extension TrackerPage {
    /// Counts the open actions by owner and by the subgroup that owns their source; an action
    /// overdue is still open, so it counts in both columns.
    init(partnershipName: String, tracker: LearningStore.Tracker, today: CalendarDate) {
        let groupOf = Dictionary(tracker.summaries.map { ($0.source.id!, $0.groupName ?? "No subgroup") }, uniquingKeysWith: { a, _ in a })
        let open = tracker.openActions
        func overdue(_ actions: [LearningAction]) -> Int { actions.filter { $0.isOverdue(today: today) }.count }
        let byName = Dictionary(grouping: open) { tracker.organisationNames[$0.$ownerOrganisation.id] ?? "" }
        let byGroup = Dictionary(grouping: open) { groupOf[$0.$source.id] ?? "No subgroup" }
        self.init(
            partnershipName: partnershipName,
            openActions: tracker.counts.open, overdueActions: tracker.counts.overdue,
            recommendationsWithoutActions: tracker.counts.recommendationsWithoutActions,
            challengeEventsDue: tracker.counts.challengeEventsDue,
            byOrganisation: byName.sorted { $0.key < $1.key }.map { name, actions in
                OrganisationRow(organisationID: actions[0].$ownerOrganisation.id, name: name, open: actions.count, overdue: overdue(actions))
            },
            bySubgroup: byGroup.sorted { $0.key < $1.key }.map { SubgroupRow(name: $0.key, open: $0.value.count, overdue: overdue($0.value)) },
            due: tracker.summaries.filter(\.isChallengeDue).map { summary in
                DueSource(id: summary.source.id!, title: summary.source.title, kind: summary.source.kind,
                          auditType: summary.source.auditType.flatMap(AuditType.init(rawValue:)),
                          challengeDueOn: summary.source.challengeDueOn.flatMap(CalendarDate.init(iso:)), openActions: summary.openActions)
            })
    }
}
