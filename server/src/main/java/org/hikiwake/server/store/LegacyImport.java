package org.hikiwake.server.store;

import com.google.common.collect.ImmutableList;
import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.codec.recording.Recording;
import org.hikiwake.codec.recording.RecordingException;
import org.hikiwake.codec.recording.RecordingReader;
import org.hikiwake.codec.recording.ReplayedRecording;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Result;
import org.hikiwake.engine.game.Seat;
import org.hikiwake.engine.replay.Replay;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.proto.recording.RecordingEntry;
import org.hikiwake.proto.recording.RecordingHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports the recordings wave 1 wrote, {@code <data>/games/*.hwr} (format 1
 * or 2), into the database, once: each file is named in the {@code imports}
 * table, with what became of it, in the same transaction as its game. The
 * files are left where they are. Records are kept byte for byte, so a
 * fetched recording is the one that was written.
 */
final class LegacyImport {
  private static final Logger log = LoggerFactory.getLogger(LegacyImport.class);
  static final String EXTENSION = ".hwr";

  private LegacyImport() {}

  static ImportReport run(Connection c, Path folder) throws SQLException, IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files = listing.filter(p -> p.getFileName().toString().endsWith(EXTENSION))
          .filter(Files::isRegularFile).sorted().toList();
    }
    if (files.isEmpty()) {
      return ImportReport.none();
    }
    Set<String> done = new HashSet<>();
    try (PreparedStatement q = c.prepareStatement("SELECT file FROM imports");
        ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        done.add(rs.getString(1));
      }
    }
    int unfinished = 0;
    int finished = 0;
    int damaged = 0;
    int before = 0;
    List<String> skipped = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (done.contains(name)) {
        before++;
        continue;
      }
      Outcome outcome = importOne(c, file);
      note(c, name, outcome.game, outcome.what);
      switch (outcome.kind) {
        case UNFINISHED:
          unfinished++;
          break;
        case FINISHED:
          finished++;
          break;
        case DAMAGED:
          damaged++;
          log.error("Imported {} as damaged: {}", file, outcome.what);
          break;
        case SKIPPED:
          skipped.add(name + ": " + outcome.what);
          log.error("Cannot import {}: {}; the file is left as it is", file, outcome.what);
          break;
        default:
          throw new AssertionError(outcome.kind);
      }
    }
    c.commit();
    ImportReport report = new ImportReport(unfinished, finished, damaged,
        ImmutableList.copyOf(skipped), before);
    if (report.imported() > 0 || !skipped.isEmpty()) {
      log.info("{}: {}; the files are left in place and are not imported again", folder,
          report);
    }
    return report;
  }

  private enum Kind { UNFINISHED, FINISHED, DAMAGED, SKIPPED }

  private record Outcome(Kind kind, String game, String what) {}

  private static Outcome importOne(Connection c, Path file) throws SQLException {
    Recording recording;
    try {
      recording = RecordingReader.read(file);
    } catch (IOException e) {
      return new Outcome(Kind.SKIPPED, null, "cannot be read (" + e.getMessage() + ")");
    }
    ReplayedRecording replayed;
    try {
      replayed = ReplayedRecording.of(recording, file.toString());
    } catch (RecordingException e) {
      return new Outcome(Kind.SKIPPED, null, e.getMessage());
    }
    RecordingHeader h = recording.header();
    String code = h.getGameCode();
    if (exists(c, code)) {
      return new Outcome(Kind.SKIPPED, code, "game " + code + " is already in the database");
    }
    Replay replay = replayed.replay();
    boolean tornOnly = recording.hasTornTail() && replay.isComplete()
        && replay.steps().size() == recording.records().size();
    Optional<String> damage = tornOnly ? Optional.empty() : replayed.problem();
    if (tornOnly) {
      log.warn("{}: {}; the torn tail is left out", file, recording.problem().orElseThrow());
    }
    byte[] spec = h.getScenario().toByteArray();
    HashCode sha = Hashing.sha256().hashBytes(spec);
    try (PreparedStatement i = c.prepareStatement(
        "INSERT OR IGNORE INTO scenarios (sha256, spec) VALUES (?, ?)")) {
      i.setBytes(1, sha.asBytes());
      i.setBytes(2, spec);
      i.executeUpdate();
    }
    GameState last = replay.last();
    Optional<Result> result = last.result();
    Optional<Instant> endedAt = Optional.empty();
    for (Replay.Step s : replay.steps()) {
      if (s.recorded().event() instanceof Event.GameEnded) {
        endedAt = Optional.of(s.recorded().at());
      }
    }
    try (PreparedStatement i = c.prepareStatement("INSERT INTO games (code, created_at,"
        + " format_version, server_version, scenario_sha256, scenario_id, scenario_title,"
        + " settings, state, round, rounds, outcome, scores, result, ended_at, damage)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      i.setString(1, code);
      i.setLong(2, h.getCreatedAtMillis());
      i.setInt(3, h.getFormatVersion());
      i.setString(4, h.getServerVersion());
      i.setBytes(5, sha.asBytes());
      i.setString(6, replayed.scenario().id());
      i.setString(7, replayed.scenario().title());
      i.setBytes(8, h.getSettings().toByteArray());
      i.setString(9, SqliteStore.stateOf(last.phase()));
      i.setInt(10, last.round());
      i.setInt(11, last.settings().rounds());
      i.setString(12, result.map(r -> r.outcome().name().toLowerCase(Locale.ROOT)).orElse(null));
      i.setString(13, result.map(SqliteStore::scoresText).orElse(null));
      i.setBytes(14, result.map(r -> EventCodec.toProto(r).toByteArray()).orElse(null));
      if (endedAt.isPresent()) {
        i.setLong(15, endedAt.get().toEpochMilli());
      } else {
        i.setNull(15, java.sql.Types.INTEGER);
      }
      i.setString(16, damage.orElse(null));
      i.executeUpdate();
    }
    try (PreparedStatement i = c.prepareStatement("INSERT INTO seats (game, role, ordinal,"
        + " role_name, display_name, bot, token_sha256) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      int ordinal = 0;
      for (Role role : replayed.scenario().roles()) {
        Optional<Seat> seat = last.seat(role.id());
        i.setString(1, code);
        i.setString(2, role.id());
        i.setInt(3, ordinal++);
        i.setString(4, role.name());
        i.setString(5, seat.map(Seat::displayName).orElse(null));
        i.setString(6, seat.flatMap(Seat::bot).orElse(null));
        i.setBytes(7, seat.map(s -> s.tokenHash().asBytes()).orElse(null));
        i.executeUpdate();
      }
    }
    try (PreparedStatement i = c.prepareStatement(
        "INSERT INTO game_events (game, seq, entry) VALUES (?, ?, ?)")) {
      for (RecordingEntry e : recording.records()) {
        i.setString(1, code);
        i.setLong(2, e.getSeq());
        i.setBytes(3, e.toByteArray());
        i.executeUpdate();
      }
    }
    if (damage.isPresent()) {
      return new Outcome(Kind.DAMAGED, code, "damaged: " + damage.get());
    }
    return last.isOver() ? new Outcome(Kind.FINISHED, code, "finished")
        : new Outcome(Kind.UNFINISHED, code, "unfinished");
  }

  private static boolean exists(Connection c, String code) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM games WHERE code = ?")) {
      q.setString(1, code);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static void note(Connection c, String file, String game, String what)
      throws SQLException {
    try (PreparedStatement i = c.prepareStatement("INSERT INTO imports (file, game, outcome,"
        + " imported_at) VALUES (?, ?, ?, ?)")) {
      i.setString(1, file);
      i.setString(2, game);
      i.setString(3, what);
      i.setLong(4, System.currentTimeMillis());
      i.executeUpdate();
    }
  }
}
