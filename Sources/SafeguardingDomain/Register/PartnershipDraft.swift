import Foundation

/// A new partnership as the command line (and later the set-up page) submits it: its names, its
/// address and the local authorities it covers, the first being the primary one.
public struct PartnershipDraft: Sendable, Equatable {
    public var name: String
    public var shortName: String
    public var slug: String
    /// ONS codes (`E08000034`), primary first, without repeats.
    public var localAuthorityCodes: [String]

    public init(name: String, shortName: String, slug: String, localAuthorityCodes: [String]) {
        self.name = name
        self.shortName = shortName
        self.slug = slug
        self.localAuthorityCodes = localAuthorityCodes
    }

    /// Checks the fields `name`, `short_name`, `slug` and the list of codes. Whether each code is a
    /// real authority, and whether the slug is free, is for the use case, which has the list and
    /// the database.
    public static func validate(name: String?, shortName: String?, slug: String?, localAuthorityCodes: [String]) throws(ValidationErrors) -> PartnershipDraft {
        var v = Validator()
        let name = v.requiredText(name, field: "name", missing: "Enter the partnership's name, for example Kirklees Safeguarding Children Partnership", maxLength: 150)
        let shortName = v.requiredText(shortName, field: "short_name", missing: "Enter a short name, for example KSCP", maxLength: 30)
        let slug = (slug ?? "").trimmingCharacters(in: .whitespaces)
        if slug.isEmpty {
            v.add("slug", "Enter the slug, the partnership's part of the web address, for example kirklees")
        } else if !Slug.isValid(slug) {
            v.add("slug", "The slug \(slug) may only have lowercase letters a to z, digits and single hyphens (not at either end), up to 60 characters, for example kirklees")
        }
        var codes: [String] = []
        for raw in localAuthorityCodes {
            let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
            if codes.contains(code) {
                v.add("local_authority", "\(code) is given twice")
            } else {
                codes.append(code)
            }
        }
        if codes.isEmpty { v.add("local_authority", "Give at least one local authority code, for example E08000034 (Kirklees)") }
        try v.finish()
        return PartnershipDraft(name: name, shortName: shortName, slug: slug, localAuthorityCodes: codes)
    }
}
