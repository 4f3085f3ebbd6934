package org.hikiwake.server.record;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.hash.HashCode;
import java.time.Instant;
import org.hikiwake.engine.classroom.ClassSettings;

/**
 * What a new class's record starts with.
 *
 * @param instructorTokenHash SHA-256 of the instructor's token; the token is never kept
 */
public record ClassHeader(String classCode, Instant createdAt, ClassSettings settings,
    HashCode instructorTokenHash) {
  public ClassHeader {
    checkNotNull(classCode, "classCode");
    checkNotNull(createdAt, "createdAt");
    checkNotNull(settings, "settings");
    checkNotNull(instructorTokenHash, "instructorTokenHash");
  }
}
