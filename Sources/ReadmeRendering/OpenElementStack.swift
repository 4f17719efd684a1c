/// The stack of open elements, indexed by name so that finding the nearest open element of a
/// name costs a dictionary look-up rather than a walk down the stack (hostile input can open
/// hundreds of elements and then send hundreds of thousands of tags).
struct OpenElementStack: Sendable {
    private(set) var names: [String] = []
    private var positions: [String: [Int]] = [:]

    var count: Int { names.count }
    var last: String? { names.last }

    mutating func push(_ name: String) {
        positions[name, default: []].append(names.count)
        names.append(name)
    }

    mutating func pop() -> String? {
        guard let name = names.popLast() else { return nil }
        positions[name]?.removeLast()
        return name
    }

    /// The index of the innermost open `name`, if any.
    func lastIndex(of name: String) -> Int? {
        positions[name]?.last
    }

    /// The index of the innermost open element among `names`, if any.
    func lastIndex(ofAny names: Set<String>) -> Int? {
        names.compactMap(lastIndex(of:)).max()
    }
}
