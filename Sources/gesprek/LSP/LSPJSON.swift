#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import GesprekKit
#if canImport(Glibc)
    import Glibc
#endif

/// Writes the server's messages as JSON. Foundation's `JSONSerialization`
/// bridges every dictionary and array to its Objective-C twin on Linux, which
/// took over 80% of the time of a completion with 200 items; this writes the
/// Swift values as they are.
enum LSPJSON {
    static func encode(_ value: Any?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, to: &out)
        return out
    }

    private static func write(_ value: Any?, to out: inout [UInt8]) {
        // Swift types first: a dictionary or array tried against a class (such as JSONNull) is bridged to be tried.
        switch value {
        case nil:
            out += Array("null".utf8)
        case let bool as Bool:
            out += Array((bool ? "true" : "false").utf8)
        case let int as Int:
            out += Array(String(int).utf8)
        case let string as String:
            write(string, to: &out)
        case let object as [String: Any]:
            out.append(UInt8(ascii: "{"))
            var first = true
            for (key, element) in object {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                write(key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(element, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case let array as [Any]:
            out.append(UInt8(ascii: "["))
            for (i, element) in array.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case is JSONNull:
            out += Array("null".utf8)
        case let int as Int64:
            out += Array(String(int).utf8)
        case let double as Double:
            out += Array((double.isFinite ? String(double) : "null").utf8)
        default:
            out += Array("null".utf8)
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func write(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                out += Array("\\u00".utf8)
                out += [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
