import FluentKit

/// A survey's public link takes at most this many responses (`SurveyLimits`); surveys built before
/// have none stored and take the default.
struct UpdateSurveysAddMaximumResponses: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Survey.schema).field("maximum_responses", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Survey.schema).deleteField("maximum_responses").update()
    }
}
