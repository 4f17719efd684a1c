/// Read-only mode (a maintenance window, a database failover): installs and pages keep working,
/// every change is refused with PyPI's message. It is set by `serve --read-only` for one node, or
/// by `cheeseshop read-only on` in the database for every node of a deployment.
public enum ReadOnlyMode {
    /// The deployment setting; `"on"` turns the mode on.
    public static let settingName = "read_only"

    /// PyPI's answer to an upload in read-only mode.
    public static let uploadMessage = "Read-only mode: Uploads are temporarily disabled."

    /// The answer to any other change (a web form, the management API).
    public static let changeMessage = "Read-only mode: Changes are temporarily disabled."

    /// Whether a stored setting value turns the mode on.
    public static func isOn(_ value: String?) -> Bool { value == "on" }
}
