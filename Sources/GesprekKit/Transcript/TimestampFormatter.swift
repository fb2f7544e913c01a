import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Formats wall-clock times as ISO 8601 with milliseconds and the local
/// offset (`2026-11-23T10:41:07.512+01:00`). Hand-rolled because it runs for
/// every event and Foundation's formatters are slow on Linux.
/// It remembers the last second it formatted, since events come many a second.
final class TimestampFormatter {
    private var cachedSecond: time_t = -1
    private var cachedPrefix = ""
    private var cachedOffset = ""

    func string(from date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        var whole = time_t(seconds.rounded(.down))
        var millis = Int(((seconds - Double(whole)) * 1000).rounded())
        if millis == 1000 { whole += 1; millis = 0 }
        if whole == cachedSecond { return cachedPrefix + pad(millis, 3) + cachedOffset }
        var parts = tm()
        localtime_r(&whole, &parts)
        let offset = parts.tm_gmtoff
        let sign = offset < 0 ? "-" : "+"
        let offsetMinutes = abs(offset) / 60
        let offsetHours = Int(offsetMinutes / 60)
        let offsetRest = Int(offsetMinutes % 60)
        cachedSecond = whole
        cachedPrefix = "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1))-\(pad(Int(parts.tm_mday)))"
            + "T\(pad(Int(parts.tm_hour))):\(pad(Int(parts.tm_min))):\(pad(Int(parts.tm_sec)))."
        cachedOffset = "\(sign)\(pad(offsetHours)):\(pad(offsetRest))"
        return cachedPrefix + pad(millis, 3) + cachedOffset
    }

    private func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
