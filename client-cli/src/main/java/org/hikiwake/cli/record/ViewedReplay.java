package org.hikiwake.cli.record;

import com.google.common.collect.ImmutableList;
import org.hikiwake.codec.recording.ReplayedRecording;
import org.hikiwake.engine.replay.Replay;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.view.GameView;
import org.hikiwake.engine.view.Projection;
import org.hikiwake.engine.view.Reveal;
import org.hikiwake.engine.view.Sighting;
import org.hikiwake.engine.view.Viewer;

/**
 * A replayed recording as one viewer sees it: each recorded event projected
 * for the viewer by the engine ({@link Projection}), and the viewer's
 * {@link GameView} after it, folded with the same {@code GameView.apply} that
 * live play uses. A replay "as Russia" is the game as Russia's terminal
 * showed it; "as all" is the umpire's view, both sides' points throughout.
 *
 * @param initial the viewer's view before the first event
 * @param steps one step per event that replayed, in order
 */
public record ViewedReplay(
    ReplayedRecording recording,
    Viewer viewer,
    GameView initial,
    ImmutableList<Step> steps) {

  /**
   * One recorded event as the viewer saw it.
   *
   * @param replayed the event and the full states around it
   * @param sighting the event as the viewer saw it
   * @param after the viewer's view just after it
   */
  public record Step(Replay.Step replayed, Sighting sighting, GameView after) {}

  public static ViewedReplay of(ReplayedRecording recording, Viewer viewer) {
    Scenario scenario = recording.scenario();
    GameView view = Projection.initialView(scenario, recording.replay().initial(), viewer);
    GameView initial = view;
    ImmutableList.Builder<Step> steps = ImmutableList.builder();
    for (Replay.Step step : recording.replay().steps()) {
      Sighting sighting = new Sighting(step.recorded().seq(), step.recorded().at(),
          Projection.of(scenario, step.recorded().event(), viewer,
              () -> Reveal.of(step.after())));
      view = view.apply(sighting.seen());
      steps.add(new Step(step, sighting, view));
    }
    return new ViewedReplay(recording, viewer, initial, steps.build());
  }

  /** The viewer's view after the last event that replayed. */
  public GameView last() {
    return steps.isEmpty() ? initial : steps.get(steps.size() - 1).after();
  }
}
