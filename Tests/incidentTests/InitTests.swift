import Foundation
import Testing

/// `incident init [DIR]`: a team folder with the starter playbooks, a README and a `.gitignore`, made by a binary that
/// runs outside this repository, and never overwriting anything.
@Suite struct InitTests {
    static let repositoryPlaybooks = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("incidents/playbooks")

    static let starterFiles = [
        "incidents/.gitignore", "incidents/README.md", "incidents/playbooks/P0.md", "incidents/playbooks/P1.md",
        "incidents/playbooks/README.md",
    ]

    /// Every file under the sandbox's work folder with its bytes and modification time.
    private func snapshot(_ sandbox: Sandbox) throws -> [String: (bytes: Data, modified: Date)] {
        var files: [String: (Data, Date)] = [:]
        for path in sandbox.listing() {
            let url = sandbox.dir.appendingPathComponent(path)
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            files[path] = (try Data(contentsOf: url), try #require(attributes[.modificationDate] as? Date))
        }
        return files
    }

    @Test func initInAnEmptyFolderGivesPlaybooksThatListAndApply() throws {
        let sandbox = try Sandbox()
        let started = try sandbox.ok(["init"])
        #expect(started.stdout.hasPrefix("Started \(sandbox.dir.standardizedFileURL.path)/incidents:\n"), "\(started)")
        for file in Self.starterFiles {
            #expect(sandbox.exists(file), "\(file) missing: \(sandbox.listing())")
        }
        #expect(!sandbox.exists("incidents/incidents.sqlite"), "init makes no database; the first `new` does")

        let listed = try sandbox.ok(["playbook", "list"])
        #expect(listed.lines.count == 2, "\(listed)")
        #expect(listed.lines.first?.hasPrefix("P0 ") == true && listed.lines.last?.hasPrefix("P1 ") == true, "\(listed)")
        let declared = try sandbox.ok(["new", "--p0", "Checkout is down"])
        #expect(declared.stdout.contains("Applied playbook P0:"), "\(declared)")
    }

    @Test func theStarterPlaybooksAreTheOnesThisRepositoryShips() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["init"])
        for name in ["P0.md", "P1.md", "README.md"] {
            let shipped = try Data(contentsOf: Self.repositoryPlaybooks.appendingPathComponent(name))
            #expect(try sandbox.contents("incidents/playbooks/\(name)") == shipped, "\(name) differs from incidents/playbooks/\(name)")
        }
    }

    @Test func initTwiceLeavesEveryByteAndTimeAsItWas() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["init"])
        let before = try snapshot(sandbox)
        let listingBefore = sandbox.listing()
        let again = try sandbox.ok(["init"])
        #expect(again.stdout == "\(sandbox.dir.standardizedFileURL.path)/incidents already has every starter file; nothing changed.\n", "\(again)")
        let after = try snapshot(sandbox)
        #expect(sandbox.listing() == listingBefore)
        #expect(Set(after.keys) == Set(before.keys))
        for (path, file) in before {
            #expect(after[path]?.bytes == file.bytes, "\(path) changed")
            #expect(after[path]?.modified == file.modified, "\(path) was written again")
        }
    }

    @Test func filesAlreadyThereAreKeptAndTheRestAdded() throws {
        let sandbox = try Sandbox()
        try FileManager.default.createDirectory(at: sandbox.dir.appendingPathComponent("incidents/playbooks"), withIntermediateDirectories: true)
        let ours = Data("---\nseverity: P0\n---\n# Our P0\n\n## IMMEDIATE\n- [ ] Call Dana\n".utf8)
        try ours.write(to: sandbox.dir.appendingPathComponent("incidents/playbooks/P0.md"))
        try Data("Our notes\n".utf8).write(to: sandbox.dir.appendingPathComponent("incidents/README.md"))

        let started = try sandbox.ok(["init"])
        #expect(started.stdout.contains("  kept    playbooks/P0.md (already there)\n"), "\(started)")
        #expect(started.stdout.contains("  kept    README.md (already there)\n"), "\(started)")
        #expect(started.stdout.contains("  created playbooks/P1.md\n"), "\(started)")
        #expect(try sandbox.contents("incidents/playbooks/P0.md") == ours)
        #expect(try sandbox.contents("incidents/README.md") == Data("Our notes\n".utf8))
        #expect(sandbox.exists("incidents/playbooks/P1.md") && sandbox.exists("incidents/.gitignore"))
    }

    @Test func initIntoANewFolderMakesTheFolderThatCommandsBelowItFind() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["init", "team/ops"])
        #expect(sandbox.exists("team/ops/incidents/playbooks/P1.md"))
        try FileManager.default.createDirectory(at: sandbox.dir.appendingPathComponent("team/ops/services/api"), withIntermediateDirectories: true)
        let declared = try sandbox.run(["new", "--p1", "Found from below"], in: "team/ops/services/api")
        #expect(declared.status == 0 && declared.stdout.contains("Applied playbook P1:"), "\(declared)")
        #expect(sandbox.exists("team/ops/incidents/incidents.sqlite"))
    }

    @Test func aFileWhereTheFolderGoesIsRefusedInOneLineAndNothingIsMade() throws {
        let sandbox = try Sandbox()
        try Data("not a folder\n".utf8).write(to: sandbox.dir.appendingPathComponent("incidents"))
        expectFailure(try sandbox.run(["init"]), status: 74, mentioning: "incidents", "a file has that name where a folder is needed")
        #expect(sandbox.listing() == ["incidents"])
        try Data("x\n".utf8).write(to: sandbox.dir.appendingPathComponent("plain"))
        expectFailure(try sandbox.run(["init", "plain/team"]), status: 74, mentioning: "plain is a file, not a folder")
        #expect(sandbox.listing() == ["incidents", "plain"])
    }

    @Test func theGitignoreKeepsTheDatabaseAndItsJournalsOutOfGit() throws {
        let git = try #require(["/usr/bin/git", "/usr/local/bin/git"].first { FileManager.default.isExecutableFile(atPath: $0) },
                               "git is not installed")
        let sandbox = try Sandbox()
        func runGit(_ arguments: String...) throws -> CLIResult {
            try CLI.launch(["-c", "init.defaultBranch=main"] + arguments, in: sandbox.dir, scratch: sandbox.scratch,
                           executable: URL(fileURLWithPath: git)).finish()
        }
        #expect(try runGit("init", "-q").status == 0)
        try sandbox.ok(["init"])
        try sandbox.ok(["new", "--p2", "Disk full"])
        for journal in ["-wal", "-shm", "-journal"] {
            try Data().write(to: sandbox.dir.appendingPathComponent("incidents/incidents.sqlite\(journal)"))
        }
        let status = try runGit("status", "--porcelain", "--untracked-files=all")
        #expect(status.status == 0, "\(status)")
        #expect(status.lines.sorted() == Self.starterFiles.map { "?? \($0)" }.sorted(), "\(status)")
    }
}
