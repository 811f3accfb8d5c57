/// A changed seat on a group: the fields of a new seat, and the day it ended if it has.
public struct SeatEdit: Sendable, Equatable {
    public var seat: MemberDraft
    public var endedOn: CalendarDate?

    /// Reads the seat's fields as `MemberDraft` does, and `member_ended_on` (optional, not after
    /// `today`, not before the seat was taken).
    public static func validate(_ fields: [String: String], today: CalendarDate) throws(ValidationErrors) -> SeatEdit {
        var problems: [FieldError] = []
        var seat: MemberDraft?
        do { seat = try MemberDraft.validate(fields, today: today) } catch { problems = error.errors }
        var v = Validator()
        let ended = v.date(fields, field: "member_ended_on", required: false, missing: "Enter the date the seat ended")
        if let ended, ended > today { v.add("member_ended_on", "The date the seat ended must be today or in the past") }
        if let ended, let started = seat?.startedOn, ended < started {
            v.add("member_ended_on", "The date the seat ended must be the same as or after the date it was taken (\(started.long))")
        }
        problems += v.errors
        guard problems.isEmpty, let seat else { throw ValidationErrors(problems) }
        return SeatEdit(seat: seat, endedOn: ended)
    }
}
