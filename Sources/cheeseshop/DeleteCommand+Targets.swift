import ArgumentParser
import IndexCore

extension DeleteCommand {
    /// `cheeseshop delete file PROJECT FILENAME --as USER --yes`.
    struct File: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete one file of a release.")

        @Argument(help: "The project name (any spelling).") var project: String
        @Argument(help: "The filename, e.g. demo-1.0-py3-none-any.whl.") var filename: String
        @OptionGroup var options: DeleteOptions

        func run() async throws {
            let (project, filename) = (self.project, self.filename)
            try await options.perform(
                "file \(filename) of project \(project)",
                warning: "Deleting a file is permanent, and its filename can never be reused: "
                    + "'\(filename)' can never be uploaded again, even with other contents. "
                    + "Yanking the release is usually what you want."
            ) { store, user in
                try await DeleteFile(store: store, clock: SystemClock())(project: project, filename: filename, by: user)
            }
        }
    }

    /// `cheeseshop delete release PROJECT VERSION --as USER --yes`.
    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a release with all its files.")

        @Argument(help: "The project name (any spelling).") var project: String
        @Argument(help: "The version.") var version: String
        @OptionGroup var options: DeleteOptions

        func run() async throws {
            let (project, version) = (self.project, self.version)
            try await options.perform(
                "release \(version) of project \(project)",
                warning: "Deleting a release is permanent: its files are removed, and their filenames can "
                    + "never be reused, so version \(version) can never be uploaded again with the same "
                    + "filenames. Yanking the release is usually what you want."
            ) { store, user in
                try await DeleteRelease(store: store, clock: SystemClock())(
                    project: project, version: version, by: user)
            }
        }
    }

    /// `cheeseshop delete project PROJECT --as USER --yes`.
    struct Project: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a project with all its releases and files.")

        @Argument(help: "The project name (any spelling).") var project: String
        @OptionGroup var options: DeleteOptions

        func run() async throws {
            let project = self.project
            try await options.perform(
                "project \(project)",
                warning: "Deleting a project is permanent: all its releases and files are removed, their "
                    + "filenames can never be reused, and anyone may then register the name '\(project)'."
            ) { store, user in
                try await DeleteProject(store: store, clock: SystemClock())(project: project, by: user)
            }
        }
    }
}
