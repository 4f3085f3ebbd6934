package org.hikiwake.engine.view;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Who is looking at a game, which decides what of it they may see: a player
 * sees their own role's secrets, a watcher sees only what is public, and an
 * umpire (the instructor, or a replay with every side shown) sees everything.
 * At the end of a game everyone sees both sides' points.
 */
public sealed interface Viewer {

  /** True if this viewer may see the role's confidential sheet while the game runs. */
  boolean sees(String roleId);

  /** The player holding one role's seat (or a bot in it). */
  record Player(String role) implements Viewer {
    public Player {
      checkNotNull(role, "role");
    }

    @Override
    public boolean sees(String roleId) {
      return role.equals(roleId);
    }
  }

  /** Someone following the game read-only: public events only. */
  record Watcher() implements Viewer {
    @Override
    public boolean sees(String roleId) {
      return false;
    }
  }

  /** Someone allowed to see every side: the instructor, or a replay of all sides. */
  record Umpire() implements Viewer {
    @Override
    public boolean sees(String roleId) {
      return true;
    }
  }

  static Viewer player(String role) {
    return new Player(role);
  }

  static Viewer watcher() {
    return new Watcher();
  }

  static Viewer umpire() {
    return new Umpire();
  }
}
