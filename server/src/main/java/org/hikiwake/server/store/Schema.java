package org.hikiwake.server.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database's tables, as numbered migrations. The database's
 * {@code PRAGMA user_version} is the number of migrations applied; each one
 * runs in its own transaction at start, so a crash halfway through one leaves
 * the database as it was before it. Never edit a migration that has shipped:
 * add the next one.
 */
final class Schema {
  private static final Logger log = LoggerFactory.getLogger(Schema.class);

  /** Migration n (from 1) is {@code MIGRATIONS.get(n - 1)}. */
  static final List<String[]> MIGRATIONS = List.<String[]>of(
      new String[] {
        // Key-value facts about this data folder, e.g. the secret of idempotent seat tokens.
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID",
        // Scenario snapshots, once each however many games play them (a header names one).
        "CREATE TABLE scenarios (sha256 BLOB PRIMARY KEY, spec BLOB NOT NULL) WITHOUT ROWID",
        // One row per game: its header (the .hwr header is rebuilt from it) and, kept up
        // to date in the transaction of every append, where it stands.
        "CREATE TABLE games ("
            + " code TEXT PRIMARY KEY,"
            + " created_at INTEGER NOT NULL," // ms since the epoch
            + " format_version INTEGER NOT NULL," // of the recording it was written as
            + " server_version TEXT NOT NULL,"
            + " scenario_sha256 BLOB NOT NULL REFERENCES scenarios(sha256),"
            + " scenario_id TEXT NOT NULL,"
            + " scenario_title TEXT NOT NULL,"
            + " settings BLOB NOT NULL," // hikiwake.game.v1.GameSetup
            + " state TEXT NOT NULL CHECK (state IN ('waiting', 'in_progress', 'ended')),"
            + " round INTEGER NOT NULL DEFAULT 0,"
            + " rounds INTEGER NOT NULL,"
            + " outcome TEXT," // agreement, walk_out, deadline, abandoned; null until ended
            + " scores TEXT," // e.g. 'japan=61 russia=58'; null until ended
            + " result BLOB," // hikiwake.game.v1.GameResult, null until ended
            + " ended_at INTEGER,"
            + " class_code TEXT,"
            + " damage TEXT" // why it cannot go on; null if sound
            + ")",
        "CREATE INDEX games_by_time ON games (created_at DESC, code)",
        "CREATE INDEX games_by_state ON games (state, created_at DESC, code)",
        "CREATE INDEX games_by_class ON games (class_code, created_at DESC, code)"
            + " WHERE class_code IS NOT NULL",
        // Every recorded event: the encoded hikiwake.recording.v1.RecordingEntry, as in a .hwr.
        "CREATE TABLE game_events (game TEXT NOT NULL REFERENCES games(code), seq INTEGER NOT NULL,"
            + " entry BLOB NOT NULL, PRIMARY KEY (game, seq)) WITHOUT ROWID",
        // Seats, one row per role from the start; a seat's token is kept as its SHA-256 only.
        "CREATE TABLE seats (game TEXT NOT NULL REFERENCES games(code), role TEXT NOT NULL,"
            + " ordinal INTEGER NOT NULL, role_name TEXT NOT NULL, display_name TEXT, bot TEXT,"
            + " token_sha256 BLOB, PRIMARY KEY (game, role)) WITHOUT ROWID",
        // Idempotency keys (SHA-256 only) of joins and moves, with the events they caused.
        "CREATE TABLE requests (game TEXT NOT NULL REFERENCES games(code),"
            + " key_sha256 BLOB NOT NULL, kind TEXT NOT NULL, role TEXT NOT NULL,"
            + " last_seq INTEGER NOT NULL, PRIMARY KEY (game, key_sha256)) WITHOUT ROWID",
        "CREATE TABLE classes ("
            + " code TEXT PRIMARY KEY,"
            + " created_at INTEGER NOT NULL,"
            + " header BLOB NOT NULL," // hikiwake.classroom.v1.ClassHeader
            + " state TEXT NOT NULL CHECK (state IN ('open', 'ended')),"
            + " last_seq INTEGER NOT NULL DEFAULT 0,"
            + " ended_at INTEGER,"
            + " damage TEXT"
            + ")",
        // Every class event: the encoded hikiwake.classroom.v1.ClassEntry.
        "CREATE TABLE class_events (class TEXT NOT NULL REFERENCES classes(code),"
            + " seq INTEGER NOT NULL, entry BLOB NOT NULL, PRIMARY KEY (class, seq)) WITHOUT ROWID",
        // Which class formed which game (from its GameFormed events), in whichever order the
        // class's event and the game's creation arrive.
        "CREATE TABLE class_games (game TEXT PRIMARY KEY, class TEXT NOT NULL) WITHOUT ROWID",
        // Recording files of wave 1 found in games/ and what became of them, so each is
        // imported once.
        "CREATE TABLE imports (file TEXT PRIMARY KEY, game TEXT, outcome TEXT NOT NULL,"
            + " imported_at INTEGER NOT NULL) WITHOUT ROWID",
      },
      new String[] {
        // A request's idempotency key (SHA-256), kind and seat, on the row of the last event
        // it caused, instead of a row of its own in requests: that row cost the writer one
        // more scattered B-tree page a move. requests keeps the keys written before this.
        "ALTER TABLE game_events ADD COLUMN request_key BLOB",
        "ALTER TABLE game_events ADD COLUMN request_kind TEXT",
        "ALTER TABLE game_events ADD COLUMN request_role TEXT",
      });

  private Schema() {}

  /** The schema version this build writes. */
  static int latest() {
    return MIGRATIONS.size();
  }

  /**
   * Brings the database up to {@link #latest()}, one migration per
   * transaction.
   *
   * @throws SQLException if a migration fails, or the database is newer than this build
   */
  static void migrate(Connection c, String where) throws SQLException {
    int version = version(c);
    if (version > latest()) {
      throw new SQLException(where + " has schema version " + version + ", newer than this"
          + " build's " + latest() + "; run a newer hikiwake on it");
    }
    for (int v = version; v < latest(); v++) {
      try (Statement s = c.createStatement()) {
        for (String sql : MIGRATIONS.get(v)) {
          s.execute(sql);
        }
        s.execute("PRAGMA user_version = " + (v + 1));
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw new SQLException(where + ": schema migration " + (v + 1) + " failed: "
            + e.getMessage(), e);
      }
      log.info("{}: applied schema migration {}", where, v + 1);
    }
  }

  static int version(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
