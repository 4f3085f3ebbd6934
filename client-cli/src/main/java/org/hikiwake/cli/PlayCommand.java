package org.hikiwake.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.hikiwake.cli.net.Connection;
import org.hikiwake.cli.net.ServerAddress;
import org.hikiwake.cli.play.Console;
import org.hikiwake.cli.play.Consoles;
import org.hikiwake.cli.play.LiveGame;
import org.hikiwake.cli.play.PlaySession;
import org.hikiwake.cli.play.SeatStore;
import org.hikiwake.cli.play.TerminalChoice;
import org.hikiwake.engine.game.Rules;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.GameList;
import org.hikiwake.proto.wire.GameSummary;
import org.hikiwake.proto.wire.ListGames;
import org.hikiwake.proto.wire.SeatInfo;
import org.hikiwake.proto.wire.ServerMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hikiwake play}: takes (or takes back) a seat and plays. */
@Command(name = "play", mixinStandardHelpOptions = true,
    description = {
        "Take a seat in a game and play it.",
        "",
        "In a terminal: a prompt with Tab completion; type `help` for the commands.",
        "Without a terminal (a script): one command per line; offer, accept and walkaway wait"
            + " for your turn; the command ends when the game does (exit 0).",
        "If your seat is resumed on another laptop or terminal, this one stops (exit 3);"
            + " `hikiwake play --resume CODE` takes the seat back."},
    footer = {"", "Examples:",
        "  hikiwake play K7MX-Q2PA --role japan --name Aiko",
        "  hikiwake play --resume K7MX-Q2PA",
        "  printf 'offer ...\\naccept\\n' | hikiwake play K7MX-Q2PA --role russia --json"})
public final class PlayCommand implements Callable<Integer> {
  @ParentCommand
  private Invocation root;

  @Mixin
  private ServerOption server;

  @Parameters(index = "0", arity = "0..1", paramLabel = "CODE",
      description = "The game's join code. Without it, in a terminal, play asks for the"
          + " server and the code.")
  private String code;

  @Option(names = "--role", paramLabel = "ROLE",
      description = "Role to play, e.g. japan or russia, in any case (default: a free seat).")
  private String role;

  @Option(names = "--name", paramLabel = "NAME",
      description = "Name shown to the other side, up to 32 characters: letters (any"
          + " language), digits, spaces, apostrophes and . - _, e.g. \"Zoë O'Neil\""
          + " (default: your user name).")
  private String name;

  @Option(names = "--resume",
      description = "Take back your seat in this game with the token kept from when you joined.")
  private boolean resume;

  @Option(names = "--json",
      description = "Print one JSON object per event on standard output; messages go to"
          + " standard error. Implies line mode.")
  private boolean json;

  @Option(names = "--reattach-attempts", hidden = true, defaultValue = "12")
  private int reattachAttempts;

  @Option(names = "--reattach-delay-ms", hidden = true, defaultValue = "500")
  private long reattachDelayMillis;

  /** The running session, for tests that cut the connection. */
  private volatile PlaySession session;

  @Override
  public Integer call() throws Exception {
    if (code == null) {
      askForTheGame();
    }
    ServerAddress address = server.resolve(root);
    SeatStore store = SeatStore.in(SeatStore.homeDir(root.env()));
    if (role != null) {
      // Role ids are lower case (the scenario loader insists); --role Japan means japan.
      role = role.strip().toLowerCase(Locale.ROOT);
    }
    return play(root, address, target(address, store), json,
        new PlaySession.Backoff(java.time.Duration.ofMillis(reattachDelayMillis),
            PlaySession.Backoff.DEFAULT.maxDelay(), reattachAttempts), s -> session = s);
  }

  /**
   * Plays a seat to the end: in a terminal with a prompt, otherwise one
   * command per line. Shared by {@code play} and {@code join} (a class).
   */
  static int play(Invocation root, ServerAddress address, PlaySession.Attach target,
      boolean json, PlaySession.Backoff backoff,
      java.util.function.Consumer<PlaySession> started) throws CliException {
    Path home = SeatStore.homeDir(root.env());
    SeatStore store = SeatStore.in(home);
    AtomicReference<LiveGame> view = new AtomicReference<>();
    AtomicReference<PlaySession> session = new AtomicReference<>();
    TerminalChoice choice = TerminalChoice.decide(root.env(),
        root.hasSystemStreams() && System.console() != null, json);
    try (Console console = Consoles.open(choice, root.in(), root.out(), root.err(), home, view,
        () -> session.get() == null ? "hikiwake > " : session.get().prompt(Instant.now()),
        root.err())) {
      try (PlaySession s = new PlaySession(address, console, view, Optional.of(store), backoff)) {
        session.set(s);
        started.accept(s);
        return s.run(target);
      }
    }
  }

  /**
   * No code was given: in a terminal (or line mode), asks for the server, the
   * code and a name; for a script, says how to give them.
   */
  private void askForTheGame() throws CliException {
    TerminalChoice choice = TerminalChoice.decide(root.env(),
        root.hasSystemStreams() && System.console() != null, json);
    if (choice.kind() == TerminalChoice.Kind.SCRIPT || resume) {
      throw new CliException(ExitCode.USAGE, "no game code: run `hikiwake play CODE --server"
          + " HOST:PORT` with the code and the server address your instructor gave you"
          + (resume ? "" : " (in a terminal, `hikiwake play` alone asks for them)"));
    }
    boolean serverGiven = server.server != null
        || !root.env().getOrDefault(ServerAddress.ENV, "").isBlank();
    JoinQuestions questions = new JoinQuestions(JoinQuestions.from(root), root.out(),
        SeatStore.homeDir(root.env()));
    JoinQuestions.Answers answers = questions.ask(!serverGiven, name == null, defaultName());
    code = answers.code();
    answers.name().ifPresent(n -> name = n);
    if (answers.server().isPresent()) {
      server.server = answers.server().get();
      questions.keepServer(server.server);
    }
  }

  /** The running session, for tests that cut its connection. */
  public PlaySession session() {
    return session;
  }

  private PlaySession.Attach target(ServerAddress address, SeatStore store) throws CliException {
    List<SeatStore.StoredSeat> kept;
    try {
      kept = store.find(address, code);
    } catch (IOException e) {
      throw new CliException(ExitCode.BAD_FILE,
          "cannot read the seat tokens in " + store.file() + ": " + e.getMessage(), e);
    }
    List<SeatStore.StoredSeat> mine = kept.stream()
        .filter(s -> role == null || s.role().equals(role)).toList();
    if (resume) {
      if (mine.isEmpty()) {
        throw new CliException(ExitCode.USAGE, "no seat" + (role == null ? "" : " as " + role)
            + " is kept for game " + code + " on " + address + " (in " + store.file()
            + "); join with --role ROLE --name NAME");
      }
      if (mine.size() > 1) {
        throw new CliException(ExitCode.USAGE, "you hold several seats in game " + code + " ("
            + mine.stream().map(SeatStore.StoredSeat::role).collect(Collectors.joining(", "))
            + "); say which with --role");
      }
      return PlaySession.Attach.resume(code, mine.get(0).token());
    }
    if (mine.size() == 1) {
      root.err().println("You already hold the " + mine.get(0).role()
          + " seat in this game; taking it back.");
      return PlaySession.Attach.resume(code, mine.get(0).token());
    }
    if (role == null && mine.size() > 1) {
      throw new CliException(ExitCode.USAGE, "you hold several seats in game " + code
          + "; say which with --role");
    }
    String chosenRole = role != null ? role : freeRole(address);
    return PlaySession.Attach.join(code, chosenRole, name != null ? name : defaultName());
  }

  private String freeRole(ServerAddress address) throws CliException {
    GameList list;
    try (Connection c = Connection.open(address)) {
      list = c.expect(ClientMessage.newBuilder().setListGames(ListGames.getDefaultInstance()),
          ServerMessage.BodyCase.GAME_LIST).getGameList();
    }
    String wanted = SeatStore.normalizeCode(code);
    for (GameSummary g : list.getGamesList()) {
      if (SeatStore.normalizeCode(g.getGameCode()).equals(wanted)) {
        for (SeatInfo seat : g.getSeatsList()) {
          if (!seat.getTaken()) {
            return seat.getRole();
          }
        }
        throw new CliException(ExitCode.SERVER_ERROR, "both seats of game " + code
            + " are taken (the game is full): if one is yours, run `hikiwake play --resume "
            + code + "`; otherwise ask your instructor for another game");
      }
    }
    throw new CliException(ExitCode.SERVER_ERROR, "there is no game " + code + " on " + address
        + ": check the code with your instructor (like K7MX-Q2PA); `hikiwake games --server "
        + address + "` lists the games there");
  }

  /** The user's login name, cut down to what display names allow. */
  static String defaultName() {
    return defaultName(System.getProperty("user.name", ""));
  }

  /** A login name cut down to what display names allow ({@code Rules.nameProblem}). */
  static String defaultName(String user) {
    StringBuilder b = new StringBuilder();
    int kept = 0;
    for (int i = 0; i < user.length() && kept < Rules.MAX_NAME_CODE_POINTS; ) {
      int c = user.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK
          || " ._'\u2019-".indexOf(c) >= 0) {
        b.appendCodePoint(c);
        kept++;
      }
    }
    String n = b.toString().strip();
    return n.isEmpty() || Rules.nameProblem(n).isPresent() ? "player" : n;
  }
}
