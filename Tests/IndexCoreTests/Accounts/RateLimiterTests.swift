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

    /// The binary-search bookkeeping answers as a plain scan of every hit would, with hits that
    /// arrive out of order (racing callers) and checks at random times.
    @Test(arguments: 0..<20) func answersAsAScanOfEveryHitWould(seed: Int) throws {
        let limit = try #require(RateLimit("4 per 10 seconds; 9 per minute"))
        let limiter = RateLimiter(limit)
        var generator = SplitMix64(seed: UInt64(seed))
        var hits: [Double] = []
        var now = 0.0
        for _ in 0..<300 {
            now += Double(Int.random(in: 0...6, using: &generator))
            if Bool.random(using: &generator) {
                let time = now - Double(Int.random(in: 0...2, using: &generator))
                limiter.hit("k", at: at(time))
                hits.append(time)
            }
            var frees = now
            for window in limit.windows {
                let recent = hits.filter { $0 > now - window.seconds && $0 <= now }.sorted()
                if recent.count >= window.count {
                    frees = max(frees, recent[recent.count - window.count] + window.seconds)
                }
            }
            #expect(limiter.test("k", at: at(now))?.at == (frees > now ? at(frees) : nil))
        }
    }

    /// A generous limit keeps many hits per key; each hit and check stays cheap (two binary
    /// searches), which the upload path relies on for bulk loads.
    @Test func aLargeMemoryIsCountedExactly() throws {
        let limiter = RateLimiter(try #require(RateLimit("50000 per hour")))
        for index in 0..<50_000 { limiter.hit("ip", at: at(Double(index) * 0.01)) }
        let refused = try #require(limiter.test("ip", at: at(600)))
        #expect(refused.at == at(3600))
        #expect(limiter.test("ip", at: at(3600)) == nil)
        #expect(limiter.test("ip", at: at(3599.995)) != nil)
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

