import Crypto
import Testing

@testable import IndexCore

@Suite struct MacaroonTests {
    let rootKey = Array("root-key-of-token-row-0001-abcdef".utf8)
    let now = Timestamp(secondsSinceEpoch: 1_767_225_600)
    var minted: Macaroon { Macaroon(rootKey: rootKey, identifier: "token-42", location: "pypi.org") }

    @Test func signatureIsTheHMACChain() {
        let token = minted.adding(caveat: "[3,\"7\"]")
        let first = Array(
            HMAC<SHA256>.authenticationCode(for: Array("token-42".utf8), using: SymmetricKey(data: rootKey)))
        let second = Array(
            HMAC<SHA256>.authenticationCode(for: Array("[3,\"7\"]".utf8), using: SymmetricKey(data: first)))
        #expect(minted.signature == first)
        #expect(token.signature == second)
        #expect(token.hasValidSignature(rootKey: rootKey))
        #expect(!token.hasValidSignature(rootKey: [9] + rootKey))  // (a trailing 0 would be the same HMAC key)
    }

    @Test func textFormRoundTrips() throws {
        let token = minted.adding(.projects(named: ["Foo_Bar"])).adding(.expiration(expiresAt: 2, notBefore: 1))
        #expect(token.serialized.hasPrefix("pypi-"))
        #expect(try Macaroon(parsing: token.serialized) == token)
        #expect(token.caveats[0] == #"[1,["foo-bar"]]"#)
    }

    @Test func attenuationNarrowsAnUnrestrictedToken() {
        let context = CaveatContext(now: now, project: ("other", ProjectID(2)))
        #expect(minted.verify(rootKey: rootKey, context: context) == .success)
        let narrowed = minted.adding(.projects(named: ["mine"]))
        #expect(
            narrowed.verify(rootKey: rootKey, context: context)
                == .failure("project-scoped token is not valid for project: 'other'"))
        #expect(
            narrowed.verify(rootKey: rootKey, context: CaveatContext(now: now, project: ("mine", ProjectID(1))))
                == .success)
    }

    static let tampering: [(String, @Sendable (Macaroon) -> Macaroon)] = [
        (
            "caveat stripped",
            {
                var m = $0
                m.caveats.removeLast()
                return m
            }
        ),
        (
            "caveats reordered",
            {
                var m = $0
                m.caveats.reverse()
                return m
            }
        ),
        (
            "caveat altered",
            {
                var m = $0
                m.caveats[0] = #"[1,["other"]]"#
                return m
            }
        ),
        (
            "caveat appended unsigned",
            {
                var m = $0
                m.caveats.append("[0,9999999999,0]")
                return m
            }
        ),
        (
            "identifier changed",
            {
                var m = $0
                m.identifier = "token-43"
                return m
            }
        ),
        (
            "signature flipped",
            {
                var m = $0
                m.signature[0] ^= 1
                return m
            }
        ),
    ]

    @Test(arguments: tampering.indices) func tamperedTokensAreRefused(index: Int) {
        let token = minted.adding(.projects(named: ["mine"])).adding(.requestUser("7"))
        let tampered = Self.tampering[index].1(token)
        let context = CaveatContext(now: now, userID: UserID(7), project: ("mine", ProjectID(1)))
        #expect(token.verify(rootKey: rootKey, context: context) == .success)
        #expect(tampered.verify(rootKey: rootKey, context: context) == .failure("signatures do not match"))
    }

    @Test(
        arguments: [
            (-301.0, "token is expired"), (-1, "token is expired"), (0, nil), (299, nil), (599, nil),
            (600, "token is expired"),
            (900, "token is expired"),
        ] as [(Double, String?)])
    func expirationHoldsInsideNotBeforeToExpiresAt(offset: Double, failure: String?) {
        // Valid from now (not before) until now + 10 min; the checks are 5 min either side.
        let start = Int64(now.secondsSinceEpoch)
        let token = minted.adding(.expiration(expiresAt: start + 600, notBefore: start))
        let context = CaveatContext(now: Timestamp(secondsSinceEpoch: now.secondsSinceEpoch + offset))
        #expect(token.verify(rootKey: rootKey, context: context) == (failure.map { .failure($0) } ?? .success))
    }

    @Test(
        arguments: [
            (
                TokenCaveat.projectNames(["a"]), CaveatContext(now: .init(secondsSinceEpoch: 0)),
                "project-scoped token used outside of a project context"
            ),
            (
                .projectIDs(["1"]), CaveatContext(now: .init(secondsSinceEpoch: 0), project: ("b", ProjectID(2))),
                "project-scoped token is not valid for project: 'b'"
            ),
            (.projectIDs(["1"]), CaveatContext(now: .init(secondsSinceEpoch: 0), project: ("a", ProjectID(1))), nil),
            (
                .requestUser("7"), CaveatContext(now: .init(secondsSinceEpoch: 0)),
                "token with user restriction without a user"
            ),
            (
                .requestUser("7"), CaveatContext(now: .init(secondsSinceEpoch: 0), userID: UserID(8)),
                "current user does not match user restriction in token"
            ),
            (
                .oidcPublisher("p1"), CaveatContext(now: .init(secondsSinceEpoch: 0)),
                "OIDC scoped token used outside of an OIDC identified request"
            ),
            (
                .oidcPublisher("p1"), CaveatContext(now: .init(secondsSinceEpoch: 0), publisherID: "p2"),
                "current OIDC publisher does not match publisher restriction in token"
            ),
            (
                .oidcPublisher("p1"), CaveatContext(now: .init(secondsSinceEpoch: 0), publisherID: "p1"),
                "OIDC scoped token used outside of a project context"
            ),
            (
                .oidcPublisher("p1"),
                CaveatContext(now: .init(secondsSinceEpoch: 0), project: ("a", ProjectID(1)), publisherID: "p1"), nil
            ),
        ] as [(TokenCaveat, CaveatContext, String?)])
    func caveatsCheckTheirContext(caveat: TokenCaveat, context: CaveatContext, failure: String?) throws {
        #expect(caveat.failure(in: context) == failure)
        #expect(try TokenCaveat(decoding: caveat.json) == caveat)
    }

    @Test(arguments: [
        ("[9,1]", "caveat has unknown tag: 9"), ("{}", "caveat must be an array"),
        ("[]", "caveat array cannot be empty"),
        ("[0,1]", "Not enough values"), ("[0,1.5,0]", "caveat must be an array"),
        ("[1,[2]]", "invalid values for fields"),
        ("[3,7]", "invalid values for fields"), ("[3,\"7\",1]", "invalid values for fields"),
        ("nonsense", "caveat must be an array"),
        ("[\"0\",1,2]", "caveat has unknown tag: \"0\""),
    ])
    func undecodableCaveatsRefuseTheToken(caveat: String, message: String) {
        let token = minted.adding(caveat: caveat)
        #expect(token.verify(rootKey: rootKey, context: CaveatContext(now: now)) == .failure(message))
    }

    @Test func caveatJSONAcceptsEscapesAndSpaces() throws {
        #expect(try TokenCaveat(decoding: #" [ 1 , [ "a\u0062\n\"", "é" ] ] "#) == .projectNames(["ab\n\"", "é"]))
        #expect(CaveatJSONParser.parse(#"{"k":[true,false,null,-3]}"#) != nil)
        #expect(CaveatJSONParser.parse("[[[[[[[[[[1]]]]]]]]]]") == nil)
        #expect(CaveatJSONParser.parse("01") == nil)
        #expect(CaveatJSONParser.parse(#""\u12G4""#) == nil)
    }

    @Test(arguments: [
        (#"["\b\f\n\r\t\/\\"]"#, true), (#"["\x"]"#, false), ("[\"a\u{01}\"]", false), (#"["abc"#, false),
        ("[1,]", false), ("[1 2]", false), (#"{"a" 1}"#, false), (#"{"a":1,}"#, false), (#"{1:2}"#, false),
        ("tru", false),
        ("-", false), ("1e5", false), ("99999999999999999999", false), ("[1", false), (#"{"a":1"#, false), ("", false),
        ("[1] x", false), ("{}", true), ("[]", true), (#""\u00e9""#, true),
    ])
    func caveatJSONParserIsStrict(text: String, parses: Bool) {
        #expect((CaveatJSONParser.parse(text) != nil) == parses)
    }

    @Test func errorsDescribeThemselves() {
        #expect(TokenError.wrongPrefix.description == "token does not start with 'pypi-'")
        #expect(TokenError.wrongPrefix.kind == .invalidCredential)
    }
}
