/// An XML-RPC fault, as Warehouse answers it (`warehouse/legacy/api/xmlrpc/views.py` and the
/// `pyramid_rpc` faults it raises): the code and the string Python's `xmlrpc.client.Fault` shows.
struct XMLRPCFault: Error, Equatable, Sendable {
    let code: Int
    let message: String

    /// pyramid_rpc's `XmlRpcParseError`: the body is not an XML-RPC call.
    static let notWellFormed = XMLRPCFault(code: -32700, message: "parse error; not well formed")

    /// The body is larger than an XML-RPC call to this server can be.
    static func tooLarge(limit: Int) -> XMLRPCFault {
        XMLRPCFault(code: -32700, message: "parse error; request body larger than \(limit) bytes")
    }

    /// pyramid_rpc's `XmlRpcMethodNotFound`.
    static let methodNotFound = XMLRPCFault(code: -32601, message: "server error; requested method not found")

    /// pyramid_rpc's `XmlRpcApplicationError`: the method failed (the cause is logged, not shown).
    static let applicationError = XMLRPCFault(code: -32500, message: "application error")

    /// Warehouse's `XMLRPCInvalidParamTypes`: pydantic's errors, one per parameter, joined.
    static func invalidParams(_ errors: [String]) -> XMLRPCFault {
        XMLRPCFault(code: -32602, message: "client error; " + errors.joined(separator: "; "))
    }

    /// Warehouse's `XMLRPCWrappedError`: an exception's class name and message.
    static func wrapped(_ exception: String, _ message: String) -> XMLRPCFault {
        XMLRPCFault(code: -32500, message: "\(exception): \(message)")
    }
}

extension XMLRPCFault {
    /// Where Warehouse sends callers of its removed methods.
    static let deprecationURL = "https://warehouse.pypa.io/api-reference/xml-rpc.html#deprecated-methods"

    /// The fault of a method PyPI no longer answers (reference b.5), in Warehouse's words; `base`
    /// is the index's public URL, for `search`'s pointer to the search page (Warehouse names its
    /// own domain there). `nil` for any other method.
    static func disabled(_ method: String, base: String) -> XMLRPCFault? {
        let see = "See \(deprecationURL) for more information."
        func noLonger(_ method: String, use: String) -> XMLRPCFault {
            .wrapped("RuntimeError", "PyPI no longer supports the XMLRPC \(method) method. Use \(use) instead. \(see)")
        }
        switch method {
        case "system.multicall":
            return .wrapped("ValueError", "MultiCall requests have been deprecated, use individual requests instead.")
        case "changelog":
            return .wrapped(
                "ValueError", "The changelog method has been deprecated, use changelog_since_serial instead.")
        case "package_data", "package_urls":
            return .wrapped("RuntimeError", "This API has been deprecated. \(see)")
        case "top_packages":
            return .wrapped("RuntimeError", "This API has been removed. Use BigQuery instead. \(see)")
        case "search":
            return .wrapped(
                "RuntimeError",
                "PyPI no longer supports 'pip search' (or XML-RPC search). "
                    + "Please use \(base)/search (via a browser) instead. \(see)")
        case "list_packages":
            return noLonger(method, use: "Simple API")
        case "package_releases", "release_urls", "release_data":
            return noLonger(method, use: "JSON or Simple API")
        default:
            return nil
        }
    }
}
