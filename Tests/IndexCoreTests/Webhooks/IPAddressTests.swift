import Testing

@testable import IndexCore

/// The SSRF guard's address classification: only global addresses pass.
@Suite struct IPAddressTests {
    static let cases: [(String, AddressScope)] = [
        ("8.8.8.8", .global),
        ("93.184.216.34", .global),
        ("1.1.1.1", .global),
        ("0.0.0.0", .unspecified),
        ("0.1.2.3", .reserved),
        ("127.0.0.1", .loopback),
        ("127.255.255.254", .loopback),
        ("10.0.0.1", .privateNetwork),
        ("172.16.0.1", .privateNetwork),
        ("172.31.255.255", .privateNetwork),
        ("172.32.0.1", .global),
        ("192.168.1.1", .privateNetwork),
        ("100.64.0.1", .privateNetwork),
        ("100.128.0.1", .global),
        ("169.254.169.254", .linkLocal),
        ("224.0.0.1", .multicast),
        ("239.255.255.250", .multicast),
        ("240.0.0.1", .reserved),
        ("255.255.255.255", .reserved),
        ("192.0.2.10", .reserved),
        ("198.51.100.7", .reserved),
        ("203.0.113.9", .reserved),
        ("198.18.0.1", .reserved),
        ("::", .unspecified),
        ("::1", .loopback),
        ("0:0:0:0:0:0:0:1", .loopback),
        ("::ffff:127.0.0.1", .loopback),
        ("::ffff:7f00:1", .loopback),
        ("::ffff:10.1.2.3", .privateNetwork),
        ("::ffff:169.254.169.254", .linkLocal),
        ("::ffff:8.8.8.8", .global),
        ("::127.0.0.1", .loopback),
        ("64:ff9b::10.0.0.1", .privateNetwork),
        ("64:ff9b::8.8.4.4", .global),
        ("2002:7f00:1::", .loopback),
        ("2002:0808:0808::1", .global),
        ("fe80::1", .linkLocal),
        ("febf::1", .linkLocal),
        ("fec0::1", .privateNetwork),
        ("fc00::1", .privateNetwork),
        ("fd12:3456:789a::1", .privateNetwork),
        ("ff02::1", .multicast),
        ("ff05::2", .multicast),
        ("2001:db8::1", .reserved),
        ("2001:0:4136:e378::1", .reserved),
        ("100::1", .reserved),
        ("2606:4700:4700::1111", .global),
        ("2a00:1450:4001:82a::200e", .global),
        ("4000::1", .reserved),
    ]

    @Test(arguments: cases)
    func classifies(_ text: String, _ scope: AddressScope) throws {
        let address = try #require(IPAddress(text), "\(text) parses")
        #expect(address.scope == scope, "\(text)")
    }

    @Test(arguments: [
        "", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1.2.3.-4", "127.1", "2130706433", "0x7f.0.0.1",
        "localhost", "::1::", "1:2:3:4:5:6:7:8:9", "12345::", "g::1", ":1", "1:", "[::1]", "fe80::1%eth0",
        "::ffff:1.2.3", "1:2:3:4:5:6:7:1.2.3.4",
    ])
    func refusesWhatIsNotAStrictLiteral(_ text: String) {
        #expect(IPAddress(text) == nil, "\(text)")
    }

    @Test func parsesCompressedFormsToTheSameBytes() throws {
        #expect(IPAddress("::1") == IPAddress("0:0:0:0:0:0:0:1"))
        #expect(IPAddress("2001:db8::") == IPAddress("2001:db8:0:0:0:0:0:0"))
        #expect(IPAddress("::ffff:127.0.0.1") == IPAddress("::ffff:7f00:0001"))
        #expect(try #require(IPAddress("::ffff:127.0.0.1")).embeddedIPv4 == IPAddress("127.0.0.1"))
        #expect(IPAddress("1:2:3:4:5:6:1.2.3.4")?.bytes.count == 16)
        #expect(IPAddress("10.0.0.1")?.description == "10.0.0.1")
        #expect(IPAddress("2001:db8::1")?.description == "2001:db8:0:0:0:0:0:1")
    }
}
