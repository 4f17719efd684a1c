import IndexCore

extension IndexStoreContract {
    static func subscription(
        _ project: Project?, url: String, events: Set<WebhookEvent>, afterSerial: Int64 = 0
    ) -> WebhookSubscription {
        WebhookSubscription(
            id: 0, projectID: project?.id, normalizedName: project?.normalizedName, url: url,
            secret: "s3cr3t-\(url.count)", events: events, created: t0, createdBy: "alice", afterSerial: afterSerial)
    }

    static func delivery(_ id: Int64, _ index: Int, status: Int? = 200) -> WebhookDelivery {
        WebhookDelivery(
            subscriptionID: id, deliveryID: "d\(index)", event: .fileUploaded, time: at(Double(index)), attempt: 1,
            statusCode: status, error: status == nil ? "refused" : nil, duration: 0.25)
    }

    /// Subscriptions read back by id, project and instance; delivery logs newest first, kept
    /// to their bound, gone with their subscription.
    static func webhooks(_ store: any IndexStore) async throws {
        let (project, _) = try await projectWithRelease(store, name: "Hooked")
        let mine = try await store.createWebhook(
            subscription(
                project, url: "https://hooks.example/a", events: [.releasePublished, .fileUploaded], afterSerial: 7))
        let everywhere = try await store.createWebhook(
            subscription(nil, url: "http://hooks.example/all", events: Set(WebhookEvent.allCases)))
        try expect(mine.id != everywhere.id, "ids differ")
        let read = try await store.webhook(id: mine.id)
        try expect(read == mine, "a subscription reads back: \(String(describing: read))")
        try await expect(store.webhooks(normalizedName: "hooked").map(\.id) == [mine.id], "the project's")
        try await expect(store.webhooks(normalizedName: nil).map(\.id) == [everywhere.id], "the instance's")
        try await expect(store.webhooks(normalizedName: "other").isEmpty, "none for another project")
        try await expect(
            store.webhook(id: everywhere.id)?.events == Set(WebhookEvent.allCases), "every event reads back")

        for index in 1...7 {
            try await store.recordWebhookDelivery(delivery(mine.id, index, status: index == 3 ? nil : 200), keeping: 5)
        }
        try await store.recordWebhookDelivery(delivery(everywhere.id, 100), keeping: 5)
        let log = try await store.webhookDeliveries(subscriptionID: mine.id, limit: 100)
        try expect(
            log.map(\.deliveryID) == ["d7", "d6", "d5", "d4", "d3"],
            "the newest 5, newest first: \(log.map(\.deliveryID))")
        try expect(log.last?.statusCode == nil && log.last?.error == "refused", "a failed attempt reads back")
        try expect(log.first == delivery(mine.id, 7), "an attempt reads back: \(String(describing: log.first))")
        try await expect(
            store.webhookDeliveries(subscriptionID: mine.id, limit: 2).map(\.deliveryID) == ["d7", "d6"], "a limit")
        try await expect(
            store.webhookDeliveries(subscriptionID: everywhere.id, limit: 10).count == 1, "logs are per subscription")

        try await store.deleteWebhook(id: mine.id)
        try await expect(store.webhook(id: mine.id) == nil, "a deleted subscription is gone")
        try await expect(store.webhookDeliveries(subscriptionID: mine.id, limit: 10).isEmpty, "with its log")
        try await store.recordWebhookDelivery(delivery(mine.id, 8), keeping: 5)
        try await expect(
            store.webhookDeliveries(subscriptionID: mine.id, limit: 10).isEmpty, "no log for a deleted subscription")
        try await store.deleteWebhook(id: mine.id)
    }

    /// Journal entries become webhook jobs once each, for the subscriptions that want them,
    /// with followers on many tasks (nodes) while writers append.
    static func webhooksFollowTheJournal(_ store: any IndexStore) async throws {
        let (project, _) = try await projectWithRelease(store, name: "Watched")
        let uploads = try await store.createWebhook(
            subscription(project, url: "https://a.example/", events: [.fileUploaded]))
        let yanks = try await store.createWebhook(
            subscription(nil, url: "https://b.example/", events: [.releaseYanked]))
        func append(_ action: String, version: String? = "1.0") async throws {
            _ = try await store.write { transaction in
                try await transaction.appendJournal(
                    normalizedName: "watched", projectName: "Watched", version: version, action: action, time: t0,
                    actor: "alice")
            }
        }
        try await append("create", version: nil)
        let follower = WebhookJobs(
            store: store, clock: FixedClock(t0), random: SeededRandom(seed: 1), baseURL: "http://x")
        try await expect(follower.follow() == 0, "the first follow starts at the newest serial")
        let followed = try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                for index in 1...10 {
                    try await append("add py3 file watched-\(index).whl")
                    if index % 5 == 0 { try await append("yank release") }
                }
                return 0
            }
            for _ in 0..<3 {
                group.addTask {
                    var total = 0
                    for _ in 0..<10 { total += try await follower.follow(limit: 3) }
                    return total
                }
            }
            var total = try await group.reduce(0, +)
            while true {
                let more = try await follower.follow(limit: 3)
                if more == 0 { return total }
                total += more
            }
        }
        try expect(followed == 12, "each of 12 entries followed once: \(followed)")
        var bySubscription: [Int64: [String]] = [:]
        while let job = try await store.claim(now: t0, lease: 60) {
            try expect(job.job.kind == WebhookJobs.kind, "a webhook job")
            let lines = job.job.payload.split(separator: "\n", maxSplits: 3).map(String.init)
            bySubscription[Int64(lines[0]) ?? 0, default: []].append(lines[2])
            try await store.complete(job.id)
        }
        try expect(bySubscription[uploads.id]?.count == 10, "ten uploads: \(bySubscription[uploads.id] ?? [])")
        try expect(
            bySubscription[uploads.id]?.allSatisfy { $0 == "file.uploaded" } == true, "only what it wants")
        try expect(bySubscription[yanks.id] == ["release.yanked", "release.yanked"], "two yanks, instance-wide")
    }
}
