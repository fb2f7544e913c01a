#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

extension TranscriptFileError {
    /// Why a write failed, as an advisor reads it: the common causes in
    /// words, any other by the system's own text. Never the line's content.
    public func explanation(in language: DisplayLanguage) -> String {
        let l = language
        if self == .removed { return l.pick("het transcriptbestand is verwijderd", "the transcript file was removed") }
        switch code {
        case ENOSPC: return l.pick("de schijf is vol", "the disk is full")
        case EDQUOT: return l.pick("je schijfquotum is op", "your disk quota is used up")
        case EROFS: return l.pick("de schijf is alleen-lezen", "the disk is read-only")
        case EFBIG: return l.pick("de maximale bestandsgrootte is bereikt", "the file size limit is reached")
        case EIO: return l.pick("de schijf geeft een lees- of schrijffout", "the disk reports an input/output error")
        case EBADF: return l.pick("het transcript is al gesloten", "the transcript is closed already")
        default: return reason
        }
    }
}
