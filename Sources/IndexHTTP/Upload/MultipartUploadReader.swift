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
        var staged: (any StagedBlob)?
        do {
            for try await chunk in body {
                do {
                    try parser.execute(chunk)
                } catch {
                    throw MessageError(400, "Invalid multipart form data.")
                }
                if let problem = state.problem { throw problem }
                if state.wantsBlob, staged == nil { staged = try await blobs.stage() }
                if let staged, !state.pendingFile.isEmpty,
                    state.pendingFile.count >= limits.writeBuffer || state.contentDone
                {
                    try await staged.write(state.takePendingFile())
                }
                if let staged, staged.byteCount + state.pendingFile.count > limits.fileSize { break }
            }
            if let staged, !state.pendingFile.isEmpty { try await staged.write(state.takePendingFile()) }
            if let staged, staged.byteCount <= limits.fileSize, state.inPart {
                throw MessageError(400, "Invalid multipart form data.")
            }
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
