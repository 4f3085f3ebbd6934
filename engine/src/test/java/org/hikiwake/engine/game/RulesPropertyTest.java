package org.hikiwake.engine.game;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.LongConsumer;
import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableList;
import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import org.hikiwake.engine.view.GameView;
import org.hikiwake.engine.view.Projection;
import org.hikiwake.engine.view.Reveal;
import org.hikiwake.engine.view.Seen;
import org.hikiwake.engine.view.Viewer;
import org.hikiwake.engine.game.Event.GameEnded;
import org.hikiwake.engine.game.Event.TurnChanged;
import org.hikiwake.engine.scenario.Issue;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.PointChange;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.engine.scenario.Scenario;
import org.junit.jupiter.api.Test;

/**
 * Invariants of the rules over many seeded random games, valid and invalid
 * moves mixed: among them, that every viewer's view folded from what it was
 * shown equals the view built from the state, and that no player is ever
 * shown the other side's points before the end. Game {@code i} uses seed {@code hikiwake.seed + i}; a failure
 * names its seed, and {@code -Dhikiwake.seed=SEED -Dhikiwake.games=1} replays
 * just that game.
 */
class RulesPropertyTest {
  private static final long BASE_SEED = Long.getLong("hikiwake.seed", 20131102L);
  private static final int GAMES = Integer.getInteger("hikiwake.games", 1000);
  private static final int MAX_RANDOM_MOVES = 150;
  private static final int MAX_ROUNDS = 8;
  private static final Instant T0 = Instant.parse("2013-11-02T09:00:00Z");
  private static final String STRANGER = "nobody";
  private static final List<Scenario> SCENARIOS =
      List.of(GameFixtures.fishing(), GameFixtures.japanRussia());

  @Test
  void decide_randomMovesInRandomGames_keepEveryInvariant() {
    forEachGame(seed -> {
      Game game = Game.random(seed);
      int moves = 1 + game.rnd.nextInt(MAX_RANDOM_MOVES);
      for (int i = 0; i < moves && !game.state.isOver(); i++) {
        game.play(game.randomMove());
      }
      // Whatever happened, proposing on every remaining turn must end the game
      // no later than its round limit.
      game.startIfWaiting();
      int turnsLeft = 2 * game.state.settings().rounds() - game.state.turn();
      for (int i = 0; i < turnsLeft && !game.state.isOver(); i++) {
        assertThat(game.play(game.proposalByTheSideToMove()))
            .as("a valid proposal on turn %s", game.state.turn()).isTrue();
      }
      assertThat(game.state.isOver()).as("over within %s rounds", game.state.settings().rounds())
          .isTrue();
      for (int i = 0; i < 5; i++) {
        Move move = game.randomMove();
        assertThat(game.play(move)).as("%s after the end", move).isFalse();
      }
    });
  }

  @Test
  void decide_proposeOrTimeOutOnEveryTurn_endsAtTheDeadlineAfterTwoTurnsPerRound() {
    forEachGame(seed -> {
      Game game = Game.random(seed);
      game.startIfWaiting();
      int turns = 0;
      int limit = 2 * game.settings.lastRound();
      while (!game.state.isOver()) {
        assertThat(turns).as("turns taken while the game is still on").isLessThan(limit);
        if (game.rnd.nextInt(4) == 0) {
          // Chat in between changes nothing about the count.
          game.play(new Move.Say(game.anyRole(), "still here", game.now));
        }
        boolean played = game.state.deadline().isPresent() && game.rnd.nextInt(3) == 0
            ? game.play(new Move.TimeOut(game.state.deadline().get()))
            : game.play(game.proposalByTheSideToMove());
        assertThat(played).as("a valid turn move on turn %s", turns).isTrue();
        turns++;
      }
      assertThat(turns).isEqualTo(limit);
      assertThat(game.state.result().orElseThrow().outcome()).isEqualTo(Outcome.DEADLINE);
    });
  }

  @Test
  void fixtures_everyScenario_hasNewsWithinTheRandomRoundLimits() {
    // The news invariants checked above are worth something only if news arrives.
    for (Scenario scenario : SCENARIOS) {
      assertThat(scenario.news()).as(scenario.id())
          .anySatisfy(n -> assertThat(n.round()).isBetween(1, MAX_ROUNDS));
    }
  }

  private static void forEachGame(LongConsumer game) {
    for (int i = 0; i < GAMES; i++) {
      long seed = BASE_SEED + i;
      try {
        game.accept(seed);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("game with seed=" + seed + " failed (replay it alone with"
            + " -Dhikiwake.seed=" + seed + " -Dhikiwake.games=1): " + e.getMessage(), e);
      }
    }
  }

  /** One game being played at random, with every event kept and every step checked. */
  private static final class Game {
    final Random rnd;
    final Scenario scenario;
    final GameSettings settings;
    final GameState initial;
    final List<Event> log = new ArrayList<>();
    final List<Offer> offers = new ArrayList<>();
    final List<Viewer> viewers;
    final Map<Viewer, GameView> views = new LinkedHashMap<>();
    /** True while playing the instructor's End, which may come at any turn. */
    boolean calledTime;
    GameState state;
    Instant now = T0;

    private Game(Random rnd, Scenario scenario, GameSettings settings) {
      this.rnd = rnd;
      this.scenario = scenario;
      this.settings = settings;
      this.initial = GameState.initial(scenario, settings);
      this.state = initial;
      this.viewers = List.of(Viewer.player(scenario.roles().get(0).id()),
          Viewer.player(scenario.roles().get(1).id()), Viewer.watcher(), Viewer.umpire());
      for (Viewer v : viewers) {
        views.put(v, Projection.initialView(scenario, initial, v));
      }
    }

    static Game random(long seed) {
      Random rnd = new Random(seed);
      Scenario scenario = SCENARIOS.get(rnd.nextInt(SCENARIOS.size()));
      int rounds = 1 + rnd.nextInt(MAX_ROUNDS);
      GameSettings settings = rnd.nextBoolean()
          ? GameSettings.untimed(rounds)
          : GameSettings.timed(rounds, Duration.ofSeconds(1 + rnd.nextInt(120)));
      // the instructor's variations: rearranged news, an end nobody knows
      switch (rnd.nextInt(4)) {
        case 0 -> settings = settings.withNews(NewsSchedule.asScenario()
            .shuffled(scenario, rnd.nextLong()));
        case 1 -> settings = settings.withNews(NewsSchedule.shifted(scenario,
            rnd.nextInt(3) - 1, rounds));
        default -> { }
      }
      if (rnd.nextInt(3) == 0) {
        int earliest = 1 + rnd.nextInt(rounds);
        settings = settings.withUncertainEnd(earliest,
            earliest + rnd.nextInt(rounds - earliest + 1));
      }
      return new Game(rnd, scenario, settings);
    }

    void startIfWaiting() {
      if (state.isOver()) {
        return;
      }
      for (Role role : scenario.roles()) {
        if (!state.seats().containsKey(role.id())) {
          assertThat(play(takeSeat(role.id(), "Player " + role.id()))).isTrue();
        }
      }
      if (state.isPaused()) {
        assertThat(play(new Move.Resume(now))).isTrue();
      }
      assertThat(state.phase()).isNotEqualTo(Phase.WAITING);
    }

    Move proposalByTheSideToMove() {
      return new Move.Propose(state.toMove().orElseThrow(), randomCompletePackage(), now);
    }

    /**
     * Decides the move, checks every invariant, and applies the events if the
     * move was accepted. Returns whether it was.
     */
    boolean play(Move move) {
      GameState before = state;
      calledTime = move instanceof Move.End;
      Decision decision = Rules.decide(before, move);

      // Deciding is pure: the same answer twice. A rejected move is not applied,
      // so the state stays the one checked against the log after the last
      // accepted move.
      assertThat(Rules.decide(before, move)).as("deciding %s twice", move).isEqualTo(decision);

      if (decision instanceof Decision.Rejected rejected) {
        checkRejected(before, move, rejected.rejection());
        return false;
      }
      List<Event> events = ((Decision.Accepted) decision).events();
      checkAccepted(before, move, events);
      state = Rules.applyAll(before, events);
      log.addAll(events);
      assertThat(state).as("state rebuilt from all %s events", log.size())
          .isEqualTo(Rules.applyAll(initial, log));
      checkState(before, events);
      checkViews(events);
      return true;
    }

    /**
     * Every viewer's view, folded from the projections it was shown, equals
     * the view built from the state; players hold only their own sheet and
     * watchers none until the end.
     */
    private void checkViews(List<Event> events) {
      com.google.common.base.Supplier<Reveal> reveal = Suppliers.memoize(() -> Reveal.of(state));
      for (Event e : events) {
        if (e instanceof Event.OfferMade o) {
          offers.add(new Offer(o.role(), o.pkg()));
        }
      }
      for (Viewer v : viewers) {
        GameView view = views.get(v);
        for (Event e : events) {
          Seen seen = Projection.of(scenario, e, v, reveal);
          if (seen instanceof Seen.NewsArrived news) {
            assertThat(news.news().pointChanges()).as("news changes shown to %s", v)
                .allSatisfy(c -> assertThat(v.sees(c.role())).isTrue());
            assertThat(news.news().privateNotes().keySet()).as("news notes shown to %s", v)
                .allSatisfy(r -> assertThat(v.sees(r)).isTrue());
          }
          view = view.apply(seen);
        }
        views.put(v, view);
        assertThat(view).as("view of %s folded from what it was shown", v)
            .isEqualTo(Projection.view(state, v, ImmutableList.copyOf(offers), reveal));
        if (!state.isOver()) {
          for (Role role : scenario.roles()) {
            assertThat(view.pointsOf(role.id()).isPresent()).as("%s sees %s's points", v, role.id())
                .isEqualTo(v.sees(role.id()));
          }
        } else {
          for (Role role : scenario.roles()) {
            assertThat(view.pointsOf(role.id())).as("%s after the end", v)
                .contains(state.pointsOf(role.id()));
          }
        }
      }
    }

    Move takeSeat(String role, String name) {
      HashCode hash = Hashing.sha256().hashString(role + name, StandardCharsets.UTF_8);
      return new Move.TakeSeat(role, name, Optional.empty(), hash, now);
    }

    private void checkRejected(GameState before, Move move, Rejection rejection) {
      assertThat(rejection.code()).as("rejection of %s", move).isNotNull();
      assertThat(rejection.message()).as("rejection of %s", move).isNotBlank();
      if (before.isOver()) {
        assertThat(rejection.code()).as("%s after the end", move)
            .isIn(RejectionCode.GAME_OVER, RejectionCode.UNKNOWN_ROLE);
      }
      if (turnRole(move).filter(scenario::hasRole).isPresent() && before.isInProgress()
          && !before.isPaused() && !before.isTurnOf(turnRole(move).get())) {
        assertThat(rejection.code()).as("%s out of turn", move)
            .isEqualTo(RejectionCode.NOT_YOUR_TURN);
      }
    }

    private void checkAccepted(GameState before, Move move, List<Event> events) {
      assertThat(events).as("events of %s", move).isNotEmpty();
      Optional<String> role = turnRole(move);
      if (role.isPresent()) {
        assertThat(before.isInProgress()).as("%s accepted while %s", move, before.phase())
            .isTrue();
        assertThat(before.toMove()).as("%s accepted out of turn", move).contains(role.get());
      }
      if (move instanceof Move.Propose propose) {
        assertThat(scenario.problemsWith(propose.pkg())).as("accepted %s", move).isEmpty();
        assertThat(events.get(0)).isEqualTo(
            new Event.OfferMade(propose.role(), scenario.canonical(propose.pkg())));
        assertThat(((Event.OfferMade) events.get(0)).pkg().choices().keySet())
            .containsExactlyElementsOf(scenario.issues().stream().map(Issue::id).toList());
      }
      if (move instanceof Move.TimeOut timeOut) {
        assertThat(timeOut.at()).as("accepted %s", move)
            .isAfterOrEqualTo(before.deadline().orElseThrow());
      }
      if (move instanceof Move.Say) {
        assertThat(events).as("events of %s", move).hasSize(1);
      }
      if (move instanceof Move.TakeSeat take) {
        assertThat(before.seats()).as("seat taken twice by %s", move).doesNotContainKey(take.role());
        boolean last = scenario.roles().stream().allMatch(r -> r.id().equals(take.role())
            || before.seats().containsKey(r.id()));
        assertThat(events.stream().anyMatch(e -> e instanceof Event.GameStarted))
            .as("game started by taking the last free seat (once)")
            .isEqualTo(last && before.phase() == Phase.WAITING);
      }
      long ended = events.stream().filter(e -> e instanceof GameEnded).count();
      assertThat(ended).as("GameEnded events of %s", move).isLessThanOrEqualTo(1);
      if (ended == 1) {
        assertThat(events.get(events.size() - 1)).isInstanceOf(GameEnded.class);
      }
    }

    private void checkState(GameState before, List<Event> events) {
      int rounds = state.settings().rounds();
      for (Event e : events) {
        if (e instanceof TurnChanged changed) {
          assertThat(changed.turn()).as("turn after %s", before.turn())
              .isEqualTo(before.turn() + 1);
          assertThat(changed.round()).isEqualTo(changed.turn() / 2 + 1);
          assertThat(changed.role()).isEqualTo(changed.turn() % 2 == 0
              ? scenario.firstMover() : scenario.secondMover());
          assertThat(changed.deadline().isPresent()).isEqualTo(settings.turnLimit().isPresent());
        }
      }
      assertThat(state.turn()).as("turn").isLessThan(2 * rounds);
      assertThat(state.round()).as("round").isLessThanOrEqualTo(rounds);
      // waiting until the seats are first full (a seat freed later does not stop the game)
      assertThat(state.phase() == Phase.WAITING).as("waiting while a seat was never taken")
          .isEqualTo(!state.isFull() && !state.isOver() && state.turn() < 0);
      if (state.phase() != Phase.WAITING) {
        // news comes with its round or earlier, when the instructor releases it, never twice
        assertThat(state.newsArrived()).as("news by round %s", state.round())
            .containsAll(newsUpTo(state.round())).doesNotHaveDuplicates();
      }
      assertThat(state.pointsInForce()).as("points in force after %s", state.newsArrived())
          .isEqualTo(pointsFromNews(state.newsArrived()));
      if (state.isInProgress()) {
        assertThat(state.toMove()).isPresent();
        assertThat(state.deadline().isPresent()).isEqualTo(settings.turnLimit().isPresent());
      }
      if (state.isOver()) {
        checkResult(before, state.result().orElseThrow());
      }
    }

    private void checkResult(GameState before, Result result) {
      for (Role role : scenario.roles()) {
        PointsTable points = state.pointsOf(role.id());
        int score = result.scores().get(role.id());
        int min = Math.min(points.worstTotal(), role.reservationValue());
        int max = Math.max(points.bestTotal(), role.reservationValue());
        assertThat(score).as("score of %s in %s", role.id(), result).isBetween(min, max);
        if (result.outcome() == Outcome.AGREEMENT) {
          assertThat(score).as("agreed score of %s", role.id())
              .isEqualTo(points.score(result.agreed().orElseThrow()));
        } else {
          assertThat(score).as("score of %s without agreement", role.id())
              .isEqualTo(role.reservationValue());
        }
      }
      if (result.outcome() == Outcome.DEADLINE && !calledTime) {
        assertThat(before.turn()).as("turn that reached the (maybe hidden) deadline")
            .isEqualTo(2 * state.settings().lastRound() - 1);
      }
      if (result.outcome() == Outcome.AGREEMENT) {
        Offer offer = before.onTable().orElseThrow();
        assertThat(result.agreed()).contains(offer.pkg());
        assertThat(result.endedBy()).contains(scenario.opponentOf(offer.proposer()));
      }
    }

    /** The base points plus the changes of these news items, worked out here, not by the rules. */
    private Map<String, PointsTable> pointsFromNews(List<String> newsIds) {
      Map<String, PointsTable> points = new LinkedHashMap<>(scenario.points());
      for (String id : newsIds) {
        for (PointChange change : scenario.newsItem(id).orElseThrow().pointChanges()) {
          points.put(change.role(),
              points.get(change.role()).plus(change.issue(), change.option(), change.delta()));
        }
      }
      return points;
    }

    private List<String> newsUpTo(int round) {
      List<String> ids = new ArrayList<>();
      for (int r = 1; r <= round; r++) {
        settings.news().newsFor(scenario, r).forEach(n -> ids.add(n.id()));
      }
      return ids;
    }

    /** The role a turn move is made by: propose, accept and walk away use a turn. */
    private static Optional<String> turnRole(Move move) {
      if (move instanceof Move.Propose propose) {
        return Optional.of(propose.role());
      } else if (move instanceof Move.Accept accept) {
        return Optional.of(accept.role());
      } else if (move instanceof Move.WalkAway walkAway) {
        return Optional.of(walkAway.role());
      }
      return Optional.empty();
    }

    Move randomMove() {
      now = now.plusMillis(rnd.nextInt(90_000));
      int dice = rnd.nextInt(100);
      if (dice < 5 || (state.phase() == Phase.WAITING && dice < 40)) {
        return takeSeat(randomRole(), randomName());
      } else if (dice < 45) {
        return new Move.Propose(randomRole(), randomPackage(), now);
      } else if (dice < 60) {
        return new Move.Accept(randomRole(), now);
      } else if (dice < 62) {
        return new Move.WalkAway(randomRole(), now);
      } else if (dice < 77) {
        return new Move.Say(randomRole(), randomText(), now);
      } else if (dice < 94) {
        return new Move.TimeOut(randomClaimTime());
      } else if (dice < 95) {
        return new Move.RestartClock(now);
      }
      return randomControl();
    }

    /** One of the instructor's controls, rarely. */
    private Move randomControl() {
      return switch (rnd.nextInt(8)) {
        case 0 -> new Move.ReleaseNews(scenario.news().get(rnd.nextInt(scenario.news().size()))
            .id(), now);
        case 1 -> new Move.Announce(randomText(), now);
        case 2 -> new Move.Pause(now);
        case 3 -> new Move.Resume(now);
        case 4 -> new Move.Extend(rnd.nextInt(3), now);
        case 5 -> new Move.ReleaseSeat(randomRole(), now);
        case 6 -> new Move.End(rnd.nextBoolean() ? Outcome.DEADLINE : Outcome.ABANDONED, now);
        default -> new Move.Resume(now);
      };
    }

    String anyRole() {
      return scenario.roles().get(rnd.nextInt(2)).id();
    }

    private String randomRole() {
      int dice = rnd.nextInt(10);
      if (dice == 0) {
        return STRANGER;
      } else if (dice < 6 && state.toMove().isPresent()) {
        return state.toMove().get();
      }
      return anyRole();
    }

    private Instant randomClaimTime() {
      if (state.deadline().isEmpty()) {
        return now;
      }
      Instant deadline = state.deadline().get();
      long spread = settings.turnLimit().orElseThrow().toMillis();
      return switch (rnd.nextInt(3)) {
        case 0 -> deadline;
        case 1 -> deadline.minusMillis(1 + (long) (rnd.nextDouble() * spread));
        default -> deadline.plusMillis((long) (rnd.nextDouble() * spread));
      };
    }

    private String randomName() {
      return switch (rnd.nextInt(6)) {
        case 0 -> "";
        case 1 -> "x".repeat(Rules.MAX_NAME_CODE_POINTS + rnd.nextInt(3) - 1);
        case 2 -> "bad<name>";
        default -> "Zoë O'Neil-" + rnd.nextInt(100);
      };
    }

    private String randomText() {
      return switch (rnd.nextInt(5)) {
        case 0 -> "";
        case 1 -> " ".repeat(1 + rnd.nextInt(3));
        case 2 -> "z".repeat(Rules.MAX_CHAT_CODE_POINTS + rnd.nextInt(3) - 1);
        default -> "offer " + rnd.nextInt(1000);
      };
    }

    private Package randomPackage() {
      Package complete = randomCompletePackage();
      Issue issue = scenario.issues().get(rnd.nextInt(scenario.issues().size()));
      switch (rnd.nextInt(10)) {
        case 0 -> {
          Map<String, String> fewer = new LinkedHashMap<>(complete.choices());
          fewer.remove(issue.id());
          return Package.of(fewer);
        }
        case 1 -> {
          return complete.with(issue.id(), "no_such_option");
        }
        case 2 -> {
          return complete.with("no_such_issue", "anything");
        }
        case 3 -> {
          // Repeating the offer on the table also happens in real games.
          return state.onTable().map(Offer::pkg).orElse(complete);
        }
        default -> {
          return complete;
        }
      }
    }

    private Package randomCompletePackage() {
      Map<String, String> choices = new LinkedHashMap<>();
      List<Issue> issues = new ArrayList<>(scenario.issues());
      // Any order: the rules must put the offer in the scenario's order.
      Collections.shuffle(issues, rnd);
      for (Issue issue : issues) {
        choices.put(issue.id(), issue.options().get(rnd.nextInt(issue.options().size())).id());
      }
      return Package.of(choices);
    }
  }
}
