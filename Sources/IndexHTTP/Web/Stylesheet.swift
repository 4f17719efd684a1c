import HTTPTypes
import Hummingbird

/// The one stylesheet, served at a content-hashed path (immutable, cached for a year). Mobile
/// first; colours meet WCAG AA contrast (StylesheetContrastTests computes every pair); focus
/// is always visible: a yellow ring inside a dark one, seen on the white page and the dark header.
enum Stylesheet {
    static let css = """
        :root{--fg:#1d2327;--muted:#4f5a63;--bg:#fff;--band:#f3f5f7;--line:#d5dbe0;--link:#0b5cad;--accent:#2f6f3e;--warn:#8a4b00;--warnbg:#fff4e0;--bad:#9b1c1c;--badbg:#fdecec;--focus:#f2b600;--focusring:#1d2327;--header:#233b2a;--border:#7a858f}
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
        a{color:var(--link)}a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid var(--focus);outline-offset:0;box-shadow:0 0 0 6px var(--focusring)}
        .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:2}
        .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        header.site{background:var(--header);color:#fff}header.site a{color:#fff}
        .bar{max-width:72rem;margin:0 auto;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.6rem 1.2rem;align-items:center}
        .brand{font-weight:700;font-size:1.25rem;text-decoration:none}
        form.search{display:flex;flex:1 1 16rem;gap:.4rem}form.search input{flex:1;min-width:0}
        nav a{margin-right:.8rem}
        main{max-width:72rem;margin:0 auto;padding:1rem}
        footer.site{border-top:1px solid var(--line);color:var(--muted);max-width:72rem;margin:2rem auto 0;padding:1rem}
        input,select,textarea,button{font:inherit;padding:.35rem .5rem;border:1px solid var(--border);border-radius:4px}
        button{background:var(--accent);color:#fff;border-color:var(--accent);cursor:pointer}
        button.danger{background:var(--bad);border-color:var(--bad)}
        label{font-weight:600}
        .band{background:var(--band);border-bottom:1px solid var(--line);margin:-1rem -1rem 1rem;padding:1rem}
        .band h1{margin:.2rem 0}.pip{font-family:ui-monospace,monospace;background:#fff;border:1px solid var(--line);padding:.3rem .6rem;display:inline-block}
        .layout{display:grid;gap:1.5rem}@media(min-width:60rem){.layout{grid-template-columns:16rem 1fr}}
        aside h2{font-size:1rem;margin:1rem 0 .3rem}aside ul{list-style:none;padding:0;margin:0}aside li{margin:.2rem 0;overflow-wrap:anywhere}
        .banner{border-left:4px solid var(--warn);background:var(--warnbg);padding:.6rem .8rem;margin:.6rem 0}
        .banner.bad{border-color:var(--bad);background:var(--badbg)}
        .tag{display:inline-block;font-size:.8rem;padding:0 .4rem;border-radius:3px;background:var(--band);border:1px solid var(--line)}
        .tag.yanked{background:var(--badbg);border-color:var(--bad);color:var(--bad)}.tag.pre{background:var(--warnbg);border-color:var(--warn);color:var(--warn)}
        table{border-collapse:collapse;width:100%;display:block;overflow-x:auto}th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
        code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9em}pre{background:var(--band);padding:.6rem;overflow-x:auto}
        .readme img{max-width:100%}.readme{overflow-wrap:anywhere}
        .hash{font-family:ui-monospace,monospace;font-size:.8rem;overflow-wrap:anywhere}
        ul.results{list-style:none;padding:0}ul.results li{border-bottom:1px solid var(--line);padding:.6rem 0}
        ul.results .name{font-weight:700}ul.results .meta{color:var(--muted);font-size:.9rem}
        .stats{display:flex;flex-wrap:wrap;gap:1rem}.stats div{background:var(--band);padding:.6rem 1rem;border-radius:4px}
        .stats-summary strong{font-size:1.15rem}.stats-block h3{font-size:1.1rem;margin:1.5rem 0 .4rem}.stats-block details{margin:.4rem 0 1rem}
        .stats-chart{display:block;width:100%;height:auto}.stats-daily{max-width:47.5rem}.stats-share{max-width:33.75rem}
        .stats-chart text{fill:var(--fg);font-family:inherit;font-size:14px}.stats-chart .stats-tick{fill:var(--muted);font-size:12px}
        .stats-grid{stroke:var(--line);stroke-width:1}.stats-axis{stroke:var(--border);stroke-width:1}
        .stats-bar{fill:var(--accent)}.stats-bar.stats-other{fill:var(--muted)}.stats-bar:hover{fill:var(--header)}
        .stats-table td.stats-num{text-align:right;font-variant-numeric:tabular-nums}
        .muted{color:var(--muted)}.error{color:var(--bad);font-weight:600}.notice{color:var(--accent);font-weight:600}
        form.inline{display:inline}
        form.language{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center}
        """

    /// The stylesheet's URL path, named by a hash of its content.
    static let path = "/static/cheeseshop.\(fingerprint).css"

    /// FNV-1a of the content, in hex: enough to change the name when the content changes.
    static var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in css.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    static func register(on router: Router<IndexRequestContext>) {
        let body = CachedBody(
            bytes: Array(css.utf8), contentType: "text/css; charset=utf-8",
            cacheControl: "public, max-age=31536000, immutable", vary: false)
        for method in [HTTPRequest.Method.get, .head] {
            router.on(RouterPath(path), method: method) { request, _ in body.response(to: request) }
        }
    }
}
