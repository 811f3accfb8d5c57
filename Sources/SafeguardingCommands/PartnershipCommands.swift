import ArgumentParser
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence

/// `partnership create` and `partnership list`: a partnership for any local authorities in
/// England, with its official starter data from the shipped national files, offline.
struct PartnershipCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "partnership", abstract: "Partnerships: create one for any area in England, list them.",
                                                    subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Creates a partnership covering one or more local authorities, with the standard indicators and their official values.",
            discussion: """
            The first --local-authority is the primary one (its region is the partnership's region). Codes are ONS codes \
            (E06, E08, E09 or E10 followed by six digits) of authorities in DfE's latest files; a wrong code is refused \
            naming the nearest matches. An authority already covered by another partnership of this installation is refused \
            (the demo partnership does not count). Figures for several authorities are combined by adding numerators and \
            denominators, never by averaging rates.
            """)
        @ArgumentParser.Option(help: "The partnership's full name, e.g. \"Kirklees Safeguarding Children Partnership\".") var name: String
        @ArgumentParser.Option(help: "A short name, e.g. KSCP.") var shortName: String
        @ArgumentParser.Option(help: "Its part of the web address: lowercase letters, digits and hyphens, e.g. kirklees.") var slug: String
        @ArgumentParser.Option(help: "An ONS local authority code, e.g. E08000034 (repeat for several; the first is the primary one).")
        var localAuthority: [String] = []
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let draft: PartnershipDraft
            do {
                draft = try PartnershipDraft.validate(name: name, shortName: shortName, slug: slug, localAuthorityCodes: localAuthority)
            } catch {
                throw CommandFailure(description: failureMessage(for: error))
            }
            let created = try await withApplication(options) { app in
                try await PartnershipSetup.create(draft, by: .commandLine(), on: app.db)
            }
            print("Created \(created.name) (\(created.slug)) covering \(created.authorities.map { "\($0.code) \($0.name)" }.joined(separator: ", ")).")
            print("Added \(created.indicators) indicators with \(created.values) official values and IMD 2019 deciles for \(created.lsoas) LSOAs.")
            for note in created.notes { print("Note: \(note)") }
            print("Next: safeguarding user add --partnership \(created.slug) --role administrator --email … --name … --password-stdin")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lists the partnerships: slug, name and the local authorities each covers.")
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let listings = try await withApplication(options) { app in try await PartnershipSetup.list(on: app.db) }
            if listings.isEmpty { print("There are no partnerships yet. Create one with: safeguarding partnership create"); return }
            for listing in listings {
                print("\(listing.slug)\t\(listing.name) (\(listing.shortName))\t\(listing.localAuthorities.joined(separator: "; "))")
            }
        }
    }
}

/// `official refresh`: replaces a partnership's official values from newer releases of the same
/// DfE files (or the shipped ones), recording which file and release each came from.
struct OfficialCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "official", abstract: "Official statistics: refresh a partnership's values.",
                                                    subcommands: [Refresh.self])

    struct Refresh: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replaces a partnership's official values from newer releases of the same DfE files, or from the shipped ones.",
            discussion: "--from DIR is searched for each shipped file's name (directly in DIR or in its subfolder, e.g. dfe_csc/); a file not found there is read from the shipped archive.")
        @ArgumentParser.Option(help: "The partnership's slug.") var partnership: String
        @ArgumentParser.Option(help: "A folder holding newer releases of the official files.") var from: String?
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let (slug, from) = (partnership, self.from)
            let files: OfficialFiles
            do {
                files = try from.map { try OfficialFiles.newerReleases(in: URL(fileURLWithPath: $0)) } ?? OfficialFiles.shipped()
            } catch {
                throw CommandFailure(description: failureMessage(for: error))
            }
            let loaded = try await withApplication(options) { app in
                try await PartnershipSetup.refresh(slug: slug, files: files, by: .commandLine(), on: app.db)
            }
            print("Refreshed \(slug) from \(files.origin): \(loaded.values) official values.")
            for line in loaded.lines { print("  \(line)") }
        }
    }
}
