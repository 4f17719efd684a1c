import IndexCore

extension SigV4Signer {
    /// Signs `request` in its query string (a presigned URL), valid for `expires` seconds from
    /// `time`; returns the signature and the full query string to send, ending in
    /// `X-Amz-Signature`.
    ///
    /// The authentication parameters (`X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`,
    /// `X-Amz-Expires`, `X-Amz-SignedHeaders`, and `X-Amz-Security-Token` with a session token)
    /// join the request's own query before it is canonicalised. For S3 the payload hash is
    /// ``unsignedPayload``: who holds the URL chooses the body.
    public func presign(
        _ request: SigV4Request, at time: SigV4Time, expires: Int
    ) -> (signature: SigV4Signature, query: String) {
        let signedHeaders = Self.canonicalHeaders(request.headers).map(\.name).joined(separator: ";")
        var signed = request
        signed.query += [
            (name: "X-Amz-Algorithm", value: Self.algorithm),
            (name: "X-Amz-Credential", value: "\(accessKeyID)/\(scope(at: time))"),
            (name: "X-Amz-Date", value: time.dateTime),
            (name: "X-Amz-Expires", value: String(expires)),
            (name: "X-Amz-SignedHeaders", value: signedHeaders),
        ]
        if let sessionToken { signed.query.append((name: "X-Amz-Security-Token", value: sessionToken)) }
        let result = signature(of: signed, at: time)
        return (result, Self.canonicalQuery(signed.query) + "&X-Amz-Signature=" + result.signature)
    }
}
