#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Formats wall-clock times as ISO 8601 with milliseconds and the local
/// offset (`2026-11-23T10:41:07.512+01:00`). Hand-rolled because it runs for
/// every event and Foundation's formatters are slow on Linux.
/// Events come many a second and often several a millisecond, so it keeps
/// the last second's text as bytes with room for the milliseconds, and the
/// last result itself.
final class TimestampFormatter {
    private var cachedSecond: time_t = -1
    /// The cached second's text, with `000` where the milliseconds go.
    private var template: [UInt8] = []
    /// Where the three millisecond digits start in `template`.
    private var millisStart = 0
    private var lastMillis = -1
    private var lastString = ""

    func string(from date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        var whole = time_t(seconds.rounded(.down))
        var millis = Int(((seconds - Double(whole)) * 1000).rounded())
        if millis == 1000 { whole += 1; millis = 0 }
        if whole != cachedSecond { makeTemplate(for: whole) }
        if millis != lastMillis {
            template[millisStart] = UInt8(ascii: "0") + UInt8(millis / 100)
            template[millisStart + 1] = UInt8(ascii: "0") + UInt8(millis / 10 % 10)
            template[millisStart + 2] = UInt8(ascii: "0") + UInt8(millis % 10)
            lastString = String(decoding: template, as: UTF8.self)
            lastMillis = millis
        }
        return lastString
    }

    private func makeTemplate(for second: time_t) {
        var second = second
        var parts = tm()
        localtime_r(&second, &parts)
        let offset = parts.tm_gmtoff
        let sign = offset < 0 ? "-" : "+"
        let offsetMinutes = abs(offset) / 60
        let offsetHours = Int(offsetMinutes / 60)
        let offsetRest = Int(offsetMinutes % 60)
        let prefix =
            "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1))-\(pad(Int(parts.tm_mday)))"
            + "T\(pad(Int(parts.tm_hour))):\(pad(Int(parts.tm_min))):\(pad(Int(parts.tm_sec)))."
        cachedSecond = second
        template = Array((prefix + "000" + "\(sign)\(pad(offsetHours)):\(pad(offsetRest))").utf8)
        millisStart = prefix.utf8.count
        lastMillis = -1
    }

    private func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
