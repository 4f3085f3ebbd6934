package org.hikiwake.codec.recording;

import com.google.common.hash.Hashing;
import com.google.protobuf.MessageLite;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.engine.game.Decision;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.game.Rules;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;

/**
 * Recordings of games played through the rules, made in memory, for tests
 * here and (through this module's test jar) in the client.
 */
public final class RecordedGames {
  /** The Nash package of the built-in scenario at its start: Japan 57, Russia 82. */
  public static final Package NASH = Package.of("territory", "two_islands_plus",
      "peace_treaty", "roadmap", "energy", "lng_and_pipeline", "far_east", "major",
      "security", "full_fact_sheet", "missile_defence", "no_statement");
  public static final String CODE = "K7MX-Q2PA";
  public static final Instant CREATED = Instant.parse("2025-01-06T09:00:00Z");

  private RecordedGames() {}

  /** A game of the built-in scenario being played: each move goes through the rules. */
  public static final class Game {
    private final Scenario scenario;
    private final GameSettings settings;
    private GameState state;
    private final List<Recorded> events = new ArrayList<>();
    private Instant clock = CREATED;

    private Game(Scenario scenario, GameSettings settings) {
      this.scenario = scenario;
      this.settings = settings;
      this.state = GameState.initial(scenario, settings);
    }

    /** Makes a move ten seconds after the last one and records its events. */
    public Game move(String actor, Function<Instant, Move> move) {
      clock = clock.plus(Duration.ofSeconds(10));
      Decision d = Rules.decide(state, move.apply(clock));
      if (!(d instanceof Decision.Accepted accepted)) {
        throw new IllegalStateException("the rules refused the move: " + d);
      }
      for (Event e : accepted.events()) {
        state = Rules.apply(state, e);
        events.add(new Recorded(events.size() + 1L, clock, actor, e));
      }
      return this;
    }

    public Game seat(String role, String name) {
      return move(role, at -> new Move.TakeSeat(role, name, Optional.empty(),
          Hashing.sha256().hashString("token-" + role, StandardCharsets.UTF_8), at));
    }

    public Game offer(String role, Package pkg) {
      return move(role, at -> new Move.Propose(role, pkg, at));
    }

    public Game say(String role, String text) {
      return move(role, at -> new Move.Say(role, text, at));
    }

    public Game accept(String role) {
      return move(role, at -> new Move.Accept(role, at));
    }

    /** The host times the turn out when its deadline comes. */
    public Game timeOut() {
      clock = state.deadline().orElseThrow().minusSeconds(10);
      return move("", Move.TimeOut::new);
    }

    public Game walkAway(String role) {
      return move(role, at -> new Move.WalkAway(role, at));
    }

    public GameState state() {
      return state;
    }

    public Scenario scenario() {
      return scenario;
    }

    /** Every event recorded so far, in order. */
    public List<Recorded> events() {
      return List.copyOf(events);
    }

    /** The recording file's bytes, in the format this build writes. */
    public byte[] bytes() {
      List<MessageLite> frames = new ArrayList<>();
      frames.add(RecordingHeaders.of(CODE, CREATED, scenario, settings));
      for (Recorded r : events) {
        frames.add(EventCodec.toEntry(r));
      }
      ByteBuffer b = Frames.encode(frames);
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    }

    /** The recording read back and replayed, as replay and export see it. */
    public ReplayedRecording replayed() {
      return RecordedGames.replayed(bytes());
    }
  }

  /** Recording bytes read and replayed. */
  public static ReplayedRecording replayed(byte[] bytes) {
    try {
      return ReplayedRecording.of(RecordingReader.read(bytes), CODE + ".hwr");
    } catch (RecordingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new game of the built-in scenario, six untimed rounds. */
  public static Game japanRussia() {
    Scenario s = builtIn();
    return new Game(s, GameSettings.untimed(s.rounds()));
  }

  /** A new game of the built-in scenario, six rounds with a time limit per turn. */
  public static Game japanRussia(Duration turnLimit) {
    Scenario s = builtIn();
    return new Game(s, GameSettings.timed(s.rounds(), turnLimit));
  }

  /** A new game of the built-in scenario with these settings (rounds, limit, an uncertain end). */
  public static Game japanRussia(GameSettings settings) {
    return new Game(builtIn(), settings);
  }

  private static Scenario builtIn() {
    try {
      return ScenarioLoader.fromClasspath("japan-russia-2013");
    } catch (ScenarioException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Aiko (Japan) and Boris (Russia) sit; Japan talks, offers the Nash package; Russia accepts. */
  public static Game agreement() {
    return japanRussia().seat("japan", "Aiko").seat("russia", "Boris")
        .say("japan", "Two islands plus, and a treaty?").offer("japan", NASH).accept("russia");
  }
}
