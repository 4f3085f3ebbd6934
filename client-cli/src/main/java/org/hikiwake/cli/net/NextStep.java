package org.hikiwake.cli.net;

import java.util.Optional;
import org.hikiwake.proto.wire.ErrorCode;

/**
 * What a student can do next about a refusal from the server, for the codes
 * a student meets outside the game's own rules (those explain themselves at
 * the prompt).
 */
final class NextStep {
  private NextStep() {}

  /** The advice for a code, as a sentence, if there is one. */
  static Optional<String> after(ErrorCode code) {
    switch (code) {
      case ERROR_CODE_UNKNOWN_GAME:
        return Optional.of("Check the game code with your instructor (like K7MX-Q2PA);"
            + " `hikiwake games`, with the same --server, lists the games on this server.");
      case ERROR_CODE_ROLE_TAKEN:
        return Optional.of("That seat is taken. If it is yours (another terminal, or before a"
            + " restart), run `hikiwake play --resume CODE`; otherwise leave out --role to take"
            + " the free seat, or ask your instructor for another game.");
      case ERROR_CODE_BAD_SEAT_TOKEN:
        return Optional.of("The seat token kept on this laptop does not fit that seat: join"
            + " with --role ROLE --name NAME, or ask your instructor to free your seat.");
      case ERROR_CODE_TOO_MANY_GAMES:
        return Optional.of("The server is full: it holds as many games as it can. Ask your"
            + " instructor to end finished games, or to start another server.");
      case ERROR_CODE_GAME_OVER:
        return Optional.of("`hikiwake replay CODE`, with the same --server, shows how it went.");
      case ERROR_CODE_UNKNOWN_CLASS:
        return Optional.of("Check the class code with your instructor.");
      case ERROR_CODE_NOT_ON_ROSTER:
        return Optional.of("Give your name exactly as your instructor listed it (--name), or"
            + " ask them to add you to the class.");
      case ERROR_CODE_DUPLICATE_NAME:
        return Optional.of("If that is you on another laptop, ask your instructor to free your"
            + " seat (`hikiwake class free NAME`), then run the same command again.");
      case ERROR_CODE_UNSUPPORTED_PROTOCOL_VERSION:
        return Optional.of("This client and the server are of different versions: ask your"
            + " instructor for the client that goes with the server.");
      case ERROR_CODE_SHUTTING_DOWN:
        return Optional.of("Your seat is kept: run the same command again when the server is"
            + " back.");
      case ERROR_CODE_IDLE_TIMEOUT:
        return Optional.of("Run the same command again to come back; your seat is kept.");
      default:
        return Optional.empty();
    }
  }
}
