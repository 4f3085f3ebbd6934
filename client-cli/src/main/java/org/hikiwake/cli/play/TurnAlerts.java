package org.hikiwake.cli.play;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hikiwake.cli.text.EventText;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.view.Seen;
import org.hikiwake.engine.view.Sighting;

/**
 * What a student at a terminal should not miss: a timed turn about to run out
 * (once per turn, with the bell), and the turn coming back after a wait long
 * enough to have looked away. Pure apart from remembering which turn was
 * warned; the time comes in as an argument.
 */
final class TurnAlerts {
  /** How much time left on a timed turn earns a warning. */
  static final Duration LOW_TIME = Duration.ofSeconds(10);
  /** How long a wait for the turn earns a notice. */
  static final Duration LONG_WAIT = Duration.ofSeconds(15);

  /** Lines to show, and whether to ring the terminal's bell. */
  record Alert(List<String> lines, boolean bell) {}

  private int warnedTurn = -1;

  /** At a tick of the clock: the low-time warning, once per turn. */
  synchronized Optional<Alert> atTick(LiveGame game, Instant now) {
    if (!game.isMyTurn() || game.view().isPaused() || game.deadline().isEmpty()
        || warnedTurn == game.view().turn()) {
      return Optional.empty();
    }
    Duration left = Duration.between(now, game.deadline().get());
    if (left.isNegative() || left.compareTo(LOW_TIME) > 0) {
      return Optional.empty();
    }
    warnedTurn = game.view().turn();
    long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
    return Optional.of(new Alert(List.of(seconds + " seconds left on your turn: move now, or"
        + " the turn passes."), true));
  }

  /**
   * After a pushed event: a notice when it gave this player the turn after
   * they waited at least {@link #LONG_WAIT} for it.
   */
  Optional<Alert> afterEvent(LiveGame before, LiveGame after) {
    if (!after.isMyTurn() || (before.isMyTurn() && before.view().turn() == after.view().turn())) {
      return Optional.empty();
    }
    List<Sighting> seen = after.sightings();
    Optional<Instant> mine = Optional.empty();
    Optional<Instant> theirs = Optional.empty();
    for (int i = seen.size() - 1; i >= 0 && theirs.isEmpty(); i--) {
      Sighting s = seen.get(i);
      if (s.seen() instanceof Seen.Public p && p.event() instanceof Event.TurnChanged) {
        if (mine.isEmpty()) {
          mine = Optional.of(s.at());
        } else {
          theirs = Optional.of(s.at());
        }
      }
    }
    if (mine.isEmpty() || theirs.isEmpty()) {
      return Optional.empty();
    }
    Duration waited = Duration.between(theirs.get(), mine.get());
    if (waited.compareTo(LONG_WAIT) < 0) {
      return Optional.empty();
    }
    return Optional.of(new Alert(List.of(">>> Your turn (after "
        + EventText.duration(waited.toMillis()) + " of waiting)."), true));
  }
}
