import SafeguardingApplication
import SafeguardingDomain
import Vapor

extension Application {
    private struct ConfigurationKey: StorageKey { typealias Value = AppConfiguration }
    private struct MetricsKey: StorageKey { typealias Value = RequestMetrics }
    private struct MailerKey: StorageKey { typealias Value = Mailer }
    fileprivate struct DatabaseKey: StorageKey { typealias Value = DatabaseRuntime }

    /// The database, opened by `configure` and closed when the app shuts down.
    public var database: DatabaseRuntime {
        guard let runtime = storage[DatabaseKey.self] else { fatalError("configure(_:_:) opens the database before anything uses it") }
        return runtime
    }

    public var appConfiguration: AppConfiguration {
        get { storage[ConfigurationKey.self] ?? AppConfiguration() }
        set { storage[ConfigurationKey.self] = newValue }
    }

    /// Outgoing mail: the configuration's SMTP server, or none; tests put a recorder here.
    public var mailer: Mailer {
        get { storage[MailerKey.self] ?? appConfiguration.mailer }
        set { storage[MailerKey.self] = newValue }
    }

    var requestMetrics: RequestMetrics {
        if let existing = storage[MetricsKey.self] { return existing }
        let metrics = RequestMetrics()
        storage[MetricsKey.self] = metrics
        return metrics
    }
}

/// Sets up the app: database, migrations, sessions, middleware and routes. The command line,
/// the server and the tests all start here.
public func configure(_ app: Application, _ config: AppConfiguration, migrate: Bool = true) async throws {
    app.appConfiguration = config
    // Every line Vapor, the HTTP server, the drivers and the app log is redacted (see LogRedaction).
    app.logger = app.logger.redacting()
    await app.startPasswordHashing()
    let runtime = try await DatabaseRuntime.open(config.database, migrate: migrate, logger: app.logger,
                                                 eventLoopGroup: app.eventLoopGroup, threadPool: app.threadPool)
    await app.storage.setWithAsyncShutdown(Application.DatabaseKey.self, to: runtime) { await $0.shutdown() }
    app.secretBox = try SecretBox.load(environment: ProcessInfo.processInfo.environment, database: config.database)
    app.sessions.use { _ in DatabaseSessionDriver() }
    let secure = config.secureCookies
    app.sessions.configuration = SessionsConfiguration(cookieName: "safeguarding_session") { id in
        HTTPCookies.Value(string: id.string, expires: Date().addingTimeInterval(8 * 60 * 60), maxAge: nil, domain: nil, path: "/",
                          isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }
    app.routes.defaultMaxBodySize = BodyLimits.ordinary

    app.middleware = Middlewares()
    // Outermost, so error answers (unmatched 404s, API errors) carry the headers too.
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(MetricsMiddleware(metrics: app.requestMetrics))
    app.middleware.use(ErrorResponseMiddleware())
    app.middleware.use(BodyLimitMiddleware())
    app.middleware.use(InstallationGateMiddleware())

    if config.loadDemo {
        let cost = config.passwordCost
        try await DemoData.load(on: runtime.database, today: config.clock.today()) { try Credentials.hash($0, cost: cost) }
    }
    try routes(app)
}

func routes(_ app: Application) throws {
    app.get("healthz", use: Health.check)
    app.get("metrics", use: Health.metrics)
    app.get(SiteRoute.stylesheet.pattern, use: Stylesheet.serve)

    let pages = app.grouped(app.sessions.middleware, StoreOnlyUsedSessionsMiddleware(), SessionUserMiddleware(), ErrorResponseMiddleware(), CSRFMiddleware())
    pages.get(.home, use: SignInPage.home)
    pages.get(.signIn, use: SignInPage.show)
    pages.post(.signIn, limit: BodyLimits.anonymousForm, use: SignInPage.submit)
    pages.post(.signOut, limit: BodyLimits.anonymousForm, use: SignInPage.signOut)
    pages.get(.setup(token: "token"), use: SetupPage.show)
    pages.post(.setup(token: "token"), limit: BodyLimits.anonymousForm, use: SetupPage.submit)
    pages.get(.forgottenPassword, use: AccountPages.forgotten)
    pages.post(.forgottenPassword, limit: BodyLimits.anonymousForm, use: AccountPages.requestReset)
    // A set-password link works without signing in: its token is the only key.
    pages.get(.accountLink(token: "token"), use: AccountPages.link)
    pages.post(.accountLink(token: "token"), limit: BodyLimits.anonymousForm, use: AccountPages.setPassword)

    // Survey links work without an account: the token in the address is the only key.
    pages.get(.publicSurvey(token: "token"), use: SurveyPages.showPublic)
    pages.post(.publicSurvey(token: "token"), limit: BodyLimits.publicSurvey, use: SurveyPages.submitPublic)
    pages.get(.publicSurveyThanks(token: "token"), use: SurveyPages.thanks)
    // A published yearly report is public; drafts check the reader's role inside.
    pages.get(.reportFile(slug: "slug", year: SiteRoute.anyYear, format: .html), use: ReportPages.dispatch)
    pages.get(.reportChildren(slug: "slug", year: SiteRoute.anyYear, format: .html), use: ReportDownloads.children)

    let any = UUID()
    let year = SiteRoute.anyYear
    let slug = "slug"
    pages.get(.signInCode, use: SecurityPages.codeForm)
    pages.post(.signInCode, limit: BodyLimits.anonymousForm, use: SecurityPages.submitCode)
    // The person's own sign-in settings open even to someone who must first turn on two-factor sign-in.
    let account = pages.grouped(RequireSignInMiddleware())
    account.get(.twoFactor, use: SecurityPages.twoFactor)
    account.post(.twoFactorStart, use: SecurityPages.startTwoFactor)
    account.post(.twoFactorConfirm, use: SecurityPages.confirmTwoFactor)
    account.post(.twoFactorDisable, use: SecurityPages.disableTwoFactor)
    let signedIn = account.grouped(TwoFactorEnrolmentMiddleware())
    signedIn.get(.yourSessions, use: SecurityPages.sessions)
    signedIn.post(.sessionEnd(id: any), use: SecurityPages.endSession)
    signedIn.post(.otherSessionsEnd, use: SecurityPages.endOthers)
    signedIn.post(.userSessionsEnd(slug: slug, id: any)) { req in try await UsersPages.endSessions(req, one: false) }
    signedIn.post(.userSessionEnd(slug: slug, id: any, sessionID: any)) { req in try await UsersPages.endSessions(req, one: true) }
    signedIn.post(.twoFactorRequirement(slug: slug), use: UsersPages.setTwoFactorRequirement)
    signedIn.get(.yourPartnerships, use: AccountPages.partnerships)
    signedIn.get(.changePassword, use: AccountPages.changePasswordForm)
    signedIn.post(.changePassword, use: AccountPages.changePassword)
    signedIn.get(.dashboard(slug: slug), use: DashboardPage.show)
    signedIn.get(.organisations(slug: slug), use: OrganisationsPage.list)
    signedIn.post(.organisations(slug: slug), use: OrganisationsPage.create)
    signedIn.get(.newOrganisation(slug: slug), use: OrganisationsPage.new)
    signedIn.get(.editOrganisation(slug: slug, id: any), use: OrganisationsPage.edit)
    signedIn.post(.organisation(slug: slug, id: any), use: OrganisationsPage.update)
    signedIn.get(.organisation(slug: slug, id: any), use: OrganisationsPage.show)
    signedIn.get(.subgroups(slug: slug), use: SubgroupsPage.list)
    signedIn.get(.subgroup(slug: slug, id: any), use: SubgroupsPage.show)
    signedIn.get(.newSubgroup(slug: slug), use: SubgroupsPage.new)
    signedIn.post(.subgroups(slug: slug), use: SubgroupsPage.create)
    signedIn.post(.subgroupMeetings(slug: slug, id: any), use: SubgroupsPage.addMeeting)
    signedIn.post(.subgroupMembers(slug: slug, id: any), use: SubgroupsPage.addMember)
    signedIn.get(.editSubgroup(slug: slug, id: any), use: SubgroupsPage.edit)
    signedIn.post(.editSubgroup(slug: slug, id: any), use: SubgroupsPage.update)
    signedIn.post(.subgroupSeatEnd(slug: slug, id: any), use: SubgroupsPage.endSeat)
    signedIn.get(.finance(slug: slug), use: FinancePage.latest)
    signedIn.get(.financeYear(slug: slug, year: year), use: FinancePage.show)
    signedIn.post(.financeYear(slug: slug, year: year), use: FinancePage.saveAmounts)
    signedIn.post(.financeLines(slug: slug, year: year), use: FinancePage.addLine)
    signedIn.get(.users(slug: slug), use: UsersPages.list)
    signedIn.post(.users(slug: slug), use: UsersPages.create)
    signedIn.get(.newUser(slug: slug), use: UsersPages.new)
    signedIn.get(.user(slug: slug, id: any), use: UsersPages.edit)
    signedIn.post(.user(slug: slug, id: any), use: UsersPages.update)
    signedIn.post(.userLock(slug: slug, id: any)) { req in try await UsersPages.setLocked(true, req) }
    signedIn.post(.userUnlock(slug: slug, id: any)) { req in try await UsersPages.setLocked(false, req) }
    signedIn.post(.userResetLink(slug: slug, id: any), use: UsersPages.issueResetLink)
    signedIn.get(.audit(slug: slug), use: AuditPage.show)
    signedIn.get(.indicators(slug: slug), use: IndicatorsPage.list)
    signedIn.get(.indicator(slug: slug, key: "key"), use: IndicatorsPage.show)
    signedIn.get(.newIndicator(slug: slug), use: IndicatorCatalogue.new)
    signedIn.post(.indicators(slug: slug), use: IndicatorCatalogue.create)
    signedIn.get(.editIndicator(slug: slug, key: "key"), use: IndicatorCatalogue.edit)
    signedIn.post(.editIndicator(slug: slug, key: "key"), use: IndicatorCatalogue.update)
    signedIn.post(.indicatorStory(slug: slug, key: "key"), use: IndicatorsPage.saveStory)
    signedIn.post(.escalation(slug: slug, key: "key", id: any), use: IndicatorsPage.decide)
    signedIn.get(.dataReturns(slug: slug), use: DataReturnsPage.show)
    signedIn.post(.dataReturnValue(slug: slug), use: DataReturnsPage.submitValue)
    // Uploads stream to a temporary file, up to 64 MB; the command line reads files of any size.
    signedIn.upload(SiteRoute.dataReturnUpload(slug: slug).pattern, use: DataReturnsPage.upload)
    signedIn.upload(SiteRoute.extractUpload(slug: slug).pattern, use: DataReturnsPage.uploadExtract)

    signedIn.get(.learning(slug: slug), use: LearningPages.tracker)
    signedIn.get(.learningSources(slug: slug), use: LearningPages.sources)
    signedIn.post(.learningSources(slug: slug), use: LearningPages.createSource)
    signedIn.get(.newLearningSource(slug: slug), use: LearningPages.newSource)
    signedIn.get(.learningSource(slug: slug, id: any), use: LearningPages.source)
    signedIn.post(.learningSource(slug: slug, id: any), use: LearningPages.updateSource)
    signedIn.get(.editLearningSource(slug: slug, id: any), use: LearningPages.editSource)
    signedIn.post(.sourceFindings(slug: slug, id: any), use: LearningPages.addFinding)
    signedIn.post(.sourceRecommendations(slug: slug, id: any), use: LearningPages.addRecommendation)
    signedIn.get(.challengeEvent(slug: slug, sourceID: any), use: LearningPages.challengeForm)
    signedIn.post(.challengeEvent(slug: slug, sourceID: any), use: LearningPages.recordChallenge)
    signedIn.get(.recommendation(slug: slug, id: any), use: LearningPages.recommendation)
    signedIn.post(.recommendationActions(slug: slug, id: any), use: LearningPages.addAction)
    signedIn.get(.recommendationsWithoutActions(slug: slug), use: LearningPages.withoutActions)
    signedIn.get(.actions(slug: slug), use: ActionPages.list)
    signedIn.get(.action(slug: slug, id: any), use: ActionPages.show)
    signedIn.post(.actionStatus(slug: slug, id: any), use: ActionPages.changeStatus)
    signedIn.post(.actionEvidence(slug: slug, id: any), use: ActionPages.addEvidence)
    signedIn.get(.audits(slug: slug), use: AuditPages.programme)
    signedIn.get(.auditTool(slug: slug, id: any), use: AuditPages.tool)
    signedIn.post(.auditQuestions(slug: slug, id: any), use: AuditPages.addQuestion)
    signedIn.post(.auditCases(slug: slug, id: any), use: AuditPages.addCase)
    signedIn.post(.auditParticipants(slug: slug, id: any), use: AuditPages.addParticipant)
    signedIn.get(.auditAnswers(slug: slug, id: any, caseID: any, organisationID: any), use: AuditPages.answers)
    signedIn.post(.auditAnswers(slug: slug, id: any, caseID: any, organisationID: any), use: AuditPages.saveAnswers)
    signedIn.get(.surveys(slug: slug), use: SurveyPages.list)
    signedIn.post(.surveys(slug: slug), use: SurveyPages.create)
    signedIn.get(.newSurvey(slug: slug), use: SurveyPages.new)
    signedIn.get(.survey(slug: slug, id: any), use: SurveyPages.show)
    signedIn.post(.surveyQuestions(slug: slug, id: any), use: SurveyPages.addQuestion)
    signedIn.post(.surveyStatus(slug: slug, id: any), use: SurveyPages.setStatus)
    signedIn.get(.surveyResultsCSV(slug: slug, id: any), use: SurveyPages.csv)

    signedIn.get(.reviews(slug: slug), use: ReviewPages.overview)
    signedIn.post(.reviewSettings(slug: slug), use: ReviewPages.saveSettings)
    signedIn.get(.newIncident(slug: slug), use: IncidentPages.new)
    signedIn.post(.incidents(slug: slug), use: IncidentPages.create)
    signedIn.get(.incident(slug: slug, id: any), use: IncidentPages.show)
    for step in IncidentStep.allCases {
        signedIn.post(.incidentStep(slug: slug, id: any, step: step)) { req in try await IncidentPages.record(step, req) }
    }
    signedIn.get(.newLocalReview(slug: slug), use: LocalReviewPages.new)
    signedIn.post(.localReviews(slug: slug), use: LocalReviewPages.create)
    signedIn.get(.localReview(slug: slug, id: any), use: LocalReviewPages.show)
    signedIn.post(.localReviewMilestones(slug: slug, id: any), use: LocalReviewPages.addMilestone)
    signedIn.post(.localReviewMilestoneDone(slug: slug, id: any, milestoneID: any), use: LocalReviewPages.completeMilestone)
    signedIn.post(.localReviewPublication(slug: slug, id: any), use: LocalReviewPages.recordPublication)
    signedIn.get(.newReviewSource(slug: slug), use: ReviewPages.newSource)
    signedIn.post(.reviewSources(slug: slug), use: ReviewPages.createSource)
    signedIn.get(.reviewThemes(slug: slug), use: ReviewPages.themes)
    CorrectionPages.register(on: signedIn, slug: slug, any: any)

    CorrectionRoutes.register(on: signedIn)
    signedIn.get(.reports(slug: slug), use: ReportPages.list)
    signedIn.get(.reportSection(slug: slug, year: year, key: "key"), use: ReportPages.editSection)
    signedIn.post(.reportSection(slug: slug, year: year, key: "key"), use: ReportPages.saveSection)
    signedIn.post(.reportSettings(slug: slug, year: year), use: ReportPages.saveSettings)
    signedIn.post(.reportSignOffs(slug: slug, year: year), use: ReportPages.signOff)
    signedIn.post(.reportPublication(slug: slug, year: year), use: ReportPages.publish)
    signedIn.post(.reportCopy(slug: slug, year: year), use: ReportPages.recordCopy)
    signedIn.post(.reportVersions(slug: slug, year: year), use: ReportPages.newVersion)

    // The API's contract is public, like any published API description.
    app.get("api", "v1", "openapi.json", use: OpenAPIDocument.json)
    app.get("api", "v1", "openapi.yaml", use: OpenAPIDocument.yaml)
    let api = app.grouped("api", "v1").grouped(BearerTokenMiddleware())
    api.get("me", use: RegisterAPI.me)
    api.get("working-days", use: ReviewsAPI.workingDays)
    let partnership = api.grouped("partnerships", ":slug")
    partnership.get("organisations", use: RegisterAPI.organisations)
    partnership.post("organisations", use: RegisterAPI.createOrganisation)
    partnership.get("organisations", ":id", use: RegisterAPI.organisation)
    partnership.put("organisations", ":id", use: RegisterAPI.updateOrganisation)
    partnership.get("finance", ":year", use: RegisterAPI.finance)
    partnership.get("subgroups", use: RegisterAPI.groups)
    partnership.get("indicators", use: PerformanceAPI.indicators)
    partnership.get("indicators", ":key", "values", use: PerformanceAPI.values)
    partnership.upload(["imports", "indicator-values"], use: PerformanceAPI.importValues)
    partnership.get("sources", use: LearningAPI.sources)
    partnership.post("sources", use: LearningAPI.createSource)
    partnership.get("sources", ":id", use: LearningAPI.source)
    partnership.post("sources", ":id", "findings", use: LearningAPI.addFinding)
    partnership.get("recommendations", use: LearningAPI.recommendations)
    partnership.post("recommendations", use: LearningAPI.createRecommendation)
    partnership.get("actions", use: LearningAPI.actions)
    partnership.post("actions", use: LearningAPI.createAction)
    partnership.get("actions", ":id", use: LearningAPI.action)
    partnership.patch("actions", ":id", use: LearningAPI.updateAction)
    partnership.post("actions", ":id", "evidence", use: LearningAPI.addEvidence)
    partnership.get("incidents", use: ReviewsAPI.incidents)
    partnership.post("incidents", use: ReviewsAPI.createIncident)
    partnership.get("incidents", ":id", use: ReviewsAPI.incident)
    partnership.get("reviews", use: ReviewsAPI.localReviews)
    partnership.get("reviews", ":id", use: ReviewsAPI.localReview)
    partnership.get("themes", use: ReviewsAPI.themes)
}

enum Health {
    struct Status: Content {
        let status: String
        let database: String
    }

    static func check(_ req: Request) async throws -> Response {
        let kind = req.application.appConfiguration.database.kindName
        do {
            try await req.application.database.ping()
            return try await Status(status: "ok", database: kind).encodeResponse(status: .ok, for: req)
        } catch {
            req.logger.error("health check failed: \(error)")
            return try await Status(status: "unavailable", database: kind).encodeResponse(status: .serviceUnavailable, for: req)
        }
    }

    /// Prometheus text, for a scraper holding `SAFEGUARDING_METRICS_TOKEN` as a bearer token.
    /// Without a configured token the route answers 404: the figures are not published at all.
    static func metrics(_ req: Request) async throws -> Response {
        guard let expected = req.application.appConfiguration.metricsToken else {
            throw Abort(.notFound, reason: "Metrics are off: set SAFEGUARDING_METRICS_TOKEN to publish them to a scraper.")
        }
        guard let sent = req.headers.bearerAuthorization?.token, MetricsToken.matches(sent, expected) else {
            throw Abort(.unauthorized, headers: ["WWW-Authenticate": "Bearer realm=\"metrics\""],
                        reason: "Metrics need the bearer token set in SAFEGUARDING_METRICS_TOKEN.")
        }
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        let text = req.application.requestMetrics.prometheusText(database: req.application.appConfiguration.database.kindName)
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}
