import IndexCore
import Testing

@Suite struct ProjectListingTests {
    static let fallback = Timestamp(secondsSinceEpoch: 1_767_225_600)

    @Test func pypisProjectListIsRead() throws {
        let listing = try ProjectListing(header: "name\tversion\tmonth\trank_among_15000_most_downloaded\tsummary")
        let project = try listing.project(
            "Zope.Interface\t6.0\t2023-02\t120\tInterfaces for Python", fallback: Self.fallback)
        #expect(project.name == "Zope.Interface")
        #expect(project.normalizedName == "zope-interface")
        #expect(project.version?.text == "6.0" && project.version?.canonical == "6")
        #expect(project.summary == "Interfaces for Python")
        #expect(project.created == Timestamp(secondsSinceEpoch: 1_675_209_600), "2023-02-01T00:00:00Z")
        let bare = try listing.project("bare", fallback: Self.fallback)
        #expect(bare.version == nil && bare.summary == nil && bare.created == Self.fallback)
        let legacy = try listing.project("odd\t1.0-beta-foo\t\t\t", fallback: Self.fallback)
        #expect(legacy.version == nil, "a version that is not PEP 440 is left out")
    }

    @Test(
        arguments: [
            ("1970-01", 0.0), ("2000-03", 951_868_800), ("2024-12", 1_733_011_200), ("2024-02", 1_706_745_600),
        ] as [(String, Double)])
    func monthsStartAtMidnightUTC(month: String, seconds: Double) throws {
        let listing = try ProjectListing(header: "name\tmonth")
        #expect(try listing.project("x\t\(month)", fallback: Self.fallback).created.secondsSinceEpoch == seconds)
    }

    @Test func badLinesAndHeadersAreRefusedWithAReason() throws {
        #expect(throws: ProjectListing.Problem.self) { try ProjectListing(header: "version\tsummary") }
        let listing = try ProjectListing(header: "name")
        #expect(throws: ProjectListing.Problem.self) { try listing.project("-bad-", fallback: Self.fallback) }
        #expect(throws: ProjectListing.Problem.self) { try listing.project("\t", fallback: Self.fallback) }
        let created = try ProjectListing(header: "name\tcreated")
        #expect(try created.project("x\t1000.5", fallback: Self.fallback).created.secondsSinceEpoch == 1000.5)
        #expect(try created.project("x\tnot-a-date", fallback: Self.fallback).created == Self.fallback)
    }
}
