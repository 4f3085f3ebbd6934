package org.hikiwake.engine.scenario;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * A scenario file that cannot be used. The message names the file and, where
 * the parser can tell, the line of every problem, one per line.
 */
public final class ScenarioException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final ImmutableList<String> problems;

  public ScenarioException(String source, List<String> problems) {
    super(source + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
        + "\n  " + String.join("\n  ", problems));
    this.source = source;
    this.problems = ImmutableList.copyOf(problems);
  }

  /** The file or resource the scenario came from. */
  public String source() {
    return source;
  }

  /** Each problem as {@code source:line: what is wrong}. */
  public ImmutableList<String> problems() {
    return problems;
  }
}
