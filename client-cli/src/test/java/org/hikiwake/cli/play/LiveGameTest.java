package org.hikiwake.cli.play;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.hikiwake.codec.recording.RecordedGames;
import org.hikiwake.engine.view.Viewer;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.GameSnapshot;
import org.hikiwake.proto.wire.Joined;
import org.hikiwake.proto.wire.PointsView;
import org.hikiwake.proto.wire.PresenceChanged;
import org.junit.jupiter.api.Test;

class LiveGameTest {
  private static final org.hikiwake.engine.scenario.Package LOW = Fixtures.NASH
      .with("far_east", "none");

  @Test
  void apply_turnChanged_movesTheTurn() {
    RecordedGames.Game game = Fixtures.seated();
    LiveGame russia = Fixtures.joined("russia", game);
    assertThat(russia.isMyTurn()).isFalse();
    game.offer("japan", LOW);
    LiveGame after = Fixtures.caughtUp(russia, game);
    assertThat(after.isMyTurn()).isTrue();
    assertThat(after.view().turn()).isEqualTo(1);
    assertThat(after.lastSeq()).isEqualTo(game.events().size());
  }

  @Test
  void apply_news_changesOnlyMyOwnPoints() {
    RecordedGames.Game game = Fixtures.seated();
    LiveGame japan = Fixtures.joined("japan", game);
    LiveGame russia = Fixtures.joined("russia", game);
    assertThat(japan.view().mySheet().orElseThrow().points()
        .points("security", "full_fact_sheet")).isEqualTo(10);
    game.offer("japan", LOW).offer("russia", LOW);
    LiveGame japanAfter = Fixtures.caughtUp(japan, game);
    LiveGame russiaAfter = Fixtures.caughtUp(russia, game);
    assertThat(japanAfter.view().news()).hasSize(1);
    assertThat(japanAfter.view().mySheet().orElseThrow().points()
        .points("security", "full_fact_sheet")).isEqualTo(13);
    assertThat(russiaAfter.view().mySheet().orElseThrow().points())
        .isEqualTo(game.state().pointsOf("russia"));
    assertThat(russiaAfter.view().sheets()).containsOnlyKeys("russia");
    assertThat(japanAfter.view().mySheet().orElseThrow().points())
        .isEqualTo(game.state().pointsOf("japan"));
  }

  @Test
  void apply_eventAlreadySeen_changesNothing() {
    RecordedGames.Game game = Fixtures.seated();
    LiveGame japan = Fixtures.joined("japan", game);
    game.say("japan", "hi");
    EventView chat = Fixtures.pushed(Viewer.player("japan"), game, japan.lastSeq()).get(0);
    LiveGame once = japan.apply(chat);
    assertThat(once.isNew(chat)).isFalse();
    assertThat(once.apply(chat)).isSameAs(once);
    assertThat(once.sightings()).hasSize(japan.sightings().size() + 1);
  }

  @Test
  void apply_gameEnded_endsTheGameAndRevealsBothSides() {
    RecordedGames.Game game = Fixtures.seated();
    LiveGame japan = Fixtures.joined("japan", game);
    game.offer("japan", Fixtures.NASH).accept("russia");
    LiveGame after = Fixtures.caughtUp(japan, game);
    assertThat(after.isOver()).isTrue();
    assertThat(after.isMyTurn()).isFalse();
    assertThat(after.view().result()).isPresent();
    assertThat(after.view().pointsOf("russia")).isPresent();
  }

  @Test
  void apply_presenceChanged_updatesWhoIsConnected() {
    LiveGame japan = Fixtures.joined("japan", Fixtures.seated());
    assertThat(japan.connected()).containsEntry("russia", true);
    LiveGame after = japan.apply(EventView.newBuilder().setGameCode(Fixtures.CODE)
        .setPresenceChanged(PresenceChanged.newBuilder().setRole("russia").setConnected(false))
        .build());
    assertThat(after.connected()).containsEntry("russia", false);
    assertThat(after.view()).isEqualTo(japan.view());
  }

  @Test
  void fromJoined_afterNews_foldsFromTheInitialPointsToThePointsInForce() {
    RecordedGames.Game game = Fixtures.seated().offer("japan", LOW).offer("russia", LOW);
    Joined joined = Fixtures.joinedMessage("japan", game);
    LiveGame japan = LiveGame.fromJoined(joined);
    assertThat(japan.initial().mySheet().orElseThrow().points())
        .isEqualTo(game.scenario().pointsOf("japan"));
    assertThat(japan.view().mySheet().orElseThrow().points())
        .isEqualTo(game.state().pointsOf("japan"));
    assertThat(japan.differencesFrom(joined.getGame(), Optional.of(joined.getPoints())))
        .isEmpty();
  }

  @Test
  void differencesFrom_snapshotThatDisagrees_saysWhere() {
    RecordedGames.Game game = Fixtures.seated().offer("japan", LOW);
    Joined joined = Fixtures.joinedMessage("russia", game);
    LiveGame russia = LiveGame.fromJoined(joined);
    GameSnapshot wrong = joined.getGame().toBuilder().setTurn(5).clearOnTable().build();
    PointsView otherPoints = Fixtures.joinedMessage("japan", game).getPoints();
    assertThat(russia.differencesFrom(wrong, Optional.of(otherPoints)))
        .hasSize(3)
        .anyMatch(d -> d.startsWith("turn 1 but the server says 5"))
        .anyMatch(d -> d.startsWith("on the table japan's"))
        .anyMatch(d -> d.startsWith("own points"));
  }
}
