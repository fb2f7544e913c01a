#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import GesprekKit

/// `gesprek lsp`: a Language Server Protocol server for `.gesprek` scripts
/// and `.scenario` files, over stdin and stdout. Single-threaded: it reads a
/// message, handles it and writes the reply; before a request it reads what
/// else is waiting, so that a `$/cancelRequest` sent after it is seen.
final class LSPServer {
    private let transport: LSPTransport
    private var documents: [String: LSPDocument] = [:]
    private var encoding = PositionEncoding.utf16
    private var language: DisplayLanguage
    private var initialized = false
    private var shuttingDown = false
    /// Messages read ahead while looking for cancellations.
    private var queue: [[String: Any]] = []
    private var cancelled: Set<String> = []
    /// A session that records nothing, for the completions of the conversation language.
    private lazy var completionSession: Session? = try? Session(configuration: SessionConfiguration(language: language))

    /// Exit codes: 0 after `shutdown` and `exit`; 1 for `exit` (or the end of the input) without `shutdown`, as
    /// the protocol says; 65 when a message claims a body too large to read.
    init(transport: LSPTransport = LSPTransport(), language: DisplayLanguage) {
        self.transport = transport
        self.language = language
    }

    // MARK: - JSON-RPC error codes

    private enum ErrorCode: Int {
        case parseError = -32700
        case invalidRequest = -32600
        case methodNotFound = -32601
        case invalidParams = -32602
        case serverNotInitialized = -32002
        case requestCancelled = -32800
    }

    private func say(_ dutch: String, _ english: String) -> String { language.pick(dutch, english) }

    private func reply(_ id: Any, _ result: Any?) {
        transport.send(["jsonrpc": "2.0", "id": id, "result": result ?? JSONNull()])
    }

    private func fail(_ id: Any?, _ code: ErrorCode, _ message: String) {
        transport.send(["jsonrpc": "2.0", "id": id ?? JSONNull(), "error": ["code": code.rawValue, "message": message]])
    }

    private func notify(_ method: String, _ params: [String: Any]) {
        transport.send(["jsonrpc": "2.0", "method": method, "params": params])
    }

    // MARK: - The loop

    /// Serves until `exit` or the end of the input; returns the exit code.
    func run() -> Int32 {
        while true {
            let message: [String: Any]
            if !queue.isEmpty {
                message = queue.removeFirst()
            } else {
                guard let incoming = transport.next() else { continue }
                switch decode(incoming) {
                case let .message(decoded): message = decoded
                case .skip: continue
                case let .stop(code): return code
                }
            }
            if let code = handle(message) { return code }
            if transport.outputClosed { return 1 }
        }
    }

    private enum Decoded {
        case message([String: Any])
        case skip
        case stop(Int32)
    }

    private func decode(_ incoming: LSPTransport.Incoming) -> Decoded {
        switch incoming {
        case .end:
            return .stop(shuttingDown ? 0 : 1)
        case let .tooLarge(length):
            fail(
                nil, .invalidRequest,
                say(
                    "bericht te groot (\(length) bytes; hoogstens \(LSPTransport.largestBody))",
                    "message too large (\(length) bytes; at most \(LSPTransport.largestBody))"))
            return .stop(65)
        case .badHeader:
            fail(nil, .parseError, say("kopregels zonder geldige Content-Length", "header without a valid Content-Length"))
            return .skip
        case let .body(bytes):
            guard let object = JSONTree.parse(bytes) else {
                fail(nil, .parseError, say("geen geldige JSON", "not valid JSON"))
                return .skip
            }
            guard let message = object as? [String: Any] else {
                fail(nil, .invalidRequest, say("een bericht moet een JSON-object zijn", "a message must be a JSON object"))
                return .skip
            }
            return .message(message)
        }
    }

    /// Reads every whole message that waits, noting cancellations.
    private func readAhead() {
        while transport.hasWaitingMessage(), let incoming = transport.next(wait: false) {
            switch decode(incoming) {
            case let .message(message):
                if message["method"] as? String == "$/cancelRequest", let id = (message["params"] as? [String: Any])?["id"] {
                    cancelled.insert(Self.key(id))
                } else {
                    queue.append(message)
                }
            case .skip: continue
            case .stop:
                // Handled when the loop reads on and meets the end again.
                return
            }
        }
    }

    private static func key(_ id: Any) -> String {
        if let number = id as? Int { return "n\(number)" }
        if let number = id as? Double { return "n\(Int64(exactly: number.rounded(.towardZero)) ?? 0)" }
        return "s\(id)"
    }

    /// Handles one message; an exit code when the server should stop.
    private func handle(_ message: [String: Any]) -> Int32? {
        let id = message["id"]
        if let id, !(id is JSONNull), !(id is String), !(id is Int), !(id is Double) {
            fail(nil, .invalidRequest, say("ongeldige id", "invalid id"))
            return nil
        }
        guard let method = message["method"] as? String else {
            // A response to something the server never asks, or no method at all.
            if message["result"] == nil, message["error"] == nil {
                fail(id, .invalidRequest, say("bericht zonder method", "message without a method"))
            }
            return nil
        }
        let params = message["params"] as? [String: Any] ?? [:]
        guard let id, !(id is JSONNull) else {
            return notification(method, params)
        }
        readAhead()
        if cancelled.remove(Self.key(id)) != nil {
            fail(id, .requestCancelled, say("geannuleerd", "cancelled"))
            return nil
        }
        if method == "initialize" {
            reply(id, initialize(params))
            return nil
        }
        guard initialized else {
            fail(id, .serverNotInitialized, say("eerst initialize", "initialize first"))
            return nil
        }
        if shuttingDown {
            fail(id, .invalidRequest, say("de server sluit af", "the server is shutting down"))
            return nil
        }
        do {
            reply(id, try request(method, params))
        } catch let error as RequestError {
            fail(id, error.code, error.message)
        } catch {
            fail(id, .invalidParams, "\(error)")
        }
        return nil
    }

    private struct RequestError: Error {
        var code: ErrorCode
        var message: String
    }

    private func notification(_ method: String, _ params: [String: Any]) -> Int32? {
        switch method {
        case "exit":
            return shuttingDown ? 0 : 1
        case "initialized", "$/cancelRequest", "$/setTrace", "workspace/didChangeConfiguration":
            return nil
        case "textDocument/didOpen":
            guard initialized, let item = params["textDocument"] as? [String: Any], let uri = item["uri"] as? String,
                let text = item["text"] as? String
            else { return nil }
            let document = LSPDocument(
                uri: uri, languageID: item["languageId"] as? String ?? "", version: item["version"] as? Int ?? 0, text: text)
            documents[uri] = document
            publishDiagnostics(document)
        case "textDocument/didChange":
            guard let item = params["textDocument"] as? [String: Any], let uri = item["uri"] as? String,
                let document = documents[uri], let changes = params["contentChanges"] as? [[String: Any]]
            else { return nil }
            for change in changes {
                guard let text = change["text"] as? String else { continue }
                document.apply(range: Self.range(change["range"]), text: text, encoding: encoding)
            }
            document.version = item["version"] as? Int ?? document.version
            // Another change to the same document already waiting: its diagnostics will say it all.
            readAhead()
            let superseded = queue.contains { next in
                next["method"] as? String == "textDocument/didChange"
                    && ((next["params"] as? [String: Any])?["textDocument"] as? [String: Any])?["uri"] as? String == uri
            }
            if !superseded { publishDiagnostics(document) }
        case "textDocument/didClose":
            guard let uri = (params["textDocument"] as? [String: Any])?["uri"] as? String else { return nil }
            documents[uri] = nil
            notify("textDocument/publishDiagnostics", ["uri": uri, "diagnostics": [Any]()])
        default:
            return nil
        }
        return nil
    }

    private static func position(_ value: Any?) -> (line: Int, character: Int)? {
        guard let object = value as? [String: Any], let line = object["line"] as? Int, let character = object["character"] as? Int
        else { return nil }
        return (line, character)
    }

    private static func range(_ value: Any?) -> (start: (line: Int, character: Int), end: (line: Int, character: Int))? {
        guard let object = value as? [String: Any], let start = position(object["start"]), let end = position(object["end"]) else {
            return nil
        }
        return (start, end)
    }

    // MARK: - initialize

    private func initialize(_ params: [String: Any]) -> [String: Any] {
        initialized = true
        if let locale = params["locale"] as? String {
            language = locale.lowercased().hasPrefix("en") ? .en : .nl
        }
        let offered = ((params["capabilities"] as? [String: Any])?["general"] as? [String: Any])?["positionEncodings"] as? [String]
        encoding = offered?.contains("utf-8") == true ? .utf8 : .utf16
        return [
            "capabilities": [
                "positionEncoding": encoding.rawValue,
                "textDocumentSync": ["openClose": true, "change": 2],
                "completionProvider": ["triggerCharacters": ["#", " ", "=", "\""], "resolveProvider": false],
                "hoverProvider": true,
                "definitionProvider": true,
                "referencesProvider": true,
                "renameProvider": ["prepareProvider": true],
                "documentSymbolProvider": true,
                "foldingRangeProvider": true,
                "semanticTokensProvider": [
                    "legend": ["tokenTypes": Self.tokenTypes, "tokenModifiers": ["declaration"]],
                    "full": true,
                ],
            ] as [String: Any],
            "serverInfo": ["name": "gesprek", "version": GesprekKit.version],
        ]
    }

    /// The semantic token types, in the order of ``ScriptOutline/WordKind``.
    static let tokenTypes = [
        "keyword", "function", "decorator", "enumMember", "number", "namespace", "variable", "type", "property", "string",
        "comment", "operator",
    ]

    // MARK: - Requests

    private func document(_ params: [String: Any]) throws -> LSPDocument {
        guard let uri = (params["textDocument"] as? [String: Any])?["uri"] as? String else {
            throw RequestError(code: .invalidParams, message: say("textDocument ontbreekt", "textDocument is missing"))
        }
        guard let document = documents[uri] else {
            throw RequestError(code: .invalidParams, message: say("document is niet geopend", "document is not open"))
        }
        return document
    }

    /// The document and the 1-based line and column of `params.position`.
    private func place(_ params: [String: Any]) throws -> (LSPDocument, line: Int, column: Int, character: Int) {
        let document = try document(params)
        guard let position = Self.position(params["position"]) else {
            throw RequestError(code: .invalidParams, message: say("position ontbreekt", "position is missing"))
        }
        return (
            document, position.line + 1, document.column(line: position.line, character: position.character, encoding), position.character
        )
    }

    private func request(_ method: String, _ params: [String: Any]) throws -> Any? {
        switch method {
        case "shutdown":
            shuttingDown = true
            return nil
        case "textDocument/completion":
            let (document, line, column, _) = try place(params)
            return completion(document, line: line, column: column)
        case "textDocument/hover":
            let (document, line, column, _) = try place(params)
            guard let (text, span) = document.outline.hover(line: line, column: column, language: language) else { return nil }
            return ["contents": ["kind": "markdown", "value": text], "range": document.range(span, encoding)]
        case "textDocument/definition":
            let (document, line, column, _) = try place(params)
            guard let occurrence = document.outline.occurrence(line: line, column: column),
                let definition = document.outline.definition(of: occurrence)
            else { return nil }
            return ["uri": document.uri, "range": document.range(definition.span, encoding)]
        case "textDocument/references":
            let (document, line, column, _) = try place(params)
            guard let occurrence = document.outline.occurrence(line: line, column: column) else { return nil }
            let declarations = (params["context"] as? [String: Any])?["includeDeclaration"] as? Bool ?? true
            return document.outline.references(of: occurrence).filter { declarations || !$0.isDefinition }
                .map { ["uri": document.uri, "range": document.range($0.span, encoding)] }
        case "textDocument/prepareRename":
            let (document, line, column, _) = try place(params)
            guard let occurrence = document.outline.occurrence(line: line, column: column) else { return nil }
            return ["range": document.range(occurrence.span, encoding), "placeholder": occurrence.name]
        case "textDocument/rename":
            let (document, line, column, _) = try place(params)
            return try rename(document, line: line, column: column, to: params["newName"] as? String ?? "")
        case "textDocument/documentSymbol":
            return try symbols(document(params))
        case "textDocument/foldingRange":
            return try document(params).outline.folds.map { ["startLine": $0.startLine - 1, "endLine": $0.endLine - 1] }
        case "textDocument/semanticTokens/full":
            return ["data": try semanticTokens(document(params))]
        default:
            throw RequestError(code: .methodNotFound, message: say("onbekende methode: \(method)", "unknown method: \(method)"))
        }
    }

    // MARK: - Diagnostics

    /// What `gesprek check` reports, as the editor shows it.
    private func publishDiagnostics(_ document: LSPDocument) {
        let text = document.text
        let diagnostics =
            document.isScenario
            ? Scenario.check(text)
            : Session.check(script: text, configuration: SessionConfiguration(language: language))
        let items: [[String: Any]] = diagnostics.map { diagnostic in
            var message = diagnostic.message(in: language)
            if let hint = diagnostic.hint(in: language) { message += "\n\(language.pick("tip", "hint")): \(hint)" }
            return [
                "range": document.range(
                    line: diagnostic.location.line, column: diagnostic.location.column, length: diagnostic.length, encoding),
                "severity": diagnostic.severity == .error ? 1 : 2,
                "source": "gesprek",
                "message": message,
            ]
        }
        notify("textDocument/publishDiagnostics", ["uri": document.uri, "version": document.version, "diagnostics": items])
    }

    // MARK: - Rename

    private func rename(_ document: LSPDocument, line: Int, column: Int, to newName: String) throws -> Any? {
        guard let occurrence = document.outline.occurrence(line: line, column: column) else { return nil }
        let trimmed = newName.trimmingSpaces()
        let replacement: String
        switch occurrence.kind {
        case .label, .counter:
            guard !trimmed.isEmpty, !trimmed.contains(where: { $0.isWhitespace || $0 == "\"" }), !trimmed.hasPrefix("#") else {
                throw RequestError(
                    code: .invalidParams,
                    message: say(
                        "een label of teller is één woord zonder # of aanhalingstekens",
                        "a label or counter is one word without # or quotes"))
            }
            replacement = trimmed
        case .name:
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), !trimmed.contains(where: { $0.isNewline }) else {
                throw RequestError(code: .invalidParams, message: say("ongeldige naam", "invalid name"))
            }
            replacement = ScriptOutline.quoted(trimmed)
        }
        let edits = document.outline.references(of: occurrence).map {
            ["range": document.range($0.span, encoding), "newText": replacement] as [String: Any]
        }
        return ["changes": [document.uri: edits]]
    }

    // MARK: - Symbols

    private func symbols(_ document: LSPDocument) -> [[String: Any]] {
        let outline = document.outline
        func symbol(_ s: ScriptOutline.Symbol) -> [String: Any] {
            let kind: Int =
                switch s.kind {
                case .part: 2  // Module
                case .mark: 24  // Event
                case .expectation: 7  // Property
                case .plan: 12  // Function
                }
            let last = document.line(s.endLine - 1)
            let range: [String: Any] = [
                "start": ["line": s.span.line - 1, "character": 0],
                "end": ["line": s.endLine - 1, "character": encoding.count(last)],
            ]
            return [
                "name": s.name.isEmpty ? s.kind.rawValue : s.name, "detail": s.kind.rawValue, "kind": kind, "range": range,
                "selectionRange": document.range(s.span, encoding),
            ]
        }
        var result: [[String: Any]] = []
        var currentPart: Int?
        for s in outline.symbols {
            if s.kind == .part {
                result.append(symbol(s))
                currentPart = result.count - 1
                continue
            }
            if let part = currentPart, s.kind == .mark || s.kind == .expectation,
                let range = result[part]["range"] as? [String: Any], let end = range["end"] as? [String: Any],
                let endLine = end["line"] as? Int, s.span.line - 1 <= endLine
            {
                var children = result[part]["children"] as? [[String: Any]] ?? []
                children.append(symbol(s))
                result[part]["children"] = children
            } else {
                if s.kind == .plan { currentPart = nil }
                result.append(symbol(s))
            }
        }
        return result
    }

    // MARK: - Semantic tokens

    private func semanticTokens(_ document: LSPDocument) -> [Int] {
        let outline = document.outline
        let definitions = Set(outline.occurrences.filter(\.isDefinition).map(\.span))
        let tokens = outline.words.sorted { ($0.span.line, $0.span.column) < ($1.span.line, $1.span.column) }
        var data: [Int] = []
        data.reserveCapacity(tokens.count * 5)
        var previousLine = 0
        var previousStart = 0
        var lastEnd = (line: -1, character: 0)
        for token in tokens {
            let line = token.span.line - 1
            let text = document.line(line)
            let before = text.prefix(max(0, token.span.column - 1))
            let start = encoding.count(before)
            let length = encoding.count(text.dropFirst(before.count).prefix(token.span.length))
            guard length > 0, line > lastEnd.line || start >= lastEnd.character else { continue }
            data += [
                line - previousLine, line == previousLine ? start - previousStart : start, length, token.kind.rawValue,
                definitions.contains(token.span) ? 1 : 0,
            ]
            previousLine = line
            previousStart = start
            lastEnd = (line, start + length)
        }
        return data
    }

    // MARK: - Completion

    private func completion(_ document: LSPDocument, line: Int, column: Int) -> [String: Any] {
        let text = document.line(line - 1)
        let prefix = String(text.prefix(column - 1))
        let outline = document.outline
        var items = LSPCompletion.candidates(
            prefix: prefix, line: line, outline: outline, session: completionSession, language: language)
        let partial = LSPCompletion.words(prefix).last ?? ""
        let startCharacter = encoding.count(prefix) - encoding.count(partial)
        let range: [String: Any] = [
            "start": ["line": line - 1, "character": startCharacter],
            "end": ["line": line - 1, "character": encoding.count(prefix)],
        ]
        items = items.filter { $0.word.lowercased().hasPrefix(partial.lowercased()) }
        var seen: Set<String> = []
        let list: [[String: Any]] = items.compactMap { item in
            guard seen.insert(item.word).inserted else { return nil }
            var entry: [String: Any] = [
                "label": item.word, "kind": item.kind,
                "textEdit": ["range": range, "newText": item.word],
                "filterText": item.word,
            ]
            if let detail = item.detail { entry["detail"] = detail }
            if let documentation = item.documentation { entry["documentation"] = ["kind": "markdown", "value": documentation] }
            return entry
        }
        return ["isIncomplete": false, "items": list]
    }
}
