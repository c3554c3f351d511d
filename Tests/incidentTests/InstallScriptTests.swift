import Foundation
import Testing

/// `scripts/install.sh PREFIX` with the binary these tests built (`INCIDENT_BINARY`), so the suite does not wait for a
/// release build; the build itself is the one `scripts/setup.sh` and `bench/run.sh` run.
@Suite struct InstallScriptTests {
    @Test func installPutsTheBinaryTheManPageAndCompletionsUnderThePrefix() throws {
        let sandbox = try Sandbox()
        let prefix = sandbox.root.appendingPathComponent("a prefix/usr")
        let installed = try Repository.runScript("scripts/install.sh", [prefix.path], in: sandbox,
                                                 environment: ["INCIDENT_BINARY": CLI.binary.path])
        #expect(installed.status == 0, "\(installed)")
        #expect(installed.stdout.contains("Installed incident "), "\(installed)")

        let binary = prefix.appendingPathComponent("bin/incident")
        #expect(FileManager.default.isExecutableFile(atPath: binary.path))
        #expect(try Data(contentsOf: binary) == Data(contentsOf: CLI.binary), "bin/incident is the binary given")
        let version = try CLI.launch(["--version"], in: sandbox.dir, scratch: sandbox.scratch, executable: binary).finish()
        #expect(version.status == 0 && !version.stdout.isEmpty, "\(version)")

        let manual = try Data(contentsOf: prefix.appendingPathComponent("share/man/man1/incident.1"))
        #expect(manual == (try Data(contentsOf: URL(fileURLWithPath: Repository.path("docs/incident.1")))))

        let completions = ["bash": "share/bash-completion/completions/incident", "zsh": "share/zsh/site-functions/_incident",
                           "fish": "share/fish/vendor_completions.d/incident.fish"]
        for (shell, path) in completions {
            let script = try sandbox.ok(["--generate-completion-script", shell]).stdout
            let written = try String(contentsOf: prefix.appendingPathComponent(path), encoding: .utf8)
            #expect(written == script, "\(path) is not the \(shell) completion script")
            #expect(written.contains("playbook"), "\(shell) completion lists the commands")
        }
    }

    @Test(.enabled(if: Repository.tool("/usr/bin/man") != nil, "needs man to read the installed page"))
    func manIncidentReadsTheInstalledPage() throws {
        let sandbox = try Sandbox()
        let prefix = sandbox.root.appendingPathComponent("prefix")
        let installed = try Repository.runScript("scripts/install.sh", [prefix.path], in: sandbox,
                                                 environment: ["INCIDENT_BINARY": CLI.binary.path])
        #expect(installed.status == 0, "\(installed)")
        let page = try CLI.launch(["-M", prefix.appendingPathComponent("share/man").path, "incident"], in: sandbox.dir,
                                  scratch: sandbox.scratch, environment: ["MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "100"],
                                  executable: URL(fileURLWithPath: "/usr/bin/man")).finish()
        #expect(page.status == 0, "\(page)")
        #expect(page.stdout.contains("Declare, track and close incidents from the terminal."), "\(page.stdout.prefix(400))")
        #expect(page.stdout.contains("Start a team folder"), "init is in the page")
    }

    @Test func aBinaryThatIsNotThereStopsTheInstallBeforeAnythingIsWritten() throws {
        let sandbox = try Sandbox()
        let prefix = sandbox.root.appendingPathComponent("prefix")
        let result = try Repository.runScript("scripts/install.sh", [prefix.path], in: sandbox,
                                              environment: ["INCIDENT_BINARY": sandbox.root.appendingPathComponent("nowhere/incident").path])
        #expect(result.status == 66, "\(result)")
        #expect(result.stderr.hasPrefix("install.sh: INCIDENT_BINARY=") && result.stderr.filter { $0 == "\n" }.count == 1, "\(result)")
        #expect(!FileManager.default.fileExists(atPath: prefix.path))
    }
}
