import Foundation

/// The status page's settings, from `status-page.yml` beside the database: its title, the components always listed
/// (besides the services of public incidents), the state each severity puts a component in, and the address the
/// site is served from (for the feed's links). Every key is optional; a missing file is the defaults.
public struct StatusPageConfig: Sendable {
    public var title = "Service status"
    public var components: [String] = []
    public var url: String?
    public var states: [Severity: ComponentState] = [.p0: .majorOutage, .p1: .partialOutage, .p2: .degradedPerformance,
                                                     .p3: .operational, .p4: .operational]

    public init() {}

    /// The name the file has beside the database.
    public static let fileName = "status-page.yml"

    /// Reads the settings at `path`; a file that doesn't exist gives the defaults.
    public static func load(path: String) throws(IncidentError) -> StatusPageConfig {
        guard FileManager.default.fileExists(atPath: path) else { return StatusPageConfig() }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .unreadableFile(path: path, reason: "it is not readable UTF-8 text")
        }
        return try StatusPageConfig(parsing: text, path: path)
    }

    /// Reads `key: value` lines (and `- item` lines under `components:`), as YAML writes them; `#` starts a comment.
    public init(parsing text: String, path: String) throws(IncidentError) {
        let lines = ["---"] + text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + ["---"]
        guard let matter = FrontMatter(lines) else { return }
        for entry in matter.entries {
            let value = entry.values.first
            func fail(_ reason: String) -> IncidentError { .invalidStatusPageConfig(path: path, reason: "\(entry.key): \(reason)") }
            switch entry.key {
            case "title":
                guard let value else { throw fail("give the page a title") }
                title = value
            case "url":
                guard let value, value.hasPrefix("https://") || value.hasPrefix("http://") else {
                    throw fail("give the http:// or https:// address the site is served from")
                }
                url = value.hasSuffix("/") ? value : value + "/"
            case "components":
                components = entry.values.filter { !$0.isEmpty }
                guard !entry.raw.dropFirst().contains(where: { !$0.trimmingSpaces().isEmpty && !$0.trimmingSpaces().hasPrefix("- ") && !$0.trimmingSpaces().hasPrefix("#") })
                else { throw fail("list one component per `- NAME` line, or as [API, Website]") }
            case "p0", "p1", "p2", "p3", "p4":
                let severity = Severity(rawValue: Int(entry.key.dropFirst())!)!
                guard let value, let state = ComponentState(rawValue: value.lowercased()) else {
                    throw fail("use one of \(ComponentState.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                states[severity] = state
            default:
                throw .invalidStatusPageConfig(path: path, reason: "unknown key \"\(entry.key)\" (use title, url, components, P0 … P4)")
            }
        }
    }
}
