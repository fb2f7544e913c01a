#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

// Small text, path and time helpers in place of Foundation proper (NSString, CharacterSet,
// String(format:), ISO8601DateFormatter): any call into it links ICU's 34 MB of data into the
// static binary (docs/packaging.md#size). Only FoundationEssentials and the C library are used.

extension StringProtocol {
    /// Without spaces and tabs at either end: what `trimmingCharacters(in: .whitespaces)` gave
    /// (Unicode's space separators and the tab).
    package func trimmingSpaces() -> String {
        trimmingScalars { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
    }

    /// Without white space and line ends at either end: what
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gave.
    package func trimmingWhitespace() -> String {
        trimmingScalars { scalar in
            switch scalar {
            case "\t", "\n", "\u{0B}", "\u{0C}", "\r", "\u{85}", "\u{2028}", "\u{2029}": true
            default: scalar.properties.generalCategory == .spaceSeparator
            }
        }
    }

    /// Without the Unicode scalars that `drop` accepts at either end.
    package func trimmingScalars(where drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !drop($0) })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// Every occurrence of `target` replaced by `replacement`, matched scalar by scalar from the
    /// left (what `replacingOccurrences(of:with:)` did for the plain targets gesprek uses).
    package func replacingEvery(_ target: String, with replacement: String) -> String {
        let needle = Array(target.unicodeScalars)
        let hay = Array(unicodeScalars)
        guard !needle.isEmpty, hay.count >= needle.count else { return String(self) }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < hay.count {
            if hay[i] == needle[0], i + needle.count <= hay.count, hay[i..<i + needle.count].elementsEqual(needle) {
                out.append(contentsOf: replacement.unicodeScalars)
                i += needle.count
            } else {
                out.append(hay[i])
                i += 1
            }
        }
        return String(out)
    }

    /// Whether `other` occurs in it, compared scalar by scalar.
    package func containsText<Other: StringProtocol>(_ other: Other) -> Bool {
        let needle = Array(other.unicodeScalars)
        if needle.isEmpty { return true }
        let hay = Array(unicodeScalars)
        guard hay.count >= needle.count else { return false }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] {
            if hay[i..<i + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }

    /// Exactly `length` UTF-16 units: padded with spaces or cut, as
    /// `padding(toLength:withPad: " ", startingAt: 0)` did.
    package func paddedOrCut(toLength length: Int) -> String {
        let units = utf16.count
        if units < length { return String(self) + String(repeating: " ", count: length - units) }
        return String(decoding: Array(utf16.prefix(length)), as: UTF16.self)
    }
}

/// Paths as text, the way NSString did them.
package enum PathText {
    /// The current user's home folder: `$HOME`, else the password database.
    package static func home() -> String {
        if let home = getenv("HOME"), home.pointee != 0 { return String(cString: home) }
        if let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir { return String(cString: dir) }
        return "/"
    }

    /// `~` and `~/…` with the home folder, `~name/…` with that user's; anything else as it is.
    package static func expandingTilde(_ path: String) -> String {
        guard path.hasPrefix("~") else { return path }
        let rest = path.dropFirst()
        let user = rest.prefix { $0 != "/" }
        let tail = String(rest.dropFirst(user.count))
        let base: String
        if user.isEmpty {
            base = home()
        } else {
            guard let entry = getpwnam(String(user)), let dir = entry.pointee.pw_dir else { return path }
            base = String(cString: dir)
        }
        let joined = base.hasSuffix("/") && tail.hasPrefix("/") ? base + tail.dropFirst() : base + tail
        return standardizedSlashes(joined)
    }

    /// Without its last component, as `NSString.deletingLastPathComponent`: `/a/b` → `/a`,
    /// `/a` → `/`, `a` → ``, `/` → `/`.
    package static func deletingLastComponent(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        var head = trimmed[..<slash]
        while head.count > 1, head.hasSuffix("/") { head = head.dropLast() }
        return String(head)
    }

    private static func standardizedSlashes(_ path: String) -> String {
        var out = ""
        var lastSlash = false
        for c in path {
            if c == "/" && lastSlash { continue }
            lastSlash = c == "/"
            out.append(c)
        }
        if out.count > 1, out.hasSuffix("/") { out.removeLast() }
        return out
    }
}

/// A pthread mutex, where Foundation's `NSLock` (or, `recursive`, `NSRecursiveLock`) would link
/// ICU into gesprek.
package final class PlainLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    /// `recursive`: the thread holding it may lock it again (and unlocks as often).
    package init(recursive: Bool = false) {
        var attributes = pthread_mutexattr_t()
        pthread_mutexattr_init(&attributes)
        if recursive { pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_RECURSIVE)) }
        pthread_mutex_init(mutex, &attributes)
        pthread_mutexattr_destroy(&attributes)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    package func lock() { pthread_mutex_lock(mutex) }

    package func unlock() { pthread_mutex_unlock(mutex) }
}

/// Times in UTC as text, with the C library.
package enum UTCStamp {
    /// `2026-11-23`.
    package static func day(_ date: Date) -> String {
        let p = parts(date)
        return "\(digits(Int(p.tm_year) + 1900, 4))-\(digits(Int(p.tm_mon) + 1))-\(digits(Int(p.tm_mday)))"
    }

    /// `2026-11-23T09:41:07Z`.
    package static func dateTime(_ date: Date) -> String {
        let p = parts(date)
        return day(date) + "T\(digits(Int(p.tm_hour))):\(digits(Int(p.tm_min))):\(digits(Int(p.tm_sec)))Z"
    }

    /// `value` with leading zeros to `width` digits (negative values keep their sign in front).
    package static func digits(_ value: Int, _ width: Int = 2) -> String {
        let text = String(abs(value))
        let padded = String(repeating: "0", count: max(0, width - text.count)) + text
        return value < 0 ? "-" + padded : padded
    }

    private static func parts(_ date: Date) -> tm {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var p = tm()
        gmtime_r(&time, &p)
        return p
    }
}

#if canImport(FoundationEssentials)
    /// What `FileManager.fileExists(atPath:isDirectory:)` fills in: `Bool` in FoundationEssentials.
    package typealias DirectoryFlag = Bool

    extension Bool {
        /// The flag itself, so that code reads the same as with `ObjCBool`.
        package var boolValue: Bool { self }
    }
#else
    package typealias DirectoryFlag = ObjCBool
#endif
