package org.hikiwake.cli.play;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.hikiwake.codec.recording.RecordedGames;
import org.junit.jupiter.api.Test;

class TurnAlertsTest {
  private final TurnAlerts alerts = new TurnAlerts();

  @Test
  void atTick_tenSecondsLeftOnMyTurn_warnsOnceWithTheBell() {
    LiveGame japan = Fixtures.joined("japan", Fixtures.seatedTimed());
    Instant deadline = japan.deadline().orElseThrow();
    assertThat(alerts.atTick(japan, deadline.minusSeconds(11))).isEmpty();
    TurnAlerts.Alert alert = alerts.atTick(japan, deadline.minusSeconds(10)).orElseThrow();
    assertThat(alert.bell()).isTrue();
    assertThat(alert.lines()).containsExactly(
        "10 seconds left on your turn: move now, or the turn passes.");
    assertThat(alerts.atTick(japan, deadline.minusSeconds(9))).isEmpty();
  }

  @Test
  void atTick_theOtherSidesTurn_staysQuiet() {
    LiveGame russia = Fixtures.joined("russia", Fixtures.seatedTimed());
    assertThat(alerts.atTick(russia, russia.deadline().orElseThrow().minusSeconds(5))).isEmpty();
  }

  @Test
  void atTick_untimed_staysQuiet() {
    assertThat(alerts.atTick(Fixtures.joined("japan", Fixtures.seated()), Instant.EPOCH))
        .isEmpty();
  }

  @Test
  void afterEvent_myTurnAfterALongWait_isAnnouncedWithTheBell() {
    RecordedGames.Game game = Fixtures.seatedTimed().offer("japan", Fixtures.NASH);
    LiveGame before = Fixtures.joined("japan", game);
    game.timeOut();
    LiveGame after = Fixtures.caughtUp(before, game);
    TurnAlerts.Alert alert = alerts.afterEvent(before, after).orElseThrow();
    assertThat(alert.bell()).isTrue();
    assertThat(alert.lines()).containsExactly(">>> Your turn (after 1:30 of waiting).");
  }

  @Test
  void afterEvent_myTurnAfterAQuickReply_staysQuiet() {
    RecordedGames.Game game = Fixtures.seated().offer("japan", Fixtures.NASH);
    LiveGame before = Fixtures.joined("japan", game);
    game.offer("russia", Fixtures.NASH.with("far_east", "none"));
    assertThat(alerts.afterEvent(before, Fixtures.caughtUp(before, game))).isEmpty();
  }
}
