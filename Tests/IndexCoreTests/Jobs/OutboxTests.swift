import IndexCore
import IndexTesting
import Synchronization
import Testing

/// A mailer whose server is down until told otherwise.
final class FlakyMailer: Mailer {
    let down = Mutex(true)
    let delivered = RecordingMailer()

    func send(to address: String, subject: String, body: String) async throws {
        if down.withLock({ $0 }) { throw MailDown() }
        try await delivered.send(to: address, subject: subject, body: body)
    }

    struct MailDown: Error {}
}

@Suite struct OutboxTests {
    @Test func mailIsWrittenToTheOutboxAndDeliveredByTheRunner() async throws {
        let store = InMemoryIndexStore()
        let clock = FixedClock()
        let mailer = OutboxMailer(queue: store, clock: clock)
        try await mailer.send(
            to: "a@example.org\nBcc: evil@example.org", subject: "Hi\r\nthere", body: "line 1\nline 2\n")
        #expect(try await store.pendingJobs() == 1, "nothing is sent before a runner claims it")
        let recording = RecordingMailer()
        let runner = JobRunner(
            queue: store, clock: clock, handlers: [OutboxMailer.kind: OutboxMailer.handler(delivering: recording)])
        #expect(try await runner.runDueJobs() == 1)
        let sent = try #require(recording.messages.first)
        #expect(recording.messages.count == 1)
        #expect(sent.to == "a@example.org Bcc: evil@example.org", "line breaks cannot add headers")
        #expect(sent.subject == "Hi there", "CR LF is one line break")
        #expect(sent.body == "line 1\nline 2\n")
        #expect(try await store.pendingJobs() == 0)
    }

    @Test func aFailedDeliveryIsRetriedWithBackoffAndGivenUpAfterTheLimit() async throws {
        let store = InMemoryIndexStore()
        let clock = FixedClock()
        let flaky = FlakyMailer()
        var runner = JobRunner(
            queue: store, clock: clock, handlers: [OutboxMailer.kind: OutboxMailer.handler(delivering: flaky)])
        runner.maximumAttempts = 3
        try await OutboxMailer(queue: store, clock: clock).send(to: "a@example.org", subject: "s", body: "b")
        #expect(try await runner.runDueJobs() == 1)
        #expect(try await runner.runDueJobs() == 0, "not due again before the backoff")
        clock.advance(by: 59)
        #expect(try await runner.runDueJobs() == 0)
        clock.advance(by: 1)
        #expect(try await runner.runDueJobs() == 1, "due after a minute")
        clock.advance(by: 119)
        #expect(try await runner.runDueJobs() == 0, "the backoff doubles")
        flaky.down.withLock { $0 = false }
        clock.advance(by: 1)
        #expect(try await runner.runDueJobs() == 1)
        #expect(flaky.delivered.messages.count == 1, "delivered once the server is back")
        #expect(try await store.pendingJobs() == 0)

        flaky.down.withLock { $0 = true }
        try await OutboxMailer(queue: store, clock: clock).send(to: "b@example.org", subject: "s", body: "b")
        for _ in 0..<3 {
            _ = try await runner.runDueJobs()
            clock.advance(by: 6 * 3600)
        }
        #expect(try await store.pendingJobs() == 0, "given up after three attempts")
        flaky.down.withLock { $0 = false }
        #expect(try await runner.runDueJobs() == 0, "and never tried again")
    }

    @Test func aJobOfAnUnknownKindIsNotLostButRetried() async throws {
        let store = InMemoryIndexStore()
        let clock = FixedClock()
        try await store.enqueue(Job(kind: "purge", payload: "x", created: clock.now()))
        let runner = JobRunner(queue: store, clock: clock, handlers: [:])
        #expect(try await runner.runDueJobs() == 1)
        #expect(try await store.pendingJobs() == 1)
    }
}
