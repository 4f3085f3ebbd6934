package org.hikiwake.engine.analysis;

import static com.google.common.base.Preconditions.checkNotNull;

import org.hikiwake.engine.scenario.Package;

/**
 * A package with what it is worth to each role, in the order of the
 * scenario's roles: {@code first} for roles().get(0), {@code second} for roles().get(1).
 */
public record Point(Package pkg, int first, int second) {
  public Point {
    checkNotNull(pkg, "pkg");
  }

  public int sum() {
    return first + second;
  }

  /** True if this point is at least as good for both and better for one. */
  public boolean dominates(Point other) {
    return first >= other.first && second >= other.second
        && (first > other.first || second > other.second);
  }
}
