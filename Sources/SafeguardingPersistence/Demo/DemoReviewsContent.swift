import SafeguardingDomain

/// The words of the demo's practice reviews, written for this app. Themes are the tags the
/// themes-across-reviews page counts, in lower case.
extension DemoReviews {
    struct EarlierReview {
        let reference: String
        let year: String
        let decided: String
        let copySent: String
        let published: String
        let terms: [String]
        let content: DemoSource
    }

    static func finding(_ text: String, _ themes: [String], _ recommendations: [DemoRecommendation] = [],
                        kind: FindingKind = .areaForImprovement) -> DemoFinding {
        DemoFinding(kind: kind, text: text, themes: themes, recommendations: recommendations)
    }

    static func done(_ text: String, _ organisation: String, _ owner: String, due: String, changed: String, know: String,
                     reference: String? = nil, recorded: String) -> DemoAction {
        DemoAction(text: text, organisation: organisation, owner: owner, dueOn: due, status: .done,
                   evidence: DemoEvidence(whatChanged: changed, howWeKnow: know, reference: reference, recordedOn: recorded))
    }

    static let earlierReviews: [EarlierReview] = [
        EarlierReview(
            reference: "Child R", year: "2020-21", decided: "2020-02-10", copySent: "2020-07-27", published: "2020-08-10",
            terms: ["How well agencies recognised domestic abuse in the household", "How information moved between adult mental health and children's services"],
            content: DemoSource(kind: .localReview, title: "Child R", findings: [
                finding("Police attended several domestic abuse incidents at the home, but the child's school and health visitor did not hear of them.",
                        ["domestic abuse", "information sharing"],
                        [DemoRecommendation(text: "Tell schools the next morning when police attend domestic abuse where a child lives (illustrative).", actions: [
                            done("Join the notification scheme that tells schools about domestic abuse incidents", "West Yorkshire Police", "Safeguarding Central Governance Unit",
                                 due: "2021-03-31", changed: "Schools receive a notification the morning after an incident.", know: "Monthly notification counts reported to the subgroup.",
                                 recorded: "2021-04-20")])]),
                finding("A parent's adult mental health team knew of risks to the children that children's social care did not see.",
                        ["information sharing between mental health and children's services", "parental mental ill health"]),
                finding("The mother's new partner was never assessed, although he lived in the home.", ["hidden men"]),
            ])),
        EarlierReview(
            reference: "Siblings T", year: "2021-22", decided: "2021-03-15", copySent: "2021-08-31", published: "2021-09-13",
            terms: ["How neglect over time was recognised", "How parental substance misuse and mental ill health were assessed together"],
            content: DemoSource(kind: .localReview, title: "Siblings T", findings: [
                finding("Neglect built up over years; each agency saw one incident at a time and no one held the history.", ["neglect", "multi-agency chronology"]),
                finding("Substance misuse and a parent's mental ill health were treated by separate services that did not meet.",
                        ["substance misuse", "parental mental ill health", "information sharing between mental health and children's services"]),
                finding("Domestic abuse by a former partner continued after separation and was not seen as ongoing risk.", ["domestic abuse", "hidden men"]),
            ])),
    ]

    static let childREvents: [DemoChallengeEvent] = [
                DemoChallengeEvent(heldOn: "2021-05-13", whoWasChallenged: "Police and schools' safeguarding leads (illustrative)",
                                   assuranceGiven: "Schools confirmed they receive next-morning notifications.", judgements: [.assured]),
    ]

    static let childQLearning = DemoSource(kind: .rapidReview, title: "Child Q", findings: [
        finding("Several agencies held pieces of information about domestic abuse in the home; none had the whole picture.", ["domestic abuse", "information sharing"]),
        finding("The young person's mental health service did not know children's social care was involved.",
                ["information sharing between mental health and children's services"]),
    ])

    static let babySTerms = [
        "How well did agencies identify and assess all the adults significant in the baby's life?",
        "How well did adult services and children's services share information and work together, including on parental mental ill health and substance misuse?",
        "How well were parents prepared for coping with a crying baby?",
        "What does the partnership need to change, and how will it know the change has worked?",
    ]

    static let babySMilestones: [(String, String, String)] = [
        ("Terms of reference agreed by the subgroup", "2022-12-12", "2022-12-12"),
        ("Agency chronologies received", "2023-01-27", "2023-01-26"),
        ("Practitioner learning event", "2023-02-22", "2023-02-22"),
        ("Family's contribution", "2023-03-15", "2023-03-21"),
        ("Draft report to the subgroup", "2023-03-29", "2023-03-29"),
        ("Partners sign off the final report", "2023-04-12", "2023-04-14"),
    ]

    static let babySEvents: [DemoChallengeEvent] = [
        DemoChallengeEvent(heldOn: "2024-02-08", whoWasChallenged: "Leads for each action, at the practice review subgroup (illustrative date)",
                           assuranceGiven: "Each lead showed what had changed and how they knew; the ICON audit's findings are awaited.",
                           judgements: [.assured, .assured, .assured, .partlyAssured, .assured]),
    ]

    static let babySLearning = DemoSource(kind: .localReview, title: "Baby S", findings: [
        finding("Assessments focused on the mother; the adult men in the baby's life were barely known to agencies.", ["hidden men"], [
            DemoRecommendation(text: "Every organisation considers the national learning on 'invisible men' and its impact on its practice and multi-agency working; assessments consider all the people significant in the child's life.", actions: [
                done("Brief practitioners on the 'invisible men' learning and add a prompt for every significant adult to assessment templates", "Calderdale Council",
                     "Head of Safeguarding and Quality Assurance", due: "2023-09-30",
                     changed: "Assessment templates now ask who else lives in or visits the home, and for each man's history.",
                     know: "A dip sample of 20 assessments found significant adults recorded in 17 (illustrative figure).", recorded: "2023-10-16"),
                done("Include fathers and male carers in health visiting contacts and records", "Locala School Nurse and Health Visiting Service",
                     "Named Nurse for Safeguarding Children", due: "2023-12-31",
                     changed: "Health visitors record fathers and male carers at the new birth visit.", know: "Record audit reported to the subgroup.",
                     recorded: "2024-01-15"),
            ]),
            DemoRecommendation(text: "The West Yorkshire procedures include a chapter on engaging with fathers, male partners, carers and other significant adults.", actions: [
                done("Propose and agree the new procedures chapter with the West Yorkshire consortium", "Calderdale Council", "Partnership procedures lead",
                     due: "2023-12-31", changed: "A new chapter on engaging fathers, male partners, carers and other significant adults is in the consortium procedures.",
                     know: "Published in the procedures and in the change log.", reference: "West Yorkshire Consortium procedures, engaging fathers chapter",
                     recorded: "2023-11-06"),
            ]),
        ]),
        finding("Adult mental health and substance misuse services did not share what they knew with children's services, and parenting capacity was not assessed.",
                ["information sharing between mental health and children's services", "parental mental ill health", "substance misuse"], [
            DemoRecommendation(text: "Improve communication and integration between children's and adult services, including the response to parental mental ill health and substance misuse and parenting assessments.", actions: [
                done("Agree a joint protocol for adult mental health and children's social care on sharing information about parents", "South West Yorkshire Partnership NHS Foundation Trust",
                     "Named Professional for Safeguarding", due: "2023-10-31",
                     changed: "A joint protocol sets out when adult mental health shares information about parents and how children's social care replies.",
                     know: "Referrals from adult mental health to the front door rose after the protocol (illustrative).", recorded: "2023-11-20"),
                done("Include adult substance misuse workers in child protection conferences where a parent uses their service", "Adult Services and Wellbeing",
                     "Service manager, substance misuse", due: "2024-01-31",
                     changed: "Substance misuse workers are invited to conferences and send reports.", know: "Conference attendance records.",
                     recorded: "2024-02-12"),
            ]),
            DemoRecommendation(text: "Adopt a 'Think Family' approach across the partnership: a whole-family response built on the principles of 'Reaching out: think family'.", actions: [
                done("Set up a Think Family task and finish group to compare approaches elsewhere with what the area already does", "Calderdale Council",
                     "Head of Early Intervention", due: "2024-03-31",
                     changed: "The group met and mapped approaches elsewhere against local work (multiple-disadvantage support, systemic practice, the early help pathway) and other priorities such as domestic abuse and transitions.",
                     know: "Its notes went to the subgroup; its work continues and will be reported next year.", recorded: "2024-03-25"),
            ]),
        ]),
        finding("Parents had not been given consistent advice on coping with a crying baby.", ["infant crying and abusive head trauma"], [
            DemoRecommendation(text: "Roll the ICON programme (coping with crying) out to health partners, audit how well it is embedded, and spread it to every agency in the partnership.", actions: [
                done("Relaunch ICON with midwives, health visitors and GPs", "Calderdale and Huddersfield NHS Foundation Trust", "Named Midwife for Safeguarding",
                     due: "2023-07-31",
                     changed: "ICON was relaunched: its messages (crying is normal and will stop; comfort methods can help; it is OK to walk away if the baby is safe; never shake a baby) are given at set contacts.",
                     know: "Contacts where ICON is discussed are recorded in maternity and health visiting records.", recorded: "2023-08-14"),
                done("Start an audit among health services of how ICON is embedded and what difference it makes", "West Yorkshire Integrated Care Board",
                     "Designated Nurse for Safeguarding Children", due: "2024-03-31",
                     changed: "The audit is underway across health services.", know: "Audit plan and first returns reported to the subgroup; findings due in 2024-25.",
                     recorded: "2024-03-18"),
                done("Share ICON with every agency in the partnership through training and the Safeguarding Week programme", "Calderdale Council",
                     "Safeguarding Partnerships Manager (business unit)", due: "2024-02-29",
                     changed: "ICON is part of the partnership's training offer and newsletter.", know: "Training attendance and evaluations.", recorded: "2024-03-04"),
            ]),
        ]),
    ])

    static let reflectiveSession: DemoSource = {
        var source = DemoSource(kind: .reflectiveSession, title: "Reflective session: a young person with complex mental health and additional needs",
                                startedOn: "2023-11-08", completedOn: "2023-11-08", challengeDueOn: "2024-09-30",
                                summary: "A multi-agency reflective practice session on a challenging case, to find learning about single and multi-agency working for children with complex mental health and additional needs. Recommendations 5 to 19 are illustrative wording.",
                                reviewer: "Independent facilitator")
        func rec(_ text: String) -> DemoRecommendation { DemoRecommendation(text: text) }
        source.findings = [
            finding("No agency held a full chronology, so each decision was made on part of the story.", ["multi-agency chronology"], [
                rec("Use a multi-agency chronology in complex cases: it can change understanding, assessment and decisions, and so outcomes."),
            ]),
            finding("When the threshold for a service was not met, the young person got no expert help from that service at all.", ["thresholds"], [
                rec("Where thresholds are not met, the agency still offers expert advice, guidance and intervention."),
            ]),
            finding("Services were offered as they stood rather than shaped around the young person.", ["escalation"], [
                rec("In rare cases like this, senior managers reflect on what services can be flexed and shaped around the child and family so the child's safety and wellbeing come first."),
            ]),
            finding("It was unclear which part of the health system offered which support, and who co-ordinated it.",
                    ["navigation of health services", "information sharing between mental health and children's services"], [
                rec("Agree a process and flowchart between child and adolescent mental health services, social care and the hospital for young people with complex needs."),
                rec("Name one co-ordinating professional when several health services are involved."),
                rec("Share the flowchart with schools and the front door."),
            ]),
            finding("Escalation between agencies was slow and informal.", ["escalation"], [
                rec("Remind practitioners of the escalation procedure and record each escalation."),
                rec("Senior managers review escalations that stay open for more than ten working days."),
            ]),
            finding("The young person's own views were recorded rarely.", ["voice of the child"], [
                rec("Record the young person's views at each multi-agency meeting."),
                rec("Offer an advocate to young people in hospital for long periods."),
            ]),
            finding("Hospital staff caring for the young person for weeks had little support or guidance.", ["workforce support"], [
                rec("Give ward staff a named safeguarding contact for long stays."),
                rec("Offer reflective supervision to staff after complex cases."),
                rec("Include complex mental health presentations in the partnership's training."),
            ]),
            finding("Plans for discharge and transition were made late.", ["transitions"], [
                rec("Start discharge planning at admission for young people with complex needs."),
                rec("Plan the move to adult services from the age of 16."),
                rec("Include education in discharge planning."),
                rec("Review the case at the subgroup six months on."),
                rec("Share the learning in a seven-minute briefing."),
                rec("Test the difference the learning made at a challenge event."),
            ]),
        ]
        return source
    }()

    static let nationalReviews: [DemoSource] = [
        DemoSource(kind: .nationalReview, title: "The myth of invisible men (national panel, 2021)", year: "2021-22",
                   completedOn: "2021-09-21", summary: "The national panel's review of harm to babies by men in their lives. Recommendations summarised in our own words.",
                   reviewer: "Child Safeguarding Practice Review Panel", findings: [
            finding("Men in babies' lives are often invisible to services.", ["hidden men"], [
                DemoRecommendation(text: "Services engage fathers and male carers from pregnancy onwards and assess the risks and strengths they bring."),
            ], kind: .nationalIssue),
        ]),
        DemoSource(kind: .nationalReview, title: "Child protection in England (national panel, 2022)", year: "2022-23",
                   completedOn: "2022-05-26", summary: "The national review after the deaths of two children, with the ministers' letter to partnerships that followed. Recommendations summarised in our own words.",
                   reviewer: "Child Safeguarding Practice Review Panel", findings: [
            finding("Information held by different agencies was not brought together.", ["information sharing", "information sharing between mental health and children's services"], [
                DemoRecommendation(text: "Agencies share information promptly, and partnerships check that they do."),
            ], kind: .nationalIssue),
            finding("Domestic abuse was not always recognised as harm to the child.", ["domestic abuse"], [
                DemoRecommendation(text: "Practitioners see domestic abuse as child protection and act on it."),
            ], kind: .nationalIssue),
            finding("Critical thinking and challenge between agencies were weak.", ["escalation"], [
                DemoRecommendation(text: "Practitioners challenge each other's decisions and escalate when worried."),
            ], kind: .nationalIssue),
        ]),
    ]
}
