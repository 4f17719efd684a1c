import Hummingbird
import IndexCore
import PythonPackaging

extension AdminController {
    func registerActions(on router: Router<IndexRequestContext>) {
        act(router, "/admin/reports/:id/resolve") { actor, form, context in
            let id = try Self.reportID(context)
            guard let resolution = ObservationResolution(rawValue: form["resolution"] ?? "") else {
                throw ManageError(.invalid, "Choose actioned or dismissed.")
            }
            try await admin.resolve(report: id, resolution: resolution, by: actor)
            return ("/admin/reports/", nil)
        }
        // Quarantine the reported project and mark the report actioned, one click.
        act(router, "/admin/reports/:id/quarantine") { actor, _, context in
            let id = try Self.reportID(context)
            guard let report = try await store.observation(id: id) else {
                throw ManageError(.notFound, "Report \(id) does not exist.")
            }
            let result = try await admin.quarantine(
                project: report.project, reason: "report \(id): \(report.kind.rawValue)", by: actor)
            if report.isOpen { try await admin.resolve(report: id, resolution: .actioned, by: actor) }
            return ("/admin/reports/", result)
        }
        let user = "/admin/user/:username"
        let userChanges: [(String, @Sendable (AdminActions, String, AdminActor) async throws -> Void)] = [
            ("freeze", { try await $0.freeze(username: $1, frozen: true, by: $2) }),
            ("unfreeze", { try await $0.freeze(username: $1, frozen: false, by: $2) }),
            ("reset-2fa", { try await $0.resetTwoFactor(username: $1, by: $2) }),
            ("verify-email", { try await $0.verifyEmail(username: $1, by: $2) }),
        ]
        for (path, change) in userChanges {
            act(router, "\(user)/\(path)") { actor, _, context in
                let username = try context.parameters.require("username")
                try await change(admin, username, actor)
                return (Self.userPath(username), nil)
            }
        }
        act(router, "\(user)/role") { actor, form, context in
            let username = try context.parameters.require("username")
            guard let role = SiteRole(name: form["role"] ?? "") else { throw ManageError(.invalid, "Choose a role.") }
            try await admin.setSiteRole(username: username, role: role, by: actor)
            return (Self.userPath(username), nil)
        }
        let project = "/admin/project/:project"
        act(router, "\(project)/quarantine") { actor, form, context in
            let name = try Self.projectName(context)
            return (
                "/admin/project/\(name)/",
                try await admin.quarantine(project: name, reason: form["reason"] ?? "", by: actor)
            )
        }
        act(router, "\(project)/release") { actor, _, context in
            let name = try Self.projectName(context)
            return ("/admin/project/\(name)/", try await admin.release(project: name, by: actor))
        }
        act(router, "\(project)/transfer") { actor, form, context in
            let name = try Self.projectName(context)
            return (
                "/admin/project/\(name)/",
                try await admin.transfer(project: name, to: form["username"] ?? "", by: actor)
            )
        }
        act(router, "\(project)/delete") { actor, form, context in
            let name = try Self.projectName(context)
            guard ProjectName.normalize(form["confirm"] ?? "") == name else {
                throw ManageError(.invalid, "Type the project name to confirm the deletion.")
            }
            return ("/admin/", try await admin.deleteProject(project: name, by: actor))
        }
        act(router, "/admin/names/prohibit") { actor, form, _ in
            try await admin.prohibitName(form["name"] ?? "", comment: form["comment"] ?? "", by: actor)
            return ("/admin/log/", nil)
        }
        act(router, "/admin/flags/:flag") { actor, form, context in
            guard let flag = InstanceFlag(rawValue: try context.parameters.require("flag")) else {
                throw ManageError(.notFound, "No such flag.")
            }
            try await admin.setFlag(flag, on: form["value"] == "on", by: actor)
            return ("/admin/", nil)
        }
    }

    static func reportID(_ context: IndexRequestContext) throws -> Int64 {
        guard let id = Int64(try context.parameters.require("id")) else {
            throw ManageError(.notFound, "No such report.")
        }
        return id
    }

    static func projectName(_ context: IndexRequestContext) throws -> String {
        ProjectName.normalize(try context.parameters.require("project"))
    }

    static func userPath(_ username: String) -> String {
        "/admin/user/\(PercentEncoding.encodePathSegment(username))/"
    }
}
