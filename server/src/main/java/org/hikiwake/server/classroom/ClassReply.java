package org.hikiwake.server.classroom;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.hikiwake.server.room.Refusal;

/** A class's answer to a request, as domain values; the network edge turns it into a message. */
public sealed interface ClassReply {

  /** A class was created. */
  record Created(String classCode, String instructorToken, ClassBoard board)
      implements ClassReply {}

  /**
   * A student is in the class's lobby (or back in their seat, which follows as a push).
   *
   * @param studentToken the token to come back with; new unless they came back with theirs
   * @param waiting students waiting for a game, this one included if unpaired
   */
  record Joined(String classCode, String name, String studentToken, String scenarioTitle,
      int waiting) implements ClassReply {}

  /**
   * What a command did.
   *
   * @param summary one line for the instructor
   * @param applied the games it acted on
   * @param refused the games whose rules refused it, with why
   */
  record Done(String summary, ImmutableList<String> applied,
      ImmutableMap<String, String> refused, ClassBoard board) implements ClassReply {}

  /** The class's board (the answer to a watch, and what watchers are pushed). */
  record Board(ClassBoard board) implements ClassReply {}

  /** The debrief, as files. */
  record Debrief(ImmutableList<DebriefFiles.File> files) implements ClassReply {}

  /** The request was refused; nothing changed. */
  record Refused(Refusal refusal) implements ClassReply {
    public Refused {
      checkNotNull(refusal, "refusal");
    }
  }
}
