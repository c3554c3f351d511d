import Foundation
import Testing

/// Where the database lives: `--db`, else `$INCIDENT_DB`, else the nearest ancestor with an
/// `incidents/` folder, else `./incidents/incidents.sqlite`.
@Suite struct LocationTests {
    private func makeFolders(_ sandbox: Sandbox, _ paths: String...) throws {
        for path in paths {
            try FileManager.default.createDirectory(at: sandbox.dir.appendingPathComponent(path), withIntermediateDirectories: true)
        }
    }

    @Test func theDBFlagBeatsTheEnvironmentVariable() throws {
        let sandbox = try Sandbox()
        try makeFolders(sandbox, "incidents")
        let declared = try sandbox.run(["new", "--p1", "Flag wins", "--db", "flag.sqlite"],
                                       environment: ["INCIDENT_DB": "env.sqlite"])
        #expect(declared.status == 0, "\(declared)")
        #expect(sandbox.exists("flag.sqlite"))
        #expect(!sandbox.exists("env.sqlite"))
        #expect(!sandbox.exists("incidents/incidents.sqlite"))
        let shown = try sandbox.run(["show", "--json", "--db", "flag.sqlite"], environment: ["INCIDENT_DB": "env.sqlite"])
        #expect(shown.stdout.contains("\"title\" : \"Flag wins\""), "\(shown)")
        let viaEnvironment = try sandbox.run(["show"], environment: ["INCIDENT_DB": "env.sqlite"])
        expectFailure(viaEnvironment, status: 66, mentioning: "No incident database at env.sqlite")
    }

    @Test func theEnvironmentVariableBeatsAnAncestorIncidentsFolder() throws {
        let sandbox = try Sandbox()
        try makeFolders(sandbox, "incidents", "team/service")
        let database = sandbox.root.appendingPathComponent("env.sqlite").path
        let declared = try sandbox.run(["new", "--p1", "Environment wins"], in: "team/service",
                                       environment: ["INCIDENT_DB": database])
        #expect(declared.status == 0, "\(declared)")
        #expect(FileManager.default.fileExists(atPath: database))
        #expect(sandbox.listing() == ["incidents", "team", "team/service"], "nothing created under the work folder")
        let listed = try sandbox.run(["list"], environment: ["INCIDENT_DB": database])
        #expect(listed.stdout.contains("Environment wins"), "\(listed)")
    }

    @Test func theNearestAncestorWithAnIncidentsFolderIsUsedFromANestedSubfolder() throws {
        let sandbox = try Sandbox()
        try makeFolders(sandbox, "incidents", "repo/incidents", "repo/src/deep/er")
        let declared = try sandbox.run(["new", "--p2", "Found from below"], in: "repo/src/deep/er")
        #expect(declared.status == 0, "\(declared)")
        #expect(sandbox.exists("repo/incidents/incidents.sqlite"), "the nearest ancestor's folder wins")
        #expect(!sandbox.exists("incidents/incidents.sqlite"), "a farther ancestor is not used")
        #expect(!sandbox.exists("repo/src/deep/er/incidents"), "no new incidents/ folder in the working folder")
        let shown = try sandbox.run(["show"], in: "repo/src")
        #expect(shown.status == 0 && shown.stdout.hasPrefix("INC-1  P2  investigating  Found from below\n"), "\(shown)")
        let fromTop = try sandbox.run(["show"])
        expectFailure(fromTop, status: 66, mentioning: "No incident database at \(sandbox.defaultDatabase)")
    }

    @Test func withoutAnyOtherChoiceTheDatabaseIsCreatedInTheWorkingFolder() throws {
        let sandbox = try Sandbox()
        try makeFolders(sandbox, "here")
        let declared = try sandbox.run(["new", "--p3", "Default location"], in: "here")
        #expect(declared.status == 0, "\(declared)")
        #expect(sandbox.listing() == ["here", "here/incidents", "here/incidents/incidents.sqlite"])
        let shown = try sandbox.run(["show", "--db", "here/incidents/incidents.sqlite"])
        #expect(shown.stdout.hasPrefix("INC-1  P3  investigating  Default location\n"), "\(shown)")
    }
}
