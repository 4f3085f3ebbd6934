package org.hikiwake.codec.recording;

/** A recording that cannot be replayed at all: no readable header, or an invalid scenario or settings in it. */
public final class RecordingException extends Exception {
  private static final long serialVersionUID = 1L;

  public RecordingException(String message) {
    super(message);
  }

  public RecordingException(String message, Throwable cause) {
    super(message, cause);
  }
}
