import IndexCore

extension IndexStoreContract {
    /// Users' security fields, e-mail look-up, sessions and recovery codes.
    static func accountSecurity(_ store: any IndexStore) async throws {
        let alice = try await store.write { tx in
            try await tx.createUser(username: "alice", email: "Alice@Example.org", passwordHash: "$x$1", created: t0)
        }
        try expect(!alice.emailVerified && alice.origin == .administrator && !alice.hasTwoFactor, "new user defaults")
        var changed = alice
        changed.emailVerified = true
        changed.origin = .web
        changed.totpSecret = "JBSWY3DPEHPK3PXP"
        changed.totpLastCounter = 12345
        changed.passwordHash = "$argon2id$new"
        changed.passwordChanged = Timestamp(secondsSinceEpoch: t0.secondsSinceEpoch + 60)
        changed.isFrozen = true
        try await store.write { tx in try await tx.updateUser(changed) }
        try await expect(store.user(id: alice.id) == changed, "every security field reads back")
        try await expect(store.user(email: "alice@EXAMPLE.org")?.id == alice.id, "e-mail look-up ignores case")
        try await expect(store.user(email: "nobody@example.org") == nil, "unknown e-mail")

        let session = WebSession(
            idDigest: "d1", userID: alice.id, created: t0, expires: Timestamp(secondsSinceEpoch: 2e9),
            authenticated: t0, awaitingSecondFactor: true, csrfToken: "c1")
        try await store.write { tx in
            try await tx.saveSession(session)
            var other = session
            other.idDigest = "d2"
            try await tx.saveSession(other)
        }
        try await expect(store.session(idDigest: "d1") == session, "session reads back")
        var finished = session
        finished.awaitingSecondFactor = false
        try await store.write { tx in try await tx.saveSession(finished) }
        try await expect(store.session(idDigest: "d1") == finished, "saving again replaces")
        try await store.write { tx in try await tx.deleteSession(idDigest: "d1") }
        try await expect(store.session(idDigest: "d1") == nil, "logout ends the session")
        try await store.write { tx in try await tx.deleteSessions(userID: alice.id) }
        try await expect(store.session(idDigest: "d2") == nil, "every session of the user ends")

        try await store.write { tx in try await tx.replaceRecoveryCodes(userID: alice.id, hashes: ["h1", "h2"]) }
        let codes = try await store.recoveryCodes(userID: alice.id)
        try expect(codes.map(\.hash) == ["h1", "h2"] && codes.allSatisfy { $0.burned == nil }, "codes stored")
        let burnedOnce = try await store.write { tx in try await tx.burnRecoveryCode(id: codes[0].id, at: t0) }
        let burnedTwice = try await store.write { tx in try await tx.burnRecoveryCode(id: codes[0].id, at: t0) }
        try expect(burnedOnce && !burnedTwice, "a code burns once")
        try await expect(store.recoveryCodes(userID: alice.id).first?.burned == t0, "burn time stored")
        try await store.write { tx in try await tx.replaceRecoveryCodes(userID: alice.id, hashes: ["h3"]) }
        try await expect(store.recoveryCodes(userID: alice.id).map(\.hash) == ["h3"], "regenerating replaces all")
    }

    /// Security events, JWT ids, reserved names.
    static func eventsAndReservations(_ store: any IndexStore) async throws {
        let alice = try await store.write { tx in
            try await tx.createUser(username: "alice", email: "a@example.org", passwordHash: "$x$1", created: t0)
        }
        let first = SecurityEvent(
            userID: alice.id, tag: "account:login:success", time: t0, ip: "127.0.0.1", details: ["ua": "pip"])
        let second = SecurityEvent(
            userID: alice.id, project: "demo", tag: "project:release:add", time: t0, details: ["version": "1.0"])
        try await store.write { tx in
            try await tx.appendEvent(first)
            try await tx.appendEvent(second)
        }
        let events = try await store.events(userID: alice.id, limit: 10)
        try expect(events.map(\.tag) == [second.tag, first.tag], "events newest first")
        try expect(events.last?.details == ["ua": "pip"] && events.last?.ip == "127.0.0.1", "event fields")
        try await expect(store.events(userID: alice.id, limit: 1).count == 1, "event limit")
        try await expect(store.events(project: "demo", limit: 10).map(\.tag) == [second.tag], "project events")

        let expires = Timestamp(secondsSinceEpoch: t0.secondsSinceEpoch + 100)
        let claims = try await store.write { tx in
            [
                try await tx.claimJWTID(issuer: "https://issuer", jti: "j1", expires: expires, now: t0),
                try await tx.claimJWTID(issuer: "https://issuer", jti: "j1", expires: expires, now: t0),
                try await tx.claimJWTID(issuer: "https://other", jti: "j1", expires: expires, now: t0),
            ]
        }
        try expect(claims == [true, false, true], "a jti is claimed once per issuer")
        let later = Timestamp(secondsSinceEpoch: expires.secondsSinceEpoch + 1)
        let afterExpiry = try await store.write { tx in
            try await tx.claimJWTID(issuer: "https://issuer", jti: "j1", expires: later, now: later)
        }
        try expect(afterExpiry, "an expired record is forgotten")

        let reservation = ReservedName(
            normalizedName: "requests2", reason: .deleted, until: t0, comment: "typosquat", created: t0,
            formerOwners: [alice.id])
        try await store.write { tx in try await tx.reserveName(reservation) }
        try await expect(store.reservedName("requests2") == reservation, "reservation reads back")
        try await store.write { tx in try await tx.deleteReservedName("requests2") }
        try await expect(store.reservedName("requests2") == nil, "reservation lifted")
    }

    /// Trusted publishers, roles of a user, role changes and invitations.
    static func publishersRolesInvitations(_ store: any IndexStore) async throws {
        let (project, _) = try await projectWithRelease(store)
        let (alice, bob) = try await store.write { tx in
            (
                try await tx.createUser(username: "alice", email: "a@example.org", passwordHash: "", created: t0),
                try await tx.createUser(username: "bob", email: "b@example.org", passwordHash: "", created: t0)
            )
        }
        try await expect(store.project(id: project.id) == project, "project by id")
        let pending = StoredPublisher(
            id: "p1", issuer: "https://issuer", projectID: nil, pendingProjectName: "newproj", addedBy: alice.id,
            definition: "{}", created: t0)
        var attached = pending
        attached.id = "p2"
        attached.projectID = project.id
        attached.pendingProjectName = nil
        try await store.write { tx in
            try await tx.savePublisher(pending)
            try await tx.savePublisher(attached)
        }
        try await expect(store.publishers(issuer: "https://issuer").map(\.id) == ["p1", "p2"], "by issuer")
        try await expect(store.publishers(projectID: project.id) == [attached], "by project")
        try await expect(store.publisher(id: "p1") == pending, "by id")
        try await expect(store.pendingPublishers(addedBy: alice.id) == [pending], "pending ones")
        try await store.write { tx in try await tx.deletePublisher(id: "p1") }
        try await expect(store.publishers(issuer: "https://issuer") == [attached], "deleted publisher")

        try await store.write { tx in try await tx.addRole(Role(userID: alice.id, projectID: project.id, kind: .owner))
        }
        try await store.write { tx in
            try await tx.changeRole(Role(userID: alice.id, projectID: project.id, kind: .maintainer))
        }
        try await expect(store.roles(userID: alice.id).map(\.kind) == [.maintainer], "role changed")
        try await store.write { tx in try await tx.removeRole(userID: alice.id, projectID: project.id) }
        try await expect(store.roles(userID: alice.id).isEmpty, "role removed")
        do {
            try await store.write { tx in try await tx.removeRole(userID: alice.id, projectID: project.id) }
            throw ContractViolation(message: "removing a missing role must fail", line: #line)
        } catch let error as IndexStoreError {
            try expect(error == .notFound("role of user \(alice.id)"), "missing role is not found")
        }

        let invitation = RoleInvitation(
            projectID: project.id, userID: bob.id, kind: .maintainer, inviterID: alice.id,
            expires: Timestamp(secondsSinceEpoch: 2e9))
        try await store.write { tx in try await tx.saveInvitation(invitation) }
        try await expect(store.invitations(userID: bob.id) == [invitation], "invitation by user")
        try await expect(store.invitations(projectID: project.id) == [invitation], "invitation by project")
        try await store.write { tx in try await tx.deleteInvitation(projectID: project.id, userID: bob.id) }
        try await expect(store.invitations(userID: bob.id).isEmpty, "invitation removed")

        try await store.write { tx in
            try await tx.saveInvitation(invitation)
            try await tx.deleteProject(id: project.id)
        }
        try await expect(store.invitations(userID: bob.id).isEmpty, "deleting the project drops invitations")
        try await expect(store.publishers(issuer: "https://issuer").isEmpty, "and its publishers")
    }
}
