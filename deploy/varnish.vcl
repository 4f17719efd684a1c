# Varnish in front of Cheeseshop (Varnish 6 or 7; Debian's `varnish`).
#
#   varnishd -a :80 -f /path/to/varnish.vcl -s malloc,1g
#   cheeseshop serve --port 8000 --purge-varnish http://127.0.0.1:80
#
# No --base-url is needed: Cheeseshop's simple pages and web pages link files and PEP 658
# metadata root-relative (/packages/...), and its JSON API names the host the client asked for
# (Varnish passes Host through), so pip, uv and bandersnatch fetch everything through the cache.
# Set --base-url (and --files-url for a separate files host) when the public URL is https or
# another host than the one clients name, and for absolute links in e-mail.
#
# What it does:
# - Keeps pages as long as Cheeseshop's Surrogate-Control says (a day), while browsers get the
#   shorter Cache-Control; files (content-addressed, immutable) for as long as Cache-Control says.
# - Purges: `PURGE /` with `Surrogate-Key: key1 key2` (sent by `--purge-varnish` for every
#   change) bans every object tagged with one of the keys. Only from the addresses in `purgers`.
# - stale-while-revalidate: an expired page is answered at once for 5 minutes while Varnish
#   fetches the new one. stale-if-error: while the origin is down (its health probe fails), an
#   expired page is answered for as long as Surrogate-Control's stale-if-error (a day).
# - Download statistics: Varnish answers most downloads from its cache, where the origin never
#   sees them, so they are counted from varnishncsa's log (`varnishncsa -w access.log`, then
#   `cheeseshop stats ingest access.log`, as often as you like: each line is counted once).
#   The requests Varnish passes on carry X-Cheeseshop-Logged-By, so the origin does not count
#   them a second time. Without the log ingest, remove that line (the origin then counts misses).
# - Languages: web pages (home, search, project, user, error pages) come in the reader's
#   language and say `Vary: Accept-Language, Cookie`; Varnish keeps one copy per header value,
#   so a German page is never served to an English reader. The picker's cookie
#   (`cheeseshop_lang=de`) alone does not send a request past the cache (any other cookie does,
#   as Varnish's built-in rules want). The simple index, the JSON API, files and feeds do not vary.
# The origin's address below is replaced by the project's tests; set yours.
vcl 4.1;

import std;

backend cheeseshop {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .probe = {
        .url = "/_health/ready";
        .interval = 1s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
    }
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = cheeseshop;
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed."));
        }
        if (!req.http.Surrogate-Key) {
            return (synth(400, "Name the keys to purge in Surrogate-Key."));
        }
        # Keys are [A-Za-z0-9._/-], separated by spaces. The list becomes an alternation with its
        # dots escaped, so a key matches a whole word of an object's Surrogate-Key only.
        set req.http.X-Purge = regsuball(req.http.Surrogate-Key, "[^A-Za-z0-9._/ -]", "");
        set req.http.X-Purge = regsuball(req.http.X-Purge, "^ +| +$", "");
        if (req.http.X-Purge == "") {
            return (synth(400, "Name the keys to purge in Surrogate-Key."));
        }
        set req.http.X-Purge = regsuball(req.http.X-Purge, "[.]", "[.]");
        set req.http.X-Purge = regsuball(req.http.X-Purge, " +", "|");
        # (A ban's regex is one word: no spaces, no quotes.)
        ban("obj.http.Surrogate-Key ~ (^|[[:space:]])(" + req.http.X-Purge + ")([[:space:]]|$)");
        return (synth(200, "Purged."));
    }
    # A healthy origin: at most 5 minutes of staleness while refetching (stale-while-revalidate).
    # A sick one: the whole grace (stale-if-error).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 300s;
    }
    # A reader whose only cookie is the language picker's is answered from the cache: the
    # origin's `Vary: Cookie` keeps one copy per language (five at most). Any other cookie (a
    # session) falls through to Varnish's built-in rules, which pass it to the origin.
    if ((req.method == "GET" || req.method == "HEAD") && !req.http.Authorization
        && req.http.Cookie ~ "^ *cheeseshop_lang=[a-z]{2} *;? *$") {
        return (hash);
    }
}

sub vcl_backend_fetch {
    # Counted from varnishncsa's log (see above), not by the origin.
    set bereq.http.X-Cheeseshop-Logged-By = "varnish";
}

sub vcl_backend_response {
    if (beresp.http.Surrogate-Control ~ "max-age=[0-9]+") {
        set beresp.ttl = std.duration(
            regsub(beresp.http.Surrogate-Control, "^.*max-age=([0-9]+).*$", "\1s"), 120s);
    }
    if (beresp.http.Surrogate-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Surrogate-Control, "^.*stale-if-error=([0-9]+).*$", "\1s"), 0s);
    } else if (beresp.http.Surrogate-Control ~ "stale-while-revalidate=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Surrogate-Control, "^.*stale-while-revalidate=([0-9]+).*$", "\1s"), 0s);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The surrogate's own instructions are not for clients.
    unset resp.http.Surrogate-Control;
    unset resp.http.Surrogate-Key;
}
