/// Cleans untrusted HTML down to an allow-list, the job bleach does for readme_renderer.
///
/// The input is tokenized (``HTMLTokenizer``) and rebuilt from scratch: only allow-listed
/// elements and attributes are written, every text and attribute value is escaped again, void
/// elements are written as `<br>`, unclosed elements are closed at the end and stray end tags are
/// dropped. The output is well-formed, and sanitizing it again changes nothing.
public enum HTMLSanitizer {
    /// Returns the safe subset of `html`.
    ///
    /// Disallowed elements lose their tags but keep their text, except `script`, `style`,
    /// `iframe`, `object`, `embed`, `template`, `noscript`, `textarea`, `title`, `xmp`, `noembed`,
    /// `noframes`, `svg` and `math`, which go with everything inside them. Comments go.
    /// Links keep only http, https, mailto and relative URLs and get
    /// `rel="nofollow noopener noreferrer"`; images keep only http, https and relative sources;
    /// ids, names and `#fragments` are prefixed `user-content-`.
    public static func sanitize(_ html: String) -> String {
        var tokenizer = HTMLTokenizer(html)
        var writer = SanitizedHTMLWriter()
        while let token = tokenizer.next() {
            writer.consume(token)
        }
        return writer.finish()
    }

    /// Escapes `text` for HTML text or a double-quoted attribute value: `&`, `<`, `>`, `"`, `'`.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#x27;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
