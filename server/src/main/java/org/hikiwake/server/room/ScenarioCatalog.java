package org.hikiwake.server.room;

import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;

/** The scenarios a server offers: the built-in ones plus any in an extra folder. */
public final class ScenarioCatalog {
  private final ImmutableMap<String, Scenario> scenarios;

  private ScenarioCatalog(Map<String, Scenario> scenarios) {
    this.scenarios = ImmutableMap.copyOf(scenarios);
  }

  /**
   * Loads every built-in scenario and every {@code *.textproto} in the folder.
   *
   * @throws ScenarioException for the first bad file, naming it, the line and the problem
   */
  public static ScenarioCatalog load(Optional<Path> extraFolder)
      throws ScenarioException, IOException {
    Map<String, Scenario> map = new LinkedHashMap<>();
    for (String id : ScenarioLoader.builtInIds()) {
      Scenario s = ScenarioLoader.fromClasspath(id);
      map.put(s.id(), s);
    }
    if (extraFolder.isPresent()) {
      List<Path> files = new ArrayList<>();
      try (Stream<Path> list = Files.list(extraFolder.get())) {
        list.filter(p -> p.getFileName().toString().endsWith(ScenarioLoader.EXTENSION))
            .sorted().forEach(files::add);
      }
      for (Path file : files) {
        Scenario s = ScenarioLoader.fromFile(file);
        if (map.containsKey(s.id())) {
          throw new ScenarioException(file.toString(), List.of(file + ": scenario id '"
              + s.id() + "' is already used by another scenario"));
        }
        map.put(s.id(), s);
      }
    }
    return new ScenarioCatalog(map);
  }

  public static ScenarioCatalog of(Scenario... scenarios) {
    Map<String, Scenario> map = new LinkedHashMap<>();
    for (Scenario s : scenarios) {
      map.put(s.id(), s);
    }
    return new ScenarioCatalog(map);
  }

  public Optional<Scenario> find(String id) {
    return Optional.ofNullable(scenarios.get(id));
  }

  public ImmutableMap<String, Scenario> all() {
    return scenarios;
  }
}
