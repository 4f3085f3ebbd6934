package org.hikiwake.engine.scenario;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.TextFormat;
import com.google.protobuf.TextFormatParseInfoTree;
import com.google.protobuf.TextFormatParseLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.proto.scenario.IssueSpec;
import org.hikiwake.proto.scenario.LinkCondition;
import org.hikiwake.proto.scenario.LinkSpec;
import org.hikiwake.proto.scenario.NewsSpec;
import org.hikiwake.proto.scenario.RoleNote;
import org.hikiwake.proto.scenario.RolePoints;

/**
 * Reads scenarios from protobuf text format, checks every rule the game relies
 * on, and maps them into the rules' own model. This is the only place the
 * rules touch the generated scenario classes.
 *
 * <p>Rules checked: exactly two roles; unique ids; 2 to 8 options per issue;
 * at most {@link #MAX_PACKAGES} packages; exactly one points entry per role
 * per option, each in [0, 100]; at most {@link #MAX_LINKS} links, each naming
 * a known role, with conditions on
 * at least two distinct known issues with known options (not every option of
 * the issue), and a non-zero delta in [-100, 100]; for each role, the best
 * package (options and links together) worth exactly 100; reservation values
 * in [0, 100); rounds in [1, 100]; a first mover that is a role; news in
 * rounds that exist, whose point changes (deltas in [-100, 100]) and notes
 * name known roles, issues and options.
 *
 * <p>Scores may be negative: a link may push a package below 0 (a treaty that
 * abandons a claim can be worse than nothing), and news may turn an option
 * into a cost. Only the file's option points are kept in [0, 100].
 */
public final class ScenarioLoader {
  /** Classpath folder of the built-in scenarios. */
  public static final String CLASSPATH_FOLDER = "scenarios/";
  /** File name ending of scenario files. */
  public static final String EXTENSION = ".textproto";
  /** What every role's best package is worth. */
  public static final int BEST_PACKAGE_POINTS = 100;
  /** The most options an issue may have. */
  public static final int MAX_OPTIONS = 8;
  /**
   * The largest package space (the product of the issues' option counts) a
   * scenario may have: the analysis enumerates every package at the end of
   * every game, so a larger space is refused here rather than failing then.
   */
  public static final int MAX_PACKAGES = 1_000_000;
  /**
   * The most links a scenario may have: each one adds work to every analysis,
   * and a classroom scenario needs a handful.
   */
  public static final int MAX_LINKS = 64;
  /** The largest change a news item or a link may make to a role's points, either way. */
  public static final int MAX_DELTA = 100;
  /** The largest scenario file accepted, in bytes. */
  public static final int MAX_FILE_BYTES = 1 << 20;

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private ScenarioLoader() {}

  /** Loads and validates a scenario file. */
  public static Scenario fromFile(Path file) throws ScenarioException {
    String source = file.toString();
    String text;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new ScenarioException(source, List.of(
            source + ": file is larger than " + MAX_FILE_BYTES + " bytes"));
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ScenarioException(source, List.of(source + ": cannot read file: " + e));
    }
    return fromText(text, source);
  }

  /** Loads a built-in scenario by id from {@code scenarios/ID.textproto} on the classpath. */
  public static Scenario fromClasspath(String id) throws ScenarioException {
    String resource = CLASSPATH_FOLDER + id + EXTENSION;
    try (InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new ScenarioException(resource, List.of(resource + ": no such built-in scenario"));
      }
      return fromText(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
    } catch (IOException e) {
      throw new ScenarioException(resource, List.of(resource + ": cannot read: " + e));
    }
  }

  /** Ids of the built-in scenarios, from {@code scenarios/index.txt} on the classpath. */
  public static ImmutableList<String> builtInIds() {
    try (InputStream in = ScenarioLoader.class.getClassLoader()
        .getResourceAsStream(CLASSPATH_FOLDER + "index.txt")) {
      if (in == null) {
        return ImmutableList.of();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .collect(ImmutableList.toImmutableList());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in scenario index", e);
    }
  }

  /** Parses and validates scenario text; {@code source} names it in messages. */
  public static Scenario fromText(String text, String source) throws ScenarioException {
    org.hikiwake.proto.scenario.ScenarioSpec.Builder builder =
        org.hikiwake.proto.scenario.ScenarioSpec.newBuilder();
    TextFormatParseInfoTree.Builder tree = TextFormatParseInfoTree.builder();
    TextFormat.Parser parser = TextFormat.Parser.newBuilder()
        .setParseInfoTreeBuilder(tree)
        .build();
    try {
      parser.merge(text, builder);
    } catch (TextFormat.ParseException e) {
      String where = e.getLine() >= 0 ? source + ":" + e.getLine() : source;
      throw new ScenarioException(source, List.of(where + ": syntax error: "
          + stripPosition(e.getMessage())));
    }
    return new Validation(source, builder.build(), tree.build()).run();
  }

  /**
   * Validates a scenario message (e.g. one read from a recording) and maps it.
   * Problems carry no line numbers.
   */
  public static Scenario fromProto(org.hikiwake.proto.scenario.ScenarioSpec proto, String source)
      throws ScenarioException {
    return new Validation(source, proto, null).run();
  }

  /** The scenario as a schema message, e.g. for a recording's header. */
  public static org.hikiwake.proto.scenario.ScenarioSpec toProto(Scenario scenario) {
    org.hikiwake.proto.scenario.ScenarioSpec.Builder b = org.hikiwake.proto.scenario.ScenarioSpec
        .newBuilder()
        .setId(scenario.id())
        .setTitle(scenario.title())
        .setBackground(scenario.background())
        .setRounds(scenario.rounds())
        .setFirstMover(scenario.firstMover());
    for (Role role : scenario.roles()) {
      b.addRoles(org.hikiwake.proto.scenario.RoleSpec.newBuilder()
          .setId(role.id()).setName(role.name()).setBrief(role.brief())
          .setReservationValue(role.reservationValue()));
    }
    for (Issue issue : scenario.issues()) {
      org.hikiwake.proto.scenario.IssueSpec.Builder ib = org.hikiwake.proto.scenario.IssueSpec
          .newBuilder().setId(issue.id()).setName(issue.name())
          .setDescription(issue.description());
      for (Option option : issue.options()) {
        org.hikiwake.proto.scenario.OptionSpec.Builder ob = org.hikiwake.proto.scenario.OptionSpec
            .newBuilder().setId(option.id()).setLabel(option.label())
            .setDescription(option.description());
        for (Role role : scenario.roles()) {
          ob.addPoints(RolePoints.newBuilder().setRole(role.id())
              .setValue(scenario.pointsOf(role.id()).points(issue.id(), option.id())));
        }
        ib.addOptions(ob);
      }
      b.addIssues(ib);
    }
    for (News news : scenario.news()) {
      NewsSpec.Builder nb = NewsSpec.newBuilder().setId(news.id()).setRound(news.round())
          .setHeadline(news.headline()).setText(news.text());
      for (PointChange c : news.pointChanges()) {
        nb.addPointChanges(org.hikiwake.proto.scenario.PointChangeSpec.newBuilder()
            .setRole(c.role()).setIssue(c.issue()).setOption(c.option()).setDelta(c.delta()));
      }
      news.privateNotes().forEach((role, text) ->
          nb.addPrivateNotes(RoleNote.newBuilder().setRole(role).setText(text)));
      b.addNews(nb);
    }
    for (Role role : scenario.roles()) {
      for (Link link : scenario.pointsOf(role.id()).links()) {
        LinkSpec.Builder lb = LinkSpec.newBuilder().setId(link.id()).setRole(role.id())
            .setDelta(link.delta()).setNote(link.note());
        link.conditions().forEach((issue, options) ->
            lb.addConditions(LinkCondition.newBuilder().setIssue(issue).addAllOptions(options)));
        b.addLinks(lb);
      }
    }
    return b.build();
  }

  private static String stripPosition(String message) {
    // TextFormat prefixes "line:column: "; the line is already in our prefix.
    return message.replaceFirst("^\\d+:\\d+: ", "");
  }

  /** One validation pass over one message, collecting every problem. */
  private static final class Validation {
    private static final FieldDescriptor ROLES = field(
        org.hikiwake.proto.scenario.ScenarioSpec.getDescriptor(), "roles");
    private static final FieldDescriptor ISSUES = field(
        org.hikiwake.proto.scenario.ScenarioSpec.getDescriptor(), "issues");
    private static final FieldDescriptor NEWS = field(
        org.hikiwake.proto.scenario.ScenarioSpec.getDescriptor(), "news");
    private static final FieldDescriptor OPTIONS = field(
        org.hikiwake.proto.scenario.IssueSpec.getDescriptor(), "options");
    private static final FieldDescriptor POINTS = field(
        org.hikiwake.proto.scenario.OptionSpec.getDescriptor(), "points");
    private static final FieldDescriptor CHANGES = field(
        NewsSpec.getDescriptor(), "point_changes");
    private static final FieldDescriptor NOTES = field(NewsSpec.getDescriptor(), "private_notes");
    private static final FieldDescriptor LINKS = field(
        org.hikiwake.proto.scenario.ScenarioSpec.getDescriptor(), "links");
    private static final FieldDescriptor CONDITIONS = field(LinkSpec.getDescriptor(),
        "conditions");
    private static final FieldDescriptor LINK_ROLE = field(LinkSpec.getDescriptor(), "role");
    private static final FieldDescriptor LINK_DELTA = field(LinkSpec.getDescriptor(), "delta");

    private final String source;
    private final org.hikiwake.proto.scenario.ScenarioSpec proto;
    private final TextFormatParseInfoTree tree;
    private final List<String> problems = new ArrayList<>();

    Validation(String source, org.hikiwake.proto.scenario.ScenarioSpec proto,
        TextFormatParseInfoTree tree) {
      this.source = source;
      this.proto = proto;
      this.tree = tree;
    }

    private static FieldDescriptor field(com.google.protobuf.Descriptors.Descriptor d,
        String name) {
      return d.findFieldByName(name);
    }

    Scenario run() throws ScenarioException {
      checkId(proto.getId(), "scenario id", topLine("id"));
      if (proto.getTitle().isBlank()) {
        problem(Optional.empty(), "scenario has no title");
      }
      List<String> roleIds = checkRoles();
      int before = problems.size();
      checkIssues(roleIds);
      checkLinks(roleIds);
      // Totals need well-formed tables; a broken issue or link is reported already.
      Optional<Map<String, PointsTable>> tables = problems.size() == before
          ? Optional.of(tables()) : Optional.empty();
      tables.ifPresent(t -> checkTotals(roleIds, t));
      if (proto.getRounds() < 1 || proto.getRounds() > GameSettings.MAX_ROUNDS) {
        problem(topLine("rounds"), "rounds must be between 1 and " + GameSettings.MAX_ROUNDS
            + " but is " + proto.getRounds());
      }
      if (!roleIds.contains(proto.getFirstMover())) {
        problem(topLine("first_mover"), "first_mover '" + proto.getFirstMover()
            + "' is not one of the roles " + roleIds);
      }
      checkNews(roleIds);
      if (!problems.isEmpty()) {
        throw new ScenarioException(source, problems);
      }
      return map(tables.orElseThrow());
    }

    private List<String> checkRoles() {
      List<String> ids = new ArrayList<>();
      if (proto.getRolesCount() != 2) {
        problem(Optional.empty(), "a scenario needs exactly two roles but has "
            + proto.getRolesCount());
      }
      for (int r = 0; r < proto.getRolesCount(); r++) {
        org.hikiwake.proto.scenario.RoleSpec role = proto.getRoles(r);
        Optional<Integer> line = line(ROLES, r);
        checkId(role.getId(), "role id", line);
        if (ids.contains(role.getId())) {
          problem(line, "duplicate role id '" + role.getId() + "'");
        }
        ids.add(role.getId());
        if (role.getName().isBlank()) {
          problem(line, "role '" + role.getId() + "' has no name");
        }
        if (role.getReservationValue() < 0
            || role.getReservationValue() >= BEST_PACKAGE_POINTS) {
          problem(line, "reservation value of role '" + role.getId()
              + "' must be at least 0 and below " + BEST_PACKAGE_POINTS + " but is "
              + role.getReservationValue());
        }
      }
      return ids;
    }

    private void checkIssues(List<String> roleIds) {
      if (proto.getIssuesCount() == 0) {
        problem(Optional.empty(), "a scenario needs at least one issue");
      }
      Set<String> issueIds = new HashSet<>();
      long packages = 1;
      for (int i = 0; i < proto.getIssuesCount(); i++) {
        org.hikiwake.proto.scenario.IssueSpec issue = proto.getIssues(i);
        Optional<Integer> issueLine = line(ISSUES, i);
        checkId(issue.getId(), "issue id", issueLine);
        if (!issueIds.add(issue.getId())) {
          problem(issueLine, "duplicate issue id '" + issue.getId() + "'");
        }
        if (issue.getOptionsCount() < 2 || issue.getOptionsCount() > MAX_OPTIONS) {
          problem(issueLine, "issue '" + issue.getId() + "' needs 2 to " + MAX_OPTIONS
              + " options but has " + issue.getOptionsCount());
        }
        // Once past the limit, stop counting: one problem is enough, and many
        // more issues would overflow the count.
        if (packages <= MAX_PACKAGES) {
          packages *= Math.max(1, issue.getOptionsCount());
          if (packages > MAX_PACKAGES) {
            problem(issueLine, "with issue '" + issue.getId() + "' the scenario has "
                + packages + " packages (the product of the issues' option counts so far)"
                + " but the analysis enumerates at most " + MAX_PACKAGES);
          }
        }
        Set<String> optionIds = new HashSet<>();
        for (int o = 0; o < issue.getOptionsCount(); o++) {
          org.hikiwake.proto.scenario.OptionSpec option = issue.getOptions(o);
          Optional<Integer> optionLine = nestedLine(ISSUES, i, OPTIONS, o);
          String name = issue.getId() + "/" + option.getId();
          checkId(option.getId(), "option id", optionLine);
          if (!optionIds.add(option.getId())) {
            problem(optionLine, "duplicate option id '" + option.getId() + "' in issue '"
                + issue.getId() + "'");
          }
          if (option.getLabel().isBlank()) {
            problem(optionLine, "option " + name + " has no label");
          }
          Map<String, Integer> seen = new LinkedHashMap<>();
          for (RolePoints rp : option.getPointsList()) {
            if (!roleIds.contains(rp.getRole())) {
              problem(optionLine, "option " + name + " gives points to unknown role '"
                  + rp.getRole() + "'");
            } else if (seen.containsKey(rp.getRole())) {
              problem(optionLine, "option " + name + " gives points to role '" + rp.getRole()
                  + "' twice");
            } else if (rp.getValue() < 0 || rp.getValue() > BEST_PACKAGE_POINTS) {
              problem(optionLine, "option " + name + " gives role '" + rp.getRole() + "' "
                  + rp.getValue() + " points; points must be between 0 and "
                  + BEST_PACKAGE_POINTS);
            }
            seen.putIfAbsent(rp.getRole(), rp.getValue());
          }
          for (String role : roleIds) {
            if (!seen.containsKey(role)) {
              problem(optionLine, "option " + name + " has no points for role '" + role + "'");
            }
          }
        }
      }
    }

    private void checkLinks(List<String> roleIds) {
      Set<String> linkIds = new HashSet<>();
      for (int l = 0; l < proto.getLinksCount(); l++) {
        LinkSpec link = proto.getLinks(l);
        Optional<Integer> linkLine = line(LINKS, l);
        String where = "link '" + link.getId() + "'";
        checkId(link.getId(), "link id", linkLine);
        if (!linkIds.add(link.getId())) {
          problem(linkLine, "duplicate link id '" + link.getId() + "'");
        }
        if (l == MAX_LINKS) {
          problem(linkLine, where + " is link number " + (l + 1) + " but a scenario may have at"
              + " most " + MAX_LINKS + " links");
        }
        if (!roleIds.contains(link.getRole())) {
          problem(fieldLine(LINKS, l, LINK_ROLE), where + " names unknown role '"
              + link.getRole() + "'");
        }
        if (link.getDelta() == 0 || Math.abs(link.getDelta()) > MAX_DELTA) {
          problem(fieldLine(LINKS, l, LINK_DELTA), where + " has delta " + link.getDelta()
              + "; a link's delta must be non-zero and between -" + MAX_DELTA + " and "
              + MAX_DELTA);
        }
        Set<String> issues = new HashSet<>();
        for (int c = 0; c < link.getConditionsCount(); c++) {
          LinkCondition condition = link.getConditions(c);
          Optional<Integer> conditionLine = nestedLine(LINKS, l, CONDITIONS, c);
          if (!issues.add(condition.getIssue())) {
            problem(conditionLine, where + " has a condition on issue '" + condition.getIssue()
                + "' twice");
            continue;
          }
          Optional<IssueSpec> issue = issueSpec(condition.getIssue());
          if (issue.isEmpty()) {
            problem(conditionLine, where + " names unknown issue '" + condition.getIssue()
                + "'");
            continue;
          }
          checkConditionOptions(where, conditionLine, condition, issue.get());
        }
        if (issues.size() < 2) {
          problem(linkLine, where + " needs conditions on at least two issues but has "
              + issues.size());
        }
      }
    }

    private void checkConditionOptions(String where, Optional<Integer> line,
        LinkCondition condition, IssueSpec issue) {
      if (condition.getOptionsCount() == 0) {
        problem(line, where + " has a condition on issue '" + issue.getId()
            + "' with no options");
        return;
      }
      Set<String> named = new HashSet<>();
      for (String option : condition.getOptionsList()) {
        if (!named.add(option)) {
          problem(line, where + " names option '" + option + "' twice");
        } else if (issue.getOptionsList().stream().noneMatch(o -> o.getId().equals(option))) {
          problem(line, where + " names unknown option '" + option + "' of issue '"
              + issue.getId() + "'");
        }
      }
      if (named.size() == issue.getOptionsCount()) {
        problem(line, where + " names every option of issue '" + issue.getId()
            + "', so that condition always holds; leave it out");
      }
    }

    /** Best package exactly 100, over packages, links included. */
    private void checkTotals(List<String> roleIds, Map<String, PointsTable> tables) {
      tables.forEach((role, table) -> {
        Optional<Integer> roleLine = line(ROLES, roleIds.indexOf(role));
        int best = table.bestTotal();
        if (best != BEST_PACKAGE_POINTS) {
          problem(roleLine, "the best package of role '" + role + "' is worth " + best
              + " points but must be worth exactly " + BEST_PACKAGE_POINTS
              + " (the most any package scores, its options' points and its links together)");
        }
      });
    }

    private Optional<IssueSpec> issueSpec(String issueId) {
      return proto.getIssuesList().stream().filter(i -> i.getId().equals(issueId)).findFirst();
    }

    private void checkNews(List<String> roleIds) {
      Set<String> newsIds = new HashSet<>();
      for (int n = 0; n < proto.getNewsCount(); n++) {
        NewsSpec news = proto.getNews(n);
        Optional<Integer> newsLine = line(NEWS, n);
        checkId(news.getId(), "news id", newsLine);
        if (!newsIds.add(news.getId())) {
          problem(newsLine, "duplicate news id '" + news.getId() + "'");
        }
        if (news.getRound() < 1 || news.getRound() > proto.getRounds()) {
          problem(newsLine, "news '" + news.getId() + "' arrives in round " + news.getRound()
              + " but the scenario has rounds 1 to " + proto.getRounds());
        }
        if (news.getHeadline().isBlank()) {
          problem(newsLine, "news '" + news.getId() + "' has no headline");
        }
        for (int c = 0; c < news.getPointChangesCount(); c++) {
          org.hikiwake.proto.scenario.PointChangeSpec change = news.getPointChanges(c);
          Optional<Integer> changeLine = nestedLine(NEWS, n, CHANGES, c);
          String where = "point change of news '" + news.getId() + "'";
          if (!roleIds.contains(change.getRole())) {
            problem(changeLine, where + " names unknown role '" + change.getRole() + "'");
          }
          if (Math.abs(change.getDelta()) > MAX_DELTA) {
            problem(changeLine, where + " has delta " + change.getDelta()
                + "; a news delta must be between -" + MAX_DELTA + " and " + MAX_DELTA);
          }
          Optional<IssueSpec> issue = issueSpec(change.getIssue());
          if (issue.isEmpty()) {
            problem(changeLine, where + " names unknown issue '" + change.getIssue() + "'");
          } else if (issue.get().getOptionsList().stream()
              .noneMatch(o -> o.getId().equals(change.getOption()))) {
            problem(changeLine, where + " names unknown option '" + change.getOption()
                + "' of issue '" + change.getIssue() + "'");
          }
        }
        for (int k = 0; k < news.getPrivateNotesCount(); k++) {
          RoleNote note = news.getPrivateNotes(k);
          if (!roleIds.contains(note.getRole())) {
            problem(nestedLine(NEWS, n, NOTES, k), "private note of news '" + news.getId()
                + "' names unknown role '" + note.getRole() + "'");
          }
        }
      }
    }

    private void checkId(String id, String what, Optional<Integer> line) {
      if (!ID.matcher(id).matches()) {
        problem(line, what + " '" + id + "' must be 1 to 64 lower-case letters, digits, '-'"
            + " or '_', starting with a letter or digit");
      }
    }

    private void problem(Optional<Integer> line, String message) {
      problems.add(line.map(l -> source + ":" + l).orElse(source) + ": " + message);
    }

    private Optional<Integer> topLine(String fieldName) {
      FieldDescriptor f = field(org.hikiwake.proto.scenario.ScenarioSpec.getDescriptor(),
          fieldName);
      if (tree == null || tree.getLocations(f).isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(tree.getLocation(f, 0).getLine() + 1);
    }

    private Optional<Integer> line(FieldDescriptor field, int index) {
      if (tree == null || tree.getLocations(field).size() <= index) {
        return Optional.empty();
      }
      TextFormatParseLocation loc = tree.getLocation(field, index);
      return Optional.of(loc.getLine() + 1);
    }

    /** The line of a single field of a repeated message, else the message's own line. */
    private Optional<Integer> fieldLine(FieldDescriptor outer, int outerIndex,
        FieldDescriptor inner) {
      return nestedLine(outer, outerIndex, inner, 0);
    }

    private Optional<Integer> nestedLine(FieldDescriptor outer, int outerIndex,
        FieldDescriptor inner, int innerIndex) {
      if (tree == null || tree.getNestedTrees(outer).size() <= outerIndex) {
        return line(outer, outerIndex);
      }
      TextFormatParseInfoTree nested = tree.getNestedTree(outer, outerIndex);
      if (nested.getLocations(inner).size() <= innerIndex) {
        return line(outer, outerIndex);
      }
      return Optional.of(nested.getLocation(inner, innerIndex).getLine() + 1);
    }

    /** Each role's points table, options and links; only for well-formed issues and links. */
    private Map<String, PointsTable> tables() {
      Map<String, Map<String, Map<String, Integer>>> points = new LinkedHashMap<>();
      Map<String, List<Link>> links = new LinkedHashMap<>();
      for (org.hikiwake.proto.scenario.RoleSpec r : proto.getRolesList()) {
        points.put(r.getId(), new LinkedHashMap<>());
        links.put(r.getId(), new ArrayList<>());
      }
      for (IssueSpec i : proto.getIssuesList()) {
        points.values().forEach(table -> table.put(i.getId(), new LinkedHashMap<>()));
        for (org.hikiwake.proto.scenario.OptionSpec o : i.getOptionsList()) {
          for (RolePoints rp : o.getPointsList()) {
            points.get(rp.getRole()).get(i.getId()).put(o.getId(), rp.getValue());
          }
        }
      }
      for (LinkSpec l : proto.getLinksList()) {
        Map<String, List<String>> conditions = new LinkedHashMap<>();
        l.getConditionsList().forEach(c -> conditions.put(c.getIssue(), c.getOptionsList()));
        links.get(l.getRole()).add(Link.of(l.getId(), conditions, l.getDelta(), l.getNote()));
      }
      Map<String, PointsTable> tables = new LinkedHashMap<>();
      points.forEach((role, table) -> tables.put(role, PointsTable.of(table, links.get(role))));
      return tables;
    }

    private Scenario map(Map<String, PointsTable> tables) {
      ImmutableList.Builder<Role> roles = ImmutableList.builder();
      for (org.hikiwake.proto.scenario.RoleSpec r : proto.getRolesList()) {
        roles.add(new Role(r.getId(), r.getName(), r.getBrief(), r.getReservationValue()));
      }
      ImmutableList.Builder<Issue> issues = ImmutableList.builder();
      for (IssueSpec i : proto.getIssuesList()) {
        List<Option> options = new ArrayList<>();
        for (org.hikiwake.proto.scenario.OptionSpec o : i.getOptionsList()) {
          options.add(new Option(o.getId(), o.getLabel(), o.getDescription()));
        }
        issues.add(Issue.of(i.getId(), i.getName(), i.getDescription(), options));
      }
      ImmutableList.Builder<News> news = ImmutableList.builder();
      for (NewsSpec n : proto.getNewsList()) {
        List<PointChange> changes = new ArrayList<>();
        for (org.hikiwake.proto.scenario.PointChangeSpec c : n.getPointChangesList()) {
          changes.add(new PointChange(c.getRole(), c.getIssue(), c.getOption(), c.getDelta()));
        }
        Map<String, String> notes = new LinkedHashMap<>();
        for (RoleNote note : n.getPrivateNotesList()) {
          notes.merge(note.getRole(), note.getText(), (a, b) -> a + "\n" + b);
        }
        news.add(News.of(n.getId(), (int) n.getRound(), n.getHeadline(), n.getText(), changes,
            notes));
      }
      return new Scenario(proto.getId(), proto.getTitle(), proto.getBackground(),
          roles.build(), issues.build(), ImmutableMap.copyOf(tables), (int) proto.getRounds(),
          proto.getFirstMover(), news.build());
    }
  }
}
