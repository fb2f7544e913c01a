#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Who besides its owner can read a transcript, or see that it exists.
///
/// gesprek makes its own folders 0700 and its files 0600, but a transcript can
/// be copied anywhere (`-o`, `cp`). This looks at the file and the folder it
/// lies in: can the group or everyone read the file, or list the folder?
/// Both only count when they can reach it (every folder above it can be
/// entered), and the group only when it is not the owner's own private group
/// (Debian gives every user a group of their own name).
public struct TranscriptExposure: Sendable, Equatable {
    /// Who besides the owner.
    public enum Audience: Sendable, Equatable {
        /// The members of the file's or folder's group.
        case group
        /// Every user of the machine.
        case everyone
    }

    /// Who can read the file itself; nil when only its owner can.
    public var fileReadableBy: Audience?
    /// Who can list the folder the file lies in; nil when only its owner can.
    public var folderListableBy: Audience?

    /// Whether anyone but the owner can read the file or list its folder.
    public var isExposed: Bool { fileReadableBy != nil || folderListableBy != nil }

    /// Looks at `url` (a transcript that exists, or one about to be created:
    /// then only its folder counts).
    public static func of(_ url: URL) -> TranscriptExposure {
        let folder = url.deletingLastPathComponent()
        let reach = reachability(of: folder)
        var exposure = TranscriptExposure()
        if let file = status(url.path) {
            exposure.fileReadableBy = audience(file, bits: (group: 0o040, everyone: 0o004), reach: reach)
        }
        if let folderStatus = status(folder.path) {
            exposure.folderListableBy = audience(folderStatus, bits: (group: 0o040, everyone: 0o004), reach: reach)
        }
        return exposure
    }

    /// What to say about it, with the fix; nil when nothing is exposed.
    public func warning(for url: URL, in language: DisplayLanguage) -> String? {
        let l = language
        func who(_ audience: Audience) -> String {
            switch audience {
            case .group: l.pick("de groep", "the group")
            case .everyone: l.pick("iedereen op deze computer", "everyone on this computer")
            }
        }
        if let audience = fileReadableBy {
            return l.pick(
                "\(url.path) is leesbaar voor \(who(audience)); een transcript bevat persoonsgegevens\n  tip: chmod 600 \(url.path)",
                "\(url.path) can be read by \(who(audience)); a transcript holds personal data\n  hint: chmod 600 \(url.path)")
        }
        if let audience = folderListableBy {
            let folder = url.deletingLastPathComponent().path
            return l.pick(
                "de map \(folder) is leesbaar voor \(who(audience)); wie daar mag kijken, ziet welke transcripten erin staan"
                    + "\n  tip: chmod 700 \(folder), of bewaar transcripten in een map die alleen jij kunt lezen",
                "the folder \(folder) can be read by \(who(audience)); whoever may look there sees which transcripts it holds"
                    + "\n  hint: chmod 700 \(folder), or keep transcripts in a folder only you can read")
        }
        return nil
    }

    // MARK: - Who can change the folder

    /// Someone besides the owner who can change what a folder holds: swap a
    /// transcript for another, or remove it. A transcript is then not to be
    /// trusted, whatever `verify` says.
    public enum FolderControl: Sendable, Equatable {
        /// The folder belongs to this other user (not root, not you).
        case ownedBy(uid: UInt32)
        /// The group or everyone may create and remove files in it (and it is not sticky, as `/tmp` is).
        case writableBy(Audience)
    }

    /// Who besides you and root can change what `folder` holds; nil when nobody
    /// can, or when the folder does not exist yet (gesprek then makes it, 0700).
    public static func control(of folder: URL) -> FolderControl? {
        guard let info = status(folder.path) else { return nil }
        let me = geteuid()
        if info.st_uid != me, info.st_uid != 0 { return .ownedBy(uid: info.st_uid) }
        guard info.st_mode & S_ISVTX == 0 else { return nil }
        let reach = reachability(of: folder)
        return audience(info, bits: (group: 0o020, everyone: 0o002), reach: reach).map(FolderControl.writableBy)
    }

    /// Whether `folder` itself is a symbolic link: then the transcripts land
    /// wherever it points, which may change without anyone noticing.
    public static func isSymbolicLink(_ folder: URL) -> Bool {
        var info = stat()
        let path = folder.path.hasSuffix("/") && folder.path.count > 1 ? String(folder.path.dropLast()) : folder.path
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    /// What to say about a folder others can change, with the fix.
    public static func message(_ control: FolderControl, folder: URL, in l: DisplayLanguage) -> String {
        let path = VisibleText.escaped(folder.path)
        switch control {
        case let .ownedBy(uid):
            let owner = getpwuid(uid).map { String(cString: $0.pointee.pw_name) } ?? "uid \(uid)"
            return l.pick(
                "de map \(path) is van een andere gebruiker (\(owner)); die kan een transcript erin vervangen of weghalen",
                "the folder \(path) belongs to another user (\(owner)), who can replace or remove a transcript in it")
        case let .writableBy(audience):
            let who =
                audience == .group ? l.pick("de groep", "the group") : l.pick("iedereen op deze computer", "everyone on this computer")
            return l.pick(
                "in de map \(path) kan \(who) bestanden maken en weghalen, dus een transcript erin vervangen",
                "in the folder \(path) \(who) can create and remove files, and so replace a transcript in it")
        }
    }

    /// What to do about a folder others can change.
    public static func hint(_ control: FolderControl, folder: URL, in l: DisplayLanguage) -> String {
        let path = VisibleText.escaped(folder.path)
        switch control {
        case .ownedBy:
            return l.pick(
                "bewaar transcripten in een map van jezelf, zoals de standaardmap",
                "keep transcripts in a folder of your own, such as the default one")
        case .writableBy:
            return l.pick(
                "chmod 700 \(path), of bewaar transcripten in een map die alleen jij kunt wijzigen",
                "chmod 700 \(path), or keep transcripts in a folder only you can change")
        }
    }

    // MARK: - Modes

    /// Whether the group and everyone can get to `folder` (enter every folder on the way).
    private static func reachability(of folder: URL) -> (group: Bool, everyone: Bool) {
        var reach = (group: true, everyone: true)
        var path = folder.standardizedFileURL.path
        while true {
            if let info = status(path) {
                reach.everyone = reach.everyone && info.st_mode & 0o001 != 0
                // The user and group databases (a read of /etc/passwd and /etc/group each) only when the group's bit decides.
                reach.group =
                    reach.group && (info.st_mode & 0o001 != 0 || (info.st_mode & 0o010 != 0 && !isPrivateGroup(info)))
            }
            if path == "/" || path.isEmpty { return reach }
            path = PathText.deletingLastComponent(path)
        }
    }

    private static func audience(_ info: stat, bits: (group: mode_t, everyone: mode_t), reach: (group: Bool, everyone: Bool)) -> Audience? {
        if info.st_mode & bits.everyone != 0, reach.everyone { return .everyone }
        if info.st_mode & bits.group != 0, reach.group, !isPrivateGroup(info) { return .group }
        return nil
    }

    /// A group named after the owner with no other members: only the owner is in it.
    private static func isPrivateGroup(_ info: stat) -> Bool {
        guard let user = getpwuid(info.st_uid), let group = getgrgid(info.st_gid) else { return false }
        guard strcmp(user.pointee.pw_name, group.pointee.gr_name) == 0 else { return false }
        return group.pointee.gr_mem == nil || group.pointee.gr_mem.pointee == nil
    }

    private static func status(_ path: String) -> stat? {
        var info = stat()
        return stat(path, &info) == 0 ? info : nil
    }
}
