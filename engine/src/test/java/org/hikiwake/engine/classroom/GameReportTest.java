package org.hikiwake.engine.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.common.hash.HashCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hikiwake.engine.analysis.Analysis;
import org.hikiwake.engine.analysis.Debrief;
import org.hikiwake.engine.game.Decision;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.game.Rules;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.engine.replay.Replay;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/** A game of the two-issue fishing scenario, whose every figure can be worked out by hand. */
class GameReportTest {
  private static final Instant T0 = Instant.parse("2014-01-01T10:00:00Z");
  private static final HashCode TOKEN = HashCode.fromString("00ff00ff");
  /** North 60 + 40 = 100, South 0. */
  private static final Package HIGH_LONG = Package.of("quota", "high", "season", "long");
  /** North 30 + 40 = 70, South 30 + 0 = 30; after the storm North 80, South 35. */
  private static final Package MID_LONG = Package.of("quota", "mid", "season", "long");
  /** North 60, South 40. */
  private static final Package HIGH_SHORT = Package.of("quota", "high", "season", "short");

  @Test
  void of_agreementAfterNews_reportsSharesOffersAndTheConcessionAcrossTheNews()
      throws Exception {
    Scenario fishing = ScenarioLoader.fromText(FISHING, "fishing.textproto");
    List<Recorded> log = new ArrayList<>();
    GameState s = GameState.initial(fishing, GameSettings.untimed(2));
    s = play(s, log, new Move.TakeSeat("north", "N", Optional.empty(), TOKEN, T0));
    s = play(s, log, new Move.TakeSeat("south", "S", Optional.empty(), TOKEN, T0));
    s = play(s, log, new Move.Propose("north", HIGH_LONG, T0));   // north 100
    s = play(s, log, new Move.Propose("south", HIGH_SHORT, T0));  // round 2: the storm
    s = play(s, log, new Move.Propose("north", MID_LONG, T0));    // north 80 under the storm
    s = play(s, log, new Move.Accept("south", T0));
    Replay replay = Replay.of(GameState.initial(fishing, GameSettings.untimed(2)), log);
    Debrief debrief = Debrief.of(Analysis.of(fishing, s.pointsInForce()), s.result().get());

    GameReport report = GameReport.of("FISH-0001", replay, debrief);

    assertThat(report.finished()).isTrue();
    GameReport.RoleReport north = report.roles().get(0);
    GameReport.RoleReport south = report.roles().get(1);
    assertThat(north.offers()).containsExactly(100, 80);
    assertThat(north.firstOffer()).contains(100);
    // across the storm north went from HIGH_LONG (still 60 + 40 = 100: the storm changes only
    // mid) to MID_LONG (40 + 40 = 80 under the storm): it gave 20 points
    assertThat(north.afterNews()).containsEntry("storm", 20);
    assertThat(south.offers()).containsExactly(40);
    assertThat(north.score()).isEqualTo(80);
    assertThat(south.score()).isEqualTo(35);
    // In the ZOPA under the storm (north >= 30, south >= 40): low+long 40/65, mid+short
    // 40/70, high+short 60/40. North's best agreement is 60: (80-30)/(60-30). South's is 70;
    // it accepted 35, below its reservation value of 40: (35-40)/(70-40).
    assertThat(north.shareOfGain()).isCloseTo(50.0 / 30.0, within(1e-9));
    assertThat(south.shareOfGain()).isCloseTo(-5.0 / 30.0, within(1e-9));
    Analysis end = Analysis.of(fishing, s.pointsInForce());
    assertThat(north.shareOfGain()).isEqualTo(end.shareOfGain("north", 80).getAsDouble());
    assertThat(south.shareOfGain()).isEqualTo(end.shareOfGain("south", 35).getAsDouble());
    assertThat(report.agreement()).isPresent();
    assertThat(report.jointLeft()).isEqualTo(report.agreement().get().jointGainLeft());
  }

  private static GameState play(GameState s, List<Recorded> log, Move m) {
    Decision d = Rules.decide(s, m);
    assertThat(d.isAccepted()).as("%s: %s", m, d).isTrue();
    GameState out = s;
    for (Event e : ((Decision.Accepted) d).events()) {
      log.add(new Recorded(log.size() + 1, m.at(), "", e));
      out = Rules.apply(out, e);
    }
    return out;
  }

  private static final String FISHING = """
      id: "fishing"
      title: "Fishing rights"
      roles { id: "north" name: "North" reservation_value: 30 }
      roles { id: "south" name: "South" reservation_value: 40 }
      issues {
        id: "quota" name: "Quota"
        options { id: "low" label: "Low"
          points { role: "north" value: 0 } points { role: "south" value: 60 } }
        options { id: "mid" label: "Mid"
          points { role: "north" value: 30 } points { role: "south" value: 30 } }
        options { id: "high" label: "High"
          points { role: "north" value: 60 } points { role: "south" value: 0 } }
      }
      issues {
        id: "season" name: "Season"
        options { id: "short" label: "Short"
          points { role: "north" value: 0 } points { role: "south" value: 40 } }
        options { id: "long" label: "Long"
          points { role: "north" value: 40 } points { role: "south" value: 0 } }
      }
      rounds: 2
      first_mover: "north"
      news {
        id: "storm" round: 2 headline: "Storm season"
        point_changes { role: "north" issue: "quota" option: "mid" delta: 10 }
        point_changes { role: "south" issue: "season" option: "long" delta: 5 }
      }
      """;
}
