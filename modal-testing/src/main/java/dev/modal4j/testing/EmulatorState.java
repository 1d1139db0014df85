package dev.modal4j.testing;

import dev.modal4j.testing.internal.Jwts;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the areas of one emulator share: the workspace's apps and environments, faults, the clock,
 * the token issuer, timers and the emulator's address. Areas receive it when the emulator builds
 * them (see {@link ModalEmulator.Builder#addAreaFactory}).
 */
public final class EmulatorState {
  private static final String ID_ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private final Clock clock;
  private final Duration tokenLifetime;
  private final Faults faults;
  private final EmulatorStats stats;
  private final Jwts jwts;
  private final Environments environments;
  private final AppRegistry apps;
  private final Random ids;
  private final ScheduledExecutorService scheduler;
  private final Executor executor;
  private final dev.modal4j.testing.logs.AppLogs logs;
  private volatile String url;

  EmulatorState(
      Clock clock,
      Duration tokenLifetime,
      long seed,
      EmulatorStats stats,
      ScheduledExecutorService scheduler,
      Executor executor) {
    this.clock = clock;
    this.tokenLifetime = tokenLifetime;
    this.faults = new Faults(seed);
    this.stats = stats;
    this.jwts = new Jwts(clock);
    this.ids = new Random(seed);
    this.environments = new Environments(clock, () -> newId("en"));
    this.apps = new AppRegistry(environments, clock, () -> newId("ap"));
    this.scheduler = scheduler;
    this.executor = executor;
    this.logs = new dev.modal4j.testing.logs.AppLogs(clock);
  }

  /** The apps' logs: what sandbox entrypoints and function handlers wrote. */
  public dev.modal4j.testing.logs.AppLogs logs() {
    return logs;
  }

  /** The emulator's clock (token expiry, timestamps). */
  public Clock clock() {
    return clock;
  }

  /** How long issued auth tokens live. */
  public Duration tokenLifetime() {
    return tokenLifetime;
  }

  /** The emulator's fault injection settings. */
  public Faults faults() {
    return faults;
  }

  /** The emulator's call statistics. */
  public EmulatorStats stats() {
    return stats;
  }

  /** Issues and verifies this emulator's JWTs. */
  public Jwts jwts() {
    return jwts;
  }

  /** The workspace's environments. */
  public Environments environments() {
    return environments;
  }

  /** The workspace's apps. */
  public AppRegistry apps() {
    return apps;
  }

  /** A single timer thread: schedule timeouts and wake-ups here, never blocking work. */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** The emulator's worker pool, for work that may block; shut down by the emulator. */
  public Executor executor() {
    return executor;
  }

  /**
   * The emulator's loopback URL, {@code http://127.0.0.1:<port>}.
   *
   * @throws IllegalStateException before the emulator has started
   */
  public String url() {
    String u = url;
    if (u == null) {
      throw new IllegalStateException("the emulator has not started yet");
    }
    return u;
  }

  /** A new object id such as {@code ap-0Fz...}: the prefix, a dash and 22 letters or digits. */
  public String newId(String prefix) {
    StringBuilder id = new StringBuilder(prefix.length() + 23).append(prefix).append('-');
    for (int i = 0; i < 22; i++) {
      id.append(ID_ALPHABET.charAt(ids.nextInt(ID_ALPHABET.length())));
    }
    return id.toString();
  }

  void url(String url) {
    this.url = url;
  }
}
