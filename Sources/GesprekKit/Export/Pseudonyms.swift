import Foundation

/// Who is named in a transcript and the label that stands for each: the
/// person's role (`moeder`, `buurvrouw 1`), `persoon 1` when no role is known,
/// `adviseur` for the advisor and `dossier` for the case reference.
struct Pseudonyms {
    /// Lowercased name → label, for fields that hold exactly a name.
    private(set) var exact: [String: String] = [:]
    /// Every name, and the given names and surnames within longer names, with their labels.
    private(set) var replacements: [(name: String, label: String)] = []

    private struct Person {
        var name: String
        var role: String?
    }

    init(details: SessionDetails, events: [Event], language l: DisplayLanguage) {
        var people: [Person] = [], advisors: [String] = [], cases: [String] = []
        func note(_ name: String, role: String?) {
            let name = Self.clean(name)
            guard !name.isEmpty else { return }
            let role = role.map(Self.clean).flatMap { $0.isEmpty ? nil : $0 }
            if let i = people.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
                people[i].role = people[i].role ?? role
            } else {
                people.append(Person(name: name, role: role))
            }
        }
        func add(_ value: String?, to list: inout [String]) {
            guard let value = value.map(Self.clean), !value.isEmpty, !list.contains(where: { $0.lowercased() == value.lowercased() }) else {
                return
            }
            list.append(value)
        }
        add(details.caseReference, to: &cases)
        add(details.advisor, to: &advisors)
        for participant in details.participants { note(participant.name, role: participant.role) }
        // Retracted events too: what was taken back was still typed, names and all.
        for event in events {
            switch event.body {
            case let .participant(p): note(p.name, role: p.role)
            case let .networkAdd(name, attributes), let .networkSet(name, attributes): note(name, role: attributes.role)
            case let .networkRemove(name): note(name, role: nil)
            case let .say(speaker, _): note(speaker, role: nil)
            case let .session(caseReference, advisor):
                add(caseReference, to: &cases)
                add(advisor, to: &advisors)
            default: break
            }
        }
        let advisorNames = Set(advisors.map { $0.lowercased() })
        people.removeAll { advisorNames.contains($0.name.lowercased()) }

        var labelled = Self.numbered(people.map { $0.role ?? "" }, unnamed: l.pick("persoon", "person"))
        // A name that is a word of its own role ("Oudergroep", role "oudergroep autisme"; "Vader", role "vader")
        // names nobody: it gets its label where it stands as a name, and free text keeps the word.
        let isGeneric = people.map { person in
            person.role.map { NameMatcher([(person.name, "")]).matches($0) } ?? false
        }
        let secret = zip(people, isGeneric).filter { !$1 }.map(\.0)
        let secretLabels = zip(labelled, isGeneric).filter { !$1 }.map(\.0)
        // A role may itself hold a name ("vriendin van Lisa"): replace it once more, and fall back when it still does.
        let names = NameMatcher(secret.map { ($0.name, "") } + advisors.map { ($0, "") } + cases.map { ($0, "") })
        let firstPass = NameMatcher(
            zip(secret.map(\.name), secretLabels).map { ($0, $1) }
                + advisors.map { ($0, l.pick("adviseur", "advisor")) } + cases.map { ($0, l.pick("dossier", "case")) })
        var unnamed = people.filter { $0.role == nil }.count
        for i in labelled.indices {
            labelled[i] = firstPass.replace(in: labelled[i])
            if names.matches(labelled[i]) {
                unnamed += 1
                labelled[i] = l.pick("persoon ", "person ") + "\(unnamed)"
            }
        }
        let advisorLabels = Self.numbered(advisors.map { _ in l.pick("adviseur", "advisor") }, unnamed: "")
        let caseLabels = Self.numbered(cases.map { _ in l.pick("dossier", "case") }, unnamed: "")

        let persons = zip(people.map(\.name), labelled).map { ($0, $1) }
        let others = zip(advisors, advisorLabels).map { ($0, $1) } + zip(cases, caseLabels).map { ($0, $1) }
        for (name, label) in persons + others { exact[name.lowercased()] = label }
        let named = zip(persons, isGeneric).filter { !$1 }.map(\.0)
        replacements = named + others
        // Given names and surnames inside longer names ("Ramon" of "Coach Ramon"), unless they are common words.
        let roleWords = Set(people.compactMap(\.role).flatMap { $0.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init) })
        var claimed = Set((persons + others).map { $0.0.lowercased() })
        for (name, label) in named + zip(advisors, advisorLabels).map({ ($0, $1) }) {
            for word in name.split(whereSeparator: \.isWhitespace).map(String.init) {
                let lower = word.lowercased()
                guard word.count >= 2, word.first?.isUppercase == true, word.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "'" }),
                    !Self.commonWords.contains(lower), !roleWords.contains(lower), !claimed.contains(lower)
                else { continue }
                claimed.insert(lower)
                replacements.append((word, label))
            }
        }
    }

    /// Without spaces at either end.
    private static func clean(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Labels from bases: numbered when two share one (`buurvrouw 1`, `buurvrouw 2`);
    /// an empty base becomes `unnamed N`.
    private static func numbered(_ bases: [String], unnamed: String) -> [String] {
        var counts: [String: Int] = [:]
        for base in bases where !base.isEmpty { counts[base.lowercased(), default: 0] += 1 }
        var seen: [String: Int] = [:]
        var anonymous = 0
        return bases.map { base in
            guard !base.isEmpty else {
                anonymous += 1
                return "\(unnamed) \(anonymous)"
            }
            guard counts[base.lowercased()]! > 1 else { return base }
            seen[base.lowercased(), default: 0] += 1
            return "\(base) \(seen[base.lowercased()]!)"
        }
    }

    /// Words that stand before or inside names but are not names themselves:
    /// relations, titles and particles. `Oma Ria` hides `Ria`, not every `oma`.
    static let commonWords: Set<String> = [
        "de", "den", "der", "van", "het", "ten", "ter", "te", "la", "le", "el", "al", "op", "in", "en",
        "oma", "opa", "tante", "oom", "buurvrouw", "buurman", "buren", "familie", "fam", "gezin", "coach", "mentor",
        "juf", "juffrouw", "meester", "trainer", "vader", "moeder", "mama", "papa", "mam", "pap", "zus", "zusje", "broer",
        "broertje", "zoon", "dochter", "neef", "nicht", "vriend", "vriendin", "schoonmoeder", "schoonvader",
        "schoonfamilie", "stiefvader", "stiefmoeder", "pleegvader", "pleegmoeder", "dokter", "huisarts", "dr",
        "mevrouw", "meneer", "mevr", "mw", "dhr", "heer", "team", "school", "club", "groep", "kerk", "moskee",
        "jongerenwerker", "wijkteam", "begeleider", "ex", "ex-partner", "partner",
    ]
}
