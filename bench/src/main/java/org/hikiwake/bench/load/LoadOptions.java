package org.hikiwake.bench.load;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The benchmark's command line.
 *
 * @param connections client connections in the load runs (two per game)
 * @param seconds measurement window of each load run
 * @param warmup seconds of load before each window
 * @param windows windows measured per load run; the one least disturbed by other processes
 *     is kept
 * @param rate target offers per second; 0 for as fast as the clients can go
 * @param halfRate after each as-fast-as-possible run, run again at half the rate it reached
 * @param phases the parts to run
 * @param rounds rounds per game in the load runs
 * @param clientThreads threads of the clients' event loop group
 * @param idleConnections connections held in the idle-connection measurement
 * @param parkedGames games held in the heap and restart measurements
 * @param parkedOffers offers made in each of those games before it is left idle
 * @param serverLog log level for the server (and Netty) while the benchmark runs
 * @param writeResults whether to write the summary into bench/RESULTS.md
 * @param quick whether this is the short run
 */
record LoadOptions(int connections, int seconds, int warmup, int windows, double rate,
    boolean halfRate, Set<String> phases, int rounds, int clientThreads, int idleConnections,
    int parkedGames, int parkedOffers, String serverLog, boolean writeResults, boolean quick,
    int soakGames, int abusers) {

  static final List<String> ALL_PHASES =
      List.of("durable", "noop", "echo", "heap", "restart", "idle", "soak", "abuse");

  static final String USAGE = String.join("\n",
      "usage: LoadBenchmark [--quick] [--connections=N] [--seconds=S] [--warmup=S] [--windows=N]",
      "         [--rate=R]",
      "         [--no-half-rate] [--skip-echo] [--only=durable,noop,echo,heap,restart,idle]",
      "         [--rounds=N] [--client-threads=N] [--idle-connections=N] [--parked-games=N]",
      "         [--parked-offers=N] [--soak-games=N] [--abusers=N] [--server-log=WARN]",
      "         [--no-results]",
      "  --connections    client connections, two per game (default 2000)",
      "  --seconds        measurement window per load run (default 10; quick 2)",
      "  --warmup         load before each window (default 3; quick 1)",
      "  --windows        windows per load run, back to back; the one in which other processes",
      "                   used the least CPU is kept (default 1; use 3 on a shared machine)",
      "  --rate           target offers/s over all games; 0 = as fast as possible (default 0)",
      "  --no-half-rate   skip the second run at half the peak rate",
      "  --skip-echo      skip the bare Netty echo ceiling",
      "  --only           run only these phases",
      "  --soak-games     games played to their end for the finished-games heap (100000)",
      "  --abusers        abusive connections in the abuse run (default 32)",
      "  --quick          short run, about a minute and a half");

  LoadOptions {
    checkArgument(connections >= 2 && connections % 2 == 0,
        "connections must be an even number >= 2 but was %s", connections);
    checkArgument(seconds >= 1, "seconds must be >= 1 but was %s", seconds);
    checkArgument(warmup >= 0, "warmup must be >= 0 but was %s", warmup);
    checkArgument(windows >= 1, "windows must be >= 1 but was %s", windows);
    checkArgument(rate >= 0, "rate must be >= 0 but was %s", rate);
    checkArgument(rounds >= 2 && rounds <= 100, "rounds must be in [2, 100] but was %s", rounds);
    checkArgument(clientThreads >= 1, "client threads must be >= 1 but was %s", clientThreads);
    checkArgument(parkedOffers >= 1 && parkedOffers < 2 * rounds,
        "parked offers must be in [1, %s) but was %s", 2 * rounds, parkedOffers);
  }

  static LoadOptions parse(String... args) {
    boolean quick = List.of(args).contains("--quick");
    int connections = 2000;
    int seconds = quick ? 2 : 10;
    int warmup = quick ? 1 : 3;
    int windows = 1;
    double rate = 0;
    boolean halfRate = true;
    Set<String> phases = new LinkedHashSet<>(ALL_PHASES);
    int rounds = 100;
    int clientThreads = 2;
    int idle = 10_000;
    int parkedGames = 1_000;
    int parkedOffers = 10;
    String serverLog = "WARN";
    boolean write = true;
    int soakGames = quick ? 5_000 : 100_000;
    int abusers = quick ? 8 : 32;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      switch (name) {
        case "--quick":
          break;
        case "--no-half-rate":
          halfRate = false;
          break;
        case "--skip-echo":
          phases.remove("echo");
          break;
        case "--no-results":
          write = false;
          break;
        case "--help":
        case "-h":
          throw new IllegalArgumentException(USAGE);
        default:
          if (value == null) {
            checkArgument(i + 1 < args.length, "%s needs a value\n%s", name, USAGE);
            value = args[++i];
          }
          switch (name) {
            case "--connections":
              connections = Integer.parseInt(value);
              break;
            case "--seconds":
              seconds = Integer.parseInt(value);
              break;
            case "--warmup":
              warmup = Integer.parseInt(value);
              break;
            case "--windows":
              windows = Integer.parseInt(value);
              break;
            case "--rate":
              rate = Double.parseDouble(value);
              break;
            case "--only":
              phases.clear();
              for (String p : value.split(",")) {
                checkArgument(ALL_PHASES.contains(p.strip()), "unknown phase '%s'; phases: %s",
                    p, ALL_PHASES);
                phases.add(p.strip());
              }
              break;
            case "--rounds":
              rounds = Integer.parseInt(value);
              break;
            case "--client-threads":
              clientThreads = Integer.parseInt(value);
              break;
            case "--idle-connections":
              idle = Integer.parseInt(value);
              break;
            case "--parked-games":
              parkedGames = Integer.parseInt(value);
              break;
            case "--parked-offers":
              parkedOffers = Integer.parseInt(value);
              break;
            case "--soak-games":
              soakGames = Integer.parseInt(value);
              break;
            case "--abusers":
              abusers = Integer.parseInt(value);
              break;
            case "--server-log":
              serverLog = value;
              break;
            default:
              throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
          }
      }
    }
    if (rate > 0) {
      halfRate = false;
    }
    return new LoadOptions(connections, seconds, warmup, windows, rate, halfRate,
        Set.copyOf(phases), rounds, clientThreads, idle, parkedGames, parkedOffers, serverLog,
        write, quick, soakGames, abusers);
  }

  boolean runs(String phase) {
    return phases.contains(phase);
  }
}
