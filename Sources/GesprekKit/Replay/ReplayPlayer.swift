#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Streams a transcript's events from the start each time it is called,
/// until the end or until the body throws.
public typealias ReplaySource = ((Event) throws -> Void) throws -> Void

/// Plays a transcript back at its recorded pace, for a case discussion: the
/// second pass, in constant memory. It decides what to show and how long to
/// wait; a ``ReplayConsole`` shows it, waits and reads the keys, on an
/// injected ``ReplayClock``.
///
/// While playing, Space pauses and resumes, Enter shows the next line at
/// once, `n` skips to the next marker, `p` goes back to the previous one
/// (streaming again from the start), `q` quits. In step mode every key
/// (Enter, Space, `j`, →) shows one line. `--pause-at` markers stop the
/// playback until a key. Without keys nothing waits for one.
public struct ReplayPlayer: Sendable {
    /// What the first pass found.
    public var index: ReplayIndex
    /// The part to play.
    public var window: ReplayWindow
    /// 2 plays twice as fast.
    public var speed: Double
    /// The longest wait in seconds, after `speed`; nil keeps every silence.
    public var idleLimit: Double?
    /// One line per key.
    public var step: Bool
    /// The `seq` of the markers to stop at.
    public private(set) var pauseSequences: Set<Int> = []
    /// The team's reflections by the `seq` they are about, each shown right after its line.
    public var reflections: [Int: [Reflection]] = [:]

    /// - Parameter pauseAt: marker labels to stop at (every marker with that label, ignoring case).
    /// - Parameter reflections: the team's reflections (`gesprek annotate`); each is shown after the line it is
    ///   about, and one about a line the transcript does not have after the last line.
    /// - Throws: ``ReplayError/unknownMarker(_:known:)`` for a label the transcript has no marker for.
    public init(
        index: ReplayIndex, window: ReplayWindow = ReplayWindow(), speed: Double = 1, idleLimit: Double? = nil,
        step: Bool = false, pauseAt: [String] = [], reflections: [Reflection] = []
    ) throws {
        self.index = index
        self.reflections = ReflectionText.byMoment(reflections)
        self.window = window
        self.speed = speed
        self.idleLimit = idleLimit
        self.step = step
        for label in pauseAt {
            let matching = index.markers.filter { $0.label.lowercased() == label.lowercased() }
            guard !matching.isEmpty else { throw ReplayError.unknownMarker(label, known: index.markers) }
            pauseSequences.formUnion(matching.map(\.sequence))
        }
    }

    /// Plays `source` on `console`; returns how it ended. Errors of the source are passed on.
    public func play(_ source: ReplaySource, on console: some ReplayConsole, clock: some ReplayClock) throws -> ReplayEnding {
        let run = ReplayRun(player: self, console: console, clock: clock)
        while true {
            do {
                try source { try run.take($0) }
                run.showUnplacedReflections()
                return run.ending(.end)
            } catch let stop as ReplayStop {
                switch stop {
                case .quit: return run.ending(.quit)
                case .until: return run.ending(.until)
                case let .restart(marker): run.skip(to: marker, announce: false)
                }
            }
        }
    }

    /// A source that streams a transcript file (``TranscriptReader/stream(contentsOf:_:)``).
    public static func source(contentsOf url: URL, keyring: TranscriptKeyring? = nil) -> ReplaySource {
        { body in try TranscriptReader.stream(contentsOf: url, keyring: keyring, body) }
    }

    /// A source of events in memory.
    public static func source(_ events: [Event]) -> ReplaySource {
        { body in try events.forEach(body) }
    }

    func pauses(at event: Event) -> Bool {
        guard case .mark = event.body else { return false }
        return pauseSequences.contains(event.sequence) && !index.isRetracted(event)
    }
}
