package org.hikiwake.cli.play;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.PublicScenario;
import org.junit.jupiter.api.Test;

class PackageInputTest {
  private final PublicScenario model = Fixtures.seated().scenario().publicPart();

  @Test
  void parse_exactIds_inScenarioOrder() {
    PackageInput.Parsed p = PackageInput.parse(model,
        List.of("energy=none", "territory=four_islands"), Package.of());
    assertThat(p.isValid()).isTrue();
    assertThat(p.pkg().toString()).isEqualTo("territory=four_islands energy=none");
  }

  @Test
  void parse_uniquePrefixesAndCase_areAccepted() {
    PackageInput.Parsed p = PackageInput.parse(model,
        List.of("TERR=two_islands_p", "miss=writ"), Package.of());
    assertThat(p.problems()).isEmpty();
    assertThat(p.pkg().choices()).containsEntry("territory", "two_islands_plus")
        .containsEntry("missile_defence", "written_assurance");
  }

  @Test
  void parse_ambiguousPrefix_isAProblem() {
    PackageInput.Parsed p = PackageInput.parse(model, List.of("territory=two"), Package.of());
    assertThat(p.problems()).containsExactly("territory has no option 'two' (options: status_quo,"
        + " two_islands, two_islands_plus, area_split, four_islands)");
  }

  @Test
  void parse_unknownIssueAndBadWord_areProblems() {
    PackageInput.Parsed p = PackageInput.parse(model, List.of("fish=many", "territory"),
        Package.of());
    assertThat(p.problems()).hasSize(2);
    assertThat(p.problems().get(0)).startsWith("unknown issue 'fish' (issues: territory,");
    assertThat(p.problems().get(1)).isEqualTo("'territory' is not issue=option");
  }

  @Test
  void parse_sameIssueTwice_isAProblem() {
    PackageInput.Parsed p = PackageInput.parse(model,
        List.of("energy=none", "energy=pipeline"), Package.of());
    assertThat(p.problems()).containsExactly("energy is named twice (none and pipeline)");
  }

  @Test
  void parse_overABase_changesOnlyTheNamedIssues() {
    PackageInput.Parsed p = PackageInput.parse(model, List.of("far_east=modest"), Fixtures.NASH);
    assertThat(p.pkg()).isEqualTo(Fixtures.NASH.with("far_east", "modest"));
    assertThat(model.missingIssues(p.pkg())).isEmpty();
  }
}
