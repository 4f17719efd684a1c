import Testing

@testable import PythonPackaging

@Suite struct MetadataLicenseFileTests {
    @Test(arguments: [("2.4", ["LICENSE"]), ("2.1", [])])
    func licenseFilesAreRequiredFromMetadata24On(version: String, required: [String]) throws {
        let text = "Metadata-Version: \(version)\nName: demo\nVersion: 1.0\nLicense-File: LICENSE\n"
        let metadata = try CoreMetadata.validated(parsing: Array(text.utf8)).metadata
        #expect(metadata.licenseFiles == ["LICENSE"])
        #expect(metadata.requiredLicenseFiles == required)
    }
}
