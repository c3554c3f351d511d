import Foundation
import PackagePlugin

/// Turns the repository's `Templates/*.mustache` and the starter playbooks in `incidents/playbooks/` into Swift
/// source, so the binary carries its default templates and playbooks wherever it is copied.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        return [
            try embed(folder: package.appending(path: "Templates"), ending: "mustache", as: "EmbeddedTemplates", context: context),
            try embed(folder: package.appending(path: "incidents/playbooks"), ending: "md", as: "EmbeddedPlaybooks", context: context),
        ]
    }

    /// A command that writes `typeName.files`, the text of every file in `folder` whose name ends in `.ending`.
    private func embed(folder: URL, ending: String, as typeName: String, context: PluginContext) throws -> Command {
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == ending }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "\(typeName).swift")
        return .buildCommand(
            displayName: "Embedding \(files.count) files as \(typeName)",
            executable: try context.tool(named: "TemplateEmbedder").url,
            arguments: [output.path, typeName] + files.map(\.path),
            inputFiles: files,
            outputFiles: [output]
        )
    }
}
