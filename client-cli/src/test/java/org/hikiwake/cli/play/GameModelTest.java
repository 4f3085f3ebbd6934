package org.hikiwake.cli.play;

import static org.assertj.core.api.Assertions.assertThat;

import org.hikiwake.proto.game.ChatPosted;
import org.hikiwake.proto.game.GameOutcome;
import org.hikiwake.proto.game.GameResult;
import org.hikiwake.proto.game.TurnChanged;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.GameOver;
import org.hikiwake.proto.wire.NewsView;
import org.hikiwake.proto.wire.PointDelta;
import org.junit.jupiter.api.Test;

class GameModelTest {
  @Test
  void apply_turnChanged_movesTheTurn() {
    GameModel m = Fixtures.inProgress("russia");
    assertThat(m.isMyTurn()).isFalse();
    m = m.apply(Fixtures.event(3, EventView.newBuilder().setTurnChanged(
        TurnChanged.newBuilder().setTurn(1).setRound(1).setRole("russia"))));
    assertThat(m.isMyTurn()).isTrue();
    assertThat(m.turn()).isEqualTo(1);
    assertThat(m.lastSeq()).isEqualTo(3);
  }

  @Test
  void apply_newsForMe_changesMyPoints() {
    GameModel m = Fixtures.inProgress("japan");
    assertThat(m.seat().orElseThrow().points().of("energy", "pipeline")).hasValue(0);
    m = m.apply(Fixtures.event(4, EventView.newBuilder().setNewsArrived(NewsView.newBuilder()
        .setId("n").setRound(2).addYourChanges(PointDelta.newBuilder().setIssue("energy")
            .setOption("pipeline").setDelta(-3)))));
    assertThat(m.seat().orElseThrow().points().of("energy", "pipeline")).hasValue(-3);
  }

  @Test
  void apply_eventAlreadySeen_changesNothing() {
    EventView chat = Fixtures.event(4, EventView.newBuilder().setChatPosted(
        ChatPosted.newBuilder().setRole("japan").setText("hi")));
    GameModel once = Fixtures.inProgress("japan").apply(chat);
    assertThat(once.isNew(chat)).isFalse();
    assertThat(once.apply(chat)).isSameAs(once);
    assertThat(once.history()).hasSize(1);
  }

  @Test
  void apply_gameEnded_endsTheGame() {
    GameModel m = Fixtures.inProgress("japan").apply(Fixtures.event(9, EventView.newBuilder()
        .setGameEnded(GameOver.newBuilder().setResult(
            GameResult.newBuilder().setOutcome(GameOutcome.GAME_OUTCOME_DEADLINE)))));
    assertThat(m.isOver()).isTrue();
    assertThat(m.isMyTurn()).isFalse();
    assertThat(m.ended()).isPresent();
  }

  @Test
  void rewound_undoesNewsAndEmptiesTheTable() {
    EventView news = Fixtures.event(4, EventView.newBuilder().setNewsArrived(NewsView.newBuilder()
        .setId("n").setRound(2).addYourChanges(PointDelta.newBuilder().setIssue("energy")
            .setOption("pipeline").setDelta(-3))));
    EventView turn = Fixtures.event(5, EventView.newBuilder().setTurnChanged(
        TurnChanged.newBuilder().setTurn(2).setRound(2).setRole("japan")));
    GameModel now = Fixtures.inProgress("japan").apply(news).apply(turn);
    GameModel before = now.rewound();
    assertThat(before.seat().orElseThrow().points().of("energy", "pipeline")).hasValue(0);
    assertThat(before.history()).isEmpty();
    assertThat(before.isInProgress()).isFalse();
    GameModel again = before.apply(news).apply(turn);
    assertThat(again.seat().orElseThrow().points()).isEqualTo(now.seat().orElseThrow().points());
    assertThat(again.turn()).isEqualTo(2);
  }
}
