import IndexCore

/// The cache headers of the public read path (PyPI's `cache/origin/fastly.py`): browsers and
/// shared caches keep pages briefly (`Cache-Control`); a surrogate (CDN, Varnish) keeps them a
/// day, purged by `Surrogate-Key` when they change, serves a stale page for 5 minutes while it
/// fetches the new one, and for a day while the origin fails.
enum CacheHeaders {
    static let surrogateControl = "max-age=86400, stale-while-revalidate=300, stale-if-error=86400"
}
