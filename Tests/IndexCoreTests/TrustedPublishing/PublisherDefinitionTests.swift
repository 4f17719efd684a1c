import IndexCore
import Testing

@Suite struct PublisherDefinitionTests {
    static let publishers: [TrustedPublisher] = [
        .github(id: "p1", .init(owner: "octo", ownerID: "42", repository: "demo", workflowFilename: "release.yml")),
        .github(
            id: "p2",
            .init(owner: "octo", ownerID: "42", repository: "demo", workflowFilename: "r.yaml", environment: "pypi"),
            issuerURL: "http://127.0.0.1:9000"),
        .gitlab(id: "p3", .init(namespace: "group/sub", project: "demo", workflowFilepath: "ci/.gitlab-ci.yml")),
        .gitlab(
            id: "p4", .init(namespace: "g", project: "d", workflowFilepath: ".gitlab-ci.yml", environment: "prod"),
            issuerURL: "https://gitlab.example"),
        TrustedPublisher(id: "p5", issuerURL: "https://ci.example", kind: .generic(.init(subject: "job:\"1\"\\é"))),
        TrustedPublisher(
            id: "p6", issuerURL: "https://ci.example",
            kind: .generic(.init(subject: "s", exactClaims: ["repo": "a/b", "ref": "refs/tags/v1"]))),
    ]

    @Test(arguments: publishers)
    func definitionRoundTripsThroughTheStoredRecord(publisher: TrustedPublisher) throws {
        let stored = StoredPublisher(
            id: publisher.id, issuer: publisher.issuerURL, projectID: nil, pendingProjectName: "demo",
            addedBy: UserID(1), definition: publisher.definition, created: Timestamp(secondsSinceEpoch: 0))
        #expect(try TrustedPublisher(stored: stored) == publisher)
        #expect(try TrustedPublisher(id: publisher.id, form: publisher.form) == publisher)
    }

    @Test func definitionIsSortedCompactJSONWithoutTheIssuer() {
        #expect(
            Self.publishers[1].definition
                == #"{"environment":"pypi","owner":"octo","owner_id":"42","provider":"github","repository":"demo","workflow_filename":"r.yaml"}"#
        )
        #expect(
            Self.publishers[5].definition
                == #"{"claims":{"ref":"refs/tags/v1","repo":"a/b"},"provider":"generic","subject":"s"}"#)
    }

    @Test(
        arguments: [
            ("not json", "The publisher definition is not a JSON object."),
            (#"{"provider":"svn"}"#, "Unknown provider 'svn': use github, gitlab or generic."),
            (
                #"{"provider":"github","owner":"o","owner_id":"1","repository":"r"}"#,
                "The field 'workflow_filename' is required."
            ),
            (
                #"{"provider":"github","owner":"o","owner_id":"1","repository":"r","workflow_filename":"a/b.yml"}"#,
                "The workflow filename must be a file name ending in .yml or .yaml."
            ),
            (
                #"{"provider":"gitlab","namespace":"n","project":"p","workflow_filepath":"/x.yml"}"#,
                "The workflow file path must be relative and end in .yml or .yaml."
            ),
            (#"{"provider":"generic","subject":"s","claims":{"a":1}}"#, "The publisher's claims must be strings."),
            (#"{"provider":"github","owner":1}"#, "The publisher field 'owner' must be a string."),
        ])
    func badDefinitionsAreRefusedWithTheReason(definition: String, message: String) {
        #expect(throws: ManageError(.invalid, message)) {
            try TrustedPublisher(id: "x", issuerURL: "https://i.example", definition: definition)
        }
    }

    @Test func genericPublisherNeedsAnIssuerAndIssuersMustBeHTTP() {
        #expect(throws: ManageError(.invalid, "A generic publisher needs an issuer URL.")) {
            try TrustedPublisher(id: "x", form: PublisherForm(provider: "generic", fields: ["subject": "s"]))
        }
        #expect(throws: ManageError(.invalid, "The issuer must be an http(s) URL.")) {
            try TrustedPublisher(
                id: "x", form: PublisherForm(provider: "generic", issuer: "file:///etc", fields: ["subject": "s"]))
        }
    }
}
