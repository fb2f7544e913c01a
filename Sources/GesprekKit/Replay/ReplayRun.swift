/// Ends a pass over the source early.
enum ReplayStop: Error {
    case quit
    case until
    /// `p`: stream again from the start, silently up to this marker.
    case restart(ReplayMarker)
}

/// One playback: where it is, what it waits for.
final class ReplayRun<Console: ReplayConsole, Clock: ReplayClock> {
    let player: ReplayPlayer
    let console: Console
    let clock: Clock
    /// Step mode needs keys; without them it plays without delays.
    let stepping: Bool
    var pacer: ReplayPacer
    /// The clock time the last line was due; the next wait counts from it.
    var base: Double?
    /// The `seq` of the last line shown; 0 before the first.
    var position = 0
    /// Skipping silently up to this marker (after `n` or `p`).
    var target: ReplayMarker?
    var skipped = 0
    var announceSkip = false
    var shown = 0
    var lastElapsed: Double?
    /// Kind and time of the retracted events played so far, for the `undo` lines.
    var retractedSeen: [Int: RetractedEvent] = [:]
    /// The moments of reflections that the stream reached (shown or not).
    var momentsStreamed: Set<Int> = []

    init(player: ReplayPlayer, console: Console, clock: Clock) {
        self.player = player
        self.console = console
        self.clock = clock
        stepping = player.step && console.readsKeys
        let speed = player.step && !console.readsKeys ? Double.infinity : player.speed
        pacer = ReplayPacer(speed: speed, idleLimit: player.idleLimit, startingAt: player.window.startElapsed)
    }

    func ending(_ reason: ReplayEnding.Reason) -> ReplayEnding {
        ReplayEnding(reason: reason, shown: shown, lastElapsed: lastElapsed)
    }

    func skip(to marker: ReplayMarker, announce: Bool) {
        target = marker
        skipped = 0
        announceSkip = announce
    }

    /// The next event of the stream.
    func take(_ event: Event) throws {
        if player.reflections[event.sequence] != nil { momentsStreamed.insert(event.sequence) }
        let retracted = player.index.isRetracted(event)
        if retracted { retractedSeen[event.sequence] = RetractedEvent(kind: event.kind, elapsed: event.elapsed) }
        if player.window.isAfterEnd(event) { throw ReplayStop.until }
        if player.window.isBeforeStart(event) { return }
        if let marker = target {
            if event.sequence < marker.sequence {
                skipped += 1
                return
            }
            target = nil
            if announceSkip { console.show(.note(.skipped(skipped))) }
            restartClock(at: event)
        } else if position == 0 && stepping {
            restartClock(at: event)  // step mode shows the first line without a key
        } else if try !waitBefore(event) {
            return
        }
        show(event, retracted: retracted)
        try pauseIfAsked(after: event)
    }

    private func show(_ event: Event, retracted: Bool) {
        if case let .undo(sequence) = event.body {
            console.show(.undo(event, retracting: retractedSeen[sequence]))
        } else {
            console.show(.event(event, retracted: retracted))
        }
        for reflection in player.reflections[event.sequence] ?? [] { console.show(.reflection(reflection)) }
        position = event.sequence
        shown += 1
        lastElapsed = event.elapsed
    }

    /// At the end of the whole conversation: the reflections about a line the transcript does not have
    /// (they were made for another version of it), so that none is lost from sight.
    func showUnplacedReflections() {
        guard player.window.end == nil else { return }
        for moment in player.reflections.keys.sorted() where !momentsStreamed.contains(moment) {
            for reflection in player.reflections[moment] ?? [] { console.show(.reflection(reflection)) }
        }
    }

    private func restartClock(at event: Event) {
        pacer.restart(at: event.elapsed)
        base = clock.now()
    }

    /// Waits for the event's time or a key; true to show it now, false when skipping on to a marker.
    private func waitBefore(_ event: Event) throws -> Bool {
        if stepping { return try waitForKey(pending: event, paused: false) ?? true }
        var deadline = (base ?? clock.now()) + pacer.delay(before: event)
        while true {
            guard let key = console.waitForKey(until: deadline) else {
                base = deadline
                return true
            }
            switch key {
            case .forward:
                restartClock(at: event)
                return true
            case .space:
                let remaining = max(0, deadline - clock.now())
                console.show(.note(.paused))
                if let decision = try waitForKey(pending: event, paused: true) { return decision }
                deadline = clock.now() + remaining
            case .other:
                continue
            case .quit, .nextMarker, .previousMarker:
                if let decision = try navigate(key, pending: event) { return decision }
            }
        }
    }

    /// Waits without a limit: in step mode for the next line (true), while
    /// paused for Space or Enter (nil: resume); `n`, `p` and `q` as always.
    private func waitForKey(pending event: Event, paused: Bool) throws -> Bool? {
        while true {
            let key = console.waitForKey(until: nil) ?? .quit
            switch key {
            case .forward, .space:
                if paused { return nil }
                restartClock(at: event)
                return true
            case .other:
                continue
            case .quit, .nextMarker, .previousMarker:
                if let decision = try navigate(key, pending: event) { return decision }
                if paused { console.show(.note(.paused)) }
            }
        }
    }

    /// `--pause-at`: after the marker is shown, waits for a key.
    private func pauseIfAsked(after event: Event) throws {
        guard console.readsKeys, !stepping, player.pauses(at: event), case let .mark(label) = event.body else { return }
        console.show(.note(.pausedAtMarker(label)))
        while true {
            let key = console.waitForKey(until: nil) ?? .quit
            switch key {
            case .quit, .nextMarker, .previousMarker:
                if try navigate(key, pending: nil) != nil { return }
                console.show(.note(.pausedAtMarker(label)))
            case .forward, .space, .other:
                restartClock(at: event)
                return
            }
        }
    }

    /// `q`, `n` or `p`. Returns true to show the pending event now (it is the
    /// next marker), false when skipping on to a later marker, nil when there
    /// was no marker to go to.
    private func navigate(_ key: ReplayKey, pending event: Event?) throws -> Bool? {
        let window = player.window
        switch key {
        case .nextMarker:
            guard let marker = player.index.markers.first(where: { $0.sequence > position && window.contains($0) }) else {
                console.show(.note(.noNextMarker))
                return nil
            }
            if let event, marker.sequence <= event.sequence {
                restartClock(at: event)
                return true
            }
            skip(to: marker, announce: true)
            skipped = event == nil ? 0 : 1
            return false
        case .previousMarker:
            guard let marker = player.index.markers.last(where: { $0.sequence < position && window.contains($0) }) else {
                console.show(.note(.noPreviousMarker))
                return nil
            }
            console.show(.note(.back(to: marker.label)))
            throw ReplayStop.restart(marker)
        case .quit:
            throw ReplayStop.quit
        case .forward, .space, .other:
            return nil
        }
    }
}
