/// The forms installers that know they run on Python send: pip's JSON (and uv's and Hatch's,
/// which copy it), pip 1.4 to 5's `pip/1.5 CPython/2.7.3 Linux/3.2.0`, and the same
/// `<tool>/<version> CPython/<version> <system>/<release>` of Poetry, PDM and twine.
extension UserAgentParser {
    /// Tools that name themselves first in their User-Agent but have no form of their own in
    /// linehaul, with the name downloads are counted under.
    static let knownTools: [(sent: StaticString, name: String)] = [
        ("poetry", "poetry"), ("pdm", "pdm"), ("twine", "twine"), ("hatch", "hatch"), ("flit", "flit"),
        ("pipenv", "pipenv"), ("pip-tools", "pip-tools"), ("rye", "rye"), ("pixi", "pixi"), ("uv", "uv"),
    ]

    /// Python implementations as they appear in `<implementation>/<version>` words.
    static let implementations: [(sent: StaticString, name: String)] = [
        ("CPython", "CPython"), ("PyPy", "PyPy"), ("GraalPy", "GraalPy"), ("Jython", "Jython"),
        ("IronPython", "IronPython"),
    ]

    /// `<name>/<version> {json}`: pip (version 6 or later, whatever the object holds, as
    /// linehaul) or any client whose object has an `installer` with a name (uv, Hatch); the
    /// installer's name is the one in the object.
    static func installerJSONForm(_ userAgent: ArraySlice<UInt8>) -> DownloadClient? {
        let (first, rest) = userAgent.firstWord()
        guard let (name, version) = first.splitOnce(at: UInt8(ascii: "/")), !name.isEmpty, !version.isEmpty else {
            return nil
        }
        let object = rest.droppingLeadingWhitespace()
        guard object.first == UInt8(ascii: "{"), let fields = InstallerJSON.read(object) else { return nil }
        if name.equalsASCII("pip") {
            guard let major = releaseNumbers(version).first, major >= 6 else { return nil }
        } else {
            guard fields.hasInstaller, let installer = fields.installerName, !installer.isEmpty else { return nil }
        }
        let implementation = fields.implementationName ?? ""
        var python = majorMinor(fields.python ?? "")
        if python.isEmpty, implementation == "CPython", let version = fields.implementationVersion {
            python = majorMinor(version)
        }
        return DownloadClient(
            installer: fields.installerName ?? "", installerVersion: fields.installerVersion ?? "", python: python,
            implementation: implementation, system: fields.systemName ?? "", cpu: fields.cpu ?? "", ci: fields.ci)
    }

    /// pip 1.4 to 5: `pip/1.5 CPython/2.7.3 Linux/3.2.0`, exactly three words; `unknown` parts
    /// are left empty and the Python version is the implementation's only for CPython.
    static func pipLegacyForm(_ userAgent: ArraySlice<UInt8>) -> DownloadClient? {
        guard let rest = userAgent.afterASCIIPrefix("pip/") else { return nil }
        let words = rest.split(separator: UInt8(ascii: " "), maxSplits: 3, omittingEmptySubsequences: false)
        guard words.count == 3, words.allSatisfy({ !$0.isEmpty && $0.hasNoWhitespace }),
            let (implementation, implementationVersion) = words[1].splitAtLast(UInt8(ascii: "/")),
            let (system, systemRelease) = words[2].splitAtLast(UInt8(ascii: "/")),
            !implementation.isEmpty, !implementationVersion.isEmpty, !system.isEmpty, !systemRelease.isEmpty
        else { return nil }
        let release = releaseNumbers(words[0])
        guard let major = release.first, major < 6, major > 1 || (major == 1 && release.count > 1 && release[1] >= 4)
        else { return nil }
        var client = DownloadClient(installer: "pip", installerVersion: words[0].decodedString)
        if !implementation.equalsASCIIIgnoringCase("unknown") { client.implementation = implementation.decodedString }
        if !system.equalsASCIIIgnoringCase("unknown") { client.system = system.decodedString }
        if implementation.equalsASCIIIgnoringCase("cpython") { client.python = majorMinor(implementationVersion) }
        return client
    }

    /// `<tool>/<version> ... <implementation>/<version> [<system>/<release>]`, which linehaul
    /// lacks: Poetry and PDM send `poetry/2.5.1 CPython/3.11.7 Linux/6.1.0`, twine
    /// `twine/7.0.0 CPython/3.11.7`. A tool of ``knownTools`` is read even without an
    /// implementation word; any other name only with one. The Python version is taken only from
    /// a CPython word (PyPy's is PyPy's own version in requests-toolbelt's form). pip is left to
    /// linehaul's forms.
    static func toolForm(_ userAgent: ArraySlice<UInt8>) -> DownloadClient? {
        let (first, rest) = userAgent.firstWord()
        guard let (name, version) = first.splitOnce(at: UInt8(ascii: "/")), isToolName(name),
            version.first?.isASCIIDigit == true, version.count <= 64, !name.equalsASCII("pip")
        else { return nil }
        let knownName = knownTools.first { name.equalsASCIIIgnoringCase($0.sent) }?.name
        var client = DownloadClient(installer: knownName ?? name.decodedString, installerVersion: version.decodedString)
        var words = rest.droppingLeadingWhitespace()
        while !words.isEmpty {
            let (word, after) = words.firstWord()
            if let (implementation, implementationVersion) = word.splitOnce(at: UInt8(ascii: "/")),
                let canonical = implementations.first(where: { implementation.equalsASCIIIgnoringCase($0.sent) })?.name
            {
                client.implementation = canonical
                if canonical == "CPython" { client.python = majorMinor(implementationVersion) }
                let next = after.droppingLeadingWhitespace().firstWord().word
                if let (system, _) = next.splitOnce(at: UInt8(ascii: "/")), !system.isEmpty,
                    !system.equalsASCIIIgnoringCase("unknown")
                {
                    client.system = system.decodedString
                }
                return client
            }
            words = after.droppingLeadingWhitespace()
        }
        return knownName == nil ? nil : client
    }

    /// 1 to 64 ASCII letters, digits, `.`, `_` or `-`.
    private static func isToolName(_ name: ArraySlice<UInt8>) -> Bool {
        (1...64).contains(name.count)
            && name.allSatisfy { byte in
                byte.isASCIIDigit || (0x61...0x7A).contains(byte.asciiLowercased)
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
    }
}
