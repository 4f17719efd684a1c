/// Why a project name was refused, with Warehouse's message (`forklift/forms.py` and
/// `ProjectService.create_project` in `warehouse/packaging/services.py`). Help links are
/// Cheeseshop's own, relative: `/help/#project-name`.
public struct NameError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The human message, in Warehouse's words.
    public let message: String

    public var description: String { message }

    private init(message: String) {
        self.message = message
    }

    /// The upload form's message for a name outside `PROJECT_NAME_RE`.
    public static let invalidCharactersMessage =
        "Start and end with a letter or numeral containing only ASCII numeric and '.', '_' and '-'."

    /// The upload form's refusal of a name outside `PROJECT_NAME_RE`.
    public static func invalidCharacters(_ name: String) -> NameError {
        NameError(message: invalidCharactersMessage)
    }

    /// A new project's name is not a valid name: "The name 'x' is invalid."
    public static func invalid(_ name: String) -> NameError {
        NameError(message: "The name \(PythonRepr.quote(name)) is invalid.")
    }

    /// A new project's name is a standard-library module name.
    public static func standardLibraryModule(_ name: String) -> NameError {
        NameError(
            message: "The name \(PythonRepr.quote(name)) isn't allowed (conflict with Python "
                + "Standard Library module name). See \(helpLink) for more information.")
    }

    /// A new project's name normalizes to an existing project's (HTTP 409 in Warehouse).
    public static func conflictsWithExisting(_ name: String) -> NameError {
        NameError(
            message: "The name \(PythonRepr.quote(name)) conflicts with an existing project. "
                + "See \(helpLink) for more information.")
    }

    /// A new project's name is on the administrators' prohibited list.
    public static func prohibited(_ name: String) -> NameError {
        NameError(message: "The name \(PythonRepr.quote(name)) isn't allowed. See \(helpLink) for more information.")
    }

    /// A new project's ultranormalized name equals an existing project's.
    public static func tooSimilar(_ name: String) -> NameError {
        NameError(
            message: "The name \(PythonRepr.quote(name)) is too similar to an existing project. "
                + "See \(helpLink) for more information.")
    }

    private static let helpLink = "/help/#project-name"
}
