import ArgumentParser
import Foundation
import IncidentKit

/// Where templates and output go, for the commands that render.
struct RenderOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A folder of templates that override the built-in ones file by file (default: incidents/templates/ beside the database).", valueName: "dir"))
    var templates: String?

    /// The templates: built-in, overridden by `--templates` or by `templates/` beside the database.
    func renderer(databasePath: String) throws(IncidentError) -> IncidentRenderer {
        var folder = templates
        if folder == nil {
            let beside = ((databasePath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("templates")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: beside, isDirectory: &isDirectory), isDirectory.boolValue { folder = beside }
        }
        return IncidentRenderer(templates: try TemplateSet(overridesIn: folder))
    }

}

/// Where a rendered document goes: standard output, or a file.
struct DocumentOutput: ParsableArguments {
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(name: .customLong("force"), help: "Overwrite the --output file if it exists.") var overwrite = false

    /// Whether the document goes to standard output.
    var toStandardOutput: Bool { output == nil || output == "-" }

    /// Prints `text`, or writes it to `--output` (never over the database at `database`).
    func emit(_ text: String, database: String?) throws(IncidentError) {
        guard let output, output != "-" else {
            return say(text.hasSuffix("\n") ? String(text.dropLast()) : text)
        }
        try OutputFile.write(text, to: output, database: database, overwrite: overwrite)
    }
}
