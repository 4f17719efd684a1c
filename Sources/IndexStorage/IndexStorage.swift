// The local file-system blob store lives here (FileSystemBlobStore).
