package org.hikiwake.engine.scenario;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A side of the negotiation: its id, display name, confidential brief and
 * reservation value (what no agreement is worth to it).
 */
public record Role(String id, String name, String brief, int reservationValue) {
  public Role {
    checkNotNull(id, "id");
    checkNotNull(name, "name");
    checkNotNull(brief, "brief");
  }
}
