import IndexCore

extension IndexStoreContract {
    /// Site roles read back; reports filter by state and project, newest first, and resolve once
    /// found; the audit log keeps its details, newest first.
    static func moderation(_ store: any IndexStore) async throws {
        let now = Timestamp(secondsSinceEpoch: 1_700_000_000.5)
        let (mod, plain) = try await store.write { tx in
            var mod = try await tx.createUser(username: "mod", email: "m@example.org", passwordHash: "", created: now)
            mod.siteRole = .moderator
            try await tx.updateUser(mod)
            let plain = try await tx.createUser(
                username: "plain", email: "p@example.org", passwordHash: "", created: now)
            return (mod, plain)
        }
        try expect(try await store.user(username: "mod")?.siteRole == .moderator, "the site role reads back")
        try expect(try await store.user(username: "plain")?.siteRole == SiteRole.none, "no role by default")
        try expect(try await store.staff().map(\.username) == ["mod"], "staff: accounts with a role")
        func report(_ project: String, _ summary: String) -> Observation {
            Observation(
                project: project, projectName: project.uppercased(), kind: .malware, summary: summary,
                inspectorURL: "https://example.org/\(project)", reporterID: plain.id, reporter: "plain", created: now)
        }
        let first = try await store.write { tx in try await tx.addObservation(report("one", "first")) }
        let second = try await store.write { tx in try await tx.addObservation(report("two", "second ünïcode")) }
        try expect(second > first, "report ids increase")
        let open = try await store.observations(open: true, limit: 10)
        try expect(open.map(\.id) == [second, first], "open reports, newest first: \(open)")
        var expected = report("two", "second ünïcode")
        expected.id = second
        try expect(open.first == expected, "a report reads back whole: \(open)")
        try await store.write { tx in
            try await tx.resolveObservation(id: first, resolution: .dismissed, by: mod.username, at: now)
        }
        try expect(try await store.observations(open: true, limit: 10).map(\.id) == [second], "open after resolving")
        let resolved = try await store.observations(open: false, limit: 10)
        try expect(
            resolved.count == 1 && resolved[0].resolution == .dismissed && resolved[0].resolvedBy == "mod"
                && resolved[0].resolved == now, "the resolution reads back: \(resolved)")
        try expect(try await store.observations(open: nil, limit: 1).map(\.id) == [second], "the limit applies")
        try expect(try await store.observations(project: "one", limit: 10).map(\.id) == [first], "by project")
        try expect(try await store.observation(id: 99_999) == nil, "an unknown report")
        do {
            try await store.write { tx in
                try await tx.resolveObservation(id: 99_999, resolution: .actioned, by: "mod", at: now)
            }
            try expect(false, "resolving an unknown report is not found")
        } catch IndexStoreError.notFound {}
        for action in ["user:freeze", "flag:set"] {
            try await store.write { tx in
                try await tx.appendAdminLog(
                    AdminLogEntry(time: now, actor: "mod", action: action, target: "x", details: ["value": "on \"q\""]))
            }
        }
        let log = try await store.adminLog(limit: 10)
        try expect(log.map(\.action) == ["flag:set", "user:freeze"], "the audit log, newest first: \(log)")
        try expect(log[0].details == ["value": "on \"q\""] && log[0].time == now && log[0].actor == "mod", "\(log)")
    }
}
