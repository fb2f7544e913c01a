#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import GesprekKit

/// The sessions a host holds, by handle. A handle is a number, never an address, and never given
/// twice: a closed, freed or made-up handle finds nothing here and gets an error instead of a crash.
/// This table is the only thing the sessions of one process share; each session has its own lock.
enum Handles {
    private static let lock = PlainLock()
    nonisolated(unsafe) private static var sessions: [UInt: OpenedSession] = [:]
    /// Handles count up in steps of 16 from here, so that they look like (aligned) pointers to a host.
    nonisolated(unsafe) private static var last: UInt = 0x6765_0000

    static func add(_ session: OpenedSession) -> OpaquePointer {
        lock.lock()
        defer { lock.unlock() }
        last += 16
        sessions[last] = session
        return OpaquePointer(bitPattern: last)!
    }

    private static func find(_ handle: OpaquePointer?) -> OpenedSession? {
        guard let handle else { return nil }
        lock.lock()
        defer { lock.unlock() }
        return sessions[UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(handle)))]
    }

    private static func remove(_ handle: OpaquePointer) {
        lock.lock()
        defer { lock.unlock() }
        sessions[UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(handle)))] = nil
    }

    /// Runs `body` on the session, one call at a time (the session's lock), and gives its JSON for
    /// the host, or the error's JSON. `body` gives `nil` for "nothing to say" (then so does this).
    static func with(
        _ handle: OpaquePointer?, _ body: (OpenedSession) throws -> String?
    ) -> UnsafeMutablePointer<CChar>? {
        guard let handle else { return APIError(.nullArgument("session"), language: .nl).json.cString }
        guard let session = find(handle) else { return APIError(.noSession, language: .nl).json.cString }
        return session.serialised({ $0.json.cString }) {
            do {
                return try body(session)?.cString
            } catch let error as APIError {
                return error.json.cString
            } catch {
                return APIError(.internalError, language: session.language).json.cString
            }
        }
    }

    /// Closes the session and forgets its handle; on failure (lines that cannot be written yet)
    /// the session stays, `closing`, and `gesprek_close` may be called again.
    static func close(_ handle: OpaquePointer?) -> APIError? {
        guard let handle else { return APIError(.nullArgument("session"), language: .nl) }
        guard let session = find(handle) else { return APIError(.noSession, language: .nl) }
        let outcome: APIError? = session.serialised({ $0 }) {
            if let error = session.close() { return error }
            remove(handle)
            return nil
        }
        return outcome
    }

    /// Closes the session if it can, frees it in any case, and forgets its handle: how many lines were lost.
    static func discard(_ handle: OpaquePointer?) -> Result<Int, APIError> {
        guard let handle else { return .failure(APIError(.nullArgument("session"), language: .nl)) }
        guard let session = find(handle) else { return .failure(APIError(.noSession, language: .nl)) }
        return session.serialised({ .failure($0) }) {
            let lost = session.discard()
            remove(handle)
            return .success(lost)
        }
    }
}
