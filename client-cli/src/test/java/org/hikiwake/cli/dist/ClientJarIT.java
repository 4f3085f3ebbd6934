package org.hikiwake.cli.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.hikiwake.proto.scenario.NewsSpec;
import org.hikiwake.proto.scenario.RoleNote;
import org.hikiwake.proto.scenario.RoleSpec;
import org.hikiwake.proto.scenario.ScenarioSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The students' jar as built: nothing of any scenario in it (no scenario
 * file, no brief, no news of the schedule), nothing of the server's, and it
 * runs on its own, replaying a recording (which carries its scenario).
 */
class ClientJarIT {
  static Path jar;

  @BeforeAll
  static void locate() {
    jar = Path.of(System.getProperty("hikiwake.clientJar", "target/hikiwake-client.jar"));
    assertThat(jar).as("the shaded client jar (mvn package)").isRegularFile();
  }

  @Test
  void jar_holdsNoScenarioFile_andNothingOfTheServers() throws IOException {
    List<String> names = new ArrayList<>();
    try (JarFile j = new JarFile(jar.toFile())) {
      j.stream().forEach(e -> names.add(e.getName()));
    }
    assertThat(names).contains("org/hikiwake/cli/HikiwakeClient.class",
        "org/jline/terminal/impl/jni/JniTerminalProvider.class",
        "org/jline/nativ/Windows/x86_64/jlinenative.dll");
    assertThat(names).noneMatch(n -> n.endsWith(".textproto"))
        .noneMatch(n -> n.startsWith("scenarios/"))
        .noneMatch(n -> n.startsWith("org/hikiwake/server/"))
        .noneMatch(n -> n.startsWith("org/hikiwake/app/"))
        .noneMatch(n -> n.startsWith("org/sqlite/"))
        .noneMatch(n -> n.startsWith("io/netty/handler/codec/http/"))
        .noneMatch(n -> n.startsWith("org/bouncycastle/"))
        .noneMatch(n -> n.startsWith("ch/qos/logback/"));
  }

  @Test
  void jar_holdsNoConfidentialTextOfAnyBuiltInScenario() throws IOException {
    List<String> secrets = new ArrayList<>();
    Path dir = Path.of(System.getProperty("hikiwake.scenariosDir", "../scenarios"));
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.textproto")) {
      for (Path f : files) {
        ScenarioSpec.Builder spec = ScenarioSpec.newBuilder();
        TextFormat.merge(Files.readString(f, StandardCharsets.UTF_8), spec);
        for (RoleSpec r : spec.getRolesList()) {
          secrets.add(distinctive(r.getBrief()));
        }
        for (NewsSpec n : spec.getNewsList()) {
          secrets.add(distinctive(n.getHeadline()));
          secrets.add(distinctive(n.getText()));
          for (RoleNote note : n.getPrivateNotesList()) {
            secrets.add(distinctive(note.getText()));
          }
        }
      }
    }
    secrets.removeIf(String::isEmpty);
    assertThat(secrets).as("briefs and news of the scenarios in " + dir).hasSizeGreaterThan(6);

    try (JarFile j = new JarFile(jar.toFile())) {
      Enumeration<JarEntry> entries = j.entries();
      while (entries.hasMoreElements()) {
        JarEntry e = entries.nextElement();
        if (e.isDirectory()) {
          continue;
        }
        String text;
        try (InputStream in = j.getInputStream(e)) {
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String secret : secrets) {
          assertThat(text).as("%s holds scenario text", e.getName()).doesNotContain(secret);
        }
      }
    }
  }

  /** A stretch of a text long enough not to occur by chance. */
  private static String distinctive(String text) {
    String t = text.strip();
    return t.length() < 24 ? "" : t.substring(0, Math.min(60, t.length()));
  }

  @Test
  void jar_runsOnItsOwn_andExportsARecording() throws Exception {
    Path recording = Path.of(System.getProperty("hikiwake.goldenRecording",
        "../server/src/test/resources/golden/v2/agreement.hwr"));
    Launchers.Run version = Launchers.run(List.of(Launchers.java(), "-jar", jar.toString(),
        "--version"), java.util.Map.of());
    assertThat(version.exit()).as(version.toString()).isZero();
    assertThat(version.out()).startsWith("hikiwake ");

    Launchers.Run export = Launchers.run(List.of(Launchers.java(), "-jar", jar.toString(),
        "export", recording.toString(), "--format", "md"), java.util.Map.of());

    assertThat(export.exit()).as(export.toString()).isZero();
    assertThat(export.out()).contains("# Game ").contains("## Transcript")
        .contains("Japan offers");
  }

  @Test
  void jar_scenarioTools_areNotInTheStudentsClient() throws Exception {
    Launchers.Run run = Launchers.run(List.of(Launchers.java(), "-jar", jar.toString(),
        "scenarios", "analyze", "japan-russia-2013"), java.util.Map.of());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("Unmatched argument");
    Launchers.Run help = Launchers.run(List.of(Launchers.java(), "-jar", jar.toString(),
        "scenarios", "--help"), java.util.Map.of());
    assertThat(help.out().replaceAll("\\s+", " ")).contains("is for instructors and scenario"
        + " authors").contains("not with the students' client");
  }
}
