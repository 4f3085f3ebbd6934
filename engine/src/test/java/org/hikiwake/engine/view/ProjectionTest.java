package org.hikiwake.engine.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.hash.HashCode;
import java.time.Instant;
import java.util.Optional;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.scenario.News;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

class ProjectionTest {
  private static final Scenario SCENARIO = load();
  private static final HashCode TOKEN = HashCode.fromString("abcdef0123456789");

  @Test
  void of_seatTaken_showsNameAndBotButNeverTheTokenHash() {
    Seen seen = Projection.of(SCENARIO,
        new Event.SeatTaken("russia", "Boris", Optional.of("hard"), TOKEN), Viewer.watcher(),
        () -> { throw new AssertionError("no reveal before the end"); });

    assertThat(seen).isEqualTo(new Seen.SeatFilled("russia", "Boris", Optional.of("hard")));
  }

  @Test
  void of_newsWithChangesForBothSides_eachViewerGetsOnlyWhatItMaySee() {
    News crimea = SCENARIO.news().stream().filter(n -> n.pointChanges().stream()
        .map(c -> c.role()).distinct().count() == 2).findFirst().orElseThrow();
    Event arrived = new Event.NewsArrived(crimea.id());

    News japan = ((Seen.NewsArrived) Projection.of(SCENARIO, arrived, Viewer.player("japan"),
        () -> null)).news();
    News watcher = ((Seen.NewsArrived) Projection.of(SCENARIO, arrived, Viewer.watcher(),
        () -> null)).news();
    News umpire = ((Seen.NewsArrived) Projection.of(SCENARIO, arrived, Viewer.umpire(),
        () -> null)).news();

    assertThat(japan.pointChanges()).isNotEmpty().allMatch(c -> c.role().equals("japan"));
    assertThat(japan.privateNotes().keySet()).containsOnly("japan");
    assertThat(watcher.pointChanges()).isEmpty();
    assertThat(watcher.privateNotes()).isEmpty();
    assertThat(watcher.headline()).isEqualTo(crimea.headline());
    assertThat(umpire).isEqualTo(crimea);
  }

  @Test
  void initialView_player_holdsOnlyItsOwnSheet() {
    GameState initial = GameState.initial(SCENARIO, GameSettings.untimed(6));

    GameView japan = Projection.initialView(SCENARIO, initial, Viewer.player("japan"));
    GameView watcher = Projection.initialView(SCENARIO, initial, Viewer.watcher());

    assertThat(japan.sheets().keySet()).containsExactly("japan");
    assertThat(japan.mySheet().orElseThrow().points()).isEqualTo(SCENARIO.pointsOf("japan"));
    assertThat(japan.pointsOf("russia")).isEmpty();
    assertThat(japan.reservationValueOf("russia")).isEmpty();
    assertThat(watcher.sheets()).isEmpty();
  }

  @Test
  void public_secretEvent_isRefused() {
    assertThatThrownBy(() -> new Seen.Public(
        new Event.SeatTaken("japan", "Aiko", Optional.empty(), TOKEN)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Seen.Public(new Event.NewsArrived("x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void gameView_playerWithTheOtherSidesSheet_cannotBeBuilt() {
    GameState initial = GameState.initial(SCENARIO, GameSettings.untimed(6));
    GameView umpire = Projection.initialView(SCENARIO, initial, Viewer.umpire());

    assertThatThrownBy(() -> GameView.initial(Viewer.player("japan"), SCENARIO.publicPart(),
        initial.settings(), umpire.sheets()))
        .isInstanceOf(IllegalStateException.class);
  }

  private static Scenario load() {
    try {
      return ScenarioLoader.fromClasspath("japan-russia-2013");
    } catch (ScenarioException e) {
      throw new IllegalStateException(e);
    }
  }
}
