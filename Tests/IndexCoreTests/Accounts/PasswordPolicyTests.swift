import IndexCore
import Testing

@Suite struct PasswordPolicyTests {
    let policy = PasswordPolicy()

    @Test(arguments: [
        ("short1!", PasswordPolicyError.tooShort), (String(repeating: "x9", count: 2049), .tooLong),
        ("abc\0defghij", .nullByte), ("password", .tooEasilyGuessed), ("Password123!", .tooEasilyGuessed),
        ("janedoe-rocks", .tooEasilyGuessed), ("xx-jdoe.mail-xx", .tooEasilyGuessed),
        ("aaaabbbbaaaa", .tooEasilyGuessed),
        ("8675309123", .tooEasilyGuessed), ("qwertyuiop", .tooEasilyGuessed), ("abcdefghij", .tooEasilyGuessed),
        ("0987654321x", .tooEasilyGuessed), ("letmein!!", .tooEasilyGuessed),
    ])
    func weakPasswordsAreRefused(password: String, error: PasswordPolicyError) {
        #expect(throws: error) {
            try policy.check(password, username: "JaneDoe", email: "jdoe.mail@example.com")
        }
    }

    @Test(arguments: ["correct horse battery staple", "Tr0ub4dor&3x", "q7#Lm2!vZp", "cheese-on-toast-42"])
    func reasonablePasswordsPass(password: String) throws {
        try policy.check(password, username: "JaneDoe", email: "jdoe.mail@example.com")
    }
}
