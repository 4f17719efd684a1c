/// The doctitle and section-subtitle transforms PyPI enables (`doctitle_xform`,
/// `sectsubtitle_xform`): a lone leading top-level section becomes the document title (not part
/// of the rendered fragment), and a lone leading subsection becomes a section subtitle.
enum RSTDocTitle {
    static func apply(_ blocks: [RSTBlock]) -> [RSTBlock] {
        var body = blocks
        for _ in 0..<2 {
            guard let (prefix, section) = loneSection(body) else { break }
            body = prefix + section.body.map { shifted($0) }
        }
        return body.map(subtitles)
    }

    /// The invisible prefix and the section if `blocks` is only invisible elements then a section.
    private static func loneSection(_ blocks: [RSTBlock]) -> ([RSTBlock], RSTSection)? {
        guard let index = blocks.firstIndex(where: { !isInvisible($0) }), index == blocks.count - 1,
            case .section(let section) = blocks[index]
        else { return nil }
        return (Array(blocks[..<index]), section)
    }

    private static func isInvisible(_ block: RSTBlock) -> Bool {
        switch block {
        case .invisible, .target: true
        default: false
        }
    }

    private static func subtitles(_ block: RSTBlock) -> RSTBlock {
        guard case .section(var section) = block else { return block }
        if let (prefix, sub) = loneSection(section.body) {
            section.body = prefix + [.subtitle(id: sub.id, title: sub.title)] + sub.body.map { shifted($0) }
        }
        section.body = section.body.map(subtitles)
        return .section(section)
    }

    /// Moves sections one level up.
    private static func shifted(_ block: RSTBlock) -> RSTBlock {
        guard case .section(var section) = block else { return block }
        section.depth -= 1
        section.body = section.body.map { shifted($0) }
        return .section(section)
    }
}
