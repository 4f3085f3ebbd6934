package org.hikiwake.cli.net;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.cli.CliException;
import org.hikiwake.cli.ExitCode;
import org.hikiwake.codec.wire.Fingerprint;

/**
 * Which TLS certificates this client trusts, by fingerprint, trust on first
 * use: the servers it has met are kept in a {@code known_servers} file
 * ({@code host:port SHA256:...} per line), as SSH keeps known hosts. A
 * fingerprint given on the command line (from the instructor's handout) is
 * pinned up front and replaces the kept one. A certificate that differs from
 * the kept one is refused, loudly, with what to do.
 */
public final class TlsTrust {
  /** The file's name in the client's home folder. */
  public static final String FILE_NAME = "known_servers";

  private final Optional<Path> file;
  private final Optional<Fingerprint> pinned;
  private final PrintStream notices;

  private TlsTrust(Optional<Path> file, Optional<Fingerprint> pinned, PrintStream notices) {
    this.file = file;
    this.pinned = pinned;
    this.notices = notices;
  }

  /**
   * Trust kept in {@code file}.
   *
   * @param pinned a fingerprint the server must show (it then replaces the kept one)
   * @param notices where first-use notes and the changed-certificate warning go
   */
  public static TlsTrust of(Path file, Optional<Fingerprint> pinned, PrintStream notices) {
    return new TlsTrust(Optional.of(file), pinned, notices);
  }

  /** Trust that keeps nothing: each connection trusts on first use (tests, one-off tools). */
  public static TlsTrust ephemeral() {
    return new TlsTrust(Optional.empty(), Optional.empty(), System.err);
  }

  /** The fingerprint given on the command line, if any. */
  public Optional<Fingerprint> pinned() {
    return pinned;
  }

  /** The fingerprint kept for a server, if it has been met. */
  public Optional<Fingerprint> kept(String hostPort) throws CliException {
    String f = load().get(hostPort);
    if (f == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Fingerprint.parse(f));
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.BAD_FILE, file.orElseThrow() + ": the line for " + hostPort
          + " is damaged (" + e.getMessage() + "); delete that line and connect again", e);
    }
  }

  /** The fingerprint the server must show: the pinned one, else the kept one. */
  Optional<Fingerprint> expected(String hostPort) throws CliException {
    return pinned.isPresent() ? pinned : kept(hostPort);
  }

  /**
   * A TLS handshake succeeded with this certificate: keep it if the server is
   * new, or if it was pinned on the command line in place of another.
   */
  void accepted(ServerAddress address, Fingerprint presented) throws CliException {
    String hostPort = address.hostPort();
    Optional<Fingerprint> kept = kept(hostPort);
    if (kept.isPresent() && kept.get().equals(presented)) {
      return;
    }
    if (file.isPresent()) {
      Map<String, String> all = load();
      all.put(hostPort, presented.toString());
      save(all);
    }
    if (kept.isEmpty() && pinned.isEmpty()) {
      notices.println("First encrypted connection to " + hostPort + ". Its certificate's"
          + " fingerprint is " + presented + ";");
      notices.println("check it against the one your instructor gave you. It is kept"
          + file.map(f -> " in " + f).orElse("") + ", and a different one will be refused.");
    } else if (kept.isEmpty()) {
      notices.println("The server's certificate matches the fingerprint you gave; it is kept"
          + file.map(f -> " in " + f).orElse("") + ".");
    } else {
      notices.println("The certificate kept for " + hostPort + " was " + kept.get()
          + "; it is now " + presented + ", as you asked with --fingerprint.");
    }
    notices.flush();
  }

  /**
   * The server showed a certificate other than the expected one: the loud
   * warning (on the notices) and the one-line failure.
   */
  CliException refused(ServerAddress address, Fingerprint presented, Throwable cause)
      throws CliException {
    String hostPort = address.hostPort();
    if (pinned.isPresent()) {
      return new CliException(ExitCode.CANNOT_CONNECT, "the server at " + hostPort
          + " shows the certificate " + presented + ", not the one you gave with --fingerprint ("
          + pinned.get() + "): check the fingerprint with your instructor; until it matches,"
          + " do not connect", cause);
    }
    Fingerprint kept = kept(hostPort).orElseThrow();
    List<String> warning = List.of(
        "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@",
        "@  WARNING: THE SERVER'S CERTIFICATE HAS CHANGED. NOT CONNECTING.          @",
        "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@",
        "The server at " + hostPort + " used to show the certificate",
        "    " + kept,
        "and now shows",
        "    " + presented,
        "Either the server made itself a new certificate (a new data folder, a new",
        "machine), or someone on the network is pretending to be it to read your moves",
        "and take your seat. Ask your instructor for the server's fingerprint now.",
        "Only if it is " + presented + ", accept it: run the same command again",
        "with this added:",
        "    --fingerprint " + presented,
        "(or delete the line for " + hostPort + " in "
            + file.map(Path::toString).orElse(FILE_NAME) + ").");
    warning.forEach(notices::println);
    notices.flush();
    return new CliException(ExitCode.CANNOT_CONNECT, "the certificate of " + hostPort
        + " has changed (was " + kept + ", now " + presented + "); not connecting: see the"
        + " warning above", cause);
  }

  private Map<String, String> load() throws CliException {
    Map<String, String> all = new LinkedHashMap<>();
    if (file.isEmpty() || !Files.exists(file.get())) {
      return all;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file.get(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException(ExitCode.BAD_FILE, "cannot read the known servers in " + file.get()
          + ": " + e.getMessage(), e);
    }
    for (String line : lines) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] parts = l.split("\\s+");
      if (parts.length >= 2) {
        all.put(parts[0], parts[1]);
      }
    }
    return all;
  }

  private void save(Map<String, String> all) throws CliException {
    Path f = file.orElseThrow();
    List<String> lines = new ArrayList<>();
    lines.add("# Servers this hikiwake client has met over TLS, with their certificates'");
    lines.add("# fingerprints (host:port SHA256:...). Delete a line to trust a server anew.");
    all.forEach((k, v) -> lines.add(k + " " + v));
    try {
      Path dir = f.toAbsolutePath().getParent();
      org.hikiwake.cli.play.SeatStore.ensureDir(dir);
      Path tmp = Files.createTempFile(dir, FILE_NAME, ".tmp");
      try {
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new CliException(ExitCode.BAD_FILE, "cannot keep the server's fingerprint in " + f
          + ": " + e.getMessage(), e);
    }
  }
}
