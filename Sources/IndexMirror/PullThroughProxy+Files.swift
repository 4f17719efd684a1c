import Crypto
import IndexCore
import PythonPackaging
import Synchronization

extension PullThroughProxy {
    public func file(sha256: String, filename: String, metadata: Bool) async throws -> ProxiedFile? {
        guard sha256.utf8.count == 64, sha256.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
        else { return nil }
        let key = BlobKey.proxied(sha256: sha256, filename: filename)
        if let size = try await blobs.size(of: metadata ? key.metadataKey : key) {
            return .stored(metadata ? key.metadataKey : key, size: size)
        }
        guard let file = try await listedFile(sha256: sha256, filename: filename) else { return nil }
        if metadata { return try await fetchMetadata(file, key: key) }
        for _ in 0..<3 {
            let (flight, leads) = state.withLock { state -> (FileFlight, Bool) in
                if let running = state.fileFlights[key.path] { return (running, false) }
                let flight = FileFlight()
                state.fileFlights[key.path] = flight
                return (flight, true)
            }
            guard leads else {
                await flight.wait()
                if let size = try await blobs.size(of: key) { return .stored(key, size: size) }
                continue
            }
            do {
                // A flight that ended between the first look and now has stored it.
                if let size = try await blobs.size(of: key) {
                    finishFlight(flight, key: key)
                    return .stored(key, size: size)
                }
                let body = try await upstream.open(url: file.url)
                let staged = try await blobs.stage()
                let download = ProxyDownload(
                    proxy: self, file: file, sha256: sha256, key: key, body: body, staged: staged, flight: flight)
                return .fetching(
                    size: file.size ?? body.size, chunks: AsyncThrowingStream(unfolding: { try await download.next() }))
            } catch {
                finishFlight(flight, key: key)
                throw error
            }
        }
        throw UpstreamError.fileNotFetched(filename)
    }

    func finishFlight(_ flight: FileFlight, key: BlobKey) {
        state.withLock { state in
            if state.fileFlights[key.path] === flight { state.fileFlights.removeValue(forKey: key.path) }
        }
        flight.finish()
    }

    /// The file a cached page lists with `sha256` and `filename`, unless the cool-down hides it.
    func listedFile(sha256: String, filename: String) async throws -> UpstreamPage.File? {
        var names: [String] = []
        if filename.hasSuffix(".whl"), let wheel = try? WheelFilename(parsing: filename) {
            names.append(wheel.name.normalized)
        } else if let sdist = try? SdistFilename(parsing: filename) {
            names.append(sdist.name.normalized)
        }
        names += state.withLock { state in
            state.entries.compactMap { name, entry in
                entry.page?.files.contains { $0.sha256 == sha256 } == true ? name : nil
            }
        }
        let now = clock.now().secondsSinceEpoch
        for name in names {
            guard try await mayFetch(name), let page = try await entry(for: name)?.page,
                let file = page.files.first(where: { $0.sha256 == sha256 && $0.filename == filename })
            else { continue }
            if let cooldown = policy.cooldown(for: name), let uploaded = file.uploadTime?.secondsSinceEpoch,
                uploaded > now - cooldown
            {
                return nil
            }
            return file
        }
        return nil
    }

    /// The PEP 658 metadata file upstream serves beside `file`, checked against its page's digest
    /// and stored.
    func fetchMetadata(_ file: UpstreamPage.File, key: BlobKey) async throws -> ProxiedFile? {
        guard file.hasCoreMetadata else { return nil }
        let bytes = try await upstream.bytes(url: file.url + ".metadata", limit: WheelArchive.maximumMetadataFileSize)
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        if let expected = file.coreMetadataSHA256, expected != digest {
            throw UpstreamError.digestMismatch(filename: file.filename + ".metadata", expected: expected, got: digest)
        }
        try await store(bytes, as: key.metadataKey)
        return .stored(key.metadataKey, size: bytes.count)
    }

    /// Stores small `bytes` under `key`.
    func store(_ bytes: [UInt8], as key: BlobKey) async throws {
        let staged = try await blobs.stage()
        do {
            try await staged.write(bytes)
            _ = try await staged.finish()
            try await blobs.commit(staged, as: key)
        } catch {
            await staged.discard()
            throw error
        }
        await staged.discard()
    }

    /// Keeps the METADATA of a proxied wheel whose upstream serves no PEP 658 file, so that the
    /// page offers it from now on.
    func extractMetadata(from staged: any StagedBlob, file: UpstreamPage.File, sha256: String, key: BlobKey) async {
        guard !file.hasCoreMetadata, file.filename.hasSuffix(".whl") else { return }
        do {
            let wheel = try WheelArchive(
                archive: ZipArchive(source: try staged.archiveSource()), filename: file.filename)
            let bytes = try wheel.metadata()
            try await store(bytes, as: key.metadataKey)
            let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
            state.withLock { $0.extractedMetadata[sha256] = digest }
        } catch {
            logger.warning(
                "Could not extract METADATA from a proxied wheel.",
                metadata: ["file": "\(file.filename)", "error": "\(error)"])
        }
    }
}

/// One upstream file being fetched: waited for by the other requests for it.
final class FileFlight: Sendable {
    private let state = Mutex<(finished: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let finished = state.withLock { state in
                if !state.finished { state.waiters.append(continuation) }
                return state.finished
            }
            if finished { continuation.resume() }
        }
    }

    func finish() {
        let waiters = state.withLock { state in
            state.finished = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// The bytes of an upstream file passed to the client as they are written to a staged blob; the
/// last chunk is held back until the SHA-256 matches the page, so a client never receives all of
/// a tampered file. Read by one consumer at a time (the response body).
final class ProxyDownload: @unchecked Sendable {
    let proxy: PullThroughProxy
    let file: UpstreamPage.File
    let sha256: String
    let key: BlobKey
    let body: any UpstreamBody
    let staged: any StagedBlob
    let flight: FileFlight
    private var held: [UInt8]?
    private var count = 0
    private var done = false

    init(
        proxy: PullThroughProxy, file: UpstreamPage.File, sha256: String, key: BlobKey, body: any UpstreamBody,
        staged: any StagedBlob, flight: FileFlight
    ) {
        self.proxy = proxy
        self.file = file
        self.sha256 = sha256
        self.key = key
        self.body = body
        self.staged = staged
        self.flight = flight
    }

    deinit {
        guard !done else { return }
        let (staged, proxy, flight, key) = (staged, proxy, flight, key)
        Task {
            await staged.discard()
            proxy.finishFlight(flight, key: key)
        }
    }

    func next() async throws -> [UInt8]? {
        guard !done else { return nil }
        do {
            while let chunk = try await body.next() {
                count += chunk.count
                guard count <= proxy.configuration.maximumFileSize else { throw UpstreamError.tooLarge(url: file.url) }
                guard !chunk.isEmpty else { continue }
                try await staged.write(chunk)
                if let previous = held {
                    held = chunk
                    return previous
                }
                held = chunk
            }
            let digests = try await staged.finish()
            guard digests.sha256 == sha256 else {
                throw UpstreamError.digestMismatch(filename: file.filename, expected: sha256, got: digests.sha256)
            }
            await proxy.extractMetadata(from: staged, file: file, sha256: sha256, key: key)
            try await proxy.blobs.commit(staged, as: key)
            await staged.discard()
            done = true
            proxy.finishFlight(flight, key: key)
            defer { held = nil }
            return held ?? []
        } catch {
            done = true
            proxy.logger.warning(
                "A proxied file was refused or could not be fetched.",
                metadata: ["file": "\(file.filename)", "error": "\(error)"])
            await staged.discard()
            proxy.finishFlight(flight, key: key)
            throw error
        }
    }
}
