import Foundation

/// Building the public status page into a folder, and optionally cState's issue files, from the incidents shown on it.
/// Files the build wrote before and no longer needs are removed; nothing else in the folder is touched.
public struct StatusSite {
    let store: IncidentStore

    /// The status page of the incidents in `store`.
    public init(store: IncidentStore) {
        self.store = store
    }

    /// What a build wrote: how many incidents the page shows, the site's files, and cState's when asked for.
    public struct Built: Sendable {
        public var shown: Int
        public var site: SiteFolder.Outcome
        /// cState's `content/issues` folder and what was written there.
        public var cState: (folder: String, outcome: SiteFolder.Outcome)?
    }

    /// Writes the page as of `now` into `folder` with `templates`; settings from `config`, else the settings file
    /// beside the database (missing: the defaults); cState's issues into the cState site `cState` when given.
    public func build(into folder: String, cState: String? = nil, config: String? = nil, templates: TemplateSet,
                      at now: Date) throws(IncidentError) -> Built {
        let databaseFolder = ((store.path ?? "") as NSString).deletingLastPathComponent
        let settings = try StatusPageConfig.load(path: config ?? (databaseFolder as NSString).appendingPathComponent(StatusPageConfig.fileName))
        if let config, !FileManager.default.fileExists(atPath: config) { throw .unreadableFile(path: config, reason: "there is no such file") }
        let page = StatusPage(config: settings, templates: templates)
        let incidents = try store.publicIncidents()
        let site = try SiteFolder.write(try page.site(for: incidents, at: now), into: folder, marker: Self.siteMarker) {
            $0.hasPrefix("INC-") && $0.hasSuffix(".html")
        }
        var built = Built(shown: page.shown(incidents, at: now).count, site: site)
        if let cState {
            let issues = try SiteFolder.write(try page.cStateIssues(for: incidents, at: now), into: cState, cleaning: "content/issues",
                                              marker: Self.cStateMarker) { $0.hasSuffix(".md") }
            built.cState = ((cState as NSString).appendingPathComponent("content/issues"), issues)
        }
        return built
    }

    // The marks that say a file is the build's own, so a later build may replace or remove it; kept as first written,
    // or sites built before would no longer be recognised.
    static let siteMarker = "<meta name=\"generator\" content=\"incident statuspage\">"
    static let cStateMarker = "# Written by incident statuspage build --cstate"
}
