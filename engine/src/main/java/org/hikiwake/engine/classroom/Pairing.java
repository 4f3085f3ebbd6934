package org.hikiwake.engine.classroom;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who plays whom when the instructor starts the class: students the roster
 * pairs play together if both are there; everyone else is paired at random
 * from the class's seed (the same students in the same arrival order and the
 * same seed always give the same pairs). An odd student plays a bot, or waits.
 */
public final class Pairing {
  private Pairing() {}

  /**
   * One game to form: the player of the scenario's first role and of its second.
   */
  public record Planned(Player first, Player second) {}

  /**
   * The games to form and the students left waiting.
   *
   * @param games pairs, roster pairs first, in a fixed order
   * @param waiting students still without a game (an odd student when no bot plays)
   */
  public record Plan(ImmutableList<Planned> games, ImmutableList<String> waiting) {
    public boolean isEmpty() {
      return games.isEmpty();
    }
  }

  /**
   * Pairs the waiting students.
   *
   * @param waiting students without a game, in the order they arrived
   * @param roster the class's roster, whose pairs are kept
   * @param seed the class's pairing seed
   * @param round how many times the class has paired before, so late arrivals draw afresh
   * @param oddStudentBot the bot level an odd student plays, if any
   */
  public static Plan of(List<String> waiting, Optional<Roster> roster, long seed, int round,
      Optional<String> oddStudentBot) {
    List<Planned> games = new ArrayList<>();
    List<String> pool = new ArrayList<>(waiting);
    if (roster.isPresent()) {
      for (Roster.Pair pair : roster.get().pairs()) {
        Optional<String> first = pool.stream().filter(n -> Names.same(n, pair.first()))
            .findFirst();
        Optional<String> second = pool.stream().filter(n -> Names.same(n, pair.second()))
            .findFirst();
        if (first.isPresent() && second.isPresent()) {
          games.add(new Planned(new Player.Student(first.get()),
              new Player.Student(second.get())));
          pool.remove(first.get());
          pool.remove(second.get());
        }
      }
    }
    SplitMix random = new SplitMix(seed ^ (0x5DEECE66DL * (round + 1)));
    for (int i = pool.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      String t = pool.get(i);
      pool.set(i, pool.get(j));
      pool.set(j, t);
    }
    int pairs = pool.size() / 2;
    for (int i = 0; i < pairs; i++) {
      games.add(new Planned(new Player.Student(pool.get(2 * i)),
          new Player.Student(pool.get(2 * i + 1))));
    }
    List<String> left = new ArrayList<>(pool.subList(pairs * 2, pool.size()));
    if (!left.isEmpty() && oddStudentBot.isPresent()) {
      Player student = new Player.Student(left.remove(0));
      Player bot = new Player.Bot(oddStudentBot.get());
      // the odd student's role alternates with the seed, so no role is always the bot's
      games.add(random.nextInt(2) == 0 ? new Planned(student, bot) : new Planned(bot, student));
    }
    return new Plan(ImmutableList.copyOf(games), ImmutableList.copyOf(left));
  }
}
