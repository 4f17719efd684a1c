/// A project's security log, for its Owners (Warehouse's project "Security history").
public struct ProjectEvents: Sendable {
    let store: any IndexStore

    /// Creates the use case on its port.
    public init(store: any IndexStore) {
        self.store = store
    }

    /// The newest `limit` events of `project`, if `actor` is one of its Owners.
    public func callAsFunction(project name: String, by actor: User, limit: Int = 100) async throws -> [SecurityEvent] {
        let managed = try await ManagedProject.load(
            name, store: store, actor: actor, allowed: [.owner], action: "see the security history")
        return try await store.events(project: managed.project.normalizedName, limit: limit)
    }
}
