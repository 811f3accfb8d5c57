import FluentKit
import Foundation
import SafeguardingDomain

/// Today's date as the app sees it: the calendar day in England, unless pinned. Pinning it
/// (`SAFEGUARDING_TODAY`, or a test's configuration) makes every deadline, overdue flag and
/// default year answer as on that day, without touching the system clock.
public struct AppClock: Sendable, Equatable {
    public let pinned: CalendarDate?

    public init(pinned: CalendarDate? = nil) { self.pinned = pinned }

    public static let live = AppClock()

    public func today() -> CalendarDate { pinned ?? CalendarDate.today() }
}

/// The side effects a use case may have, handed in rather than reached for: the database and
/// today's date. The web layer makes one per request, commands and tests their own, so a use
/// case never reads the system clock or the environment.
public struct AppContext: Sendable {
    public let database: any Database
    public let today: CalendarDate

    public init(database: any Database, today: CalendarDate) {
        self.database = database
        self.today = today
    }
}
