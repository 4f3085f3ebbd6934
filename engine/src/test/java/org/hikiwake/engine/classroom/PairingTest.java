package org.hikiwake.engine.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PairingTest {
  private static final long BASE_SEED = Long.getLong("hikiwake.seed", 20131102L);

  @Test
  void of_rosterPairsPresent_areKeptInTheirRoles() throws RosterException {
    Roster roster = Roster.parse("Aiko, Boris\nCarla\nDmitri\n", "r.txt");

    Pairing.Plan plan = Pairing.of(List.of("Dmitri", "Boris", "Carla", "Aiko"),
        Optional.of(roster), 7, 0, Optional.empty());

    assertThat(plan.games().get(0)).isEqualTo(new Pairing.Planned(new Player.Student("Aiko"),
        new Player.Student("Boris")));
    assertThat(plan.games()).hasSize(2);
    assertThat(plan.waiting()).isEmpty();
  }

  @Test
  void of_rosterPairWithOnePartnerAbsent_pairsThePresentOneAtRandom() throws RosterException {
    Roster roster = Roster.parse("Aiko, Boris\nCarla\n", "r.txt");

    Pairing.Plan plan = Pairing.of(List.of("Aiko", "Carla"), Optional.of(roster), 7, 0,
        Optional.empty());

    assertThat(plan.games()).singleElement().satisfies(g -> assertThat(List.of(g.first(),
        g.second())).containsExactlyInAnyOrder(new Player.Student("Aiko"),
            new Player.Student("Carla")));
  }

  @Test
  void of_oddStudent_playsABotOrWaits() {
    List<String> three = List.of("Aiko", "Boris", "Carla");

    Pairing.Plan withBot = Pairing.of(three, Optional.empty(), 3, 0, Optional.of("medium"));
    Pairing.Plan without = Pairing.of(three, Optional.empty(), 3, 0, Optional.empty());

    assertThat(withBot.games()).hasSize(2);
    assertThat(withBot.waiting()).isEmpty();
    assertThat(withBot.games().get(1).first() instanceof Player.Bot
        || withBot.games().get(1).second() instanceof Player.Bot).isTrue();
    assertThat(without.games()).hasSize(1);
    assertThat(without.waiting()).hasSize(1);
  }

  /** Property: for any class, every student is in exactly one game or waiting; same seed, same pairs. */
  @Test
  void of_randomClasses_placeEveryStudentOnceAndRepeatForTheSameSeed() {
    for (int i = 0; i < 500; i++) {
      long seed = BASE_SEED + i;
      Random rnd = new Random(seed);
      List<String> students = new ArrayList<>();
      int n = rnd.nextInt(40);
      for (int k = 0; k < n; k++) {
        students.add("Student " + k);
      }
      Optional<String> bot = rnd.nextBoolean() ? Optional.of("easy") : Optional.empty();
      Pairing.Plan plan = Pairing.of(students, Optional.empty(), seed, rnd.nextInt(3), bot);
      Pairing.Plan again = Pairing.of(students, Optional.empty(), seed, 0, bot);
      Set<String> placed = new HashSet<>(plan.waiting());
      for (Pairing.Planned g : plan.games()) {
        for (Player p : List.of(g.first(), g.second())) {
          if (p instanceof Player.Student s) {
            assertThat(placed.add(s.name())).as("seed=%s: %s placed twice", seed, s.name())
                .isTrue();
          }
        }
      }
      assertThat(placed).as("seed=%s", seed).containsExactlyInAnyOrderElementsOf(students);
      assertThat(plan.waiting().size()).as("seed=%s", seed)
          .isEqualTo(bot.isPresent() ? 0 : n % 2);
      assertThat(Pairing.of(students, Optional.empty(), seed, 0, bot)).as("seed=%s", seed)
          .isEqualTo(again);
    }
  }

  @Test
  void of_differentSeeds_giveDifferentPairs() {
    List<String> students = new ArrayList<>();
    for (int k = 0; k < 20; k++) {
      students.add("S" + k);
    }
    assertThat(Pairing.of(students, Optional.empty(), 1, 0, Optional.empty()))
        .isNotEqualTo(Pairing.of(students, Optional.empty(), 2, 0, Optional.empty()));
  }
}
