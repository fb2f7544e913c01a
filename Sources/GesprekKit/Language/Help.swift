/// The `help` command's texts, in Dutch and English.
public enum Help {
    /// The built-in commands, as `help` lists them.
    public static let commandNames = Parser.builtInCommands
    /// Topics that are not commands.
    public static let extraTopics = ["items", "tags", "scenario"]
    /// The words of a training scenario that have their own help (`help expect`);
    /// `say` is the conversation's own. `help scenario` lists them.
    public static let scenarioTopics = [
        "scenario", "client", "cast", "intro", "expect", "guidance", "part", "scene", "choice", "option",
        "on", "end", "set", "goto", "if", "finish", "plan",
    ]

    static func isTopic(_ word: String, hostCommands: [String: HostCommand]) -> Bool {
        let word = word.lowercased()
        return commandNames.contains(word) || extraTopics.contains(word) || scenarioTopics.contains(word)
            || hostCommands[word] != nil || Questionnaire.named(word) != nil
    }

    /// Whether `help TOPIC` has help for the word (the command line's `gesprek help TOPIC` asks).
    public static func hasTopic(_ word: String) -> Bool {
        isTopic(word, hostCommands: [:])
    }

    /// The overview (`topic` nil) or the help for one command or topic.
    public static func text(topic: String?, hostCommands: [String: HostCommand] = [:], language l: DisplayLanguage) -> String {
        guard let topic else { return overview(hostCommands: hostCommands, language: l) }
        if let host = hostCommands[topic] { return "\(host.usage)\n  \(host.help)" }
        if topic == "items" { return items(Questionnaire.all) }
        if let questionnaire = Questionnaire.named(topic) { return items([questionnaire]) }
        if topic == "tags" { return tags(l) }
        if topic == "scenario" { return scenario(l) }
        let entry = (entries(l) + scenarioEntries(l)).first { $0.name == topic }!
        return "\(entry.usage)\n  \(entry.summary)" + entry.details.map { "\n  \($0)" }.joined()
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
        lines.append(
            l.pick(
                "Oefenscenario's schrijven (voor trainers): help scenario.",
                "Writing training scenarios (for trainers): help scenario."))
        return lines.joined(separator: "\n")
    }

    /// `help scenario`: what a scenario is and its words, each with `help WORD` for more.
    private static func scenario(_ l: DisplayLanguage) -> String {
        var lines = [
            l.pick("scenario TITEL", "scenario TITLE"),
            l.pick(
                "  Een oefenscenario: een tekstbestand (.scenario) met een gesimuleerde cliënt, de delen van het gesprek en",
                "  A training scenario: a text file (.scenario) with a simulated client, the parts of the conversation and"),
            l.pick(
                "  waarop de cursist wordt beoordeeld. De eerste regel is scenario met de titel.",
                "  what the trainee is judged on. The first line is scenario with the title."),
            l.pick(
                "  Spelen: gesprek train BESTAND · controleren: gesprek check BESTAND · testplannen: gesprek test BESTAND --paths",
                "  Play: gesprek train FILE · check: gesprek check FILE · test plans: gesprek test FILE --paths"),
            "",
            l.pick("  De woorden (help WOORD voor meer):", "  The words (help WORD for more):"),
        ]
        let words = scenarioEntries(l).filter { $0.name != "scenario" }
        let width = words.map(\.usage.count).max() ?? 0
        for entry in words { lines.append("    \(entry.usage.padding(toLength: width))  \(entry.summary)") }
        lines.append(
            l.pick(
                "    say NAAM TEKST" + String(repeating: " ", count: max(0, width - 14)) + "  de cliënt (of iemand van de cast) zegt dit",
                "    say NAME TEXT" + String(repeating: " ", count: max(0, width - 13)) + "  the client (or someone in the cast) says this")
        )
        lines.append("")
        lines.append(
            l.pick(
                "  Op volgorde: bovenaan client, cast, intro, expect (met guidance); dan de parts; onderaan de testplannen.",
                "  In order: at the top client, cast, intro, expect (with guidance); then the parts; at the bottom the test plans."))
        lines.append(l.pick("  Alles met voorbeelden: docs/trainer.md.", "  Everything with examples: docs/trainer.md."))
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

    /// The words of a training scenario (see docs/trainer.md), for `help WORD`.
    static func scenarioEntries(_ l: DisplayLanguage) -> [CommandHelp] {
        [
            CommandHelp(
                name: "scenario", usage: l.pick("scenario TITEL", "scenario TITLE"),
                summary: l.pick("de eerste regel van een oefenscenario: de titel", "the first line of a training scenario: the title"),
                details: ["scenario Sanne (15) is door school gestuurd en wil geen hulp"]),
            CommandHelp(
                name: "client", usage: l.pick("client NAAM role=ROL", "client NAME role=ROLE"),
                summary: l.pick("de gesimuleerde cliënt (één per scenario)", "the simulated client (one per scenario)"),
                details: [
                    "client Sanne role=jongere",
                    l.pick(
                        "Een naam met spaties tussen aanhalingstekens: client \"Sanne de Vries\" role=jongere",
                        "A name with spaces in quotes: client \"Sanne de Vries\" role=jongere"),
                ]),
            CommandHelp(
                name: "cast", usage: l.pick("cast NAAM role=ROL", "cast NAME role=ROLE"),
                summary: l.pick("iemand anders die in het scenario spreekt", "someone else who speaks in the scenario"),
                details: ["cast Mentor role=mentor", "cast \"Tante Samira\" role=tante"]),
            CommandHelp(
                name: "intro", usage: l.pick("intro TEKST", "intro TEXT"),
                summary: l.pick(
                    "wat de cursist leest voor het gesprek begint; herhaal voor meer regels",
                    "what the trainee reads before the conversation starts; repeat for more lines"),
                details: ["intro De mentor heeft Sanne naar je doorverwezen omdat ze vaak afwezig is."]),
            CommandHelp(
                name: "expect", usage: l.pick("expect VERWACHTING", "expect EXPECTATION"),
                summary: l.pick(
                    "waarop de oefening wordt beoordeeld; bovenaan, vóór de eerste part",
                    "what the run is judged on; at the top, before the first part"),
                details: [
                    l.pick(
                        "expect #v                  de cursist legt een regel over die dimensie vast",
                        "expect #v                  the trainee records a line about that dimension"),
                    l.pick(
                        "expect #v before #c        de eerste regel over #v komt vóór elke regel over #c",
                        "expect #v before #c        the first line about #v comes before any about #c"),
                    l.pick(
                        "expect #m within 3         … binnen de eerste 3 beurten van de cursist",
                        "expect #m within 3         … within the trainee's first 3 turns"),
                    l.pick(
                        "expect network [NAAM]      iemand (die persoon) komt in het netwerk; expect network \"Tante Zoë\"",
                        "expect network [NAME]      someone (that person) is added to the network; expect network \"Tante Zoë\""),
                    l.pick(
                        "expect score ITEM          dat item is gescoord (of een dimensie: expect score sociaal)",
                        "expect score ITEM          that item was scored (or a dimension: expect score sociaal)"),
                    l.pick(
                        "expect reach PART          het gesprek komt in dat part; expect avoid PART: juist niet",
                        "expect reach PART          the conversation gets to that part; expect avoid PART: it does not"),
                    l.pick(
                        "Eronder guidance TEKST: het advies dat de cursist ziet als het gemist is (help guidance).",
                        "Under it guidance TEXT: the advice the trainee sees when it is missed (help guidance)."),
                ]),
            CommandHelp(
                name: "guidance", usage: l.pick("guidance TEKST", "guidance TEXT"),
                summary: l.pick(
                    "direct onder een expect: het advies uit de handreiking, getoond als de verwachting gemist is",
                    "right under an expect: the handreiking's advice, shown when the expectation is missed"),
                details: [
                    "expect #vertrekpunt before #competentioneel",
                    "guidance Begin bij de situatie zoals de jongere die zelf ziet (3.2).",
                ]),
            CommandHelp(
                name: "part", usage: "part LABEL",
                summary: l.pick(
                    "begint een deel van het gesprek; het label is één woord", "starts a part of the conversation; the label is one word"),
                details: [
                    "part binnenkomst",
                    l.pick(
                        "Erin: say, scene, choice met option, set, goto, if … goto, finish, en reacties (on … end).",
                        "In it: say, scene, choice with option, set, goto, if … goto, finish, and reactions (on … end)."),
                    l.pick(
                        "Het gesprek begint in het eerste part; een part zonder reacties en zonder choice gaat vanzelf door naar het volgende.",
                        "The conversation starts in the first part; a part without reactions and without a choice goes on to the next by itself."
                    ),
                ]),
            CommandHelp(
                name: "scene", usage: l.pick("scene TEKST", "scene TEXT"),
                summary: l.pick(
                    "een regie-aanwijzing, tussen haakjes getoond, niet vastgelegd", "a stage direction, shown in brackets, not recorded"),
                details: ["scene Sanne slaat haar armen over elkaar."]),
            CommandHelp(
                name: "choice", usage: l.pick("choice [VRAAG]", "choice [QUESTION]"),
                summary: l.pick(
                    "een genummerde keuze voor de cursist, met de option-regels direct eronder",
                    "a numbered choice for the trainee, with the option lines right under it"),
                details: [
                    "choice Wat doe je nu?",
                    "option erkenning say adviseur Ik hoor dat het zwaar is.",
                    "option praktisch ask #v Zullen we eerst samen naar de brief kijken?",
                ]),
            CommandHelp(
                name: "option", usage: l.pick("option PART REGEL", "option PART LINE"),
                summary: l.pick(
                    "een keuze: REGEL wordt vastgelegd als regel van de cursist, daarna gaat het gesprek naar PART",
                    "an option: LINE is recorded as the trainee's, then the conversation goes to PART"),
                details: [
                    "option erkenning say adviseur Ik hoor dat het zwaar is.",
                    "option praktisch ask #v Zullen we eerst samen naar de brief kijken?",
                    l.pick(
                        "REGEL is een ask-, note-, say-, score- of network-regel; bij say is het eerste woord wie spreekt.",
                        "LINE is an ask, note, say, score or network line; in a say the first word is who speaks."),
                ]),
            CommandHelp(
                name: "on", usage: l.pick("on WAT [if VOORWAARDE] … end", "on WHAT [if CONDITION] … end"),
                summary: l.pick("hoe de cliënt reageert op wat de cursist vastlegt", "how the client reacts to what the trainee records"),
                details: [
                    "on ask #sociaal if #vertrekpunt = 0",
                    "  say Erik Netwerk? Iedereen heeft partij gekozen.",
                    "  set irritatie +1",
                    "end",
                    l.pick(
                        "WAT: ask, note, say, score of network, en/of tags (on #kwetsbaarheid); on score gezin.m1; on turn 3.",
                        "WHAT: ask, note, say, score or network, and/or tags (on #kwetsbaarheid); on score gezin.m1; on turn 3."),
                    l.pick(
                        "Erin: say, scene, set, goto, if … goto, finish. Boven het eerste part geldt een reactie in elk part.",
                        "In it: say, scene, set, goto, if … goto, finish. Above the first part a reaction applies in every part."),
                ]),
            CommandHelp(
                name: "end", usage: "end",
                summary: l.pick(
                    "sluit een reactie (on … end) of een testplan (plan … end)", "closes a reaction (on … end) or a test plan (plan … end)"),
                details: []),
            CommandHelp(
                name: "set", usage: l.pick("set NAAM GETAL|+1|-1", "set NAME NUMBER|+1|-1"),
                summary: l.pick("zet een teller (die begint op 0)", "sets a counter (which starts at 0)"),
                details: [
                    "set irritatie +1", "set irritatie 0",
                    l.pick("Gebruik: if irritatie >= 2 goto boos", "Use: if irritatie >= 2 goto boos"),
                ]),
            CommandHelp(
                name: "goto", usage: "goto PART",
                summary: l.pick("ga naar dat part", "go to that part"),
                details: ["goto afsluiting"]),
            CommandHelp(
                name: "if", usage: l.pick("if VOORWAARDE goto PART", "if CONDITION goto PART"),
                summary: l.pick("spring alleen als de voorwaarde klopt", "jump only when the condition holds"),
                details: [
                    "if irritatie >= 2 goto boos",
                    "if #vertrekpunt = 0 and turns > 3 goto uitleg",
                    l.pick(
                        "NAAM OP GETAL: een teller (set), turns (beurten van de cursist) of een dimensietag; OP is < <= = != >= >, met spaties eromheen.",
                        "NAME OP NUMBER: a counter (set), turns (the trainee's turns) or a dimension tag; OP is < <= = != >= >, with spaces around it."
                    ),
                ]),
            CommandHelp(
                name: "finish", usage: l.pick("finish [TEKST]", "finish [TEXT]"),
                summary: l.pick("het einde van het gesprek; de terugkoppeling volgt", "the end of the conversation; the feedback follows"),
                details: ["finish Sanne doet haar jas uit. Jullie spreken af dat ze volgende week terugkomt."]),
            CommandHelp(
                name: "plan", usage: l.pick("plan NAAM … end", "plan NAME … end"),
                summary: l.pick(
                    "een testplan: wat de cursist typt en wat eruit moet komen; gesprek test speelt het",
                    "a test plan: what the trainee types and what should come of it; gesprek test plays it"),
                details: [
                    l.pick(
                        "> REGEL              wat de cursist typt (een getal kiest een option)",
                        "> LINE               what the trainee types (a number picks an option)"),
                    l.pick(
                        "< NAAM TEKST         daarna zegt die persoon iets dat met TEKST begint",
                        "< NAME TEXT          then that person says something beginning with TEXT"),
                    l.pick(
                        "met VERWACHTING      gehaald (de woorden na expect); missed: gemist",
                        "met EXPECTATION      met (the words after expect); missed: missed"),
                    l.pick("finished             het gesprek is dan afgelopen", "finished             the conversation has ended by then"),
                ]),
        ]
    }
}
