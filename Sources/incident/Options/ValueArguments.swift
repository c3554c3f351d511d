import ArgumentParser
import IncidentKit

// The library's value types as option values: help, parse errors and shell completion list the
// allowed values, and a bad value stops the command at parse time (exit 64). The library's own
// lenient readers (`medium` for medium-term, `p0` for P0) decide what is accepted.

extension IncidentKit.Severity: ArgumentParser.ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.label) }
    public var defaultValueDescription: String { label }
}

extension IncidentKit.Status: ArgumentParser.ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension IncidentKit.Horizon: ArgumentParser.ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension IncidentKit.Phase: ArgumentParser.ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension IncidentKit.TimelineKind: ArgumentParser.ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension IncidentKit.RenderFormat: ArgumentParser.ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
