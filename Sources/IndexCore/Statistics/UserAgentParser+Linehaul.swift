/// linehaul's forms for mirrors, Python's own libraries and other installers, each the
/// hand-written equivalent of one of its regular expressions (quoted in the comments).
extension UserAgentParser {
    /// Mirrors whose User-Agent is their name and version only.
    private static let wholeVersionMirrors: [(prefix: StaticString, installer: String)] = [
        ("z3c.pypimirror/", "z3c.pypimirror"), ("Artifactory/", "Artifactory"),
        ("pep381client/", "pep381client"), ("pep381client-proxy/", "pep381client"),
    ]

    /// Installers that named themselves after urllib's User-Agent.
    private static let urllibInstallers: [(prefix: StaticString, installer: String)] = [
        (" distribute/", "distribute"), (" setuptools/", "setuptools"),
    ]

    /// Mirrors: bandersnatch (with the Python and system it names in its parenthesis),
    /// devpi-server, z3c.pypimirror, Artifactory, Nexus and pep381client.
    static func mirrorForms(_ userAgent: ArraySlice<UInt8>) -> DownloadClient? {
        // ^bandersnatch/(?P<version>\S+) \(.+\)$
        if let rest = userAgent.afterASCIIPrefix("bandersnatch/") {
            let (version, tail) = rest.firstWord()
            guard !version.isEmpty, let details = parenthesised(tail) else { return nil }
            return bandersnatch(version: version, details: details)
        }
        // devpi-server/(?P<version>\S+) \(.+\)$, anywhere in the User-Agent
        if let found = userAgent.firstRange(ofASCII: "devpi-server/") {
            let (version, tail) = userAgent[found.upperBound...].firstWord()
            if !version.isEmpty, parenthesised(tail) != nil {
                return DownloadClient(installer: "devpi", installerVersion: version.decodedString)
            }
        }
        // ^z3c\.pypimirror/(?P<version>\S+)$, ^Artifactory/(?P<version>\S+)$,
        // ^pep381client(?:-proxy)?/(?P<version>\S+)$
        for form in wholeVersionMirrors {
            if let version = wholeVersion(after: form.prefix, in: userAgent) {
                return DownloadClient(installer: form.installer, installerVersion: version)
            }
        }
        // ^Nexus/(?P<version>\S+)
        if let rest = userAgent.afterASCIIPrefix("Nexus/"), case let version = rest.firstWord().word, !version.isEmpty {
            return DownloadClient(installer: "Nexus", installerVersion: version.decodedString)
        }
        return nil
    }

    /// Python's libraries: urllib alone, or with distribute or setuptools, and requests.
    /// linehaul's `\d\.\d` for the Python version is widened to `\d+\.\d+` (Python 3.10 on).
    static func libraryForms(_ userAgent: ArraySlice<UInt8>) -> DownloadClient? {
        // ^Python-urllib/(?P<python>\d\.\d)$ and the same followed by ` distribute/(\S+)$` or
        // ` setuptools/(\S+)$`
        if let rest = userAgent.afterASCIIPrefix("Python-urllib/") {
            let (python, tail) = rest.firstWord()
            guard isMajorMinor(python) else { return nil }
            if tail.isEmpty { return DownloadClient(python: python.decodedString) }
            for form in urllibInstallers {
                if let version = wholeVersion(after: form.prefix, in: tail) {
                    return DownloadClient(
                        installer: form.installer, installerVersion: version, python: python.decodedString)
                }
            }
            return nil
        }
        // ^setuptools/(?P<version>\S+) Python-urllib/(?P<python>\d\.\d)$
        if let rest = userAgent.afterASCIIPrefix("setuptools/") {
            let (version, tail) = rest.firstWord()
            guard !version.isEmpty, let python = tail.afterASCIIPrefix(" Python-urllib/"), isMajorMinor(python) else {
                return nil
            }
            return DownloadClient(
                installer: "setuptools", installerVersion: version.decodedString, python: python.decodedString)
        }
        // ^python-requests/(?P<version>\S+)(?: .+)?$
        if let version = versionWithOptionalTail(after: "python-requests/", in: userAgent) {
            return DownloadClient(installer: "requests", installerVersion: version)
        }
        return nil
    }

    /// Other installers: pex, conda, Bazel and Homebrew.
    static func installerForms(_ userAgent: ArraySlice<UInt8>) -> DownloadClient? {
        // ^conda/(?P<version>\S+)(?: .+)?$
        if let version = versionWithOptionalTail(after: "conda/", in: userAgent) {
            return DownloadClient(installer: "conda", installerVersion: version)
        }
        // ^Bazel/(?:release\s+)?(?P<version>.+)$
        if let rest = userAgent.afterASCIIPrefix("Bazel/"), !rest.isEmpty, !rest.contains(0x0A) {
            var version = rest
            if let afterRelease = rest.afterASCIIPrefix("release"), afterRelease.first?.isASCIIWhitespace == true,
                case let trimmed = afterRelease.droppingLeadingWhitespace(), !trimmed.isEmpty
            {
                version = trimmed
            }
            return DownloadClient(installer: "Bazel", installerVersion: version.decodedString)
        }
        // ^Homebrew/(?P<version>\S+) \(Macintosh; Intel (?:Mac OS X|macOS) (?P<osx_version>[^)]+)\)(?: .+)?$
        if let rest = userAgent.afterASCIIPrefix("Homebrew/") {
            let (version, tail) = rest.firstWord()
            guard !version.isEmpty, let system = tail.afterASCIIPrefix(" (Macintosh; Intel "),
                let release = system.afterASCIIPrefix("Mac OS X ") ?? system.afterASCIIPrefix("macOS "),
                let (osVersion, after) = release.splitOnce(at: UInt8(ascii: ")")), !osVersion.isEmpty,
                after.isEmpty || (after.count > 1 && after.first == UInt8(ascii: " ") && !after.contains(0x0A))
            else { return nil }
            return DownloadClient(installer: "Homebrew", installerVersion: version.decodedString)
        }
        // pex/(?P<version>\S+)$, anywhere in the last word
        let lastWordStart = userAgent.lastIndex(where: \.isASCIIWhitespace).map { $0 + 1 } ?? userAgent.startIndex
        let lastWord = userAgent[lastWordStart...]
        if let found = lastWord.firstRange(ofASCII: "pex/"), found.upperBound < lastWord.endIndex {
            return DownloadClient(installer: "pex", installerVersion: lastWord[found.upperBound...].decodedString)
        }
        return nil
    }

    /// bandersnatch's `(cpython 3.12.1-final0, Linux x86_64)` (its own Python's
    /// `sys.implementation` and `platform.uname()`), read as far as it goes.
    private static func bandersnatch(version: ArraySlice<UInt8>, details: ArraySlice<UInt8>) -> DownloadClient {
        var client = DownloadClient(installer: "bandersnatch", installerVersion: version.decodedString)
        let inside = details.splitOnce(at: UInt8(ascii: ")"))?.head ?? details
        guard let (python, platform) = inside.splitOnce(at: UInt8(ascii: ",")) else { return client }
        let (implementation, implementationVersion) = python.firstWord()
        let sent = implementation.decodedString
        client.implementation = implementations.first { implementation.equalsASCIIIgnoringCase($0.sent) }?.name ?? sent
        if client.implementation == "CPython" {
            client.python = majorMinor(implementationVersion.droppingLeadingWhitespace())
        }
        let (system, machine) = platform.droppingLeadingWhitespace().firstWord()
        client.system = system.decodedString
        client.cpu = machine.droppingLeadingWhitespace().firstWord().word.decodedString
        return client
    }

    /// What is between ` (` and a closing `)` that ends the text (a regular expression's
    /// ` \(.+\)$`), or `nil`.
    private static func parenthesised(_ tail: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard let inner = tail.afterASCIIPrefix(" ("), inner.count >= 2, inner.last == UInt8(ascii: ")"),
            !inner.contains(0x0A)
        else { return nil }
        return inner.dropLast()
    }

    /// The rest after `prefix` when it is one non-empty word (`prefix(\S+)$`).
    private static func wholeVersion(after prefix: StaticString, in text: ArraySlice<UInt8>) -> String? {
        guard let rest = text.afterASCIIPrefix(prefix), !rest.isEmpty, rest.hasNoWhitespace else { return nil }
        return rest.decodedString
    }

    /// The word after `prefix`, alone or followed by a space and more (`prefix(\S+)(?: .+)?$`).
    private static func versionWithOptionalTail(after prefix: StaticString, in text: ArraySlice<UInt8>) -> String? {
        guard let rest = text.afterASCIIPrefix(prefix) else { return nil }
        let (version, tail) = rest.firstWord()
        guard !version.isEmpty,
            tail.isEmpty || (tail.count > 1 && tail.first == UInt8(ascii: " ") && !tail.contains(0x0A))
        else { return nil }
        return version.decodedString
    }

    /// Digits, a dot and digits, nothing more (`3.12`).
    private static func isMajorMinor(_ version: ArraySlice<UInt8>) -> Bool {
        !version.isEmpty && majorMinor(version).utf8.count == version.count
    }
}
