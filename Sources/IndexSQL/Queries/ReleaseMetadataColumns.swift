import Foundation
import IndexCore
import PythonPackaging
import SQLKit

/// How ``ReleaseMetadata`` is laid out in the `releases` table: one text column per single
/// field, one JSON array (text) per list field.
enum ReleaseMetadataColumns {
    /// The single-valued fields' columns.
    static let textColumns = [
        "metadata_version", "summary", "description", "description_content_type", "author", "author_email",
        "maintainer", "maintainer_email", "license", "license_expression", "requires_python", "home_page",
        "download_url",
    ]

    /// The list fields' columns, JSON arrays; `project_urls` holds `[label, url]` pairs.
    static let listColumns = [
        "license_files", "keywords", "classifiers", "requires_dist", "provides_extra", "project_urls", "platforms",
        "dynamic",
    ]

    /// The column values of `metadata`, in the order of ``textColumns`` then ``listColumns``.
    static func values(_ metadata: ReleaseMetadata) throws -> [any Encodable & Sendable] {
        let texts: [String?] = [
            metadata.metadataVersion, metadata.summary, metadata.description, metadata.descriptionContentType,
            metadata.author, metadata.authorEmail, metadata.maintainer, metadata.maintainerEmail, metadata.license,
            metadata.licenseExpression, metadata.requiresPython, metadata.homePage, metadata.downloadURL,
        ]
        let lists: [[String]] = [
            metadata.licenseFiles, metadata.keywords, metadata.classifiers, metadata.requiresDist,
            metadata.providesExtra,
        ]
        let urls = metadata.projectURLs.map { [$0.label, $0.url] }
        let encodedLists =
            try lists.map(json) + [try json(urls), try json(metadata.platforms), try json(metadata.dynamic)]
        return texts.map { $0 as any Encodable & Sendable } + encodedLists.map { $0 as any Encodable & Sendable }
    }

    /// Reads the metadata columns of a `releases` row.
    static func decode(_ row: any SQLRow) throws -> ReleaseMetadata {
        func text(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
        func list(_ column: String) throws -> [String] { try parse(row.decode(column: column, as: String.self)) }
        var metadata = ReleaseMetadata()
        metadata.metadataVersion = try row.decode(column: "metadata_version", as: String.self)
        metadata.summary = try text("summary")
        metadata.description = try text("description")
        metadata.descriptionContentType = try text("description_content_type")
        metadata.author = try text("author")
        metadata.authorEmail = try text("author_email")
        metadata.maintainer = try text("maintainer")
        metadata.maintainerEmail = try text("maintainer_email")
        metadata.license = try text("license")
        metadata.licenseExpression = try text("license_expression")
        metadata.requiresPython = try text("requires_python")
        metadata.homePage = try text("home_page")
        metadata.downloadURL = try text("download_url")
        metadata.licenseFiles = try list("license_files")
        metadata.keywords = try list("keywords")
        metadata.classifiers = try list("classifiers")
        metadata.requiresDist = try list("requires_dist")
        metadata.providesExtra = try list("provides_extra")
        metadata.platforms = try list("platforms")
        metadata.dynamic = try list("dynamic")
        let pairs = try JSONDecoder().decode(
            [[String]].self, from: Data(row.decode(column: "project_urls", as: String.self).utf8))
        metadata.projectURLs = pairs.map { ProjectURL(label: $0.first ?? "", url: $0.dropFirst().first ?? "") }
        return metadata
    }

    /// A list as JSON text.
    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    /// JSON text as a list of strings.
    static func parse(_ text: String) throws -> [String] {
        try JSONDecoder().decode([String].self, from: Data(text.utf8))
    }
}
