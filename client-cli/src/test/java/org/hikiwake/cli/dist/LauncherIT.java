package org.hikiwake.cli.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download as a student gets it: the tar.gz unpacked with the system's
 * tar, its POSIX launcher run under dash (no bash), finding or not finding a
 * Java, making its class-data-sharing archive, and JLine choosing its
 * provider on a real pseudo-terminal (util-linux {@code script}). The
 * Windows launcher cannot be run here.
 */
class LauncherIT {
  @TempDir
  static Path unpacked;

  static Path launcher;
  static String dash;

  @BeforeAll
  static void unpack() throws Exception {
    Path dist = Path.of(System.getProperty("hikiwake.clientDist"));
    assertThat(dist).as("the client's tar.gz (mvn package)").isRegularFile();
    Launchers.Run tar = Launchers.run(List.of("tar", "-xzf", dist.toString(), "-C",
        unpacked.toString()), Map.of("PATH", "/usr/bin:/bin"));
    assertThat(tar.exit()).as(tar.toString()).isZero();
    try (Stream<Path> top = Files.list(unpacked)) {
      Path folder = top.filter(Files::isDirectory).findFirst().orElseThrow();
      launcher = folder.resolve("hikiwake");
    }
    dash = Files.isExecutable(Path.of("/usr/bin/dash")) ? "/usr/bin/dash"
        : Files.isExecutable(Path.of("/bin/dash")) ? "/bin/dash" : null;
  }

  private static Map<String, String> env(Path cache) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", "/usr/bin:/bin");
    env.put("HOME", cache.resolve("home").toString());
    env.put("XDG_CACHE_HOME", cache.resolve("cache").toString());
    return env;
  }

  private static List<String> sh(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(dash != null ? dash : "/bin/sh");
    cmd.add(launcher.toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  @Test
  void archive_hasTheLaunchersTheJarAndTheReadme_withTheShellLauncherExecutable()
      throws IOException {
    Path folder = launcher.getParent();
    assertThat(folder.getFileName().toString()).startsWith("hikiwake-client-");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(launcher)))
        .isEqualTo("rwxr-xr-x");
    assertThat(folder.resolve("lib/hikiwake-client.jar")).isRegularFile();
    assertThat(folder.resolve("README.txt")).isRegularFile();
    byte[] cmd = Files.readAllBytes(folder.resolve("hikiwake.cmd"));
    assertThat(new String(cmd, java.nio.charset.StandardCharsets.US_ASCII))
        .startsWith("@echo off\r\n").doesNotContain("\r\r").contains("exit /b 7\r\n");
    assertThat(Files.readString(launcher)).startsWith("#!/bin/sh\n").doesNotContain("\r");
  }

  @Test
  void noJavaAnywhere_saysWhatToInstall(@TempDir Path tmp) throws Exception {
    assumeTrue(dash != null, "dash is not installed");
    Map<String, String> env = env(tmp);
    env.put("JAVA_HOME", tmp.resolve("no-such-java").toString());
    env.put("PATH", "");

    Launchers.Run run = Launchers.run(sh("--version"), env);

    assertThat(run.exit()).isEqualTo(7);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("JAVA_HOME is set to '" + tmp.resolve("no-such-java"))
        .contains("there is no java on the PATH")
        .contains("hikiwake needs Java 17 or newer")
        .contains("Eclipse Temurin 21 (LTS) from https://adoptium.net")
        .contains("set JAVA_HOME");
  }

  @Test
  void tooOldJava_saysWhichOneWasFoundAndWhatToInstall(@TempDir Path tmp) throws Exception {
    assumeTrue(dash != null, "dash is not installed");
    Path fakeHome = tmp.resolve("jdk-11");
    Files.createDirectories(fakeHome.resolve("bin"));
    Path fake = fakeHome.resolve("bin/java");
    Files.writeString(fake, "#!/bin/sh\necho 'openjdk version \"11.0.22\" 2024-01-16' >&2\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = env(tmp);
    env.put("JAVA_HOME", fakeHome.toString());

    Launchers.Run run = Launchers.run(sh("--version"), env);

    assertThat(run.exit()).isEqualTo(7);
    assertThat(run.err()).contains(fake + " is Java 11.0.22, which is too old")
        .contains("hikiwake needs Java 17 or newer");
  }

  @Test
  void java17FromJavaHome_runsTheClient_andTheSecondRunUsesTheArchiveOfTheFirst(
      @TempDir Path tmp) throws Exception {
    assumeTrue(dash != null, "dash is not installed");
    Map<String, String> env = env(tmp);
    env.put("JAVA_HOME", Launchers.javaHome().toString());

    Launchers.Run first = Launchers.run(sh("--version"), env);

    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(first.out().strip()).startsWith("hikiwake ");
    assertThat(first.err()).isEmpty();
    Path cds = tmp.resolve("cache/hikiwake/cds");
    List<Path> archives;
    try (Stream<Path> s = Files.list(cds)) {
      archives = s.toList();
    }
    assertThat(archives).singleElement().satisfies(a -> {
      assertThat(a.getFileName().toString()).endsWith(".jsa");
      assertThat(Files.size(a)).isPositive();
    });

    Launchers.Run second = Launchers.run(sh("games", "--server", "127.0.0.1:1"), env);

    // no server there: the client itself answered, through the archive, with its advice
    assertThat(second.exit()).isEqualTo(2);
    assertThat(second.out()).isEmpty();
    assertThat(second.err()).contains("nothing is listening there").doesNotContain("[cds]")
        .doesNotContain("warning");
  }

  @Test
  void javaOnThePath_throughASymlinkToTheLauncher_runsTheClient(@TempDir Path tmp)
      throws Exception {
    assumeTrue(dash != null, "dash is not installed");
    Path bin = tmp.resolve("bin");
    Files.createDirectories(bin);
    Path link = bin.resolve("hikiwake");
    Files.createSymbolicLink(link, launcher);
    Map<String, String> env = env(tmp);
    env.put("PATH", Launchers.javaHome().resolve("bin") + ":/usr/bin:/bin");
    env.put("HIKIWAKE_CDS", "0");

    Launchers.Run run = Launchers.run(List.of(dash, link.toString(), "--help"), env);

    assertThat(run.exit()).as(run.toString()).isEqualTo(0);
    assertThat(run.out()).contains("Usage: hikiwake").contains("  play ").contains("  doctor ")
        .doesNotContain("  serve ");
    assertThat(tmp.resolve("cache/hikiwake")).doesNotExist();
  }

  @Test
  void realTerminal_getsJLinesNativeProvider_thenExec_thenPlainLineMode(@TempDir Path tmp)
      throws Exception {
    assumeTrue(dash != null && Files.isExecutable(Path.of("/usr/bin/script")),
        "needs dash and util-linux script");
    Map<String, String> env = env(tmp);
    env.put("JAVA_HOME", Launchers.javaHome().toString());
    env.put("TERM", "xterm-256color");
    env.put("HIKIWAKE_CDS", "0");

    assertThat(underPty(env, "")).contains("Terminal: JLine, jni (xterm-256color); colour on");
    assertThat(underPty(env, "-Dorg.jline.terminal.jni=false"))
        .contains("Terminal: JLine, exec (xterm-256color)");
    // neither: no native library and no stty on the PATH
    env.put("PATH", "/nonexistent");
    assertThat(underPty(env, "-Dorg.jline.terminal.jni=false"))
        .contains("Terminal: plain line mode: JLine cannot drive it with jni,exec");
    env.put("PATH", "/usr/bin:/bin");
    env.put("TERM", "dumb");
    assertThat(underPty(env, "")).contains("Terminal: plain line mode (TERM=dumb");
    env.put("TERM", "xterm");
    env.put("NO_COLOR", "1");
    assertThat(underPty(env, "")).contains("colour off (NO_COLOR)");
  }

  /** {@code hikiwake doctor} on a pseudo-terminal, with these JVM options. */
  private static String underPty(Map<String, String> env, String javaOpts) throws Exception {
    Map<String, String> e = new HashMap<>(env);
    e.put("HIKIWAKE_JAVA_OPTS", javaOpts);
    Launchers.Run run = Launchers.run(List.of("/usr/bin/script", "-qec",
        dash + " " + launcher + " doctor", "/dev/null"), e);
    assertThat(run.exit()).as(run.toString()).isZero();
    return run.out();
  }
}
