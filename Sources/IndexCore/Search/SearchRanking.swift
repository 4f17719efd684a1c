/// How search orders projects, the same for every store: a project whose normalized name is
/// the query's words joined by `-` comes first (`django rest framework` finds
/// `django-rest-framework` first); then text relevance (name before keywords before summary before
/// classifiers) plus a bonus that grows with the logarithm of recent downloads.
public enum SearchRanking {
    /// At most this many matches are ranked (and counted) per query.
    public static let candidateLimit = 1000
    /// At most this many terms of a query are used.
    public static let maximumTerms = 8

    /// A matching project before ranking.
    public struct Candidate: Hashable, Sendable {
        /// The hit to show.
        public var hit: SearchHit
        /// Text relevance, larger is better (SQLite: minus FTS5's bm25).
        public var relevance: Double

        /// A candidate.
        public init(hit: SearchHit, relevance: Double) {
            self.hit = hit
            self.relevance = relevance
        }
    }

    /// The words of `text`, lowercased: runs of letters and digits, at most `limit` of them,
    /// each at most 64 characters. Punctuation, quotes and operators never reach the
    /// full-text engine.
    public static func terms(_ text: String, limit: Int = maximumTerms) -> [String] {
        var terms: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty, terms.count < limit { terms.append(String(current.prefix(64))) }
            current = ""
        }
        for character in text.lowercased() {
            if character.isLetter || character.isNumber { current.append(character) } else { flush() }
        }
        flush()
        return terms
    }

    /// An FTS5 query matching documents that contain every term as a word prefix.
    public static func fullTextQuery(_ terms: [String]) -> String {
        terms.map { "\"\($0)\"*" }.joined(separator: " ")
    }

    /// A PostgreSQL `tsquery` (parser `simple`) matching documents that contain every term
    /// as a word prefix.
    public static func textSearchQuery(_ terms: [String]) -> String {
        terms.map { "'\($0)':*" }.joined(separator: " & ")
    }

    /// The bonus of `downloads`: about one relevance point per factor of ten.
    public static func downloadBonus(_ downloads: Int) -> Double {
        var bonus = 0.0
        var remaining = max(0, downloads)
        while remaining >= 10 {
            remaining /= 10
            bonus += 1
        }
        return bonus + Double(remaining) / 10
    }

    /// The normalized project name `text` names: its words joined by `-`.
    public static func exactName(_ text: String) -> String {
        terms(text, limit: .max).joined(separator: "-")
    }

    /// `candidates` in result order for the query `text`.
    public static func ranked(_ candidates: [Candidate], text: String) -> [SearchHit] {
        let exact = exactName(text)
        func score(_ candidate: Candidate) -> Double { candidate.relevance + downloadBonus(candidate.hit.downloads) }
        return candidates.sorted { lhs, rhs in
            let (leftExact, rightExact) = (lhs.hit.normalizedName == exact, rhs.hit.normalizedName == exact)
            if leftExact != rightExact { return leftExact }
            let (left, right) = (score(lhs), score(rhs))
            if left != right { return left > right }
            return lhs.hit.normalizedName < rhs.hit.normalizedName
        }.map(\.hit)
    }

    /// The page `query` asks for out of `ranked`.
    public static func page(_ ranked: [SearchHit], _ query: SearchQuery) -> SearchResults {
        let start = (query.page - 1) * query.perPage
        let hits = start < ranked.count ? Array(ranked[start..<min(ranked.count, start + query.perPage)]) : []
        return SearchResults(hits: hits, total: ranked.count)
    }
}
