import IndexCore

/// The nginx configuration that serves a ``StaticExport`` as the index would: the simple pages
/// by content negotiation on `Accept` (PEP 691: JSON when the client names it without `q=0`,
/// HTML otherwise), with `Vary: Accept` and the index's content types and cache headers.
public enum StaticExportNginx {
    /// The file name of the configuration in the export.
    public static let fileName = "nginx-cheeseshop-export.conf"

    /// An `http`-level include (two `map`s and a `server`) serving the export at `root` (an
    /// absolute directory) on `listen` (nginx's `listen` argument, e.g. `127.0.0.1:8080`).
    public static func configuration(root: String, listen: String) -> String {
        """
        # Serves the static export in \(root) (written by `cheeseshop export`).
        # Include this file in nginx's `http` block.

        # PEP 691: JSON when Accept names it without q=0, else HTML.
        map $http_accept $cheeseshop_simple_page {
            default index.html;
            "~*application/vnd\\.pypi\\.simple\\.v1\\+json(?![^,]*;\\s*q=0(\\.0{0,3})?\\s*(,|$))" index.v1_json;
        }

        server {
            listen \(listen);
            root \(root);

            location / {
                return 404;
            }

            location = /simple {
                return 301 /simple/;
            }

            location /simple/ {
                types {
                    text/html html;
                    application/vnd.pypi.simple.v1+json v1_json;
                }
                charset utf-8;
                charset_types text/html;
                add_header Vary Accept always;
                add_header Cache-Control "max-age=600, public" always;
                add_header Access-Control-Allow-Origin "*" always;
                rewrite ^(/simple/[^/]+)$ $1/ permanent;
                try_files $uri$cheeseshop_simple_page =404;
            }

            location /packages/ {
                types { }
                default_type application/octet-stream;
                add_header Cache-Control "max-age=365000000, immutable, public" always;
                add_header Access-Control-Allow-Origin "*" always;
                try_files $uri =404;
            }

            location /pypi/ {
                types { }
                default_type application/json;
                add_header Cache-Control "max-age=900, public" always;
                add_header Access-Control-Allow-Origin "*" always;
                try_files $uri =404;
            }

            location = /snapshot/index.sqlite {
                types { }
                default_type application/vnd.sqlite3;
                add_header Cache-Control "max-age=600, public" always;
                try_files $uri =404;
            }
        }

        """
    }
}
