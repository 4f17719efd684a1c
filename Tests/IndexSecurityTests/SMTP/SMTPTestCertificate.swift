import NIOSSL

/// A self-signed certificate for `localhost` and `127.0.0.1` (valid until 2126) and its key,
/// made once with `openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj /CN=localhost
/// -addext subjectAltName=DNS:localhost,IP:127.0.0.1`; for the STARTTLS tests only.
enum SMTPTestCertificate {
    static let certificatePEM = """
        -----BEGIN CERTIFICATE-----
        MIIDJzCCAg+gAwIBAgIUUDF94DgD6B3naiiyJ5N8kYeK3QUwDQYJKoZIhvcNAQEL
        BQAwFDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyMTE1MDY1M1oYDzIxMjYx
        MDI4MTUwNjUzWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwggEiMA0GCSqGSIb3DQEB
        AQUAA4IBDwAwggEKAoIBAQCWgZnl7OZoX+Rze6K1mscTBBQITxhCY0+Sy3hLCkZg
        n3DNGXNnC6+oMbPx1L3nLdsbv3oPYqcpWw0HFlpYhdcUbTuPhcRxOdVCqF3TTBlC
        Y+Ux+XIFrk/I6IpNq+JBVmuQXki/46bhO5JNtJAS6nPN5U/xj2YkMVvfaDTtwudY
        1cY63KIoRcFIi8PO4QKFQ/7/H+ArqSkewjm8n7xTFfa1lm9xQDxX/FhaQT9qnZTN
        Lh7Kl/NywoZ+UBy7JGCGcTTPr+aI2ANXAsUjbPmcoxHN+PWYuDwcStDE9a9KMmof
        tiFIkEU54d4FqpO8LY5x9FPAYiSVKfNr/7MwCdTTeGDNAgMBAAGjbzBtMB0GA1Ud
        DgQWBBSNCCZ7GeW1JXBCsvAx3oigqnLnTjAfBgNVHSMEGDAWgBSNCCZ7GeW1JXBC
        svAx3oigqnLnTjAPBgNVHRMBAf8EBTADAQH/MBoGA1UdEQQTMBGCCWxvY2FsaG9z
        dIcEfwAAATANBgkqhkiG9w0BAQsFAAOCAQEAF/g0RTkLDuP/rMFPAWnT9sSPV7jO
        ArHEP6gbKoSVhMP7eJfKVKSeTR06DMgpxbIEVm56H0CujAE/+YQFihSWzubv0Gt9
        A4b7KOVpzXiMUWvifEWQGs6c4E5ZLaz9Fi4Qua+vUdfcgZm9ZTGSAmbc73x0T1t7
        DyvikyJax9Us4yyovpBE6d6S9tqvVbFlzrTYOPhpzSaijlwGYojdooUXgVu2wesT
        X9uP1MRVKhEm3quilwW5+9/WcMM5e0wXtCCxZBQMU4GFe4YlJArDXvHMX9qQaauG
        A/t3lIsVlts2cNKcuWA8MF4+445WjXEr8hcv/BdzCOaJWqxie//eYvHRXQ==
        -----END CERTIFICATE-----
        """

    static let privateKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCWgZnl7OZoX+Rz
        e6K1mscTBBQITxhCY0+Sy3hLCkZgn3DNGXNnC6+oMbPx1L3nLdsbv3oPYqcpWw0H
        FlpYhdcUbTuPhcRxOdVCqF3TTBlCY+Ux+XIFrk/I6IpNq+JBVmuQXki/46bhO5JN
        tJAS6nPN5U/xj2YkMVvfaDTtwudY1cY63KIoRcFIi8PO4QKFQ/7/H+ArqSkewjm8
        n7xTFfa1lm9xQDxX/FhaQT9qnZTNLh7Kl/NywoZ+UBy7JGCGcTTPr+aI2ANXAsUj
        bPmcoxHN+PWYuDwcStDE9a9KMmoftiFIkEU54d4FqpO8LY5x9FPAYiSVKfNr/7Mw
        CdTTeGDNAgMBAAECggEAFcKOoODHrjsBAVZUf7utQRlTmSDwYbbQjCl5TqYhZzpe
        GXUuy2zz3FY1TUdEHo6xcVlVeTB6+R52K3pmnQpavpQNarJ9JJ6nL/A+Qnyr4T6m
        pjtJqjsZw3MlfdXWTDqFqjWLgJzWJZXSkQQEWYvGqvPWw1bHfn+ZaBs9ncuSXbQv
        5LDbOZMgRS6IBVnnaf45tH10yaPD0Zxe4jgwCH0fR3HoRen0VmE3oF9nFauUCwCM
        RxsH1CMXzRPCuQ3Zow2XbFWqBmWT0nNphl7JoV3UYp86yNIL9OE4Xo639OwH4hDE
        eYw2Km2tE1kR5ahpBb+CWQAQjf5wZbjT+/PfNHjo0QKBgQDHjytmT+K7zsAgXUzn
        HZL37a+8P9pykloZIQY7SNGAS7Jgx4VSiKRS/5U+4jnft3axezgKFBpzEz7bALzb
        y67NeO0P2kH8VNCo75xfhsqYFBqVWL0h+/azSEZHgrMjnqtSTlzqPFMMUiC3Afo+
        c+0gZ2Hh/M/zf5r9nRwWz69PcQKBgQDBEs/2RQd7j+NJeks2dZha5EKPhEmavmlX
        4/U/4cwhuYOOtjTInA5PPs1iOGKwPV6O2u7s1Is8bu+gAvja91BC0499B1Yr99W5
        PgMqZYIv/vMwXck4RD5wsbm0nS5SbE1RgU+2KHkd9VKlEkUgNQWcVqHwjdr3E9cJ
        PYeJXIPxHQKBgC5Ipmg0XwHwEd9vxEZWNaALIJcouCGakAsD/c4CNZTr+ZM4s1NR
        HcuiO5s6HPImOwEu8vBjeT73V7yzjxnrQ7+kLFdg56z+fuavrDT7rkFXaFL7IeKf
        7bfnK2WqiqHYSyPryOEK3Lge1Ded3cxeVsENOUaQvCpdjjUEG1+vC5oBAoGAbclW
        u8DQ2nAdXCDQN+1ybuyw9I7Sk82GdVXIlUS+IMcuia4OIayrbmBVxW4un+ylojHX
        /o91hS3H0IMgItLSrs1CIGRVmbbZrvYWMrt55fThMDWEQBx+LPLCmHNwbanr5VbU
        js5A4Moo7niPGhtMT3Prra/cPPbpJfX45iDXXfkCgYEAxBLSdLaLr7B55gbM9FYY
        uM4R6vkb0QvtQhQh8NoZMrQtS1RU5pK1ZSVF9qHafTPoOVmriq9NGwG3C7lVerN8
        sxaL1mQfFP2GLqJYw/qgeFwziik35BqRZ//I07lSr+ZcnKiqCBI5POIeshO96dg8
        YdedGvCJplui/HJTrR6hLBA=
        -----END PRIVATE KEY-----
        """

    /// The server side: certificate chain and key.
    static func serverContext() throws -> NIOSSLContext {
        let certificate = try NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem)
        let key = try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem)
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(certificate)], privateKey: .privateKey(key)
        )
        return try NIOSSLContext(configuration: configuration)
    }

    /// The client side: trusts only the test certificate.
    static func clientConfiguration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .certificates([
            try NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem)
        ])
        return configuration
    }
}
