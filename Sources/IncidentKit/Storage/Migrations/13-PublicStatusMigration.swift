import GRDB

/// Version 13: what the people outside the response see. An incident may be shown on the status page (with a title of
/// its own for customers), carries public updates beside the internal ones, and a free section may be internal (left
/// out of a public postmortem). Webhooks take notices of updates; each notice waits in `webhookDelivery` until the
/// webhook accepts it (then the row goes), so a failing one is retried on the next update and nothing is lost.
/// A public update has an identity (`uid`) like every shared item; webhooks and deliveries stay on this machine.
enum PublicStatusMigration {
    static let identifier = "v13-public-status"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE incident ADD COLUMN isPublic INTEGER NOT NULL DEFAULT 0 CHECK (isPublic IN (0, 1));
            ALTER TABLE incident ADD COLUMN publicTitle TEXT CHECK (publicTitle IS NULL OR length(trim(publicTitle)) > 0);
            ALTER TABLE section ADD COLUMN isInternal INTEGER NOT NULL DEFAULT 0 CHECK (isInternal IN (0, 1));
            CREATE TABLE publicUpdate (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                incidentNumber INTEGER NOT NULL REFERENCES incident(number) ON DELETE CASCADE,
                at REAL NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('investigating', 'identified', 'monitoring', 'resolved')),
                text TEXT NOT NULL CHECK (length(trim(text)) > 0),
                uid TEXT
            );
            CREATE INDEX publicUpdateByIncident ON publicUpdate(incidentNumber, at);
            CREATE TABLE webhook (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                url TEXT NOT NULL UNIQUE CHECK (url GLOB 'http://?*' OR url GLOB 'https://?*'),
                format TEXT NOT NULL CHECK (format IN ('slack', 'json')),
                addedAt REAL NOT NULL
            );
            CREATE TABLE webhookDelivery (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                webhookId INTEGER NOT NULL REFERENCES webhook(id) ON DELETE CASCADE,
                incidentNumber INTEGER NOT NULL REFERENCES incident(number) ON DELETE CASCADE,
                createdAt REAL NOT NULL,
                payload TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                lastError TEXT
            );
            """)
    }
}
