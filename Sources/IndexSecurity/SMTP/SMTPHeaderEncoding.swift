import Foundation

/// Header field encodings for a message: RFC 2047 encoded-words and the RFC 5322 date.
enum SMTPHeaderEncoding {
    /// `text` as is when printable ASCII, else as UTF-8 "B" encoded-words (RFC 2047 §2: at most
    /// 75 characters each, whole characters only), folded onto continuation lines.
    static func unstructured(_ text: String) -> String {
        guard text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F || $0 == "\t" }) else {
            return encodedWords(text)
        }
        return text
    }

    /// A display name: as is when it is ASCII letters, digits and spaces, quoted when it holds
    /// other printable ASCII, encoded-words otherwise.
    static func phrase(_ text: String) -> String {
        let scalars = text.unicodeScalars
        if scalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == " ") }) {
            return text
        }
        if scalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\""
        }
        return encodedWords(text)
    }

    /// UTF-8 "B" encoded-words of at most 45 input bytes (60 base64 characters) each.
    static func encodedWords(_ text: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        func flush() {
            guard !chunk.isEmpty else { return }
            words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
            chunk.removeAll()
        }
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 { flush() }
            chunk.append(contentsOf: bytes)
        }
        flush()
        return words.joined(separator: "\r\n ")
    }

    /// `date` per RFC 5322 §3.3 in UTC, e.g. `Sat, 21 Nov 2026 15:06:07 +0000`.
    static func date(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekday = weekdays[((days % 7) + 7) % 7]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let time = "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
        return "\(weekday), \(two(day)) \(months[month - 1]) \(year) \(time) +0000"
    }
}
