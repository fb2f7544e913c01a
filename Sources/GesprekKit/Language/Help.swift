/// The `help` command's texts, in Dutch and English.
enum Help {
    /// The built-in commands, as `help` lists them.
    public static let commandNames = Parser.builtInCommands
    /// Topics that are not commands.
    public static let extraTopics = ["items", "tags"]

    static func isTopic(_ word: String, hostCommands: [String: HostCommand]) -> Bool {
        let word = word.lowercased()
        return commandNames.contains(word) || extraTopics.contains(word) || hostCommands[word] != nil
            || Questionnaire.named(word) != nil
    }

    /// The overview (`topic` nil) or the help for one command or topic.
    public static func text(topic: String?, hostCommands: [String: HostCommand] = [:], language l: DisplayLanguage) -> String {
        guard let topic else { return overview(hostCommands: hostCommands, language: l) }
        if let host = hostCommands[topic] { return "\(host.usage)\n  \(host.help)" }
        if topic == "items" { return items(Questionnaire.all) }
        if let questionnaire = Questionnaire.named(topic) { return items([questionnaire]) }
        if topic == "tags" { return tags(l) }
        let entry = entries(l).first { $0.name == topic }!
        return "\(entry.usage)\n  \(entry.summary)\n" + entry.details.map { "  \($0)" }.joined(separator: "\n")
    }

    private static func overview(hostCommands: [String: HostCommand], language l: DisplayLanguage) -> String {
        var lines = [l.pick("Commando's (help COMMANDO voor meer):", "Commands (help COMMAND for more):")]
        let all = entries(l).map { ($0.usage, $0.summary) } + hostCommands.values.sorted { $0.name < $1.name }.map { ($0.usage, $0.help) }
        let width = all.map(\.0.count).max() ?? 0
        for (usage, summary) in all { lines.append("  \(usage.padding(toLength: width))  \(summary)") }
        lines.append(
            l.pick(
                "Ook: help tags, help items, help gezin. Regels die met // beginnen zijn commentaar.",
                "Also: help tags, help items, help gezin. Lines starting with // are comments."))
        return lines.joined(separator: "\n")
    }

    private static func items(_ questionnaires: [Questionnaire]) -> String {
        var lines: [String] = []
        for q in questionnaires {
            lines.append("\(q.id): \(q.title)")
            for section in q.sections {
                for item in section.items { lines.append("  \(item.id.padding(toLength: 16)) \(item.text)") }
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func tags(_ l: DisplayLanguage) -> String {
        var lines = [l.pick("Tags (na het commando of aan het eind van de regel):", "Tags (after the command or at the end of the line):")]
        for d in Dimension.allCases {
            lines.append(
                "  #\(String(d.rawValue.first!))  #\(d.rawValue.padding(toLength: 16)) #\(d.englishAlias.padding(toLength: 11)) \(d.question)"
            )
        }
        lines.append(
            l.pick(
                "  #kracht, #kwetsbaarheid (#strength, #vulnerability)",
                "  #kracht, #kwetsbaarheid (#strength, #vulnerability)"))
        lines.append(l.pick("  Elke andere #woord is een vrije tag.", "  Any other #word is a free tag."))
        return lines.joined(separator: "\n")
    }

    struct CommandHelp {
        let name: String
        let usage: String
        let summary: String
        let details: [String]
    }

    static func entries(_ l: DisplayLanguage) -> [CommandHelp] {
        [
            CommandHelp(
                name: "ask", usage: l.pick("ask [#tags] TEKST", "ask [#tags] TEXT"),
                summary: l.pick("een vraag die je stelde", "a question you asked"),
                details: ["ask #v Hoe gaat het met je?"]),
            CommandHelp(
                name: "note", usage: l.pick("note [#tags] TEKST", "note [#tags] TEXT"),
                summary: l.pick("een observatie", "an observation"),
                details: ["note #m #kwetsbaarheid Twijfelt aan zichzelf als opvoeder."]),
            CommandHelp(
                name: "say", usage: l.pick("say WIE [#tags] TEKST", "say WHO [#tags] TEXT"),
                summary: l.pick("iemands eigen woorden, letterlijk", "someone's own words, as said"),
                details: ["say moeder Het gaat wel, maar ik slaap slecht.", "say \"Tante Fatima\" #s Ik kom elke woensdag."]),
            CommandHelp(
                name: "score", usage: l.pick("score DOEL WAARDE [TEKST]", "score TARGET VALUE [TEXT]"),
                summary: l.pick("een score van 0 tot en met 4 op een item of dimensie", "a score from 0 to 4 on an item or dimension"),
                details: [
                    "score gezin.s1 3 Kent de belangrijke mensen nu.", "score motivationeel 2", Scale.legend(in: l),
                    l.pick("help items toont de 27 items.", "help items lists the 27 items."),
                ]),
            CommandHelp(
                name: "network", usage: l.pick("network [add|set|remove NAAM …]", "network [add|set|remove NAME …]"),
                summary: l.pick(
                    "het netwerk: tonen, iemand toevoegen, wijzigen, verwijderen", "the network: show, add, change, remove someone"),
                details: [
                    "network add Oma role=grootmoeder influence=+ support=praktisch,emotioneel stays=yes",
                    "network add \"Buurvrouw Els\" role=buurvrouw influence=+ contact=wekelijks",
                    "network set Oma contact=dagelijks", "network remove Oma",
                    "influence= + - =   support= emotioneel,praktisch,informatie,gezelschap",
                    "stays= yes|no   distance= yes|no   contact= dagelijks|wekelijks|maandelijks|zelden",
                ]),
            CommandHelp(
                name: "mark", usage: "mark LABEL",
                summary: l.pick("een markering om naartoe te springen bij terugkijken", "a marker to jump to in replay"),
                details: ["mark einde-verkenning"]),
            CommandHelp(
                name: "undo", usage: "undo",
                summary: l.pick("trekt de laatste regel in (er wordt niets gewist)", "retracts the last line (nothing is erased)"),
                details: [l.pick("Elke undo trekt de regel daarvoor in.", "Each undo retracts the line before.")]),
            CommandHelp(
                name: "summary", usage: l.pick("summary [volledig]", "summary [full]"),
                summary: l.pick(
                    "overzicht per dimensie, wat nog niet aan bod kwam, het netwerk",
                    "overview per dimension, what has not come up, the network"),
                details: [
                    l.pick(
                        "In de live sessie kort (één scherm); summary volledig toont alles.",
                        "Short in the live session (one screen); summary full shows everything.")
                ]),
            CommandHelp(
                name: "help", usage: l.pick("help [COMMANDO]", "help [COMMAND]"), summary: l.pick("deze uitleg", "this help"), details: []),
            CommandHelp(
                name: "session", usage: "session case=… advisor=…",
                summary: l.pick("dossiernummer en adviseur", "case reference and advisor"),
                details: ["session case=OKT-2026-0412 advisor=\"Sanne Bakker\""]),
            CommandHelp(
                name: "participant", usage: l.pick("participant NAAM [role=ROL]", "participant NAME [role=ROLE]"),
                summary: l.pick("wie er aan het gesprek deelneemt", "who takes part in the conversation"),
                details: ["participant Lisa role=moeder"]),
        ]
    }
}
