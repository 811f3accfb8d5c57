import FluentKit
import Foundation
import SafeguardingDomain

/// The demo partnership: Calderdale's facts and figures from its 2023-24 yearly report,
/// with roles instead of names and our own words. Loading is idempotent: what exists is kept,
/// what is missing is added. Later modules add their demo data through `DemoLoader.load`.
public enum DemoPartnership {
    public static let slug = "calderdale"
    public static let password = "demo-password"
    public static let year = ReportingYear(startYear: 2023)
    /// The demo's organisations have been in the arrangements since statutory arrangements began,
    /// a fixed date so the demo's reports do not depend on the day it is loaded.
    static let joined = CalendarDate(year: 2019, month: 9, day: 29)!

    public struct Account: Sendable {
        public let email: String
        public let name: String
        public let role: Role
        public let organisation: String?
    }

    public static let accounts: [Account] = [
        Account(email: "admin@calderdale.example", name: "Safeguarding Partnerships Manager", role: .administrator, organisation: nil),
        Account(email: "executive@calderdale.example", name: "Delegated safeguarding partner (local authority)", role: .executive, organisation: "Calderdale Council"),
        Account(email: "contributor@calderdale.example", name: "Police safeguarding lead", role: .contributor, organisation: "West Yorkshire Police"),
        Account(email: "cdop@calderdale.example", name: "Child death panel member", role: .childDeathPanelMember, organisation: nil),
        Account(email: "young.advisor@calderdale.example", name: "Young Advisor", role: .youngAdvisor, organisation: nil),
        Account(email: "viewer@calderdale.example", name: "Partnership viewer", role: .viewer, organisation: nil),
    ]

    struct Org {
        let name: String
        let kind: OrganisationKind
        let sector: Sector
        var type: String? = nil
        var lead: String? = nil
        var delegated: String? = nil
    }

    static let organisations: [Org] = [
        Org(name: "Calderdale Council", kind: .localAuthority, sector: .localGovernment, type: "Metropolitan borough council",
            lead: "Chief Executive", delegated: "Director of Children's Services"),
        Org(name: "West Yorkshire Integrated Care Board", kind: .integratedCareBoard, sector: .health, type: "Integrated care board",
            lead: "Chief Executive", delegated: "Director of Nursing and Quality, Calderdale and Kirklees place"),
        Org(name: "West Yorkshire Police", kind: .police, sector: .policing, type: "Police force",
            lead: "Chief Constable", delegated: "District Commander, Calderdale District"),
        // Appendix 2: the relevant agencies.
        Org(name: "Adult Services and Wellbeing", kind: .relevantAgency, sector: .localGovernment, type: "Council directorate"),
        Org(name: "CAFCASS", kind: .relevantAgency, sector: .justice, type: "Family court advisory service"),
        Org(name: "Calderdale and Huddersfield NHS Foundation Trust", kind: .relevantAgency, sector: .health, type: "NHS foundation trust (acute hospitals)"),
        Org(name: "Calderdale College", kind: .schoolOrCollege, sector: .education, type: "Further education college"),
        Org(name: "Calderdale Governors Association", kind: .schoolOrCollege, sector: .education, type: "Governors' association"),
        Org(name: "Early Years Quality and Improvement", kind: .relevantAgency, sector: .earlyYears, type: "Represents childminders, early years settings and out of school clubs"),
        Org(name: "Locala School Nurse and Health Visiting Service", kind: .relevantAgency, sector: .health, type: "Community health provider"),
        Org(name: "Probation Service", kind: .relevantAgency, sector: .justice, type: "Probation"),
        Org(name: "Together Housing Group", kind: .relevantAgency, sector: .housing, type: "Housing association"),
        Org(name: "Primary and Secondary Head Teachers and DSL Network", kind: .schoolOrCollege, sector: .education, type: "Head teachers' associations and designated safeguarding lead network"),
        Org(name: "Alternative Providers of Education", kind: .schoolOrCollege, sector: .education, type: "Alternative provision"),
        Org(name: "Public Health", kind: .relevantAgency, sector: .health, type: "Council public health team"),
        Org(name: "South West Yorkshire Partnership NHS Foundation Trust", kind: .relevantAgency, sector: .health, type: "NHS foundation trust (mental health)"),
        Org(name: "Voluntary Sector Infrastructure Service", kind: .voluntarySector, sector: .voluntary, type: "Voluntary sector infrastructure alliance"),
        Org(name: "West Yorkshire Fire and Rescue Service", kind: .relevantAgency, sector: .fireAndRescue, type: "Fire and rescue service"),
        Org(name: "Women's Centre", kind: .voluntarySector, sector: .voluntary, type: "Specialist domestic abuse provider"),
        Org(name: "Youth Justice Service", kind: .relevantAgency, sector: .justice, type: "Youth justice"),
        Org(name: "Children's Residential Homes", kind: .relevantAgency, sector: .care, type: "Children's homes, including private providers"),
        Org(name: "Independent Fostering Agencies", kind: .relevantAgency, sector: .care, type: "Fostering agencies"),
        Org(name: "Halifax Opportunities Trust and North Halifax Partnership", kind: .voluntarySector, sector: .voluntary, type: "Children's centre, family hubs and family support"),
        Org(name: "Yorkshire Ambulance Service", kind: .relevantAgency, sector: .health, type: "NHS ambulance trust"),
        Org(name: "One Adoption", kind: .relevantAgency, sector: .care, type: "Regional adoption agency"),
        Org(name: "British Transport Police", kind: .relevantAgency, sector: .policing, type: "Police force"),
        Org(name: "Sports and Leisure Organisations", kind: .voluntarySector, sector: .sportAndLeisure, type: "Sport and leisure settings"),
        Org(name: "Religious Organisations", kind: .voluntarySector, sector: .faith, type: "Faith settings"),
    ]

    struct Body {
        let name: String
        let kind: GroupKind
        let purpose: String
        var chair: String? = nil
        var chairOrganisation: String? = nil
        var reportsTo: String? = nil
        var jointWith: String? = nil
        var members: [(String?, String, String)] = []
    }

    static let executive = "CSCP Executive"

    static let bodies: [Body] = [
        Body(name: executive, kind: .executive,
             purpose: "Leads the arrangements, holds partners to account, agrees priorities and signs off the yearly report.",
             chair: "Co-chaired by the three delegated safeguarding partners",
             members: [
                ("Calderdale Council", "Delegated safeguarding partner: Director of Children's Services", "chair"),
                ("West Yorkshire Integrated Care Board", "Delegated safeguarding partner: Director of Nursing and Quality", "chair"),
                ("West Yorkshire Police", "Delegated safeguarding partner: District Commander", "chair"),
                ("West Yorkshire Police", "Police strategic lead", "member"),
                ("Primary and Secondary Head Teachers and DSL Network", "Primary head teachers' network representative", "member"),
                ("Primary and Secondary Head Teachers and DSL Network", "Secondary head teachers' network representative", "member"),
                ("Calderdale Governors Association", "Chair of the governors' association", "member"),
                ("Calderdale College", "Vice Principal", "member"),
                ("Women's Centre", "Chief executive of the domestic abuse provider", "member"),
                ("Voluntary Sector Infrastructure Service", "Delivery manager", "member"),
                (nil, "Safeguarding Partnerships Manager (business unit)", "member"),
             ]),
        Body(name: "Quality Assurance Subgroup", kind: .subgroup, purpose: "Runs multi-agency audits and surveys, reflects on what they find and recommends improvements.", reportsTo: executive),
        Body(name: "Performance Management Subgroup", kind: .subgroup, purpose: "Keeps the multi-agency dataset and the story behind each indicator, and escalates worsening trends to the Executive.", reportsTo: executive),
        Body(name: "Child Safeguarding Practice Review Subgroup", kind: .subgroup, purpose: "Senior managers' quality assurance of every rapid review, local review and reflective session, and of the actions that follow.", reportsTo: executive),
        Body(name: "Risk and Vulnerability in Adolescence Subgroup", kind: .subgroup, purpose: "Contextual safeguarding and harm outside the home for young people aged 10 to 24.", reportsTo: executive),
        Body(name: "Safeguarding Engagement Subgroup", kind: .subgroup, purpose: "Brings the voice of children, families and communities into the partnership's work.", reportsTo: executive, jointWith: "Calderdale Safeguarding Adults Board"),
        Body(name: "Child Death Overview Panel", kind: .panel, purpose: "Reviews the death of every child normally resident in the area, with the neighbouring areas that share the panel.", reportsTo: executive, jointWith: "Kirklees and Wakefield"),
        Body(name: "Young Advisors", kind: .network, purpose: "Young people aged 13 to 17 employed by the partnership who scrutinise its work and put challenge questions.", reportsTo: executive),
        Body(name: "Think Family Task and Finish Group", kind: .taskAndFinish, purpose: "Joins up adult and children's services around the whole family, following review learning.", reportsTo: "Child Safeguarding Practice Review Subgroup"),
    ]

    struct Fact {
        let key: String
        let label: String
        let value: Double
        let unit: String
    }

    static let source = "Calderdale SCP yearly report 2023-24, section 1"

    static let facts: [Fact] = [
        Fact(key: "population", label: "Population", value: 207_700, unit: "count"),
        Fact(key: "children", label: "Children", value: 49_400, unit: "count"),
        Fact(key: "children_share", label: "Children as a share of residents", value: 24, unit: "percent"),
        Fact(key: "child_poverty_0_15", label: "Children aged 0 to 15 living in poverty", value: 22.6, unit: "percent"),
        Fact(key: "child_poverty_0_15_england", label: "Children aged 0 to 15 living in poverty, England", value: 19.8, unit: "percent"),
        Fact(key: "child_poverty_highest_area", label: "Child poverty in the most affected areas", value: 69.6, unit: "percent"),
        Fact(key: "free_school_meals", label: "Children eligible for free school meals", value: 25.5, unit: "percent"),
        Fact(key: "free_school_meals_highest_area", label: "Free school meals eligibility in the most affected areas", value: 63.8, unit: "percent"),
        Fact(key: "households_uc_hb", label: "Households claiming Universal Credit or Housing Benefit", value: 27_387, unit: "count"),
        Fact(key: "households_uc_hb_children", label: "Of which households with dependent children", value: 10_385, unit: "count"),
        Fact(key: "children_in_care_rate_2023", label: "Children in care per 10,000 at 31 March 2023", value: 79, unit: "rate"),
        Fact(key: "children_in_care_rate_2023_england", label: "Children in care per 10,000 at 31 March 2023, England", value: 71, unit: "rate"),
    ]

    struct Line {
        let label: String
        let organisation: String?
        let category: ContributionCategory
        let pounds: Int
        var note: String? = nil
    }

    static let contributions: [Line] = [
        Line(label: "ICB contribution", organisation: "West Yorkshire Integrated Care Board", category: .partner, pounds: 80_360,
             note: "£30,000 of this paid for dedicated independent domestic violence adviser work in the area, from savings in the partnership budget."),
        Line(label: "Police contribution", organisation: "West Yorkshire Police", category: .partner, pounds: 14_630),
        Line(label: "Council contribution (children's budget)", organisation: "Calderdale Council", category: .partner, pounds: 114_010),
        Line(label: "Section 31 grant for safeguarding partnerships", organisation: nil, category: .grant, pounds: 47_300),
        Line(label: "Other contributions", organisation: nil, category: .other, pounds: 2_010),
    ]

    /// Adds whatever of the demo partnership is missing. `hashPassword` turns a password into a
    /// stored hash (bcrypt in the app). Returns the partnership.
    @discardableResult
    public static func load(on db: any Database, hashPassword: (String) throws -> String) async throws -> Partnership {
        let passwordHash = try hashPassword(password)
        return try await db.transaction { tx in
            let partnership: Partnership
            if let existing = try await RegisterStore.partnership(slug: slug, on: tx) {
                partnership = existing
            } else {
                partnership = Partnership(name: "Calderdale Safeguarding Children Partnership", shortName: "CSCP", slug: slug,
                                          localAuthorityCode: "E08000033", localAuthorityName: "Calderdale")
                try await partnership.create(on: tx)
            }
            let pid = try partnership.requireID()

            let knownFacts = Set(try await AreaFact.query(on: tx).filter(\.$partnership.$id == pid).all(\.$key))
            for (i, fact) in facts.enumerated() where !knownFacts.contains(fact.key) {
                try await AreaFact(partnershipID: pid, key: fact.key, label: fact.label, value: fact.value, unit: fact.unit,
                                   source: source, position: i).create(on: tx)
            }

            var orgIDs: [String: UUID] = [:]
            for existing in try await RegisterStore.organisations(partnership, on: tx) { orgIDs[existing.name] = existing.id }
            for org in organisations where orgIDs[org.name] == nil {
                let model = Organisation(partnershipID: pid, name: org.name, kind: org.kind, sector: org.sector, typeDescription: org.type,
                                         leadPartnerRole: org.lead, delegatedPartnerRole: org.delegated, joinedOn: joined)
                try await model.create(on: tx)
                orgIDs[org.name] = model.id
            }

            var groupIDs: [String: UUID] = [:]
            for existing in try await RegisterStore.groups(partnership, on: tx) { groupIDs[existing.name] = existing.id }
            for (i, body) in bodies.enumerated() where groupIDs[body.name] == nil {
                let group = PartnershipGroup(partnershipID: pid, name: body.name, kind: body.kind, purpose: body.purpose, chair: body.chair,
                                             chairOrganisationID: body.chairOrganisation.flatMap { orgIDs[$0] },
                                             reportsToID: body.reportsTo.flatMap { groupIDs[$0] }, jointWith: body.jointWith, position: i,
                                             setUpOn: UpdateOrganisationsAddMembershipDates.arrangementsBegan)
                try await group.create(on: tx)
                let groupID = try group.requireID()
                groupIDs[body.name] = groupID
                for (organisation, role, seat) in body.members {
                    try await GroupMember(partnershipID: pid, groupID: groupID, organisationID: organisation.flatMap { orgIDs[$0] },
                                          memberRole: role, seat: seat, startedOn: UpdateOrganisationsAddMembershipDates.arrangementsBegan).create(on: tx)
                }
                if body.kind == .executive {
                    try await Meeting(partnershipID: pid, groupID: groupID, heldOn: CalendarDate(year: 2023, month: 10, day: 12)!,
                                      title: "Development day with the Young Advisors (illustrative date)",
                                      summary: "The Young Advisors challenged partners on how children are helped through transitions.").create(on: tx)
                    try await Meeting(partnershipID: pid, groupID: groupID, heldOn: CalendarDate(year: 2024, month: 3, day: 14)!,
                                      title: "Executive meeting (illustrative date)",
                                      summary: "Police raised children being looked after in the police station on Friday evenings; the local authority agreed a new pathway and an on-call foster carer.").create(on: tx)
                }
            }

            let lines = try await RegisterStore.finance(partnership, year: year, on: tx).contributions
            let knownLabels = Set(lines.map(\.label))
            for (i, line) in contributions.enumerated() where !knownLabels.contains(line.label) {
                try await Contribution(partnershipID: pid, year: year, organisationID: line.organisation.flatMap { orgIDs[$0] }, label: line.label,
                                       category: line.category, amount: Pence(line.pounds * 100), note: line.note, position: i + 1).create(on: tx)
            }

            for account in accounts {
                let user: User
                if let existing = try await User.query(on: tx).filter(\.$email == account.email).first() {
                    user = existing
                } else {
                    user = User(email: account.email, name: account.name, passwordHash: passwordHash)
                    try await user.create(on: tx)
                }
                let userID = try user.requireID()
                let hasMembership = try await Membership.query(on: tx).filter(\.$user.$id == userID).filter(\.$partnership.$id == pid).count() > 0
                if !hasMembership {
                    try await Membership(userID: userID, partnershipID: pid, role: account.role,
                                         organisationID: account.organisation.flatMap { orgIDs[$0] }).create(on: tx)
                }
            }
            return partnership
        }
    }
}
