package org.hikiwake.engine.replay;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Rules;

/**
 * The one fold from a game's recorded events to its states: every use of a
 * recording (the server recovering unfinished games, the client replaying or
 * exporting one, the golden tests) goes through {@link #of}. A recording whose
 * events stop following the rules gives the steps up to that point and the
 * problem, as a value.
 *
 * @param initial the state before the first event
 * @param steps one step per event that applied, in order
 * @param problem why the fold stopped early, if it did
 */
public record Replay(GameState initial, ImmutableList<Step> steps, Optional<Problem> problem) {

  /** One event and the states around it. */
  public record Step(Recorded recorded, GameState before, GameState after) {}

  /**
   * Why an event could not be applied; the fold stops before it.
   *
   * @param seq the event's sequence number
   */
  public record Problem(long seq, String message) {
    @Override
    public String toString() {
      return "record " + seq + " " + message;
    }
  }

  public Replay {
    checkNotNull(initial, "initial");
    checkNotNull(steps, "steps");
    checkNotNull(problem, "problem");
  }

  /** Folds the events over the initial state, stopping at the first that breaks the rules. */
  public static Replay of(GameState initial, List<Recorded> events) {
    GameState state = initial;
    List<Step> steps = new ArrayList<>(events.size());
    long lastSeq = 0;
    for (Recorded r : events) {
      if (r.seq() <= lastSeq) {
        return new Replay(initial, ImmutableList.copyOf(steps), Optional.of(new Problem(r.seq(),
            "comes after record " + lastSeq + "; records must be numbered in order")));
      }
      GameState after;
      try {
        after = Rules.apply(state, r.event());
      } catch (IllegalStateException | IllegalArgumentException e) {
        return new Replay(initial, ImmutableList.copyOf(steps), Optional.of(new Problem(r.seq(),
            "does not follow the rules (" + e.getMessage() + ")")));
      }
      steps.add(new Step(r, state, after));
      state = after;
      lastSeq = r.seq();
    }
    return new Replay(initial, ImmutableList.copyOf(steps), Optional.empty());
  }

  /** The state after the last event that applied. */
  public GameState last() {
    return steps.isEmpty() ? initial : steps.get(steps.size() - 1).after();
  }

  /** The sequence number of the last event that applied, or 0. */
  public long lastSeq() {
    return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).recorded().seq();
  }

  public boolean isComplete() {
    return problem.isEmpty();
  }
}
