import Testing

@testable import IndexHTTP

/// The XML-RPC request parser reads what Python's `xmlrpc.client` sends, and refuses everything
/// else (DOCTYPEs, entities, comments, attributes, stray text, deep nesting) without expanding it.
@Suite struct XMLRPCCallTests {
    private func parse(_ text: String) throws(XMLRPCParseError) -> XMLRPCCall {
        try XMLRPCCall(parsing: Array(text.utf8))
    }

    private func call(_ params: String, name: String = "m") -> String {
        "<?xml version='1.0'?>\n<methodCall>\n<methodName>\(name)</methodName>\n<params>\n\(params)</params>\n</methodCall>\n"
    }

    private func param(_ value: String) -> String {
        "<param>\n<value>\(value)</value>\n</param>\n"
    }

    @Test func readsWhatPythonsClientSends() throws {
        // xmlrpc.client.dumps((5,), "changelog_since_serial"), byte for byte.
        let body = call(param("<int>5</int>"), name: "changelog_since_serial")
        #expect(try parse(body) == XMLRPCCall(methodName: "changelog_since_serial", params: [.int(5)]))
        #expect(try parse(call("", name: "changelog_last_serial")) == XMLRPCCall(methodName: "changelog_last_serial"))
        #expect(
            try parse("<methodCall><methodName>list_packages_with_serial</methodName></methodCall>")
                == XMLRPCCall(methodName: "list_packages_with_serial"))
        #expect(try parse("<methodCall><methodName>a.b</methodName><params/></methodCall>").methodName == "a.b")
    }

    @Test func readsEveryValueType() throws {
        let values = [
            "<i4>-7</i4>", "<i8>9000000000</i8>", "<int> +3 </int>", "<boolean>1</boolean>", "<boolean>0</boolean>",
            "<double>-1.5e3</double>", "<string>a &lt;b&gt; &amp; &quot;c&apos; &#65;&#x42;</string>", "bare text",
            "", "<string/>", "<nil/>", "<base64>aGk=</base64>",
            "<dateTime.iso8601>20260101T00:00:00</dateTime.iso8601>",
            "<array><data><value><int>1</int></value><value>x</value></data></array>",
            "<struct><member><name>k</name><value><nil/></value></member></struct>", "<array/>", "<struct/>",
        ]
        let parsed = try parse(call(values.map(param).joined()))
        #expect(
            parsed.params == [
                .int(-7), .int(9_000_000_000), .int(3), .bool(true), .bool(false), .double(-1500),
                .string("a <b> & \"c' AB"), .string("bare text"), .string(""), .string(""), .null, .base64("aGk="),
                .dateTime("20260101T00:00:00"), .array([.int(1), .string("x")]),
                .struct([.init(name: "k", value: .null)]), .array([]), .struct([]),
            ])
        #expect(try parse(call("<param><value/></param>")).params == [.string("")])
    }

    @Test func normalizesLineEndsButKeepsAReferencedCarriageReturn() throws {
        #expect(try parse(call(param("<string>a\r\nb\rc&#13;</string>"))).params == [.string("a\nb\nc\r")])
    }

    @Test func acceptsAByteOrderMarkAndTheDeclarationsPythonWrites() throws {
        #expect(try parse("\u{FEFF}<methodCall><methodName>m</methodName></methodCall>").methodName == "m")
        let latin = "<?xml version='1.0' encoding='iso-8859-1'?><methodCall><methodName>m</methodName></methodCall>"
        #expect(try parse(latin).methodName == "m")
        let utf8 =
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><methodCall><methodName>é</methodName></methodCall>"
        #expect(try parse(utf8).methodName == "é")
    }

    @Test func refusesDeclarationsSoNoEntityIsEverExpanded() {
        let laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <methodCall><methodName>&lol2;</methodName></methodCall>
            """
        #expect(throws: XMLRPCParseError.markupDeclaration) { try parse(laughs) }
        let xxe = """
            <?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <methodCall><methodName>&xxe;</methodName></methodCall>
            """
        #expect(throws: XMLRPCParseError.markupDeclaration) { try parse(xxe) }
        #expect(throws: XMLRPCParseError.markupDeclaration) {
            try parse("<methodCall><!-- c --><methodName>m</methodName></methodCall>")
        }
        #expect(throws: XMLRPCParseError.markupDeclaration) {
            try parse(call(param("<string><![CDATA[x]]></string>")))
        }
        #expect(throws: XMLRPCParseError.undefinedEntity) {
            try parse("<methodCall><methodName>&xxe;</methodName></methodCall>")
        }
        #expect(throws: XMLRPCParseError.processingInstruction) {
            try parse("<?xml-stylesheet href='x'?><methodCall><methodName>m</methodName></methodCall>")
        }
        #expect(throws: XMLRPCParseError.processingInstruction) {
            try parse("<methodCall><?php ?><methodName>m</methodName></methodCall>")
        }
    }

    @Test func refusesWhatIsNotWellFormedXMLRPC() {
        let bodies = [
            "", "   ", "<methodCall>", "<methodCall><methodName>m</methodName>",
            "<methodCall><methodName>m</methodName></methodCall>trailing",
            "<methodCall><methodName>m</methodName></methodCall><methodCall/>",
            "<methodCall id='1'><methodName>m</methodName></methodCall>",
            "<methodCall><methodName>m</methodName><params>x</params></methodCall>",
            "<methodCall><methodName>m</methodName></methodcall>", "<methodCall/>",
            "<methodCall><params/></methodCall>", "<methodResponse><params/></methodResponse>",
            "<methodCall><methodName><b/></methodName></methodCall>",
            "<methodCall><methodName>a & b</methodName></methodCall>",
            "<methodCall><methodName>a ]]> b</methodName></methodCall>", "< methodCall/>",
            call(param("<boolean>2</boolean>")), call(param("<boolean>true</boolean>")), call(param("<int>1.5</int>")),
            call(param("<int></int>")), call(param("<int>0x10</int>")), call(param("<double>nan</double>")),
            call(param("<double>inf</double>")), call(param("<nil>x</nil>")), call(param("<float>1</float>")),
            call(param("x<int>1</int>")), call(param("<int>1</int><int>2</int>")), call(param("<int>1</int>x")),
            call(param("<struct><member><value>1</value><name>k</name></member></struct>")),
            call(param("<array><value>1</value></array>")), call("<value>1</value>"),
            "<?xml version='2.0'?><methodCall><methodName>m</methodName></methodCall>",
            "<?xml encoding='utf-8' version='1.0'?><methodCall><methodName>m</methodName></methodCall>",
        ]
        for body in bodies {
            #expect(throws: XMLRPCParseError.self, "\(body)") { try parse(body) }
        }
        #expect(throws: XMLRPCParseError.numberOutOfRange) { try parse(call(param("<i8>9223372036854775808</i8>"))) }
    }

    @Test func refusesCharactersXMLCannotCarry() {
        #expect(throws: XMLRPCParseError.encoding) { try XMLRPCCall(parsing: [0x3C, 0xFF, 0xFE]) }
        #expect(throws: XMLRPCParseError.invalidCharacter) { try parse(call(param("<string>\u{1}</string>"))) }
        #expect(throws: XMLRPCParseError.invalidCharacter) { try parse(call(param("<string>&#0;</string>"))) }
        #expect(throws: XMLRPCParseError.invalidCharacter) { try parse(call(param("<string>&#xD800;</string>"))) }
        #expect(throws: XMLRPCParseError.invalidCharacter) { try parse(call(param("<string>&#x+41;</string>"))) }
        #expect(throws: XMLRPCParseError.encoding) {
            try parse("<?xml version='1.0' encoding='iso-8859-1'?><methodCall><methodName>é</methodName></methodCall>")
        }
        #expect(throws: XMLRPCParseError.encoding) {
            try parse("<?xml version='1.0' encoding='utf-16'?><methodCall><methodName>m</methodName></methodCall>")
        }
    }

    @Test func boundsTheNestingDepth() throws {
        func nested(_ depth: Int) -> String {
            String(repeating: "<array><data><value>", count: depth) + "<int>1</int>"
                + String(repeating: "</value></data></array>", count: depth)
        }
        #expect(try parse(call(param(nested(XMLRPCCall.maximumDepth - 1)))).params.count == 1)
        #expect(throws: XMLRPCParseError.tooDeep) { try parse(call(param(nested(XMLRPCCall.maximumDepth)))) }
        #expect(throws: XMLRPCParseError.tooDeep) { try parse(call(param(nested(10_000)))) }
    }

    @Test func writesResponsesAsPythonsClientReadsThem() {
        let value = XMLRPCValue.array([
            .string("a<b>&c\r\u{1}\u{FFFE}é"), .string(nil), .int(5), .int(1 << 40), .bool(true),
            .struct([.init(name: "k&", value: .int(-1))]),
        ])
        let text = String(decoding: XMLRPCResponse.success(value), as: UTF8.self)
        #expect(
            text == """
                <?xml version='1.0'?>
                <methodResponse>
                <params>
                <param>
                <value><array><data>
                <value><string>a&lt;b&gt;&amp;c&#13;é</string></value>
                <value><nil/></value>
                <value><int>5</int></value>
                <value><i8>1099511627776</i8></value>
                <value><boolean>1</boolean></value>
                <value><struct>
                <member>
                <name>k&amp;</name>
                <value><int>-1</int></value>
                </member>
                </struct></value>
                </data></array></value>
                </param>
                </params>
                </methodResponse>

                """)
        let fault = String(decoding: XMLRPCResponse.fault(.methodNotFound), as: UTF8.self)
        #expect(fault.contains("<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n<value><int>-32601</int>"))
        #expect(fault.contains("<name>faultString</name>\n<value><string>server error; requested method not found"))
    }
}
