#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Why a transcript file could not be opened or written. The reason names the
/// system error only, never the content, so it is safe to show and to log.
public struct TranscriptFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    /// The `errno` behind it.
    public let code: Int32

    init(errno code: Int32) {
        self.init(code: code, reason: String(cString: strerror(code)))
    }

    /// For a sink of the host's own: the `errno` (0 when there is none) and the system's text.
    public init(code: Int32, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The file was unlinked while the session had it open: what is written goes nowhere.
    public static let removed = TranscriptFileError(code: ENOENT, reason: "the file was removed while open")

    /// The folder belongs to another user or others can change it (see ``TranscriptExposure/control(of:)``).
    public static let folderNotPrivate = TranscriptFileError(
        code: EPERM, reason: "the folder belongs to another user or others can create and remove files in it")

    public var description: String { reason }
}
