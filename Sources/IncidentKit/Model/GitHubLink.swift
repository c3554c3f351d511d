import Foundation

/// The GitHub issue an incident is published to.
public struct GitHubLink: Equatable, Sendable {
    /// `OWNER/NAME`.
    public var repo: String
    public var number: Int
    public var url: String

    public init(repo: String, number: Int, url: String) {
        self.repo = repo
        self.number = number
        self.url = url
    }

    /// `acme/ops#7`.
    public var reference: String { "\(repo)#\(number)" }

    /// Reads `https://github.com/OWNER/NAME/issues/N` (as `gh issue create` prints it).
    public init?(url text: String) {
        let trimmed = text.trimmingSpacesAndNewlines()
        guard let url = URL(string: trimmed), let host = url.host, !host.isEmpty else { return nil }
        let parts = url.path.split(separator: "/").map(String.init)
        guard parts.count >= 4, parts[2] == "issues", let number = Int(parts[3]), number > 0 else { return nil }
        self.init(repo: "\(parts[0])/\(parts[1])", number: number, url: trimmed)
    }
}

/// The boxes of an issue body as this machine last saw them on GitHub: the base of a three-way merge
/// between the record here and the issue there.
public typealias SyncedState = [ItemKey: Bool]
