import FluentKit
import Foundation
import SafeguardingDomain

/// The demo's practice reviews, loaded through the store functions and the same validation as the
/// forms. Baby S, the reflective session and the two national panel reviews follow the reference
/// year; the earlier reviews (Child R, Siblings T, Child Q), the year's two rapid reviews (Child X,
/// Young person Y: the reference report gives no count) and the two open incidents are
/// illustrative, so the themes page has four years to count, the 2023-24 report has notifications
/// and rapid reviews behind its narrative, and the dashboard has live deadlines.
/// Written in our own words; people are named by role.
public enum DemoReviews {
    static let actor = Actor(userID: nil, email: "demo loader", address: nil)
    static let reviewGroup = "Child Safeguarding Practice Review Subgroup"

    public static func load(for partnership: Partnership, today: CalendarDate, on db: any Database) async throws {
        try await db.transaction { tx in try await loadAll(for: partnership, today: today, on: tx) }
    }

    static func loadAll(for partnership: Partnership, today: CalendarDate, on db: any Database) async throws {
        let pid = try partnership.requireID()
        guard try await SeriousIncident.query(on: db).filter(\.$partnership.$id == pid).count() == 0,
              try await LocalReview.query(on: db).filter(\.$partnership.$id == pid).count() == 0 else { return }
        let groups = try await RegisterStore.groups(partnership, on: db)
        let organisations = try await RegisterStore.organisations(partnership, on: db)
        func org(_ name: String) -> String { organisations.first { $0.name == name }!.id!.uuidString }
        guard let group = groups.first(where: { $0.name == reviewGroup }) else { return }
        try await ReviewStore.saveSettings(.statutory, reviewGroup: group.id!.uuidString, in: partnership, by: actor, on: db)
        try await seatReviewGroup(group, partnership: partnership, organisations: organisations, on: db)

        // Earlier reviews, for the four-year themes review (illustrative).
        for review in earlierReviews {
            let local = try await ReviewStore.createLocalReview(
                LocalReviewDraft.validate(["child_reference": review.reference, "reporting_year": review.year, "reviewer": "Independent reviewer (illustrative)",
                                           "decided_on": review.decided, "terms_of_reference": review.terms.joined(separator: "\n"),
                                           "summary": "Illustrative: an earlier review, so the themes across four years can be counted."]),
                incidentID: nil, in: partnership, isIllustrative: true, by: actor, on: db)
            try await ReviewStore.recordPublication(
                PublicationDraft.validate(["copy_sent_on": review.copySent, "published_on": review.published,
                                           "publication_link": "https://safeguarding.calderdale.gov.uk/"], decidedOn: CalendarDate(iso: review.decided)!, today: today),
                for: local.requireID(), in: partnership, by: actor, on: db)
            var content = review.content
            if review.reference == "Child R" { content.challengeEvents = childREvents }
            try await DemoLearning.addContent(of: content, to: local.$source.id, in: partnership, on: db)
        }
        let childQ = try await ReviewStore.createIncident(
            IncidentDraft.validate(["child_reference": "Child Q", "age_band": "10_15", "harm": "serious_harm", "aware_on": "2022-07-04",
                                    "summary": "Illustrative: a young person seriously harmed at home; domestic abuse known to several agencies.",
                                    "agencies": [org("West Yorkshire Police"), org("South West Yorkshire Partnership NHS Foundation Trust"), org("Calderdale Council")].joined(separator: ",")],
                                   today: today), in: partnership, isIllustrative: true, by: actor, on: db)
        try await runRapidReview(childQ.requireID(), notified: "2022-07-08", panel: "2022-07-20", decision: "no_local_review",
                                 reasons: "The learning was clear and is taken forward through single-agency action plans and the domestic abuse audit.",
                                 signed: "2022-07-25", submitted: "2022-07-26", partnership: partnership, org: org, today: today, on: db)
        try await DemoLearning.addContent(of: childQLearning, to: childQ.$source.id, in: partnership, on: db)

        // Baby S: the review the reference year concluded, with its complete action plan.
        let babyS = try await ReviewStore.createIncident(
            IncidentDraft.validate(["child_reference": "Baby S", "age_band": "under_1", "harm": "serious_harm", "aware_on": "2022-10-24",
                                    "summary": "A very young baby suffered significant harm from suspected non-accidental injuries (dates illustrative).",
                                    "agencies": [org("West Yorkshire Police"), org("Calderdale and Huddersfield NHS Foundation Trust"), org("Calderdale Council"),
                                                 org("Locala School Nurse and Health Visiting Service"), org("South West Yorkshire Partnership NHS Foundation Trust"),
                                                 org("Adult Services and Wellbeing")].joined(separator: ",")], today: today),
            in: partnership, isIllustrative: true, by: actor, on: db)
        let babySID = try babyS.requireID()
        try await runRapidReview(babySID, notified: "2022-10-27", panel: "2022-11-09", decision: "local_review",
                                 reasons: "Several agencies knew parts of the family's story and no one saw the whole of it: a local review can show why.",
                                 signed: "2022-11-14", submitted: "2022-11-15", partnership: partnership, org: org, today: today, on: db)
        let babySReview = try await ReviewStore.createLocalReview(
            LocalReviewDraft.validate(["child_reference": "Baby S", "reporting_year": "2023-24", "reviewer": "Independent lead reviewer",
                                       "decided_on": "2022-11-09", "terms_of_reference": babySTerms.joined(separator: "\n"),
                                       "planned_publication_on": "2023-05-02",
                                       "summary": "A very young baby suffered significant harm from suspected non-accidental injuries. The review asked how well services saw everyone in the baby's life, and how adult and children's services worked together."]),
            incidentID: babySID, in: partnership, isIllustrative: true, by: actor, on: db)
        let babySReviewID = try babySReview.requireID()
        for (title, due, done) in babySMilestones {
            try await ReviewStore.addMilestone(MilestoneDraft.validate(["milestone_title": title, "milestone_due_on": due, "milestone_done_on": done]),
                                               to: babySReviewID, in: partnership, by: actor, on: db)
        }
        try await ReviewStore.recordPublication(
            PublicationDraft.validate(["copy_sent_on": "2023-04-18", "published_on": "2023-05-02", "publication_link": "https://safeguarding.calderdale.gov.uk/"],
                                      decidedOn: CalendarDate(year: 2022, month: 11, day: 9)!, today: today),
            for: babySReviewID, in: partnership, by: actor, on: db)
        var babySContent = babySLearning
        babySContent.challengeEvents = babySEvents
        try await DemoLearning.addContent(of: babySContent, to: babySReview.$source.id, in: partnership, on: db)

        // The reference year's notifications: both rapid reviews on time, neither needing a local review (illustrative).
        for (reference, ageBand, aware, notified, panel, signed, submitted, summary, agencies, reasons) in yearsRapidReviews {
            let incident = try await ReviewStore.createIncident(
                IncidentDraft.validate(["child_reference": reference, "age_band": ageBand, "harm": "serious_harm", "aware_on": aware,
                                        "summary": summary, "agencies": agencies.map(org).joined(separator: ",")], today: today),
                in: partnership, isIllustrative: true, by: actor, on: db)
            try await runRapidReview(incident.requireID(), notified: notified, panel: panel, decision: "no_local_review", reasons: reasons,
                                     signed: signed, submitted: submitted, partnership: partnership, org: org, today: today, on: db)
        }

        // The reflective session and the national panel's reviews, as sources of learning.
        for demo in [reflectiveSession] + nationalReviews {
            let source = try await LearningStore.createSource(
                SourceDraft(kind: demo.kind, title: demo.title, reportingYear: ReportingYear(demo.year)!, summary: demo.summary,
                            group: demo.kind == .reflectiveSession ? group.id!.uuidString : nil,
                            startedOn: demo.startedOn.flatMap(CalendarDate.init(iso:)), completedOn: demo.completedOn.flatMap(CalendarDate.init(iso:)),
                            challengeDueOn: demo.challengeDueOn.flatMap(CalendarDate.init(iso:)), reviewer: demo.reviewer),
                in: partnership, isIllustrative: (demo.summary ?? "").contains("llustrative"), by: actor, on: db)
            try await DemoLearning.addContent(of: demo, to: source.requireID(), in: partnership, on: db)
        }

        try await openIncidents(partnership: partnership, org: org, today: today, on: db)
    }

    /// Seats on the review subgroup; the police seat is the demo contributor's account, so that
    /// account sees unpublished reviews while the demo viewer does not.
    static func seatReviewGroup(_ group: PartnershipGroup, partnership: Partnership, organisations: [Organisation], on db: any Database) async throws {
        let pid = try partnership.requireID()
        guard try await GroupMember.query(on: db).filter(\.$group.$id == group.requireID()).count() == 0 else { return }
        let contributor = try await User.query(on: db).filter(\.$email == "contributor@calderdale.example").first()
        let seats: [(String?, String, String, User?)] = [
            ("Calderdale Council", "Head of Safeguarding and Quality Assurance, children's services", "chair", nil),
            ("West Yorkshire Police", "Detective Chief Inspector, safeguarding", "member", contributor),
            ("West Yorkshire Integrated Care Board", "Designated Nurse for Safeguarding Children", "member", nil),
            ("Calderdale and Huddersfield NHS Foundation Trust", "Named Nurse for Safeguarding Children", "member", nil),
            (nil, "Safeguarding Partnerships Manager (business unit)", "member", nil),
        ]
        for (organisation, role, seat, user) in seats {
            let member = GroupMember(partnershipID: pid, groupID: try group.requireID(),
                                     organisationID: organisation.flatMap { name in organisations.first { $0.name == name }?.id }, memberRole: role, seat: seat,
                                     startedOn: UpdateOrganisationsAddMembershipDates.arrangementsBegan)
            member.$user.id = user?.id
            try await member.create(on: db)
        }
    }

    static func runRapidReview(_ id: UUID, notified: String, panel: String, decision: String, reasons: String, signed: String, submitted: String,
                               partnership: Partnership, org: (String) -> String, today: CalendarDate, on db: any Database) async throws {
        let incident = try await ReviewStore.incident(id, in: partnership, on: db)
        try await ReviewStore.recordNotification(NotificationDraft.validate(["notified_on": notified], awareOn: incident.aware, today: today),
                                                 for: id, in: partnership, by: actor, on: db)
        for agency in try await IncidentAgency.query(on: db).filter(\.$incident.$id == id).all() {
            let requested = CalendarDate(iso: notified)!
            try await ReviewStore.recordAgencySummary(
                AgencySummaryDraft.validate(["organisation": agency.$organisation.id.uuidString, "requested_on": requested.description,
                                             "received_on": CalendarDate(iso: panel)!.addingDays(-3).description]),
                for: id, in: partnership, by: actor, on: db)
        }
        try await ReviewStore.recordRapidReview(
            RapidReviewDraft.validate(["panel_met_on": panel, "decision": decision, "decision_reasons": reasons, "decided_on": panel,
                                       "immediate_actions": "Safety plans for the other children in the household were checked the same day; each agency confirmed its records were shared with the review."],
                                      notifiedOn: CalendarDate(iso: notified)),
            for: id, in: partnership, by: actor, on: db)
        for (name, role) in [("Calderdale Council", "Director of Children's Services"), ("West Yorkshire Integrated Care Board", "Director of Nursing and Quality"),
                             ("West Yorkshire Police", "Detective Superintendent, safeguarding")] {
            try await ReviewStore.recordSignOff(SignOffDraft.validate(["signoff_organisation": org(name), "signed_by_role": role, "signed_on": signed]),
                                                for: id, in: partnership, by: actor, on: db)
        }
        try await ReviewStore.submitRapidReview(["submitted_on": submitted], for: id, in: partnership, today: today, by: actor, on: db)
    }

    /// The serious incidents of the reference year (illustrative: the reference report gives no
    /// count), each rapid review submitted within the statutory 15 working days of its notification.
    static let yearsRapidReviews: [(reference: String, ageBand: String, aware: String, notified: String, panel: String, signed: String, submitted: String,
                                    summary: String, agencies: [String], reasons: String)] = [
        ("Child X", "1_4", "2023-06-12", "2023-06-15", "2023-06-30", "2023-07-03", "2023-07-04",
         "Illustrative: a toddler seriously injured in a fall from a window while a parent was intoxicated.",
         ["West Yorkshire Police", "Calderdale and Huddersfield NHS Foundation Trust", "Calderdale Council"],
         "Agencies had acted on what they knew; the learning, about home safety and parental drinking, is taken forward in single-agency plans."),
        ("Young person Y", "16_17", "2024-01-15", "2024-01-18", "2024-02-02", "2024-02-06", "2024-02-07",
         "Illustrative: a young person seriously harmed through criminal exploitation outside the home.",
         ["West Yorkshire Police", "Calderdale Council", "South West Yorkshire Partnership NHS Foundation Trust"],
         "The learning matches the partnership's adolescent risk priority and the exploitation audit already under way, so it is taken forward there."),
    ]

    /// Two incidents still on the clock, dated from today so the dashboard always has live
    /// deadlines: one waiting for its notification, one whose notification went a day late.
    /// An incident that would then fall in or before the demo's reported year (the demo loaded on a
    /// day in 2023-24 or just after) is left out, so that year's report never depends on the day.
    static func openIncidents(partnership: Partnership, org: (String) -> String, today: CalendarDate, on db: any Database) async throws {
        let calendar = try await ReviewStore.calendar(on: db)
        guard let childVAware = try? calendar.adding(workingDays: -2, to: today),
              let babyWAware = try? calendar.adding(workingDays: -16, to: today),
              let babyWNotified = try? calendar.adding(workingDays: 6, to: babyWAware) else { return }
        let reportedYearEnds = DemoReport.year.lastDay
        guard childVAware > reportedYearEnds else { return }
        _ = try await ReviewStore.createIncident(
            IncidentDraft.validate(["child_reference": "Child V", "age_band": "5_9", "harm": "serious_harm", "aware_on": childVAware.description,
                                    "summary": "Illustrative: a child admitted to hospital with injuries that staff could not explain.",
                                    "agencies": [org("Calderdale and Huddersfield NHS Foundation Trust"), org("Calderdale Council")].joined(separator: ",")], today: today),
            in: partnership, isIllustrative: true, by: actor, on: db)
        guard babyWAware > reportedYearEnds else { return }
        let babyW = try await ReviewStore.createIncident(
            IncidentDraft.validate(["child_reference": "Baby W", "age_band": "under_1", "harm": "death", "aware_on": babyWAware.description,
                                    "summary": "Illustrative: the sudden death of an infant where neglect is suspected.",
                                    "agencies": [org("West Yorkshire Police"), org("Locala School Nurse and Health Visiting Service"), org("Calderdale Council"),
                                                 org("Together Housing Group")].joined(separator: ",")], today: today),
            in: partnership, isIllustrative: true, by: actor, on: db)
        let id = try babyW.requireID()
        try await ReviewStore.recordNotification(NotificationDraft.validate(["notified_on": babyWNotified.description, "panel_reference": "Illustrative-0001"],
                                                                            awareOn: babyWAware, today: today),
                                                 for: id, in: partnership, by: actor, on: db)
        for (index, agency) in try await IncidentAgency.query(on: db).filter(\.$incident.$id == id).all().enumerated() {
            var fields = ["organisation": agency.$organisation.id.uuidString, "requested_on": babyWNotified.description]
            if index < 3 { fields["received_on"] = min(today, babyWNotified.addingDays(7)).description }
            try await ReviewStore.recordAgencySummary(AgencySummaryDraft.validate(fields), for: id, in: partnership, by: actor, on: db)
        }
    }
}
