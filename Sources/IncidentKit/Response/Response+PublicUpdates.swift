import Foundation

extension Response {
    /// Records `text` (Markdown) as a public update of incident `incident`, with the public state it is in now, and
    /// sends a notice of it to the webhooks through `notifier` (by default, the store's webhooks over HTTP).
    public func postPublicUpdate(_ text: String, to incident: Int, at: Date,
                                 through notifier: Notifier? = nil) throws(IncidentError) -> (PublicUpdate, Notifier.Report) {
        let text = try TextRules.block(text, field: "public update")
        return try (notifier ?? Notifier(store: store)).postPublicUpdate(incident, text: text, at: at)
    }

    /// The public update `text` would make on incident `incident` at `at`, without recording or sending it; refused
    /// as a real one would be when the incident is not shown on the status page.
    public func previewPublicUpdate(_ text: String, of incident: Int, at: Date) throws(IncidentError) -> PublicUpdate {
        let text = try TextRules.block(text, field: "public update")
        let record = try store.incident(incident)
        guard record.isPublic else { throw .notPublic(incident) }
        return PublicUpdate(at: at, status: PublicStatus(record.status), text: text)
    }
}
