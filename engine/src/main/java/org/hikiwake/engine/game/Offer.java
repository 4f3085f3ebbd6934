package org.hikiwake.engine.game;

import static com.google.common.base.Preconditions.checkNotNull;

import org.hikiwake.engine.scenario.Package;

/** A complete package proposed by a role; it stays on the table until replaced. */
public record Offer(String proposer, Package pkg) {
  public Offer {
    checkNotNull(proposer, "proposer");
    checkNotNull(pkg, "pkg");
  }
}
