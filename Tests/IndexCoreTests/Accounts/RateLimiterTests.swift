import IndexCore
import Testing

@Suite struct RateLimiterTests {
    let start = 1_767_225_600.0
    func at(_ offset: Double) -> Timestamp { Timestamp(secondsSinceEpoch: start + offset) }

    @Test(arguments: [
        ("10 per 5 minutes", [RateLimit.Window(count: 10, seconds: 300)]),
        (
            "5 per 5 minutes; 20 per hour; 50 per day",
            [.init(count: 5, seconds: 300), .init(count: 20, seconds: 3600), .init(count: 50, seconds: 86_400)]
        ),
        ("3 per 6 hours", [.init(count: 3, seconds: 21_600)]),
    ])
    func parsesPyPINotation(text: String, windows: [RateLimit.Window]) {
        #expect(RateLimit(text)?.windows == windows)
    }

    @Test(arguments: ["", "ten per hour", "10 per fortnight", "0 per hour", "10 each hour", "10 per -1 hours"])
    func refusesMalformedLimits(text: String) {
        #expect(RateLimit(text) == nil)
    }

    @Test func slidingWindowFreesTheOldestSlot() throws {
        let limiter = RateLimiter(try #require(RateLimit("3 per minute")))
        for offset in [0.0, 10, 20] {
            #expect(limiter.test("user:1", at: at(offset)) == nil)
            limiter.hit("user:1", at: at(offset))
        }
        let refused = try #require(limiter.test("user:1", at: at(30)))
        #expect(refused.seconds == 30)
        #expect(refused.at == at(60))
        #expect(limiter.test("user:2", at: at(30)) == nil)
        #expect(limiter.test("user:1", at: at(60)) == nil)
    }

    @Test func everyWindowMustHaveRoom() throws {
        let limiter = RateLimiter(RateLimitPolicies().twoFactorPerUser)
        var time = 0.0
        for _ in 0..<20 {
            limiter.hit("u", at: at(time))
            time += 61  // 5 per 5 minutes never trips at this pace
        }
        let refused = try #require(limiter.test("u", at: at(time)))
        #expect(refused.at == at(3600))  // the first of the last 20 leaves the hour window
    }

    @Test func clearForgetsAKey() {
        let limiter = RateLimiter(RateLimitPolicies().emailAdd)
        limiter.hit("u", at: at(0))
        limiter.hit("u", at: at(1))
        #expect(limiter.test("u", at: at(2))?.seconds == 86_398)
        limiter.clear("u")
        #expect(limiter.test("u", at: at(2)) == nil)
    }

    @Test func memoryStaysBounded() {
        let limiter = RateLimiter(RateLimitPolicies().loginPerIP, maximumKeys: 100)
        for index in 0..<1000 { limiter.hit("ip:\(index)", at: at(Double(index))) }
        #expect(limiter.keyCount <= 100)
        #expect(limiter.test("ip:999", at: at(1000)) == nil)
        limiter.evictExpired(at: at(10_000))
        #expect(limiter.keyCount == 0)
    }

    @Test func policiesCarryPyPIsNumbers() {
        let policies = RateLimitPolicies()
        #expect(policies.loginPerUser == RateLimit("10 per 5 minutes"))
        #expect(policies.loginGlobal == RateLimit("1000 per 5 minutes"))
        #expect(policies.twoFactorPerIP == RateLimit("10 per 5 minutes; 50 per hour"))
        #expect(policies.passwordReset == RateLimit("5 per day"))
        #expect(policies.verifyEmail == RateLimit("3 per 6 hours"))
        #expect(policies.projectCreatePerUser == RateLimit("20 per hour"))
        #expect(policies.projectCreatePerIP == RateLimit("40 per hour"))
        #expect(policies.twoFactorPerUser.description == "5 per 300 seconds; 20 per 3600 seconds; 50 per 86400 seconds")
    }

    @Test func concurrentHitsAreAllCounted() async {
        let limiter = RateLimiter(RateLimit([.init(count: 200, seconds: 60)]))
        let now = at(0)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<199 { group.addTask { limiter.hit("k", at: now) } }
        }
        #expect(limiter.test("k", at: now) == nil)
        limiter.hit("k", at: now)
        #expect(limiter.test("k", at: now) != nil)
    }
}
