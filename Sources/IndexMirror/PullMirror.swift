import Crypto
import Foundation
import IndexCore
import PythonPackaging

/// `cheeseshop mirror`: copies projects, or a requirements file's dependency closure, from an
/// upstream index into this one. Every file goes through the upload use case (the same checks as
/// any upload), its SHA-256 checked against the upstream page first. A file already here is
/// skipped, so a run can be repeated (resumed after an interruption, or to pick up what upstream
/// added); a whole project whose upstream serial has not moved since the last run is not even
/// looked at.
public final class PullMirror: Sendable {
    /// What to copy.
    public struct Request: Sendable {
        /// The upstream index's simple URL.
        public var index: String
        /// Projects copied whole (every version, every file).
        public var projects: [String] = []
        /// Requirements: for each, the newest version its specifier allows (the pinned one for `==`).
        public var requirements: [Requirement] = []
        /// Whether the dependencies of what is copied are copied too, recursively (all platforms:
        /// environment markers are not evaluated; `extra` markers follow the extras asked for).
        public var withDependencies = false
        /// Wheel platform tags (or patterns such as `manylinux*x86_64`) to copy; empty: all. Pure
        /// Python wheels and sdists are always copied.
        public var platforms: [String] = []

        public init(index: String) {
            self.index = index.hasSuffix("/") ? index : index + "/"
        }
    }

    /// What a run did.
    public struct Report: Sendable {
        public var copied: [String] = []
        public var bytes = 0
        public var present = 0
        public var unchangedProjects: [String] = []
        public var projects: Set<String> = []
        public var failures: [(filename: String, reason: String)] = []
    }

    /// Progress, for a progress bar: files done (copied or present) of files planned so far.
    public struct Progress: Sendable {
        public var done: Int
        public var planned: Int
        public var bytes: Int
        public var current: String
    }

    let upstream: any UpstreamFetching
    let store: any IndexStore
    let blobs: any BlobStore
    let upload: UploadDistribution
    let identity: UploadIdentity
    let progress: @Sendable (Progress) -> Void

    public init(
        upstream: any UpstreamFetching, store: any IndexStore, blobs: any BlobStore, upload: UploadDistribution,
        identity: UploadIdentity, progress: @escaping @Sendable (Progress) -> Void = { _ in }
    ) {
        self.upstream = upstream
        self.store = store
        self.blobs = blobs
        self.upload = upload
        self.identity = identity
        self.progress = progress
    }

    /// What to copy of one project.
    enum Selection: Hashable {
        case all
        case requirement(SpecifierSet, extras: Set<String>)
    }

    public func run(_ request: Request) async throws -> Report {
        var report = Report()
        var queue: [(name: String, selection: Selection)] =
            request.projects.map { (ProjectName.normalize($0), .all) }
            + request.requirements.map {
                (
                    ProjectName.normalize($0.name),
                    .requirement($0.specifier, extras: Set($0.extras.map(ProjectName.normalize)))
                )
            }
        var seen: Set<String> = []
        var handled: Set<String> = []
        var planned = 0
        var done = 0
        while !queue.isEmpty {
            let (name, selection) = queue.removeFirst()
            guard seen.insert("\(name) \(selection)").inserted else { continue }
            let answer = try await upstream.page(index: request.index, name: name, etag: nil)
            guard case .page(let body, let type, _, let url) = answer else {
                report.failures.append((name, "not on \(request.index)"))
                continue
            }
            let page = try UpstreamPage.parse(body, contentType: type, url: url)
            report.projects.insert(name)
            let serialKey = "mirror-serial:\(request.index)\(name)"
            if selection == .all, let serial = page.lastSerial,
                try await store.setting(serialKey) == String(serial), !request.withDependencies
            {
                report.unchangedProjects.append(name)
                continue
            }
            let versions = Self.select(selection, from: page)
            let files = page.files.filter { file in
                guard let version = PullThroughProxy.version(of: file.filename), versions.contains(version) else {
                    return false
                }
                return Self.wanted(file.filename, platforms: request.platforms)
                    && handled.insert(file.filename).inserted
            }
            planned += files.count
            var failed = false
            for file in files {
                progress(Progress(done: done, planned: planned, bytes: report.bytes, current: file.filename))
                do {
                    if try await copy(file) {
                        report.copied.append(file.filename)
                        report.bytes += file.size ?? 0
                    } else {
                        report.present += 1
                    }
                } catch {
                    failed = true
                    report.failures.append((file.filename, "\(error)"))
                }
                done += 1
            }
            if request.withDependencies {
                let extras: Set<String> =
                    if case .requirement(_, let extras) = selection { extras } else { [] }
                for version in versions {
                    for requirement in try await dependencies(of: page, version: version, extras: extras) {
                        queue.append(
                            (
                                ProjectName.normalize(requirement.name),
                                .requirement(
                                    requirement.specifier, extras: Set(requirement.extras.map(ProjectName.normalize)))
                            ))
                    }
                }
            }
            if selection == .all, !failed, let serial = page.lastSerial {
                try await store.write { try await $0.setSetting(serialKey, to: String(serial)) }
            }
        }
        progress(Progress(done: done, planned: planned, bytes: report.bytes, current: ""))
        return report
    }

    /// The canonical versions `selection` takes from `page`: every version with files, or the
    /// newest the specifier allows (final releases first, as installers choose).
    static func select(_ selection: Selection, from page: UpstreamPage) -> Set<String> {
        var versions: [String: (version: Version, yanked: Bool)] = [:]
        for file in page.files {
            guard let parsed = PullThroughProxy.parsedVersion(of: file.filename) else { continue }
            let yanked = file.yanked != .no
            let known = versions[parsed.canonicalized]
            versions[parsed.canonicalized] = (parsed, (known?.yanked ?? true) && yanked)
        }
        switch selection {
        case .all:
            return Set(versions.keys)
        case .requirement(let specifier, _):
            let allowed = versions.values.filter { specifier.contains($0.version) }
            let pinned = allowed.contains { !$0.yanked } ? allowed.filter { !$0.yanked } : allowed
            let finals = pinned.filter { !$0.version.isPrerelease }
            let pick = (finals.isEmpty ? pinned : finals).max { $0.version < $1.version }
            return pick.map { [$0.version.canonicalized] } ?? []
        }
    }

    /// Whether a file of this name is copied under the platform filter.
    static func wanted(_ filename: String, platforms: [String]) -> Bool {
        guard !platforms.isEmpty, filename.hasSuffix(".whl"), let wheel = try? WheelFilename(parsing: filename) else {
            return true
        }
        let tags = wheel.platformTags
        if tags.contains("any") { return true }
        return tags.contains { tag in platforms.contains { PrivateNames.matches(tag, pattern: $0.lowercased()) } }
    }

    /// The requirements of `version` of the project (its `Requires-Dist`, from a PEP 658 file of
    /// upstream's, else from a downloaded distribution), those behind an `extra` kept only for
    /// the extras asked for.
    func dependencies(of page: UpstreamPage, version: String, extras: Set<String>) async throws -> [Requirement] {
        let files = page.files.filter { PullThroughProxy.version(of: $0.filename) == version }
        let ordered = files.filter { $0.hasCoreMetadata } + files.filter { $0.filename.hasSuffix(".whl") } + files
        guard let file = ordered.first else { return [] }
        let metadata: [UInt8]
        if file.hasCoreMetadata {
            metadata = try await upstream.bytes(
                url: file.url + ".metadata", limit: WheelArchive.maximumMetadataFileSize)
        } else {
            let (staged, _) = try await download(file)
            defer { Task { await staged.discard() } }
            metadata = try Self.metadata(of: file.filename, in: staged)
        }
        let raw = RawMetadata(parsing: metadata)
        return (raw.lists[.requiresDist] ?? []).compactMap { line -> Requirement? in
            guard let requirement = try? Requirement(parsing: line), requirement.url == nil else { return nil }
            guard let marker = requirement.marker?.description, marker.contains("extra") else { return requirement }
            let named = Self.extras(in: marker)
            return named.isDisjoint(with: extras) ? nil : requirement
        }
    }

    /// The extras an `extra == "name"` marker names.
    static func extras(in marker: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(marker)
        while let range = rest.range(of: "extra") {
            rest = rest[range.upperBound...]
            let afterOperator = rest.drop { $0 == " " || $0 == "=" }
            guard let quote = afterOperator.first, quote == "\"" || quote == "'" else { continue }
            let value = afterOperator.dropFirst().prefix { $0 != quote }
            names.insert(ProjectName.normalize(String(value)))
        }
        return names
    }

    /// Copies one file unless it is here already; `true` when it was copied.
    func copy(_ file: UpstreamPage.File) async throws -> Bool {
        if try await store.file(filename: file.filename) != nil { return false }
        if try await store.filenameWasUsed(file.filename) {
            throw MirrorError("\(file.filename) was deleted here; a filename is never used again")
        }
        let (staged, digests) = try await download(file)
        do {
            let metadata = try Self.metadata(of: file.filename, in: staged)
            var form = Self.form(metadata: metadata, filename: file.filename)
            form["sha256_digest"] = [digests.sha256]
            let result = try await upload(
                UploadRequest(
                    form: form,
                    content: UploadContent(
                        filename: file.filename, contentType: "application/octet-stream", blob: staged, digests: digests
                    ),
                    identity: identity))
            await staged.discard()
            return result.file != nil
        } catch {
            await staged.discard()
            throw error
        }
    }

    /// The file, fetched into a staged blob and checked against its page's SHA-256.
    func download(_ file: UpstreamPage.File) async throws -> (any StagedBlob, DistributionDigests) {
        guard let expected = file.sha256 else { throw MirrorError("\(file.filename) has no SHA-256 upstream") }
        let staged = try await blobs.stage()
        do {
            let body = try await upstream.open(url: file.url)
            while let chunk = try await body.next() { try await staged.write(chunk) }
            let digests = try await staged.finish()
            guard digests.sha256 == expected else {
                throw UpstreamError.digestMismatch(filename: file.filename, expected: expected, got: digests.sha256)
            }
            return (staged, digests)
        } catch {
            await staged.discard()
            throw error
        }
    }

    /// The core metadata inside a distribution: a wheel's `METADATA`, an sdist's `PKG-INFO`.
    static func metadata(of filename: String, in staged: any StagedBlob) throws -> [UInt8] {
        let source = try staged.archiveSource()
        if filename.hasSuffix(".whl") {
            return try WheelArchive(archive: ZipArchive(source: source), filename: filename).metadata()
        }
        let isZip = filename.lowercased().hasSuffix(".zip")
        guard isZip || filename.hasSuffix(".tar.gz") else {
            throw MirrorError("\(filename) is not a wheel or an sdist")
        }
        let (name, version) = SdistFilename.parts(of: filename)
        return isZip
            ? try SdistArchive(zip: source, name: name, version: version).pkgInfo
            : try SdistArchive(source: source, name: name, version: version).pkgInfo
    }

    /// The legacy upload form twine would send for a distribution with this metadata.
    static func form(metadata: [UInt8], filename: String) -> [String: [String]] {
        let raw = RawMetadata(parsing: metadata)
        var form: [String: [String]] = [:]
        for (field, value) in raw.strings { form[field.formName] = [value] }
        for (field, values) in raw.lists {
            // Keywords are one field, split on commas when read.
            form[field.formName] = field == .keywords ? [values.joined(separator: ",")] : values
        }
        if let urls = raw.projectURLs { form["project_urls"] = urls.map { "\($0.label), \($0.url)" } }
        if filename.hasSuffix(".whl") {
            // The Python tag: the third component from the end (`name-version[-build]-py-abi-platform`).
            form["filetype"] = ["bdist_wheel"]
            form["pyversion"] = [filename.dropLast(4).split(separator: "-").dropLast(2).last.map(String.init) ?? "py3"]
        } else {
            form["filetype"] = ["sdist"]
            form["pyversion"] = ["source"]
        }
        return form
    }
}

/// Why a file was not mirrored.
struct MirrorError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
