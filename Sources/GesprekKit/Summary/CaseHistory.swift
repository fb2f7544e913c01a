/// A case across sessions, for `gesprek case CASE-ID`: every transcript of
/// one case in time order, with each questionnaire item's score per session
/// and its change (the handreiking's questionnaires as a before and after
/// measurement), the totals per answer category per session, the dimensions
/// covered per session, and the network over time: who joined, who left, and
/// whose influence, support or contact changed (between conversations that wrote
/// a network down; one that did not is skipped).
public struct CaseHistory: Sendable, Equatable {
    /// One conversation of the case.
    public struct Conversation: Sendable, Equatable {
        /// Where it was read from, as given.
        public var source: String
        /// When it started (the header's `started`, ISO 8601).
        public var started: String
        public var advisor: String?
        public var summary: Summary
    }

    /// A questionnaire item scored in at least one conversation.
    public struct ItemScores: Sendable, Equatable {
        public var item: Questionnaire.Item
        public var questionnaire: String
        /// The item's score in each conversation (the last one given there), nil where it was not scored.
        public var values: [Int?]
        /// The last score minus the first, when it was scored at least twice.
        public var change: Int? {
            let scored = values.compactMap { $0 }
            guard scored.count >= 2, let first = scored.first, let last = scored.last else { return nil }
            return last - first
        }
    }

    /// A questionnaire's totals per answer category (0…4), per conversation.
    public struct CategoryTotals: Sendable, Equatable {
        public var questionnaire: String
        /// `perConversation[c][v]`: how many items got value `v` in conversation `c`.
        public var perConversation: [[Int]]
    }

    /// What changed in the network between one conversation and the next.
    public struct NetworkChange: Sendable, Equatable {
        public enum Shift: Sendable, Equatable {
            case joined
            case left
            /// The attributes named changed, from the earlier member to the later.
            case changed(from: NetworkAttributes, to: NetworkAttributes)
        }

        /// The conversation (index into ``CaseHistory/conversations``) where the change shows.
        public var conversation: Int
        public var name: String
        public var shift: Shift
    }

    public var caseReference: String
    /// In time order (then by source, for two that started at the same moment).
    public var conversations: [Conversation]
    public var items: [ItemScores]
    public var totals: [CategoryTotals]
    public var networkChanges: [NetworkChange]

    /// The case a transcript belongs to, as its summary shows it: the header's case id, changed by each
    /// `session` line that names one (the last one counts); a `session` line taken back with `undo` does
    /// not count. Only the `session` events are looked at, not the whole summary.
    public static func caseReference(of transcript: Transcript) -> String? {
        var caseReference = transcript.header.details.caseReference
        var named: [(sequence: Int, caseReference: String)] = []
        for event in transcript.events {
            if case let .session(reference?, _) = event.body { named.append((event.sequence, reference)) }
        }
        guard !named.isEmpty else { return caseReference }
        let retracted = Retractions.sequences(in: transcript.events)
        for session in named where !retracted.contains(session.sequence) { caseReference = session.caseReference }
        return caseReference
    }

    /// The history of `caseReference` from these transcripts; those of other cases are left out.
    public init(caseReference: String, transcripts: [(source: String, transcript: Transcript)]) {
        self.caseReference = caseReference
        conversations =
            transcripts
            .filter { Self.caseReference(of: $0.transcript) == caseReference }
            .map {
                let summary = Summary($0.transcript)
                return Conversation(
                    source: $0.source, started: $0.transcript.header.started, advisor: summary.details.advisor,
                    summary: summary)
            }
            .sorted { ($0.started, $0.source) < ($1.started, $1.source) }
        var items: [ItemScores] = []
        var totals: [CategoryTotals] = []
        for questionnaire in Questionnaire.all {
            let reports = conversations.map { conversation in
                conversation.summary.questionnaires.first { $0.questionnaire.id == questionnaire.id }
            }
            guard reports.contains(where: { ($0?.scored ?? 0) > 0 }) else { continue }
            for (sectionIndex, section) in questionnaire.sections.enumerated() {
                for (itemIndex, item) in section.items.enumerated() {
                    let values = reports.map { report -> Int? in
                        guard let report, report.sections.indices.contains(sectionIndex) else { return nil }
                        let scored = report.sections[sectionIndex].values
                        return scored.indices.contains(itemIndex) ? scored[itemIndex] : nil
                    }
                    if values.contains(where: { $0 != nil }) {
                        items.append(ItemScores(item: item, questionnaire: questionnaire.id, values: values))
                    }
                }
            }
            totals.append(
                CategoryTotals(
                    questionnaire: questionnaire.id,
                    perConversation: reports.map { $0?.totalsPerCategory ?? Array(repeating: 0, count: Scale.range.count) }))
        }
        self.items = items
        self.totals = totals
        // Each conversation against the last one before it that wrote down a network: one that did not
        // talk about the network says nothing about who left.
        var changes: [NetworkChange] = []
        var previous: Network?
        for (index, conversation) in conversations.enumerated() {
            let after = conversation.summary.network
            guard !after.members.isEmpty else { continue }
            defer { previous = after }
            guard let before = previous else { continue }
            for member in after.members {
                guard let earlier = before.member(named: member.name) else {
                    changes.append(NetworkChange(conversation: index, name: member.name, shift: .joined))
                    continue
                }
                if earlier.attributes != member.attributes {
                    changes.append(
                        NetworkChange(
                            conversation: index, name: member.name, shift: .changed(from: earlier.attributes, to: member.attributes)))
                }
            }
            for member in before.members where after.member(named: member.name) == nil {
                changes.append(NetworkChange(conversation: index, name: member.name, shift: .left))
            }
        }
        networkChanges = changes
    }
}
