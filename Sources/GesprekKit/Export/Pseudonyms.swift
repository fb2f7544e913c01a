#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Who is named in a transcript and the label that stands for each: the
/// person's role (`moeder`, `buurvrouw 1`), `persoon 1` when no role is known,
/// `adviseur` for the advisor and `dossier` for the case reference; then every
/// other word the detector takes for a name or a place (``NameCandidates``):
/// `naam 1`, `naam 2`, … Words the user keeps stay as they are.
struct Pseudonyms {
    /// Lowercased name → label, for fields that hold exactly a name.
    private(set) var exact: [String: String] = [:]
    /// Every name, the given names and surnames within longer names, and the
    /// words the detector found, with their labels, in the order found.
    private(set) var replacements: [(name: String, label: String)] = []
    /// The words that would have been replaced but are kept on purpose, in the order found.
    private(set) var kept: [String] = []

    private struct Person {
        var name: String
        var role: String?
    }

    /// - Parameter keep: words (lowercased) to leave as they are, names or not.
    /// The team's `reflections` declare nobody, but their text goes through the detector.
    init(
        details: SessionDetails, events: [Event], reflections: [Reflection] = [], language l: DisplayLanguage,
        keeping keep: Set<String> = []
    ) {
        var people: [Person] = [], advisors: [String] = [], cases: [String] = []
        var personIndex: [String: Int] = [:]
        func note(_ name: String, role: String?) {
            let name = Self.clean(name)
            guard !name.isEmpty else { return }
            let role = role.map(Self.clean).flatMap { $0.isEmpty ? nil : $0 }
            if let i = personIndex[name.lowercased()] {
                people[i].role = people[i].role ?? role
            } else {
                personIndex[name.lowercased()] = people.count
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
        // Names are declared by the lines that still count: a retracted `say Oma …` declares nobody
        // called Oma. What a retracted line holds still goes through the detector below.
        let retracted = Retractions.sequences(in: events)
        for event in events where !retracted.contains(event.sequence) {
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

        // A name that is only role words ("Oma", "Schoonmoeder") names nobody: it stays a word, in its field too.
        let isRoleWords = people.map { Self.isRoleWords($0.name) }
        var labelled = Self.numbered(
            zip(people, isRoleWords).map { person, roleWords in person.role ?? (roleWords ? person.name : "") },
            unnamed: l.pick("persoon", "person"))
        // A name that is a word of its own role ("Oudergroep", role "oudergroep autisme"; "Vader", role "vader")
        // names nobody: it gets its label where it stands as a name, and free text keeps the word.
        let isGeneric = zip(people, isRoleWords).map { person, roleWords in
            roleWords || (person.role.map { NameMatcher([(person.name, "")]).matches($0) } ?? false)
        }
        let secret = zip(people, isGeneric).filter { !$1 }.map(\.0)
        let secretLabels = zip(labelled, isGeneric).filter { !$1 }.map(\.0)
        // A role may itself hold a name ("vriendin van Lisa"): replace it once more, and fall back when it still does.
        let names = NameMatcher(secret.map { ($0.name, "") } + advisors.map { ($0, "") } + cases.map { ($0, "") })
        let firstPass = NameMatcher(
            zip(secret.map(\.name), secretLabels).map { ($0, $1) }
                + advisors.map { ($0, l.pick("adviseur", "advisor")) } + cases.map { ($0, l.pick("dossier", "case")) })
        var unnamed = people.filter { $0.role == nil }.count
        for i in labelled.indices where !(isRoleWords[i] && people[i].role == nil) {
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
        var keptSeen: Set<String> = []
        func keeps(_ name: String) -> Bool {
            let lower = name.lowercased()
            guard keep.contains(lower) else { return false }
            if keptSeen.insert(lower).inserted { kept.append(name) }
            return true
        }
        for (name, label) in persons + others where !keeps(name) { exact[name.lowercased()] = label }
        let named = zip(persons, isGeneric).filter { !$1 }.map(\.0)
        replacements = (named + others).filter { !keeps($0.0) }
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
                if !keeps(word) { replacements.append((word, label)) }
            }
        }
        // Everything else that looks like a name or a place, in any text and in the name fields of retracted
        // lines: replaced too (fail closed), unless it is a role word, a word of a declared name, or a label.
        for person in people { claimed.formUnion(Self.words(person.name)) }
        for (name, label) in persons + others {
            claimed.formUnion(Self.words(name))
            claimed.formUnion(Self.words(label))
        }
        var (texts, nameFields) = Self.texts(details: details, events: events, retracted: retracted)
        for reflection in reflections { texts += [reflection.text] + [reflection.marker].compactMap { $0 } + reflection.tags }
        let found = NameCandidates.find(in: texts, nameFields: nameFields, ignoring: claimed.union(Self.commonWords))
        var detected = 0
        for word in found where !keeps(word) {
            detected += 1
            replacements.append((word, l.pick("naam ", "name ") + "\(detected)"))
        }
    }

    /// The free text of a transcript for the detector, and the fields that hold exactly a name but were not
    /// taken as declared names (those of retracted lines), where every capitalised word counts.
    private static func texts(details: SessionDetails, events: [Event], retracted: Set<Int>) -> (texts: [String], nameFields: [String]) {
        var texts = details.participants.compactMap(\.role), nameFields: [String] = []
        // Not the lines as typed: there the text follows a command, so its first word would not count as a
        // sentence's; the names those lines hold are in their fields and texts.
        for event in events {
            let isRetracted = retracted.contains(event.sequence)
            var fields: [String] = []
            switch event.body {
            case let .ask(t), let .note(t), let .mark(t): texts.append(t)
            case let .say(speaker, t):
                // `say Oma Ria komt`: after a speaker who is a role word, the text's first word is no sentence's.
                texts.append(isRoleWords(speaker) ? speaker + " " + t : t)
                fields.append(speaker)
            case let .score(_, _, t): if let t { texts.append(t) }
            case let .host(_, t, values): texts += [t] + values.values.sorted()
            case let .networkAdd(name, attributes), let .networkSet(name, attributes):
                fields.append(name)
                if let role = attributes.role { texts.append(role) }
            case let .networkRemove(name): fields.append(name)
            case let .participant(p):
                fields.append(p.name)
                if let role = p.role { texts.append(role) }
            case let .session(_, advisor): fields += [advisor].compactMap { $0 }
            case .undo: break
            }
            if isRetracted { nameFields += fields }
        }
        return (texts, nameFields)
    }

    /// The words of a name or label, lowercased.
    private static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    /// Whether every word of `name` is a role word, a title or a particle (`Oma`, `Tante`, `de Buurman`).
    private static func isRoleWords(_ name: String) -> Bool {
        let words = words(name)
        return !words.isEmpty && words.allSatisfy { commonWords.contains($0) }
    }

    /// Without spaces at either end.
    private static func clean(_ text: String) -> String {
        text.trimmingWhitespace()
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
    /// relations, roles, titles and particles. `Oma Ria` hides `Ria`, not every `oma`;
    /// the detector never takes them for names.
    static let commonWords: Set<String> = [
        "de", "den", "der", "van", "het", "ten", "ter", "te", "la", "le", "el", "al", "op", "in", "en",
        "oma", "opa", "tante", "oom", "buurvrouw", "buurman", "buren", "familie", "fam", "gezin", "coach", "mentor",
        "juf", "juffrouw", "meester", "trainer", "vader", "moeder", "mama", "papa", "mam", "pap", "zus", "zusje", "broer",
        "broertje", "zoon", "dochter", "neef", "nicht", "vriend", "vriendin", "schoonmoeder", "schoonvader",
        "schoonfamilie", "stiefvader", "stiefmoeder", "pleegvader", "pleegmoeder", "dokter", "huisarts", "dr",
        "mevrouw", "meneer", "mevr", "mw", "dhr", "heer", "team", "school", "club", "groep", "kerk", "moskee",
        "jongerenwerker", "wijkteam", "begeleider", "ex", "ex-partner", "partner",
        "grootmoeder", "grootvader", "overgrootmoeder", "overgrootvader", "ouders", "ouder", "kind", "kinderen", "baby",
        "zussen", "broers", "neefje", "nichtje", "stiefzoon", "stiefdochter", "pleegouders", "pleegzoon", "pleegdochter",
        "oppas", "leraar", "lerares", "docent", "hulpverlener", "buurjongen", "buurmeisje", "opa's", "oma's",
    ]
}
