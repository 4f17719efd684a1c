import IndexCore
import NIOCore
import NIOHTTP1
import PythonPackaging

/// Which requests ``FastReadHandler`` answers, and with what: a `GET` or `HEAD` without a query
/// of `/simple/`, `/simple/<normalized>/`, `/pypi/<normalized>/json` or the web page
/// `/project/<normalized>/` (in the language the request negotiates) whose body the
/// ``ReadModel`` holds, or of a stored file the model knows in a local blob store (sent with
/// `sendfile(2)`, see ``fileAnswer(_:)``), while the model is not due to read the journal.
/// Anything else (a miss, a redirect, a 404, a refresh) is `nil`: Hummingbird answers it, and
/// fills the model.
struct FastReadPath: Sendable {
    /// A complete answer: status, headers (without `Date` and `Server`) and body, from memory
    /// or from an open file (closed by whoever writes or drops the answer).
    struct Answer {
        var status: HTTPResponseStatus
        var headers: HTTPHeaders
        /// The body's buffers, in order (`/simple/` is sent in parts: ``SimpleRootBody``).
        var body: [ByteBuffer] = []
        /// A file sent after `body` (sendfile), closed once written.
        var file: FileRegion? = nil
    }

    let model: ReadModel
    let urls: PublicURLs
    /// The blob store's files, when they are on this machine (`nil`: files go to Hummingbird).
    var files: (any LocalBlobFiles)? = nil

    /// Seconds since the epoch, for the `Date` header.
    func now() -> Double { model.clock.now().secondsSinceEpoch }

    func answer(_ head: HTTPRequestHead) -> Answer? {
        guard head.method == .GET || head.method == .HEAD, !model.isRefreshDue else { return nil }
        if head.uri.hasPrefix(Self.filesPrefix) { return fileAnswer(head) }
        guard
            let (page, project) = Self.page(
                uri: head.uri, accept: head.headers.first(name: "Accept"),
                origin: { urls.knownOrigin(host: head.headers.first(name: "Host")) },
                language: { Self.language(head.headers) })
        else { return nil }
        let ifNoneMatch = head.headers[canonicalForm: "If-None-Match"].map(String.init)
        if project == ReadModel.rootKey, case .simple(let format) = page {
            guard let root = model.simpleRoot.current else { return nil }
            let answer = root.representation(format, gzip: Gzip.accepted(head.headers.first(name: "Accept-Encoding")))
            if CachedBody.matches(ifNoneMatch: ifNoneMatch, etag: answer.etag) {
                return Answer(status: .notModified, headers: answer.http1NotModifiedHeaders)
            }
            return Answer(status: .ok, headers: answer.http1Headers, body: head.method == .HEAD ? [] : answer.parts)
        }
        guard let body = model.cachedBody(page, of: project) else { return nil }
        if let gzipped = body.gzipped, Gzip.accepted(head.headers.first(name: "Accept-Encoding")) {
            if CachedBody.matches(ifNoneMatch: ifNoneMatch, etag: gzipped.etag) {
                return Answer(status: .notModified, headers: gzipped.http1NotModifiedHeaders)
            }
            return Answer(
                status: .ok, headers: gzipped.http1Headers, body: head.method == .HEAD ? [] : [gzipped.buffer])
        }
        if CachedBody.matches(ifNoneMatch: ifNoneMatch, etag: body.etag) {
            return Answer(status: .notModified, headers: body.http1NotModifiedHeaders)
        }
        return Answer(status: .ok, headers: body.http1Headers, body: head.method == .HEAD ? [] : [body.buffer])
    }

    /// The page a URI names, if it is one the fast path serves.
    /// `origin` tells the key of a JSON API document for this request (`nil`: not kept yet);
    /// `language` the language of a web page (asked for web pages only).
    static func page(
        uri: String, accept: String?, origin: () -> String?, language: () -> Language = { .fallback }
    ) -> (ReadModel.Page, String)? {
        let parts = uri.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard uri.utf8.last == UInt8(ascii: "/") || uri.hasSuffix("/json"), !uri.utf8.contains(UInt8(ascii: "?"))
        else { return nil }
        // "/simple/" -> ["", "simple", ""]; "/simple/x/" -> ["", "simple", "x", ""];
        // "/pypi/x/json" -> ["", "pypi", "x", "json"].
        guard parts.count >= 3, parts[0].isEmpty else { return nil }
        switch (String(Substring(parts[1])), parts.count) {
        case ("simple", 3) where parts[2].isEmpty:
            return (.simple(SimpleFormat.negotiate(accept: accept)), ReadModel.rootKey)
        case ("simple", 4) where parts[3].isEmpty:
            guard let name = normalized(parts[2]) else { return nil }
            return (.simple(SimpleFormat.negotiate(accept: accept)), name)
        case ("pypi", 4) where String(Substring(parts[3])) == "json":
            guard let name = normalized(parts[2]), let origin = origin() else { return nil }
            return (.projectJSON(origin: origin), name)
        case ("project", 4) where parts[3].isEmpty:
            guard let name = normalized(parts[2]) else { return nil }
            return (.projectPage(language()), name)
        default:
            return nil
        }
    }

    /// The language of a web page for request headers `headers` (``LanguageNegotiation``).
    static func language(_ headers: HTTPHeaders) -> Language {
        let accept = headers["Accept-Language"]
        return LanguageNegotiation.language(
            acceptLanguage: accept.isEmpty ? nil : accept.joined(separator: ","), cookies: headers["Cookie"])
    }

    /// The name when it is already in normal form (others are redirected by Hummingbird).
    private static func normalized(_ part: Substring.UTF8View.SubSequence) -> String? {
        let name = String(Substring(part))
        guard !name.isEmpty, ProjectName.normalize(name) == name else { return nil }
        return name
    }
}
