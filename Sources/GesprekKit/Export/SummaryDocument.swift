/// The summary as plain values for JSON (see `Transcripts/summary.schema.json`).
/// Field names are stable; optional fields are left out when unknown, as in the transcript.
struct SummaryDocument: Encodable {
    struct PersonObject: Encodable { let name: String, role: String? }

    struct CoverageObject: Encodable {
        let touched: Bool
        let events, questions, notes, quotes, scores, network: Int
        let first, last: Double?
    }

    struct GapObject: Encodable {
        /// `untouched`, `noQuestions` or `unscoredSection`.
        let code: String
        let dimension: String
        let questionnaire, section: String?
        let text: String
    }

    struct ScoreObject: Encodable {
        let target: String
        /// `item` or `dimension`.
        let kind: String
        let dimension: String
        let item: String?
        let value: Int
        let label: String
        let text: String?
        let seq: Int
        let elapsed: Double
    }

    struct ItemObject: Encodable { let id, text: String, value: Int?, label: String? }

    struct SectionObject: Encodable {
        let dimension, title: String
        let scored: Int
        let mean: Double?
        let items: [ItemObject]
    }

    struct FormObject: Encodable {
        let id, title, respondent: String
        let scored, items: Int
        let totalsLabel: String
        /// How many items got 0, 1, 2, 3 and 4.
        let totalsPerCategory: [Int]
        let sections: [SectionObject]
    }

    struct MemberObject: Encodable {
        let name: String
        let role, influence: String?
        let support: [String]
        let stays, distance: Bool?
        let contact: String?
        let tags: [String]
    }

    struct GroupsObject: Encodable {
        let supporting, draggingDown, neutral, staying, atDistance: [String]
        let support: [String: [String]]
    }

    struct NetworkObject: Encodable { let members: [MemberObject], groups: GroupsObject }

    struct EntryObject: Encodable {
        let seq: Int
        let elapsed: Double
        let kind: String
        let dimensions: [String]
        let speaker: String?
        let text: String
    }

    struct MomentObject: Encodable { let seq: Int, elapsed: Double, dimensions: [String] }

    /// One of the team's reflections (`gesprek annotate`).
    struct ReflectionObject: Encodable {
        /// 1, 2, 3, … in the order added.
        let seq: Int
        /// The `seq` of the line it is about, and that line's `elapsed` when the transcript has it.
        let moment: Int
        let elapsed: Double?
        let marker: String?
        /// `observation`, `hypothesis`, `agreement` or `question`; `kindText` in the summary's language.
        let kind, kindText: String
        let dimensions, tags: [String]
        let text, time: String
    }

    struct TimelineObject: Encodable {
        let buckets: Int
        let bucketSeconds: Double
        let counts: [String: [Int]]
        let moments: [MomentObject]
    }

    let format = "gesprek-summary"
    let version = 1
    let language: String
    let `case`: String?
    let advisor: String?
    let participants: [PersonObject]
    let duration: Double
    let recorded, retracted, untagged: Int
    let coverage: [String: CoverageObject]
    let gaps: [GapObject]
    let scores: [ScoreObject]
    let questionnaires: [FormObject]
    let network: NetworkObject
    let strengths, vulnerabilities: [EntryObject]
    let timeline: TimelineObject
    /// The team's reflections by moment; empty when there are none.
    let reflections: [ReflectionObject]

    /// How many stretches the timeline is cut into.
    static let buckets = 24

    init(_ s: Summary, language l: DisplayLanguage) {
        language = l.rawValue
        `case` = s.details.caseReference
        advisor = s.details.advisor
        participants = s.details.participants.map { PersonObject(name: $0.name, role: $0.role) }
        (duration, recorded, retracted, untagged) = (s.duration, s.recorded, s.retracted, s.untagged)
        coverage = Dictionary(
            uniqueKeysWithValues: Dimension.allCases.map { d in
                let c = s.coverage[d] ?? Summary.Coverage()
                return (
                    d.rawValue,
                    CoverageObject(
                        touched: c.isTouched, events: c.events, questions: c.questions, notes: c.notes, quotes: c.quotes,
                        scores: c.scores, network: c.events - c.questions - c.notes - c.quotes - c.scores,
                        first: c.first, last: c.last)
                )
            })
        gaps = s.gaps.map { gap in
            switch gap {
            case let .untouched(d):
                GapObject(code: "untouched", dimension: d.rawValue, questionnaire: nil, section: nil, text: gap.text(in: l))
            case let .noQuestions(d):
                GapObject(code: "noQuestions", dimension: d.rawValue, questionnaire: nil, section: nil, text: gap.text(in: l))
            case let .unscoredSection(q, section, d):
                GapObject(code: "unscoredSection", dimension: d.rawValue, questionnaire: q, section: section, text: gap.text(in: l))
            }
        }
        scores = s.scores.map { score in
            let item = Questionnaire.item(score.target)
            return ScoreObject(
                target: score.target, kind: item == nil ? "dimension" : "item", dimension: score.dimension.rawValue,
                item: item?.text, value: score.value, label: score.label, text: score.text, seq: score.sequence,
                elapsed: score.elapsed)
        }
        questionnaires = s.questionnaires.map { report in
            FormObject(
                id: report.questionnaire.id, title: report.questionnaire.title, respondent: report.questionnaire.respondent,
                scored: report.scored, items: report.questionnaire.items.count, totalsLabel: report.questionnaire.footer,
                totalsPerCategory: report.totalsPerCategory,
                sections: report.sections.map { section in
                    SectionObject(
                        dimension: section.section.dimension.rawValue, title: section.section.title, scored: section.scored,
                        mean: section.mean,
                        items: zip(section.section.items, section.values).map { item, value in
                            ItemObject(id: item.id, text: item.text, value: value, label: value.flatMap(Scale.label(for:)))
                        })
                })
        }
        let overview = NetworkOverview(s.network)
        let names = { (members: [NetworkMember]) in members.map(\.name) }
        network = NetworkObject(
            members: s.network.members.map { m in
                let a = m.attributes
                return MemberObject(
                    name: m.name, role: a.role, influence: a.influence?.rawValue, support: a.support?.map(\.rawValue) ?? [],
                    stays: a.stays, distance: a.distance, contact: a.contact?.rawValue,
                    tags: m.tags.dimensions.map(\.rawValue) + m.tags.tags)
            },
            groups: GroupsObject(
                supporting: names(overview.supporting), draggingDown: names(overview.draggingDown),
                neutral: names(overview.neutral), staying: names(overview.staying), atDistance: names(overview.atDistance),
                support: Dictionary(
                    uniqueKeysWithValues: SupportKind.allCases.map { kind in
                        (kind.rawValue, names(overview.support.first { $0.kind == kind }?.members ?? []))
                    })))
        let entry = { (e: Summary.Entry) in
            EntryObject(
                seq: e.sequence, elapsed: e.elapsed, kind: e.kind.rawValue, dimensions: e.dimensions.map(\.rawValue),
                speaker: e.speaker, text: e.text(in: l))
        }
        strengths = s.strengths.map(entry)
        vulnerabilities = s.vulnerabilities.map(entry)
        let buckets = s.timelineBuckets(count: Self.buckets)
        timeline = TimelineObject(
            buckets: Self.buckets, bucketSeconds: s.duration / Double(Self.buckets),
            counts: Dictionary(uniqueKeysWithValues: Dimension.allCases.map { ($0.rawValue, buckets[$0] ?? []) }),
            moments: s.timeline.map { MomentObject(seq: $0.sequence, elapsed: $0.elapsed, dimensions: $0.dimensions.map(\.rawValue)) })
        reflections = s.reflections.map { r in
            ReflectionObject(
                seq: r.sequence, moment: r.moment, elapsed: s.reflectionTimes[r.moment], marker: r.marker.map(VisibleText.escaped),
                kind: r.kind.rawValue, kindText: ReflectionText.kind(r.kind, language: l), dimensions: r.dimensions.map(\.rawValue),
                tags: r.tags.map(VisibleText.escaped), text: VisibleText.escaped(r.text), time: VisibleText.escaped(r.time))
        }
    }
}
