namespace BuyingJourney.PostgreSql;

// The PostgreSQL store, part: the SQL statements, with the schema name filled in once.
public sealed partial class PostgreSqlJourneyStore
{
    /// <summary>The statements, with the schema name (validated, so safe to embed) filled in once.</summary>
    private sealed class Sql
    {
        public Sql(string schema)
        {
            var s = "\"" + schema + "\"";
            CreateVersionTable =
                $"""
                CREATE SCHEMA IF NOT EXISTS {s};
                CREATE TABLE IF NOT EXISTS {s}.schema_version (
                    version integer PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    description text NOT NULL
                );
                """;
            CurrentSchemaVersion = $"SELECT COALESCE(MAX(version), 0) FROM {s}.schema_version";
            RecordSchemaVersion = $"INSERT INTO {s}.schema_version (version, description) VALUES (@version, @description)";
            MigrationV1 =
                $"""
                CREATE TABLE IF NOT EXISTS {s}.streams (
                    tenant text NOT NULL,
                    journey text NOT NULL,
                    journey_order bytea NOT NULL,
                    version bigint NOT NULL CHECK (version >= 0),
                    PRIMARY KEY (tenant, journey)
                );
                CREATE INDEX IF NOT EXISTS streams_tenant_order ON {s}.streams (tenant, journey_order);
                CREATE TABLE IF NOT EXISTS {s}.signals (
                    tenant text NOT NULL,
                    journey text NOT NULL,
                    version bigint NOT NULL CHECK (version >= 1),
                    signal_id text NOT NULL,
                    occurred_at_ticks bigint NOT NULL,
                    recorded_at timestamptz NOT NULL,
                    payload text NOT NULL,
                    PRIMARY KEY (tenant, journey, version),
                    CONSTRAINT signals_signal_id UNIQUE (tenant, journey, signal_id)
                );
                CREATE TABLE IF NOT EXISTS {s}.snapshots (
                    tenant text NOT NULL,
                    journey text NOT NULL,
                    version bigint NOT NULL CHECK (version >= 1),
                    last_signal_ticks bigint NOT NULL,
                    payload text NOT NULL,
                    PRIMARY KEY (tenant, journey, version)
                );
                """;
            // The statements of an append use positional parameters (no SQL rewriting) and are prepared.
            EnsureStream =
                $"INSERT INTO {s}.streams (tenant, journey, journey_order, version) VALUES ($1, $2, $3, 0) ON CONFLICT (tenant, journey) DO NOTHING";
            LockStream = $"SELECT version FROM {s}.streams WHERE tenant = $1 AND journey = $2 FOR UPDATE";

            // A stream at version 0 holds no signals, so every id is new (a row stored around the store would break the
            // unique constraint and roll the append back); versions are the ordinals.
            InsertIntoNewStream =
                $"""
                INSERT INTO {s}.signals (tenant, journey, version, signal_id, occurred_at_ticks, recorded_at, payload)
                SELECT $1, $2, u.ord, u.signal_id, u.ticks, $6, u.payload
                FROM unnest($3::text[], $4::bigint[], $5::text[]) WITH ORDINALITY AS u (signal_id, ticks, payload, ord)
                WHERE (SELECT version FROM {s}.streams WHERE tenant = $1 AND journey = $2) = 0
                """;
            SetNewStreamVersion = $"UPDATE {s}.streams SET version = $3 WHERE tenant = $1 AND journey = $2 AND version = 0";
            InsertSignals =
                $"""
                INSERT INTO {s}.signals (tenant, journey, version, signal_id, occurred_at_ticks, recorded_at, payload)
                SELECT $1, $2, $7 + row_number() OVER (ORDER BY u.ord), u.signal_id, u.ticks, $6, u.payload
                FROM unnest($3::text[], $4::bigint[], $5::text[]) WITH ORDINALITY AS u (signal_id, ticks, payload, ord)
                WHERE (SELECT version FROM {s}.streams WHERE tenant = $1 AND journey = $2) = $7
                  AND NOT EXISTS (SELECT 1 FROM {s}.signals AS stored WHERE stored.tenant = $1 AND stored.journey = $2 AND stored.signal_id = u.signal_id)
                RETURNING signal_id
                """;
            UpdateVersion =
                $"""
                UPDATE {s}.streams SET version = last.version
                FROM (SELECT max(version) AS version FROM {s}.signals WHERE tenant = $1 AND journey = $2 AND version > $3) AS last
                WHERE streams.tenant = $1 AND streams.journey = $2 AND streams.version = $3 AND last.version IS NOT NULL
                """;
            ReadSignals =
                $"""
                SELECT version, signal_id, recorded_at, payload FROM {s}.signals
                WHERE tenant = @tenant AND journey = @journey AND version > @after AND occurred_at_ticks <= @until
                ORDER BY version
                """;
            // One statement, so one snapshot: a page of journeys, then each journey's signals looked up through the primary
            // key (tenant, journey, version) in a LATERAL subquery. Its ORDER BY keeps the planner from flattening it into
            // a plain join, which for a tenant written after the table's last ANALYZE (estimated at one row) it ran as one
            // scan of the tenant's whole signal set per journey of the page, about 100 times slower; a per-journey lookup
            // does not depend on the statistics being fresh. Ordered by journey only: the page's order gives it without
            // sorting the signals, which come in version order from the key (the reader checks, and sorts if not).
            ReadJourneys =
                $"""
                SELECT page.journey, s.version, s.signal_id, s.recorded_at, s.payload
                FROM (SELECT journey, journey_order FROM {s}.streams WHERE tenant = $1 AND version > 0 ORDER BY journey_order LIMIT $2) AS page
                CROSS JOIN LATERAL (
                    SELECT version, signal_id, recorded_at, payload FROM {s}.signals
                    WHERE tenant = $1 AND journey = page.journey
                    ORDER BY version) AS s
                ORDER BY page.journey_order
                """;
            ReadJourneysAfter =
                $"""
                SELECT page.journey, s.version, s.signal_id, s.recorded_at, s.payload
                FROM (SELECT journey, journey_order FROM {s}.streams WHERE tenant = $1 AND version > 0 AND journey_order > $3 ORDER BY journey_order LIMIT $2) AS page
                CROSS JOIN LATERAL (
                    SELECT version, signal_id, recorded_at, payload FROM {s}.signals
                    WHERE tenant = $1 AND journey = page.journey
                    ORDER BY version) AS s
                ORDER BY page.journey_order
                """;
            GetVersion = $"SELECT version FROM {s}.streams WHERE tenant = @tenant AND journey = @journey";
            SaveSnapshot =
                $"""
                INSERT INTO {s}.snapshots (tenant, journey, version, last_signal_ticks, payload)
                SELECT @tenant, @journey, @version, @last, @payload
                WHERE EXISTS (SELECT 1 FROM {s}.streams WHERE tenant = @tenant AND journey = @journey AND version >= @version)
                ON CONFLICT (tenant, journey, version) DO UPDATE SET last_signal_ticks = EXCLUDED.last_signal_ticks, payload = EXCLUDED.payload
                """;
            LoadLatestSnapshot =
                $"SELECT version, last_signal_ticks, payload FROM {s}.snapshots WHERE tenant = @tenant AND journey = @journey ORDER BY version DESC LIMIT 1";
            LoadSnapshotBefore =
                $"""
                SELECT version, last_signal_ticks, payload FROM {s}.snapshots
                WHERE tenant = @tenant AND journey = @journey AND last_signal_ticks < @before
                ORDER BY version DESC
                LIMIT 1
                """;
            ListJourneys =
                $"SELECT journey FROM {s}.streams WHERE tenant = @tenant AND version > 0 ORDER BY journey_order LIMIT @limit";
            ListJourneysAfter =
                $"""
                SELECT journey FROM {s}.streams
                WHERE tenant = @tenant AND version > 0 AND journey_order > @after
                ORDER BY journey_order
                LIMIT @limit
                """;
        }

        public string CreateVersionTable { get; }

        public string CurrentSchemaVersion { get; }

        public string RecordSchemaVersion { get; }

        public string MigrationV1 { get; }

        public string EnsureStream { get; }

        public string LockStream { get; }

        public string InsertIntoNewStream { get; }

        public string SetNewStreamVersion { get; }

        public string InsertSignals { get; }

        public string UpdateVersion { get; }

        public string ReadSignals { get; }

        public string ReadJourneys { get; }

        public string ReadJourneysAfter { get; }

        public string GetVersion { get; }

        public string SaveSnapshot { get; }

        public string LoadLatestSnapshot { get; }

        public string LoadSnapshotBefore { get; }

        public string ListJourneys { get; }

        public string ListJourneysAfter { get; }
    }
}
