import FluentKit

/// The register's records can be withdrawn as mistakes (`Withdrawable`): organisations, groups,
/// seats, meetings and contributions get the three withdrawal columns.
struct UpdateRegisterAddWithdrawal: AsyncMigration {
    static let tables = [Organisation.schema, PartnershipGroup.schema, GroupMember.schema, Meeting.schema, Contribution.schema]

    func prepare(on database: any Database) async throws {
        for table in Self.tables { try await Withdrawal.addColumns(to: table, on: database) }
    }

    func revert(on database: any Database) async throws {
        for table in Self.tables.reversed() { try await Withdrawal.removeColumns(from: table, on: database) }
    }
}

/// Locally entered indicator values and the stories behind the data can be withdrawn as mistakes.
struct UpdatePerformanceAddWithdrawal: AsyncMigration {
    static let tables = [IndicatorValue.schema, Story.schema]

    func prepare(on database: any Database) async throws {
        for table in Self.tables { try await Withdrawal.addColumns(to: table, on: database) }
    }

    func revert(on database: any Database) async throws {
        for table in Self.tables.reversed() { try await Withdrawal.removeColumns(from: table, on: database) }
    }
}
