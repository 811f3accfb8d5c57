// Made by scripts/model-properties from the models' declarations: do not edit by hand.
// Each model lists its FluentKit properties, so decoding a row does not find them by reflection.
import FluentKit

extension APIToken {
    public var properties: [any AnyProperty] {
        [$id, $user, $name, $tokenDigest, $createdAt, $lastUsedAt, $revokedAt]
    }
}

extension AccountLink {
    public var properties: [any AnyProperty] {
        [$id, $user, $partnership, $purpose, $tokenDigest, $expiresAt, $usedAt, $createdAt]
    }
}

extension ActionStatusEntry {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $action, $status, $changedOn, $sequence, $droppedReason, $changedBy, $createdAt]
    }
}

extension AreaFact {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $key, $label, $value, $unit, $source, $position]
    }
}

extension AuditAnswer {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $source, $auditCase, $question, $organisation, $grade, $comment, $answeredBy, $answeredAt]
    }
}

extension AuditCase {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $source, $reference]
    }
}

extension AuditEvent {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $userID, $actor, $action, $subjectType, $subjectID, $summary, $changes, $address, $occurredAt]
    }
}

extension AuditParticipant {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $source, $organisation]
    }
}

extension AuditQuestion {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $source, $number, $text, $guidance]
    }
}

extension ChallengeEvent {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $source, $heldOn, $whoWasChallenged, $assuranceGiven, $recordedBy, $judgements]
    }
}

extension ChallengeJudgement {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $event, $recommendation, $judgement]
    }
}

extension Contribution {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $reportingYear, $organisation, $label, $category, $amountPence, $note, $position, $updatedAt, $withdrawnAt, $withdrawnReason, $withdrawnBy]
    }
}

extension DataImport {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $indicator, $kind, $userID, $actor, $fileName, $fileDigest, $rowsRead, $rowsWritten, $notes, $importedAt]
    }
}

extension DeprivationArea {
    public var properties: [any AnyProperty] {
        [$id, $lsoaCode, $lsoaName, $laCode, $laName, $imdRank, $imdDecile, $children]
    }
}

extension Escalation {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $indicator, $signalKey, $signal, $raisedAt, $decision, $reason, $decidedBy, $decidedAt]
    }
}

extension Finding {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $source, $kind, $text, $themes, $position, $withdrawnAt, $withdrawnReason, $withdrawnBy]
    }
}

extension GroupMember {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $group, $organisation, $memberRole, $seat, $user, $startedOn, $endedOn, $withdrawnAt, $withdrawnReason, $withdrawnBy]
    }
}

extension ImpactEvidence {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $action, $whatChanged, $howWeKnow, $reference, $recordedBy, $recordedOn]
    }
}

extension IncidentAgency {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $incident, $organisation, $requestedOn, $receivedOn]
    }
}

extension Indicator {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $key, $name, $definition, $sourceOrganisation, $unit, $polarity, $priority, $isPublished, $isIllustrative, $position]
    }
}

extension IndicatorValue {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $indicator, $period, $periodKind, $periodStart, $series, $breakdown, $group, $value, $numerator, $denominator, $dataImport, $withdrawnAt, $withdrawnReason, $withdrawnBy]
    }
}

extension LearningAction {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $recommendation, $source, $text, $ownerOrganisation, $owner, $dueOn, $status, $droppedReason, $challengeEvent, $raisedOn, $closedOn, $createdAt, $updatedAt, $withdrawnAt, $withdrawnReason, $withdrawnBy]
    }
}

extension LearningSource {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $kind, $title, $reportingYear, $summary, $leadRole, $leadOrganisation, $group, $commissionedReason, $escalation, $auditType, $plannedOn, $startedOn, $completedOn, $challengeDueOn, $scope, $reviewer, $termsOfReference, $methods, $observed, $framework, $askedOf, $isPublished, $isIllustrative, $createdAt, $withdrawnAt, $withdrawnReason, $withdrawnBy]
    }
}

extension LocalReview {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $source, $incident, $childReference, $decidedOn, $plannedPublicationOn, $copySentOn, $publishedOn, $publicationLink, $createdAt, $withdrawnAt, $withdrawnReason, $withdrawnBy]
    }
}

extension Meeting {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $group, $heldOn, $title, $summary, $withdrawnAt, $withdrawnReason, $withdrawnBy]
    }
}

extension Membership {
    public var properties: [any AnyProperty] {
        [$id, $user, $partnership, $role, $organisation, $isActive]
    }
}

extension Organisation {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $name, $kind, $sector, $typeDescription, $leadPartnerRole, $delegatedPartnerRole, $contactEmail, $isActive, $joinedOn, $leftOn, $createdAt, $updatedAt, $withdrawnAt, $withdrawnReason, $withdrawnBy]
    }
}

extension Partnership {
    public var properties: [any AnyProperty] {
        [$id, $name, $shortName, $slug, $localAuthorityCode, $localAuthorityName, $yearStartMonth, $createdAt]
    }
}

extension PartnershipGroup {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $name, $kind, $purpose, $chair, $chairOrganisation, $reportsTo, $jointWith, $position, $setUpOn, $closedOn, $withdrawnAt, $withdrawnReason, $withdrawnBy]
    }
}

extension PartnershipLocalAuthority {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $code, $oldCode, $name, $regionCode, $regionName, $position]
    }
}

extension RapidReviewSignOff {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $incident, $organisation, $signedByRole, $signedOn]
    }
}

extension Recommendation {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $source, $finding, $text, $number, $withdrawnAt, $withdrawnReason, $withdrawnBy]
    }
}

extension ReportSectionText {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $report, $key, $narrative, $headlineTotals, $leftOutChoice, $updatedAt]
    }
}

extension ReportSignOff {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $report, $partner, $signedByRole, $signedOn, $recordedBy, $recordedAt, $contentDigest, $sectionDigests]
    }
}

extension ReviewMilestone {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $localReview, $title, $dueOn, $doneOn, $withdrawnAt, $withdrawnReason, $withdrawnBy]
    }
}

extension ReviewSettings {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $notificationWorkingDays, $rapidReviewWorkingDays, $publicationMonths, $copyWorkingDays, $reviewGroup]
    }
}

extension SeriousIncident {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $source, $childReference, $ageBand, $harm, $careLeaver, $awareOn, $summary, $notifiedOn, $panelReference, $panelMetOn, $immediateActions, $decision, $decisionReasons, $decidedOn, $submittedOn, $isIllustrative, $createdAt, $withdrawnAt, $withdrawnReason, $withdrawnBy]
    }
}

extension SetupToken {
    public var properties: [any AnyProperty] {
        [$id, $tokenDigest, $createdAt, $usedAt]
    }
}

extension SignInAttempt {
    public var properties: [any AnyProperty] {
        [$id, $email, $address, $succeeded, $attemptedAt, $deviceDigest]
    }
}

extension SignInDevice {
    public var properties: [any AnyProperty] {
        [$id, $user, $tokenDigest, $createdAt]
    }
}

extension StoredBankHoliday {
    public var properties: [any AnyProperty] {
        [$id, $division, $date, $title]
    }
}

extension StoredSession {
    public var properties: [any AnyProperty] {
        [$id, $key, $data, $expiresAt, $userID, $createdAt, $lastSeenAt, $userAgent]
    }
}

extension Story {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $indicator, $period, $whatTheDataShows, $howMuch, $howWell, $betterOff, $nextSteps, $author, $writtenAt, $withdrawnAt, $withdrawnReason, $withdrawnBy]
    }
}

extension Survey {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $source, $introduction, $publicToken, $isOpen, $maximumResponses]
    }
}

extension SurveyAnswer {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $response, $question, $choices, $text]
    }
}

extension SurveyQuestionRecord {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $survey, $number, $text, $kind, $options, $isRequired, $isDemographic]
    }
}

extension SurveyResponse {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $survey, $submittedOn]
    }
}

extension TwoFactorRequirement {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $requiredSince]
    }
}

extension TwoFactorSecret {
    public var properties: [any AnyProperty] {
        [$id, $user, $sealedSecret, $confirmedAt, $lastUsedStep, $recoveryDigests, $createdAt]
    }
}

extension User {
    public var properties: [any AnyProperty] {
        [$id, $email, $name, $passwordHash, $isActive, $lastSignedInAt, $createdAt, $memberships]
    }
}

extension YearlyReport {
    public var properties: [any AnyProperty] {
        [$id, $partnership, $reportingYear, $version, $status, $disclosureThreshold, $copyDays, $publishedOn, $copySentOn, $publishedDocument, $publishedChildrenDocument, $createdAt]
    }
}

/// Every model with a list above, for the test that checks each against reflection.
public enum ModelProperties {
    public static let models: [any Fields.Type] = [
        APIToken.self,
        AccountLink.self,
        ActionStatusEntry.self,
        AreaFact.self,
        AuditAnswer.self,
        AuditCase.self,
        AuditEvent.self,
        AuditParticipant.self,
        AuditQuestion.self,
        ChallengeEvent.self,
        ChallengeJudgement.self,
        Contribution.self,
        DataImport.self,
        DeprivationArea.self,
        Escalation.self,
        Finding.self,
        GroupMember.self,
        ImpactEvidence.self,
        IncidentAgency.self,
        Indicator.self,
        IndicatorValue.self,
        LearningAction.self,
        LearningSource.self,
        LocalReview.self,
        Meeting.self,
        Membership.self,
        Organisation.self,
        Partnership.self,
        PartnershipGroup.self,
        PartnershipLocalAuthority.self,
        RapidReviewSignOff.self,
        Recommendation.self,
        ReportSectionText.self,
        ReportSignOff.self,
        ReviewMilestone.self,
        ReviewSettings.self,
        SeriousIncident.self,
        SetupToken.self,
        SignInAttempt.self,
        SignInDevice.self,
        StoredBankHoliday.self,
        StoredSession.self,
        Story.self,
        Survey.self,
        SurveyAnswer.self,
        SurveyQuestionRecord.self,
        SurveyResponse.self,
        TwoFactorRequirement.self,
        TwoFactorSecret.self,
        User.self,
        YearlyReport.self,
    ]
}
