import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's core context plus the client's address
/// (rate limits and the security log key on it).
public struct IndexRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's address, when the channel has one.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address as text ("" when unknown).
    public var clientIP: String { remoteAddress?.ipAddress ?? "" }
}
