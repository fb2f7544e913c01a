#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A JSON value of any shape, read and written with FoundationEssentials' `JSONDecoder` and
/// `JSONEncoder` where `JSONSerialization` (Foundation proper, and so ICU) was used before.
/// ``any`` and ``init(any:)`` give the loose `[String: Any]` trees callers walk with `as?`:
/// objects, arrays, `String`, `Bool`, `Int` (or `Double` for other numbers) and ``JSONNull``.
package enum JSONTree: Codable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONTree])
    case object([String: JSONTree])

    package init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let int = try? container.decode(Int.self) {
            self = .int(int)
        } else if let double = try? container.decode(Double.self) {
            self = .double(double)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONTree].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: JSONTree].self))
        }
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(value): try container.encode(value)
        case let .int(value): try container.encode(value)
        case let .double(value): try container.encode(value)
        case let .string(value): try container.encode(value)
        case let .array(value): try container.encode(value)
        case let .object(value): try container.encode(value)
        }
    }

    /// The value of a loose tree; anything that is no JSON value becomes `null`.
    package init(any value: Any?) {
        switch value {
        case nil, is JSONNull: self = .null
        case let bool as Bool: self = .bool(bool)
        case let int as Int: self = .int(int)
        case let int as Int64: self = .int(Int(int))
        case let double as Double: self = double.isFinite ? .double(double) : .null
        case let string as String: self = .string(string)
        case let object as [String: Any]: self = .object(object.mapValues { JSONTree(any: $0) })
        case let array as [Any]: self = .array(array.map { JSONTree(any: $0) })
        default: self = .null
        }
    }

    /// As a loose tree.
    package var any: Any {
        switch self {
        case .null: JSONNull()
        case let .bool(value): value
        case let .int(value): value
        case let .double(value): value
        case let .string(value): value
        case let .array(value): value.map(\.any)
        case let .object(value): value.mapValues(\.any)
        }
    }

    /// The JSON value in `bytes` (any value, not only an object) as a loose tree, or `nil`.
    package static func parse(_ bytes: some Sequence<UInt8>) -> Any? {
        (try? JSONDecoder().decode(JSONTree.self, from: Data(bytes)))?.any
    }
}

/// JSON's `null` in a loose tree (what `NSNull` was).
package struct JSONNull: Equatable, Sendable {
    package init() {}
}
