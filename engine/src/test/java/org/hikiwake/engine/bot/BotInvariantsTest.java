package org.hikiwake.engine.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.Rules;
import org.hikiwake.engine.scenario.Issue;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.view.GameView;
import org.junit.jupiter.api.Test;

/**
 * What every bot keeps to, over many seeded games against a random player and
 * against every other bot, on the built-in scenarios and a small one of another shape, with
 * a random number of rounds: it never proposes or accepts a package worth less
 * to it than its reservation value (under its points in force), never moves
 * out of turn, has none of its moves refused by the rules, and says only its
 * plain lines. Game {@code i} uses seed {@code hikiwake.seed + i}; a failure
 * names its seed.
 */
class BotInvariantsTest {
  private static final int GAMES = Integer.getInteger("hikiwake.bot.games", 300);
  private static final int MAX_ROUNDS = 8;

  @Test
  void everyBot_againstARandomPlayer_keepsItsInvariants() {
    forEachGame(0, (draws, bot) -> draws.nextInt(2) == 0
        ? List.of(bot, new Players.RandomPlayer()) : List.of(new Players.RandomPlayer(), bot));
  }

  @Test
  void everyBot_againstEveryBot_keepsItsInvariants() {
    List<Supplier<Strategy>> bots = List.copyOf(Players.everyStrategy().values());
    forEachGame(1, (draws, bot) -> List.of(bot, bots.get(draws.nextInt(bots.size())).get()));
  }

  private interface Pairing {
    List<Strategy> seats(Draws draws, Strategy bot);
  }

  /** Plays a game per seed: a random scenario, number of rounds and bot, seated by the pairing. */
  private static void forEachGame(long stream, Pairing pairing) {
    List<Scenario> scenarios = scenarios();
    List<Supplier<Strategy>> bots = List.copyOf(Players.everyStrategy().values());
    Players.forEachSeed(GAMES, seed -> {
      Draws draws = Draws.of(seed, stream);
      Scenario scenario = scenarios.get(draws.nextInt(scenarios.size()));
      int rounds = 1 + draws.nextInt(MAX_ROUNDS);
      List<Strategy> seats = pairing.seats(draws, bots.get(draws.nextInt(bots.size())).get());
      playAndCheck(scenario, rounds, seed, seats.get(0), seats.get(1));
    });
  }

  private static List<Scenario> scenarios() {
    List<Scenario> all = new ArrayList<>(Players.builtIns());
    all.add(Players.harbour());
    return all;
  }

  private static void playAndCheck(Scenario scenario, int rounds, long seed, Strategy first,
      Strategy second) {
    String a = scenario.roles().get(0).id();
    String b = scenario.roles().get(1).id();
    Match match = Match.play(scenario, GameSettings.untimed(rounds),
        Map.of(a, Bot.of(first, seed), b, Bot.of(second, seed + 1)));
    assertThat(match.rejected()).as("a move the rules refused").isEmpty();
    assertThat(match.end().isOver()).as("the game ended").isTrue();
    for (Match.Turn turn : match.turns()) {
      GameView view = turn.view();
      assertThat(view.toMove()).as("who moved on turn %s", view.turn()).contains(turn.role());
      Strategy strategy = turn.role().equals(a) ? first : second;
      if (strategy instanceof Players.RandomPlayer) {
        continue;
      }
      OwnPackages mine = OwnPackages.of(view.scenario(), view.mySheet().orElseThrow().points());
      int rv = view.mySheet().orElseThrow().reservationValue();
      BotAction action = turn.action();
      String what = strategy.name() + " as " + turn.role() + " on turn " + view.turn() + " of "
          + scenario.id();
      if (action instanceof BotAction.Propose p) {
        assertThat(mine.pointsOf(p.pkg())).as("%s proposed %s", what, p.pkg())
            .isGreaterThanOrEqualTo(rv);
      } else if (action instanceof BotAction.Accept) {
        assertThat(mine.pointsOf(view.onTable().orElseThrow().pkg())).as("%s accepted", what)
            .isGreaterThanOrEqualTo(rv);
      }
      action.line().ifPresent(line -> assertPlainLine(line, view));
    }
  }

  /** A bot line is one of its templates, naming at most the scenario's public issue names. */
  private static void assertPlainLine(String line, GameView view) {
    assertThat(Rules.chatProblem(line)).as("chat rules for %s", line).isEmpty();
    String withoutIssues = line;
    for (Issue issue : view.scenario().issues()) {
      withoutIssues = withoutIssues.replace(issue.name(), "ISSUE");
    }
    String normalised = withoutIssues.replaceAll("ISSUE((, ISSUE)* and ISSUE)?", "%s");
    assertThat(Lines.all()).as("a bot's line").contains(normalised);
    assertThat(Pattern.compile("\\d").matcher(withoutIssues).find())
        .as("a number in %s", line).isFalse();
  }

  @Test
  void lines_everyTemplate_isShortPlainAndNamesNoNumber() {
    ImmutableList<String> lines = Lines.all();
    assertThat(lines).hasSizeGreaterThanOrEqualTo(10);
    for (String line : lines) {
      assertThat(line).doesNotContainPattern("\\d");
      assertThat(line.codePointCount(0, line.length())).isLessThan(100);
      assertThat(Rules.chatProblem(line)).isEmpty();
    }
  }
}
