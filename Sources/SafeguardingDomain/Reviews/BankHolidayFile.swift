import Foundation

/// Reads the GOV.UK bank-holidays JSON (https://www.gov.uk/bank-holidays.json): an object keyed by
/// division, each with `events` of `title` and `date`. Only `england-and-wales` is read.
public enum BankHolidayFile {
    public static let division = "england-and-wales"

    /// The holidays in the file, with every problem named by event number and field.
    public static func parse(_ data: Data) throws(ValidationErrors) -> [BankHoliday] {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ValidationErrors([FieldError(field: "file", message: "The file is not a JSON object like GOV.UK's bank-holidays.json")])
        }
        guard let section = root[division] as? [String: Any] else {
            throw ValidationErrors([FieldError(field: division, message: "The file has no \"\(division)\" division; expected GOV.UK's bank-holidays.json")])
        }
        guard let events = section["events"] as? [Any] else {
            throw ValidationErrors([FieldError(field: "\(division).events", message: "Expected a list of events, each with a title and a date")])
        }
        var v = Validator()
        var holidays: [BankHoliday] = []
        var seen = Set<CalendarDate>()
        for (index, item) in events.enumerated() {
            let place = "\(division).events[\(index + 1)]"
            guard let event = item as? [String: Any] else { v.add(place, "Expected an object with a title and a date"); continue }
            let title = (event["title"] as? String)?.trimmingCharacters(in: .whitespaces) ?? ""
            if title.isEmpty { v.add("\(place).title", "Give the holiday's title") }
            if title.utf8.count > 200 { v.add("\(place).title", "Give a title of at most 200 characters"); continue }
            guard let text = event["date"] as? String, let date = CalendarDate(iso: text), CalendarDate.computableYears.contains(date.year) else {
                v.add("\(place).date", "Expected a real date written as YYYY-MM-DD, like 2031-01-01")
                continue
            }
            if !seen.insert(date).inserted { v.add("\(place).date", "\(date) appears twice"); continue }
            if !title.isEmpty { holidays.append(BankHoliday(date: date, title: title)) }
        }
        if events.isEmpty { v.add("\(division).events", "The file lists no bank holidays") }
        try v.finish()
        return holidays.sorted { $0.date < $1.date }
    }
}
