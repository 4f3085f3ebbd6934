package org.hikiwake.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hikiwake.cli.net.TlsTrust;
import org.hikiwake.cli.play.SeatStore;
import org.hikiwake.cli.play.TerminalChoice;
import org.hikiwake.cli.play.TerminalProbe;
import org.hikiwake.codec.Versions;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hikiwake doctor}: what the client found on this laptop (Java,
 * terminal, folders), for a student to read out when something does not work.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Show what this client found on this computer: the Java running it, how it"
        + " drives the terminal (and why), and where it keeps its files.",
        "Run it in the terminal you play in; it changes nothing."})
final class DoctorCommand implements Callable<Integer> {
  @ParentCommand
  private Invocation root;

  @Override
  public Integer call() {
    PrintStream out = root.out();
    out.println("hikiwake " + Versions.SOFTWARE);
    out.println("Java:     " + System.getProperty("java.version") + " ("
        + System.getProperty("java.vendor") + ") at " + System.getProperty("java.home"));
    out.println("System:   " + System.getProperty("os.name") + " "
        + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    boolean console = root.hasSystemStreams() && System.console() != null;
    TerminalChoice choice = TerminalChoice.decide(root.env(), console, false);
    String how;
    if (choice.kind() == TerminalChoice.Kind.JLINE) {
      try {
        how = "JLine, " + TerminalProbe.open(choice.providers()) + "; colour "
            + (choice.colour() ? "on" : "off (NO_COLOR)");
      } catch (IOException e) {
        how = "plain line mode: JLine cannot drive it with " + choice.providers() + " ("
            + e.getMessage() + ")";
      }
    } else if (choice.kind() == TerminalChoice.Kind.LINES) {
      how = "plain line mode (" + choice.reason() + ")";
    } else {
      how = "script mode (" + choice.reason() + ")";
    }
    out.println("Terminal: " + how);
    Path home = SeatStore.homeDir(root.env());
    out.println("Files:    " + home + " (seat tokens, " + TlsTrust.FILE_NAME
        + ", history; set " + SeatStore.HOME_ENV + " to move them)");
    out.flush();
    return ExitCode.OK;
  }
}
