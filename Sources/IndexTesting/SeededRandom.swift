import IndexCore
import Synchronization

/// A deterministic ``RandomSource`` (SplitMix64), so tests can repeat what they saw.
public final class SeededRandom: RandomSource {
    private let state: Mutex<UInt64>

    /// Starts from `seed`.
    public init(seed: UInt64) {
        state = Mutex(seed)
    }

    public func bytes(_ count: Int) -> [UInt8] {
        state.withLock { state in
            var out: [UInt8] = []
            out.reserveCapacity(count)
            while out.count < count {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                z ^= z >> 31
                for shift in stride(from: 0, to: 64, by: 8) where out.count < count {
                    out.append(UInt8(truncatingIfNeeded: z >> UInt64(shift)))
                }
            }
            return out
        }
    }
}

/// A ``Mailer`` that keeps what it was asked to send, for tests to read links from.
public final class RecordingMailer: Mailer {
    /// One sent message.
    public struct Message: Hashable, Sendable {
        /// The recipient.
        public var to: String
        /// The subject.
        public var subject: String
        /// The body.
        public var body: String
    }

    private let sent = Mutex<[Message]>([])

    /// An empty mailbox.
    public init() {}

    public func send(to address: String, subject: String, body: String) async throws {
        sent.withLock { $0.append(Message(to: address, subject: subject, body: body)) }
    }

    /// Everything sent so far, oldest first.
    public var messages: [Message] { sent.withLock { $0 } }
}

extension SeededRandom: RandomNumberGenerator {
    /// The next 64 bits, for the standard library's `random(in:using:)` and `randomElement(using:)`.
    public func next() -> UInt64 {
        bytes(8).enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }
}
