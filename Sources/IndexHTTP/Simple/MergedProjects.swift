import IndexCore
import Synchronization

/// The hosted projects whose Owners allowed merging with upstream (``UpstreamMerge``), read from
/// the database again whenever the read model applied a journal entry (turning it on or off
/// writes one).
final class MergedProjects: Sendable {
    private let known = Mutex<(generation: UInt64, names: Set<String>)?>(nil)

    func contains(_ name: String, model: ReadModel, store: any IndexStore) async throws -> Bool {
        await model.refreshIfDue()
        let generation = model.generation
        if let cached = known.withLock({ $0 }), cached.generation == generation { return cached.names.contains(name) }
        let names = UpstreamMerge.names(try await store.setting(UpstreamMerge.settingName))
        known.withLock { $0 = (generation, names) }
        return names.contains(name)
    }
}
