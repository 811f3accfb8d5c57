import SafeguardingDomain

// The reference partnership's quality-assurance work in 2023-24, retold for the demo.
// Figures, dates and topics follow the partnership's yearly report; the wording is the demo's own.
// Owners are named by role only. Due dates, case references, audit-tool questions and grades,
// and most evidence references are illustrative.

extension DemoLearning {
    static let sources: [DemoSource] = [
        // MARK: 1. Children excluded from school

        DemoSource(
            kind: .audit,
            title: "Children excluded from school: multi-agency audit",
            group: "Quality Assurance Subgroup",
            leadRole: "Safeguarding Partnerships Manager",
            leadOrganisation: "Calderdale Council",
            commissionedReason: "The Performance Management Subgroup escalated a steady rise in suspensions and exclusions and asked for the cases of excluded children to be looked at across agencies.",
            escalatedIndicator: "suspension_rate",
            auditType: .multiAgency,
            plannedOn: "2023-03-01",
            startedOn: "2023-04-19",
            completedOn: "2023-05-24",
            challengeDueOn: "2024-03-31",
            summary: "Auditors from the council, schools, school nursing and the police looked together at children who had been suspended or permanently excluded. Most of the families had been offered early help and not taken it up; many children had missed health appointments, moved school several times or had needs that were not set out in one place. The first progress (challenge) event in the partnership's new cycle tested what had changed ten months later. Case references, due dates, evidence details and audit-tool grades are illustrative.",
            scope: "Children of statutory school age suspended or permanently excluded during the 2022-23 autumn and spring terms, including children in need, on protection plans or looked after.",
            findings: [
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Most families of excluded children had been offered early intervention but had not engaged with it, and the offer was rarely pursued once declined.",
                    themes: ["exclusions", "early help", "non-engaged families"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Follow through offers of early help to families who do not engage, and take early help into schools instead of waiting for referrals.",
                            actions: [
                                DemoAction(
                                    text: "Update the pathway for working with non-engaged families so it covers pupils at risk of exclusion.",
                                    organisation: "Calderdale Council", owner: "Head of Early Help",
                                    dueOn: "2023-09-30", status: .done,
                                    evidence: DemoEvidence(
                                        whatChanged: "The revised pathway sets out how long to keep trying, who escalates and when, for families who turn down early help.",
                                        howWeKnow: "Published on the partnership website in September 2023 and briefed at the designated safeguarding lead network; practitioners referred to it at the challenge event.",
                                        reference: "CSCP pathway: working with non-engaged families, v3",
                                        recordedOn: "2023-10-04")),
                                DemoAction(
                                    text: "Base two early help officers in schools to open early help pathways for families of children at risk of exclusion.",
                                    organisation: "Calderdale Council", owner: "Head of Early Help",
                                    dueOn: "2023-12-31", status: .done,
                                    evidence: DemoEvidence(
                                        whatChanged: "Two officers now look at what is stopping a child attending and at the risks around them, rather than relying on schools to refer.",
                                        howWeKnow: "Early help's own audit in January 2024 found education was a focus in child in need work, with some practice points to improve.",
                                        recordedOn: "2024-02-07")),
                                DemoAction(
                                    text: "Send an early help pathway worker into schools each month to identify and support pupils at risk of exclusion.",
                                    organisation: "Calderdale Council", owner: "Early Help Service Manager",
                                    dueOn: "2024-01-31", status: .done,
                                    evidence: DemoEvidence(
                                        whatChanged: "Schools have a named early help worker visiting monthly, and pupils at risk are picked up sooner.",
                                        howWeKnow: "Early help data shows more pupils on early help pathways from school referrals than before the visits began.",
                                        recordedOn: "2024-03-01")),
                            ]),
                    ]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Many of the children had not been brought to health appointments and were then discharged, with little sign that anyone asked why.",
                    themes: ["was not brought", "health", "exclusions"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Relaunch the Was Not Brought guidance and monitor how missed appointments are followed up.",
                            actions: [
                                DemoAction(
                                    text: "Relaunch the Was Not Brought safeguarding guide across health, schools and early help.",
                                    organisation: "West Yorkshire Integrated Care Board", owner: "Designated Nurse for Safeguarding Children",
                                    dueOn: "2023-09-30", status: .done,
                                    evidence: DemoEvidence(
                                        whatChanged: "Practitioners have one current guide on treating a missed appointment as a possible safeguarding signal rather than a reason to close.",
                                        howWeKnow: "Relaunch briefings were delivered to health and school safeguarding leads, and the guide is now referenced in trust discharge procedures.",
                                        recordedOn: "2023-09-27")),
                                DemoAction(
                                    text: "Collect Was Not Brought figures, with the follow-up taken, for the partnership dataset.",
                                    organisation: "Calderdale and Huddersfield NHS Foundation Trust", owner: "Named Nurse for Safeguarding Children",
                                    dueOn: "2023-12-31", status: .done,
                                    evidence: DemoEvidence(
                                        whatChanged: "The number of children not brought to appointments, and what was done about it, is now visible to partners each quarter.",
                                        howWeKnow: "The figures appear in the Performance Management Subgroup's dataset from the third quarter of 2023-24 and were scrutinised there.",
                                        recordedOn: "2024-01-24")),
                            ]),
                    ]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Records rarely pulled together a child's history: trauma, the help already tried and the support still needed were hard to trace before an exclusion.",
                    themes: ["chronologies", "exclusions", "trauma-informed practice"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Give practitioners guidance on building multi-agency chronologies that show trauma, interventions and unmet need.",
                            actions: [
                                DemoAction(
                                    text: "Write a guide to multi-agency chronologies, with a section on pupils at risk of exclusion.",
                                    organisation: "Calderdale Council", owner: "Safeguarding Partnerships Manager",
                                    dueOn: "2023-12-31", status: .done,
                                    evidence: DemoEvidence(
                                        whatChanged: "Practitioners have a shared format for setting out a child's history, so the case for extra support can be made before exclusion is considered.",
                                        howWeKnow: "The guide was published in December 2023 and is used in the partnership's chronology training.",
                                        reference: "CSCP guide to multi-agency chronologies",
                                        recordedOn: "2023-12-13")),
                            ]),
                    ]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Schools were not always equipped to manage complex behaviour or special educational needs before excluding, and governors did not always test the reasons given. Emotional and mental health needs had grown more complex since the pandemic and with the cost of living.",
                    themes: ["exclusions", "special educational needs", "training", "governance"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Help schools manage complex behaviour and meet special educational needs before exclusion is considered, and equip governors to scrutinise exclusion decisions.",
                            actions: [
                                DemoAction(
                                    text: "Train school staff on complex and challenging behaviour, and bring an independent speaker on reducing exclusions and trauma-informed practice to the secondary heads' conference.",
                                    organisation: "Calderdale Council", owner: "Head of Vulnerable Learners",
                                    dueOn: "2023-11-30", status: .done,
                                    evidence: DemoEvidence(
                                        whatChanged: "School staff have practical approaches to behaviour that do not lead straight to exclusion, and secondary heads heard how others have cut exclusions.",
                                        howWeKnow: "Training attendance registers and the conference programme; head teachers described changes to behaviour policies at the challenge event.",
                                        recordedOn: "2023-11-22")),
                                DemoAction(
                                    text: "Offer SEN support to schools and invite them to run their own alternative provision, including nurture provision in primary schools that other schools can refer to.",
                                    organisation: "Calderdale Council", owner: "Head of Special Educational Needs Services",
                                    dueOn: "2024-02-29", status: .done,
                                    evidence: DemoEvidence(
                                        whatChanged: "Schools can call on the SEN team for pupils at risk of exclusion, and some have set up in-house provision so pupils are supported rather than excluded.",
                                        howWeKnow: "Expressions of interest received from schools, and an academy's stepped programme for Year 7 pupils joining from the pupil referral unit shared with other heads.",
                                        recordedOn: "2024-02-28")),
                                DemoAction(
                                    text: "Train governors on what to ask and what information to expect when reviewing an exclusion, on panels, reinstatement and independent review panels.",
                                    organisation: "Calderdale Council", owner: "Exclusions Officer",
                                    dueOn: "2024-01-31", status: .done,
                                    evidence: DemoEvidence(
                                        whatChanged: "Governors reviewing exclusions know what evidence to ask schools for and when reinstatement should be considered.",
                                        howWeKnow: "Governor training records; the SEND information and advice service also runs governor training on pupils with SEN.",
                                        recordedOn: "2024-01-30")),
                            ]),
                    ]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Schools had no single, current place to find support and alternatives to try before excluding a pupil.",
                    themes: ["exclusions", "alternative provision", "information sharing"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Give schools a directory of support and alternatives to exclusion, and keep it up to date.",
                            actions: [
                                DemoAction(
                                    text: "Produce a multi-agency directory for schools of support and alternative options before exclusion.",
                                    organisation: "Calderdale Council", owner: "Education and Inclusion Manager",
                                    dueOn: "2023-10-31", status: .done,
                                    evidence: DemoEvidence(
                                        whatChanged: "Schools have links and guidance on where to turn before excluding; the directory was also shared with the Violence Reduction Partnership towards a West Yorkshire version for pupils who cross borders.",
                                        howWeKnow: "Sent to every school in October 2023; schools quoted it in exclusion discussions with the Exclusions Officer.",
                                        recordedOn: "2023-10-26")),
                                DemoAction(
                                    text: "Replace the directory with a digital portal so that entries stay current.",
                                    organisation: "Calderdale Council", owner: "Education and Inclusion Manager",
                                    dueOn: "2024-09-30", status: .inProgress),
                            ]),
                    ]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Several excluded pupils had changed school more than once, but repeated moves were not being treated as a warning sign.",
                    themes: ["exclusions", "school moves", "information sharing"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Share data on school moves and on the highest-excluding schools, and work with those schools to bring exclusions down.",
                            actions: [
                                DemoAction(
                                    text: "Report school-move data to every secondary school, and use data on the highest excluders to help those schools reach early help and new alternative provision.",
                                    organisation: "Calderdale Council", owner: "Exclusions Officer",
                                    dueOn: "2023-12-31", status: .done,
                                    evidence: DemoEvidence(
                                        whatChanged: "Secondary schools have adjusted transition arrangements and SEN support for pupils with several moves.",
                                        howWeKnow: "Responses from secondary schools to the data, and the Exclusions Officer's casework with the highest-excluding schools.",
                                        recordedOn: "2024-02-14")),
                            ]),
                    ]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Children in need, on child protection plans or looked after were among those excluded, and nobody was charged with keeping them in school.",
                    themes: ["exclusions", "children in need", "children looked after"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Create a post dedicated to reducing exclusions of children in need, on protection plans or looked after.",
                            actions: [
                                DemoAction(
                                    text: "Recruit to a new post focused on reducing exclusions of children in need, on child protection plans or looked after.",
                                    organisation: "Calderdale Council", owner: "Assistant Director, Education and Inclusion",
                                    dueOn: "2024-06-30", status: .inProgress),
                            ]),
                    ]),
                DemoFinding(
                    kind: .strength,
                    text: "Once a pupil's risk was recognised, schools, health and the police shared information readily, and some schools had built their own routes back into mainstream classes.",
                    themes: ["information sharing", "exclusions"]),
                DemoFinding(
                    kind: .nationalIssue,
                    text: "National policy gives the local authority little room to challenge: schools may refuse a pupil excluded twice for two years, inspection does not look closely at exclusions, and revised DfE guidance leans towards exclusion.",
                    themes: ["exclusions", "national policy"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Raise the limits on local challenge with the Department for Education and Ofsted.",
                            actions: [
                                DemoAction(
                                    text: "Put the double-exclusion policy and the absence of exclusions from school inspection to the Department for Education and Ofsted.",
                                    organisation: "Calderdale Council", owner: "Assistant Director, Education and Inclusion",
                                    dueOn: "2024-03-31", status: .done,
                                    evidence: DemoEvidence(
                                        whatChanged: "The partnership's concern is on record with both national bodies, including a direct question on when inspection will cover exclusions.",
                                        howWeKnow: "Reported to the challenge event and noted in the Executive's minutes.",
                                        recordedOn: "2024-03-14")),
                            ]),
                    ]),
            ],
            challengeEvents: [
                DemoChallengeEvent(
                    heldOn: "2024-03-14",
                    whoWasChallenged: "Exclusions Officer, Head of Early Help, Head of Vulnerable Learners, Designated Nurse for Safeguarding Children and a secondary designated safeguarding lead, questioned by Executive members and audit peers.",
                    assuranceGiven: "Each recommendation had been acted on: early help now reaches into schools, missed appointments are tracked, schools and governors have training and a directory, and data on school moves goes to secondary schools. Exclusions are still rising, which partners attribute largely to national guidance favouring exclusion; the dedicated post and the digital portal were still being put in place.",
                    judgements: [.assured, .assured, .assured, .assured, .assured, .assured, .assured, .partlyAssured],
                    addedActions: [
                        (recommendationIndex: 5, action: DemoAction(
                            text: "Add deprivation (IMD) breakdowns to permanent exclusions data so the link with poverty can be seen.",
                            organisation: "Calderdale Council", owner: "Vulnerable Children Team Manager",
                            dueOn: "2025-03-31", status: .notStarted)),
                    ]),
            ],
            auditTool: DemoAuditTool(
                questions: [
                    .init(text: "Was early help offered to the family before the exclusion, and followed up if it was declined?",
                          grades: [.requiresImprovement, .inadequate, .requiresImprovement, .good, .requiresImprovement, .inadequate, .good],
                          comment: "Offers were usually made; follow-up after refusal was the gap."),
                    .init(text: "Is the child's own view recorded, including how they feel about school and the exclusion?",
                          grades: [.good, .good, .requiresImprovement, .outstanding, .good]),
                    .init(text: "Were missed school days and health appointments (Was Not Brought) followed up?",
                          grades: [.requiresImprovement, .inadequate, .requiresImprovement, .requiresImprovement, .good, .inadequate, .requiresImprovement]),
                    .init(text: "Were special educational needs assessed and supported before the decision to exclude?",
                          grades: [.requiresImprovement, .good, .inadequate, .requiresImprovement, .good]),
                    .init(text: "Was information shared between the school and the other services involved with the child?",
                          grades: [.good, .outstanding, .good, .good, .requiresImprovement, .good, .outstanding]),
                    .init(text: "Does the record hold a chronology showing trauma, help already tried and school moves?",
                          grades: [.inadequate, .requiresImprovement, .requiresImprovement, .good, .inadequate],
                          comment: "School moves were often missing from the history."),
                ],
                cases: ["EX-01", "EX-02", "EX-03", "EX-04", "EX-05", "EX-06"],
                organisations: [
                    "Calderdale Council",
                    "Primary and Secondary Head Teachers and DSL Network",
                    "Locala School Nurse and Health Visiting Service",
                    "West Yorkshire Police",
                ])
        ),

        // MARK: 2. Children electively home educated

        DemoSource(
            kind: .audit,
            title: "Children electively home educated: multi-agency audit",
            group: "Quality Assurance Subgroup",
            leadRole: "Head of Vulnerable Learners",
            leadOrganisation: "Calderdale Council",
            commissionedReason: "Elective home education kept climbing: 441 children in November 2023 against 342 in November 2022. Partners were worried about risks nobody could see for children out of school who had been known to social care.",
            escalatedIndicator: "ehe_count",
            auditType: .multiAgency,
            plannedOn: "2023-11-29",
            startedOn: "2024-01-10",
            completedOn: "2024-02-21",
            challengeDueOn: "2024-11-30",
            summary: "A deliberately targeted audit of home-educated children who had earlier been referred to children's social care, alongside an attempt to survey the young people and their parents (no replies came back). Partners found good identification, data and multi-agency working, but could not tell whether children's own views shaped the decision to leave school. Case references, dates and audit-tool grades are illustrative.",
            scope: "Only children who had been referred to children's social care before they were taken off roll to be home educated.",
            findings: [
                DemoFinding(
                    kind: .strength,
                    text: "Children are clearly recorded as either home educated or missing education, and partners receive regular data on their numbers, characteristics and any concerns.",
                    themes: ["elective home education", "children missing education", "data"]),
                DemoFinding(
                    kind: .strength,
                    text: "Statutory agencies understand their responsibilities for home-educated children and know what to do if a child may be at risk or kept out of sight of services.",
                    themes: ["elective home education", "roles and responsibilities"]),
                DemoFinding(
                    kind: .strength,
                    text: "The Vulnerable Learners Team works directly with families and draws in voluntary and community support; youth justice, police, social care, early help, substance misuse, Prevent and child exploitation services worked well together.",
                    themes: ["multi-agency working", "elective home education"]),
                DemoFinding(
                    kind: .strength,
                    text: "Health professionals understand home education and their part in it; a child's vulnerabilities, including missed health appointments, are known when they leave the school roll, and Was Not Brought data is reviewed regularly.",
                    themes: ["health", "was not brought"]),
                DemoFinding(
                    kind: .strength,
                    text: "For children with previous safeguarding concerns, the home education officer was reliably told of them.",
                    themes: ["information sharing", "elective home education"]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Records did not show whether the child's own views and needs were weighed when parents chose home education; the partnership asked children and parents directly but heard nothing back.",
                    themes: ["voice of the child", "elective home education"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Record the child's view whenever a family opts for home education, and find a better way to hear from home-educated children.",
                            actions: [
                                DemoAction(
                                    text: "Add a prompt for the child's own views to the record of the first home education visit.",
                                    organisation: "Calderdale Council", owner: "Elective Home Education Officer",
                                    dueOn: "2024-06-30", status: .done,
                                    evidence: DemoEvidence(
                                        whatChanged: "First-visit records now have a section for what the child says about leaving school and learning at home.",
                                        howWeKnow: "A sample of first-visit records from the summer term had the section completed in most cases.",
                                        recordedOn: "2024-07-17")),
                                DemoAction(
                                    text: "Design, with the Young Advisors, an accessible way for home-educated children to give their views to the partnership.",
                                    organisation: "Calderdale Council", owner: "Safeguarding Partnerships Manager",
                                    dueOn: "2025-03-31", status: .notStarted),
                            ]),
                    ]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Multi-agency safeguarding plans were suitable, but for support below the statutory threshold some families would not engage.",
                    themes: ["non-engaged families", "early help"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Rewrite the pathway for working with non-engaged families to cover home-educating families.",
                            actions: [
                                DemoAction(
                                    text: "Rewrite and republish the non-engaged families pathway with a section on elective home education.",
                                    organisation: "Calderdale Council", owner: "Head of Early Help",
                                    dueOn: "2024-04-30", status: .done,
                                    evidence: DemoEvidence(
                                        whatChanged: "Practitioners have clear steps for keeping in touch with a home-educating family that declines help.",
                                        howWeKnow: "The rewritten pathway is published and was briefed to the elective home education and early help teams.",
                                        recordedOn: "2024-04-24")),
                            ]),
                    ]),
                DemoFinding(
                    kind: .nationalIssue,
                    text: "Schools cannot try to keep a pupil in mainstream education once parents state they will home educate: the law requires the pupil to be taken off roll straight away.",
                    themes: ["elective home education", "national policy"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Press nationally for a pause before off-rolling so schools and services can talk to the family.",
                            actions: [
                                DemoAction(
                                    text: "Raise the immediate off-rolling rule with the Department for Education through regional and national networks.",
                                    organisation: "Calderdale Council", owner: "Assistant Director, Education and Inclusion",
                                    dueOn: "2025-03-31", status: .inProgress),
                            ]),
                    ]),
            ],
            auditTool: DemoAuditTool(
                questions: [
                    .init(text: "Were the child's vulnerabilities and safeguarding history known when they left the school roll?",
                          grades: [.good, .good, .outstanding, .requiresImprovement, .good]),
                    .init(text: "Is the child's own view of home education recorded?",
                          grades: [.inadequate, .requiresImprovement, .requiresImprovement, .inadequate],
                          comment: "Parents' reasons were recorded; the child's rarely were."),
                    .init(text: "Was the home education officer told of any safeguarding concerns?",
                          grades: [.good, .outstanding, .good, .good]),
                    .init(text: "Were missed health appointments followed up?",
                          grades: [.good, .requiresImprovement, .good, .good, .outstanding]),
                    .init(text: "Is there a suitable plan for staying in contact with the family after the child left school?",
                          grades: [.good, .requiresImprovement, .good, .inadequate, .good]),
                ],
                cases: ["EHE-01", "EHE-02", "EHE-03", "EHE-04", "EHE-05"],
                organisations: [
                    "Calderdale Council",
                    "Primary and Secondary Head Teachers and DSL Network",
                    "Locala School Nurse and Health Visiting Service",
                ])
        ),

        // MARK: 3. Front door audits (bi-monthly)

        DemoSource(
            kind: .audit,
            title: "Front door audit: children with special educational needs and disabilities",
            group: "Quality Assurance Subgroup",
            leadRole: "MAST Service Manager",
            leadOrganisation: "Calderdale Council",
            auditType: .frontDoor,
            startedOn: "2023-05-02",
            completedOn: "2023-05-17",
            summary: "Bi-monthly multi-agency audit of referrals screened by the Multi-Agency Screening Team (MAST), this time focused on children with SEND.",
            findings: [
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Children with an education, health and care plan (SEND code E) or on SEN support (SEND code K) could not easily be identified when referred to MAST.",
                    themes: ["send", "front door", "data"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Find a way to flag a child's SEND status when a referral reaches MAST.",
                            actions: [
                                DemoAction(
                                    text: "Explore how SEND codes E and K can be shown to MAST screeners at referral.",
                                    organisation: "Calderdale Council", owner: "Performance and Intelligence Manager",
                                    dueOn: "2024-06-30", status: .inProgress),
                            ]),
                    ]),
                DemoFinding(
                    kind: .strength,
                    text: "Social workers persisted in arguing for child in need plans and worked with parents to get children the right support.",
                    themes: ["social work practice", "send"]),
            ]),
        DemoSource(
            kind: .audit,
            title: "Front door audit: domestic abuse",
            group: "Quality Assurance Subgroup",
            leadRole: "MAST Service Manager",
            leadOrganisation: "Calderdale Council",
            auditType: .frontDoor,
            startedOn: "2023-07-03",
            completedOn: "2023-07-19",
            summary: "Bi-monthly multi-agency audit of MAST screening where domestic abuse was the reason for referral.",
            findings: [
                DemoFinding(
                    kind: .strength,
                    text: "The child's voice and consent were recorded well at screening.",
                    themes: ["voice of the child", "consent", "front door"]),
            ]),
        DemoSource(
            kind: .audit,
            title: "Front door audit: intrafamilial child sexual abuse",
            group: "Quality Assurance Subgroup",
            leadRole: "MAST Service Manager",
            leadOrganisation: "Calderdale Council",
            auditType: .frontDoor,
            startedOn: "2023-09-04",
            completedOn: "2023-09-20",
            summary: "Bi-monthly multi-agency audit of MAST screening where sexual abuse within the family was alleged.",
            findings: [
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Screening did not always involve every practitioner it should have, and the way health colleagues were brought in needed tightening.",
                    themes: ["front door", "health", "screening"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Agree and circulate a refined process for involving health in MAST screening.",
                            actions: [
                                DemoAction(
                                    text: "Confirm to all MAST partners how and when health colleagues join screening discussions.",
                                    organisation: "West Yorkshire Integrated Care Board", owner: "Designated Nurse for Safeguarding Children",
                                    dueOn: "2023-10-31", status: .done,
                                    evidence: DemoEvidence(
                                        whatChanged: "Health colleagues are now drawn into screening on agreed triggers, so health information informs decisions from the start.",
                                        howWeKnow: "The agreed process was sent to partners straight after the audit, and the individual cases were fed back; later front door audits found health involved where expected.",
                                        recordedOn: "2023-09-29")),
                            ]),
                    ]),
            ]),
        DemoSource(
            kind: .audit,
            title: "Front door audit: neglect",
            group: "Quality Assurance Subgroup",
            leadRole: "MAST Service Manager",
            leadOrganisation: "Calderdale Council",
            auditType: .frontDoor,
            startedOn: "2023-11-06",
            completedOn: "2023-11-22",
            summary: "Bi-monthly multi-agency audit of MAST screening of neglect referrals.",
            findings: [
                DemoFinding(
                    kind: .strength,
                    text: "Practitioners drew on the neglect toolkit when working the cases.",
                    themes: ["neglect", "front door"]),
            ]),
        DemoSource(
            kind: .audit,
            title: "Front door audit: information from schools",
            group: "Quality Assurance Subgroup",
            leadRole: "MAST Service Manager",
            leadOrganisation: "Calderdale Council",
            auditType: .frontDoor,
            startedOn: "2024-01-08",
            completedOn: "2024-01-24",
            summary: "Bi-monthly multi-agency audit of how MAST gathers information from education at screening (focus illustrative).",
            findings: [
                DemoFinding(
                    kind: .strength,
                    text: "School information systems and links with schools were used well to gather what was known about a child.",
                    themes: ["education", "information sharing", "front door"]),
            ]),
        DemoSource(
            kind: .audit,
            title: "Front door audit: children at risk outside the home",
            group: "Quality Assurance Subgroup",
            leadRole: "MAST Service Manager",
            leadOrganisation: "Calderdale Council",
            auditType: .frontDoor,
            startedOn: "2024-03-04",
            completedOn: "2024-03-20",
            summary: "Bi-monthly multi-agency audit of MAST screening where the risk came from outside the family (focus illustrative).",
            findings: [
                DemoFinding(
                    kind: .strength,
                    text: "Agencies arrived having already reviewed their own cases critically, and some had acted before the audit met.",
                    themes: ["front door", "self-challenge"]),
            ]),

        // MARK: 4. Domestic abuse multi-agency audit

        DemoSource(
            kind: .audit,
            title: "Domestic abuse multi-agency audit",
            group: "Quality Assurance Subgroup",
            leadRole: "Domestic Abuse Lead",
            leadOrganisation: "Calderdale Council",
            commissionedReason: "Part of the year's audit programme; its learning feeds the Calderdale Domestic Abuse Improvement Action Plan.",
            auditType: .multiAgency,
            plannedOn: "2023-12-01",
            startedOn: "2024-01-08",
            completedOn: "2024-01-31",
            challengeDueOn: "2024-12-31",
            summary: "A January 2024 audit of multi-agency domestic abuse practice. Agencies spotted issues in their own services during the audit and acted on them at once. Practice was largely strong despite heavy demand; the inconsistencies found were put into an action plan. Due dates and evidence details are illustrative.",
            findings: [
                DemoFinding(
                    kind: .strength,
                    text: "Agencies were well represented at multi-agency meetings, processes were robust, and work with victims and families showed persistence and commitment.",
                    themes: ["domestic abuse", "multi-agency working"]),
                DemoFinding(
                    kind: .strength,
                    text: "Work with victims was sensitive and met their wider needs; the child's voice was clear in police, social care, school nursing, health visiting and specialist provider records.",
                    themes: ["domestic abuse", "voice of the child"]),
                DemoFinding(
                    kind: .strength,
                    text: "Services reacted quickly to new information at meetings, reassessing risk and agreeing new plans, even under intense pressure.",
                    themes: ["domestic abuse", "risk assessment"]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "How minutes were signed off and how actions were allocated varied from meeting to meeting.",
                    themes: ["domestic abuse", "meetings"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Agree one process for signing off minutes and allocating actions at domestic abuse meetings.",
                            actions: [
                                DemoAction(
                                    text: "Issue a standard for minute sign-off and action allocation to chairs of domestic abuse meetings.",
                                    organisation: "Calderdale Council", owner: "Domestic Abuse Lead",
                                    dueOn: "2024-06-30", status: .done,
                                    evidence: DemoEvidence(
                                        whatChanged: "Minutes now record who agreed them and name an owner and date for each action.",
                                        howWeKnow: "A dip sample of minutes in September 2024 found the standard followed in most meetings.",
                                        recordedOn: "2024-09-18")),
                            ]),
                    ]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Historical information was not always taken into account, and the type and frequency of abuse were described in inconsistent terms.",
                    themes: ["domestic abuse", "history", "recording"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Help practitioners use a family's history and describe abuse in consistent language.",
                            actions: [
                                DemoAction(
                                    text: "Add the use of history and common terms for the type and frequency of abuse to multi-agency domestic abuse training.",
                                    organisation: "Women's Centre", owner: "Training and Development Lead",
                                    dueOn: "2024-09-30", status: .done,
                                    evidence: DemoEvidence(
                                        whatChanged: "Training now gives practitioners shared terms for describing abuse and shows how to weigh past incidents.",
                                        howWeKnow: "Updated course materials and post-course feedback from delegates.",
                                        recordedOn: "2024-10-02")),
                                DemoAction(
                                    text: "Brief officers on recording the type and frequency of abuse in domestic abuse reports.",
                                    organisation: "West Yorkshire Police", owner: "Detective Inspector, Safeguarding Unit",
                                    dueOn: "2025-01-31", status: .inProgress),
                            ]),
                    ]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Little was recorded or shared about perpetrators.",
                    themes: ["domestic abuse", "perpetrators", "information sharing"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Improve what is gathered and shared about perpetrators.",
                            actions: [
                                DemoAction(
                                    text: "Share relevant probation information about perpetrators routinely with domestic abuse and strategy meetings.",
                                    organisation: "Probation Service", owner: "Head of Probation Delivery Unit",
                                    dueOn: "2024-12-31", status: .inProgress),
                            ]),
                    ]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Practice varied when strategy meetings were combined, and it was not clear what good practice looks like.",
                    themes: ["strategy meetings", "domestic abuse"],
                    recommendations: [
                        DemoRecommendation(
                            text: "The partnership to set out best practice on combining strategy meetings, and include the audit's learning in the domestic abuse improvement plan.",
                            actions: [
                                DemoAction(
                                    text: "Agree partnership guidance on when and how strategy meetings may be combined.",
                                    organisation: "Calderdale Council", owner: "Safeguarding Partnerships Manager",
                                    dueOn: "2025-03-31", status: .notStarted),
                                DemoAction(
                                    text: "Include the audit's learning in the Calderdale Domestic Abuse Improvement Action Plan.",
                                    organisation: "Calderdale Council", owner: "Domestic Abuse Lead",
                                    dueOn: "2024-04-30", status: .done,
                                    evidence: DemoEvidence(
                                        whatChanged: "The borough's domestic abuse improvement plan now carries the audit's actions alongside learning from reviews.",
                                        howWeKnow: "The updated plan was reported to the Quality Assurance Subgroup.",
                                        recordedOn: "2024-04-25")),
                            ]),
                    ]),
            ]
        ),

        // MARK: 5. Safeguarding supervision survey

        DemoSource(
            kind: .survey,
            title: "Safeguarding supervision survey 2023",
            group: "Quality Assurance Subgroup",
            leadRole: "Safeguarding Partnerships Manager",
            leadOrganisation: "Calderdale Council",
            startedOn: "2023-10-02",
            completedOn: "2023-11-30",
            summary: "The third look at safeguarding supervision, after 2019 and 2021: an online survey of how far the safeguarding supervision framework is known and used, and how reflective supervision supports practitioners. 149 people answered across the children's and adults' partnerships, about half practitioners and half managers, from statutory, voluntary and community organisations. Most said supervision considers the child's lived experience and how it bears on assessment and intervention.",
            findings: [
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Only just over half of respondents had heard of the safeguarding supervision framework.",
                    themes: ["supervision", "awareness"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Promote the supervision framework and supervision training again.",
                            actions: [
                                DemoAction(
                                    text: "Re-promote the partnership's training offer that includes supervision, and add a session on current research on supervision.",
                                    organisation: "Calderdale Council", owner: "Safeguarding Partnerships Manager",
                                    dueOn: "2024-03-31", status: .done,
                                    evidence: DemoEvidence(
                                        whatChanged: "Far more practitioners have been trained in supervision: 107 this year against 45 last year, and 24 attended the extra research session.",
                                        howWeKnow: "Partnership training booking and attendance records.",
                                        recordedOn: "2024-03-28")),
                            ]),
                    ]),
                DemoFinding(
                    kind: .strength,
                    text: "Of those who knew the framework, 99% said it was useful and that they used it.",
                    themes: ["supervision"]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "64% said they receive safeguarding supervision in their role and 11% did not know whether they do.",
                    themes: ["supervision"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Make sure staff know whether and from whom they receive safeguarding supervision.",
                            actions: [
                                DemoAction(
                                    text: "Ask partner agencies to confirm, in their organisational safeguarding assessment, how staff are told about their supervision arrangements.",
                                    organisation: "Calderdale Council", owner: "Safeguarding Partnerships Manager",
                                    dueOn: "2025-03-31", status: .notStarted),
                            ]),
                    ]),
                DemoFinding(
                    kind: .strength,
                    text: "85% said their supervision offers reflective practice, and only one person rated their supervision as poor.",
                    themes: ["supervision", "reflective practice"]),
            ]
        ),

        // MARK: 6. Independent scrutiny: children placed in the area by other authorities

        DemoSource(
            kind: .scrutiny,
            title: "Children looked after placed in Calderdale by other areas: independent scrutiny",
            group: "CSCP Executive",
            leadRole: "Safeguarding Partnerships Manager",
            leadOrganisation: "Calderdale Council",
            commissionedReason: "Partners challenged at the Executive, and performance data showed far more children placed in the area by other authorities than elsewhere, and than the area's own looked after children.",
            plannedOn: "2023-05-01",
            startedOn: "2023-09-04",
            summary: "When the work was commissioned in 2023 the area had 32 registered placement settings, 28 of them run by private companies, and 15 unregistered ones; several offered specialist care for harmful sexual behaviour, sexual trauma or children exploited. An audit at the end of 2021 found 80% of children arriving from elsewhere needed or were due a further health assessment and all needed some input from the looked after children's health team; a deeper dive found each such child averaged 6.4 GP and 1.4 emergency department visits in three months. Police reported missing episodes made hard to manage by children arriving unannounced with unknown risks, and homes said placing authorities had played risk down, at times leading to notice being served at once and children spending the night at the police station. The reviewers found good assurance overall; their formal report is due in 2024-25.",
            reviewer: "NWG (National Working Group), external experts",
            termsOfReference: [
                "What children looked after by other authorities face when they are placed in Calderdale",
                "What safeguards are in place to keep those children safe and well",
                "How Calderdale agencies act to protect them and promote their wellbeing",
                "What these placements mean for local services",
                "How Calderdale's own children, looked after or not, are affected",
                "Good practice from elsewhere that Calderdale could adopt",
                "How the strain on local capacity and resources could be eased",
                "How failing care homes affect children, and what the partnership can do where it has not commissioned the placement",
                "How multi-agency working could be strengthened locally",
                "Which problems cannot be solved locally and need raising nationally",
            ],
            methods: "Interviews and challenge sessions with youth services, residential staff, the placements manager, council and police missing leads, early intervention workers, hospital staff, designated health professionals, the LADO, social care, mental health services, an outreach service for 10 to 25 year olds, education leads and school staff, and substance misuse services.",
            observed: "The Missing meeting, the Joint Missing Partnership Meeting, the Child Exploitation Operational Group and the Matrix meeting.",
            findings: [
                DemoFinding(kind: .strength, text: "Partners show ownership of, care for and passion about the children placed in the area.", themes: ["cross-border placements"]),
                DemoFinding(kind: .strength, text: "Agencies are committed to working in partnership within Calderdale.", themes: ["multi-agency working"]),
                DemoFinding(kind: .strength, text: "Other local authorities are notified when Calderdale places children outside the area.", themes: ["notifications", "cross-border placements"]),
                DemoFinding(kind: .strength, text: "Limits on capacity and resources are not being allowed to affect the service children receive.", themes: ["capacity"]),
                DemoFinding(kind: .strength, text: "Partners are committed to working across West Yorkshire through the White Rose Framework.", themes: ["regional working"]),
                DemoFinding(kind: .strength, text: "Calderdale is committed to putting its stated values into practice.", themes: ["culture"]),
                DemoFinding(kind: .strength, text: "Calderdale is piloting the Missing from Care Framework.", themes: ["missing children"]),
                DemoFinding(kind: .strength, text: "Other areas are willingly brought into local multi-agency arrangements.", themes: ["cross-border placements", "multi-agency working"]),
                DemoFinding(kind: .strength, text: "Partners are open to challenge and to learning.", themes: ["culture"]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Many care homes take part effectively in the Joint Missing Partnership Meeting, but some do not attend.",
                    themes: ["missing children", "children's homes"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Encourage every children's home in the area to attend the Joint Missing Partnership Meeting.",
                            actions: [
                                DemoAction(
                                    text: "Promote attendance through the registered managers' network and follow up homes that do not come.",
                                    organisation: "Children's Residential Homes", owner: "Chair of the Registered Managers' Network",
                                    dueOn: "2024-12-31", status: .inProgress),
                            ]),
                    ]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Concerns are not escalated to placing authorities often enough when cross-border working falls short.",
                    themes: ["cross-border placements", "escalation"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Agree a clear route for escalating concerns to placing authorities.",
                            actions: [
                                DemoAction(
                                    text: "Publish an escalation route to placing authorities for missing, planning and notification concerns.",
                                    organisation: "Calderdale Council", owner: "Head of Service, Children Looked After",
                                    dueOn: "2025-03-31", status: .notStarted),
                            ]),
                    ]),
                DemoFinding(kind: .areaForImprovement, text: "Placing authorities need to plan children's moves out of Calderdale placements better.", themes: ["cross-border placements", "placement endings"]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Notifications and information from placing authorities are not working well.",
                    themes: ["notifications", "information sharing", "cross-border placements"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Agree what information placing authorities should give before a child arrives.",
                            actions: [
                                DemoAction(
                                    text: "Agree with placing authorities a minimum set of risk information for children arriving, to improve missing reports.",
                                    organisation: "West Yorkshire Police", owner: "Missing Persons Coordinator",
                                    dueOn: "2025-03-31", status: .inProgress),
                            ]),
                    ]),
                DemoFinding(kind: .areaForImprovement, text: "More could be made of multi-agency strategic meetings.", themes: ["governance"]),
                DemoFinding(kind: .areaForImprovement, text: "Partners should have more say in approving new care placements, with attention to locations and known perpetrator hot spots.", themes: ["placement approval", "contextual safeguarding"]),
                DemoFinding(kind: .areaForImprovement, text: "Local services are working without full information, so placing authorities need to work with the area to get the best outcomes for each child.", themes: ["information sharing", "cross-border placements"]),
                DemoFinding(kind: .areaForImprovement, text: "It should be considered whether commissioning budgets are enough to meet children's needs.", themes: ["commissioning"]),
                DemoFinding(kind: .areaForImprovement, text: "The response to intersecting needs and to risks in a child's context should be developed further.", themes: ["contextual safeguarding", "intersectionality"]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Data should be collected and used to shape the strategic and operational response.",
                    themes: ["data", "cross-border placements"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Build a regular data picture of children placed in the area by other authorities.",
                            actions: [
                                DemoAction(
                                    text: "Add children placed by other authorities, their missing episodes and health needs to the partnership dataset.",
                                    organisation: "Calderdale Council", owner: "Performance and Intelligence Manager",
                                    dueOn: "2025-03-31", status: .notStarted),
                            ]),
                    ]),
                DemoFinding(kind: .nationalIssue, text: "Compliance with the statutory duty to notify should be inspected or scrutinised.", themes: ["notifications", "national policy"]),
                DemoFinding(kind: .nationalIssue, text: "Placement planning is reactive.", themes: ["placement planning", "national policy"]),
                DemoFinding(kind: .nationalIssue, text: "Safeguarding responsibilities vary between partner agencies.", themes: ["national policy"]),
                DemoFinding(kind: .nationalIssue, text: "Children should move with a passport or handover package.", themes: ["information sharing", "national policy"]),
                DemoFinding(kind: .nationalIssue, text: "Commissioning agreements could be used to improve information sharing across borders.", themes: ["commissioning", "information sharing"]),
                DemoFinding(kind: .nationalIssue, text: "Single points of contact could help information flow between areas.", themes: ["information sharing", "national policy"]),
                DemoFinding(kind: .nationalIssue, text: "It should be examined whether admissions policy fully supports safeguarding.", themes: ["admissions", "national policy"]),
                DemoFinding(
                    kind: .nationalIssue,
                    text: "A national information-sharing database could support safeguarding across borders.",
                    themes: ["information sharing", "national policy"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Decide how to raise the national implications once the formal report is received.",
                            actions: [
                                DemoAction(
                                    text: "Bring the formal report to the Executive with a proposal for taking each national implication forward.",
                                    organisation: "Calderdale Council", owner: "Safeguarding Partnerships Manager",
                                    dueOn: "2025-03-31", status: .notStarted),
                            ]),
                    ]),
            ]
        ),

        // MARK: 7. Serious youth violence self-assessment

        DemoSource(
            kind: .selfAssessment,
            title: "Serious youth violence self-assessment",
            group: "Risk and Vulnerability in Adolescence Subgroup",
            leadRole: "Head of Youth Justice Service",
            leadOrganisation: "Youth Justice Service",
            startedOn: "2023-10-02",
            completedOn: "2024-02-28",
            summary: "Every partner in the scope of a joint targeted area inspection of serious youth violence reviewed its approach, gave evidence and good practice, and named gaps and work still to do.",
            framework: "Joint targeted area inspection: serious youth violence",
            findings: [
                DemoFinding(
                    kind: .strength,
                    text: "Partners shared constructively, and links grew with the Community Safety Partnership, the Violence Reduction Partnership, the Violent Crime and Safer Streets Group and the VRP business delivery groups.",
                    themes: ["serious youth violence", "community safety"]),
                DemoFinding(
                    kind: .strength,
                    text: "Good training was available, including a course with Halifax Panthers on violence against women and girls, gangs and county lines, and one on responses to knife crime.",
                    themes: ["training", "serious youth violence"]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Partners had little case-level evidence of how children involved in serious youth violence are helped, and had not heard from young people themselves.",
                    themes: ["serious youth violence", "voice of the child"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Audit the cases of children involved in serious youth violence and ask young people for their views.",
                            actions: [
                                DemoAction(
                                    text: "Arrange a May 2024 audit of children in the risk and vulnerability scope, using a tool built with the YJS and the Child Exploitation Team.",
                                    organisation: "Youth Justice Service", owner: "Head of Youth Justice Service",
                                    dueOn: "2024-03-31", status: .done,
                                    evidence: DemoEvidence(
                                        whatChanged: "An audit tool now prompts practitioners to ask specific questions about the young people they support, and the audit is booked.",
                                        howWeKnow: "The tool was agreed at the Risk and Vulnerability in Adolescence Subgroup and the audit date set for May 2024.",
                                        recordedOn: "2024-03-20")),
                                DemoAction(
                                    text: "Send young people a questionnaire on risk and violence in their community, made accessible with the YJS speech and language team.",
                                    organisation: "Youth Justice Service", owner: "Speech and Language Therapist, Youth Justice Service",
                                    dueOn: "2024-07-31", status: .inProgress),
                            ]),
                    ]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Any cut to Youth Justice Service funding would weaken its early intervention with vulnerable children involved in violence.",
                    themes: ["youth justice", "funding", "early intervention"]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Long waits for neurodevelopmental assessment could leave vulnerable children at greater risk.",
                    themes: ["neurodiversity", "waiting times"]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Schools report incidents to the police inconsistently: some report everything, others hold back for fear of criminalising children.",
                    themes: ["education", "police", "criminalisation"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Agree shared guidance for schools on when to report incidents to the police.",
                            actions: [
                                DemoAction(
                                    text: "Draft guidance with designated safeguarding leads on reporting incidents to the police proportionately.",
                                    organisation: "West Yorkshire Police", owner: "Partnership Inspector, Calderdale District",
                                    dueOn: "2025-03-31", status: .notStarted),
                            ]),
                    ]),
            ]
        ),

        // MARK: 8. Assurance request: children with SEND in residential care

        DemoSource(
            kind: .assuranceRequest,
            title: "Children with SEND placed in residential care: assurance request",
            group: "Quality Assurance Subgroup",
            leadRole: "Safeguarding Partnerships Manager",
            leadOrganisation: "Calderdale Council",
            commissionedReason: "After the national report on residential settings run by the Hesley Group, partners formally sought assurance on the systems, processes, safety and wellbeing of looked after children with SEND in residential care.",
            startedOn: "2023-06-05",
            completedOn: "2023-09-27",
            summary: "The local authority and the integrated care board answered the partnership's questions and the local authority reviewed LADO records and Regulation 44 reports for 2019 to 2022. Dates are illustrative.",
            askedOf: "The local authority (Calderdale Council) and the West Yorkshire Integrated Care Board",
            findings: [
                DemoFinding(
                    kind: .strength,
                    text: "The council and the integrated care board plan and work together for these children, and placements were shown to be suitable and of good quality.",
                    themes: ["send", "residential care", "joint commissioning"]),
                DemoFinding(
                    kind: .strength,
                    text: "Independent Reviewing Officers have clear oversight, and the voices of children and families are evident.",
                    themes: ["voice of the child", "independent reviewing officers"]),
                DemoFinding(
                    kind: .strength,
                    text: "A review of LADO records and Regulation 44 reports for the borough's one residential special school, 2019 to 2022, found safeguarding at the centre of decisions, thresholds applied properly and no concerns in the visit reports.",
                    themes: ["lado", "residential care"]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Quality assurance of care for children with complex needs was split between the council and health.",
                    themes: ["send", "quality assurance"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Bring council and health quality assurance for children with complex needs into one framework.",
                            actions: [
                                DemoAction(
                                    text: "Recruit a full-time Designated Clinical Officer for children with complex needs, jointly funded by the council and health.",
                                    organisation: "West Yorkshire Integrated Care Board", owner: "Associate Director of Nursing (Children)",
                                    dueOn: "2024-03-31", status: .done,
                                    evidence: DemoEvidence(
                                        whatChanged: "A joint post now lines up council and health strategy and drives a single quality assurance framework for children with complex needs.",
                                        howWeKnow: "The Designated Clinical Officer is in post and reports to the SEND partnership board.",
                                        recordedOn: "2024-02-15")),
                            ]),
                    ]),
            ]
        ),

        // MARK: 9. Front door self-assessment

        DemoSource(
            kind: .selfAssessment,
            title: "Front door (MAST) self-assessment",
            group: "CSCP Executive",
            leadRole: "MAST Service Manager",
            leadOrganisation: "Calderdale Council",
            startedOn: "2023-06-01",
            completedOn: "2024-03-27",
            summary: "A critical self-assessment of the Multi-Agency Screening Team by all partners, first written in 2022 and updated and challenged through the year; evidence and areas for improvement go to the Executive.",
            framework: "Front door (MAST) multi-agency self-assessment",
            findings: [
                DemoFinding(
                    kind: .strength,
                    text: "Some challenge comes from inside the same agency, showing partners are open and honest about where they need to improve.",
                    themes: ["front door", "self-challenge"]),
                DemoFinding(
                    kind: .strength,
                    text: "Challenges escalated to the Executive in 2022-23 were resolved and strengthened partnership working.",
                    themes: ["front door", "escalation"]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Learning from joint targeted area inspections elsewhere on identifying initial need and risk was not yet reflected in local audit.",
                    themes: ["front door", "inspection readiness"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Build the focus areas of published inspection reports into front door audit questions.",
                            actions: [
                                DemoAction(
                                    text: "Add the focus areas from other areas' inspection reports to the front door audit tool.",
                                    organisation: "Calderdale Council", owner: "MAST Service Manager",
                                    dueOn: "2023-08-31", status: .done,
                                    evidence: DemoEvidence(
                                        whatChanged: "Front door audits now test the same questions inspectors ask about initial need and risk.",
                                        howWeKnow: "The revised audit tool has been used in every front door audit since September 2023.",
                                        recordedOn: "2023-09-20")),
                            ]),
                    ]),
            ]
        ),

        // MARK: 10. Child exploitation follow-up

        DemoSource(
            kind: .assuranceRequest,
            title: "Child exploitation arrangements: follow-up assurance",
            group: "Risk and Vulnerability in Adolescence Subgroup",
            leadRole: "Safeguarding Partnerships Manager",
            leadOrganisation: "Calderdale Council",
            commissionedReason: "The previous year's independent scrutiny of child exploitation arrangements; the partnership asked whether practice had changed and what difference it made.",
            startedOn: "2023-10-02",
            completedOn: "2024-01-17",
            summary: "The Child Exploitation Team showed, through observed practice, how meetings and planning had changed since the previous year's scrutiny. Dates are illustrative.",
            askedOf: "The Child Exploitation Team (Calderdale Council and West Yorkshire Police)",
            findings: [
                DemoFinding(
                    kind: .strength,
                    text: "Meetings are better prepared and run; the right information goes out beforehand so attendees know the risks to be discussed and can prepare their agency's input.",
                    themes: ["child exploitation", "meetings"]),
                DemoFinding(
                    kind: .strength,
                    text: "Discussion is more proactive, with clarity on the lead professional, on how to get the best outcomes and on holistic planning.",
                    themes: ["child exploitation", "planning"]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Child exploitation assessments still take too long to complete, and the child's voice is not kept throughout the process.",
                    themes: ["child exploitation", "assessment", "voice of the child"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Reduce drift in completing child exploitation assessments and keep the child's voice throughout.",
                            actions: [
                                DemoAction(
                                    text: "Address the team's capacity so assessments are completed on time, and add a check for the child's voice at each stage.",
                                    organisation: "Calderdale Council", owner: "Child Exploitation Team Manager",
                                    dueOn: "2024-09-30", status: .inProgress),
                            ]),
                    ]),
                DemoFinding(
                    kind: .areaForImprovement,
                    text: "Each child now has a police lead from the Child Vulnerability and Exploitation Team and the missing coordinator attends Matrix meetings, but both vary with capacity and need embedding.",
                    themes: ["child exploitation", "missing children", "capacity"],
                    recommendations: [
                        DemoRecommendation(
                            text: "Embed police leads and missing coordinator attendance at Matrix meetings.",
                            actions: [
                                DemoAction(
                                    text: "Cover missing coordinator attendance at Matrix meetings when capacity is short.",
                                    organisation: "West Yorkshire Police", owner: "Missing Persons Coordinator",
                                    dueOn: "2024-12-31", status: .inProgress),
                            ]),
                    ]),
            ]
        ),
    ]
}
