import Testing

@testable import PythonPackaging

@Suite struct TarMemberNameTests {
    @Test(arguments: [("demo-1.0/", "demo-1.0"), ("demo-1.0/src/a.py", "demo-1.0/src/a.py")])
    func aDirectoryLosesItsTrailingSlash(raw: String, name: String) throws {
        #expect(try TarMemberName.validate(Array(raw.utf8), limit: 100) == name)
    }

    @Test(arguments: ["demo-1.0//", "demo-1.0/./a", "../a", "/a"])
    func unsafeNamesAreRefused(raw: String) {
        #expect(throws: ArchiveError.self) { try TarMemberName.validate(Array(raw.utf8), limit: 100) }
    }
}
