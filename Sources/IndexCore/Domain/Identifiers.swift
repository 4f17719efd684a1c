/// The store-assigned identity of a ``Project``.
public struct ProjectID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The row id.
    public let rawValue: Int64

    /// Wraps a row id.
    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}

/// The store-assigned identity of a ``Release``.
public struct ReleaseID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The row id.
    public let rawValue: Int64

    /// Wraps a row id.
    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}

/// The store-assigned identity of a ``DistributionFile``.
public struct FileID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The row id.
    public let rawValue: Int64

    /// Wraps a row id.
    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}

/// The store-assigned identity of a ``User``.
public struct UserID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The row id.
    public let rawValue: Int64

    /// Wraps a row id.
    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}

/// The public identifier of an ``APIToken``, chosen by whoever mints the token (it is part of
/// the token string; the secret is not).
public struct TokenID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The identifier as text.
    public let rawValue: String

    /// Wraps an identifier.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }
}
