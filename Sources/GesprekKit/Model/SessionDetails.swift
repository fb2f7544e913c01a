/// What is known about the session itself: the case, the advisor and who takes part.
public struct SessionDetails: Sendable, Equatable, Hashable {
    /// The case reference (dossiernummer).
    public var caseReference: String?
    public var advisor: String?
    public var participants: [Participant]

    public init(caseReference: String? = nil, advisor: String? = nil, participants: [Participant] = []) {
        self.caseReference = caseReference
        self.advisor = advisor
        self.participants = participants
    }

    /// These details with a `session` or `participant` line applied.
    func applying(caseReference newCase: String?, advisor newAdvisor: String?) -> SessionDetails {
        var copy = self
        if let newCase { copy.caseReference = newCase }
        if let newAdvisor { copy.advisor = newAdvisor }
        return copy
    }

    func adding(_ participant: Participant) -> SessionDetails {
        var copy = self
        if let index = copy.participants.firstIndex(where: { $0.name.lowercased() == participant.name.lowercased() }) {
            copy.participants[index] = participant
        } else {
            copy.participants.append(participant)
        }
        return copy
    }
}
