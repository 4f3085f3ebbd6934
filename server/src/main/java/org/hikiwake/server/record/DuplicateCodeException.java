package org.hikiwake.server.record;

import java.nio.file.FileAlreadyExistsException;

/**
 * A game or class of that code is already stored. A {@link FileAlreadyExistsException},
 * as the file store's was, so callers that draw a new code on it keep working.
 */
public final class DuplicateCodeException extends FileAlreadyExistsException {
  private static final long serialVersionUID = 1L;

  public DuplicateCodeException(String code) {
    super(code, null, "already stored");
  }
}
