import SafeguardingDomain
import Testing

@Suite("Local authorities and a new partnership's fields")
struct LocalAuthorityTests {
    static let rows: [[String]] = [
        ["time_period", "time_identifier", "geographic_level", "country_code", "region_code", "region_name", "old_la_code", "new_la_code", "la_name"],
        ["2025", "Reporting year", "National", "E92000001", "", "", "", "", ""],
        ["2025", "Reporting year", "Local authority", "E92000001", "E12000003", "Yorkshire and The Humber", "381", "E08000033", "Calderdale"],
        ["2025", "Reporting year", "Local authority", "E92000001", "E12000003", "Yorkshire and The Humber", "382", "E08000034", "Kirklees"],
        ["2025", "Reporting year", "Local authority", "E92000001", "E12000006", "East of England", "926", "E10000020", "Norfolk"],
        // An authority abolished before the latest year is not offered.
        ["2022", "Reporting year", "Local authority", "E92000001", "E12000002", "North West", "909", "E10000006", "Cumbria"],
    ]

    @Test("The list is the latest year's local authorities, each with its DfE number and region")
    func directory() throws {
        let directory = try LocalAuthorityDirectory(eesRows: Self.rows)
        #expect(directory.asOf == "2025")
        #expect(directory.authorities.map(\.name) == ["Calderdale", "Kirklees", "Norfolk"])
        let kirklees = try #require(directory.authority(code: " e08000034 "))
        #expect(kirklees.oldCode == "382" && kirklees.regionName == "Yorkshire and The Humber")
        #expect(directory.authority(code: "E10000006") == nil)
    }

    @Test("A wrong code is answered with the nearest codes and names")
    func nearest() throws {
        let directory = try LocalAuthorityDirectory(eesRows: Self.rows)
        #expect(directory.nearest(to: "E10000002").byCode.first?.name == "Norfolk")
        #expect(directory.nearest(to: "926").byCode.first?.name == "Norfolk")
        #expect(directory.nearest(to: "kirkless").byName.first?.name == "Kirklees")
        #expect(directory.nearest(to: "Calder").byName.first?.name == "Calderdale")
        let message = directory.unknownCodeMessage("E0800034")
        #expect(message.hasPrefix("E0800034 is not the code of an English local authority in DfE's 2025 files."))
        #expect(message.contains("Nearest by code: E08000034 Kirklees"))
    }

    @Test("Edit distance and characters in common in order")
    func distances() {
        #expect(EditDistance.between("kitten", "sitting") == 3)
        #expect(EditDistance.between("", "abc") == 3)
        #expect(EditDistance.commonInOrder("E08000343", "E08000034") == 8)
        #expect(EditDistance.commonInOrder("abc", "") == 0)
    }

    @Test("A partnership's fields are checked, each problem naming its field")
    func draft() throws {
        let draft = try PartnershipDraft.validate(name: " Kirklees SCP ", shortName: "KSCP", slug: "kirklees", localAuthorityCodes: ["e08000034"])
        #expect(draft.name == "Kirklees SCP" && draft.localAuthorityCodes == ["E08000034"])
        do {
            _ = try PartnershipDraft.validate(name: "", shortName: "", slug: "Kirk--lees", localAuthorityCodes: ["E08000034", "e08000034"])
            Issue.record("expected problems")
        } catch {
            #expect(Set(error.errors.map(\.field)) == ["name", "short_name", "slug", "local_authority"])
            #expect(error.message(for: "local_authority") == "E08000034 is given twice")
        }
    }
}
