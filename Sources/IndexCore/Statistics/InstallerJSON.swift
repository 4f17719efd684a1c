/// What linehaul reads from the JSON object that pip (since 6.0), uv and Hatch put after their
/// name and version in the User-Agent, e.g.
/// `{"installer":{"name":"pip","version":"24.0"},"python":"3.12.1","cpu":"x86_64",...}`.
///
/// The reader is tolerant where clients differ (text after the object is ignored, as Hatch
/// appends `HTTPX2/2.17.0`; fields of the wrong type are skipped) and returns `nil` only for
/// text that is not a JSON object. It keeps the few fields a download is counted by and skips
/// the rest without making strings of them.
struct InstallerJSON: Equatable {
    /// Whether the object had an `installer` object (pip's own field; uv and Hatch send it too).
    var hasInstaller = false
    var installerName: String?
    var installerVersion: String?
    var python: String?
    var implementationName: String?
    var implementationVersion: String?
    var systemName: String?
    var cpu: String?
    var ci: Bool?

    /// Reads the object at the start of `bytes` (after optional whitespace).
    static func read(_ bytes: ArraySlice<UInt8>) -> InstallerJSON? {
        var cursor = JSONCursor(bytes: bytes)
        var result = InstallerJSON()
        do {
            try cursor.readObject { cursor, key throws(JSONCursor.Malformed) in
                if key.equalsASCII("installer") {
                    result.hasInstaller = try cursor.readNameAndVersion(
                        name: &result.installerName, version: &result.installerVersion)
                } else if key.equalsASCII("implementation") {
                    _ = try cursor.readNameAndVersion(
                        name: &result.implementationName, version: &result.implementationVersion)
                } else if key.equalsASCII("system") {
                    var release: String?
                    _ = try cursor.readNameAndVersion(name: &result.systemName, version: &release)
                } else if key.equalsASCII("python") {
                    result.python = try cursor.readStringOrSkip()
                } else if key.equalsASCII("cpu") {
                    result.cpu = try cursor.readStringOrSkip()
                } else if key.equalsASCII("ci") {
                    result.ci = try cursor.readBoolOrSkip()
                } else {
                    try cursor.skipValue()
                }
            }
        } catch {
            return nil
        }
        return result
    }
}
