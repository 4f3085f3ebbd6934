package org.hikiwake.server.bots;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.hikiwake.engine.bot.Bot;
import org.hikiwake.engine.bot.Level;
import org.hikiwake.engine.bot.Match;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.game.Phase;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.hikiwake.engine.view.GameView;
import org.hikiwake.server.record.GameLog;
import org.hikiwake.server.record.NoopRecordingStore;
import org.hikiwake.server.room.Delivery;
import org.hikiwake.server.room.GameRoom;
import org.hikiwake.server.room.ManualLoop;
import org.hikiwake.server.room.Participant;
import org.hikiwake.server.room.Revealer;
import org.hikiwake.server.room.SeatTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Bots hosted in a room on a manual loop (their thinking on the same loop):
 * what they see, when they move, and that a hosted bot plays exactly as the
 * engine's own match says it would.
 */
class BotHostTest {
  private static final Scenario SCENARIO = load();
  private static final Instant T0 = Instant.parse("2013-11-02T09:00:00Z");
  private static final String CODE = "BOTS-TEST";
  private static final Package NASH = Package.of("territory", "two_islands_plus",
      "peace_treaty", "treaty_signed", "energy", "lng_and_pipeline", "far_east", "major",
      "security", "full_fact_sheet", "missile_defence", "briefings");

  private final ManualLoop loop = new ManualLoop(T0);

  @ParameterizedTest
  @CsvSource({"easy,hard", "hard,easy", "medium,medium", "hard,hard"})
  void twoHostedBots_playToTheEnd_asTheEnginesMatchPlaysThem(String japan, String russia) {
    GameRoom room = room(GameSettings.untimed(SCENARIO.rounds()));
    BotHost host = new BotHost(loop, loop.clock(), Duration.ofSeconds(2));
    BotPlayer j = host.seated(room, "japan", japan);
    loop.runAll();
    BotPlayer r = host.seated(room, "russia", russia);
    List<GameView> seenByJapan = new ArrayList<>();
    List<GameView> seenByRussia = new ArrayList<>();
    for (int second = 0; second < 600 && !room.listing().isOver(); second++) {
      loop.advance(Duration.ofSeconds(1));
      j.view().ifPresent(seenByJapan::add);
      r.view().ifPresent(seenByRussia::add);
    }

    assertThat(room.listing().phase()).isEqualTo(Phase.ENDED);
    Match expected = Match.play(SCENARIO, Map.of(
        "japan", Bot.of(Level.parse(japan).orElseThrow(), BotHost.seed(CODE, "japan")),
        "russia", Bot.of(Level.parse(russia).orElseThrow(), BotHost.seed(CODE, "russia"))));
    assertThat(room.listing().result()).as("the hosted game against the engine's match")
        .isEqualTo(expected.end().result());
    assertThat(room.listing().seats()).extracting(s -> s.bot().orElse(""))
        .containsExactly(japan, russia);
    CompletableFuture<Boolean> idle = room.retireIfIdle();
    loop.runAll();
    assertThat(idle).as("the bots left the ended game, so it may leave memory")
        .isCompletedWithValue(true);
    // the bots saw their own seat only, up to the reveal at the end
    assertThat(seenByJapan).isNotEmpty().filteredOn(v -> !v.isOver())
        .allSatisfy(v -> assertThat(v.sheets().keySet()).containsExactly("japan"));
    assertThat(seenByRussia).isNotEmpty().filteredOn(v -> !v.isOver())
        .allSatisfy(v -> assertThat(v.sheets().keySet()).containsExactly("russia"));
  }

  @Test
  void bot_waitsItsThinkingTime_thenMoves() {
    GameRoom room = room(GameSettings.untimed(SCENARIO.rounds()));
    BotHost host = new BotHost(loop, loop.clock(), Duration.ofSeconds(3));
    BotPlayer j = host.seated(room, "japan", "medium");
    loop.runAll();
    BotPlayer r = host.seated(room, "russia", "medium");
    loop.runAll();
    assertThat(j.view().orElseThrow().isMyTurn()).isTrue();

    loop.advance(Duration.ofMillis(2_999));
    assertThat(room.progress().onTable()).as("before the thinking time is up").isEmpty();
    loop.advance(Duration.ofMillis(1));
    assertThat(room.progress().onTable()).as("once it is up").isPresent();
    assertThat(r.view().orElseThrow().isMyTurn()).isTrue();
  }

  @Test
  void bot_thinkingLongerThanTheTurnLimit_movesWithinIt() {
    GameRoom room = room(GameSettings.timed(SCENARIO.rounds(), Duration.ofSeconds(4)));
    BotHost host = new BotHost(loop, loop.clock(), Duration.ofSeconds(30));
    host.seated(room, "japan", "hard");
    loop.runAll();
    host.seated(room, "russia", "hard");
    loop.runAll();

    loop.advance(Duration.ofSeconds(2));
    assertThat(room.progress().onTable()).as("half the turn limit at most").isPresent();
    assertThat(room.progress().turn()).isEqualTo(1);
    loop.advance(Duration.ofSeconds(2));
    assertThat(room.progress().turn()).as("the second bot moved in time too").isEqualTo(2);
  }

  @Test
  void standIn_movesForTheAwayPlayerAsTheBot_untilThePlayerTakesTheSeatBack() {
    List<Recorded> recorded = new ArrayList<>();
    GameRoom room = GameRoom.create(CODE, T0, SCENARIO, GameSettings.untimed(3), loop,
        loop.clock(), new SeatTokens(new SecureRandom()), new Revealer(Runnable::run),
        new GameLog() {
          @Override
          public CompletableFuture<Void> append(List<Recorded> events) {
            recorded.addAll(events);
            return CompletableFuture.completedFuture(null);
          }

          @Override
          public CompletableFuture<Void> close() {
            return CompletableFuture.completedFuture(null);
          }
        });
    BotHost host = new BotHost(loop, loop.clock(), Duration.ZERO);
    Person aiko = new Person();
    Person boris = new Person();
    room.join(aiko, 1, "japan", "Aiko");
    room.join(boris, 1, "russia", "Boris");
    loop.runAll();
    room.leave(aiko);
    loop.runAll();

    host.standIn(room, "japan", "medium");
    loop.advance(Duration.ofSeconds(1));
    assertThat(room.progress().turn()).as("the stand-in moved").isEqualTo(1);
    Person aikoAgain = new Person();
    room.reseatForClass(aikoAgain, "japan");
    room.move(boris, 2, "russia", at -> new Move.Propose("russia", NASH, at));
    loop.advance(Duration.ofSeconds(1));
    assertThat(room.progress().turn()).as("the bot left the seat: it waits for Aiko")
        .isEqualTo(2);
    room.move(aikoAgain, 3, "japan", at -> new Move.Propose("japan", NASH, at));
    loop.advance(Duration.ofSeconds(1));

    assertThat(recorded).filteredOn(r -> r.event() instanceof Event.OfferMade)
        .extracting(Recorded::actor).containsExactly("bot:medium", "russia", "japan");
    assertThat(recorded).filteredOn(r -> r.event() instanceof Event.SeatTaken)
        .extracting(Recorded::actor).as("the seat stays Aiko's").containsExactly("japan",
            "russia");
  }

  /** A person's connection, as far as the room can tell. */
  private static final class Person implements Participant {
    @Override
    public void deliver(Delivery delivery) {}

    @Override
    public boolean isConnected() {
      return true;
    }

    @Override
    public String describe() {
      return "a person";
    }
  }

  @Test
  void seed_isTheSameForTheSameSeat_andDiffersBetweenSeats() {
    assertThat(BotHost.seed(CODE, "japan")).isEqualTo(BotHost.seed(CODE, "japan"))
        .isNotEqualTo(BotHost.seed(CODE, "russia"))
        .isNotEqualTo(BotHost.seed("BOTS-TSET", "japan"));
  }

  private GameRoom room(GameSettings settings) {
    return GameRoom.create(CODE, T0, SCENARIO, settings, loop, loop.clock(),
        new SeatTokens(new SecureRandom()), new Revealer(Runnable::run),
        NoopRecordingStore.noop().create(null).join());
  }

  private static Scenario load() {
    try {
      return ScenarioLoader.fromClasspath("japan-russia-2013");
    } catch (ScenarioException e) {
      throw new IllegalStateException(e);
    }
  }
}
