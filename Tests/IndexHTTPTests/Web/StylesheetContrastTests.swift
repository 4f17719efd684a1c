import Foundation
import Testing

@testable import IndexHTTP

/// The stylesheet's colours, read from its custom properties, against WCAG 2.2: text 4.5:1
/// (1.4.3), borders of form controls and focus indicators 3:1 (1.4.11).
@Suite struct StylesheetContrastTests {
    static let colours: [String: String] = {
        var found: [String: String] = [:]
        let pattern = try! NSRegularExpression(pattern: "--([a-z]+):(#[0-9a-f]{3,6})")
        let css = Stylesheet.css
        for match in pattern.matches(in: css, range: NSRange(css.startIndex..., in: css)) {
            found[String(css[Range(match.range(at: 1), in: css)!])] = String(css[Range(match.range(at: 2), in: css)!])
        }
        return found
    }()

    /// WCAG relative luminance of `#rgb` or `#rrggbb`.
    static func luminance(_ hex: String) -> Double {
        var digits = Array(hex.dropFirst())
        if digits.count == 3 { digits = digits.flatMap { [$0, $0] } }
        let channels = stride(from: 0, to: 6, by: 2).map { Double(Int(String(digits[$0..<$0 + 2]), radix: 16)!) / 255 }
        let linear = channels.map { $0 <= 0.04045 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    }

    static func ratio(_ a: String, _ b: String) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    func colour(_ name: String) throws -> String {
        name.hasPrefix("#") ? name : try #require(Self.colours[name], "no --\(name) in the stylesheet")
    }

    /// Foreground on background as the stylesheet pairs them (text, tags, banners, buttons).
    @Test(arguments: [
        ("fg", "bg"), ("fg", "band"), ("fg", "warnbg"), ("fg", "badbg"), ("muted", "bg"), ("muted", "band"),
        ("link", "bg"), ("link", "band"), ("link", "warnbg"), ("link", "badbg"), ("#fff", "accent"), ("#fff", "bad"),
        ("#fff", "header"), ("bad", "badbg"), ("warn", "warnbg"), ("accent", "bg"), ("bad", "bg"),
    ])
    func textMeetsAA(foreground: String, background: String) throws {
        let contrast = Self.ratio(try colour(foreground), try colour(background))
        #expect(contrast >= 4.5, "\(foreground) on \(background): \(contrast)")
    }

    @Test(arguments: [
        ("border", "bg"), ("focusring", "bg"), ("focusring", "band"), ("focus", "header"), ("focus", "focusring"),
    ])
    func controlsAndFocusMeet3To1(foreground: String, background: String) throws {
        let contrast = Self.ratio(try colour(foreground), try colour(background))
        #expect(contrast >= 3, "\(foreground) on \(background): \(contrast)")
    }

    @Test func theFormulaMatchesKnownPairs() {
        #expect(abs(Self.ratio("#000", "#fff") - 21) < 0.001)
        #expect(abs(Self.ratio("#777777", "#ffffff") - 4.48) < 0.01)
    }
}
