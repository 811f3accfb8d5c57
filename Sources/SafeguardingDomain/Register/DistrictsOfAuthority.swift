import Foundation

/// Which 2019 local authority districts make up each children's services authority that IMD
/// 2019 does not list under its own code. IMD 2019 names every LSOA's district (2019
/// boundaries); a county council (E10) is made of its districts (E07), and the unitary
/// authorities created since (Buckinghamshire 2020, North and West Northamptonshire 2021,
/// Cumberland, Westmorland and Furness, North Yorkshire and Somerset 2023) of the districts they
/// replaced. Written from ONS's "Local Authority District to County (April 2019)" lookup and the
/// structural change orders; `LocalAuthorityDistrictsTests` checks that every English district in
/// IMD 2019 belongs to exactly one of them and that every authority in DfE's list has LSOAs.
public enum DistrictsOfAuthority {
    /// District codes (`E07000143`) by authority code (`E10000020`).
    public static let table: [String: [String]] = {
        func districts(_ numbers: [Int]) -> [String] { numbers.map { String(format: "E07%06d", $0) } }
        return [
            "E06000060": districts(Array(4...7)),                  // Buckinghamshire
            "E10000003": districts(Array(8...12)),                 // Cambridgeshire
            "E06000063": districts([26, 28, 29]),                  // Cumberland: Allerdale, Carlisle, Copeland
            "E06000064": districts([27, 30, 31]),                  // Westmorland and Furness: Barrow-in-Furness, Eden, South Lakeland
            "E10000007": districts(Array(32...39)),                // Derbyshire
            "E10000008": districts(Array(40...47)),                // Devon
            "E10000011": districts(Array(61...65)),                // East Sussex
            "E10000012": districts(Array(66...77)),                // Essex
            "E10000013": districts(Array(78...83)),                // Gloucestershire
            "E10000014": districts(Array(84...94)),                // Hampshire
            "E10000015": districts([95, 96, 98, 99, 102, 103, 240, 241, 242, 243]), // Hertfordshire
            "E10000016": districts(Array(105...116)),              // Kent
            "E10000017": districts(Array(117...128)),              // Lancashire
            "E10000018": districts(Array(129...135)),              // Leicestershire
            "E10000019": districts(Array(136...142)),              // Lincolnshire
            "E10000020": districts(Array(143...149)),              // Norfolk
            "E06000061": districts([150, 152, 153, 156]),          // North Northamptonshire: Corby, East Northamptonshire, Kettering, Wellingborough
            "E06000062": districts([151, 154, 155]),               // West Northamptonshire: Daventry, Northampton, South Northamptonshire
            "E06000065": districts(Array(163...169)),              // North Yorkshire
            "E10000024": districts(Array(170...176)),              // Nottinghamshire
            "E10000025": districts(Array(177...181)),              // Oxfordshire
            "E06000066": districts([187, 188, 189, 246]),          // Somerset
            "E10000028": districts(Array(192...199)),              // Staffordshire
            "E10000029": districts([200, 202, 203, 244, 245]),     // Suffolk
            "E10000030": districts(Array(207...217)),              // Surrey
            "E10000031": districts(Array(218...222)),              // Warwickshire
            "E10000032": districts(Array(223...229)),              // West Sussex
            "E10000034": districts(Array(234...239)),              // Worcestershire
        ]
    }()

    /// The IMD 2019 district codes whose LSOAs are the authority's: its districts, or its own code.
    public static func imdCodes(of authority: String) -> [String] {
        table[authority] ?? [authority]
    }
}
