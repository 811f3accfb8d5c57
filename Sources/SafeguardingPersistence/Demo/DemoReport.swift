import FluentKit
import Foundation
import SafeguardingDomain

/// The demo's 2023-24 yearly report: a draft with narrative in our own words (roles, never people),
/// two of the three sign-offs (illustrative dates), and headline totals published for practice
/// reviews, as the reference partnership does. The priorities are the reference report's four.
public enum DemoReport {
    static let actor = Actor(userID: nil, email: "demo loader", address: nil)
    public static let year = ReportingYear(startYear: 2023)

    /// Loads the report after every other module's demo, so each sign-off approves the content as
    /// loaded, composed from `sources` as at the day it was signed.
    public static func load(for partnership: Partnership, sources: [any ReportSectionSource.Type], on db: any Database) async throws {
        guard try await YearlyReport.query(on: db).filter(\.$partnership.$id == partnership.requireID()).count() == 0 else { return }
        for (key, text, headline) in narratives {
            try await ReportStore.saveSection(key, SectionNarrativeDraft(narrative: text, headlineTotals: headline), year: year,
                                              in: partnership, by: actor, on: db)
        }
        // Illustrative: the local authority and the integrated care board have signed; the police have not yet.
        for (partner, role, date) in [(StatutoryPartner.localAuthority, "Director of Children's Services", "2024-09-16"),
                                      (.integratedCareBoard, "Director of Nursing and Quality", "2024-09-18")] {
            let signed = CalendarDate(iso: date)!
            try await ReportStore.signOff(ReportSignOffDraft(partner: partner, signedByRole: role, signedOn: signed),
                                          year: year, in: partnership, by: actor, today: signed, sources: sources, on: db)
        }
    }

    static let narratives: [(String, String, Bool)] = [
        ("foreword", """
        This report looks back on the partnership's work from April 2023 to March 2024. It is written for everyone who cares about children in the area: families, practitioners, councillors and the inspectorates.

        The year brought a new edition of *Working Together to Safeguard Children*, and the statutory partners used it to look again at how they lead, fund and scrutinise the arrangements. Much of what follows is drawn directly from the partnership's own records: its dataset, its audits, its reviews and the actions that came from them.

        Where the figures show progress, the report says what made the difference. Where they do not, it says so plainly, and the priorities for next year follow from it.

        *Illustrative text written for the demonstration.*
        """, false),
        ("governance", """
        The three statutory partners (the council, the integrated care board and the police) share the leadership of the arrangements through the Executive. Each partner's lead has delegated the day-to-day work to a senior officer who sits on the Executive.

        Schools, colleges and early years settings take part through their representatives on the Executive and on the subgroups, and the education safeguarding network carries the partnership's messages back into settings.

        The partners' contributions are shown below; the business unit's costs were met within the year's budget.
        """, false),
        // The next three sections have no data in the app for the year (their modules are not yet in use),
        // so the partnership says where the year's account is, rather than publishing an empty page.
        ("changes", """
        The arrangements stayed largely as they were after *Working Together to Safeguard Children 2023* was published. The partnership has had no independent chair since the safeguarding children board became a partnership; the three lead safeguarding partners (the council's chief executive, the chief constable and the integrated care board's chief executive) delegate the work to the Director of Children's Services, the Director of Nursing and Quality and the police district commander.

        The multi-agency safeguarding procedures were kept up to date through the year: several chapters were refreshed, and new chapters on engaging with fathers and male carers, on transitional safeguarding and on the MAPPA protocol were added. The list of changes is kept with the procedures manual; the procedures change log is not yet kept in this app, so it is not repeated here.

        In the coming year the partnership will seek assurance, through the organisational safeguarding assessment, that organisations have made the changes *Working Together 2023* asks of them.
        """, false),
        ("child_deaths", """
        Child deaths in the area are reviewed by a Child Death Overview Panel shared with neighbouring partnerships. The panel's figures for the year, and what it learned from them, are set out in the panel's own yearly report; the panel's records are not yet kept in this app, so this report does not repeat them.

        Learning from the panel continued to shape the partnership's work on safer sleep, and the panel asked for housing instability and a parent's own care history to be recorded nationally, to understand better how child deaths relate to inequality. Its priorities for next year are safer sleep, stronger child death review processes and continued scrutiny of social and health inequalities.
        """, false),
        ("training", """
        The partnership's multi-agency training programme ran through the year, alongside a safeguarding week of online, hybrid and face-to-face sessions open to practitioners who work with children and with adults. Courses concentrated on the themes the partners had asked practitioners to develop, among them domestic abuse, working with fathers, safer sleep and supervision.

        Attendance and evaluation figures are kept by the partnership's learning and development team and reported in its training report. The workforce learning module is not yet in use in this app, so those figures are not repeated here, and the Working Together checklist shows training as a gap until they are.
        """, false),
        ("scrutiny", """
        Assurance came from three directions: multi-agency audits of real cases, the quarterly dataset with its *story behind the data*, and challenge events that asked each agency **"so what?"** about the actions it had closed.

        Where an indicator worsened, the Performance Management subgroup asked the owning agency for the story behind it, and in some cases commissioned an audit. Those links are shown in the learning tracker.
        """, false),
        ("voice", """
        The Young Advisors scrutinised the partnership's work during the year and put their own questions to the agencies. Surveys of practitioners and of young people added to what the partnership heard through audits and reviews.
        """, false),
        ("reviews", """
        The Practice Review subgroup considered every serious incident notification within the statutory timescales. The learning from the local review of Baby S, published in the year, centred on seeing and involving the men in a child's life; its recommendations and the actions that followed are tracked to evidence of impact.

        The subgroup also drew on national panel reviews and on reflective sessions with practitioners, so that learning did not wait for a formal review.
        """, true),
        ("priorities", """
        The partners agreed four priorities for 2024-25:

        1. Risk and vulnerability in adolescence: strengthening how practitioners respond to harm outside the home for young people aged 10 to 24.
        2. Transition to adulthood: working with the Safeguarding Adults Board so that young people do not fall between children's and adults' services.
        3. Domestic abuse: helping organisations prevent, spot and respond to domestic abuse, including where children are victims in their own right.
        4. Independent scrutiny: reviewing the local arrangements against *Working Together to Safeguard Children 2023*.

        Where progress on agreed actions has been slow, the work carries into next year's business plan.
        """, false),
        ("children", """
        We are the Young Advisors: young people aged 13 to 17 who work with the partnership. This year we asked the people in charge hard questions about how safe young people feel online and in town, and we checked that their answers made sense.

        This short version tells you what the partnership did this year, without the long words.

        *Illustrative text written for the demonstration.*
        """, false),
    ]
}
