import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// The partners' contributions for one reporting year, with the outturn total, as one viewer may
/// see and change them.
public struct FinanceYearPage: Sendable {
    public let partnershipName: String
    public let slug: String
    public let year: ReportingYear
    /// Newest first: the years with contributions, and the years either side of this one.
    public let years: [ReportingYear]
    /// In the order the yearly report shows them.
    public let contributions: [ContributionLine]
    public let total: Pence
    public let mayEdit: Bool
    /// The register's organisations a new line may come from; empty unless `mayEdit`.
    public let organisationNames: [String]
}

/// One contribution of a reporting year.
public struct ContributionLine: Sendable {
    public let id: UUID
    public let label: String
    public let category: ContributionCategory
    /// The organisation it comes from, if it comes from one.
    public let organisation: String?
    public let amount: Pence
    public let note: String?

    /// The form field that carries this line's amount.
    public var amountField: String { "amount_\(id.uuidString.lowercased())" }

    init(_ line: Contribution) throws {
        id = try line.requireID()
        label = line.label
        category = line.category
        organisation = line.organisation?.name
        amount = line.amount
        note = line.note
    }
}
