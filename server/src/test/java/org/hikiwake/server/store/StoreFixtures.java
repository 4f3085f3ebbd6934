package org.hikiwake.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hikiwake.codec.recording.RecordingHeaders;
import org.hikiwake.engine.game.Decision;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.game.Rules;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.engine.replay.Replay;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.hikiwake.proto.recording.RecordingHeader;
import org.hikiwake.server.record.GameHeader;
import org.hikiwake.server.record.RecoveredGame;
import org.hikiwake.server.room.TokenHash;

/**
 * Games, headers and helpers shared by the recording tests. The records are
 * the rules' own: every prefix of the long game ({@link #record}) replays cleanly,
 * as recovery requires.
 */
final class StoreFixtures {
  static final Scenario SCENARIO = loadScenario();
  /** The long game's settings: the most rounds, untimed. */
  static final GameSettings SETTINGS = GameSettings.untimed(GameSettings.MAX_ROUNDS);
  /** 2013-11-02T10:00:00Z, the first Japan-Russia 2+2. */
  static final Instant T0 = Instant.parse("2013-11-02T10:00:00Z");
  private static final List<Recorded> LONG_GAME = longGame();

  private StoreFixtures() {}

  private static Scenario loadScenario() {
    try {
      return ScenarioLoader.fromClasspath("japan-russia-2013");
    } catch (ScenarioException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new game's header, with the long game's settings. */
  static GameHeader game(String gameCode) {
    return game(gameCode, SETTINGS);
  }

  static GameHeader game(String gameCode, GameSettings settings) {
    return new GameHeader(gameCode, T0, SCENARIO, settings);
  }

  /** The header the store writes for a game. */
  static RecordingHeader headerOf(GameHeader game) {
    return RecordingHeaders.of(game.gameCode(), game.createdAt(), game.scenario(),
        game.settings());
  }

  /** The state of a new game of {@link #game}. */
  static GameState initial() {
    return GameState.initial(SCENARIO, SETTINGS);
  }

  /**
   * Record {@code seq} of a long game that does not end within its first
   * 1,000 records: both seats, then on every turn two words from each side
   * and an offer from the side to move.
   */
  static Recorded record(long seq) {
    return LONG_GAME.get((int) seq - 1);
  }

  /** Records {@code 1} to {@code count} of the long game. */
  static List<Recorded> records(int count) {
    return LONG_GAME.subList(0, count);
  }

  /** Records {@code first} to {@code last} of the long game. */
  static List<Recorded> records(long first, long last) {
    return LONG_GAME.subList((int) first - 1, (int) last);
  }

  private static List<Recorded> longGame() {
    Played game = new Played(initial());
    Instant at = T0;
    game.play("japan", seat("japan", "Aiko", at));
    game.play("russia", seat("russia", "Дмитрий", at = at.plusSeconds(1)));
    String[] offers = {"two_islands", "two_islands_plus", "area_split"};
    while (game.recorded.size() < 1_000) {
      String mover = game.state.toMove().orElseThrow();
      for (int word = 0; word < 2; word++) {
        game.play("japan", new Move.Say("japan", "Turn " + game.state.turn() + ": 引き分け?",
            at = at.plusSeconds(1)));
        game.play("russia", new Move.Say("russia", "Ничья — может быть.",
            at = at.plusSeconds(1)));
      }
      game.play(mover, new Move.Propose(mover, sixIssuePackage()
          .with("territory", offers[game.state.turn() % offers.length]), at = at.plusSeconds(1)));
    }
    assertThat(game.state.isOver()).as("the long game runs past 1,000 records").isFalse();
    return List.copyOf(game.recorded);
  }

  static Move.TakeSeat seat(String role, String name, Instant at) {
    return new Move.TakeSeat(role, name, Optional.empty(), TokenHash.of("token-" + role), at);
  }

  static Package sixIssuePackage() {
    return Package.of("territory", "two_islands_plus", "peace_treaty", "roadmap",
        "energy", "lng_contracts", "far_east", "major",
        "security", "joint_exercises", "missile_defence", "briefings");
  }

  /**
   * A whole timed game that holds every kind of event: seats and the start,
   * offers, chat, news, a timed-out turn, a restarted clock, the instructor's
   * controls (announcement, pause, resume, extension, a freed seat taken again)
   * and an agreement.
   */
  static Played everyKindOfEvent() {
    Played game = new Played(GameState.initial(SCENARIO,
        GameSettings.timed(SCENARIO.rounds(), Duration.ofMinutes(3))));
    game.play("japan", seat("japan", "Aiko", at(0)));
    game.play("russia", seat("russia", "Dmitry", at(0)));
    game.play("japan", new Move.Propose("japan", Package.of(
        "territory", "four_islands", "peace_treaty", "treaty_signed",
        "energy", "lng_contracts", "far_east", "modest",
        "security", "dialogue_only", "missile_defence", "written_assurance"), at(60)));
    game.play("russia", new Move.Say("russia", "Four islands is not a draw.", at(90)));
    game.play("russia", new Move.Propose("russia", Package.of(
        "territory", "two_islands", "peace_treaty", "treaty_signed",
        "energy", "lng_and_pipeline", "far_east", "major",
        "security", "full_fact_sheet", "missile_defence", "written_assurance"), at(150)));
    game.play("", new Move.TimeOut(at(150 + 180)));
    game.play("", new Move.RestartClock(at(400)));
    // the instructor's controls
    game.play("instructor", new Move.Announce("Ten minutes left.", at(405)));
    game.play("instructor", new Move.Pause(at(410)));
    game.play("instructor", new Move.Resume(at(430)));
    game.play("instructor", new Move.Extend(1, at(431)));
    game.play("instructor", new Move.ReleaseSeat("japan", at(432)));
    game.play("japan", seat("japan", "Aiko", at(433)));
    game.play("russia", new Move.Propose("russia", Package.of(
        "territory", "two_islands_plus", "peace_treaty", "treaty_signed",
        "energy", "lng_and_pipeline", "far_east", "major",
        "security", "joint_exercises", "missile_defence", "briefings"), at(450)));
    game.play("japan", new Move.Propose("japan", Package.of(
        "territory", "area_split", "peace_treaty", "treaty_signed",
        "energy", "lng_contracts", "far_east", "major",
        "security", "joint_exercises", "missile_defence", "briefings"), at(520)));
    game.play("russia", new Move.Accept("russia", at(600)));
    assertThat(game.state.isOver()).isTrue();
    return game;
  }

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  /**
   * A game played through the rules as a room plays it: each move decided
   * against the state so far, its events numbered on and stamped with the
   * move's time, one batch per move.
   */
  static final class Played {
    final GameState initial;
    GameState state;
    final List<Recorded> recorded = new ArrayList<>();
    final List<List<Recorded>> batches = new ArrayList<>();

    Played(GameState initial) {
      this.initial = initial;
      this.state = initial;
    }

    /** Plays a move that must be legal, by an actor ("" for the host); returns its events. */
    List<Recorded> play(String actor, Move move) {
      Decision decision = Rules.decide(state, move);
      assertThat(decision.isAccepted()).as("%s: %s", move, decision).isTrue();
      List<Recorded> batch = new ArrayList<>();
      for (Event e : ((Decision.Accepted) decision).events()) {
        batch.add(new Recorded(recorded.size() + batch.size() + 1, move.at(), actor, e));
      }
      state = Rules.applyAll(state, ((Decision.Accepted) decision).events());
      recorded.addAll(batch);
      batches.add(List.copyOf(batch));
      return batch;
    }
  }

  /** The recorded events a recovered game replayed. */
  static List<Recorded> recordedOf(RecoveredGame game) {
    return game.replay().steps().stream().map(Replay.Step::recorded).toList();
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

  static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
