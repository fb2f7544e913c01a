// The handreiking's three questionnaires, verbatim from
// `Tests/GesprekKitTests/Fixtures/eigen-kracht.json` (a copy of the shared reference).
// `ReferenceTests` checks that this file and that JSON agree.

extension Questionnaire {
    /// The handreiking's three questionnaires: gezin, professional, organisatie.
    public static let all: [Questionnaire] = [
        Questionnaire(
            id: "gezin",
            title: "Aansluiten bij de kracht van gezinnen",
            respondent: "In te vullen door jeugdige of opvoeder.",
            footer: "Totaal per antwoordcategorie",
            sections: [
                Questionnaire.Section(
                    dimension: .vertrekpunt, title: "Situatie volgens het gezin als vertrekpunt",
                    items: [
                        Questionnaire.Item(id: "gezin.v1", dimension: .vertrekpunt, text: "Er is aandacht voor hoe het met mij gaat."),
                        Questionnaire.Item(
                            id: "gezin.v2", dimension: .vertrekpunt, text: "Er is aandacht voor hoe het gaat met de rest van het gezin."),
                        Questionnaire.Item(id: "gezin.v3", dimension: .vertrekpunt, text: "De hulpverlener weet welke problemen ik heb."),
                        Questionnaire.Item(
                            id: "gezin.v4", dimension: .vertrekpunt, text: "Ik voel me serieus genomen in mijn behoeften aan ondersteuning."
                        ),
                    ]),
                Questionnaire.Section(
                    dimension: .sociaal, title: "Sociale dimensie: In beeld brengen en benutten van belangrijke anderen",
                    items: [
                        Questionnaire.Item(
                            id: "gezin.s1", dimension: .sociaal, text: "De hulpverlener weet wie er belangrijk voor mij zijn."),
                        Questionnaire.Item(
                            id: "gezin.s2", dimension: .sociaal,
                            text: "Er is aandacht voor hoe andere mensen een positieve rol in mijn leven kunnen hebben."),
                    ]),
                Questionnaire.Section(
                    dimension: .competentioneel, title: "Competentionele dimensie: Aansluiten bij competenties en vaardigheden",
                    items: [
                        Questionnaire.Item(
                            id: "gezin.c1", dimension: .competentioneel,
                            text: "De hulpverlener weet wat ik goed kan en neemt me hierin serieus."),
                        Questionnaire.Item(
                            id: "gezin.c2", dimension: .competentioneel, text: "De hulpverlener weet wat ik moeilijk vindt."),
                        Questionnaire.Item(
                            id: "gezin.c3", dimension: .competentioneel, text: "De hulpverlening gaat uit van wat voor mij belangrijk is."),
                    ]),
                Questionnaire.Section(
                    dimension: .motivationeel, title: "Motivationele dimensie: Samen zoeken naar oplossingen",
                    items: [
                        Questionnaire.Item(
                            id: "gezin.m1", dimension: .motivationeel, text: "De hulpverlener weet waar ik energie van krijg."),
                        Questionnaire.Item(
                            id: "gezin.m2", dimension: .motivationeel, text: "De hulpverlener weet wat ik wil bereiken in mijn leven."),
                        Questionnaire.Item(
                            id: "gezin.m3", dimension: .motivationeel, text: "De hulpverlener en ik zijn samen tot oplossingen gekomen."),
                        Questionnaire.Item(
                            id: "gezin.m4", dimension: .motivationeel,
                            text: "Ik voel me krachtiger sinds ik ondersteuning van deze hulpverlener ontvangen heb."),
                    ]),
            ]
        ),
        Questionnaire(
            id: "professional",
            title: "De kracht van professionals",
            respondent: "In te vullen door professionals.",
            footer: "De elementen met hoge scores laten zien waar je sterk in bent, de lage scores tonen je ontwikkelbehoefte.",
            sections: [
                Questionnaire.Section(
                    dimension: .competentioneel, title: "Competentionele dimensie",
                    items: [
                        Questionnaire.Item(
                            id: "professional.c1", dimension: .competentioneel,
                            text: "Ik voel me voldoende toegerust om mijn werk goed te doen."),
                        Questionnaire.Item(
                            id: "professional.c2", dimension: .competentioneel, text: "Ik ken en respecteer mijn eigen grenzen."),
                        Questionnaire.Item(id: "professional.c3", dimension: .competentioneel, text: "Ik laad mezelf tijdig op."),
                    ]),
                Questionnaire.Section(
                    dimension: .sociaal, title: "Sociale dimensie",
                    items: [
                        Questionnaire.Item(id: "professional.s1", dimension: .sociaal, text: "Ik vraag collega's waar nodig om hulp."),
                        Questionnaire.Item(id: "professional.s2", dimension: .sociaal, text: "Ik geef collega's wel eens een compliment."),
                    ]),
                Questionnaire.Section(
                    dimension: .motivationeel, title: "Motivationele dimensie",
                    items: [
                        Questionnaire.Item(
                            id: "professional.m1", dimension: .motivationeel, text: "Ik heb het gevoel dat ik controle heb over mijn werk."),
                        Questionnaire.Item(
                            id: "professional.m2", dimension: .motivationeel, text: "Ik weet waar ik energie van krijg in mijn werk"),
                        Questionnaire.Item(id: "professional.m3", dimension: .motivationeel, text: "Ik heb plezier in mijn werk."),
                    ]),
            ]
        ),
        Questionnaire(
            id: "organisatie",
            title: "De kracht van de organisatie",
            respondent: "In te vullen door de organisatie.",
            footer:
                "De elementen met hoge scores laten zien waar de organisatie sterk in is, de lage scores tonen de ontwikkelbehoefte van de organisatie.",
            sections: [
                Questionnaire.Section(
                    dimension: .competentioneel, title: "Competentionele dimensie",
                    items: [
                        Questionnaire.Item(
                            id: "organisatie.c1", dimension: .competentioneel,
                            text: "Er is binnen de organisatie voldoende aandacht voor waar medewerkers goed in zijn."),
                        Questionnaire.Item(
                            id: "organisatie.c2", dimension: .competentioneel,
                            text: "De organisatie steunt haar medewerkers in hun leerproces."),
                    ]),
                Questionnaire.Section(
                    dimension: .sociaal, title: "Sociale dimensie",
                    items: [
                        Questionnaire.Item(
                            id: "organisatie.s1", dimension: .sociaal,
                            text: "De organisatie faciliteert het delen van kennis tussen professionals onderling."),
                        Questionnaire.Item(
                            id: "organisatie.s2", dimension: .sociaal,
                            text: "In deze organisatie is de openheid en veiligheid om kwetsbaarheden te delen."),
                    ]),
                Questionnaire.Section(
                    dimension: .motivationeel, title: "Motivationele dimensie",
                    items: [
                        Questionnaire.Item(
                            id: "organisatie.m1", dimension: .motivationeel,
                            text: "De organisatie heeft aandacht voor het werkplezier van haar medewerkers."),
                        Questionnaire.Item(
                            id: "organisatie.m2", dimension: .motivationeel,
                            text: "De missie van deze organisatie wordt breed gedragen door haar medewerkers."),
                    ]),
            ]
        ),
    ]
}
