import PythonPackaging

/// The name policy beyond PythonPackaging's rules: administrators' prohibited names and the
/// cool-down of a deleted project's name, during which only its former Owners may register it
/// again (a deleted name taken over by a stranger would reach every machine that still
/// installs it: the 2024 "revival hijack").
public enum NameReservationPolicy {
    /// The cool-down after a project is deleted: 30 days.
    public static let deletedNameCooldown: Double = 30 * 86_400

    /// Why `user` may not register `name` now, as the upload's refusal message; `nil` when the
    /// reservation (if any) does not stand in the way.
    public static func refusal(
        _ reservation: ReservedName?, name: String, user: UserID, now: Timestamp
    ) -> String? {
        guard let reservation else { return nil }
        if let until = reservation.until, until <= now { return nil }
        switch reservation.reason {
        case .prohibited:
            return NameError.prohibited(name).message
        case .deleted:
            if reservation.formerOwners.contains(user) { return nil }
            let day = reservation.until.map { String($0.iso8601.prefix(10)) } ?? "later"
            return "The name '\(name)' belonged to a project that was deleted recently; it can be "
                + "registered again after \(day). See /help/#project-name for more information."
        }
    }
}
