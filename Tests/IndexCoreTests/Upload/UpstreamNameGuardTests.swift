import IndexCore
import IndexTesting
import Testing

/// A proxy that knows some names upstream, or cannot be asked.
struct FakeProxy: PackageProxy {
    var upstreamNames: Set<String> = []
    var failing = false

    func page(normalizedName: String, urls: IndexURLs) async throws -> ProxiedPage? { nil }
    func file(sha256: String, filename: String, metadata: Bool) async throws -> ProxiedFile? { nil }
    func refusal(forNewProject name: String, normalizedName: String) async throws -> String? {
        if failing { throw CancellationError() }
        return upstreamNames.contains(normalizedName) ? "'\(name)' is upstream" : nil
    }
}

/// An upload may not create a project an upstream index has (dependency confusion), and is
/// refused, not let through, when the upstream cannot be asked.
@Suite struct UpstreamNameGuardTests {
    @Test func aNewProjectNamedAsAnUpstreamOneIsRefusedAndNothingStored() async throws {
        var fixture = try await UploadFixture()
        fixture.guards.upstream = FakeProxy(upstreamNames: ["shared-name"])
        await #expect(throws: UploadError.self) {
            try await fixture.uploadWheel(DistributionBuilder(name: "Shared.Name"))
        }
        do {
            try await fixture.uploadWheel(DistributionBuilder(name: "Shared.Name"))
        } catch let error as UploadError {
            #expect(error.kind == .invalid && error.message == "'Shared.Name' is upstream")
        }
        #expect(try await fixture.store.project(normalizedName: "shared-name") == nil)
        #expect(try await fixture.journal().isEmpty)
        try await fixture.uploadWheel(DistributionBuilder(name: "only-here"))
        #expect(try await fixture.store.project(normalizedName: "only-here") != nil)
    }

    @Test func anUpstreamThatCannotBeAskedRefusesNewProjectsButNotNewReleases() async throws {
        var fixture = try await UploadFixture()
        try await fixture.uploadWheel(DistributionBuilder(name: "existing"))
        fixture.guards.upstream = FakeProxy(failing: true)
        do {
            try await fixture.uploadWheel(DistributionBuilder(name: "brand-new"))
            Issue.record("taken")
        } catch let error as UploadError {
            #expect(error.kind == .unavailable)
            #expect(error.message.hasSuffix("cheeseshop name reserve brand-new"))
        }
        try await fixture.uploadWheel(DistributionBuilder(name: "existing", version: "2.0"))
    }
}
