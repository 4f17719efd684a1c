/// The checks of docutils' Transitions transform: a transition may not begin a document or
/// section, may not end the document, and may not follow another transition.
enum RSTTransitions {
    static func check(_ blocks: [RSTBlock], isDocument: Bool) throws(ReadmeRenderError) {
        for (index, block) in blocks.enumerated() {
            switch block {
            case .transition(let line):
                if index == 0 {
                    throw .rst(line, .error, "Document or section may not begin with a transition.")
                }
                if case .transition = blocks[index - 1] {
                    throw .rst(line, .error, "At least one body element must separate transitions; adjacent transitions are not allowed.")
                }
                if isDocument, index == blocks.count - 1 {
                    throw .rst(line, .error, "Document may not end with a transition.")
                }
            case .section(let section):
                try check(section.body, isDocument: false)
            default:
                continue
            }
        }
    }
}
