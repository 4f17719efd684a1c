import Foundation
import IndexCore
import Testing

@testable import IndexStorage

@Suite struct KeySafetyTests {
    static let unsafeKeys: [BlobKey] = [
        BlobKey(blake2b256: "abcdef", filename: "../../../../etc/passwd"),
        BlobKey(blake2b256: "abcdef", filename: "/etc/passwd"),
        BlobKey(blake2b256: "abcdef", filename: ""),
        BlobKey(blake2b256: "abcdef", filename: "."),
        BlobKey(blake2b256: "abcdef", filename: "x/./y.whl"),
        BlobKey(blake2b256: "abcdef", filename: "..\\x.whl"),
        BlobKey(blake2b256: "abcdef", filename: "C:\\x.whl"),
        BlobKey(blake2b256: "abcdef", filename: "a\u{0}b.whl"),
        BlobKey(blake2b256: "abcdef", filename: "a\nb.whl"),
        BlobKey(blake2b256: "abcdef", filename: "a\u{7f}b.whl"),
        BlobKey(blake2b256: "abcdef", filename: String(repeating: "a", count: 256)),
        BlobKey(blake2b256: "....", filename: "x.whl"),
        BlobKey(blake2b256: "/etc", filename: "passwd"),
        BlobKey(blake2b256: "abcdef", filename: "../x").metadataKey,
    ]

    @Test(arguments: unsafeKeys)
    func unsafeKeysAreRefusedEverywhereAndNothingIsWritten(key: BlobKey) async throws {
        try await withTemporaryDirectory { directory in
            let store = try FileSystemBlobStore(root: directory + "/files")
            let blob = try await store.staged([1, 2, 3])
            await #expect(throws: BlobStoreError.unsafeKey(key)) { try await store.commit(blob, as: key) }
            await #expect(throws: BlobStoreError.unsafeKey(key)) { _ = try await store.size(of: key) }
            await #expect(throws: BlobStoreError.unsafeKey(key)) { _ = try await store.read(key, range: nil) }
            await #expect(throws: BlobStoreError.unsafeKey(key)) { try await store.delete(key) }
            #expect(store.localPath(of: key) == nil, "no file to send either")
            await blob.discard()
            #expect(try names(in: directory) == ["files"])
            #expect(try names(in: directory + "/files") == ["packages", "staging"])
            #expect(try names(in: directory + "/files/packages").isEmpty)
        }
    }

    @Test(arguments: ["demo-1.0.tar.gz", "x..y-1.0-py3-none-any.whl", "..demo", ".hidden", "é.whl"])
    func ordinaryFilenamesAreAccepted(filename: String) async throws {
        try await withTemporaryStore { store in
            let key = BlobKey(blake2b256: String(repeating: "0f", count: 32), filename: filename)
            try await store.store([42], as: key)
            #expect(try await store.contents(of: key) == [42])
            let path = try #require(store.localPath(of: key))
            #expect(path == store.root + "/packages/" + key.path)
            #expect(FileManager.default.contents(atPath: path) == Data([42]), "the file the fast path sends")
        }
    }

    @Test func theErrorMessageHidesControlCharacters() {
        let key = BlobKey(blake2b256: "abcdef", filename: "a\nb")
        #expect(BlobStoreError.unsafeKey(key).message == "The key 'ab/cd/ef/a?b' is not a safe relative path.")
    }
}
