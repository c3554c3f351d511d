import Foundation
import Testing

/// Roles, severity playbooks and the stakeholder update cadence, as a team runs a response.
@Suite struct ResponseTests {
    static let shipped = repositoryTemplates.deletingLastPathComponent().appendingPathComponent("incidents/playbooks")

    /// A sandbox whose `incidents/playbooks` holds the playbooks this repository ships.
    func sandboxWithShippedPlaybooks() throws -> Sandbox {
        let sandbox = try Sandbox()
        try FileManager.default.createDirectory(at: sandbox.dir.appendingPathComponent("incidents"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.shipped, to: sandbox.dir.appendingPathComponent("incidents/playbooks"))
        return sandbox
    }

    @Test func aP0DeclaresWithTheShippedChecklistAndTheCadenceShown() throws {
        let sandbox = try sandboxWithShippedPlaybooks()
        let declared = try sandbox.ok(["new", "--p0", "API returns 503 on every request", "--commander", "@alice"])
        #expect(declared.lines.first == "INC-1")
        #expect(declared.stdout.contains("Applied playbook P0: 13 actions, 3 criteria (updates every 30 min)."))
        #expect(declared.stdout.contains("Stakeholder updates: next update due in 30 min, none posted since it was declared."))
        let actions = try sandbox.ok(["action", "list"]).stdout
        #expect(actions.contains("Name the incident commander") && actions.contains("Post the first stakeholder update within 15 minutes"))
        #expect(try sandbox.ok(["show"]).stdout.contains("Stakeholder updates: next update due in 30 min"))
        // Applying it again adds nothing twice.
        #expect(try sandbox.ok(["playbook", "apply", "P0"]).stdout == "Playbook P0 was already applied; nothing added.\n")
        // The reference example stays as written: its script declares with --no-playbook.
        #expect(try sandbox.ok(["new", "--p0", "Quiet", "--no-playbook"]).stdout.contains("Applied") == false)
    }

    @Test func aHandWrittenPlaybookWithFrontMatterAppliesToItsSeverityOnly() throws {
        let sandbox = try Sandbox()
        let folder = sandbox.dir.appendingPathComponent("books")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("""
            ---
            severity: [P1]
            labels: [database]
            update-every: 45m
            ---
            # Database degraded

            ## IMMEDIATE
            - [ ] Check replication lag
            - [ ] Page the DBA on call

            ## LONG-TERM
            - [ ] Add a replica in a second zone

            """.utf8).write(to: folder.appendingPathComponent("database.md"))
        let p2 = try sandbox.ok(["new", "--p2", "Slow queries", "--playbooks", folder.path])
        #expect(!p2.stdout.contains("Applied"))
        let p1 = try sandbox.ok(["new", "--p1", "Replication broken", "--playbooks", folder.path])
        #expect(p1.stdout.contains("Applied playbook database: 3 actions, 0 criteria (updates every 45 min)."))
        let json = try sandbox.json(["INC-2"])
        let horizons = (json["actions"] as? [[String: Any]])?.compactMap { $0["horizon"] as? String }
        #expect(horizons == ["immediate", "immediate", "long-term"])
        #expect((json["labels"] as? [String])?.contains("database") == true)
    }

    @Test func aBrokenPlaybookNeverStopsTheDeclaration() throws {
        let sandbox = try sandboxWithShippedPlaybooks()
        try Data("---\nseverity: P7\n---\n- [ ] x\n".utf8).write(to: sandbox.dir.appendingPathComponent("incidents/playbooks/bad.md"))
        try Data("---\nseverity: P0\n---\nJust prose.\n".utf8).write(to: sandbox.dir.appendingPathComponent("incidents/playbooks/empty.md"))
        let result = try sandbox.run(["new", "--p0", "Still declared"])
        #expect(result.status == 0 && result.lines.first == "INC-1")
        #expect(result.stderr.contains("incidents/playbooks/empty.md:1: has no task items"))
        #expect(result.stderr.contains("Fix it, then: incident playbook apply INC-1 empty"))
        #expect(result.stdout.contains("Applied playbook P0"))
        #expect(try sandbox.ok(["playbook", "list"]).stdout.contains("bad.md:2: unknown severity \"P7\""))
    }

    @Test func rolesHandOverInTheTimelineAndShowInTheIssueAndJSON() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Queue backlog", "--commander", "@alice"])
        #expect(try sandbox.ok(["role", "set", "commander", "@bob"]).stdout == "commander: @alice → @bob on INC-1.\n")
        try sandbox.ok(["role", "set", "INC-1", "communications", "carol"])
        #expect(try sandbox.ok(["timeline", "list"]).stdout.contains("commander: @alice → @bob"))
        #expect(try sandbox.ok(["render"]).stdout.contains("**Roles:** commander: @bob, communications: carol"))
        #expect(try sandbox.ok(["export"]).stdout.contains("| **Roles** | commander: @bob, communications: carol |"))
        let roles = try sandbox.json()["roles"] as? [[String: Any]]
        #expect(roles?.map { $0["role"] as? String } == ["commander", "communications"])
        #expect(roles?.first?["who"] as? String == "@bob")
        try sandbox.ok(["role", "clear", "communications"])
        #expect(try sandbox.ok(["role", "list"]).stdout.hasPrefix("commander"))
    }

    @Test func dueNamesAnOverdueUpdateAndExitsOneUntilAnUpdateIsRecorded() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p0", "Payments down", "--at", "-45m"])
        try sandbox.ok(["action", "add", "Call the bank", "--horizon", "medium-term", "--owner", "dana", "--due", "-10m"])
        let due = try sandbox.run(["due"])
        #expect(due.status == 1)
        #expect(due.stdout.contains("INC-1  P0  update: update overdue by 15 min (none posted since it was declared)"))
        #expect(due.stdout.contains("INC-1  P0  action 1: overdue by 10m: Call the bank (owner dana)"))
        #expect(due.stderr.isEmpty)
        try sandbox.ok(["update"])
        try sandbox.ok(["check", "1"])
        let after = try sandbox.run(["due"])
        #expect(after.status == 0 && after.stdout == "Nothing overdue.\n")
        #expect(try sandbox.ok(["show"]).stdout.contains("Stakeholder updates: next update due in 30 min, last update just now"))
    }
}
