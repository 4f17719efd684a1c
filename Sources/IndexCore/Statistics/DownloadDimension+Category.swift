extension DownloadDimension {
    /// The category of `key` this dimension sums by.
    public func category(of key: DownloadKey) -> String {
        switch self {
        case .total: ""
        case .version: key.version
        case .filename: key.filename
        case .installer: key.client.installer
        case .python: key.client.python
        case .implementation: key.client.implementation
        case .system: key.client.system
        case .cpu: key.client.cpu
        }
    }
}
