import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingRendering
import Vapor

/// Pieces shared by the practice review pages: deadline tags and tables, the clock's answer.
enum ReviewViews {
    static func deadlineTag(_ state: DeadlineState) -> HTMLNode {
        switch state {
        case .met: Components.tag(state.label, colour: "green")
        case .metLate, .missed: Components.tag(state.label, colour: "red")
        case let .pending(days): Components.tag(state.label, colour: days <= 2 ? "yellow" : "blue")
        }
    }

    /// Each deadline with its due date (weekday included, since the clock counts working days),
    /// when it was done and where it stands; or why the clock cannot say.
    static func deadlinesTable(_ deadlines: Result<[Deadline], ClockError>, today: CalendarDate, calendar: WorkingDayCalendar,
                               caption: String = "Statutory deadlines") -> HTMLNode {
        switch deadlines {
        case let .failure(error):
            return el("div", .class("app-record app-record--overdue")) {
                el("p", .class("app-body-text")) { "The clock cannot give these deadlines. \(error.description)" }
            }
        case let .success(list):
            return Components.table(caption: caption, headers: ["Deadline", "Due", "Done", "Where it stands"], rows: list.map { deadline in
                [.text(deadline.kind.label), .text(long(deadline.dueOn)), .text(deadline.doneOn.map(long) ?? "Not yet"),
                 stateCell(deadline, today: today, calendar: calendar)]
            })
        }
    }

    static func stateCell(_ deadline: Deadline, today: CalendarDate, calendar: WorkingDayCalendar) -> HTMLNode {
        do {
            return deadlineTag(try deadline.state(today: today, calendar: calendar))
        } catch {
            return .text(error.description)
        }
    }

    /// "Wednesday 3 January 2024"
    static func long(_ date: CalendarDate) -> String { "\(CalendarDate.weekdayNames[date.weekday - 1]) \(date.long)" }

    /// The first deadline still open, and whether any has been missed.
    static func next(_ deadlines: Result<[Deadline], ClockError>, today: CalendarDate,
                     calendar: WorkingDayCalendar) -> (next: (Deadline, DeadlineState)?, missed: [Deadline]) {
        guard case let .success(list) = deadlines else { return (nil, []) }
        let states = list.compactMap { deadline in (try? deadline.state(today: today, calendar: calendar)).map { (deadline, $0) } }
        let open = states.filter { $0.0.doneOn == nil }.sorted { $0.0.dueOn < $1.0.dueOn }.first
        return (open, states.filter { $0.1.isMissed }.map(\.0))
    }

    static func decisionLabel(_ decision: ReviewDecision?) -> String { decision?.label ?? "Not decided yet" }

    static func subNavigation(_ current: Tab, slug: String) -> HTMLNode {
        let tabs: [(String, SiteRoute, Tab)] = [
            ("Reviews and deadlines", .reviews(slug: slug), .overview),
            ("Themes across reviews", .reviewThemes(slug: slug), .themes),
        ]
        return el("nav", .aria("label", "Practice reviews")) {
            el("ul", .class("app-sub-navigation")) {
                for (label, route, tab) in tabs {
                    el("li") { el("a", .href(route.path), .class("app-link"), tab == current ? .aria("current", "page") : nil) { label } }
                }
            }
        }
    }

    enum Tab { case overview, themes }
}
