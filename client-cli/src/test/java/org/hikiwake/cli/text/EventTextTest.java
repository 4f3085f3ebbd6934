package org.hikiwake.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hikiwake.cli.record.ViewedReplay;
import org.hikiwake.codec.recording.RecordedGames;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.view.Seen;
import org.hikiwake.engine.view.Viewer;
import org.junit.jupiter.api.Test;

class EventTextTest {
  private static final Package LOW = RecordedGames.NASH.with("far_east", "none");

  private static List<String> firstOf(ViewedReplay r, Class<? extends Seen> kind) {
    for (ViewedReplay.Step s : r.steps()) {
      if (kind.isInstance(s.sighting().seen())) {
        return EventText.lines(s.after(), s.sighting());
      }
    }
    throw new AssertionError("no " + kind.getSimpleName());
  }

  @Test
  void lines_offerSeenByUmpire_showsBothSidesPoints() {
    ViewedReplay r = ViewedReplay.of(RecordedGames.japanRussia().seat("japan", "Aiko")
        .seat("russia", "Boris").offer("japan", RecordedGames.NASH).replayed(), Viewer.umpire());
    ViewedReplay.Step offer = r.steps().stream()
        .filter(s -> s.sighting().seen() instanceof Seen.Public p
            && p.event() instanceof org.hikiwake.engine.game.Event.OfferMade)
        .findFirst().orElseThrow();
    List<String> lines = EventText.lines(offer.after(), offer.sighting());
    assertThat(lines.get(0)).isEqualTo("Japan offers (Japan 57, Russia 82):");
    assertThat(lines).hasSize(7).anyMatch(l -> l.matches(
        "  territory\\s+= two_islands_plus\\s+18 \\| 46\\s+Two islands plus"));
  }

  @Test
  void lines_newsSeenByUmpire_namesWhosePointsChangeAndWhoseNoteItIs() {
    ViewedReplay r = ViewedReplay.of(RecordedGames.japanRussia().seat("japan", "Aiko")
        .seat("russia", "Boris").offer("japan", LOW).offer("russia", LOW).replayed(),
        Viewer.umpire());
    List<String> lines = firstOf(r, Seen.NewsArrived.class);
    assertThat(lines).contains(
        "  Japan's points change: security=joint_exercises +2, security=full_fact_sheet +3,"
            + " peace_treaty=roadmap +2, peace_treaty=treaty_signed +3.",
        "  Russia's points change: peace_treaty=treaty_signed +2.");
    assertThat(lines).anyMatch(l -> l.startsWith("  For Russia: Moscow says nothing"));
    assertThat(lines).noneMatch(l -> l.contains("Type `issues`"));
  }

  @Test
  void lines_newsSeenByWatcher_hasNoPrivatePart() {
    ViewedReplay r = ViewedReplay.of(RecordedGames.japanRussia().seat("japan", "Aiko")
        .seat("russia", "Boris").offer("japan", LOW).offer("russia", LOW).replayed(),
        Viewer.watcher());
    assertThat(firstOf(r, Seen.NewsArrived.class)).hasSize(2);
  }

  @Test
  void lines_seatTakenByTheOtherSide_namesThePlayer() {
    ViewedReplay r = ViewedReplay.of(RecordedGames.japanRussia().seat("japan", "Aiko")
        .replayed(), Viewer.player("russia"));
    assertThat(firstOf(r, Seen.SeatFilled.class)).containsExactly("Japan seat taken by Aiko.");
  }

  @Test
  void duration_roundsUpAndNeverGoesNegative() {
    assertThat(EventText.duration(83_000)).isEqualTo("1:23");
    assertThat(EventText.duration(82_001)).isEqualTo("1:23");
    assertThat(EventText.duration(-5)).isEqualTo("0:00");
  }
}
