/// The summary as plain values for JSON (see `Transcripts/summary.schema.json`).
/// Field names are stable; optional fields are left out when unknown, as in the transcript.
struct SummaryDocument: Encodable {
    struct Person: Encodable { let name: String, role: String? }

    struct Coverage: Encodable {
        let touched: Bool
        let events, questions, notes, quotes, scores, network: Int
        let first, last: Double?
    }

    struct Gap: Encodable {
        /// `untouched`, `noQuestions` or `unscoredSection`.
        let code: String
        let dimension: String
        let questionnaire, section: String?
        let text: String
    }

    struct Score: Encodable {
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

    struct Item: Encodable { let id, text: String, value: Int?, label: String? }

    struct Section: Encodable {
        let dimension, title: String
        let scored: Int
        let mean: Double?
        let items: [Item]
    }

    struct Form: Encodable {
        let id, title, respondent: String
        let scored, items: Int
        let totalsLabel: String
        /// How many items got 0, 1, 2, 3 and 4.
        let totalsPerCategory: [Int]
        let sections: [Section]
    }

    struct Member: Encodable {
        let name: String
        let role, influence: String?
        let support: [String]
        let stays, distance: Bool?
        let contact: String?
        let tags: [String]
    }

    struct Groups: Encodable {
        let supporting, draggingDown, neutral, staying, atDistance: [String]
        let support: [String: [String]]
    }

    struct Network: Encodable { let members: [Member], groups: Groups }

    struct Entry: Encodable {
        let seq: Int
        let elapsed: Double
        let kind: String
        let dimensions: [String]
        let speaker: String?
        let text: String
    }

    struct Moment: Encodable { let seq: Int, elapsed: Double, dimensions: [String] }

    struct Timeline: Encodable {
        let buckets: Int
        let bucketSeconds: Double
        let counts: [String: [Int]]
        let moments: [Moment]
    }

    let format = "gesprek-summary"
    let version = 1
    let language: String
    let `case`: String?
    let advisor: String?
    let participants: [Person]
    let duration: Double
    let recorded, retracted, untagged: Int
    let coverage: [String: Coverage]
    let gaps: [Gap]
    let scores: [Score]
    let questionnaires: [Form]
    let network: Network
    let strengths, vulnerabilities: [Entry]
    let timeline: Timeline

    /// How many stretches the timeline is cut into.
    static let buckets = 24

    init(_ s: Summary, language l: DisplayLanguage) {
        language = l.rawValue
        `case` = s.details.caseReference
        advisor = s.details.advisor
        participants = s.details.participants.map { Person(name: $0.name, role: $0.role) }
        (duration, recorded, retracted, untagged) = (s.duration, s.recorded, s.retracted, s.untagged)
        coverage = Dictionary(uniqueKeysWithValues: Dimension.allCases.map { d in
            let c = s.coverage[d] ?? Summary.Coverage()
            return (d.rawValue, Coverage(touched: c.isTouched, events: c.events, questions: c.questions, notes: c.notes, quotes: c.quotes,
                                         scores: c.scores, network: c.events - c.questions - c.notes - c.quotes - c.scores,
                                         first: c.first, last: c.last))
        })
        gaps = s.gaps.map { gap in
            switch gap {
            case let .untouched(d): Gap(code: "untouched", dimension: d.rawValue, questionnaire: nil, section: nil, text: gap.text(in: l))
            case let .noQuestions(d): Gap(code: "noQuestions", dimension: d.rawValue, questionnaire: nil, section: nil, text: gap.text(in: l))
            case let .unscoredSection(q, section, d):
                Gap(code: "unscoredSection", dimension: d.rawValue, questionnaire: q, section: section, text: gap.text(in: l))
            }
        }
        scores = s.scores.map { score in
            let item = Questionnaire.item(score.target)
            return Score(target: score.target, kind: item == nil ? "dimension" : "item", dimension: score.dimension.rawValue,
                         item: item?.text, value: score.value, label: score.label, text: score.text, seq: score.sequence,
                         elapsed: score.elapsed)
        }
        questionnaires = s.questionnaires.map { report in
            Form(
                id: report.questionnaire.id, title: report.questionnaire.title, respondent: report.questionnaire.respondent,
                scored: report.scored, items: report.questionnaire.items.count, totalsLabel: report.questionnaire.footer,
                totalsPerCategory: report.totalsPerCategory,
                sections: report.sections.map { section in
                    Section(dimension: section.section.dimension.rawValue, title: section.section.title, scored: section.scored,
                            mean: section.mean,
                            items: zip(section.section.items, section.values).map { item, value in
                                Item(id: item.id, text: item.text, value: value, label: value.flatMap(Scale.label(for:)))
                            })
                })
        }
        let overview = NetworkOverview(s.network)
        let names = { (members: [NetworkMember]) in members.map(\.name) }
        network = Network(
            members: s.network.members.map { m in
                let a = m.attributes
                return Member(name: m.name, role: a.role, influence: a.influence?.rawValue, support: a.support?.map(\.rawValue) ?? [],
                              stays: a.stays, distance: a.distance, contact: a.contact?.rawValue,
                              tags: m.tags.dimensions.map(\.rawValue) + m.tags.tags)
            },
            groups: Groups(supporting: names(overview.supporting), draggingDown: names(overview.draggingDown),
                           neutral: names(overview.neutral), staying: names(overview.staying), atDistance: names(overview.atDistance),
                           support: Dictionary(uniqueKeysWithValues: SupportKind.allCases.map { kind in
                               (kind.rawValue, names(overview.support.first { $0.kind == kind }?.members ?? []))
                           })))
        let entry = { (e: Summary.Entry) in
            Entry(seq: e.sequence, elapsed: e.elapsed, kind: e.kind.rawValue, dimensions: e.dimensions.map(\.rawValue),
                  speaker: e.speaker, text: e.text)
        }
        strengths = s.strengths.map(entry)
        vulnerabilities = s.vulnerabilities.map(entry)
        let buckets = s.timelineBuckets(count: Self.buckets)
        timeline = Timeline(
            buckets: Self.buckets, bucketSeconds: s.duration / Double(Self.buckets),
            counts: Dictionary(uniqueKeysWithValues: Dimension.allCases.map { ($0.rawValue, buckets[$0] ?? []) }),
            moments: s.timeline.map { Moment(seq: $0.sequence, elapsed: $0.elapsed, dimensions: $0.dimensions.map(\.rawValue)) })
    }
}
