import Foundation
import Testing
@testable import SafeguardingDomain

// Every expected date below was worked out by hand from a calendar (weekdays checked against a
// printed calendar), never by running the clock: the comments show the counting.

/// The refusal a review validation throws, or nil when it accepted the submission.
private func reviewRefusal<T>(_ body: () throws -> T) -> ValidationErrors? {
    do {
        _ = try body()
        return nil
    } catch let error as ValidationErrors {
        return error
    } catch {
        Issue.record("expected ValidationErrors, got \(error)")
        return nil
    }
}

/// The clock error a calculation throws, or nil when it answered.
private func clockRefusal<T>(_ body: () throws -> T) -> ClockError? {
    do {
        _ = try body()
        return nil
    } catch let error as ClockError {
        return error
    } catch {
        Issue.record("expected ClockError, got \(error)")
        return nil
    }
}

private func ymd(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
    CalendarDate(year: year, month: month, day: day)!
}

private let clock = WorkingDayCalendar.shipped

/// ISO weekday (1 Monday ... 7 Sunday) by Foundation's Gregorian calendar, independent of CalendarDate.
private func foundationWeekday(_ date: CalendarDate) -> Int {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let instant = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))!
    let weekday = calendar.component(.weekday, from: instant) // 1 is Sunday
    return weekday == 1 ? 7 : weekday - 1
}

/// Easter Sunday by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm.
private func easterSunday(_ year: Int) -> (month: Int, day: Int) {
    let a = year % 19, b = year / 100, c = year % 100
    let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
    let h = (19 * a + b - d - g + 15) % 30
    let i = c / 4, k = c % 4
    let l = (32 + 2 * e + 2 * i - h - k) % 7
    let m = (a + 11 * h + 22 * l) / 451
    let month = (h + l - 7 * m + 114) / 31
    let day = (h + l - 7 * m + 114) % 31 + 1
    return (month, day)
}

/// The day `offset` days from a date, by Foundation's calendar (not CalendarDate's arithmetic).
private func foundationShift(_ date: CalendarDate, by offset: Int) -> CalendarDate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let instant = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))!
    let shifted = calendar.date(byAdding: .day, value: offset, to: instant)!
    let parts = calendar.dateComponents([.year, .month, .day], from: shifted)
    return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
}

private func shippedHolidays(in year: Int) -> Set<CalendarDate> {
    Set(ShippedBankHolidays.englandAndWales.map(\.date).filter { $0.year == year })
}

// MARK: - Calendar dates

@Suite("Reviews: weekdays and day numbers")
struct ReviewCalendarDateTests {
    @Test("Day numbers count from 1 January 1970, negative before it")
    func dayNumbers() {
        #expect(ymd(1970, 1, 1).dayNumber == 0)
        #expect(ymd(1970, 1, 2).dayNumber == 1)
        #expect(ymd(1969, 12, 31).dayNumber == -1)
        // 30 years of 365 days plus 7 leap days (72, 76, 80, 84, 88, 92, 96), plus Jan and Feb 2000 (31 + 29).
        #expect(ymd(2000, 3, 1).dayNumber == 30 * 365 + 7 + 31 + 29)
        #expect(ymd(2024, 3, 1).dayNumber - ymd(2024, 2, 28).dayNumber == 2, "29 February 2024 lies between")
        #expect(ymd(2023, 3, 1).dayNumber - ymd(2023, 2, 28).dayNumber == 1, "2023 has no 29 February")
    }

    @Test("Weekdays run Monday 1 to Sunday 7")
    func knownWeekdays() {
        #expect(ymd(1970, 1, 1).weekday == 4) // a Thursday
        #expect(ymd(1969, 12, 31).weekday == 3) // a Wednesday
        #expect(ymd(2023, 12, 25).weekday == 1) // Christmas 2023 was a Monday
        #expect(ymd(2024, 2, 29).weekday == 4) // a Thursday
        #expect(ymd(2028, 2, 29).weekday == 2) // a Tuesday
        #expect(ymd(2023, 6, 10).weekday == 6 && ymd(2023, 6, 10).isWeekend) // a Saturday
        #expect(ymd(2023, 6, 11).weekday == 7 && ymd(2023, 6, 11).isWeekend) // a Sunday
        #expect(!ymd(2023, 6, 9).isWeekend) // a Friday
    }

    @Test("Every weekday from 2017 to 2031 agrees with Foundation's Gregorian calendar")
    func weekdaysAgreeWithFoundation() {
        var date = ymd(2017, 1, 1)
        var checked = 0
        while date.year <= 2031 {
            #expect(date.weekday == foundationWeekday(date), "\(date)")
            date = foundationShift(date, by: 1)
            checked += 1
        }
        #expect(checked == 15 * 365 + 3) // 2017 to 2031: leap years 2020, 2024 and 2028
    }

    @Test("Six months after 31 August is the last day of February: 29th in 2024, 28th in 2025")
    func sixMonthsClamp() {
        #expect(ymd(2023, 8, 31).addingMonths(6) == ymd(2024, 2, 29))
        #expect(ymd(2024, 8, 31).addingMonths(6) == ymd(2025, 2, 28))
        #expect(ymd(2027, 8, 31).addingMonths(6) == ymd(2028, 2, 29))
        #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CalendarDate(iso: "2023-02-29") == nil)
        #expect(CalendarDate(iso: "2024-02-29") == ymd(2024, 2, 29))
    }
}

// MARK: - Shipped holiday data

@Suite("Reviews: the shipped bank holidays")
struct ShippedBankHolidayTests {
    @Test("Good Friday and Easter Monday are present for every year, by an independent Easter calculation",
          arguments: 2018...2030)
    func easterEveryYear(year: Int) throws {
        let easter = easterSunday(year)
        let sunday = ymd(year, easter.month, easter.day)
        #expect(foundationWeekday(sunday) == 7, "Easter is a Sunday")
        let holidays = shippedHolidays(in: year)
        let goodFriday = foundationShift(sunday, by: -2)
        let easterMonday = foundationShift(sunday, by: 1)
        #expect(holidays.contains(goodFriday), "Good Friday \(goodFriday)")
        #expect(holidays.contains(easterMonday), "Easter Monday \(easterMonday)")
        #expect(clock.holiday(on: goodFriday) == "Good Friday")
        #expect(clock.holiday(on: easterMonday) == "Easter Monday")
    }

    @Test("The named Easters: 2019 19/22 April, 2024 29 March/1 April, 2025 18/21 April, 2027 26/29 March")
    func namedEasters() {
        #expect(easterSunday(2019).month == 4 && easterSunday(2019).day == 21) // Easter Sunday 2019 was 21 April
        for (goodFriday, easterMonday) in [(ymd(2019, 4, 19), ymd(2019, 4, 22)), (ymd(2024, 3, 29), ymd(2024, 4, 1)),
                                           (ymd(2025, 4, 18), ymd(2025, 4, 21)), (ymd(2027, 3, 26), ymd(2027, 3, 29))] {
            #expect(clock.holiday(on: goodFriday) == "Good Friday")
            #expect(clock.holiday(on: easterMonday) == "Easter Monday")
        }
    }

    @Test("Every year has at least 8 holidays, none on a weekend: 10 in 2022, 9 in 2023, 8 in 2020")
    func countsAndWeekends() {
        for year in 2018...2030 {
            let holidays = shippedHolidays(in: year)
            #expect(holidays.count >= 8, "\(year)")
            for holiday in holidays { #expect(foundationWeekday(holiday) <= 5, "\(holiday) falls on a weekend") }
            let expected = year == 2022 ? 10 : year == 2023 ? 9 : 8
            #expect(holidays.count == expected, "\(year)")
        }
        #expect(ShippedBankHolidays.englandAndWales.count == 13 * 8 + 2 + 1)
        #expect(clock.coveredYears == Set(2018...2030))
        #expect(clock.coverage == "2018 to 2030")
    }

    @Test("Each year's holidays follow the England and Wales rules, with substitute days and the one-off changes",
          arguments: 2018...2030)
    func rulesEveryYear(year: Int) {
        func firstMonday(_ month: Int) -> CalendarDate {
            let first = ymd(year, month, 1)
            return foundationShift(first, by: (8 - foundationWeekday(first)) % 7)
        }
        func lastMonday(_ month: Int) -> CalendarDate {
            let last = ymd(year, month, CalendarDate.daysIn(month: month, year: year))
            return foundationShift(last, by: -(foundationWeekday(last) - 1))
        }
        var expected = Set<CalendarDate>()
        // New Year's Day, moved to the Monday when it falls at a weekend.
        let newYear = ymd(year, 1, 1)
        expected.insert(foundationShift(newYear, by: [6: 2, 7: 1][foundationWeekday(newYear)] ?? 0))
        let easter = easterSunday(year)
        expected.insert(foundationShift(ymd(year, easter.month, easter.day), by: -2))
        expected.insert(foundationShift(ymd(year, easter.month, easter.day), by: 1))
        // Early May: first Monday, except 2020 when it moved to Friday 8 May for VE day.
        expected.insert(year == 2020 ? ymd(2020, 5, 8) : firstMonday(5))
        // Spring: last Monday of May, except 2022 when it moved to Thursday 2 June, beside the Jubilee on the 3rd.
        if year == 2022 { expected.formUnion([ymd(2022, 6, 2), ymd(2022, 6, 3)]) } else { expected.insert(lastMonday(5)) }
        expected.insert(lastMonday(8))
        // Christmas and Boxing Day with substitutes: Sat 25 -> Mon 27 and Tue 28; Sun 25 -> Mon 26 and Tue 27;
        // Fri 25 -> Sat 26 moves to Mon 28.
        switch foundationWeekday(ymd(year, 12, 25)) {
        case 5: expected.formUnion([ymd(year, 12, 25), ymd(year, 12, 28)])
        case 6: expected.formUnion([ymd(year, 12, 27), ymd(year, 12, 28)])
        case 7: expected.formUnion([ymd(year, 12, 26), ymd(year, 12, 27)])
        default: expected.formUnion([ymd(year, 12, 25), ymd(year, 12, 26)])
        }
        if year == 2022 { expected.insert(ymd(2022, 9, 19)) } // the Queen's state funeral
        if year == 2023 { expected.insert(ymd(2023, 5, 8)) } // the coronation
        #expect(shippedHolidays(in: year) == expected)
    }

    @Test("Christmas substitutes: 2020 Mon 28, 2021 Mon 27 and Tue 28, 2022 Mon 26 and Tue 27 with Mon 2 Jan 2023, 2026 Mon 28")
    func christmasSubstitutes() throws {
        // 2020: Christmas Friday, Boxing Day Saturday -> Monday 28th.
        #expect(try clock.isWorkingDay(ymd(2020, 12, 25)) == false)
        #expect(try clock.isWorkingDay(ymd(2020, 12, 28)) == false)
        #expect(clock.holiday(on: ymd(2020, 12, 28)) == "Boxing Day (substitute day)")
        // 2021: Saturday and Sunday -> Monday 27th and Tuesday 28th; New Year Saturday -> Monday 3 January 2022.
        #expect(clock.holiday(on: ymd(2021, 12, 27)) == "Christmas Day (substitute day)")
        #expect(clock.holiday(on: ymd(2021, 12, 28)) == "Boxing Day (substitute day)")
        #expect(clock.holiday(on: ymd(2022, 1, 3)) == "New Year’s Day (substitute day)")
        // 2022: Christmas Sunday -> Boxing Day Monday 26th, Christmas substitute Tuesday 27th; New Year Sunday -> Monday 2 January 2023.
        #expect(clock.holiday(on: ymd(2022, 12, 26)) == "Boxing Day")
        #expect(clock.holiday(on: ymd(2022, 12, 27)) == "Christmas Day (substitute day)")
        #expect(clock.holiday(on: ymd(2023, 1, 2)) == "New Year’s Day (substitute day)")
        // 2026 as 2020.
        #expect(clock.holiday(on: ymd(2026, 12, 28)) == "Boxing Day (substitute day)")
        #expect(clock.holiday(on: ymd(2026, 12, 26)) == nil, "the Saturday itself is no holiday")
    }
}

// MARK: - The working-day clock

@Suite("Reviews: counting working days")
struct WorkingDayClockTests {
    @Test("5 working days after Friday 22 December 2023 is Wednesday 3 January 2024")
    func christmas2023() throws {
        // Mon 25 and Tue 26 holidays; Wed 27 (1), Thu 28 (2), Fri 29 (3); Mon 1 Jan holiday; Tue 2 (4), Wed 3 (5).
        #expect(try clock.adding(workingDays: 5, to: ymd(2023, 12, 22)) == ymd(2024, 1, 3))
        #expect(try clock.workingDays(from: ymd(2023, 12, 22), to: ymd(2024, 1, 3)) == 5)
        #expect(try clock.adding(workingDays: -5, to: ymd(2024, 1, 3)) == ymd(2023, 12, 22))
    }

    @Test("Christmas 2020: one working day after Thursday 24 December is Tuesday 29th; four is Monday 4 January")
    func christmas2020() throws {
        // Fri 25 holiday, Sat, Sun, Mon 28 substitute; Tue 29 (1), Wed 30 (2), Thu 31 (3); Fri 1 Jan holiday; Mon 4 (4).
        #expect(try clock.adding(workingDays: 1, to: ymd(2020, 12, 24)) == ymd(2020, 12, 29))
        #expect(try clock.adding(workingDays: 4, to: ymd(2020, 12, 24)) == ymd(2021, 1, 4))
    }

    @Test("Christmas 2021: one working day after Friday 24 December is Wednesday 29th; four is Tuesday 4 January")
    func christmas2021() throws {
        // Sat 25, Sun 26, Mon 27 and Tue 28 substitutes; Wed 29 (1), Thu 30 (2), Fri 31 (3); Mon 3 Jan substitute; Tue 4 (4).
        #expect(try clock.adding(workingDays: 1, to: ymd(2021, 12, 24)) == ymd(2021, 12, 29))
        #expect(try clock.adding(workingDays: 4, to: ymd(2021, 12, 24)) == ymd(2022, 1, 4))
        #expect(try clock.workingDays(from: ymd(2021, 12, 24), to: ymd(2022, 1, 4)) == 4)
    }

    @Test("Christmas 2022: one working day after Friday 23 December is Wednesday 28th; four is Tuesday 3 January")
    func christmas2022() throws {
        // Sat 24, Sun 25, Mon 26 Boxing Day, Tue 27 substitute; Wed 28 (1), Thu 29 (2), Fri 30 (3); Mon 2 Jan substitute; Tue 3 (4).
        #expect(try clock.adding(workingDays: 1, to: ymd(2022, 12, 23)) == ymd(2022, 12, 28))
        #expect(try clock.adding(workingDays: 4, to: ymd(2022, 12, 23)) == ymd(2023, 1, 3))
        #expect(try clock.adding(workingDays: -4, to: ymd(2023, 1, 3)) == ymd(2022, 12, 23))
    }

    @Test("Christmas 2026: one working day after Thursday 24 December is Tuesday 29th; four is Monday 4 January 2027")
    func christmas2026() throws {
        // Fri 25, Sat, Sun, Mon 28 substitute; Tue 29 (1), Wed 30 (2), Thu 31 (3); Fri 1 Jan holiday; Mon 4 (4).
        #expect(try clock.adding(workingDays: 1, to: ymd(2026, 12, 24)) == ymd(2026, 12, 29))
        #expect(try clock.adding(workingDays: 4, to: ymd(2026, 12, 24)) == ymd(2027, 1, 4))
    }

    @Test("One working day after the Thursday before Good Friday is the Tuesday after Easter Monday",
          arguments: [(ymd(2019, 4, 18), ymd(2019, 4, 23)), (ymd(2024, 3, 28), ymd(2024, 4, 2)),
                      (ymd(2025, 4, 17), ymd(2025, 4, 22)), (ymd(2027, 3, 25), ymd(2027, 3, 30))])
    func easter(thursday: CalendarDate, tuesday: CalendarDate) throws {
        #expect(try clock.adding(workingDays: 1, to: thursday) == tuesday)
        #expect(try clock.adding(workingDays: -1, to: tuesday) == thursday)
        #expect(try clock.workingDays(from: thursday, to: tuesday) == 1)
    }

    @Test("Counting crosses 29 February in 2024 and 2028; 2023 goes straight to 1 March")
    func leapDays() throws {
        // Wed 28 Feb 2024 -> Thu 29 (1) -> Fri 1 Mar (2).
        #expect(try clock.adding(workingDays: 1, to: ymd(2024, 2, 28)) == ymd(2024, 2, 29))
        #expect(try clock.adding(workingDays: 2, to: ymd(2024, 2, 28)) == ymd(2024, 3, 1))
        // Thu 15 Feb 2024: Fri 16 (1), 19-23 (6), 26-29 (10), Fri 1 Mar (11), 4-8 (16), 11-14 (20).
        #expect(try clock.adding(workingDays: 20, to: ymd(2024, 2, 15)) == ymd(2024, 3, 14))
        // Mon 28 Feb 2028 -> Tue 29 (1) -> Wed 1 Mar (2).
        #expect(try clock.adding(workingDays: 1, to: ymd(2028, 2, 28)) == ymd(2028, 2, 29))
        #expect(try clock.adding(workingDays: 2, to: ymd(2028, 2, 28)) == ymd(2028, 3, 1))
        // Fri 25 Feb 2028 to Mon 6 Mar: 28, 29, 1, 2, 3, 6.
        #expect(try clock.workingDays(from: ymd(2028, 2, 25), to: ymd(2028, 3, 6)) == 6)
        // Tue 28 Feb 2023 -> Wed 1 Mar (1).
        #expect(try clock.adding(workingDays: 1, to: ymd(2023, 2, 28)) == ymd(2023, 3, 1))
    }

    @Test("One-off holidays: VE day 2020, the Jubilee 2022, the state funeral 2022, the coronation 2023")
    func oneOffHolidays() throws {
        // 2020: Mon 4 May is an ordinary working day; Fri 8 May is the holiday.
        #expect(try clock.isWorkingDay(ymd(2020, 5, 4)))
        #expect(try !clock.isWorkingDay(ymd(2020, 5, 8)))
        #expect(try clock.adding(workingDays: 1, to: ymd(2020, 5, 7)) == ymd(2020, 5, 11))
        // 2022: Wed 1 June -> Thu 2 and Fri 3 holidays -> Mon 6.
        #expect(try clock.adding(workingDays: 1, to: ymd(2022, 6, 1)) == ymd(2022, 6, 6))
        #expect(try clock.isWorkingDay(ymd(2022, 5, 30)), "the usual last Monday of May was worked")
        // Fri 16 Sep 2022 -> Mon 19 state funeral -> Tue 20.
        #expect(try clock.adding(workingDays: 1, to: ymd(2022, 9, 16)) == ymd(2022, 9, 20))
        // Fri 5 May 2023 -> Mon 8 coronation -> Tue 9.
        #expect(try clock.adding(workingDays: 1, to: ymd(2023, 5, 5)) == ymd(2023, 5, 9))
        #expect(clock.holiday(on: ymd(2023, 5, 8)) == "Bank holiday for the coronation of King Charles III")
    }

    @Test("From a Saturday the next working day is Monday and the previous one Friday; Friday to Monday is one")
    func weekends() throws {
        let saturday = ymd(2023, 6, 10)
        #expect(try clock.adding(workingDays: 1, to: saturday) == ymd(2023, 6, 12))
        #expect(try clock.adding(workingDays: -1, to: saturday) == ymd(2023, 6, 9))
        #expect(try clock.adding(workingDays: 5, to: saturday) == ymd(2023, 6, 16)) // Mon 12 (1) ... Fri 16 (5)
        #expect(try clock.adding(workingDays: 0, to: saturday) == saturday)
        #expect(try !clock.isWorkingDay(saturday))
        #expect(try clock.workingDays(from: ymd(2023, 6, 9), to: ymd(2023, 6, 12)) == 1)
        #expect(try clock.workingDays(from: ymd(2023, 6, 12), to: ymd(2023, 6, 9)) == -1)
        #expect(try clock.workingDays(from: saturday, to: ymd(2023, 6, 11)) == 0, "Saturday to Sunday passes no working day")
    }

    @Test("The same day is 0 either way; going backwards counts are negative")
    func zeroAndNegative() throws {
        #expect(try clock.workingDays(from: ymd(2024, 5, 15), to: ymd(2024, 5, 15)) == 0)
        #expect(try clock.workingDays(from: ymd(2024, 5, 18), to: ymd(2024, 5, 18)) == 0)
        // Wed 3 Jan 2024 back to Fri 22 Dec 2023: Tue 2, Fri 29, Thu 28, Wed 27, and Fri 22 itself.
        #expect(try clock.workingDays(from: ymd(2024, 1, 3), to: ymd(2023, 12, 22)) == -5)
        #expect(try clock.adding(workingDays: -3, to: ymd(2024, 4, 2)) == ymd(2024, 3, 26)) // Thu 28, Wed 27, Tue 26
    }

    @Test("Counting is the inverse of adding, forwards and backwards, from every day of 2023-24 for -20 to 20 days")
    func inverse() throws {
        var start = ymd(2023, 4, 1)
        var starts = 0
        while start <= ymd(2024, 3, 31) {
            for n in -20...20 {
                let end = try clock.adding(workingDays: n, to: start)
                #expect(try clock.workingDays(from: start, to: end) == n, "\(start) \(n)")
                if n != 0 {
                    #expect(try clock.isWorkingDay(end), "\(start) \(n) lands on a working day")
                    #expect(n > 0 ? end > start : end < start)
                }
            }
            start = foundationShift(start, by: 1)
            starts += 1
        }
        #expect(starts == 366)
    }

    @Test("Adding the count between two working days gets from one to the other, either way")
    func inverseTheOtherWay() throws {
        let workingDays = try (0..<200).map { foundationShift(ymd(2023, 11, 1), by: $0) }.filter { try clock.isWorkingDay($0) }
        for start in workingDays.prefix(40) {
            for end in workingDays where abs(end.dayNumber - start.dayNumber) < 90 {
                let count = try clock.workingDays(from: start, to: end)
                #expect(try clock.adding(workingDays: count, to: start) == end, "\(start) -> \(end)")
                #expect(try clock.workingDays(from: end, to: start) == -count)
            }
        }
    }

    @Test("A date in 2031 or 2017 is refused, naming the covered years 2018 to 2030")
    func outsideTheData() throws {
        for date in [ymd(2031, 1, 2), ymd(2017, 12, 29)] {
            let error = try #require(clockRefusal { try clock.adding(workingDays: 1, to: date) })
            #expect(error == .outsideHolidayData(date, covered: "2018 to 2030"))
            #expect(error.description.contains("2018 to 2030"))
            #expect(error.description.contains("\(date)"))
            #expect(clockRefusal { try clock.isWorkingDay(date) } != nil)
            #expect(clockRefusal { try clock.workingDays(from: ymd(2024, 1, 1), to: date) } != nil)
        }
    }

    @Test("Adding that would run past 31 December 2030 is refused; up to it is answered")
    func runningOffTheEnd() throws {
        // Fri 27 Dec 2030: Mon 30 (1), Tue 31 (2), then 2031.
        #expect(try clock.adding(workingDays: 2, to: ymd(2030, 12, 27)) == ymd(2030, 12, 31))
        let error = try #require(clockRefusal { try clock.adding(workingDays: 3, to: ymd(2030, 12, 27)) })
        guard case let .outsideHolidayData(date, covered) = error else { Issue.record("got \(error)"); return }
        #expect(date.year == 2031)
        #expect(covered == "2018 to 2030")
        // Going back past 1 January 2018 is refused the same way: Tue 2 Jan 2018 back 1 is 2017.
        let back = try #require(clockRefusal { try clock.adding(workingDays: -1, to: ymd(2018, 1, 2)) })
        guard case let .outsideHolidayData(earlier, _) = back else { Issue.record("got \(back)"); return }
        #expect(earlier.year == 2017)
    }

    @Test("More than 3,000 working days at once is too far")
    func tooFar() {
        #expect(WorkingDayCalendar.maximumSpan == 3_000)
        #expect(clockRefusal { try clock.adding(workingDays: 3_001, to: ymd(2018, 1, 2)) } == .tooFar(3_001))
        #expect(clockRefusal { try clock.adding(workingDays: -1_000_000, to: ymd(2030, 12, 31)) } == .tooFar(-1_000_000))
        #expect(clockRefusal { try clock.adding(workingDays: Int.max, to: ymd(2024, 1, 1)) } == .tooFar(Int.max))
        #expect(ClockError.tooFar(5_000).description.contains("3000"))
        // 3,000 working days is about twelve years, so from 2 January 2018 it stays inside 2030.
        #expect(clockRefusal { try clock.adding(workingDays: 3_000, to: ymd(2018, 1, 2)) } == nil)
    }

    @Test("A calendar with an imported 2031 covers 2031 and says so")
    func importedYear() throws {
        let year2031 = [BankHoliday(date: ymd(2031, 1, 1), title: "New Year’s Day"),
                        BankHoliday(date: ymd(2031, 4, 11), title: "Good Friday"),
                        BankHoliday(date: ymd(2031, 4, 14), title: "Easter Monday"),
                        BankHoliday(date: ymd(2031, 5, 5), title: "Early May bank holiday"),
                        BankHoliday(date: ymd(2031, 5, 26), title: "Spring bank holiday"),
                        BankHoliday(date: ymd(2031, 8, 25), title: "Summer bank holiday"),
                        BankHoliday(date: ymd(2031, 12, 25), title: "Christmas Day"),
                        BankHoliday(date: ymd(2031, 12, 26), title: "Boxing Day")]
        #expect(easterSunday(2031).month == 4 && easterSunday(2031).day == 13)
        let extended = WorkingDayCalendar(holidays: ShippedBankHolidays.englandAndWales + year2031)
        #expect(extended.coverage == "2018 to 2031")
        // Fri 27 Dec 2030: Mon 30 (1), Tue 31 (2), Wed 1 Jan holiday, Thu 2 (3), Fri 3 (4), Mon 6 (5).
        #expect(try extended.adding(workingDays: 5, to: ymd(2030, 12, 27)) == ymd(2031, 1, 6))
        // Thu 10 Apr 2031 -> Good Friday 11, Easter Monday 14 -> Tue 15.
        #expect(try extended.adding(workingDays: 1, to: ymd(2031, 4, 10)) == ymd(2031, 4, 15))
        #expect(clockRefusal { try extended.adding(workingDays: 1, to: ymd(2032, 1, 5)) } != nil)
    }

    @Test("Coverage with a gap lists the years; an empty calendar covers none")
    func coverageWords() {
        let gappy = WorkingDayCalendar(holidays: [BankHoliday(date: ymd(2018, 1, 1), title: "New Year’s Day"),
                                                  BankHoliday(date: ymd(2020, 1, 1), title: "New Year’s Day")])
        #expect(gappy.coverage == "2018, 2020")
        #expect(clockRefusal { try gappy.isWorkingDay(ymd(2019, 6, 3)) } == .outsideHolidayData(ymd(2019, 6, 3), covered: "2018, 2020"))
        #expect(WorkingDayCalendar(holidays: []).coverage == "no years")
        #expect(WorkingDayCalendar(holidays: [BankHoliday(date: ymd(2031, 1, 1), title: "New Year’s Day")]).coverage == "2031")
    }
}

// MARK: - The GOV.UK file

@Suite("Reviews: reading GOV.UK's bank-holidays.json")
struct BankHolidayFileTests {
    private func parse(_ json: String) throws(ValidationErrors) -> [BankHoliday] {
        try BankHolidayFile.parse(Data(json.utf8))
    }

    @Test("Only the england-and-wales division is read, sorted by date")
    func readsEnglandAndWales() throws {
        let json = """
        {"england-and-wales": {"division": "england-and-wales", "events": [
            {"title": "Good Friday", "date": "2031-04-11", "notes": "", "bunting": false},
            {"title": "New Year’s Day", "date": "2031-01-01", "notes": "", "bunting": true}]},
         "scotland": {"division": "scotland", "events": [
            {"title": "2nd January", "date": "2031-01-02", "notes": "", "bunting": true},
            {"title": "St Andrew’s Day", "date": "2031-12-01", "notes": "", "bunting": true}]}}
        """
        let holidays = try parse(json)
        #expect(holidays == [BankHoliday(date: ymd(2031, 1, 1), title: "New Year’s Day"),
                             BankHoliday(date: ymd(2031, 4, 11), title: "Good Friday")])
    }

    @Test("A file without the england-and-wales division is refused by that name")
    func missingDivision() throws {
        let errors = try #require(reviewRefusal { try parse(#"{"scotland": {"events": [{"title": "2nd January", "date": "2031-01-02"}]}}"#) })
        #expect(errors.errors.map(\.field) == ["england-and-wales"])
    }

    @Test("A file that is not a JSON object is refused as the file")
    func notJSON() throws {
        for text in ["not json at all", "[1, 2, 3]", ""] {
            let errors = try #require(reviewRefusal { try parse(text) }, "\(text)")
            #expect(errors.errors.map(\.field) == ["file"])
        }
    }

    @Test("Events missing or empty are refused at england-and-wales.events")
    func missingEvents() throws {
        let missing = try #require(reviewRefusal { try parse(#"{"england-and-wales": {"division": "england-and-wales"}}"#) })
        #expect(missing.errors.map(\.field) == ["england-and-wales.events"])
        let empty = try #require(reviewRefusal { try parse(#"{"england-and-wales": {"events": []}}"#) })
        #expect(empty.errors.map(\.field) == ["england-and-wales.events"])
    }

    @Test("Each bad event is named by its number and field: an unreal date, a missing title, a duplicate date")
    func badEvents() throws {
        let json = """
        {"england-and-wales": {"events": [
            {"date": "2031-01-01"},
            {"title": "Imaginary day", "date": "2031-02-30"},
            {"title": "Good Friday", "date": "2031-04-11"},
            {"title": "Good Friday again", "date": "2031-04-11"},
            {"title": "No date"},
            "not an event"]}}
        """
        let errors = try #require(reviewRefusal { try parse(json) })
        #expect(errors.errors.map(\.field) == ["england-and-wales.events[1].title", "england-and-wales.events[2].date",
                                               "england-and-wales.events[4].date", "england-and-wales.events[5].date",
                                               "england-and-wales.events[6]"])
        #expect(errors.message(for: "england-and-wales.events[4].date")?.contains("2031-04-11 appears twice") == true)
        #expect(errors.message(for: "england-and-wales.events[2].date")?.contains("YYYY-MM-DD") == true)
    }

    @Test("A blank title counts as missing")
    func blankTitle() throws {
        let errors = try #require(reviewRefusal { try parse(#"{"england-and-wales": {"events": [{"title": "   ", "date": "2031-01-01"}]}}"#) })
        #expect(errors.errors.map(\.field) == ["england-and-wales.events[1].title"])
    }
}

// MARK: - Timescales and deadlines

@Suite("Reviews: timescales")
struct ReviewTimescalesTests {
    @Test("The statutory defaults are 5 working days, 15 working days, 6 months and 7 working days")
    func defaults() {
        let statutory = ReviewTimescales.statutory
        #expect(statutory.notificationWorkingDays == 5)
        #expect(statutory.rapidReviewWorkingDays == 15)
        #expect(statutory.publicationMonths == 6)
        #expect(statutory.copyWorkingDays == 7)
        #expect(ReviewTimescales() == statutory)
    }

    @Test("A partnership's own timescales are read, with spaces trimmed, at the ends of their ranges")
    func accepts() throws {
        let low = try ReviewTimescales.validate(["notification_working_days": " 1 ", "rapid_review_working_days": "1",
                                                 "publication_months": "1", "copy_working_days": "1"])
        #expect(low == ReviewTimescales(notificationWorkingDays: 1, rapidReviewWorkingDays: 1, publicationMonths: 1, copyWorkingDays: 1))
        let high = try ReviewTimescales.validate(["notification_working_days": "30", "rapid_review_working_days": "60",
                                                  "publication_months": "24", "copy_working_days": "30"])
        #expect(high == ReviewTimescales(notificationWorkingDays: 30, rapidReviewWorkingDays: 60, publicationMonths: 24, copyWorkingDays: 30))
    }

    @Test("Each timescale out of range, or not a whole number, is refused with its range")
    func refuses() throws {
        let errors = try #require(reviewRefusal {
            try ReviewTimescales.validate(["notification_working_days": "0", "rapid_review_working_days": "61",
                                           "publication_months": "2.5", "copy_working_days": "seven"])
        })
        #expect(errors.errors.map(\.field) == ["notification_working_days", "rapid_review_working_days", "publication_months", "copy_working_days"])
        #expect(errors.message(for: "notification_working_days") == "Enter the working days to notify the national panel as a whole number from 1 to 30")
        #expect(errors.message(for: "rapid_review_working_days") == "Enter the working days to complete a rapid review as a whole number from 1 to 60")
        #expect(errors.message(for: "publication_months") == "Enter the months to publish a local review as a whole number from 1 to 24")
        #expect(errors.message(for: "copy_working_days") == "Enter the working days before publication to send the copy as a whole number from 1 to 30")
        let over = try #require(reviewRefusal {
            try ReviewTimescales.validate(["notification_working_days": "31", "rapid_review_working_days": "15",
                                           "publication_months": "25", "copy_working_days": "-1"])
        })
        #expect(over.errors.map(\.field) == ["notification_working_days", "publication_months", "copy_working_days"])
        #expect(reviewRefusal { try ReviewTimescales.validate([:]) }?.errors.count == 4)
    }
}

@Suite("Reviews: the statutory clock's deadlines")
struct ReviewDeadlineTests {
    let statutory = ReviewTimescales.statutory

    @Test("Aware on Friday 22 December 2023: notify by Wednesday 3 January 2024")
    func notificationDue() throws {
        let deadlines = try ReviewClock.incidentDeadlines(awareOn: ymd(2023, 12, 22), notifiedOn: nil, submittedOn: nil,
                                                          timescales: statutory, calendar: clock)
        #expect(deadlines == [Deadline(kind: .notification, dueOn: ymd(2024, 1, 3), doneOn: nil)])
    }

    @Test("Notified on 3 January 2024: the rapid review is due 15 working days later, Wednesday 24 January")
    func rapidReviewDue() throws {
        // Thu 4 (1), Fri 5 (2), Mon 8 - Fri 12 (7), Mon 15 - Fri 19 (12), Mon 22 (13), Tue 23 (14), Wed 24 (15).
        let deadlines = try ReviewClock.incidentDeadlines(awareOn: ymd(2023, 12, 22), notifiedOn: ymd(2024, 1, 3), submittedOn: ymd(2024, 1, 20),
                                                          timescales: statutory, calendar: clock)
        #expect(deadlines == [Deadline(kind: .notification, dueOn: ymd(2024, 1, 3), doneOn: ymd(2024, 1, 3)),
                              Deadline(kind: .rapidReview, dueOn: ymd(2024, 1, 24), doneOn: ymd(2024, 1, 20))])
        #expect(try deadlines.map { try $0.state(today: ymd(2024, 2, 1), calendar: clock) } == [.met, .met])
    }

    @Test("A partnership's own timescales move the deadlines: 10 working days to notify")
    func ownTimescales() throws {
        // From Fri 22 Dec 2023: the 5th is Wed 3 Jan, then Thu 4 (6), Fri 5 (7), Mon 8 (8), Tue 9 (9), Wed 10 (10).
        let timescales = ReviewTimescales(notificationWorkingDays: 10)
        let deadlines = try ReviewClock.incidentDeadlines(awareOn: ymd(2023, 12, 22), notifiedOn: nil, submittedOn: nil,
                                                          timescales: timescales, calendar: clock)
        #expect(deadlines.first?.dueOn == ymd(2024, 1, 10))
    }

    @Test("An incident outside the holiday data gets no deadline but an error")
    func incidentOutsideData() throws {
        let error = try #require(clockRefusal {
            try ReviewClock.incidentDeadlines(awareOn: ymd(2031, 3, 3), notifiedOn: nil, submittedOn: nil, timescales: statutory, calendar: clock)
        })
        #expect(error.description.contains("2018 to 2030"))
    }

    @Test("Done on or before the due date is met; after it is met late by the working days between")
    func metAndMetLate() throws {
        let due = ymd(2024, 1, 3)
        let state = { (done: CalendarDate) throws(ClockError) -> DeadlineState in
            try Deadline(kind: .notification, dueOn: due, doneOn: done).state(today: ymd(2024, 3, 1), calendar: clock)
        }
        #expect(try state(due) == .met)
        #expect(try state(ymd(2023, 12, 27)) == .met)
        #expect(try state(ymd(2024, 1, 4)) == .metLate(workingDaysLate: 1))
        #expect(try state(ymd(2024, 1, 8)) == .metLate(workingDaysLate: 3)) // Thu 4, Fri 5, Mon 8
        #expect(try state(ymd(2024, 1, 8)).label == "Missed: done 3 working days late")
        #expect(try state(ymd(2024, 1, 4)).label == "Missed: done 1 working day late")
        #expect(try state(ymd(2024, 1, 8)).isMissed)
        #expect(try !state(due).isMissed)
        #expect(DeadlineState.met.label == "Met")
    }

    @Test("Not done: working days left until due, 'Due today' on the day, then missed by the working days overdue")
    func pendingAndMissed() throws {
        let deadline = Deadline(kind: .notification, dueOn: ymd(2024, 1, 3), doneOn: nil)
        func state(_ today: CalendarDate) throws(ClockError) -> DeadlineState { try deadline.state(today: today, calendar: clock) }
        // Wed 27 Dec: Thu 28, Fri 29, Tue 2, Wed 3 remain.
        #expect(try state(ymd(2023, 12, 27)) == .pending(workingDaysLeft: 4))
        #expect(try state(ymd(2023, 12, 27)).label == "4 working days left")
        #expect(try state(ymd(2024, 1, 2)) == .pending(workingDaysLeft: 1))
        #expect(try state(ymd(2024, 1, 2)).label == "1 working day left")
        #expect(try state(ymd(2024, 1, 3)) == .pending(workingDaysLeft: 0))
        #expect(try state(ymd(2024, 1, 3)).label == "Due today")
        #expect(try !state(ymd(2024, 1, 3)).isMissed)
        // Thu 4 Jan is the first day overdue; Mon 8 Jan the third (Thu 4, Fri 5, Mon 8).
        #expect(try state(ymd(2024, 1, 4)) == .missed(workingDaysLate: 1))
        #expect(try state(ymd(2024, 1, 4)).label == "Missed: 1 working day overdue")
        #expect(try state(ymd(2024, 1, 8)) == .missed(workingDaysLate: 3))
        #expect(try state(ymd(2024, 1, 8)).label == "Missed: 3 working days overdue")
        #expect(try state(ymd(2024, 1, 8)).isMissed)
        // A weekend adds nothing: on Sat 6 Jan only Thu 4 and Fri 5 have gone by, as for one done that day.
        #expect(try state(ymd(2024, 1, 6)) == .missed(workingDaysLate: 2))
        let friday = Deadline(kind: .notification, dueOn: ymd(2024, 1, 5), doneOn: nil)
        #expect(try friday.state(today: ymd(2024, 1, 6), calendar: clock) == .missed(workingDaysLate: 0))
        #expect(try friday.state(today: ymd(2024, 1, 6), calendar: clock).label == "Missed: the due date has passed")
        #expect(try friday.state(today: ymd(2024, 1, 6), calendar: clock).isMissed)
    }

    @Test("A local review decided on 31 August 2023 is due for publication on 29 February 2024, the copy on 20 February")
    func localReviewLeapYear() throws {
        // Copy: 7 working days before Thu 29 Feb: Wed 28 (1), Tue 27, Mon 26, Fri 23, Thu 22, Wed 21, Tue 20 (7).
        let deadlines = try ReviewClock.localReviewDeadlines(decidedOn: ymd(2023, 8, 31), plannedPublicationOn: nil, publishedOn: nil,
                                                             copySentOn: nil, timescales: statutory, calendar: clock)
        #expect(deadlines == [Deadline(kind: .copyToPanel, dueOn: ymd(2024, 2, 20), doneOn: nil),
                              Deadline(kind: .publication, dueOn: ymd(2024, 2, 29), doneOn: nil)])
    }

    @Test("Decided on 31 August 2024: publication due Friday 28 February 2025, copy Wednesday 19 February")
    func localReviewCommonYear() throws {
        // 27 (1), 26, 25, 24, 21, 20, 19 (7).
        let deadlines = try ReviewClock.localReviewDeadlines(decidedOn: ymd(2024, 8, 31), plannedPublicationOn: nil, publishedOn: nil,
                                                             copySentOn: nil, timescales: statutory, calendar: clock)
        #expect(deadlines.map(\.dueOn) == [ymd(2025, 2, 19), ymd(2025, 2, 28)])
    }

    @Test("The copy is counted back from the planned publication date, and from the actual one once published")
    func copyFollowsPublication() throws {
        // Planned Thu 15 Feb 2024: 14 (1), 13, 12, 9, 8, 7, Tue 6 (7).
        let planned = try ReviewClock.localReviewDeadlines(decidedOn: ymd(2023, 8, 31), plannedPublicationOn: ymd(2024, 2, 15), publishedOn: nil,
                                                           copySentOn: ymd(2024, 2, 1), timescales: statutory, calendar: clock)
        #expect(planned == [Deadline(kind: .copyToPanel, dueOn: ymd(2024, 2, 6), doneOn: ymd(2024, 2, 1)),
                            Deadline(kind: .publication, dueOn: ymd(2024, 2, 29), doneOn: nil)])
        // Published Tue 5 Mar 2024 (the plan is overridden): Mon 4 (1), Fri 1, Thu 29, Wed 28, Tue 27, Mon 26, Fri 23 (7).
        let published = try ReviewClock.localReviewDeadlines(decidedOn: ymd(2023, 8, 31), plannedPublicationOn: ymd(2024, 2, 15),
                                                             publishedOn: ymd(2024, 3, 5), copySentOn: ymd(2024, 2, 20),
                                                             timescales: statutory, calendar: clock)
        #expect(published == [Deadline(kind: .copyToPanel, dueOn: ymd(2024, 2, 23), doneOn: ymd(2024, 2, 20)),
                              Deadline(kind: .publication, dueOn: ymd(2024, 2, 29), doneOn: ymd(2024, 3, 5))])
        // Published late: Fri 1, Mon 4, Tue 5 March.
        #expect(try published[1].state(today: ymd(2024, 3, 10), calendar: clock) == .metLate(workingDaysLate: 3))
        #expect(try published[0].state(today: ymd(2024, 3, 10), calendar: clock) == .met)
    }

    @Test("Counting the copy back over Easter 2024 skips Good Friday")
    func copyOverEaster() throws {
        // Decided 1 Oct 2023 -> publication due Mon 1 Apr 2024 (Easter Monday: calendar months ignore holidays).
        // Back 7: Sun 31, Sat 30, Good Friday 29 skipped; Thu 28 (1), Wed 27, Tue 26, Mon 25, Fri 22, Thu 21, Wed 20 (7).
        let deadlines = try ReviewClock.localReviewDeadlines(decidedOn: ymd(2023, 10, 1), plannedPublicationOn: nil, publishedOn: nil,
                                                             copySentOn: nil, timescales: statutory, calendar: clock)
        #expect(deadlines.map(\.dueOn) == [ymd(2024, 3, 20), ymd(2024, 4, 1)])
    }
}

// MARK: - Drafts

@Suite("Reviews: child references")
struct ChildReferenceTests {
    private func problems(_ raw: String?) -> [FieldError] {
        var v = Validator()
        _ = ChildReference.validate(raw, validator: &v)
        return v.errors
    }

    @Test("Anonymised references are accepted",
          arguments: ["Baby S", "Child Q", "Siblings T and U", "Young person R", "Child 2023/04", "Siblings A and B and C and D and E and F"])
    func accepts(reference: String) {
        #expect(problems(reference).isEmpty)
    }

    @Test("Names, a lone initial, nothing at all and overlong text are refused",
          arguments: ["John Smith", "Baby Sarah", "S", "", "   ", "Siblings A and B and C and D and E and F and G and H and I J"])
    func refuses(reference: String) {
        #expect(problems(reference).map(\.field) == ["child_reference"], "\(reference)")
    }

    @Test("Spacing is tidied; a missing reference asks for one; the field name can be chosen")
    func tidiesAndNames() {
        var v = Validator()
        #expect(ChildReference.validate("  Baby   S ", validator: &v) == "Baby S")
        #expect(v.errors.isEmpty)
        #expect(problems(nil).first?.message == "Enter the child's anonymised reference, like Baby S")
        #expect(problems("John Smith").first?.message == ChildReference.rule)
        var named = Validator()
        _ = ChildReference.validate("Baby Sarah", field: "subject", validator: &named)
        #expect(named.errors.map(\.field) == ["subject"])
    }
}

@Suite("Reviews: recording a serious incident")
struct IncidentDraftTests {
    let today = ymd(2024, 1, 10)
    let valid: [String: String] = ["child_reference": "Baby S", "age_band": "under_1", "harm": "death", "aware_on": "2023-12-22",
                                   "summary": "An infant died at home.", "agencies": "police, health ,police,,"]

    @Test("A complete incident is read, agencies trimmed, deduplicated and sorted")
    func accepts() throws {
        let draft = try IncidentDraft.validate(valid, today: today)
        #expect(draft == IncidentDraft(childReference: "Baby S", ageBand: .underOne, harm: .death, awareOn: ymd(2023, 12, 22),
                                       summary: "An infant died at home.", careLeaver: false, agencies: ["health", "police"]))
    }

    @Test("The date may come as ISO text or in three boxes, and means the same")
    func threeBoxDates() throws {
        var boxes = valid
        boxes["aware_on"] = nil
        boxes["aware_on-day"] = "22"
        boxes["aware_on-month"] = "12"
        boxes["aware_on-year"] = "2023"
        #expect(try IncidentDraft.validate(boxes, today: today) == IncidentDraft.validate(valid, today: today))
        boxes["aware_on-day"] = "30"
        boxes["aware_on-month"] = "2"
        #expect(reviewRefusal { try IncidentDraft.validate(boxes, today: today) }?.errors.map(\.field) == ["aware_on"])
        boxes["aware_on-day"] = "22"
        boxes["aware_on-month"] = "12"
        boxes["aware_on-year"] = "23"
        #expect(reviewRefusal { try IncidentDraft.validate(boxes, today: today) }?.errors.map(\.field) == ["aware_on"])
    }

    @Test("The local authority cannot become aware in the future; today is allowed")
    func futureAwareness() throws {
        var fields = valid
        fields["aware_on"] = "2024-01-11"
        let errors = try #require(reviewRefusal { try IncidentDraft.validate(fields, today: today) })
        #expect(errors.errors.map(\.field) == ["aware_on"])
        fields["aware_on"] = "2024-01-10"
        #expect(reviewRefusal { try IncidentDraft.validate(fields, today: today) } == nil)
    }

    @Test("Everything missing is refused at once, field by field")
    func allMissing() throws {
        let errors = try #require(reviewRefusal { try IncidentDraft.validate([:], today: today) })
        #expect(Set(errors.errors.map(\.field)) == ["child_reference", "age_band", "harm", "aware_on", "summary"])
        let wrong = try #require(reviewRefusal {
            try IncidentDraft.validate(valid.merging(["age_band": "adult", "harm": "injury"]) { $1 }, today: today)
        })
        #expect(wrong.errors.map(\.field) == ["age_band", "harm"])
    }

    @Test("Someone aged 18 to 24 is recorded only as a care leaver who died")
    func careLeaverAgeBand() throws {
        var fields = valid
        fields["age_band"] = "18_24"
        #expect(reviewRefusal { try IncidentDraft.validate(fields, today: today) }?.errors.map(\.field) == ["age_band"])
        fields["care_leaver"] = "yes"
        let draft = try IncidentDraft.validate(fields, today: today)
        #expect(draft.careLeaver && draft.ageBand == .eighteenToTwentyFour)
        fields["age_band"] = "16_17"
        fields["care_leaver"] = "on"
        #expect(try IncidentDraft.validate(fields, today: today).careLeaver)
    }

    @Test("A care leaver is 16 to 24, and the care leaver notification is for a death only")
    func careLeaverRules() throws {
        var young = valid
        young["age_band"] = "10_15"
        young["care_leaver"] = "yes"
        #expect(reviewRefusal { try IncidentDraft.validate(young, today: today) }?.errors.map(\.field) == ["care_leaver"])
        var harmed = valid
        harmed["age_band"] = "16_17"
        harmed["harm"] = "serious_harm"
        harmed["care_leaver"] = "true"
        #expect(reviewRefusal { try IncidentDraft.validate(harmed, today: today) }?.errors.map(\.field) == ["care_leaver"])
        harmed["care_leaver"] = "no"
        #expect(try IncidentDraft.validate(harmed, today: today).careLeaver == false)
    }

    @Test("At most 40 agencies")
    func tooManyAgencies() {
        var fields = valid
        fields["agencies"] = (1...41).map { "org\($0)" }.joined(separator: ",")
        #expect(reviewRefusal { try IncidentDraft.validate(fields, today: today) }?.errors.map(\.field) == ["agencies"])
        fields["agencies"] = (1...40).map { "org\($0)" }.joined(separator: ",")
        #expect(reviewRefusal { try IncidentDraft.validate(fields, today: today) } == nil)
    }

    @Test("Agencies may also come one per line")
    func agenciesOnLines() throws {
        var fields = valid
        fields["agencies"] = "police\nhealth, school\n\npolice"
        #expect(try IncidentDraft.validate(fields, today: today).agencies == ["health", "police", "school"])
    }
}

@Suite("Reviews: notification, agency summaries and sign-offs")
struct NotificationAndSummaryTests {
    let awareOn = ymd(2023, 12, 22)
    let today = ymd(2024, 1, 10)

    @Test("The notification is read with its panel reference, by ISO date or three boxes")
    func accepts() throws {
        let draft = try NotificationDraft.validate(["notified_on": "2024-01-03", "panel_reference": " NP-123 "], awareOn: awareOn, today: today)
        #expect(draft == NotificationDraft(notifiedOn: ymd(2024, 1, 3), panelReference: "NP-123"))
        let boxed = try NotificationDraft.validate(["notified_on-day": "3", "notified_on-month": "1", "notified_on-year": "2024"],
                                                   awareOn: awareOn, today: today)
        #expect(boxed == NotificationDraft(notifiedOn: ymd(2024, 1, 3), panelReference: nil))
        #expect(try NotificationDraft.validate(["notified_on": "2023-12-22"], awareOn: awareOn, today: today).notifiedOn == awareOn)
    }

    @Test("The notification cannot come before awareness, nor in the future, nor be missing")
    func refuses() throws {
        let before = try #require(reviewRefusal { try NotificationDraft.validate(["notified_on": "2023-12-21"], awareOn: awareOn, today: today) })
        #expect(before.errors.map(\.field) == ["notified_on"])
        #expect(before.message(for: "notified_on")?.contains("22 December 2023") == true)
        #expect(reviewRefusal { try NotificationDraft.validate(["notified_on": "2024-01-11"], awareOn: awareOn, today: today) }?
            .errors.map(\.field) == ["notified_on"])
        #expect(reviewRefusal { try NotificationDraft.validate([:], awareOn: awareOn, today: today) }?.errors.map(\.field) == ["notified_on"])
        let longReference = String(repeating: "N", count: 61)
        #expect(reviewRefusal { try NotificationDraft.validate(["notified_on": "2024-01-03", "panel_reference": longReference],
                                                               awareOn: awareOn, today: today) }?.errors.map(\.field) == ["panel_reference"])
    }

    @Test("An agency summary cannot come back before it was requested; fields carry the prefix")
    func agencySummary() throws {
        let fields = ["a1_organisation": "police", "a1_requested_on": "2024-01-04", "a1_received_on": "2024-01-12"]
        let draft = try AgencySummaryDraft.validate(fields, prefix: "a1_")
        #expect(draft == AgencySummaryDraft(organisation: "police", requestedOn: ymd(2024, 1, 4), receivedOn: ymd(2024, 1, 12)))
        let early = fields.merging(["a1_received_on": "2024-01-03"]) { $1 }
        #expect(reviewRefusal { try AgencySummaryDraft.validate(early, prefix: "a1_") }?.errors.map(\.field) == ["a1_received_on"])
        #expect(Set(reviewRefusal { try AgencySummaryDraft.validate([:]) }?.errors.map(\.field) ?? []) == ["organisation", "requested_on"])
    }

    @Test("A sign-off needs the partner, the signer's role and the date")
    func signOff() throws {
        let draft = try SignOffDraft.validate(["signoff_organisation": "icb", "signed_by_role": "Designated nurse", "signed_on": "2024-01-20"])
        #expect(draft == SignOffDraft(organisation: "icb", signedByRole: "Designated nurse", signedOn: ymd(2024, 1, 20)))
        let errors = try #require(reviewRefusal { try SignOffDraft.validate(["signoff_organisation": "icb", "signed_on": "2024-01-20"]) })
        #expect(errors.errors.map(\.field) == ["signed_by_role"])
        #expect(Set(reviewRefusal { try SignOffDraft.validate([:]) }?.errors.map(\.field) ?? []) == ["signoff_organisation", "signed_by_role", "signed_on"])
    }
}

@Suite("Reviews: the rapid review")
struct RapidReviewDraftTests {
    let notified = ymd(2024, 1, 3)

    @Test("A rapid review with panel, decision, reasons and date is read")
    func accepts() throws {
        let draft = try RapidReviewDraft.validate(["panel_met_on": "2024-01-15", "immediate_actions": "Safety plan for siblings",
                                                   "decision": "local_review", "decision_reasons": "New learning on bruising",
                                                   "decided_on": "2024-01-15"], notifiedOn: notified)
        #expect(draft == RapidReviewDraft(panelMetOn: ymd(2024, 1, 15), immediateActions: "Safety plan for siblings", decision: .localReview,
                                          decisionReasons: "New learning on bruising", decidedOn: ymd(2024, 1, 15)))
        let empty = try RapidReviewDraft.validate([:], notifiedOn: nil)
        #expect(empty.decision == nil && empty.panelMetOn == nil)
    }

    @Test("A decision needs its reasons and its date")
    func decisionNeedsReasonsAndDate() throws {
        let noReasons = try #require(reviewRefusal {
            try RapidReviewDraft.validate(["decision": "no_local_review", "decided_on": "2024-01-15"], notifiedOn: notified)
        })
        #expect(noReasons.errors.map(\.field) == ["decision_reasons"])
        let noDate = try #require(reviewRefusal {
            try RapidReviewDraft.validate(["decision": "national_review", "decision_reasons": "Wider issues"], notifiedOn: notified)
        })
        #expect(noDate.errors.map(\.field) == ["decided_on"])
        let unknown = try #require(reviewRefusal {
            try RapidReviewDraft.validate(["decision": "maybe", "decision_reasons": "x", "decided_on": "2024-01-15"], notifiedOn: notified)
        })
        #expect(unknown.errors.map(\.field).first == "decision")
    }

    @Test("Reasons or a date without a decision are refused at the decision")
    func reasonsWithoutDecision() {
        #expect(reviewRefusal { try RapidReviewDraft.validate(["decision_reasons": "Because"], notifiedOn: notified) }?
            .errors.map(\.field) == ["decision"])
        #expect(reviewRefusal { try RapidReviewDraft.validate(["decided_on": "2024-01-15"], notifiedOn: notified) }?
            .errors.map(\.field) == ["decision"])
    }

    @Test("The panel needs the notification first, and cannot meet before it; the decision cannot precede the panel")
    func ordering() {
        #expect(reviewRefusal { try RapidReviewDraft.validate(["panel_met_on": "2024-01-15"], notifiedOn: nil) }?
            .errors.map(\.field) == ["panel_met_on"])
        let before = reviewRefusal { try RapidReviewDraft.validate(["panel_met_on": "2024-01-02"], notifiedOn: notified) }
        #expect(before?.errors.map(\.field) == ["panel_met_on"])
        #expect(before?.message(for: "panel_met_on")?.contains("3 January 2024") == true)
        #expect(reviewRefusal {
            try RapidReviewDraft.validate(["panel_met_on": "2024-01-15", "decision": "local_review", "decision_reasons": "r",
                                           "decided_on": "2024-01-12"], notifiedOn: notified)
        }?.errors.map(\.field) == ["decided_on"])
    }

    @Test("Submission needs the decision and all three statutory partners' sign-offs")
    func submission() throws {
        let today = ymd(2024, 1, 25)
        #expect(try RapidReviewSubmission.validate(["submitted_on": "2024-01-24"], decidedOn: ymd(2024, 1, 15), partnersSigned: 3, today: today)
            == ymd(2024, 1, 24))
        let two = try #require(reviewRefusal {
            try RapidReviewSubmission.validate(["submitted_on": "2024-01-24"], decidedOn: ymd(2024, 1, 15), partnersSigned: 2, today: today)
        })
        #expect(two.errors.map(\.field) == ["submitted_on"])
        #expect(two.message(for: "submitted_on") == "All 3 statutory partners must sign off first; 2 have")
        let one = reviewRefusal {
            try RapidReviewSubmission.validate(["submitted_on": "2024-01-24"], decidedOn: ymd(2024, 1, 15), partnersSigned: 1, today: today)
        }
        #expect(one?.message(for: "submitted_on") == "All 3 statutory partners must sign off first; 1 has")
        #expect(reviewRefusal {
            try RapidReviewSubmission.validate(["submitted_on": "2024-01-24"], decidedOn: nil, partnersSigned: 3, today: today)
        }?.errors.map(\.field) == ["submitted_on"])
    }

    @Test("Submission cannot precede the decision nor be in the future")
    func submissionDates() {
        let today = ymd(2024, 1, 25)
        #expect(reviewRefusal {
            try RapidReviewSubmission.validate(["submitted_on": "2024-01-14"], decidedOn: ymd(2024, 1, 15), partnersSigned: 3, today: today)
        }?.errors.map(\.field) == ["submitted_on"])
        #expect(reviewRefusal {
            try RapidReviewSubmission.validate(["submitted_on": "2024-01-26"], decidedOn: ymd(2024, 1, 15), partnersSigned: 3, today: today)
        }?.errors.map(\.field) == ["submitted_on"])
        #expect(reviewRefusal {
            try RapidReviewSubmission.validate([:], decidedOn: ymd(2024, 1, 15), partnersSigned: 3, today: today)
        }?.errors.map(\.field) == ["submitted_on"])
    }
}

@Suite("Reviews: local reviews, milestones and publication")
struct LocalReviewDraftTests {
    let valid: [String: String] = ["child_reference": "Child Q", "reporting_year": "2023-24", "reviewer": "Independent reviewer",
                                   "decided_on": "2023-08-31", "terms_of_reference": "Multi-agency working\n\n  Voice of the child  \n",
                                   "planned_publication_on": "2024-02-15"]

    @Test("A local review is read with its terms of reference one per line")
    func accepts() throws {
        let draft = try LocalReviewDraft.validate(valid)
        #expect(draft == LocalReviewDraft(childReference: "Child Q", reportingYear: ReportingYear(startYear: 2023), reviewer: "Independent reviewer",
                                          decidedOn: ymd(2023, 8, 31), termsOfReference: ["Multi-agency working", "Voice of the child"],
                                          plannedPublicationOn: ymd(2024, 2, 15), summary: nil))
    }

    @Test("A bad reporting year, missing terms, a name for a reference and a plan before the decision are refused")
    func refuses() throws {
        let errors = try #require(reviewRefusal {
            try LocalReviewDraft.validate(valid.merging(["reporting_year": "2023-25", "terms_of_reference": " \n ", "child_reference": "Sarah Jones",
                                                         "planned_publication_on": "2023-08-30"]) { $1 })
        })
        #expect(errors.errors.map(\.field) == ["child_reference", "reporting_year", "terms_of_reference", "planned_publication_on"])
        #expect(errors.message(for: "planned_publication_on")?.contains("31 August 2023") == true)
        #expect(reviewRefusal { try LocalReviewDraft.validate(valid.merging(["decided_on": ""]) { $1 }) }?.errors.map(\.field) == ["decided_on"])
    }

    @Test("A milestone needs a title and a due date")
    func milestone() throws {
        let draft = try MilestoneDraft.validate(["milestone_title": "Practitioner event", "milestone_due_on-day": "4",
                                                 "milestone_due_on-month": "3", "milestone_due_on-year": "2024"])
        #expect(draft == MilestoneDraft(title: "Practitioner event", dueOn: ymd(2024, 3, 4), doneOn: nil))
        #expect(Set(reviewRefusal { try MilestoneDraft.validate([:]) }?.errors.map(\.field) ?? []) == ["milestone_title", "milestone_due_on"])
    }
}

@Suite("Reviews: copy and publication")
struct PublicationDraftTests {
    let decided = ymd(2023, 8, 31)
    let today = ymd(2024, 3, 10)

    private func refused(_ fields: [String: String]) -> [String]? {
        reviewRefusal { try PublicationDraft.validate(fields, decidedOn: decided, today: today) }?.errors.map(\.field)
    }

    @Test("The copy then publication with an https link is accepted; the copy alone too")
    func accepts() throws {
        let draft = try PublicationDraft.validate(["copy_sent_on": "2024-02-20", "published_on": "2024-02-29",
                                                  "publication_link": "https://example.org/reviews/child-q"], decidedOn: decided, today: today)
        #expect(draft == PublicationDraft(copySentOn: ymd(2024, 2, 20), publishedOn: ymd(2024, 2, 29), link: "https://example.org/reviews/child-q"))
        #expect(try PublicationDraft.validate(["copy_sent_on": "2024-02-20"], decidedOn: decided, today: today).publishedOn == nil)
        #expect(try PublicationDraft.validate(["copy_sent_on": "2024-02-29", "published_on": "2024-02-29",
                                               "publication_link": "https://x.org/r"], decidedOn: decided, today: today).copySentOn == ymd(2024, 2, 29))
    }

    @Test("An empty form records nothing, and a published review's date can be corrected but not removed")
    func emptyAndUnpublishing() throws {
        // Found by the access matrix: an empty form cleared a published review's publication, making it restricted again.
        #expect(refused([:]) == ["copy_sent_on"])
        let published = ymd(2024, 2, 29)
        let fields = ["copy_sent_on": "2024-02-20"]
        let removal = reviewRefusal { try PublicationDraft.validate(fields, decidedOn: decided, publishedBefore: published, today: today) }
        #expect(removal?.errors.map(\.field) == ["published_on"])
        #expect(removal?.message(for: "published_on") == "This review was published on 29 February 2024; correct the date, it cannot be removed")
        let corrected = try PublicationDraft.validate(["copy_sent_on": "2024-02-20", "published_on": "2024-03-01", "publication_link": "https://example.org/r"],
                                                      decidedOn: decided, publishedBefore: published, today: today)
        #expect(corrected.publishedOn == ymd(2024, 3, 1))
    }

    @Test("Publication needs the copy first and a link")
    func publicationNeedsCopyAndLink() {
        #expect(refused(["published_on": "2024-02-29", "publication_link": "https://example.org/r"]) == ["copy_sent_on"])
        #expect(refused(["copy_sent_on": "2024-02-20", "published_on": "2024-02-29"]) == ["publication_link"])
        #expect(refused(["copy_sent_on": "2024-03-01", "published_on": "2024-02-29", "publication_link": "https://example.org/r"]) == ["copy_sent_on"])
    }

    @Test("The link must be an https address without spaces")
    func linkMustBeHTTPS() {
        for link in ["http://example.org/report", "example.org/report", "https://", "https://example.org/my report"] {
            #expect(refused(["copy_sent_on": "2024-02-20", "published_on": "2024-02-29", "publication_link": link]) == ["publication_link"], "\(link)")
        }
        #expect(refused(["copy_sent_on": "2024-02-20", "published_on": "2024-02-29", "publication_link": "HTTPS://EXAMPLE.ORG/R"]) == nil)
    }

    @Test("Neither the copy nor publication can be in the future; the copy cannot precede the decision")
    func dates() {
        #expect(refused(["copy_sent_on": "2024-03-11"]) == ["copy_sent_on"])
        #expect(refused(["copy_sent_on": "2023-08-30"]) == ["copy_sent_on"])
        #expect(refused(["copy_sent_on": "2024-03-01", "published_on": "2024-03-11", "publication_link": "https://example.org/r"]) == ["published_on"])
    }
}

// MARK: - Themes across reviews

@Suite("Reviews: themes across reviews")
struct ThemesAcrossReviewsTests {
    private typealias Item = ThemesAcrossReviews.Item

    @Test("The window ending with 2023-24 is 2020-21 to 2023-24, oldest first")
    func window() {
        #expect(ThemesAcrossReviews.window(endingWith: ReportingYear(startYear: 2023))
            == [2020, 2021, 2022, 2023].map { ReportingYear(startYear: $0) })
        #expect(ThemesAcrossReviews.window(endingWith: ReportingYear(startYear: 2023)).map(\.description) == ["2020-21", "2021-22", "2022-23", "2023-24"])
        #expect(ThemesAcrossReviews.window(endingWith: ReportingYear(startYear: 2023), count: 1) == [ReportingYear(startYear: 2023)])
        #expect(ThemesAcrossReviews.window(endingWith: ReportingYear(startYear: 2023), count: 0) == [ReportingYear(startYear: 2023)])
    }

    @Test("Rows run by most reviews, then most findings, then name; national-only themes come last, beside nothing local")
    func rows() {
        let l1 = Item(reviewID: "r1", reviewTitle: "Baby S", text: "a", themes: ["communication", "neglect"])
        let l2 = Item(reviewID: "r1", reviewTitle: "Baby S", text: "b", themes: ["communication", "voice of the child"])
        let l3 = Item(reviewID: "r2", reviewTitle: "Child Q", text: "c", themes: ["communication", "housing"])
        let l4 = Item(reviewID: "r3", reviewTitle: "Child T", text: "d", themes: ["neglect", "voice of the child"])
        let l5 = Item(reviewID: "r3", reviewTitle: "Child T", text: "e", themes: ["housing", "housing"])
        let l6 = Item(reviewID: "r2", reviewTitle: "Child Q", text: "f", themes: ["alcohol", "voice of the child"])
        let l7 = Item(reviewID: "r1", reviewTitle: "Baby S", text: "g", themes: ["bruising"])
        let l8 = Item(reviewID: "r1", reviewTitle: "Baby S", text: "h", themes: ["bruising"])
        let l9 = Item(reviewID: "r1", reviewTitle: "Baby S", text: "i", themes: ["communication"])
        let n1 = Item(reviewID: "n1", reviewTitle: "Myth of invisible men", text: "x", themes: ["neglect", "transitions"])
        let n2 = Item(reviewID: "n2", reviewTitle: "Child protection in England", text: "y", themes: ["communication"])
        let n3 = Item(reviewID: "n3", reviewTitle: "It was hard to escape", text: "z", themes: ["adolescents", "adolescents"])
        let n4 = Item(reviewID: "n1", reviewTitle: "Myth of invisible men", text: "w", themes: ["neglect"])
        let rows = ThemesAcrossReviews.rows(local: [l1, l2, l3, l4, l5, l6, l7, l8, l9], national: [n1, n2, n3, n4])
        // voice of the child: 3 reviews; communication: 2 reviews, 4 findings; housing and neglect: 2 and 2, by name;
        // bruising: 1 review, 2 findings; alcohol: 1 and 1; then adolescents and transitions, national only.
        #expect(rows.map(\.theme) == ["voice of the child", "communication", "housing", "neglect", "bruising", "alcohol", "adolescents", "transitions"])
        let byTheme = Dictionary(uniqueKeysWithValues: rows.map { ($0.theme, $0) })
        #expect(byTheme["voice of the child"]?.reviews.map(\.id) == ["r1", "r2", "r3"], "reviews by title, whatever order they came in")
        #expect(byTheme["voice of the child"]?.reviews.map(\.title) == ["Baby S", "Child Q", "Child T"])
        #expect(byTheme["communication"]?.localFindings == [l1, l2, l9, l3], "findings by review title, each review's in the order given")
        #expect(byTheme["communication"]?.national == [n2])
        #expect(byTheme["neglect"]?.national == [n1, n4])
        #expect(byTheme["housing"]?.localFindings == [l3, l5], "a theme repeated on one finding counts once")
        #expect(byTheme["housing"]?.national == [])
        #expect(byTheme["adolescents"]?.reviews.isEmpty == true)
        #expect(byTheme["adolescents"]?.localFindings == [])
        #expect(byTheme["adolescents"]?.national == [n3])
        #expect(byTheme["transitions"]?.national == [n1])
    }

    @Test("No findings gives only the national themes; nothing gives nothing")
    func emptyInputs() {
        let n = Item(reviewID: "n1", reviewTitle: "National", text: "x", themes: ["b theme", "a theme"])
        #expect(ThemesAcrossReviews.rows(local: [], national: [n]).map(\.theme) == ["a theme", "b theme"])
        #expect(ThemesAcrossReviews.rows(local: [], national: []).isEmpty)
    }
}

// MARK: - Who may do what

@Suite("Reviews: who may do what")
struct ReviewAccessTests {
    let police = OrganisationRef("police")

    @Test("The executive reads unpublished reviews but does not record or configure them")
    func executive() {
        let grant = Grant(role: .executive, organisation: nil)
        #expect(Access.allows(grant, .readUnpublishedReviews))
        #expect(!Access.allows(grant, .recordReviews))
        #expect(!Access.allows(grant, .configureReviews))
    }

    @Test("Contributors and viewers read unpublished reviews only when they sit on the review group")
    func readingNeedsTheGroup() {
        for role in [Role.contributor, .viewer] {
            #expect(!Access.allows(Grant(role: role, organisation: police), .readUnpublishedReviews), "\(role)")
            #expect(Access.allows(Grant(role: role, organisation: police, sitsOnReviewGroup: true), .readUnpublishedReviews), "\(role)")
        }
    }

    @Test("A contributor on the group records reviews; a viewer on the group does not; neither off it")
    func recording() {
        #expect(Access.allows(Grant(role: .contributor, organisation: police, sitsOnReviewGroup: true), .recordReviews))
        #expect(!Access.allows(Grant(role: .contributor, organisation: police, sitsOnReviewGroup: false), .recordReviews))
        #expect(!Access.allows(Grant(role: .viewer, organisation: nil, sitsOnReviewGroup: true), .recordReviews))
        #expect(!Access.allows(Grant(role: .viewer, organisation: nil, sitsOnReviewGroup: false), .recordReviews))
        #expect(!Grant(role: .viewer, organisation: nil).sitsOnReviewGroup, "off the group unless said otherwise")
    }

    @Test("A young advisor never reads or records unpublished reviews, even on the group")
    func youngAdvisor() {
        for onGroup in [false, true] {
            let grant = Grant(role: .youngAdvisor, organisation: nil, sitsOnReviewGroup: onGroup)
            #expect(!Access.allows(grant, .readUnpublishedReviews))
            #expect(!Access.allows(grant, .recordReviews))
            #expect(!Access.allows(grant, .configureReviews))
        }
    }

    @Test("Administrators may do everything with reviews, on the group or not; only they configure reviews")
    func administrators() {
        for onGroup in [false, true] {
            let admin = Grant(role: .administrator, organisation: nil, sitsOnReviewGroup: onGroup)
            #expect(Access.allows(admin, .readUnpublishedReviews))
            #expect(Access.allows(admin, .recordReviews))
            #expect(Access.allows(admin, .configureReviews))
            for role in Role.allCases {
                let grant = Grant(role: role, organisation: police, sitsOnReviewGroup: onGroup)
                #expect(Access.allows(grant, .configureReviews) == (role == .administrator), "\(role) on group: \(onGroup)")
            }
        }
    }
}
