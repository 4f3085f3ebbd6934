package org.hikiwake.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.game.Outcome;
import org.hikiwake.engine.game.Phase;
import org.hikiwake.engine.game.RejectionCode;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.hikiwake.engine.view.Seen;
import org.hikiwake.server.LogRecorder;
import org.junit.jupiter.api.Test;

/**
 * A room on a manual loop with a store whose appends the test makes durable:
 * no sockets, no sleeping. Covers what a room shows and when, seats, refusals
 * and failures.
 */
class GameRoomTest {
  private static final Scenario SCENARIO = load();
  private static final Instant T0 = Instant.parse("2013-11-02T09:00:00Z");
  private static final Package NASH = Package.of("territory", "two_islands_plus",
      "peace_treaty", "treaty_signed", "energy", "lng_and_pipeline", "far_east", "major",
      "security", "full_fact_sheet", "missile_defence", "briefings");

  private final ManualLoop loop = new ManualLoop(T0);
  private final HeldStore store = new HeldStore();
  private final Inbox japan = new Inbox("japan");
  private final Inbox russia = new Inbox("russia");
  private final Inbox watcher = new Inbox("watcher");
  private String russiaToken;

  @Test
  void join_bothSeats_eachPlayerSeesEveryEventExactlyOnce() {
    GameRoom room = room(GameSettings.untimed(6), Runnable::run);

    room.join(japan, 1, "japan", "Aiko");
    loop.runAll();
    room.join(russia, 2, "russia", "Boris");
    loop.runAll();

    RoomReply.Seated j = (RoomReply.Seated) japan.replies().get(0);
    RoomReply.Seated r = (RoomReply.Seated) russia.replies().get(0);
    assertThat(j.history()).extracting(s -> s.seq()).containsExactly(1L);
    // Japan is pushed only what came after its own view: wave 1 pushed its own seat again.
    // The seat, the start and the first turn (the scenario has no news in round 1).
    assertThat(japan.pushedSeqs()).containsExactly(2L, 3L, 4L);
    assertThat(japan.pushed().get(0).seen())
        .isEqualTo(new Seen.SeatFilled("russia", "Boris", Optional.empty()));
    assertThat(r.history()).extracting(s -> s.seq()).containsExactly(1L, 2L, 3L, 4L);
    assertThat(russia.pushed()).isEmpty();
    assertThat(r.view().isInProgress()).isTrue();
    assertThat(r.view().sheets().keySet()).containsExactly("russia");
    assertThat(j.token()).isNotEqualTo(r.token());
  }

  @Test
  void move_notYetDurable_isShownToNobodyUntilItIs() {
    GameRoom room = started(GameSettings.untimed(6));
    store.hold = true;

    room.move(japan, 7, "japan", at -> new Move.Propose("japan", NASH, at));
    room.watch(watcher, 8);
    loop.runAll();

    assertThat(japan.replies()).isEmpty();
    assertThat(russia.pushed()).isEmpty();
    RoomReply.Watching early = (RoomReply.Watching) watcher.lastReply();
    assertThat(early.view().onTable()).as("the watcher's view before the offer is durable")
        .isEmpty();
    assertThat(early.history()).noneMatch(s -> s.seen() instanceof Seen.Public p
        && p.event() instanceof Event.OfferMade);
    assertThat(room.listing().round()).isEqualTo(1);

    store.completeAll();
    loop.runAll();

    assertThat(japan.lastReply()).isInstanceOf(RoomReply.Done.class);
    assertThat(russia.pushed()).extracting(s -> s.seen().getClass().getSimpleName())
        .containsExactly("Public", "Public");
    assertThat(watcher.pushed()).hasSize(2);
    assertThat(store.durable.get(store.durable.size() - 2).event())
        .isInstanceOf(Event.OfferMade.class);
  }

  @Test
  void move_outOfTurn_isRefusedByTheRulesAndChangesNothing() {
    GameRoom room = started(GameSettings.untimed(6));
    int durable = store.durable.size();

    room.move(russia, 9, "russia", at -> new Move.Propose("russia", NASH, at));
    loop.runAll();

    RoomReply.Refused refused = (RoomReply.Refused) russia.lastReply();
    assertThat(((Refusal.ByRules) refused.refusal()).rejection().code())
        .isEqualTo(RejectionCode.NOT_YOUR_TURN);
    assertThat(store.durable).hasSize(durable);
    assertThat(japan.pushed()).isEmpty();
  }

  @Test
  void move_byAParticipantThatHoldsNoSeat_isNotSeated() {
    GameRoom room = started(GameSettings.untimed(6));
    Inbox stranger = new Inbox("stranger");

    room.move(stranger, 3, "japan", at -> new Move.WalkAway("japan", at));
    loop.runAll();

    RoomReply.Refused refused = (RoomReply.Refused) stranger.lastReply();
    assertThat(((Refusal.ByHost) refused.refusal()).problem())
        .isEqualTo(Refusal.Problem.NOT_SEATED);
  }

  @Test
  void resume_fromAnotherParticipant_movesTheSeatAndTellsTheOldHolder() {
    GameRoom room = started(GameSettings.untimed(6));
    String token = russiaToken;
    Inbox laptop = new Inbox("laptop");

    room.resume(laptop, 4, token);
    loop.runAll();

    assertThat(laptop.lastReply()).isInstanceOf(RoomReply.Seated.class);
    assertThat(russia.items()).last().isInstanceOf(Delivery.SeatMoved.class);
    room.move(japan, 5, "japan", at -> new Move.Propose("japan", NASH, at));
    loop.runAll();
    assertThat(laptop.pushed()).hasSize(2);
    assertThat(russia.pushed()).isEmpty();
  }

  @Test
  void resume_withAWrongToken_isBadSeatToken() {
    GameRoom room = started(GameSettings.untimed(6));

    room.resume(watcher, 6, "not-a-token");
    loop.runAll();

    assertThat(((Refusal.ByHost) ((RoomReply.Refused) watcher.lastReply()).refusal()).problem())
        .isEqualTo(Refusal.Problem.BAD_SEAT_TOKEN);
  }

  @Test
  void timedTurn_runsOut_passesTheTurnWhenTheClockReachesTheDeadline() {
    GameRoom room = started(GameSettings.timed(2, Duration.ofSeconds(30)));

    loop.advance(Duration.ofSeconds(29));
    assertThat(japan.pushed()).isEmpty();
    loop.advance(Duration.ofSeconds(2));

    assertThat(japan.pushed()).extracting(s -> s.seen())
        .first().isEqualTo(new Seen.Public(new Event.TurnTimedOut("japan")));
    assertThat(room.listing().phase()).isEqualTo(Phase.IN_PROGRESS);
  }

  @Test
  void failureAfterAMoveIsDurable_isLoggedAndStopsTheGame_laterRequestsAreAnswered() {
    GameRoom room = started(GameSettings.untimed(6));
    Participant broken = new Participant() {
      private int deliveries;

      @Override
      public void deliver(Delivery delivery) {
        if (++deliveries > 1) { // its Watching reply goes through; the next push fails
          throw new IllegalStateException("a watcher that breaks");
        }
      }

      @Override
      public boolean isConnected() {
        return true;
      }

      @Override
      public String describe() {
        return "broken watcher";
      }
    };
    room.watch(broken, 3);
    loop.runAll();

    try (LogRecorder logs = LogRecorder.start()) {
      room.move(japan, 7, "japan", at -> new Move.Propose("japan", NASH, at));
      loop.runAll();
      // wave 1 lost this silently: no log, no answer to later requests
      assertThat(logs.events("ERROR")).anyMatch(l -> l.contains("handling recorded events"));
    }

    assertThat(room.listing().damage()).hasValueSatisfying(d ->
        assertThat(d).contains("failed after recording a move"));
    room.move(russia, 8, "russia", at -> new Move.Accept("russia", at));
    loop.runAll();
    RoomReply.Refused refused = (RoomReply.Refused) russia.lastReply();
    assertThat(refused).isNotNull();
  }

  @Test
  void append_fails_theMoveIsRefusedAndTheGameStops() {
    GameRoom room = started(GameSettings.untimed(6));
    store.hold = true;

    try (LogRecorder logs = LogRecorder.start()) {
      room.move(japan, 7, "japan", at -> new Move.Propose("japan", NASH, at));
      loop.runAll();
      store.failNext(new java.io.IOException("disk full"));
      loop.runAll();
      assertThat(logs.events("ERROR")).anyMatch(l -> l.contains("recording failed"));
    }

    RoomReply.Refused refused = (RoomReply.Refused) japan.lastReply();
    assertThat(((Refusal.ByHost) refused.refusal()).problem())
        .isEqualTo(Refusal.Problem.INTERNAL);
    assertThat(russia.pushed()).isEmpty();
    room.move(japan, 8, "japan", at -> new Move.Propose("japan", NASH, at));
    loop.runAll();
    assertThat(((Refusal.ByHost) ((RoomReply.Refused) japan.lastReply()).refusal()).problem())
        .isEqualTo(Refusal.Problem.GAME_DAMAGED);
    assertThat(room.listing().damage()).hasValueSatisfying(d -> assertThat(d).contains("disk"));
  }

  @Test
  void gameEnd_debriefWorkedOutOffTheRoomsThread_reachesEveryoneWithTheReveal() {
    List<Runnable> analysisQueue = new java.util.ArrayList<>();
    GameRoom room = room(GameSettings.untimed(6), analysisQueue::add);
    seatBoth(room);
    room.watch(watcher, 3);
    loop.runAll();
    room.move(japan, 4, "japan", at -> new Move.Propose("japan", NASH, at));
    loop.runAll();

    room.move(russia, 5, "russia", at -> new Move.Accept("russia", at));
    loop.runAll();
    assertThat(russia.lastReply()).as("no answer before the debrief").isNotInstanceOf(
        RoomReply.Done.class);
    assertThat(analysisQueue).as("the debrief waits on the analysis executor").hasSize(1);

    analysisQueue.remove(0).run();
    loop.runAll();

    assertThat(russia.lastReply()).isInstanceOf(RoomReply.Done.class);
    for (Inbox who : List.of(japan, russia, watcher)) {
      Seen.GameEnded end = (Seen.GameEnded) who.lastPushed().orElseThrow();
      assertThat(end.result().outcome()).isEqualTo(Outcome.AGREEMENT);
      assertThat(end.reveal().points().keySet()).containsExactly("japan", "russia");
      assertThat(end.reveal().debrief().nash()).isPresent();
    }
    assertThat(room.listing().isOver()).isTrue();
  }

  @Test
  void gameEnd_debriefFails_theEndStillReachesEveryoneAndTheFailureIsLogged() {
    Executor failing = task -> {
      throw new java.util.concurrent.RejectedExecutionException("analysis pool is gone");
    };
    GameRoom room = room(GameSettings.untimed(6), failing);
    seatBoth(room);
    room.move(japan, 4, "japan", at -> new Move.Propose("japan", NASH, at));
    loop.runAll();

    try (LogRecorder logs = LogRecorder.start()) {
      room.move(russia, 5, "russia", at -> new Move.Accept("russia", at));
      loop.runAll();
      assertThat(logs.events("ERROR")).anyMatch(l -> l.contains("debrief"));
    }

    assertThat(russia.lastReply()).isInstanceOf(RoomReply.Done.class);
    assertThat(japan.lastPushed()).hasValueSatisfying(s ->
        assertThat(s).isInstanceOf(Seen.GameEnded.class));
  }

  @Test
  void join_leftBeforeTheSeatWasDurable_seatIsTakenButNotHeld() {
    GameRoom room = room(GameSettings.untimed(6), Runnable::run);
    store.hold = true;
    room.join(japan, 1, "japan", "Aiko");
    loop.runAll();
    japan.connected = false;
    store.completeAll();
    loop.runAll();

    assertThat(japan.replies()).isEmpty();
    assertThat(room.listing().seats().get(0).isTaken()).isTrue();
    assertThat(room.listing().seats().get(0).connected()).isFalse();
  }

  @Test
  void join_sentAgainWithItsKeyBeforeTheFirstIsDurable_getsTheSameSeatAndTokenOnce() {
    GameRoom room = room(GameSettings.untimed(6), Runnable::run);
    Inbox again = new Inbox("japan, second connection");
    store.hold = true;

    room.join(japan, 1, "japan", "Aiko", Optional.of("join-key-1"));
    loop.runAll();
    japan.connected = false; // its reply is lost with the connection
    room.join(again, 2, "japan", "Aiko", Optional.of("join-key-1"));
    loop.runAll();
    assertThat(again.replies()).as("no answer before the first join is durable").isEmpty();
    store.completeAll();
    loop.runAll();

    RoomReply.Seated seated = (RoomReply.Seated) again.lastReply();
    assertThat(seated.role()).isEqualTo("japan");
    assertThat(again.items()).filteredOn(i -> i instanceof Delivery.Reply)
        .extracting(i -> ((Delivery.Reply) i).requestId()).containsExactly(2L);
    assertThat(store.durable).filteredOn(r -> r.event() instanceof Event.SeatTaken)
        .as("one seat taken, not two").hasSize(1);
    assertThat(room.listing().seats().get(1).isTaken()).as("the russia seat").isFalse();
    Inbox later = new Inbox("japan, third connection");
    room.resume(later, 3, seated.token());
    loop.runAll();
    assertThat(later.lastReply()).as("the token the retry got holds the seat")
        .isInstanceOf(RoomReply.Seated.class);
  }

  @Test
  void move_sentAgainWithItsKeyBeforeTheFirstIsDurable_isMadeOnceAndBothAreDone() {
    GameRoom room = started(GameSettings.untimed(6));
    int before = store.durable.size();
    store.hold = true;

    room.move(japan, 7, "japan", at -> new Move.Propose("japan", NASH, at),
        Optional.of("move-key-1"));
    room.move(japan, 8, "japan", at -> new Move.Propose("japan", NASH, at),
        Optional.of("move-key-1"));
    loop.runAll();
    assertThat(japan.replies()).isEmpty();
    store.completeAll();
    loop.runAll();

    assertThat(japan.items()).filteredOn(i -> i instanceof Delivery.Reply)
        .extracting(i -> ((Delivery.Reply) i).requestId(),
            i -> ((Delivery.Reply) i).reply().getClass().getSimpleName())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(7L, "Done"),
            org.assertj.core.groups.Tuple.tuple(8L, "Done"));
    assertThat(store.durable.subList(before, store.durable.size()))
        .filteredOn(r -> r.event() instanceof Event.OfferMade).hasSize(1);
    assertThat(russia.pushed()).filteredOn(s -> s.seen() instanceof Seen.Public p
        && p.event() instanceof Event.OfferMade).hasSize(1);
  }

  @Test
  void join_sentAgainWhileTheFirstFailsToRecord_bothAreToldItDidNotHappen() {
    GameRoom room = room(GameSettings.untimed(6), Runnable::run);
    Inbox again = new Inbox("japan, second connection");
    store.hold = true;

    try (LogRecorder logs = LogRecorder.start()) {
      room.join(japan, 1, "japan", "Aiko", Optional.of("join-key-2"));
      room.join(again, 2, "japan", "Aiko", Optional.of("join-key-2"));
      loop.runAll();
      store.failNext(new java.io.IOException("disk full"));
      loop.runAll();
    }

    for (Inbox inbox : List.of(japan, again)) {
      RoomReply.Refused refused = (RoomReply.Refused) inbox.lastReply();
      assertThat(((Refusal.ByHost) refused.refusal()).problem()).as(inbox.name)
          .isEqualTo(Refusal.Problem.INTERNAL);
      assertThat(inbox.replies()).as(inbox.name).hasSize(1);
    }
  }

  private GameRoom started(GameSettings settings) {
    GameRoom room = room(settings, Runnable::run);
    seatBoth(room);
    japan.clear();
    russia.clear();
    return room;
  }

  private void seatBoth(GameRoom room) {
    room.join(japan, 1, "japan", "Aiko");
    loop.runAll();
    room.join(russia, 2, "russia", "Boris");
    loop.runAll();
    assertThat(japan.replies().get(0)).isInstanceOf(RoomReply.Seated.class);
    assertThat(russia.replies().get(0)).isInstanceOf(RoomReply.Seated.class);
    russiaToken = ((RoomReply.Seated) russia.replies().get(0)).token();
  }

  private GameRoom room(GameSettings settings, Executor analysis) {
    return GameRoom.create("TEST-ROOM", T0, SCENARIO, settings, loop, loop.clock(),
        new SeatTokens(new SecureRandom()), new Revealer(analysis),
        store.create(null).join());
  }

  private static Scenario load() {
    try {
      return ScenarioLoader.fromClasspath("japan-russia-2013");
    } catch (ScenarioException e) {
      throw new IllegalStateException(e);
    }
  }
}
