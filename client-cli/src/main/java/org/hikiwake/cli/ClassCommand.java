package org.hikiwake.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.hikiwake.cli.net.Connection;
import org.hikiwake.cli.net.ServerAddress;
import org.hikiwake.cli.play.TerminalChoice;
import org.hikiwake.cli.play.SeatStore;
import org.hikiwake.cli.text.BoardText;
import org.hikiwake.cli.text.Sanitizer;
import org.hikiwake.proto.wire.ClassBoard;
import org.hikiwake.proto.wire.ClassPhase;
import org.hikiwake.proto.wire.ClassCommandDone;
import org.hikiwake.proto.wire.ClassCreated;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.CreateClass;
import org.hikiwake.proto.wire.Empty;
import org.hikiwake.proto.wire.ErrorReply;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.FetchClassDebrief;
import org.hikiwake.proto.wire.NamedFile;
import org.hikiwake.proto.wire.PairStudents;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.proto.wire.WatchClass;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hikiwake class}: an instructor runs a whole class from one terminal.
 * The instructor token is kept where the class was created ({@code
 * ~/.hikiwake/instructor.properties}, owner-only); every other subcommand
 * finds it there, for the last class created unless a class code is given.
 */
@Command(name = "class", mixinStandardHelpOptions = true,
    description = {"Run a class: create it, let students join with its code, pair them, watch"
        + " and steer every game, and debrief the class.",
        "",
        "In order: class create, (students: hikiwake join CODE --name NAME), class watch,"
            + " class start, class news/pause/resume/extend/end, class debrief, class finish."},
    subcommands = {
        ClassCommand.Create.class,
        ClassCommand.Start.class,
        ClassCommand.Watch.class,
        ClassCommand.News.class,
        ClassCommand.Announce.class,
        ClassCommand.Pause.class,
        ClassCommand.Resume.class,
        ClassCommand.Extend.class,
        ClassCommand.End.class,
        ClassCommand.Free.class,
        ClassCommand.Pair.class,
        ClassCommand.Limit.class,
        ClassCommand.Debrief.class,
        ClassCommand.Dashboard.class,
        ClassCommand.Finish.class})
final class ClassCommand implements Callable<Integer> {
  private static final String LATEST = "LATEST";

  @ParentCommand
  Invocation root;

  @Override
  public Integer call() {
    root.err().println("Say what to do: hikiwake class create | start | watch | news | pause"
        + " | resume | extend | end | free | pair | limit | debrief | dashboard | finish"
        + " (see --help).");
    return ExitCode.USAGE;
  }

  /** Where the instructor tokens of the classes created here are kept. */
  SeatStore tokens() {
    return SeatStore.in(SeatStore.homeDir(root.env())).instructorTokens();
  }

  /** The class a subcommand acts on and its instructor token. */
  record Target(ServerAddress address, String classCode, String token) {}

  /** Options every subcommand but {@code create} shares: the class, its token, the server. */
  static final class Which {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CLASS",
        description = "The class code (default: the last class created on this machine).")
    String classCode;

    @Option(names = "--token", paramLabel = "TOKEN",
        description = "The instructor token, if the class was created on another machine.")
    String token;

    @Mixin
    ServerOption server;

    Target resolve(ClassCommand parent) throws CliException {
      ServerAddress address = server.resolve(parent.root);
      SeatStore store = parent.tokens();
      try {
        String code = classCode;
        if (code == null) {
          code = store.find(address, LATEST, "class").map(SeatStore.StoredSeat::token)
              .orElseThrow(() -> new CliException(ExitCode.USAGE, "no class was created on"
                  + " this machine for " + address + "; give the class code"));
        }
        String t = token;
        if (t == null) {
          String c = code;
          t = store.find(address, code, "instructor").map(SeatStore.StoredSeat::token)
              .orElseThrow(() -> new CliException(ExitCode.USAGE, "no instructor token is kept"
                  + " here for class " + c + " (in " + store.file() + "); run this where the"
                  + " class was created, or pass --token"));
        }
        return new Target(address, code, t);
      } catch (IOException e) {
        throw new CliException(ExitCode.BAD_FILE, "cannot read the instructor tokens in "
            + store.file() + ": " + e.getMessage(), e);
      }
    }
  }

  /** Options for controls aimed at games: some or all. */
  static final class Games {
    @Option(names = "--games", split = ",", paramLabel = "CODE",
        description = "Only these games (default: every game of the class).")
    List<String> games = new ArrayList<>();
  }

  /**
   * A control that goes to every game of the class, or to {@code --games}:
   * the subcommand only says what the control is.
   */
  abstract static class GamesControl implements Callable<Integer> {
    @ParentCommand
    ClassCommand parent;

    @Mixin
    Which which;

    @Mixin
    Games games;

    /** Refuses a bad command line before anything is sent. */
    void check() throws CliException {}

    abstract void act(org.hikiwake.proto.wire.ClassCommand.Builder c);

    @Override
    public Integer call() throws Exception {
      check();
      return command(parent, which, games.games, this::act);
    }
  }

  /** Sends one class command and prints its one-line summary. */
  static int command(ClassCommand parent, Which which, List<String> games,
      java.util.function.Consumer<org.hikiwake.proto.wire.ClassCommand.Builder> action)
      throws CliException {
    Target t = which.resolve(parent);
    org.hikiwake.proto.wire.ClassCommand.Builder c = org.hikiwake.proto.wire.ClassCommand
        .newBuilder().setClassCode(t.classCode()).setInstructorToken(t.token())
        .addAllGames(games);
    action.accept(c);
    ClassCommandDone done;
    try (Connection conn = Connection.open(t.address())) {
      done = conn.expect(ClientMessage.newBuilder().setClassCommand(c),
          ServerMessage.BodyCase.CLASS_COMMAND_DONE).getClassCommandDone();
    }
    parent.root.out().println(Sanitizer.line(done.getSummary()));
    // the summary gives each reason once; say which games each one refused
    Map<String, List<String>> byReason = new LinkedHashMap<>();
    done.getRefusedMap().forEach((game, why) -> byReason.computeIfAbsent(why,
        k -> new ArrayList<>()).add(Sanitizer.line(game)));
    if (byReason.size() > 1) {
      byReason.forEach((why, gs) -> parent.root.out().println("  " + String.join(", ", gs)
          + ": " + Sanitizer.line(why)));
    } else if (!byReason.isEmpty()) {
      parent.root.out().println("  refused by: " + String.join(", ",
          byReason.values().iterator().next()));
    }
    // a control that no game took did nothing: say so to scripts too
    return done.getAppliedCount() == 0 && done.getRefusedCount() > 0 ? ExitCode.SERVER_ERROR
        : ExitCode.OK;
  }

  // ------------------------------------------------------------ subcommands

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a class and print its class code for the students.")
  static final class Create implements Callable<Integer> {
    @ParentCommand
    ClassCommand parent;

    @Mixin
    ServerOption server;

    @Option(names = "--scenario", defaultValue = "japan-russia-2013", paramLabel = "ID",
        description = "Scenario every game plays (default: ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--roster", paramLabel = "FILE",
        description = "Students who may join, one name a line (\"Aiko, Boris\" pairs two);"
            + " # starts a comment. Without it anyone may join.")
    Path roster;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
        description = "Seed the pairs are drawn from (default: drawn by the server).")
    long seed;

    @Mixin
    GameOptions options;

    @Option(names = "--known-end",
        description = "Tell everyone the games' last round. By default a class of 4 rounds or"
            + " more has an uncertain end: its games may end after any of the last three"
            + " rounds, drawn by the server, so the last turn is no ultimatum.")
    boolean knownEnd;

    @Option(names = "--odd-bot", paramLabel = "LEVEL",
        description = "A bot level (easy, medium, hard) for an odd student; without it the"
            + " odd student waits for you to pair them.")
    String oddBot;

    @Option(names = "--stand-in", paramLabel = "LEVEL",
        description = "A bot level that plays for a student who has been disconnected longer"
            + " than --stand-in-grace, until they join again; without it their seat waits.")
    String standIn;

    @Option(names = "--stand-in-grace", defaultValue = "60", paramLabel = "S",
        description = "With --stand-in: seconds a student may be away first (default:"
            + " ${DEFAULT-VALUE}).")
    double standInGrace;

    @Override
    public Integer call() throws Exception {
      options.check();
      if (!(standInGrace > 0 && standInGrace <= 3600)) {
        throw new CliException(ExitCode.USAGE, "--stand-in-grace must be more than 0 and at"
            + " most 3600 seconds but was " + standInGrace);
      }
      ServerAddress address = server.resolve(parent.root);
      String rosterText = "";
      if (roster != null) {
        try {
          rosterText = Files.readString(roster, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
          throw new CliException(ExitCode.BAD_FILE, roster + ": no such file", e);
        } catch (IOException e) {
          throw new CliException(ExitCode.BAD_FILE, "cannot read " + roster + ": "
              + e.getMessage(), e);
        }
      }
      CreateClass.Builder create = CreateClass.newBuilder()
          .setScenarioId(scenario).setRounds(options.rounds())
          .setTurnLimitMillis(options.turnLimitMillis())
          .setRoster(rosterText).setRosterSource(roster == null ? "" : roster.toString())
          .setPairingSeed(seed).setOddStudentBot(oddBot == null ? "" : oddBot)
          .setEndEarliest(options.endFrom).setKnownEnd(knownEnd);
      if (knownEnd && options.endFrom > 0) {
        throw new CliException(ExitCode.USAGE, "--known-end and --end-from contradict each"
            + " other: choose one");
      }
      if (standIn != null) {
        create.setStandInBot(standIn).setStandInGraceMillis(Math.round(standInGrace * 1000));
      }
      if (options.hasNewsPlan()) {
        create.setNews(options.newsPlan());
      }
      ServerMessage reply;
      try (Connection c = Connection.open(address)) {
        reply = c.call(ClientMessage.newBuilder().setCreateClass(create));
      }
      if (reply.hasError()) {
        for (String detail : reply.getError().getDetailsList()) {
          parent.root.err().println(Sanitizer.line(detail));
        }
        throw new CliException(reply.getError().getDetailsCount() > 0 ? ExitCode.BAD_FILE
            : ExitCode.SERVER_ERROR, "cannot create the class: "
                + Sanitizer.line(reply.getError().getMessage()));
      }
      ClassCreated created = reply.getClassCreated();
      SeatStore store = parent.tokens();
      try {
        store.save(address, created.getClassCode(), "instructor", created.getInstructorToken());
        store.save(address, LATEST, "class", created.getClassCode());
      } catch (IOException e) {
        throw new CliException(ExitCode.BAD_FILE, "the class " + created.getClassCode()
            + " was created but its instructor token could not be kept in " + store.file()
            + ": " + e.getMessage() + ". The token: " + created.getInstructorToken(), e);
      }
      String at = address.equals(ServerAddress.DEFAULT) ? "" : " --server " + address;
      var out = parent.root.out();
      out.println("Class " + created.getClassCode() + " created ("
          + Sanitizer.line(created.getBoard().getScenarioTitle()) + ").");
      out.println("Give the students the class code " + created.getClassCode() + ". Each"
          + " student runs:");
      out.println("  hikiwake join " + created.getClassCode() + " --name \"THEIR NAME\"" + at);
      out.println("Your instructor token is kept in " + store.file() + " (owner-only); only it"
          + " runs this class's controls.");
      if (!created.getDashboardPath().isEmpty()) {
        out.println("Dashboard for your browser (works once, within 5 minutes; keep it private):");
        out.println("  " + dashboardUrl(address, created.getDashboardPath()));
        out.println("  (a fresh link: hikiwake class dashboard" + at + ")");
      }
      out.println("Next: hikiwake class watch" + at + "   then: hikiwake class start" + at);
      return ExitCode.OK;
    }
  }

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = "Pair the students who are here and seat them in new games.")
  static final class Start implements Callable<Integer> {
    @ParentCommand
    ClassCommand parent;

    @Mixin
    Which which;

    @Override
    public Integer call() throws Exception {
      return command(parent, which, List.of(), c -> c.setStart(Empty.getDefaultInstance()));
    }
  }

  @Command(name = "news", mixinStandardHelpOptions = true,
      description = "Release one of the scenario's news items to the games now"
          + " (see the list with `class watch --once`).")
  static final class News implements Callable<Integer> {
    @ParentCommand
    ClassCommand parent;

    @Mixin
    ByOption target;

    @Parameters(index = "0", paramLabel = "NEWS_ID", description = "The news item's id.")
    String newsId;

    @Mixin
    Games games;

    @Override
    public Integer call() throws Exception {
      return command(parent, target.which(), games.games,
          c -> c.setReleaseNews(newsId));
    }
  }

  @Command(name = "announce", mixinStandardHelpOptions = true,
      description = "Send a text-only announcement to the games (no points change).")
  static final class Announce implements Callable<Integer> {
    @ParentCommand
    ClassCommand parent;

    @Mixin
    ByOption target;

    @Parameters(index = "0", paramLabel = "TEXT", description = "The announcement.")
    String text;

    @Mixin
    Games games;

    @Override
    public Integer call() throws Exception {
      return command(parent, target.which(), games.games,
          c -> c.setAnnounce(text));
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true,
      description = "Pause every clock: turn moves wait, chat goes on.")
  static final class Pause extends GamesControl {
    @Override
    void act(org.hikiwake.proto.wire.ClassCommand.Builder c) {
      c.setPause(Empty.getDefaultInstance());
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true,
      description = "Resume every paused clock; each side to move keeps the time it had.")
  static final class Resume extends GamesControl {
    @Override
    void act(org.hikiwake.proto.wire.ClassCommand.Builder c) {
      c.setResume(Empty.getDefaultInstance());
    }
  }

  @Command(name = "extend", mixinStandardHelpOptions = true,
      description = "Add rounds to the games.")
  static final class Extend extends GamesControl {
    @Option(names = "--rounds", required = true, paramLabel = "N",
        description = "How many rounds to add.")
    int rounds;

    @Override
    void check() throws CliException {
      if (rounds < 1) {
        throw new CliException(ExitCode.USAGE, "--rounds must be at least 1");
      }
    }

    @Override
    void act(org.hikiwake.proto.wire.ClassCommand.Builder c) {
      c.setExtendRounds(rounds);
    }
  }

  @Command(name = "end", mixinStandardHelpOptions = true,
      description = "End the games at once, as a deadline (or, with --abandon, as abandoned).")
  static final class End extends GamesControl {
    @Option(names = "--abandon",
        description = "End them as abandoned (e.g. a player never came back).")
    boolean abandon;

    @Override
    void act(org.hikiwake.proto.wire.ClassCommand.Builder c) {
      if (abandon) {
        c.setAbandonGames(Empty.getDefaultInstance());
      } else {
        c.setEndGames(Empty.getDefaultInstance());
      }
    }
  }

  @Command(name = "free", mixinStandardHelpOptions = true,
      description = "Free a student's seat (lost token, new laptop): their next"
          + " `hikiwake join` under their name takes it over.")
  static final class Free implements Callable<Integer> {
    @ParentCommand
    ClassCommand parent;

    @Mixin
    ByOption target;

    @Parameters(index = "0", paramLabel = "NAME", description = "The student's name.")
    String name;

    @Override
    public Integer call() throws Exception {
      return command(parent, target.which(), List.of(),
          c -> c.setFreeStudent(name));
    }
  }

  @Command(name = "pair", mixinStandardHelpOptions = true,
      description = "Pair two waiting students (or a student and bot:LEVEL) in a new game;"
          + " the first plays the scenario's first role.")
  static final class Pair implements Callable<Integer> {
    @ParentCommand
    ClassCommand parent;

    @Mixin
    ByOption target;

    @Parameters(index = "0", paramLabel = "FIRST", description = "A student, or bot:LEVEL.")
    String first;

    @Parameters(index = "1", paramLabel = "SECOND", description = "A student, or bot:LEVEL.")
    String second;

    @Override
    public Integer call() throws Exception {
      return command(parent, target.which(), List.of(),
          c -> c.setPair(PairStudents.newBuilder().setFirst(first).setSecond(second)));
    }
  }

  @Command(name = "limit", mixinStandardHelpOptions = true,
      description = "End every game this many minutes from now.")
  static final class Limit implements Callable<Integer> {
    @ParentCommand
    ClassCommand parent;

    @Option(names = "--minutes", required = true, paramLabel = "M",
        description = "Minutes from now.")
    int minutes;

    @Mixin
    Which which;

    @Override
    public Integer call() throws Exception {
      if (minutes < 1) {
        throw new CliException(ExitCode.USAGE, "--minutes must be at least 1");
      }
      return command(parent, which, List.of(), c -> c.setTimeLimitMinutes(minutes));
    }
  }

  @Command(name = "finish", mixinStandardHelpOptions = true,
      description = "End the class: games still running end as a deadline, and its games"
          + " become open to its students (watch, replay).")
  static final class Finish implements Callable<Integer> {
    @ParentCommand
    ClassCommand parent;

    @Mixin
    Which which;

    @Override
    public Integer call() throws Exception {
      return command(parent, which, List.of(), c -> c.setEndClass(Empty.getDefaultInstance()));
    }
  }

  /**
   * The browser's address of a dashboard path on the class's server: https
   * for a TLS server, which takes nothing else.
   */
  static String dashboardUrl(ServerAddress address, String path) {
    return (address.isTls() ? "https://" : "http://") + address.hostPort() + path;
  }

  @Command(name = "dashboard", mixinStandardHelpOptions = true,
      description = {"Print a fresh link to the class's dashboard for your browser.",
          "The link works once, within 5 minutes; the browser then stays signed in for"
              + " 12 hours. Open it on the instructor's machine, not the projector's feed."})
  static final class Dashboard implements Callable<Integer> {
    @ParentCommand
    ClassCommand parent;

    @Mixin
    Which which;

    @Override
    public Integer call() throws Exception {
      Target t = which.resolve(parent);
      ClassCommandDone done;
      try (Connection conn = Connection.open(t.address())) {
        done = conn.expect(ClientMessage.newBuilder().setClassCommand(
            org.hikiwake.proto.wire.ClassCommand.newBuilder().setClassCode(t.classCode())
                .setInstructorToken(t.token()).setDashboardLink(Empty.getDefaultInstance())),
            ServerMessage.BodyCase.CLASS_COMMAND_DONE).getClassCommandDone();
      }
      if (done.getDashboardPath().isEmpty()) {
        throw new CliException(ExitCode.SERVER_ERROR, "the server gave no dashboard link: "
            + Sanitizer.line(done.getSummary()));
      }
      parent.root.out().println(dashboardUrl(t.address(), done.getDashboardPath()));
      parent.root.out().println("Open it in your browser within 5 minutes; it works once.");
      return ExitCode.OK;
    }
  }

  @Command(name = "watch", mixinStandardHelpOptions = true,
      description = {"Follow the class live: one row per game, refreshed as things happen.",
          "Ctrl-C stops watching (the class goes on)."})
  static final class Watch implements Callable<Integer> {
    @ParentCommand
    ClassCommand parent;

    @Mixin
    Which which;

    @Option(names = "--once", description = "Print the board once, with the news list, and"
        + " stop.")
    boolean once;

    @Override
    public Integer call() throws Exception {
      Target t = which.resolve(parent);
      AtomicReference<ClassBoard> latest = new AtomicReference<>();
      CompletableFuture<String> closed = new CompletableFuture<>();
      // the board is redrawn in place only where the terminal can take it (not TERM=dumb)
      boolean terminal = TerminalChoice.decide(parent.root.env(),
          parent.root.hasSystemStreams() && System.console() != null, false).isLive();
      Connection.Listener listener = new Connection.Listener() {
        @Override
        public void onEvent(EventView event) {}

        @Override
        public void onPushed(ServerMessage m) {
          if (m.hasClassBoard()) {
            latest.set(m.getClassBoard());
            if (!once) {
              draw(m.getClassBoard(), terminal);
            }
          }
        }

        @Override
        public void onNotice(ErrorReply error) {
          closed.complete(Connection.describe(error));
        }

        @Override
        public void onClosed(Connection c) {
          closed.complete("the connection closed");
        }
      };
      try (Connection c = Connection.open(t.address(), listener,
          java.time.Duration.ofSeconds(10))) {
        ClassBoard first = c.expect(ClientMessage.newBuilder().setWatchClass(WatchClass
            .newBuilder().setClassCode(t.classCode()).setInstructorToken(t.token())),
            ServerMessage.BodyCase.CLASS_BOARD).getClassBoard();
        latest.compareAndSet(null, first);
        draw(first, terminal && !once);
        if (once) {
          printNews(first);
          return ExitCode.OK;
        }
        while (!closed.isDone()) {
          ClassBoard now = latest.get();
          if (now != null && now.getPhase() == ClassPhase.CLASS_PHASE_ENDED) {
            // the class is over: nothing more will change on this board
            draw(now, terminal);
            parent.root.out().println("The class has ended. The debrief: hikiwake class"
                + " debrief " + t.classCode());
            return ExitCode.OK;
          }
          try {
            String why = closed.get(1, java.util.concurrent.TimeUnit.SECONDS);
            throw new CliException(ExitCode.CONNECTION_LOST, "stopped watching: " + why);
          } catch (java.util.concurrent.TimeoutException tick) {
            // redraw once a second so the clocks count down
            if (terminal && latest.get() != null) {
              draw(latest.get(), true);
            }
          }
        }
      }
      return ExitCode.OK;
    }

    private synchronized void draw(ClassBoard b, boolean clear) {
      var out = parent.root.out();
      if (clear) {
        out.print("\u001b[H\u001b[2J");
      }
      BoardText.lines(b, System.currentTimeMillis()).forEach(out::println);
      if (!clear) {
        out.println();
      }
      out.flush();
    }

    private void printNews(ClassBoard b) {
      BoardText.newsLines(b).forEach(parent.root.out()::println);
    }
  }

  @Command(name = "debrief", mixinStandardHelpOptions = true,
      description = {"Write the class's debrief as four files: a table with a row for each"
          + " game (class.csv), the class on the utility plane (class.svg and class.png), and"
          + " a summary (summary.md).",
          "Works while games still run (their rows say so)."})
  static final class Debrief implements Callable<Integer> {
    @ParentCommand
    ClassCommand parent;

    @Mixin
    Which which;

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR",
        description = "Folder to write the files into (default: the current folder).")
    Path out;

    @Override
    public Integer call() throws Exception {
      Target t = which.resolve(parent);
      List<NamedFile> files;
      try (Connection c = Connection.open(t.address())) {
        files = c.expect(ClientMessage.newBuilder().setFetchClassDebrief(FetchClassDebrief
            .newBuilder().setClassCode(t.classCode()).setInstructorToken(t.token())),
            ServerMessage.BodyCase.CLASS_DEBRIEF_FILES).getClassDebriefFiles().getFilesList();
      }
      try {
        Files.createDirectories(out);
        for (NamedFile f : files) {
          // the server names the files; keep them inside the folder whatever it says
          Path target = out.resolve(Path.of(f.getName()).getFileName().toString());
          Files.write(target, f.getContent().toByteArray());
          parent.root.out().println("wrote " + target);
        }
      } catch (IOException e) {
        throw new CliException(ExitCode.BAD_FILE, "cannot write the debrief into " + out + ": "
            + e.getMessage(), e);
      }
      return ExitCode.OK;
    }
  }

  /** A {@link Which} from the options of a subcommand whose positional is not the class. */
  /**
   * The class as named by an option, for subcommands whose positional
   * arguments are something else (a news id, a student): {@code --class},
   * {@code --token} and the server.
   */
  static final class ByOption {
    @Option(names = "--class", paramLabel = "CLASS", description = "The class code.")
    String classCode;

    @Option(names = "--token", paramLabel = "TOKEN", description = "The instructor token.")
    String token;

    @Mixin
    ServerOption server;

    Which which() {
      Which w = new Which();
      w.classCode = classCode;
      w.token = token;
      w.server = server;
      return w;
    }
  }

  /** For tests: the kept instructor token of a class, if any. */
  static Optional<String> keptToken(Map<String, String> env, ServerAddress address,
      String classCode) throws IOException {
    return SeatStore.in(SeatStore.homeDir(env)).instructorTokens()
        .find(address, classCode, "instructor").map(SeatStore.StoredSeat::token);
  }
}
