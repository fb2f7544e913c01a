#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import LineEditing

/// libedit is loaded when a line editor is needed (the live session, `train`
/// and `annotate` on a terminal), not when gesprek starts (docs/development.md,
/// "libedit only for the line editor"). Without it those commands say so and end with 69 before
/// anything is drawn or created; everything else works as ever.
enum LineEditorLoading {
    /// Loads libedit, or says why it cannot and throws ``Exit/unavailable``.
    /// Call it first, before a transcript is made or the screen is drawn.
    static func require() throws {
        do {
            try LineEditor.load()
        } catch {
            report(error)
            throw Exit.unavailable
        }
    }

    /// A line editor, or the same message and ``Exit/unavailable`` as ``require()``.
    static func editor(historyFile: URL?) throws -> LineEditor {
        do {
            return try LineEditor(program: "gesprek", historyFile: historyFile)
        } catch {
            report(error)
            throw Exit.unavailable
        }
    }

    private static func report(_ error: LineEditor.Unavailable) {
        Terminal.error(
            say(
                "de regeleditor (libedit) kan niet geladen worden: \(error.reason)",
                "the line editor (libedit) cannot be loaded: \(error.reason)"),
            hint: say(
                "installeer libedit2: sudo apt-get install libedit2 (zonder terminal, met de regels op stdin, werkt gesprek zonder)",
                "install libedit2: sudo apt-get install libedit2 (without a terminal, with the lines on stdin, gesprek works without it)"
            ))
    }
}
