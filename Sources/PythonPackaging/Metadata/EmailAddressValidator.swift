/// Warehouse's check of `Author-Email` and `Maintainer-Email`: the address that
/// `email.utils.parseaddr` (strict, Python 3.13) finds is checked with `email_validator`'s
/// syntax rules (no DNS); a value holding several addresses yields none and is not checked.
enum EmailAddressValidator {
    /// The single address that `parseaddr` finds in a header value (`Name <addr>`,
    /// `addr (Name)` or `addr`), or `nil` when there is none or more than one.
    static func address(in value: String) -> String? {
        EmailAddressParser.address(in: value)
    }

    /// `email_validator.validate_email(address, check_deliverability=False)`'s message, or
    /// `nil` when the address is valid.
    static func problem(with address: String) -> String? {
        guard let at = address.firstIndex(of: "@") else { return "An email address must have an @-sign." }
        let local = address[..<at]
        let domain = address[address.index(after: at)...]
        if local.isEmpty { return "There must be something before the @-sign." }
        if domain.isEmpty { return "There must be something after the @-sign." }
        if local.hasPrefix("\"") { return "Quoting the part before the @-sign is not allowed here." }
        if let problem = localPartProblem(local) { return problem }
        return domainProblem(domain)
    }

    private static func localPartProblem(_ local: Substring) -> String? {
        var bad: [Unicode.Scalar] = []
        for scalar in local.unicodeScalars where !isAtext(scalar) && !bad.contains(scalar) {
            bad.append(scalar)
        }
        if !bad.isEmpty {
            let names = Set(bad.map(displayName)).sorted().joined(separator: ", ")
            return "The email address contains invalid characters before the @-sign: \(names)."
        }
        if local.hasPrefix(".") { return "An email address cannot start with a period." }
        if local.hasSuffix(".") { return "An email address cannot have a period immediately before the @-sign." }
        if local.contains("..") { return "An email address cannot have two periods in a row." }
        return nil
    }

    private static func domainProblem(_ domain: Substring) -> String? {
        if domain.hasPrefix("[") { return "A bracketed IP address after the @-sign is not allowed here." }
        var bad: [Unicode.Scalar] = []
        for scalar in domain.unicodeScalars where !isDomainScalar(scalar) && !bad.contains(scalar) {
            bad.append(scalar)
        }
        if !bad.isEmpty {
            let names = Set(bad.map(displayName)).sorted().joined(separator: ", ")
            return "The part after the @-sign contains invalid characters: \(names)."
        }
        if domain.hasSuffix(".") { return "An email address cannot end with a period." }
        if domain.hasPrefix(".") { return "An email address cannot have a period immediately after the @-sign." }
        if domain.contains("..") { return "An email address cannot have two periods in a row." }
        if domain.hasPrefix("-") { return "An email address cannot have a hyphen immediately after the @-sign." }
        if domain.hasSuffix("-") { return "An email address cannot end with a hyphen." }
        if domain.contains(".-") || domain.contains("-.") {
            return "An email address cannot have a period and a hyphen next to each other."
        }
        let labels = domain.lowercased().split(separator: ".")
        if let long = labels.map(\.unicodeScalars.count).max(), long > 63 {
            let extra = long - 63
            return "After the @-sign, periods cannot be separated by so many characters "
                + "(\(extra) character\(extra == 1 ? "" : "s") too many)."
        }
        guard labels.count > 1, let tld = labels.last else {
            return "The part after the @-sign is not valid. It should have a period."
        }
        if tld.allSatisfy(\.isNumber) {
            return "The part after the @-sign is not valid. It is not within a valid top-level domain."
        }
        if specialUse.contains(String(tld)) {
            return "The part after the @-sign is a special-use or reserved name that cannot be used with email."
        }
        return nil
    }

    /// `email_validator.SPECIAL_USE_DOMAIN_NAMES`.
    private static let specialUse: Set<String> = ["arpa", "invalid", "local", "localhost", "onion", "test"]

    /// RFC 5322 atext, dots, and (RFC 6531) printable non-ASCII characters.
    private static func isAtext(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value >= 0x80 {
            return !scalar.properties.isWhitespace && scalar.properties.generalCategory != .control
        }
        if scalar.properties.isASCIIHexDigit || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) {
            return true
        }
        return "!#$%&'*+-/=?^_`{|}~.".unicodeScalars.contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// Letters, digits, hyphens and dots; non-ASCII letters and digits for internationalised
    /// domains.
    private static func isDomainScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value >= 0x80 { return scalar.properties.isAlphabetic || scalar.properties.numericType != nil }
        return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "-" || scalar == "."
    }

    /// `email_validator`'s display of a rejected character: its repr when printable, else its
    /// Unicode name (`SPACE`) or `U+XXXX`.
    private static func displayName(_ scalar: Unicode.Scalar) -> String {
        if scalar != " " && !scalar.properties.isWhitespace && scalar.properties.generalCategory != .control {
            return PythonRepr.quote(String(scalar))
        }
        if let name = scalar.properties.name { return name }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
