package org.hikiwake.cli;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.hikiwake.cli.play.SeatStore;

/**
 * The questions {@code hikiwake play} asks when it is started without a game
 * code in a terminal: the server (the last one used is the default), the
 * code, and a name. The server's address is kept for the next time.
 */
final class JoinQuestions {
  /** The file in the client's home folder that keeps the last server's address. */
  static final String LAST_SERVER = "last-server";

  /** What the student answered. */
  record Answers(Optional<String> server, String code, Optional<String> name) {}

  /** Reads one line of an answer. */
  interface Lines {
    /** The line typed, or null at the end of input. */
    String readLine(String prompt) throws IOException;
  }

  private final Lines lines;
  private final PrintStream out;
  private final Path home;

  JoinQuestions(Lines lines, PrintStream out, Path home) {
    this.lines = lines;
    this.out = out;
    this.home = home;
  }

  /**
   * Lines from the system console when there is one (it knows the console's
   * character set, e.g. on Windows), else from the stream a byte at a time,
   * so that nothing after the answers is read ahead and lost to the game.
   */
  static Lines from(Invocation root) {
    Console console = root.hasSystemStreams() ? System.console() : null;
    if (console != null) {
      return prompt -> console.readLine("%s", prompt);
    }
    InputStream in = root.in();
    PrintStream out = root.out();
    return prompt -> {
      out.print(prompt);
      out.flush();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
        }
        if (b != '\r') {
          line.write(b);
        }
      }
      return line.toString(StandardCharsets.UTF_8);
    };
  }

  /**
   * Asks what is missing.
   *
   * @param askServer false if the server was given (--server or HIKIWAKE_SERVER)
   * @param askName false if --name was given
   * @throws CliException with {@link ExitCode#USAGE} if the input ends first
   */
  Answers ask(boolean askServer, boolean askName, String defaultName) throws CliException {
    out.println("Join a game with the server address and the game code your instructor gave"
        + " you.");
    out.flush();
    Optional<String> server = Optional.empty();
    if (askServer) {
      String last = lastServer().orElse("localhost:7430");
      String typed = answer("Server address [" + last + "]: ");
      server = Optional.of(typed.isEmpty() ? last : typed);
    }
    String code = "";
    while (code.isEmpty()) {
      code = answer("Game code (like K7MX-Q2PA): ");
      if (code.isEmpty()) {
        out.println("The game code is the short code your instructor gave you; type it, or"
            + " press Ctrl-C to stop.");
      }
    }
    Optional<String> name = Optional.empty();
    if (askName) {
      String typed = answer("Your name [" + defaultName + "]: ");
      name = Optional.of(typed.isEmpty() ? defaultName : typed);
    }
    return new Answers(server, code, name);
  }

  private String answer(String prompt) throws CliException {
    String line;
    try {
      line = lines.readLine(prompt);
    } catch (IOException e) {
      throw new CliException(ExitCode.USAGE, "cannot read your answer: " + e.getMessage(), e);
    }
    if (line == null) {
      throw new CliException(ExitCode.USAGE, "no answer: give the game code on the command"
          + " line instead, e.g. `hikiwake play K7MX-Q2PA --server HOST:7430`");
    }
    return line.strip();
  }

  /** The server used last from this laptop, if any. */
  Optional<String> lastServer() {
    Path f = home.resolve(LAST_SERVER);
    try {
      if (Files.isRegularFile(f)) {
        String s = Files.readString(f, StandardCharsets.UTF_8).strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
      }
    } catch (IOException e) {
      // a default is a convenience: without it the student types the address
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** Keeps the server's address as the default for the next time. */
  void keepServer(String address) {
    try {
      SeatStore.ensureDir(home);
      Files.writeString(home.resolve(LAST_SERVER), address + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      out.println("(Could not keep the server's address for next time: " + e.getMessage() + ")");
    }
  }
}
