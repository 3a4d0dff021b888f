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
            // The change feed (schema version 2): per tenant its events, numbered 1, 2, 3... by the head row (the last
            // position given out); per journey the feed's view, next due time and scheduler claim (UTC ticks, exact to the
            // tick like the engine's fade times); per tenant and consumer the acknowledged position.
            MigrationV2 =
                $"""
                CREATE TABLE IF NOT EXISTS {s}.feed_heads (
                    tenant text PRIMARY KEY,
                    last_position bigint NOT NULL CHECK (last_position >= 0)
                );
                CREATE TABLE IF NOT EXISTS {s}.events (
                    tenant text NOT NULL,
                    position bigint NOT NULL CHECK (position >= 1),
                    journey text NOT NULL,
                    recorded_at timestamptz NOT NULL,
                    payload text NOT NULL,
                    PRIMARY KEY (tenant, position)
                );
                CREATE INDEX IF NOT EXISTS events_journey ON {s}.events (tenant, journey, position);
                CREATE TABLE IF NOT EXISTS {s}.journey_feeds (
                    tenant text NOT NULL,
                    journey text NOT NULL,
                    view text NOT NULL,
                    due_at_ticks bigint CHECK (due_at_ticks BETWEEN 0 AND 3155378975999999999),
                    lease_until_ticks bigint,
                    PRIMARY KEY (tenant, journey)
                );
                CREATE INDEX IF NOT EXISTS journey_feeds_due ON {s}.journey_feeds (due_at_ticks) WHERE due_at_ticks IS NOT NULL;
                CREATE TABLE IF NOT EXISTS {s}.feed_cursors (
                    tenant text NOT NULL,
                    consumer text NOT NULL,
                    position bigint NOT NULL CHECK (position >= 0),
                    PRIMARY KEY (tenant, consumer)
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
            // Read after the stream's lock in an append with changes: the lock serializes the journey's writers, so no
            // two of them diff the same stored view.
            ReadView = $"SELECT view FROM {s}.journey_feeds WHERE tenant = $1 AND journey = $2";

            // $1 tenant, $2 journey, $3 view, $4 due ticks (null: never). Releases a scheduler's claim.
            SaveView =
                $"""
                INSERT INTO {s}.journey_feeds (tenant, journey, view, due_at_ticks, lease_until_ticks) VALUES ($1, $2, $3, $4, NULL)
                ON CONFLICT (tenant, journey) DO UPDATE SET view = EXCLUDED.view, due_at_ticks = EXCLUDED.due_at_ticks, lease_until_ticks = NULL
                """;

            // $1 tenant, $2 journey, $3 payloads, $4 recorded at, $5 the payloads' count. The head row's upsert takes the
            // tenant's feed lock; see AppendWithChangesAsync for why it is the last statement before COMMIT.
            InsertEvents =
                $"""
                WITH head AS (
                    INSERT INTO {s}.feed_heads AS h (tenant, last_position) VALUES ($1, $5)
                    ON CONFLICT (tenant) DO UPDATE SET last_position = h.last_position + EXCLUDED.last_position
                    RETURNING h.last_position)
                INSERT INTO {s}.events (tenant, position, journey, recorded_at, payload)
                SELECT $1, head.last_position - $5 + u.ord, $2, $4, u.payload
                FROM head CROSS JOIN unnest($3::text[]) WITH ORDINALITY AS u (payload, ord)
                """;
            ReadEvents =
                $"""
                SELECT position, journey, recorded_at, payload FROM {s}.events
                WHERE tenant = $1 AND position > $2
                ORDER BY position
                LIMIT $3
                """;
            ReadJourneyEvents =
                $"""
                SELECT position, journey, recorded_at, payload FROM {s}.events
                WHERE tenant = $1 AND journey = $4 AND position > $2
                ORDER BY position
                LIMIT $3
                """;
            GetCursor = $"SELECT position FROM {s}.feed_cursors WHERE tenant = $1 AND consumer = $2";

            // $1 tenant, $2 consumer, $3 position. One statement: the tenant's last position (committed events only: the
            // head row changes in the transaction that stores them) and, when the position is not beyond it, the cursor
            // raised to it (never lowered). Returns the last position.
            SaveCursor =
                $"""
                WITH head AS (SELECT COALESCE((SELECT last_position FROM {s}.feed_heads WHERE tenant = $1), 0) AS last_position),
                saved AS (
                    INSERT INTO {s}.feed_cursors AS c (tenant, consumer, position)
                    SELECT $1, $2, $3 FROM head WHERE $3 <= head.last_position
                    ON CONFLICT (tenant, consumer) DO UPDATE SET position = GREATEST(c.position, EXCLUDED.position))
                SELECT last_position FROM head
                """;

            // $1 now (ticks), $2 lease end (ticks), $3 limit. One statement across tenants: the earliest due rows that no live
            // claim holds, locked with SKIP LOCKED so that concurrent claimers (other processes, other servers) each take
            // rows the others are not taking, then leased. Rows an uncommitted append is rewriting are skipped too.
            ClaimDue =
                $"""
                UPDATE {s}.journey_feeds AS f SET lease_until_ticks = $2
                FROM (
                    SELECT tenant, journey FROM {s}.journey_feeds
                    WHERE due_at_ticks <= $1 AND (lease_until_ticks IS NULL OR lease_until_ticks <= $1)
                    ORDER BY due_at_ticks
                    LIMIT $3
                    FOR UPDATE SKIP LOCKED) AS due
                WHERE f.tenant = due.tenant AND f.journey = due.journey
                RETURNING f.tenant, f.journey, f.due_at_ticks
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

        public string MigrationV2 { get; }

        public string ReadView { get; }

        public string SaveView { get; }

        public string InsertEvents { get; }

        public string ReadEvents { get; }

        public string ReadJourneyEvents { get; }

        public string GetCursor { get; }

        public string SaveCursor { get; }

        public string ClaimDue { get; }

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
