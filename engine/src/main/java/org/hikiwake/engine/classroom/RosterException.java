package org.hikiwake.engine.classroom;

import com.google.common.collect.ImmutableList;
import java.util.List;

/** A roster file that cannot be used: every bad line as {@code file:line: what is wrong}. */
public final class RosterException extends Exception {
  private static final long serialVersionUID = 1L;
  private final ImmutableList<String> problems;

  public RosterException(String source, List<String> problems) {
    super(source + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
        + "\n  " + String.join("\n  ", problems));
    this.problems = ImmutableList.copyOf(problems);
  }

  public ImmutableList<String> problems() {
    return problems;
  }
}
