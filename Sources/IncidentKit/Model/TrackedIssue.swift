import Foundation

/// The GitHub issue an action item is tracked as (`incident action track`), named as GitHub cross-references it:
/// `acme/ops#57`.
public struct TrackedIssue: Hashable, Comparable, Sendable {
    /// `OWNER/NAME`.
    public var repo: String
    public var number: Int

    public init(repo: String, number: Int) {
        self.repo = repo
        self.number = number
    }

    /// Reads `OWNER/NAME#N`; nil for anything else (the characters are GitHub's for owners and repositories).
    public init?(reference text: String) {
        guard let hash = text.lastIndex(of: "#"), let number = Int(text[text.index(after: hash)...]), number > 0 else { return nil }
        let repo = String(text[..<hash])
        let parts = repo.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(Self.isNameCharacter) }) else { return nil }
        self.init(repo: repo, number: number)
    }

    /// `acme/ops#57`.
    public var reference: String { "\(repo)#\(number)" }

    public var url: String { "https://github.com/\(repo)/issues/\(number)" }

    public static func < (a: TrackedIssue, b: TrackedIssue) -> Bool { (a.repo.lowercased(), a.number) < (b.repo.lowercased(), b.number) }

    static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "-_.".contains(character))
    }
}

/// A tracked issue's state as GitHub reported it (`gh issue list --json number,state,…`), or as this machine set it.
public struct TrackedIssueState: Equatable, Sendable {
    public var issue: TrackedIssue
    public var isClosed: Bool
    public var createdAt: Date?
    public var closedAt: Date?
    /// Its last change on GitHub: the time a reopen is stamped with (gh reports no reopening time).
    public var updatedAt: Date?

    public init(issue: TrackedIssue, isClosed: Bool, createdAt: Date? = nil, closedAt: Date? = nil, updatedAt: Date? = nil) {
        self.issue = issue
        self.isClosed = isClosed
        self.createdAt = createdAt
        self.closedAt = closedAt
        self.updatedAt = updatedAt
    }

    /// "open" or "closed".
    public var name: String { isClosed ? "closed" : "open" }
}

/// A tracked issue whose state changed on GitHub since this machine last saw it: the tick (or untick) it becomes,
/// stamped at the time GitHub gives.
struct TrackedChange: Equatable, Sendable {
    var done: Bool
    var at: Date

    /// What `observed` changes against `seen` (this machine's last look, nil if it never looked). An issue first seen
    /// closed is a tick; one first seen open changes nothing (the item may have been ticked elsewhere, its issue not
    /// closed yet: that machine's publish closes it).
    static func between(seen: TrackedIssueState?, observed: TrackedIssueState) -> TrackedChange? {
        let closedAt = observed.closedAt ?? observed.updatedAt ?? Date(timeIntervalSince1970: 0)
        guard let seen else { return observed.isClosed ? TrackedChange(done: true, at: closedAt) : nil }
        if observed.isClosed {
            // Closed again after a reopen this machine never saw: a new close. (A close made here has no GitHub time yet.)
            let closedAgain = seen.closedAt != nil && observed.closedAt != nil && seen.closedAt != observed.closedAt
            return !seen.isClosed || closedAgain ? TrackedChange(done: true, at: closedAt) : nil
        }
        return seen.isClosed ? TrackedChange(done: false, at: observed.updatedAt ?? closedAt) : nil
    }
}
