package org.hikiwake.cli;

import com.google.common.collect.ImmutableList;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The client's subcommands and the rules every launcher applies to them:
 * a launcher's root command (an {@link Invocation}) adds these, perhaps with
 * commands of its own such as {@code serve}, and calls {@link #configure}.
 */
public final class ClientCommands {
  /** The client's subcommands, in the order help lists them. */
  public static final ImmutableList<Class<?>> ALL = ImmutableList.of(
      CreateCommand.class,
      PlayCommand.class,
      JoinCommand.class,
      ClassCommand.class,
      WatchCommand.class,
      GamesCommand.class,
      ScenariosCommand.class,
      ReplayCommand.class,
      ExportCommand.class,
      DoctorCommand.class);

  private ClientCommands() {}

  /** Adds every client subcommand to a root command line. */
  public static void addTo(CommandLine root) {
    addTo(root, Optional.empty());
  }

  /**
   * Adds the client subcommand named {@code only} (by name or alias), or every
   * one if {@code only} is empty. Building picocli's model of one command
   * instead of all of them is a good part of a short command's start-up.
   */
  public static void addTo(CommandLine root, Optional<String> only) {
    for (Class<?> command : ALL) {
      if (only.isEmpty() || isNamed(command, only.get())) {
        root.addSubcommand(command);
      }
    }
  }

  /**
   * The subcommand a command line runs, if its first argument names one: then
   * only that subcommand needs building. Empty for help, options and typos,
   * which need them all (to list them, or to suggest one).
   */
  public static Optional<String> subcommandOf(String... args) {
    if (args.length == 0 || args[0].startsWith("-")) {
      return Optional.empty();
    }
    return Optional.of(args[0]);
  }

  /** True if a command class is called {@code name}, or has it as an alias. */
  public static boolean isNamed(Class<?> command, String name) {
    Command c = command.getAnnotation(Command.class);
    return c != null && (c.name().equals(name) || Arrays.asList(c.aliases()).contains(name));
  }

  /**
   * Sets the output streams and the failure handling of a whole command line
   * (call it after adding the subcommands): a {@link CliException} prints its
   * one-line reason and exits with its code, a bad command line exits with
   * {@link ExitCode#USAGE}, and anything else is logged as a bug and exits
   * with {@link ExitCode#SOFTWARE}.
   */
  public static CommandLine configure(CommandLine cl, PrintStream out, PrintStream err) {
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof CliException cli) {
        err.println("hikiwake: " + oneLine(cli.getMessage()));
        err.flush();
        return cli.exitCode();
      }
      Logger log = LoggerFactory.getLogger(ClientCommands.class);
      log.error("unexpected failure", e);
      err.println("hikiwake: unexpected failure: " + oneLine(String.valueOf(e))
          + " (this is a bug; please report it)");
      err.flush();
      return ExitCode.SOFTWARE;
    });
    cl.setParameterExceptionHandler((e, args) -> {
      err.println("hikiwake: " + oneLine(e.getMessage()));
      err.println("Try `" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help`.");
      err.flush();
      return ExitCode.USAGE;
    });
    return cl;
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
  }
}
