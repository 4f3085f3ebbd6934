package org.hikiwake.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hikiwake.server.HonestGame.FOUR_ISLANDS;
import static org.hikiwake.server.HonestGame.NASH;
import static org.hikiwake.server.web.ScriptedClass.expectDone;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.awaitility.core.ConditionFactory;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.server.HikiwakeServer;
import org.hikiwake.server.ServerConfig;
import org.hikiwake.server.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in a real browser: Debian's headless Chromium, driven by
 * Selenium, against a real server with scripted students on the protobuf
 * protocol. Skipped, saying why, where no Chromium is installed. Saves
 * screenshots of the live view and the debrief under target/screenshots.
 */
class DashboardBrowserTest {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static WebDriver driver;
  private static Path profile;

  private HikiwakeServer server;
  private ScriptedClass scripted;

  @BeforeAll
  static void browser() throws IOException {
    Optional<Path> chromium = installed(System.getenv("CHROME_BIN"), "/usr/bin/chromium",
        "/usr/bin/chromium-browser");
    Optional<Path> chromedriver = installed(System.getenv("CHROMEDRIVER"),
        "/usr/bin/chromedriver");
    String missing = "no Chromium found (install Debian's packages: apt-get install"
        + " chromium chromium-driver; or set CHROME_BIN and CHROMEDRIVER)";
    if (Boolean.parseBoolean(System.getenv("HIKIWAKE_REQUIRE_BROWSER"))) {
      // CI installs Chromium; there a missing browser is a failure, not a skip
      org.assertj.core.api.Assertions.assertThat(chromium.isPresent() && chromedriver.isPresent())
          .as(missing).isTrue();
    }
    assumeTrue(chromium.isPresent() && chromedriver.isPresent(), "Skipping the dashboard's"
        + " browser tests: " + missing);
    profile = Files.createTempDirectory("hikiwake-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.get().toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-dev-shm-usage", "--window-size=1280,720",
        "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromedriver.get().toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    // the window's size less its frame: make the page itself 1280x720, a projector's
    long inner = (Long) ((org.openqa.selenium.JavascriptExecutor) driver)
        .executeScript("return window.innerHeight");
    org.openqa.selenium.Dimension outer = driver.manage().window().getSize();
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280,
        outer.getHeight() + (720 - (int) inner)));
    Files.createDirectories(SCREENSHOTS);
  }

  private static Optional<Path> installed(String... candidates) {
    return Stream.of(candidates).filter(c -> c != null && !c.isBlank()).map(Path::of)
        .filter(Files::isExecutable).findFirst();
  }

  @AfterAll
  static void closeBrowser() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile)
            .forEach(File::delete);
      }
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = HikiwakeServer.start(ServerConfig.defaults().withPort(0).withDurable(false)
        .withMessageRate(1000, 1000));
  }

  @AfterEach
  void stop() {
    if (scripted != null) {
      scripted.close();
    }
    server.close();
  }

  private static ConditionFactory waiting() {
    return await().atMost(Duration.ofSeconds(15)).ignoreExceptions();
  }

  /** Opens the link the instructor was given and waits until the page is live. */
  private void open(String dashboardPath, String query) {
    int hash = dashboardPath.indexOf('#');
    driver.get("http://127.0.0.1:" + server.port() + dashboardPath.substring(0, hash) + query
        + dashboardPath.substring(hash));
    waiting().until(() -> "live".equals(conn().getAttribute("data-state")));
  }

  private static WebElement conn() {
    return driver.findElement(By.id("conn"));
  }

  private static WebElement card(int pair) {
    return driver.findElement(By.cssSelector(".card[data-pair='" + pair + "']"));
  }

  private static String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  private static void confirm(String button) {
    driver.findElement(By.id(button)).click();
    waiting().until(() -> driver.findElement(By.id("confirm")).isDisplayed());
    driver.findElement(By.id("confirm-yes")).click();
  }

  private static void screenshot(String name) throws IOException {
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void liveView_showsAMoveWithinASecond_withoutAReload() throws Exception {
    scripted = ScriptedClass.start(server, "Aiko Tanaka", "Boris Ivanov", "Carla Rossi",
        "Dmitri Petrov", "Emi Sato", "Fyodor Orlov", "Grace Hopper", "Hiro Nakamura");
    open(scripted.dashboardPath, "");
    waiting().until(() -> driver.findElements(By.cssSelector(".card")).size() == 4);
    assertThat(card(1).getText()).contains("No offer yet").contains("Japan to move");
    // a mark in this document: a reload would lose it
    ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.hikiwakeMark = 42");

    expectDone(scripted.japan(1).propose(NASH));

    await().atMost(Duration.ofSeconds(1)).ignoreExceptions()
        .until(() -> card(1).getText().contains("joint 139"));
    assertThat(card(1).getText()).contains("Japan 57").contains("Russia 82")
        .contains("Russia to move");
    assertThat(((org.openqa.selenium.JavascriptExecutor) driver)
        .executeScript("return window.hikiwakeMark")).isEqualTo(42L);

    // a room in mid-class, for the screenshot: a deal, an ambitious offer, a lost laptop
    expectDone(scripted.japan(2).propose(NASH));
    scripted.russia(2).awaitEvent(e -> e.hasTurnChanged()
        && e.getTurnChanged().getRole().equals("russia"));
    expectDone(scripted.russia(2).accept());
    expectDone(scripted.japan(3).propose(FOUR_ISLANDS));
    scripted.japan(4).close();
    waiting().until(() -> card(2).getText().contains("AGREEMENT")
        && card(3).getText().contains("On the table")
        && card(4).getText().contains("disconnected"));
    assertThat(driver.findElement(By.id("s-deals")).getText()).isEqualTo("1");
    assertThat(driver.findElement(By.id("s-disconnected")).getText()).isEqualTo("1");
    screenshot("dashboard-live.png");
  }

  @Test
  void controlClickedInThePage_asksFirst_thenReachesEveryGame() throws Exception {
    scripted = ScriptedClass.start(server, "Aiko", "Boris", "Carla", "Dmitri");
    open(scripted.dashboardPath, "");
    waiting().until(() -> driver.findElements(By.cssSelector(".card")).size() == 2);

    // cancelling changes nothing
    driver.findElement(By.id("btn-end")).click();
    waiting().until(() -> driver.findElement(By.id("confirm")).isDisplayed());
    assertThat(driver.findElement(By.id("confirm-text")).getText())
        .contains("End all 2 running games");
    driver.findElement(By.id("confirm-no")).click();

    confirm("btn-pause");

    for (TestClient s : scripted.students.values()) {
      s.awaitEvent(EventView::hasPaused);
    }
    waiting().until(() -> driver.findElement(By.id("control-result")).getText()
        .contains("Pause: 2 games"));
    waiting().until(() -> card(1).getText().contains("PAUSED") && card(2).getText()
        .contains("PAUSED"));
    assertThat(scripted.board().getGamesList()).allSatisfy(g -> {
      assertThat(g.getPaused()).isTrue();
      assertThat(g.getPhase().name()).isEqualTo("GAME_PHASE_IN_PROGRESS");
    });

    confirm("btn-release");
    for (TestClient s : scripted.students.values()) {
      s.awaitEvent(EventView::hasNewsArrived);
    }
    waiting().until(() -> driver.findElement(By.id("banner")).getText()
        .startsWith("News released at"));
  }

  @Test
  void projectorMode_showsNoNamesAndNoPoints() throws Exception {
    scripted = ScriptedClass.start(server, "Aiko Tanaka", "Boris Ivanov", "Carla Rossi",
        "Dmitri Petrov");
    expectDone(scripted.japan(1).propose(NASH));
    open(scripted.dashboardPath, "");
    waiting().until(() -> card(1).getText().contains("joint 139"));
    assertThat(text()).contains("Aiko Tanaka");

    driver.findElement(By.id("projector")).click();

    waiting().until(() -> card(1).getText().contains("Pair 1 Japan"));
    List<String> secret = new java.util.ArrayList<>(scripted.students.keySet());
    scripted.games.forEach(g -> secret.add(g.code()));
    secret.addAll(List.of("joint", "139", "57", "82", "Release news", "Scores"));
    String body = text();
    assertThat(body).contains("Pair 1 Japan", "Pair 2 Russia", "An offer is on the table")
        .doesNotContain(secret);
    assertThat(driver.getPageSource()).doesNotContain(scripted.students.keySet());
    assertThat(driver.findElement(By.id("controls")).isDisplayed()).isFalse();
    // a projector opened straight into projector mode is the same
    driver.navigate().refresh();
    waiting().until(() -> card(1).getText().contains("Pair 1 Japan"));
    assertThat(driver.getCurrentUrl()).contains("view=projector");
    assertThat(text()).doesNotContain(secret);
  }

  @Test
  void debrief_showsTheClassOnTheUtilityPlaneAsSvg_atTheEnd() throws Exception {
    scripted = ScriptedClass.start(server, "Aiko Tanaka", "Boris Ivanov", "Carla Rossi",
        "Dmitri Petrov", "Emi Sato", "Fyodor Orlov");
    expectDone(scripted.japan(1).propose(NASH));
    scripted.russia(1).awaitEvent(e -> e.hasTurnChanged()
        && e.getTurnChanged().getRole().equals("russia"));
    expectDone(scripted.russia(1).accept());
    expectDone(scripted.japan(2).propose(FOUR_ISLANDS));
    scripted.russia(2).awaitEvent(e -> e.hasTurnChanged()
        && e.getTurnChanged().getRole().equals("russia"));
    expectDone(scripted.russia(2).walkAway());
    open(scripted.dashboardPath, "");
    confirm("btn-end");
    waiting().until(() -> driver.findElement(By.id("s-deals")).getText().equals("1")
        && driver.findElement(By.id("s-nodeal")).getText().equals("2"));

    driver.findElement(By.id("tab-debrief")).click();

    waiting().until(() -> !driver.findElements(By.cssSelector("#plane svg")).isEmpty()
        && driver.findElement(By.id("debrief-status")).getText().contains("drawn at"));
    assertThat(driver.findElement(By.cssSelector("#plane svg")).getText())
        .contains("Pareto frontier").contains("Pair 1");
    List<WebElement> tables = driver.findElements(By.cssSelector("#within-role table"));
    assertThat(tables).hasSize(2);
    assertThat(tables.get(0).getText()).contains("Japan, within the role")
        .contains("Aiko Tanaka").contains("agreement");
    assertThat(driver.findElement(By.id("dl-csv")).getAttribute("href"))
        .endsWith("/class/" + scripted.code + "/debrief/class.csv?download=1");
    assertThat(driver.findElement(By.id("dl-svg")).getAttribute("href"))
        .endsWith("/debrief/class.svg?download=1");
    screenshot("dashboard-debrief.png");

    // in projector mode the table comes without names or scores: the page never holds them
    driver.findElement(By.id("projector")).click();
    waiting().until(() -> driver.findElement(By.tagName("body")).getAttribute("class")
        .contains("projector"));
    driver.findElement(By.id("btn-redraw")).click();
    waiting().until(() -> {
      List<WebElement> shown = driver.findElements(By.cssSelector("#within-role table"));
      return shown.size() == 2 && !shown.get(0).getText().contains("Aiko Tanaka");
    });
    String projected = driver.findElement(By.id("within-role")).getText();
    assertThat(projected).contains("Japan, within the role").contains("agreement")
        .doesNotContain("Boris Ivanov").doesNotContain("Carla Rossi");
  }

  @Test
  void page_reconnectsByItself_andSaysSo() throws Exception {
    scripted = ScriptedClass.start(server, "Aiko", "Boris");
    open(scripted.dashboardPath, "");
    waiting().until(() -> driver.findElements(By.cssSelector(".card")).size() == 1);

    // every live page is told the server is going away; it comes back to the same server
    server.dashboard().close();

    waiting().until(() -> "reconnected".equals(conn().getAttribute("data-state")));
    assertThat(conn().getText()).startsWith("Reconnected at");
    expectDone(scripted.japan(1).propose(NASH));
    waiting().until(() -> card(1).getText().contains("joint 139"));

    // a real restart on the same port: the page finds the new server by itself (the
    // class itself survives a restart only once classes are kept in the database store)
    int port = server.port();
    scripted.close();
    scripted = null;
    server.close();
    waiting().until(() -> List.of("lost", "no-class").contains(conn().getAttribute(
        "data-state")));
    server = HikiwakeServer.start(ServerConfig.defaults().withPort(port).withDurable(false));
    waiting().until(() -> "no-class".equals(conn().getAttribute("data-state")));
    assertThat(conn().getText()).contains("The server answers");
  }
}
