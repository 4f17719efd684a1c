import IndexCore

extension IndexStoreContract {
    static func journal(_ store: any IndexStore) async throws {
        let (project, _) = try await projectWithRelease(store)
        try await expect(store.maxSerial() == 0, "an empty journal has serial 0")
        let serials = try await store.write { tx in
            [
                try await tx.appendJournal(
                    normalizedName: "demo", projectName: "Demo", version: nil, action: "create", time: t0,
                    actor: "alice"),
                try await tx.appendJournal(
                    normalizedName: "demo", projectName: "Demo", version: "1.0", action: "new release", time: t0,
                    actor: "alice"),
            ]
        }
        try expect(serials.count == 2 && serials[0] < serials[1], "serials increase")
        try await expect(store.project(normalizedName: "demo")?.lastSerial == serials[1], "lastSerial is bumped")
        try await expect(store.maxSerial() == serials[1], "maxSerial is the last serial")
        let entries = try await store.journal(after: 0, limit: 10)
        try expect(entries.map(\.action) == ["create", "new release"], "entries in order")
        try expect(
            entries[1]
                == JournalEntry(
                    serial: serials[1], projectName: "Demo", version: "1.0", action: "new release", time: t0,
                    actor: "alice"), "entry fields")
        try await expect(store.journal(after: serials[0], limit: 10).map(\.serial) == [serials[1]], "after a serial")
        try await expect(store.journal(after: 0, limit: 1).count == 1, "limit")
        try await store.write { tx in try await tx.deleteProject(id: project.id) }
        let later = try await store.write { tx in
            try await tx.appendJournal(
                normalizedName: "demo", projectName: "Demo", version: nil, action: "remove project", time: t0,
                actor: nil)
        }
        try expect(later > serials[1], "serials keep increasing after a delete")
    }

    static func usersTokensRoles(_ store: any IndexStore) async throws {
        let (project, _) = try await projectWithRelease(store)
        let (alice, bob) = try await store.write { tx in
            (
                try await tx.createUser(username: "alice", email: "a@example.org", passwordHash: "$x$1", created: t0),
                try await tx.createUser(username: "bob", email: "b@example.org", passwordHash: "$x$2", created: t0)
            )
        }
        try await expect(store.user(username: "alice") == alice, "user by name")
        try await expect(store.user(id: bob.id) == bob, "user by id")
        try await expect(store.user(username: "carol") == nil, "unknown user")
        try await expectConflict(.username("alice")) {
            _ = try await store.write { tx in
                try await tx.createUser(username: "alice", email: "x@example.org", passwordHash: "", created: t0)
            }
        }
        let token = APIToken(
            id: TokenID("tok1"), userID: alice.id, description: "ci", rootKey: String(repeating: "d", count: 64),
            projects: ["demo"], expires: Timestamp(secondsSinceEpoch: 2e9), created: t0)
        try await store.write { tx in try await tx.createToken(token) }
        try await expect(store.token(id: token.id) == token, "token reads back")
        try await expectConflict(.token("tok1")) { try await store.write { tx in try await tx.createToken(token) } }
        let used = Timestamp(secondsSinceEpoch: t0.secondsSinceEpoch + 5)
        try await store.write { tx in try await tx.recordTokenUse(id: token.id, at: used) }
        try await expect(store.token(id: token.id)?.lastUsed == used, "last use is stored")
        try await store.write { tx in try await tx.deleteToken(id: token.id) }
        try await expect(store.token(id: token.id) == nil, "deleted token is gone")
        try await store.write { tx in
            try await tx.addRole(Role(userID: bob.id, projectID: project.id, kind: .maintainer))
            try await tx.addRole(Role(userID: alice.id, projectID: project.id, kind: .owner))
        }
        try await expect(
            store.roles(projectID: project.id).map(\.kind) == [.owner, .maintainer], "roles ordered by user id")
        try await expectConflict(.role) {
            try await store.write { tx in
                try await tx.addRole(Role(userID: bob.id, projectID: project.id, kind: .owner))
            }
        }
    }

    static func concurrentWrites(_ store: any IndexStore) async throws {
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    do {
                        _ = try await store.write { tx in
                            if try await tx.project(normalizedName: "race") == nil {
                                _ = try await tx.createProject(name: "Race", normalizedName: "race", created: t0)
                            }
                            return try await tx.appendJournal(
                                normalizedName: "race", projectName: "Race", version: nil, action: "touch", time: t0,
                                actor: nil)
                        }
                        return true
                    } catch {
                        return false
                    }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        try await expect(store.projects().count == 1, "one project created by racing writers")
        let serials = try await store.journal(after: 0, limit: 100).map(\.serial)
        try expect(serials.count == outcomes.filter { $0 }.count, "one journal entry per committed writer")
        try expect(Set(serials).count == serials.count && serials == serials.sorted(), "serials are distinct, ordered")
    }
}
