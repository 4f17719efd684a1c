import IndexCore

extension IndexStoreContract {
    /// Organizations, members, teams, team roles, project transfer.
    static func organizations(_ store: any IndexStore) async throws {
        let (project, _) = try await projectWithRelease(store)
        let (alice, bob) = try await store.write { tx in
            (
                try await tx.createUser(username: "alice", email: "a@example.org", passwordHash: "", created: t0),
                try await tx.createUser(username: "bob", email: "b@example.org", passwordHash: "", created: t0)
            )
        }
        let acme = try await store.write { tx in
            try await tx.createOrganization(name: "Acme", normalizedName: "acme", created: t0)
        }
        try await expect(store.organization(normalizedName: "acme") == acme, "organization reads back")
        try await expectConflict(.organizationName("acme")) {
            _ = try await store.write { tx in
                try await tx.createOrganization(name: "ACME", normalizedName: "acme", created: t0)
            }
        }
        let team = try await store.write { tx in
            try await tx.setOrganizationRole(OrganizationRole(organizationID: acme.id, userID: alice.id, kind: .owner))
            try await tx.setOrganizationRole(OrganizationRole(organizationID: acme.id, userID: bob.id, kind: .member))
            try await tx.setOrganizationRole(OrganizationRole(organizationID: acme.id, userID: bob.id, kind: .manager))
            let team = try await tx.createTeam(organizationID: acme.id, name: "release")
            try await tx.addTeamMember(teamID: team.id, userID: bob.id)
            try await tx.addTeamMember(teamID: team.id, userID: bob.id)
            try await tx.setProjectOrganization(projectID: project.id, organizationID: acme.id)
            try await tx.setTeamRole(TeamRole(teamID: team.id, projectID: project.id, kind: .owner))
            try await tx.setTeamRole(TeamRole(teamID: team.id, projectID: project.id, kind: .maintainer))
            return team
        }
        try await expectConflict(.teamName("release")) {
            _ = try await store.write { tx in try await tx.createTeam(organizationID: acme.id, name: "release") }
        }
        try await expect(
            store.organizationRoles(organizationID: acme.id).map(\.kind) == [.owner, .manager], "roles replace")
        try await expect(store.teams(organizationID: acme.id) == [team], "teams")
        try await expect(store.teamMembers(teamID: team.id) == [bob.id], "members are a set")
        try await expect(store.organization(projectID: project.id) == acme, "project's organization")
        try await expect(store.organizationProjects(organizationID: acme.id) == [project.id], "organization's projects")
        let zeta = try await store.write { tx in
            let zeta = try await tx.createOrganization(name: "Zeta", normalizedName: "zeta", created: t0)
            try await tx.setOrganizationRole(OrganizationRole(organizationID: zeta.id, userID: bob.id, kind: .member))
            return zeta
        }
        try await expect(store.organizations(userID: bob.id) == [acme, zeta], "a user's organizations, by name")
        try await expect(store.organizations(userID: alice.id) == [acme], "only those the user is in")
        try await expect(store.organizationProjects(organizationID: zeta.id).isEmpty, "no projects yet")
        try await expect(
            store.teamRoles(projectID: project.id) == [
                TeamRole(teamID: team.id, projectID: project.id, kind: .maintainer)
            ],
            "team roles replace")
        try await store.write { tx in try await tx.setProjectOrganization(projectID: project.id, organizationID: nil) }
        try await expect(store.organization(projectID: project.id) == nil, "transferred out")
        try await expect(store.organizationProjects(organizationID: acme.id).isEmpty, "and off the list")
        try await expect(store.teamRoles(projectID: project.id).isEmpty, "old team roles do not survive a transfer")
        try await store.write { tx in try await tx.removeOrganizationRole(organizationID: acme.id, userID: bob.id) }
        try await expect(store.teamMembers(teamID: team.id).isEmpty, "leaving drops team memberships")
    }
}
