package org.hikiwake.server.record;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.hash.HashCode;

/**
 * A client's idempotency key for a join or a move, kept with the events the
 * request caused, so a retry after a lost reply gets the original answer.
 *
 * @param keyHash SHA-256 of the client's key; the key itself is never kept
 * @param kind what the request was
 * @param role the seat it concerned
 * @param lastSeq the last event it caused
 */
public record RequestKey(HashCode keyHash, Kind kind, String role, long lastSeq) {
  public RequestKey {
    checkNotNull(keyHash, "keyHash");
    checkNotNull(kind, "kind");
    checkNotNull(role, "role");
  }

  /** What a kept request was. */
  public enum Kind { JOIN, MOVE }
}
