import Foundation
import NIOConcurrencyHelpers
import SafeguardingDomain
import Vapor

extension Application {
    private struct SurveyThrottleKey: StorageKey { typealias Value = NIOLockedValueBox<SurveyRateLimiter> }

    /// The per-address rate of answers to public survey links (`SurveyLimits`), for this app instance.
    var surveyThrottle: NIOLockedValueBox<SurveyRateLimiter> {
        if let existing = storage[SurveyThrottleKey.self] { return existing }
        let box = NIOLockedValueBox(SurveyRateLimiter())
        storage[SurveyThrottleKey.self] = box
        return box
    }
}

extension Request {
    /// Refuses with 429 (and when to try again) an address that has sent a survey too many answers lately.
    func throttleSurveyAnswer(token: String) throws {
        // Only a well-formed token is remembered; any other is "not found" a moment later.
        guard token.count == 32, token.allSatisfy(\.isHexDigit) else { return }
        let (address, now) = (clientAddress, Date())
        guard application.surveyThrottle.withLockedValue({ $0.allow(survey: token, address: address, now: now) }) else {
            throw Abort(.tooManyRequests, headers: ["Retry-After": String(Int(SurveyLimits.rateWindow))],
                        reason: "This survey has had many answers from your network in the last few minutes. Wait \(Int(SurveyLimits.rateWindow / 60)) minutes, then send yours again.")
        }
    }
}
