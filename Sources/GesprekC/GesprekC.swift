// The C interface of gesprek: `include/gesprek.h` declares these functions; the JSON they take and
// give is `Sources/GesprekC/gesprek-c.schema.json`. Every string given back is made with malloc and
// freed by the host with gesprek_free. Nothing a host passes in may crash it: each argument is
// checked, and a mistake comes back as `{"error": {"code", "message", "hint"}}`.
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

/// gesprek's version, a static string: never freed.
nonisolated(unsafe) private let versionString: UnsafeMutablePointer<CChar> = strdup(GesprekKit.version)!

@_cdecl("gesprek_version")
public func gesprek_version() -> UnsafePointer<CChar> {
    UnsafePointer(versionString)
}

@_cdecl("gesprek_free")
public func gesprek_free(_ text: UnsafeMutablePointer<CChar>?) {
    free(text)
}

@_cdecl("gesprek_open")
public func gesprek_open(
    _ options: UnsafePointer<CChar>?, _ errorOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> OpaquePointer? {
    errorOut?.pointee = nil
    do {
        let opened = try OpenedSession.open(optionsJSON: options)
        return Handles.add(opened)
    } catch let failure as APIError {
        errorOut?.pointee = failure.json.cString
        return nil
    } catch {
        errorOut?.pointee = APIError(.cannotOpen, language: .nl).json.cString
        return nil
    }
}

@_cdecl("gesprek_execute")
public func gesprek_execute(_ handle: OpaquePointer?, _ line: UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>? {
    Handles.with(handle) { session in
        guard let line else { throw APIError(.nullArgument("line"), language: session.language) }
        try session.requireOpen()
        return session.execute(line)
    }
}

@_cdecl("gesprek_complete")
public func gesprek_complete(_ handle: OpaquePointer?, _ line: UnsafePointer<CChar>?, _ cursor: Int) -> UnsafeMutablePointer<CChar>? {
    Handles.with(handle) { session in
        let (text, offset) = try session.textAndCursor(line, cursor)
        return session.complete(text, cursorBytes: offset)
    }
}

@_cdecl("gesprek_inspect")
public func gesprek_inspect(_ handle: OpaquePointer?, _ line: UnsafePointer<CChar>?, _ cursor: Int) -> UnsafeMutablePointer<CChar>? {
    Handles.with(handle) { session in
        let (text, offset) = try session.textAndCursor(line, cursor)
        return session.inspect(text, cursorBytes: offset)
    }
}

@_cdecl("gesprek_summary")
public func gesprek_summary(_ handle: OpaquePointer?, _ format: UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>? {
    Handles.with(handle) { session in
        let name = format.flatMap { String(validatingCString: $0) } ?? "text"
        guard let output = SummaryOutput(rawValue: name) else {
            throw APIError(.unknownFormat, language: session.language)
        }
        return session.summary(output)
    }
}

@_cdecl("gesprek_info")
public func gesprek_info(_ handle: OpaquePointer?) -> UnsafeMutablePointer<CChar>? {
    Handles.with(handle) { session in session.info() }
}

@_cdecl("gesprek_register")
public func gesprek_register(
    _ handle: OpaquePointer?, _ command: UnsafePointer<CChar>?, _ handler: HostHandler?, _ release: HostRelease?,
    _ context: UnsafeMutableRawPointer?, _ errorOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
    errorOut?.pointee = nil
    let result = Handles.with(handle) { session -> String? in
        guard let handler else { throw APIError(.nullArgument("handler"), language: session.language) }
        try session.requireOpen()
        try session.register(command, handler: handler, release: release, context: context)
        return nil
    }
    guard let result else { return 0 }
    errorOut?.pointee = result
    if errorOut == nil { free(result) }
    return -1
}

@_cdecl("gesprek_save")
public func gesprek_save(_ handle: OpaquePointer?, _ path: UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>? {
    Handles.with(handle) { session in try session.save(path) }
}

@_cdecl("gesprek_discard")
public func gesprek_discard(_ handle: OpaquePointer?, _ errorOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    errorOut?.pointee = nil
    switch Handles.discard(handle) {
    case let .success(lost): return Int32(clamping: lost)
    case let .failure(error):
        errorOut?.pointee = error.json.cString
        return -1
    }
}

@_cdecl("gesprek_close")
public func gesprek_close(_ handle: OpaquePointer?, _ errorOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    errorOut?.pointee = nil
    guard let error = Handles.close(handle) else { return 0 }
    errorOut?.pointee = error.json.cString
    return -1
}

/// A host command's handler: gets the context and the invocation's JSON; gives the answer's JSON.
public typealias HostHandler = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>?
/// Gives a handler's answer back to the host once gesprek has read it.
public typealias HostRelease = @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<CChar>?) -> Void

extension String {
    /// A copy for the host, made with malloc (the host frees it with gesprek_free).
    var cString: UnsafeMutablePointer<CChar> { strdup(self)! }
}
