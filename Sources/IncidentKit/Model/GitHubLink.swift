import Foundation

/// The GitHub issue an incident is published to.
public struct GitHubLink: Equatable, Sendable {
    /// `OWNER/NAME`.
    public var repo: String
    public var number: Int
    public var url: String
    /// Who can read the repository, as this machine learned it from GitHub (nil until it has asked).
    public var visibility: RepositoryVisibility?

    public init(repo: String, number: Int, url: String, visibility: RepositoryVisibility? = nil) {
        self.repo = repo
        self.number = number
        self.url = url
        self.visibility = visibility
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

/// Who can read a GitHub repository, as `gh repo view --json visibility` says.
public enum RepositoryVisibility: String, Sendable, CaseIterable {
    case `public` = "PUBLIC"
    case `private` = "PRIVATE"
    /// Everyone in the enterprise that owns it.
    case `internal` = "INTERNAL"

    /// "public", "private", "internal".
    public var name: String { rawValue.lowercased() }
}

/// The boxes of an issue body as this machine last saw them on GitHub: the base of a three-way merge
/// between the record here and the issue there.
public typealias SyncedState = [ItemKey: Bool]
