package org.hikiwake.codec.recording;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.proto.recording.RecordingEntry;
import org.hikiwake.proto.recording.RecordingHeader;

/**
 * What {@link RecordingReader} found in a recording: the header and every
 * record up to the first bad frame.
 *
 * @param header the header; the default instance if {@link #hasHeader()} is false
 * @param records the good records, in order, numbered 1 to n
 * @param problem why reading stopped before the end of the file; empty if the file is sound
 * @param goodBytes the length of the readable prefix of the file
 * @param totalBytes the length of the file
 */
public record Recording(
    RecordingHeader header,
    List<RecordingEntry> records,
    Optional<ReadProblem> problem,
    long goodBytes,
    long totalBytes) {

  public Recording {
    records = ImmutableList.copyOf(records);
  }

  /** True if the whole file was read without a problem. */
  public boolean isSound() {
    return problem.isEmpty();
  }

  /** True if the only problem is a torn tail, which recovery can cut off. */
  public boolean hasTornTail() {
    return problem.map(p -> p.kind() == ReadProblem.Kind.TORN_TAIL).orElse(false);
  }

  /** True if the header could be read; without it nothing can be replayed. */
  public boolean hasHeader() {
    return problem.map(p -> p.kind() != ReadProblem.Kind.BAD_HEADER).orElse(true);
  }

  /** True if the last good record is the end of the game. */
  public boolean isFinished() {
    return !records.isEmpty() && isGameEnded(records.get(records.size() - 1));
  }

  /**
   * The recorded events, in order.
   *
   * @throws IllegalArgumentException if a recorded event is malformed
   */
  public List<Recorded> events() {
    return EventCodec.fromEntries(records);
  }

  static boolean isGameEnded(RecordingEntry record) {
    return record.hasEvent() && record.getEvent().hasGameEnded();
  }
}
