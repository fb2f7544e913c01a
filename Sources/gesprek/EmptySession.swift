#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import GesprekKit

/// A session that recorded no event at all (only `help`, `summary` or
/// `history`, or opened and quit at once) leaves no transcript: the file
/// made at the start holds nothing but its header and closing record, and a
/// caseload would count it as a conversation that missed every dimension.
/// The file is still made at the start, so that the first event is written
/// and synced exactly as before; it is taken away only after the session is
/// closed with no event in it.
enum EmptySession {
    /// Removes the closed transcript of `session` when it holds no event and is
    /// still the file made at the start (not one the advisor saved elsewhere).
    /// Says so on stderr; returns whether it removed the file.
    static func discard(_ session: Session, file: TranscriptFile) -> Bool {
        guard session.eventCount == 0, TranscriptRescue.path(of: session) == file.url.path else { return false }
        guard unlink(file.url.path) == 0 else { return false }
        Terminal.info(
            say(
                "Geen regels vastgelegd; er is geen transcript bewaard.",
                "No lines recorded; no transcript was kept."))
        return true
    }
}
