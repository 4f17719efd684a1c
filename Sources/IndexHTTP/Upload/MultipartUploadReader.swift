import Hummingbird
import IndexCore
import MultipartKit

/// Reads a `multipart/form-data` upload body as it streams (MultipartKit's `MultipartParser`,
/// never `FormDataDecoder`): text parts into the form, the `content` part straight into a staged
/// blob, with caps on text size, part count and file size (DESIGN.md §3 step 1-2).
struct MultipartUploadReader: Sendable {
    /// Caps on what the reader accepts.
    struct Limits: Sendable {
        /// The largest file; the reader stops after one byte more (the use case refuses it).
        var fileSize: Int
        /// The largest total of all text parts.
        var textBytes: Int = 1 << 20
        /// The most parts.
        var parts: Int = 1000
        /// The longest part header line (name and value).
        var headerBytes: Int = 16 << 10
        /// The most bytes the parser may hold or skip without handing them on: a header line in
        /// progress, a preamble, an epilogue. Boundaries and header framing are allowed for.
        var unaccountedBytes: Int = 64 << 10
        /// Bytes gathered before one write to the staged blob.
        var writeBuffer: Int = 1 << 20
    }

    /// The form and the staged content read from a body.
    struct Result {
        var form: [String: [String]]
        var content: UploadContent?
    }

    let limits: Limits
    let blobs: any BlobStore

    /// Reads `body` (with multipart `boundary`); on a refusal, any staged blob is discarded.
    func read(_ body: RequestBody, boundary: String) async throws -> Result {
        let state = PartState(limits: limits)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in state.header(name: name, value: value) }
        parser.onBody = { buffer in state.body(&buffer) }
        parser.onPartComplete = { state.partComplete() }
        let delimiter = Array("--\(boundary)--".utf8)
        var tail = ClosingDelimiterTail(delimiter: delimiter)
        var fed = 0
        var staged: (any StagedBlob)?
        do {
            var stoppedAtFileLimit = false
            for try await chunk in body {
                do {
                    try parser.execute(chunk)
                } catch {
                    throw Self.invalid
                }
                if let problem = state.problem { throw problem }
                fed += chunk.readableBytes
                tail.append(chunk.readableBytesView)
                let framing = (state.parts + 1) * (delimiter.count + 8) + state.headers * 4
                if fed - state.accountedBytes - framing > limits.unaccountedBytes { throw Self.invalid }
                if state.wantsBlob, staged == nil { staged = try await blobs.stage() }
                if let staged, !state.pendingFile.isEmpty,
                    state.pendingFile.count >= limits.writeBuffer || state.contentDone
                {
                    try await staged.write(state.takePendingFile())
                }
                if let staged, staged.byteCount + state.pendingFile.count > limits.fileSize {
                    stoppedAtFileLimit = true
                    break
                }
            }
            if let staged, !state.pendingFile.isEmpty { try await staged.write(state.takePendingFile()) }
            // A body that ends before its closing delimiter was cut short (U02/U03).
            if !stoppedAtFileLimit, state.inPart || !tail.endsWithDelimiter { throw Self.invalid }
            guard let staged, let filename = state.contentFilename else {
                return Result(form: state.form, content: nil)
            }
            let digests = try await staged.finish()
            let content = UploadContent(
                filename: filename, contentType: state.contentType, blob: staged, digests: digests)
            return Result(form: state.form, content: content)
        } catch {
            await staged?.discard()
            throw error
        }
    }

    static let invalid = MessageError(400, "Invalid multipart form data.")

    /// The multipart boundary of a `multipart/form-data` content type, or `nil`.
    static func boundary(contentType: String?) -> String? {
        guard let contentType else { return nil }
        let parameters = contentType.split(separator: ";").map { $0.trimmingWhitespace() }
        guard parameters.first?.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parameters.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingWhitespace() }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            guard !value.isEmpty, value.utf8.count <= 200 else { return nil }
            return value
        }
        return nil
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    func trimmingWhitespace() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(Substring(scalars))
    }
}
