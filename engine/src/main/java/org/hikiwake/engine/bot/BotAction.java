package org.hikiwake.engine.bot;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.Optional;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.scenario.Package;

/**
 * What a bot does on its turn: propose a package, accept the offer on the
 * table, or walk away, each with an optional short chat line. The host stamps
 * the time and turns it into {@link Move}s with {@link #moves}.
 */
public sealed interface BotAction {
  /** A short plain line to post before the move, if any. */
  Optional<String> line();

  /** The move itself, made by the role at the given time. */
  Move move(String role, Instant at);

  /** The chat line (if any), then the move, in the order the host submits them. */
  default ImmutableList<Move> moves(String role, Instant at) {
    ImmutableList.Builder<Move> moves = ImmutableList.builder();
    line().ifPresent(text -> moves.add(new Move.Say(role, text, at)));
    return moves.add(move(role, at)).build();
  }

  /** Put this complete package on the table. */
  record Propose(Package pkg, Optional<String> line) implements BotAction {
    public Propose {
      checkNotNull(pkg, "pkg");
      checkNotNull(line, "line");
    }

    @Override
    public Move move(String role, Instant at) {
      return new Move.Propose(role, pkg, at);
    }
  }

  /** Accept the other side's offer on the table. */
  record Accept(Optional<String> line) implements BotAction {
    public Accept {
      checkNotNull(line, "line");
    }

    @Override
    public Move move(String role, Instant at) {
      return new Move.Accept(role, at);
    }
  }

  /** Walk away: no agreement. */
  record WalkAway(Optional<String> line) implements BotAction {
    public WalkAway {
      checkNotNull(line, "line");
    }

    @Override
    public Move move(String role, Instant at) {
      return new Move.WalkAway(role, at);
    }
  }
}
