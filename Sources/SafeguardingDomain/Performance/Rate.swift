import Foundation

/// Rates per head of child population, computed and rounded the way the DfE publishes them.
///
/// DfE convention: a rate per 10,000 children is the count divided by the ONS mid-year
/// estimate of children aged 0-17 for the *previous* year, times 10,000 — so a 31 March 2025
/// count uses the mid-2024 population (Calderdale children in need 2025:
/// 1625 / 45130 × 10000 = 360.1). Choosing that population is the caller's job.
public enum Rate {
    /// `count` per 10,000 of `population`; nil when there is no population to divide by.
    public static func perTenThousand(count: Double, population: Double) -> Double? {
        guard population > 0 else { return nil }
        return count / population * 10_000
    }

    /// Rounds half up to one decimal place, as DfE tables do (12.25 → 12.3), so our figures
    /// match the published ones digit for digit.
    public static func dfeRounded(_ value: Double) -> Double {
        (value * 10).rounded(.toNearestOrAwayFromZero) / 10
    }

    /// A rate with its 95% confidence interval, all per the same number of people, so that a
    /// rate built on small numbers is shown with the uncertainty it carries.
    ///
    /// Uses Byar's approximation to the exact Poisson interval, which is close to it even for
    /// counts in the tens and needs no chi-square tables. For a count of 0 Byar's lower bound
    /// is meaningless, so the interval is the exact Poisson one: lower 0, upper −ln(0.025)
    /// ≈ 3.689 events (the chi-square bound χ²(0.975; 2) / 2). Nil when the population is not
    /// positive or the count is negative.
    public static func poissonInterval(count: Int, population: Double, per: Double = 10_000) -> RateInterval? {
        guard population > 0, count >= 0 else { return nil }
        let scale = per / population
        guard count > 0 else { return RateInterval(rate: 0, lower: 0, upper: -log(0.025) * scale) }
        let a = Double(count)
        let z = RateInterval.z95
        let lowerCount = a * pow(1 - 1 / (9 * a) - z / (3 * a.squareRoot()), 3)
        let upperCount = (a + 1) * pow(1 - 1 / (9 * (a + 1)) + z / (3 * (a + 1).squareRoot()), 3)
        return RateInterval(rate: a * scale, lower: lowerCount * scale, upper: upperCount * scale)
    }
}

/// A rate and its 95% confidence interval, on the same scale (per 10,000 unless stated).
public struct RateInterval: Sendable, Equatable {
    public let rate: Double
    public let lower: Double
    public let upper: Double

    /// The standard normal quantile for a two-sided 95% interval.
    static let z95 = 1.959963984540054
}
