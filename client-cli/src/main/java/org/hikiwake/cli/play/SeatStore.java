package org.hikiwake.cli.play;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.hikiwake.cli.net.ServerAddress;

/**
 * The seat tokens this user holds, kept in {@code seats.properties} in the
 * client's home folder ({@code $HIKIWAKE_HOME}, else {@code ~/.hikiwake}), which
 * only the user may read: the folder is {@code rwx------}, the file
 * {@code rw-------}.
 */
public final class SeatStore {
  public static final String HOME_ENV = "HIKIWAKE_HOME";
  public static final String FILE_NAME = "seats.properties";

  private static final Set<PosixFilePermission> DIR_PERMISSIONS =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_PERMISSIONS =
      PosixFilePermissions.fromString("rw-------");

  /** A seat kept for later. */
  public record StoredSeat(String role, String token) {}

  private final Path file;

  public SeatStore(Path file) {
    this.file = file;
  }

  /** The client's home folder: {@code $HIKIWAKE_HOME}, else {@code ~/.hikiwake}. */
  public static Path homeDir(Map<String, String> env) {
    String home = env.get(HOME_ENV);
    if (home != null && !home.isBlank()) {
      return Paths.get(home);
    }
    return Paths.get(System.getProperty("user.home"), ".hikiwake");
  }

  /** The store in the home folder. */
  public static SeatStore in(Path homeDir) {
    return new SeatStore(homeDir.resolve(FILE_NAME));
  }

  /**
   * The class tokens kept next to this store: a student's token for each class
   * joined (the role is the student's name), as private as the seat tokens.
   */
  public SeatStore classTokens() {
    return new SeatStore(file.resolveSibling("classes.properties"));
  }

  /** The instructor tokens kept next to this store: one per class created here. */
  public SeatStore instructorTokens() {
    return new SeatStore(file.resolveSibling("instructor.properties"));
  }

  public Path file() {
    return file;
  }

  /** Creates the home folder (owner-only) if it is missing. */
  public static void ensureDir(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (isPosix()) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_PERMISSIONS));
    } else {
      Files.createDirectories(dir);
    }
  }

  /** The seats kept for this game on this server (one per role held), in role order. */
  public synchronized List<StoredSeat> find(ServerAddress server, String gameCode)
      throws IOException {
    Properties props = load();
    String prefix = key(server, gameCode) + "/";
    List<StoredSeat> seats = new ArrayList<>();
    for (String name : new TreeSet<>(props.stringPropertyNames())) {
      if (name.startsWith(prefix)) {
        seats.add(new StoredSeat(name.substring(prefix.length()), props.getProperty(name)));
      }
    }
    return seats;
  }

  /** The seat kept for one role of this game on this server, if any. */
  public synchronized Optional<StoredSeat> find(ServerAddress server, String gameCode,
      String role) throws IOException {
    String token = load().getProperty(key(server, gameCode) + "/" + role);
    return token == null ? Optional.empty() : Optional.of(new StoredSeat(role, token));
  }

  /** Keeps a seat's token, replacing any earlier one for the same game and role. */
  public synchronized void save(ServerAddress server, String gameCode, String role, String token)
      throws IOException {
    Properties props = load();
    props.setProperty(key(server, gameCode) + "/" + role, token);
    Path dir = file.toAbsolutePath().getParent();
    ensureDir(dir);
    Path tmp = isPosix()
        ? Files.createTempFile(dir, ".seats", ".tmp",
            PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS))
        : Files.createTempFile(dir, ".seats", ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        props.store(out, "hikiwake seat tokens: keep this file private");
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    if (isPosix()) {
      Files.setPosixFilePermissions(file, FILE_PERMISSIONS);
    }
  }

  private Properties load() throws IOException {
    Properties props = new Properties();
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        props.load(in);
      }
    }
    return props;
  }

  /** The key of a game: the server, then the normalized code; the role follows. */
  static String key(ServerAddress server, String gameCode) {
    return server + "/" + normalizeCode(gameCode);
  }

  /** A join code as the server compares them: only letters and digits count, in upper case. */
  public static String normalizeCode(String gameCode) {
    return gameCode.toUpperCase(Locale.ROOT).replaceAll("[^0-9A-Z]", "");
  }

  private static boolean isPosix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
