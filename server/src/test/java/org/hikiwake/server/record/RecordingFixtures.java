package org.hikiwake.server.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.hikiwake.proto.game.ChatPosted;
import org.hikiwake.proto.game.Choice;
import org.hikiwake.proto.game.ClockRestarted;
import org.hikiwake.proto.game.GameEnded;
import org.hikiwake.proto.game.GameEvent;
import org.hikiwake.proto.game.GameStarted;
import org.hikiwake.proto.game.NewsArrived;
import org.hikiwake.proto.game.OfferMade;
import org.hikiwake.proto.game.GameOutcome;
import org.hikiwake.proto.game.OptionPackage;
import org.hikiwake.proto.game.GameResult;
import org.hikiwake.proto.game.RoleScore;
import org.hikiwake.proto.game.TurnChanged;
import org.hikiwake.proto.game.TurnTimedOut;
import org.hikiwake.proto.recording.RecordingEntry;
import org.hikiwake.proto.recording.RecordingHeader;
import org.hikiwake.proto.recording.SeatTaken;

/** Headers, records and helpers shared by the recording tests. */
final class RecordingFixtures {
  static final Scenario SCENARIO = loadScenario();
  static final long T0 = 1_383_386_400_000L; // 2013-11-02T10:00:00Z, the first 2+2

  private RecordingFixtures() {}

  private static Scenario loadScenario() {
    try {
      return ScenarioLoader.fromClasspath("japan-russia-2013");
    } catch (ScenarioException e) {
      throw new IllegalStateException(e);
    }
  }

  static RecordingHeader header(String gameCode) {
    return header(gameCode, GameSettings.untimed(SCENARIO.rounds()));
  }

  static RecordingHeader header(String gameCode, GameSettings settings) {
    return RecordingHeader.newBuilder()
        .setFormatVersion(1)
        .setGameCode(gameCode)
        .setCreatedAtMillis(T0)
        .setServerVersion("0.1.0-test")
        .setScenario(ScenarioLoader.toProto(SCENARIO))
        .setSettings(EventCodec.toProto(settings))
        .build();
  }

  /** A realistic record: Japan offers a package with all six issues. */
  static RecordingEntry offer(long seq) {
    return RecordingEntry.newBuilder().setSeq(seq).setAtMillis(T0 + seq * 1000).setRole("japan")
        .setEvent(GameEvent.newBuilder().setOfferMade(OfferMade.newBuilder()
            .setRole("japan").setPackage(sixIssuePackage())))
        .build();
  }

  static OptionPackage sixIssuePackage() {
    return OptionPackage.newBuilder()
        .addChoices(choice("territory", "two_islands_plus"))
        .addChoices(choice("peace_treaty", "roadmap"))
        .addChoices(choice("energy", "lng_contracts"))
        .addChoices(choice("far_east", "major"))
        .addChoices(choice("security", "joint_exercises"))
        .addChoices(choice("missile_defence", "briefings"))
        .build();
  }

  private static Choice choice(String issue, String option) {
    return Choice.newBuilder().setIssue(issue).setOption(option).build();
  }

  /** One record of every kind, numbered from {@code firstSeq}, ending with the game's end. */
  static List<RecordingEntry> everyKind(long firstSeq) {
    List<RecordingEntry.Builder> b = new ArrayList<>();
    b.add(RecordingEntry.newBuilder().setRole("japan").setSeatTaken(SeatTaken.newBuilder()
        .setRole("japan").setDisplayName("Aiko").setTokenSha256(TokenHash.of("secret-1"))));
    b.add(RecordingEntry.newBuilder().setRole("russia").setSeatTaken(SeatTaken.newBuilder()
        .setRole("russia").setDisplayName("Дмитрий").setTokenSha256(TokenHash.of("secret-2"))));
    b.add(event("", GameEvent.newBuilder().setGameStarted(
        GameStarted.newBuilder().setAtMillis(T0))));
    b.add(event("", GameEvent.newBuilder().setTurnChanged(TurnChanged.newBuilder()
        .setTurn(0).setRound(1).setRole("japan").setDeadlineMillis(T0 + 120_000))));
    b.add(event("", GameEvent.newBuilder().setNewsArrived(
        NewsArrived.newBuilder().setNewsId("china-adiz"))));
    b.add(event("japan", GameEvent.newBuilder().setOfferMade(OfferMade.newBuilder()
        .setRole("japan").setPackage(sixIssuePackage()))));
    b.add(event("russia", GameEvent.newBuilder().setChatPosted(ChatPosted.newBuilder()
        .setRole("russia").setText("Hikiwake — a draw, not a surrender."))));
    b.add(event("", GameEvent.newBuilder().setTurnTimedOut(
        TurnTimedOut.newBuilder().setRole("russia"))));
    b.add(event("", GameEvent.newBuilder().setClockRestarted(
        ClockRestarted.newBuilder().setDeadlineMillis(T0 + 600_000))));
    b.add(event("russia", GameEvent.newBuilder().setGameEnded(GameEnded.newBuilder()
        .setResult(GameResult.newBuilder().setOutcome(GameOutcome.GAME_OUTCOME_AGREEMENT)
            .setAgreed(sixIssuePackage()).setEndedBy("russia")
            .addScores(RoleScore.newBuilder().setRole("japan").setScore(61))
            .addScores(RoleScore.newBuilder().setRole("russia").setScore(58))))));
    List<RecordingEntry> records = new ArrayList<>();
    for (int i = 0; i < b.size(); i++) {
      records.add(b.get(i).setSeq(firstSeq + i).setAtMillis(T0 + i * 1000L).build());
    }
    return records;
  }

  private static RecordingEntry.Builder event(String role, GameEvent.Builder event) {
    return RecordingEntry.newBuilder().setRole(role).setEvent(event);
  }

  /** Waits for a future that the writer should finish promptly. */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  /** The failure of a future that should fail promptly. */
  static Throwable failureOf(CompletableFuture<?> future) {
    try {
      future.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (TimeoutException e) {
      throw new AssertionError("the future did not complete", e);
    }
    throw new AssertionError("the future succeeded but should have failed");
  }

  static byte[] bytesOf(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a recording of the header and records straight to a file, as the store would. */
  static byte[] recordingBytes(RecordingHeader header, List<RecordingEntry> records) {
    List<com.google.protobuf.MessageLite> messages = new ArrayList<>();
    messages.add(header);
    messages.addAll(records);
    return Frames.encode(messages).array();
  }

  /** Offsets where each frame starts, plus the file's end. */
  static List<Integer> frameStarts(byte[] bytes) {
    List<Integer> starts = new ArrayList<>();
    int pos = 0;
    while (pos < bytes.length) {
      starts.add(pos);
      int length = java.nio.ByteBuffer.wrap(bytes, pos, 4).getInt();
      pos += Frames.PREFIX_BYTES + length;
    }
    starts.add(pos);
    return starts;
  }
}
