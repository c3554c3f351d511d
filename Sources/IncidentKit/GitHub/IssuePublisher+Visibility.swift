import Foundation

extension IssuePublisher {
    /// The repository's visibility, remembered here or else asked of gh once; a public one is refused unless
    /// `allowingPublic`. Returns a visibility just learned (to remember with what the push records), or nil.
    public func checkVisibility(of repo: String, allowingPublic: Bool) throws(IncidentError) -> RepositoryVisibility? {
        let remembered = try store.visibility(of: repo)
        let visibility: RepositoryVisibility
        if let remembered { visibility = remembered } else { visibility = try lookUpVisibility(of: repo) }
        if visibility == .public, !allowingPublic { throw .publicRepository(repo) }
        return remembered == nil ? visibility : nil
    }

    /// `gh repo view REPO --json visibility`.
    func lookUpVisibility(of repo: String) throws(IncidentError) -> RepositoryVisibility {
        let arguments = GitHubArguments.visibility(of: repo)
        struct Answer: Decodable { var visibility: String }
        let output = try gh.run(arguments)
        guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(output.utf8)),
              let visibility = RepositoryVisibility(rawValue: answer.visibility.uppercased()) else {
            throw .githubFailed(command: GitHubCLI.commandLine(arguments), message: "its output is not the JSON gh prints (\(output.prefix(80)))")
        }
        return visibility
    }
}
