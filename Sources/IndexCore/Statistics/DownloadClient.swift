/// Who made a request, as linehaul (PyPI's download-log reader) reads its User-Agent: the
/// installer and the Python, system and CPU it runs on. Fields a User-Agent does not tell are
/// empty (`ci` is `nil`).
public struct DownloadClient: Hashable, Sendable {
    /// `pip`, `uv`, `poetry`, `pdm`, `bandersnatch`, `Browser`, ... (empty: unknown).
    public var installer: String
    public var installerVersion: String
    /// The Python version, major.minor only (`3.12`).
    public var python: String
    /// `CPython`, `PyPy`, ...
    public var implementation: String
    /// `Linux`, `Darwin`, `Windows`, ...
    public var system: String
    /// `x86_64`, `aarch64`, `AMD64`, ...
    public var cpu: String
    /// Whether the installer said it runs in CI (`nil`: it did not say).
    public var ci: Bool?

    public init(
        installer: String = "", installerVersion: String = "", python: String = "", implementation: String = "",
        system: String = "", cpu: String = "", ci: Bool? = nil
    ) {
        self.installer = installer
        self.installerVersion = installerVersion
        self.python = python
        self.implementation = implementation
        self.system = system
        self.cpu = cpu
        self.ci = ci
    }

    /// The installers that mirror an index rather than install from it (pypistats'
    /// "with_mirrors" counts them, "without_mirrors" does not).
    public static let mirrorInstallers: Set<String> = [
        "bandersnatch", "z3c.pypimirror", "Artifactory", "devpi", "Nexus", "pep381client",
    ]

    /// Whether this client is a mirror.
    public var isMirror: Bool { Self.mirrorInstallers.contains(installer) }

    /// The longest a field is kept, in characters: a User-Agent is the client's to write, and
    /// the daily rows must stay small.
    public static let fieldLimit = 64

    /// The client with each field cut to ``fieldLimit`` characters.
    public var bounded: DownloadClient {
        func cut(_ text: String) -> String {
            text.count <= Self.fieldLimit ? text : String(text.prefix(Self.fieldLimit))
        }
        return DownloadClient(
            installer: cut(installer), installerVersion: cut(installerVersion), python: cut(python),
            implementation: cut(implementation), system: cut(system), cpu: cut(cpu), ci: ci)
    }
}
