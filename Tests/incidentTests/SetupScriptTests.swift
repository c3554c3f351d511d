import Foundation
import Testing

/// `scripts/setup.sh`, README's first command, with the binary these tests built (`INCIDENT_BINARY` skips the release
/// build) on a store of the test's own (`INCIDENT_DB`).
@Suite struct SetupScriptTests {
    @Test func setupTwiceDeclaresTheExampleOnceAndWritesNothingTheSecondTime() throws {
        let sandbox = try Sandbox()
        let database = sandbox.root.appendingPathComponent("setup.sqlite").path
        let environment: [String: String?] = ["INCIDENT_BINARY": CLI.binary.path, "INCIDENT_DB": database]

        let first = try Repository.runScript("scripts/setup.sh", [], in: sandbox, environment: environment)
        #expect(first.status == 0, "\(first)")
        #expect(first.stdout.contains("VPC Connector Connectivity Failure"), "it shows the example: \(first)")
        #expect(first.stdout.contains("\nDeclared INC-1 in \(database).\n"), "\(first)")
        let afterFirst = try sandbox.dump(database)

        let second = try Repository.runScript("scripts/setup.sh", [], in: sandbox, environment: environment)
        #expect(second.status == 0, "\(second)")
        #expect(second.stdout.contains("\nAlready declared INC-1 in \(database).\n"), "\(second)")
        #expect(try sandbox.dump(database) == afterFirst, "the second run changed the store")

        let listed = try sandbox.ok(["list", "--all", "--db", database])
        #expect(listed.lines.count == 1, "one example incident: \(listed)")
    }
}
