import ArgumentParser
import Foundation
import IncidentKit

/// Where templates and output go, for the commands that render.
struct RenderOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A folder of templates that override the built-in ones file by file (default: incidents/templates/ beside the database).", valueName: "dir"))
    var templates: String?

    func renderer(databasePath: String) throws(IncidentError) -> IncidentRenderer {
        try Self.renderer(templates: templates, databasePath: databasePath)
    }

    /// The templates: built-in, overridden by `--templates` or by `templates/` beside the database.
    static func renderer(templates: String?, databasePath: String) throws(IncidentError) -> IncidentRenderer {
        var folder = templates
        if folder == nil {
            let beside = ((databasePath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("templates")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: beside, isDirectory: &isDirectory), isDirectory.boolValue { folder = beside }
        }
        return IncidentRenderer(templates: try TemplateSet(overridesIn: folder))
    }
}

/// Prints a rendered document, or writes it to `output` (never over the database at `database`). The commands declare
/// `-o` and `--force` themselves: an option group costs argument-parser a reflection pass on every run.
func emitDocument(_ text: String, to output: String?, overwrite: Bool, database: String?, console: Console) throws(IncidentError) {
    guard let output, output != "-" else {
        return console.say(text.hasSuffix("\n") ? String(text.dropLast()) : text)
    }
    try OutputFile.write(text, to: output, database: database, overwrite: overwrite)
}
