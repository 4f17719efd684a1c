import Hummingbird

extension MultipartUploadReader {
    /// What the parser's callbacks have seen so far; used by one request's task only.
    final class PartState {
        /// What the current part is.
        enum Kind {
            case text(name: String)
            case file
        }

        let limits: Limits
        var form: [String: [String]] = [:]
        var problem: MessageError?
        var parts = 0
        var headers = 0
        var textBytes = 0
        /// Header and body bytes handed on by the parser.
        var accountedBytes = 0
        var inPart = false
        var disposition: String?
        var partContentType: String?
        var kind: Kind?
        var currentText: [UInt8] = []
        var pendingFile: [UInt8] = []
        var contentFilename: String?
        var contentType: String?
        var wantsBlob = false
        var contentDone = false

        init(limits: Limits) {
            self.limits = limits
        }

        func header(name: String, value: String) {
            inPart = true
            headers += 1
            let size = name.utf8.count + value.utf8.count
            accountedBytes += size
            textBytes += size
            if size > limits.headerBytes { refuse(400, "Invalid multipart form data: a part header is too long.") }
            if textBytes > limits.textBytes { refuse(413, "The form's text fields are too large.") }
            switch name.lowercased() {
            case "content-disposition": disposition = value
            case "content-type": partContentType = value
            default: break
            }
        }

        func body(_ buffer: inout ByteBuffer) {
            guard problem == nil else {
                buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
                return
            }
            accountedBytes += buffer.readableBytes
            let kind = self.kind ?? begin()
            switch kind {
            case .text:
                textBytes += buffer.readableBytes
                if textBytes > limits.textBytes {
                    refuse(413, "The form's text fields are too large.")
                } else {
                    currentText.append(contentsOf: buffer.readableBytesView)
                }
            case .file:
                pendingFile.append(contentsOf: buffer.readableBytesView)
            }
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
        }

        func partComplete() {
            guard problem == nil else { return }
            switch kind ?? begin() {
            case .text(let name): form[name, default: []].append(String(decoding: currentText, as: UTF8.self))
            case .file: contentDone = true
            }
            guard problem == nil else { return }
            parts += 1
            if parts > limits.parts { refuse(400, "The form has too many parts.") }
            inPart = false
            disposition = nil
            partContentType = nil
            kind = nil
            currentText = []
        }

        func takePendingFile() -> [UInt8] {
            defer { pendingFile = [] }
            return pendingFile
        }

        /// Decides what the current part is from its headers.
        private func begin() -> Kind {
            let parameters = Self.dispositionParameters(disposition ?? "")
            guard let name = parameters["name"] else {
                refuse(400, "Invalid multipart form data.")
                kind = .text(name: "")
                return .text(name: "")
            }
            let result: Kind
            if name == "content" {
                if contentFilename != nil || parameters["filename"] == nil {
                    refuse(400, "content: Should not be a tuple.")
                }
                contentFilename = parameters["filename"] ?? ""
                // A part without a type is text/plain (RFC 7578 §4.4), as Warehouse's parser
                // reads it: uv publish and flit send the file part so, and PyPI takes it.
                contentType = partContentType ?? "text/plain"
                wantsBlob = true
                result = .file
            } else {
                if parameters["filename"] != nil { refuse(400, "\(name): Should not be a tuple.") }
                result = .text(name: name)
            }
            kind = result
            return result
        }

        private func refuse(_ code: Int, _ message: String) {
            if problem == nil { problem = MessageError(code, message) }
        }

        /// The parameters of a `Content-Disposition: form-data; name="x"; filename="y"` value.
        static func dispositionParameters(_ value: String) -> [String: String] {
            var result: [String: String] = [:]
            var rest = Substring(value)
            // The type, then `; key=value` pairs; quoted values may hold `;` and `\"`.
            guard let semicolon = rest.firstIndex(of: ";") else { return result }
            rest = rest[rest.index(after: semicolon)...]
            while !rest.isEmpty {
                rest = rest.drop { $0 == " " || $0 == "\t" || $0 == ";" }
                guard let equals = rest.firstIndex(of: "=") else { break }
                let key = rest[..<equals].trimmingWhitespace().lowercased()
                rest = rest[rest.index(after: equals)...]
                var parsed = ""
                if rest.first == "\"" {
                    rest = rest.dropFirst()
                    var escaped = false
                    while let character = rest.first {
                        rest = rest.dropFirst()
                        if escaped {
                            parsed.append(character)
                            escaped = false
                        } else if character == "\\" {
                            escaped = true
                        } else if character == "\"" {
                            break
                        } else {
                            parsed.append(character)
                        }
                    }
                } else {
                    let end = rest.firstIndex(of: ";") ?? rest.endIndex
                    parsed = rest[..<end].trimmingWhitespace()
                    rest = rest[end...]
                }
                if result[key] == nil { result[key] = parsed }
            }
            return result
        }
    }
}
