import Foundation

/// The argument arrays given to `gh`. Every value rides in its flag (`--title=TEXT`) and every operand comes after
/// `--`, so text starting with `-` (a title, a label, a repository named in a link) is never read as an option.
enum GitHubArguments {
    static func viewIssue(_ number: Int, repo: String, fields: String) -> [String] {
        ["issue", "view", "--repo=\(repo)", "--json=\(fields)", "--", String(number)]
    }

    /// `gh issue edit` with the body on standard input, and the title and labels when they change.
    static func editBody(_ number: Int, repo: String, title: String? = nil, addLabels: [String] = [], removeLabels: [String] = []) -> [String] {
        ["issue", "edit", "--repo=\(repo)", "--body-file=-"] + (title.map { ["--title=\($0)"] } ?? [])
            + addLabels.map { "--add-label=\(sliceValue($0))" } + removeLabels.map { "--remove-label=\(sliceValue($0))" }
            + ["--", String(number)]
    }

    /// `gh issue edit` of labels only.
    static func editLabels(_ number: Int, repo: String, add: [String]) -> [String] {
        ["issue", "edit", "--repo=\(repo)"] + add.map { "--add-label=\(sliceValue($0))" } + ["--", String(number)]
    }

    /// `gh issue comment` with the comment on standard input.
    static func comment(_ number: Int, repo: String) -> [String] {
        ["issue", "comment", "--repo=\(repo)", "--body-file=-", "--", String(number)]
    }

    static func close(_ number: Int, repo: String) -> [String] {
        ["issue", "close", "--repo=\(repo)", "--reason=completed", "--", String(number)]
    }

    /// `gh issue close` of a tracked follow-up, with a comment saying why (gh posts it before closing).
    static func closeFollowUp(_ number: Int, repo: String, comment: String) -> [String] {
        ["issue", "close", "--repo=\(repo)", "--reason=completed", "--comment=\(comment)", "--", String(number)]
    }

    /// `gh issue reopen` of a tracked follow-up, with a comment saying why.
    static func reopenFollowUp(_ number: Int, repo: String, comment: String) -> [String] {
        ["issue", "reopen", "--repo=\(repo)", "--comment=\(comment)", "--", String(number)]
    }

    /// Every follow-up issue of `repo`, open or closed, newest first, with what a pull needs of each: one call reads
    /// them all (gh pages through GitHub's API up to the limit).
    static func listFollowUps(repo: String) -> [String] {
        ["issue", "list", "--repo=\(repo)", "--state=all", "--label=\(followUpLabel)", "--json=number,state,createdAt,closedAt,updatedAt",
         "--limit=\(followUpLimit)"]
    }

    /// The label every follow-up issue gets: `issue list` finds them by it.
    static let followUpLabel = "follow-up"
    /// The most follow-up issues of one repository a pull reads.
    static let followUpLimit = 2000

    /// `gh issue create` with the body on standard input.
    static func createIssue(repo: String, title: String, labels: [String], assignees: [String]) -> [String] {
        ["issue", "create", "--repo=\(repo)", "--title=\(title)", "--body-file=-"]
            + labels.map { "--label=\(sliceValue($0))" } + assignees.map { "--assignee=\(sliceValue($0))" }
    }

    static func listLabels(repo: String) -> [String] {
        ["label", "list", "--repo=\(repo)", "--json=name", "--limit=1000"]
    }

    static func createLabel(_ name: String, repo: String, color: String, description: String) -> [String] {
        ["label", "create", "--repo=\(repo)", "--color=\(color)", "--description=\(description)", "--", name]
    }

    /// The repository gh resolves from the working directory.
    static let currentRepository = ["repo", "view", "--json=nameWithOwner"]

    static func visibility(of repo: String) -> [String] {
        ["repo", "view", "--json=visibility", "--", repo]
    }

    /// One value of a list flag (`--label`, `--assignee`): gh reads those as CSV, so a value holding a quote (or a comma)
    /// is quoted as CSV quotes it, else gh would refuse it or split it.
    static func sliceValue(_ value: String) -> String {
        guard value.contains(where: { $0 == "\"" || $0 == "," || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
