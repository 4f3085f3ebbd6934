package org.hikiwake.engine.scenario;

import static com.google.common.base.Preconditions.checkNotNull;

/** One way to settle an issue. What it is worth to each role lives in {@link PointsTable}. */
public record Option(String id, String label, String description) {
  public Option {
    checkNotNull(id, "id");
    checkNotNull(label, "label");
    checkNotNull(description, "description");
  }
}
