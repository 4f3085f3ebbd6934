package org.hikiwake.engine.classroom;

import static com.google.common.base.Preconditions.checkNotNull;

/** Who plays one seat of a class's game: a student of the class, or a bot. */
public sealed interface Player {

  /** A student, by the name the class knows them by. */
  record Student(String name) implements Player {
    public Student {
      checkNotNull(name, "name");
    }
  }

  /** A bot of a named level, e.g. "medium". */
  record Bot(String level) implements Player {
    public Bot {
      checkNotNull(level, "level");
    }
  }

  /** The name shown for this player. */
  default String displayName() {
    if (this instanceof Student s) {
      return s.name();
    } else if (this instanceof Bot b) {
      return "Bot (" + b.level() + ")";
    }
    throw new AssertionError(this);
  }
}
