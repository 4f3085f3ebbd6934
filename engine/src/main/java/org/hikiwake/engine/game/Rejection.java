package org.hikiwake.engine.game;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * A move the rules refused: a reason code, a message a player can act on, and
 * details (for an invalid package, one entry per bad or missing issue).
 */
public record Rejection(RejectionCode code, String message, ImmutableList<String> details) {
  public Rejection {
    checkNotNull(code, "code");
    checkNotNull(message, "message");
  }

  public static Rejection of(RejectionCode code, String message) {
    return new Rejection(code, message, ImmutableList.of());
  }

  public static Rejection of(RejectionCode code, String message, List<String> details) {
    return new Rejection(code, message, ImmutableList.copyOf(details));
  }
}
