/// Warehouse puts a refusal's message in the status line (`400 File already exists ...`), and
/// twine shows that line. NIO writes the standard phrase for a known code and the HTTP types
/// conversion before it drops a custom one, so the phrase travels in this internal header, which
/// ``FastReadHandler``, next to NIO's HTTP/1 encoder, moves into the status line. Never sent.
enum ReasonPhrase {
    static let header = "x-cheeseshop-reason-phrase"
}
