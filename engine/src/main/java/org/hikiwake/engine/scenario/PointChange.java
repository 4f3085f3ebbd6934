package org.hikiwake.engine.scenario;

import static com.google.common.base.Preconditions.checkNotNull;

/** A change to one role's points for one option, brought by a news event. */
public record PointChange(String role, String issue, String option, int delta) {
  public PointChange {
    checkNotNull(role, "role");
    checkNotNull(issue, "issue");
    checkNotNull(option, "option");
  }
}
