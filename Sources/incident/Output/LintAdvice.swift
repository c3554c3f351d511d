import IncidentKit

extension LintFinding {
    /// The finding with the command that settles it, as `lint` prints it.
    var advice: String {
        switch self {
        case .noRootCause: "\(description): `incident set --root-cause TEXT`"
        case .tooFewWhys: "\(description) (`incident why add TEXT`)"
        case .lastWhyNotRootCause: "\(description) (`incident why add TEXT --root-cause`)"
        case .followUpUnowned(let action, _, _, _): "\(description): `incident action edit \(action) --owner WHO --due TIME`"
        case .missingMilestone(let kind): "\(description) (`incident timeline add TEXT --kind \(kind.rawValue) --at TIME`)"
        case .noSummary: "\(description): `incident set --summary TEXT`"
        case .noImpact: "\(description): `incident set --impact TEXT`"
        case .openImmediateAction, .unmetImmediateCriterion: description
        }
    }
}
