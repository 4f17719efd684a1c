/// A ``Mailer`` that writes each message to the outbox; the `mail` job handler
/// (``OutboxMailer/handler(delivering:)``) sends it with the real mailer, on whichever node
/// claims it, and again later when the mail server is down.
public struct OutboxMailer: Mailer {
    /// The job kind of a message.
    public static let kind = "mail"

    let queue: any JobQueue
    let clock: any IndexClock

    /// A mailer that enqueues on `queue`.
    public init(queue: any JobQueue, clock: any IndexClock) {
        self.queue = queue
        self.clock = clock
    }

    /// The payload: the address and the subject on a line each (line breaks in them become
    /// spaces), then the body.
    static func payload(to address: String, subject: String, body: String) -> String {
        func line(_ text: String) -> String {
            String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
        }
        return line(address) + "\n" + line(subject) + "\n" + body
    }

    public func send(to address: String, subject: String, body: String) async throws {
        let payload = Self.payload(to: address, subject: subject, body: body)
        try await queue.enqueue(Job(kind: Self.kind, payload: payload, created: clock.now()))
    }

    /// The handler of `mail` jobs: sends the message with `mailer`.
    public static func handler(delivering mailer: any Mailer) -> JobRunner.Handler {
        { job in
            let parts = job.payload.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { throw JobError("A mail job's payload lacks its address or subject.") }
            try await mailer.send(to: String(parts[0]), subject: String(parts[1]), body: String(parts[2]))
        }
    }
}
