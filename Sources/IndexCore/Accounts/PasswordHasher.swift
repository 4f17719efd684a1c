/// The outcome of checking a password against a stored hash.
public enum PasswordCheck: Hashable, Sendable {
    /// Wrong password, or a stored hash in no scheme this hasher knows.
    case invalid
    /// Right password, stored with the current scheme and parameters.
    case valid
    /// Right password, but stored with a legacy scheme or weaker parameters: store
    /// `hash(password)` now (passlib's `verify_and_update`, as Warehouse does at login).
    case validNeedsRehash
}

/// Turns passwords into stored hashes and checks them (Warehouse: passlib `CryptContext` with
/// argon2 first, older schemes deprecated).
public protocol PasswordHasher: Sendable {
    /// A new stored hash of `password` with a fresh salt. Throws ``PasswordHashError`` for a
    /// password over ``PasswordHashError/maximumPasswordBytes``.
    func hash(_ password: String) throws -> String
    /// Whether `password` matches `stored`, and whether `stored` should be replaced.
    func verify(_ password: String, against stored: String) -> PasswordCheck
}

/// Why a password could not be hashed.
public struct PasswordHashError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The reason, shown to the user where it is about their input.
    public let message: String
    /// What kind of refusal: ``DomainErrorKind/invalid`` for the user's input,
    /// ``DomainErrorKind/internalFailure`` when the hasher itself failed.
    public let kind: DomainErrorKind

    /// Creates an error.
    public init(_ message: String, kind: DomainErrorKind = .invalid) {
        self.message = message
        self.kind = kind
    }

    public var description: String { message }

    /// Warehouse's `MAX_PASSWORD_SIZE`: longer passwords are refused, not truncated.
    public static let maximumPasswordBytes = 4096
    /// A password over the limit (Warehouse's form message).
    public static let tooLong = PasswordHashError("Password too long.")
}
