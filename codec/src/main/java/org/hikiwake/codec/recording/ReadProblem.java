package org.hikiwake.codec.recording;

/**
 * Why a recording could not be read to its end.
 *
 * @param kind what sort of problem it is
 * @param offset the byte offset of the first bad frame
 * @param message what was readable and what is wrong, for people
 */
public record ReadProblem(Kind kind, long offset, String message) {
  /** What sort of problem a recording has. */
  public enum Kind {
    /**
     * The end of the file is cut short or garbled and nothing valid follows,
     * as a crash in the middle of a write leaves it. Everything before it is
     * sound; recovery cuts the tail off.
     */
    TORN_TAIL,
    /** A bad frame with valid frames after it, or a well-checksummed frame that makes no sense. */
    CORRUPT,
    /** The header is missing, unreadable or of an unknown format version. */
    BAD_HEADER
  }

  @Override
  public String toString() {
    return message;
  }
}
