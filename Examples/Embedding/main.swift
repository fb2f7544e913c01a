// How a host application embeds gesprek: a case-management system that keeps
// transcripts in its own store and adds a command of its own.
import GesprekKit

let configuration = SessionConfiguration(
    details: SessionDetails(caseReference: "VOORBEELD-1", advisor: "Sanne", participants: [Participant(name: "Lisa", role: "moeder")]),
    language: .en)
let memory = MemoryTranscript()  // the host decides where the transcript goes
let session = try Session(configuration: configuration, transcript: memory)

// A command of the host: a follow-up appointment.
try session.register(
    HostCommand(
        name: "afspraak", usage: "afspraak DATUM [TEKST]",
        help: "Legt een vervolgafspraak vast."
    ) { invocation in
        guard let date = invocation.words.first else {
            throw HostCommand.Failure("afspraak needs a date", hint: "afspraak 2026-12-01 thuis")
        }
        return .record(text: invocation.text, fields: ["datum": date])
    })

// Feed lines one by one, as a live UI would.
for line in ["ask #v Hoe gaat het thuis?", "score gezin.s1 5", "score gezin.s1 3", "afspraak 2026-12-01 thuis"] {
    let result = session.execute(line)
    if let event = result.event {
        print("recorded #\(event.sequence) \(event.kind.rawValue) \(event.dimensions.map(\.rawValue))")
    }
    for diagnostic in result.diagnostics {
        print(diagnostic.rendered(language: .en))
    }
}

// Or a whole script.
let script = """
    network add Oma role=grootmoeder influence=+ support=praktisch stays=yes
    say Lisa #m Ik wil het zelf kunnen.
    """
let run = session.run(script: script)
print("script recorded \(run.events.count) events, \(run.errors.count) errors")

// Read the state and the summary.
print("network: \(session.network.members.map(\.name))")
let summary = session.summary()
print("gaps: \(summary.gaps.map { $0.text(in: .en) })")
print("transcript lines: \(memory.lines.count)")
