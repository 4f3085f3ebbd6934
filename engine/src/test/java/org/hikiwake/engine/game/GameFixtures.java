package org.hikiwake.engine.game;

import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;

/** Small scenarios whose every score can be worked out by hand. */
final class GameFixtures {
  static final String NORTH = "north";
  static final String SOUTH = "south";
  static final int NORTH_RV = 30;
  static final int SOUTH_RV = 40;

  /**
   * Two rounds, north first. Points (north/south):
   * quota low 0/60, mid 30/30, high 60/0; season short 0/40, long 40/0.
   * News "opening" (round 1) changes nothing; "storm" (round 2) gives north
   * +10 for quota=mid and south +5 for season=long.
   */
  static final String FISHING_TEXT = """
      id: "fishing"
      title: "Fishing rights"
      roles { id: "north" name: "North" reservation_value: 30 }
      roles { id: "south" name: "South" reservation_value: 40 }
      issues {
        id: "quota"
        name: "Quota"
        options { id: "low" label: "Low"
          points { role: "north" value: 0 } points { role: "south" value: 60 } }
        options { id: "mid" label: "Mid"
          points { role: "north" value: 30 } points { role: "south" value: 30 } }
        options { id: "high" label: "High"
          points { role: "north" value: 60 } points { role: "south" value: 0 } }
      }
      issues {
        id: "season"
        name: "Season"
        options { id: "short" label: "Short"
          points { role: "north" value: 0 } points { role: "south" value: 40 } }
        options { id: "long" label: "Long"
          points { role: "north" value: 40 } points { role: "south" value: 0 } }
      }
      rounds: 2
      first_mover: "north"
      news { id: "opening" round: 1 headline: "Talks open" }
      news {
        id: "storm"
        round: 2
        headline: "Storm season"
        point_changes { role: "north" issue: "quota" option: "mid" delta: 10 }
        point_changes { role: "south" issue: "season" option: "long" delta: 5 }
      }
      """;

  private GameFixtures() {}

  static Scenario fishing() {
    try {
      return ScenarioLoader.fromText(FISHING_TEXT, "fishing.textproto");
    } catch (ScenarioException e) {
      throw new IllegalStateException(e);
    }
  }

  static Scenario japanRussia() {
    try {
      return ScenarioLoader.fromClasspath("japan-russia-2013");
    } catch (ScenarioException e) {
      throw new IllegalStateException(e);
    }
  }
}
