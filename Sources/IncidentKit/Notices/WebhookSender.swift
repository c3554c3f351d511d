import Foundation

/// Sends a notice to a webhook; returns nil when the webhook accepted it, else why not, in a few words.
public protocol WebhookSending: Sendable {
    func send(_ payload: String, to url: String) -> String?
}

/// Posts through curl, as publishing goes through gh: Foundation's URLSession on Linux links libcurl and its
/// libraries into every command's start-up, for the one command that posts. The URL and the body go to curl on
/// standard input (`--config -`), so a webhook's secret URL never shows in the process list.
public struct CurlSender: WebhookSending {
    /// The curl found on `PATH`, or nil.
    let executable: String?
    /// How long one webhook may take before it counts as failed.
    let timeout: Int

    public init(environment: [String: String] = Environment.all, timeout: Int = 10) {
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        executable = folders.lazy.map { ($0 as NSString).appendingPathComponent("curl") }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        self.timeout = timeout
    }

    public func send(_ payload: String, to url: String) -> String? {
        guard let executable else { return "curl is not on PATH (install curl to send notices)" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--config", "-"]
        if let replacement = Environment.replacement { process.environment = replacement }
        let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
        (process.standardOutput, process.standardError, process.standardInput) = (stdout, stderr, stdin)
        do {
            try process.run()
        } catch {
            return "curl could not be started (\(error.localizedDescription))"
        }
        let config = """
            url = "\(Self.quoted(url))"
            request = "POST"
            header = "Content-Type: application/json"
            data-binary = "\(Self.quoted(payload))"
            max-time = \(timeout)
            silent
            show-error
            write-out = "\\n%{http_code}"

            """
        let group = DispatchGroup()
        nonisolated(unsafe) var output = Data(), errors = Data()
        DispatchQueue.global().async(group: group) { output = stdout.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errors = stderr.fileHandleForReading.readDataToEndOfFile() }
        try? stdin.fileHandleForWriting.write(contentsOf: Data(config.utf8))
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
            return message.isEmpty ? "curl exited with status \(process.terminationStatus)" : message
        }
        let text = String(decoding: output, as: UTF8.self)
        let code = text.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        guard let status = Int(code), (200..<300).contains(status) else {
            return "the webhook answered HTTP \(code.isEmpty ? "nothing" : code)"
        }
        return nil
    }

    /// A value inside double quotes in a curl config file, where backslash escapes `\`, `"` and line breaks.
    static func quoted(_ text: String) -> String {
        var result = ""
        for character in text.unicodeScalars {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}
