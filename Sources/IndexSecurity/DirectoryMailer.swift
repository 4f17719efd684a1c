import Foundation
import IndexCore

/// A ``Mailer`` that writes each message as an RFC 5322 file into a directory (a "pickup"
/// directory, as Django's file backend or an MTA's maildrop): an operator's relay, or a
/// test, picks them up. One file per message, written to a temporary name and renamed.
public struct DirectoryMailer: Mailer {
    let directory: String
    let from: String

    /// Writes messages from `from` into `directory` (created when missing).
    public init(directory: String, from: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.directory = directory
        self.from = from
    }

    public func send(to address: String, subject: String, body: String) async throws {
        guard !address.contains("\r"), !address.contains("\n"), !subject.contains("\r"), !subject.contains("\n") else {
            throw CocoaError(.fileWriteInvalidFileName)
        }
        let message =
            "From: \(from)\r\nTo: \(address)\r\nSubject: \(subject)\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            + body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let name = "\(Int(Date().timeIntervalSince1970 * 1000))-\(UUID().uuidString).eml"
        let temporary = "\(directory)/.\(name).tmp"
        try Data(message.utf8).write(to: URL(fileURLWithPath: temporary))
        try FileManager.default.moveItem(atPath: temporary, toPath: "\(directory)/\(name)")
    }
}
