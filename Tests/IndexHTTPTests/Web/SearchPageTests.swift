import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import Synchronization
import Testing

@testable import IndexHTTP

/// The search page and the memory it keeps of recent searches.
@Suite struct SearchPageTests {
    /// A kept page never hides a change: the upload's project shows on the next search, the
    /// same query string that was answered (and kept) before it.
    @Test func aKeptSearchPageIsDroppedByTheNextChange() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let before = try await client.execute(uri: "/search/?q=demo", method: .get)
            #expect(before.status.code == 200)
            #expect(!String(buffer: before.body).contains("/project/demo/"))
            let again = try await client.execute(uri: "/search/?q=demo", method: .get)
            #expect(String(buffer: again.body) == String(buffer: before.body))
            let upload = try await HTTPFixture.upload(client, authorization: HTTPFixture.tokenAuth(fixture.token.text))
            #expect(upload.status.code == 200)
            let after = try await client.execute(uri: "/search/?q=demo", method: .get)
            #expect(String(buffer: after.body).contains("/project/demo/"))
        }
    }

    func page(_ text: String) -> CachedBody {
        CachedBody(bytes: Array(text.utf8), contentType: "text/html", cacheControl: "max-age=60")
    }

    @Test func keptPagesFollowTheGenerationAndTheirLifetime() async throws {
        let cache = SearchPageCache(capacity: 4, lifetime: 30)
        let renders = Mutex(0)
        func ask(_ key: String, generation: UInt64, at now: Double) async throws -> String {
            let body = try await cache.body(for: key, generation: generation, now: now) {
                renders.withLock { $0 += 1 }
                return page("\(key)@\(generation)")
            }
            return String(buffer: body.buffer)
        }
        #expect(try await ask("q=a", generation: 1, at: 0) == "q=a@1")
        #expect(try await ask("q=a", generation: 1, at: 29) == "q=a@1")
        #expect(renders.withLock { $0 } == 1)
        #expect(try await ask("q=a", generation: 2, at: 29) == "q=a@2")
        #expect(renders.withLock { $0 } == 2)
        #expect(try await ask("q=a", generation: 2, at: 60) == "q=a@2")
        #expect(renders.withLock { $0 } == 3)
        // Bounded: invented queries never hold more than the capacity.
        for index in 0..<50 { _ = try await ask("q=\(index)", generation: 2, at: 61) }
        #expect(cache.count <= 4)
        // Query strings longer than the bound are answered, never kept.
        let long = "q=" + String(repeating: "x", count: SearchPageCache.maximumKeyBytes)
        let kept = cache.count
        #expect(try await ask(long, generation: 2, at: 61).hasPrefix("q=x"))
        #expect(cache.count <= kept)
    }
}
