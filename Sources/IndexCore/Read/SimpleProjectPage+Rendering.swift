extension SimpleProjectPage {
    /// The PEP 691 v1 JSON body (`application/vnd.pypi.simple.v1+json`), API version 1.4.
    public func json() -> [UInt8] {
        var status: [JSONMember] = [JSONMember("status", .string(status.rawValue))]
        if let statusReason { status.append(JSONMember("reason", .string(statusReason))) }
        return JSONValue.object([
            "meta": SimpleAPI.meta(lastSerial: lastSerial),
            "name": .string(name),
            "project-status": .object(status),
            "versions": .strings(versions),
            "files": .array(files.map(\.json)),
        ]).bytes
    }

    /// The PEP 503 HTML body, with the PEP 592/658/714/792 attributes and meta tags, every
    /// value HTML-escaped.
    public func html() -> [UInt8] {
        let name = HTMLText.escape(name)
        var html = """
            <!DOCTYPE html>
            <html>
              <head>
                <meta name="pypi:repository-version" content="\(SimpleAPI.version)">
                <meta name="pypi:project-status" content="\(status.rawValue)">

            """
        if let statusReason {
            html += "    <meta name=\"pypi:project-status-reason\" content=\"\(HTMLText.escape(statusReason))\">\n"
        }
        html += "    <title>Links for \(name)</title>\n  </head>\n  <body>\n    <h1>Links for \(name)</h1>\n"
        for file in files {
            html += "    \(file.anchor)<br />\n"
        }
        html += "  </body>\n</html>\n<!--SERIAL \(lastSerial)-->\n"
        return Array(html.utf8)
    }
}

extension SimpleProjectPage.File {
    /// The PEP 691 file object; both metadata keys per PEP 714.
    var json: JSONValue {
        let metadata: JSONValue = coreMetadataSHA256.map { .object(["sha256": .string($0)]) } ?? .bool(false)
        let yanked: JSONValue =
            switch yanked {
            case .no: .bool(false)
            case .yanked: .bool(true)
            case .reason(let reason): .string(reason)
            }
        var members: [JSONMember] = [
            JSONMember("filename", .string(filename)),
            JSONMember("url", .string(url)),
            JSONMember("hashes", .object(["sha256": .string(sha256)])),
            JSONMember("requires-python", .string(requiresPython)),
        ]
        if let size { members.append(JSONMember("size", .int(Int64(size)))) }
        if let uploadTime { members.append(JSONMember("upload-time", .string(uploadTime.iso8601))) }
        members += [
            JSONMember("yanked", yanked),
            JSONMember("data-dist-info-metadata", metadata),
            JSONMember("core-metadata", metadata),
            JSONMember("provenance", .null),
        ]
        return .object(members)
    }

    /// The PEP 503 anchor.
    var anchor: String {
        var attributes = ["href=\"\(HTMLText.escape("\(url)#sha256=\(sha256)"))\""]
        if let requiresPython, !requiresPython.isEmpty {
            attributes.append("data-requires-python=\"\(HTMLText.escape(requiresPython))\"")
        }
        switch yanked {
        case .no: break
        case .yanked: attributes.append("data-yanked=\"\"")
        case .reason(let reason): attributes.append("data-yanked=\"\(HTMLText.escape(reason))\"")
        }
        if let coreMetadataSHA256 {
            let value = HTMLText.escape("sha256=\(coreMetadataSHA256)")
            attributes.append("data-dist-info-metadata=\"\(value)\"")
            attributes.append("data-core-metadata=\"\(value)\"")
        }
        return "<a \(attributes.joined(separator: " "))>\(HTMLText.escape(filename))</a>"
    }
}
