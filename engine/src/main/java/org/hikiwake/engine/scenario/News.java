package org.hikiwake.engine.scenario;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * News scheduled to arrive at the start of a round. The headline and text are
 * public; the point changes and notes are private to the role they name.
 */
public record News(
    String id,
    int round,
    String headline,
    String text,
    ImmutableList<PointChange> pointChanges,
    ImmutableMap<String, String> privateNotes) {
  public News {
    checkNotNull(id, "id");
    checkArgument(round >= 1, "round must be >= 1 but was %s", round);
    checkNotNull(headline, "headline");
    checkNotNull(text, "text");
  }

  public static News of(
      String id,
      int round,
      String headline,
      String text,
      List<PointChange> pointChanges,
      Map<String, String> privateNotes) {
    return new News(
        id,
        round,
        headline,
        text,
        ImmutableList.copyOf(pointChanges),
        ImmutableMap.copyOf(privateNotes));
  }

  /**
   * The points in force once this news has arrived: each role's table with
   * this news' changes applied. Changes touch option points only; links stay.
   * The result may hold negative points.
   */
  public ImmutableMap<String, PointsTable> applyTo(Map<String, PointsTable> pointsInForce) {
    Map<String, PointsTable> points = new LinkedHashMap<>(pointsInForce);
    for (PointChange change : pointChanges) {
      PointsTable table = points.get(change.role());
      checkArgument(table != null, "news %s changes the points of unknown role %s", id,
          change.role());
      points.put(change.role(), table.plus(change.issue(), change.option(), change.delta()));
    }
    return ImmutableMap.copyOf(points);
  }

  /** The changes that concern one role. */
  public ImmutableList<PointChange> changesFor(String roleId) {
    return pointChanges.stream()
        .filter(c -> c.role().equals(roleId))
        .collect(ImmutableList.toImmutableList());
  }
}
