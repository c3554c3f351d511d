import Foundation
import Testing

/// The README's example incident, typed in command by command.
enum Example {
    static let title = "API returns 503 on every request"
    static let declaredAt = "2025-09-15 19:17 PST"
    /// 19:17 PST is UTC−8, whatever the season: 03:17 UTC the next day.
    static let declaredAtUTC = "2025-09-16T03:17:00Z"

    static let whys = [
        "E2E tests fail: every API call returns 503",
        "The API pods can't open a database connection",
        "Database connection fails: VPC connector cannot reach Cloud SQL",
        "The VPC connector lost its route after a network change",
        "Network changes are applied without a connectivity check",
    ]

    static let timeline: [(kind: String, at: String, utc: String, text: String)] = [
        ("detected", "2025-09-15 19:17 PST", "2025-09-16T03:17:00Z", "E2E tests fail"),
        ("root-cause-identified", "2025-09-15 20:05 PST", "2025-09-16T04:05:00Z", "VPC connector cannot reach Cloud SQL"),
        ("fix-deployed", "2025-09-15 20:40 PST", "2025-09-16T04:40:00Z", "Recreated the VPC connector"),
    ]

    static let recreateDetails = """
        Recreate it in the same region:
        ```bash
        gcloud compute networks vpc-access connectors create api-connector \\
          --region us-central1 --range 10.8.0.0/28
        ```
        """

    /// (text, horizon): 3 immediate, 4 medium-term, 4 long-term.
    static let actions: [(String, String)] = [
        ("Recreate the VPC connector", "immediate"), ("Restart the API pods", "immediate"),
        ("Confirm health endpoints return 200", "immediate"),
        ("Alert on VPC connector errors", "medium-term"), ("Add a connectivity check to network changes", "medium-term"),
        ("Document the connector setup", "medium-term"), ("Add a synthetic API probe", "medium-term"),
        ("Terraform the VPC connector", "long-term"), ("Review network change approvals", "long-term"),
        ("Run a failover game day", "long-term"), ("Add a second connector for redundancy", "long-term"),
    ]

    /// (text, phase): 4 immediate, 4 short-term.
    static let criteria: [(String, String)] = [
        ("Health endpoints return HTTP 200", "immediate"), ("E2E tests pass", "immediate"),
        ("Error rate below 0.1%", "immediate"), ("Database connections stable for 30 minutes", "immediate"),
        ("No 503s for 24 hours", "short-term"), ("Connector alert fires in a drill", "short-term"),
        ("Runbook reviewed", "short-term"), ("Postmortem published", "short-term"),
    ]

    static let rootCause = "The VPC connector lost its route to Cloud SQL"
}

extension Sandbox {
    /// Declares the example incident with its whys, timeline, actions and criteria; returns the `new` output.
    /// A sandbox without a database yet gets a copy of `incidents/` as the same 29 commands left it in a sandbox of
    /// its own, typed once per test process (so every run still types the whole example); one that has a database
    /// already has the example typed into it.
    @discardableResult
    func declareExampleIncident(sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIResult {
        let folder = dir.appendingPathComponent("incidents")
        if !FileManager.default.fileExists(atPath: folder.path), case .success(let typed) = Self.typedExample {
            try FileManager.default.copyItem(at: typed.folder, to: folder)
            return typed.declared
        }
        return try typeExampleIncident(sourceLocation: sourceLocation)
    }

    /// `incidents/` as typing the example left it (kept in a folder of its own until the test process exits), and
    /// what its `new` printed.
    private static let typedExample: Result<(folder: URL, declared: CLIResult), any Error> = Result {
        let sandbox = try Sandbox()
        let declared = try sandbox.typeExampleIncident()
        try FileManager.default.copyItem(at: sandbox.dir.appendingPathComponent("incidents"), to: keptExample)
        atexit { try? FileManager.default.removeItem(at: Sandbox.keptExample) }
        return (keptExample, declared)
    }

    private static let keptExample = FileManager.default.temporaryDirectory.appendingPathComponent("incident-example-\(getpid())")

    /// Types the example in, command by command.
    @discardableResult
    func typeExampleIncident(sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIResult {
        let declared = try ok(["new", "--p0", Example.title, "--label", "api", "--label", "database",
                               "--assignee", "alice", "--assignee", "infra-team",
                               "--service", "api|https://api.example.com|all endpoints",
                               "--impact", "Every API request fails", "--at", Example.declaredAt],
                              sourceLocation: sourceLocation)
        for (index, why) in Example.whys.enumerated() {
            try ok(["why", "add", why] + (index == Example.whys.count - 1 ? ["--root-cause"] : []), sourceLocation: sourceLocation)
        }
        for entry in Example.timeline {
            try ok(["timeline", "add", entry.text, "--kind", entry.kind, "--at", entry.at], sourceLocation: sourceLocation)
        }
        for (index, (text, horizon)) in Example.actions.enumerated() {
            let details = index == 0 ? ["--details", Example.recreateDetails] : []
            let owner = index == 3 ? ["--owner", "infra-team", "--due", "2025-09-16 09:00 PST"] : []
            try ok(["action", "add", text, "--horizon", horizon] + details + owner, sourceLocation: sourceLocation)
        }
        for (text, phase) in Example.criteria {
            try ok(["criterion", "add", text, "--phase", phase], sourceLocation: sourceLocation)
        }
        try ok(["set", "--root-cause", Example.rootCause], sourceLocation: sourceLocation)
        return declared
    }
}
