import Foundation
import IndexCore

/// The wall clock, for the running server only (tests use a fixed clock).
struct SystemClock: IndexClock {
    func now() -> Timestamp {
        Timestamp(secondsSinceEpoch: Date().timeIntervalSince1970)
    }
}
