package dev.modal4j.testing;

import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for reliability tests, deterministic for a seed.
 *
 * <p>RPC-level faults apply to calls as they arrive: an error status at some rate, added latency,
 * and server throttling ({@code RESOURCE_EXHAUSTED} with an {@code RPCRetryPolicy} detail). Rules
 * are keyed by bare RPC name ({@code "FunctionGetOutputs"}) or {@code "*"} for every RPC; a rule
 * for the RPC itself takes precedence over the {@code "*"} rule of the same kind.
 *
 * <p>A lost response ({@link #loseResponses}) is the one RPC fault applied after the request has
 * been served: the server did the work and the client only sees UNAVAILABLE.
 *
 * <p>Result-level knobs ({@link #internalFailureRate}, {@link #lostInputRate}, {@link
 * #dropStreamRate}) are read by the areas that produce results. Every random decision draws from a
 * stream named by its purpose (for RPC faults, the RPC name) and seeded from the emulator's seed,
 * so the same calls in the same order per stream give the same faults.
 *
 * <pre>{@code
 * emulator.faults().failRpc("*", 0.05, Status.Code.UNAVAILABLE).internalFailureRate(0.02);
 * }</pre>
 */
public final class Faults {
  /** The rule key that applies to every RPC. */
  public static final String ALL_RPCS = "*";

  record Failure(double rate, Status.Code code) {}

  record Latency(double rate, Duration latency) {}

  record Throttle(double rate, Duration retryAfter) {}

  /**
   * What to do to one call: wait {@code latency}, then fail with {@code failure} if non-null;
   * otherwise serve it, and if {@code loseResponse} replace its response with UNAVAILABLE.
   */
  record Decision(Duration latency, Status failure, Duration retryAfter, boolean loseResponse) {
    Decision(Duration latency, Status failure, Duration retryAfter) {
      this(latency, failure, retryAfter, false);
    }
  }

  private final long seed;
  private final Map<String, Random> streams = new ConcurrentHashMap<>();
  private final Map<String, Failure> failures = new ConcurrentHashMap<>();
  private final Map<String, Latency> latencies = new ConcurrentHashMap<>();
  private final Map<String, Throttle> throttles = new ConcurrentHashMap<>();
  private final Map<String, Double> lostResponses = new ConcurrentHashMap<>();
  private volatile double internalFailureRate;
  private volatile double lostInputRate;
  private volatile double dropStreamRate;
  private final AtomicInteger execOutputDrops = new AtomicInteger();
  private volatile long execOutputDropBytes = -1;
  private final AtomicInteger routerAuthFailures = new AtomicInteger();

  Faults(long seed) {
    this.seed = seed;
  }

  /** The seed every random stream derives from. */
  public long seed() {
    return seed;
  }

  /** Fails a fraction {@code rate} of calls to {@code rpc} (or {@code "*"}) with {@code code}. */
  public Faults failRpc(String rpc, double rate, Status.Code code) {
    if (code == null || code == Status.Code.OK) {
      throw new IllegalArgumentException("code must be an error code, got " + code);
    }
    failures.put(checkRpc(rpc), new Failure(checkRate(rate), code));
    return this;
  }

  /** Delays every call to {@code rpc} (or {@code "*"}) by {@code latency} before serving it. */
  public Faults addLatency(String rpc, Duration latency) {
    return addLatency(rpc, latency, 1.0);
  }

  /** Delays a fraction {@code rate} of calls to {@code rpc} (latency spikes). */
  public Faults addLatency(String rpc, Duration latency, double rate) {
    latencies.put(checkRpc(rpc), new Latency(checkRate(rate), checkDuration(latency)));
    return this;
  }

  /**
   * Throttles a fraction {@code rate} of calls to {@code rpc}: they fail with RESOURCE_EXHAUSTED
   * and an {@code RPCRetryPolicy} detail asking the client to retry after {@code retryAfter}.
   */
  public Faults throttle(String rpc, double rate, Duration retryAfter) {
    throttles.put(checkRpc(rpc), new Throttle(checkRate(rate), checkDuration(retryAfter)));
    return this;
  }

  /**
   * Loses the response of a fraction {@code rate} of unary calls to {@code rpc} (or {@code "*"}):
   * the emulator serves the request completely (its effects happen), then the client gets
   * UNAVAILABLE instead of the response, as when a connection drops on the way back. A client that
   * retries without an idempotency key the emulator honours submits the request twice.
   */
  public Faults loseResponses(String rpc, double rate) {
    lostResponses.put(checkRpc(rpc), checkRate(rate));
    return this;
  }

  /** Sets the fraction of function results replaced by INTERNAL_FAILURE. */
  public Faults internalFailureRate(double rate) {
    internalFailureRate = checkRate(rate);
    return this;
  }

  /** The fraction of function results replaced by INTERNAL_FAILURE. */
  public double internalFailureRate() {
    return internalFailureRate;
  }

  /** Sets the fraction of input-plane inputs reported lost. */
  public Faults lostInputRate(double rate) {
    lostInputRate = checkRate(rate);
    return this;
  }

  /** The fraction of input-plane inputs reported lost. */
  public double lostInputRate() {
    return lostInputRate;
  }

  /** Sets the fraction of server streams ended with UNAVAILABLE part-way. */
  public Faults dropStreamRate(double rate) {
    dropStreamRate = checkRate(rate);
    return this;
  }

  /** The fraction of server streams ended with UNAVAILABLE part-way. */
  public double dropStreamRate() {
    return dropStreamRate;
  }

  /**
   * The seeded random stream named {@code stream} (e.g. {@code "internal-failure"}); the same name
   * always gives the same instance until {@link #clear()}.
   */
  public Random random(String stream) {
    return streams.computeIfAbsent(stream, s -> new Random(seed ^ mix(s)));
  }

  /** True with probability {@code rate}, drawn from {@link #random(String) random(stream)}. */
  public boolean roll(String stream, double rate) {
    if (rate <= 0) {
      return false;
    }
    return random(stream).nextDouble() < rate;
  }

  /** Removes every fault, zeroes the result-level rates and restarts every random stream. */
  public Faults clear() {
    failures.clear();
    latencies.clear();
    throttles.clear();
    lostResponses.clear();
    internalFailureRate = 0;
    lostInputRate = 0;
    dropStreamRate = 0;
    execOutputDrops.set(0);
    execOutputDropBytes = -1;
    routerAuthFailures.set(0);
    streams.clear();
    return this;
  }

  // Command router faults (sandboxes): counted, not random, so a test knows exactly what happens.

  /**
   * Ends the next {@code times} TaskExecStdioRead streams of the command router with UNAVAILABLE
   * once each has sent {@code bytes} bytes (every one of them before the status); a stream that
   * ends before that many bytes is not dropped and does not count. A client resuming from the
   * offset it received loses and repeats nothing.
   *
   * @param bytes bytes each dropped stream sends first, {@code >= 0}
   * @param times how many streams to drop, {@code >= 0} (0 disarms)
   * @return these faults
   */
  public Faults dropExecOutputAfter(long bytes, int times) {
    if (bytes < 0 || times < 0) {
      throw new IllegalArgumentException(
          "bytes and times must be >= 0, got " + bytes + " and " + times);
    }
    execOutputDropBytes = bytes;
    execOutputDrops.set(times);
    return this;
  }

  /**
   * Refuses the next {@code times} calls to the command router with UNAUTHENTICATED, whatever token
   * they carry, as when a router JWT has expired; a client that refreshes its token and retries
   * then succeeds.
   *
   * @param times how many calls to refuse, {@code >= 0} (0 disarms)
   * @return these faults
   */
  public Faults failRouterAuth(int times) {
    if (times < 0) {
      throw new IllegalArgumentException("times must be >= 0, got " + times);
    }
    routerAuthFailures.set(times);
    return this;
  }

  /**
   * For the command router: the byte count after which a stdio stream opened now is to be dropped,
   * or -1 when no drop is armed.
   */
  public long execOutputDropPoint() {
    return execOutputDrops.get() > 0 ? execOutputDropBytes : -1;
  }

  /** For the command router: consumes one armed stdio drop; false when none is left. */
  public boolean takeExecOutputDrop() {
    return takeOne(execOutputDrops);
  }

  /** For the command router: consumes one armed auth refusal; false when none is left. */
  public boolean takeRouterAuthFailure() {
    return routerAuthFailures.get() > 0 && takeOne(routerAuthFailures);
  }

  private static boolean takeOne(AtomicInteger counter) {
    int left;
    do {
      left = counter.get();
      if (left <= 0) {
        return false;
      }
    } while (!counter.compareAndSet(left, left - 1));
    return true;
  }

  Decision decide(String rpc) {
    Latency latency = rule(latencies, rpc);
    Throttle throttle = rule(throttles, rpc);
    Failure failure = rule(failures, rpc);
    Double lost = rule(lostResponses, rpc);
    if (latency == null && throttle == null && failure == null && lost == null) {
      return null;
    }
    String stream = "rpc:" + rpc;
    Duration delay =
        latency != null && roll(stream, latency.rate()) ? latency.latency() : Duration.ZERO;
    if (throttle != null && roll(stream, throttle.rate())) {
      Status status =
          Status.RESOURCE_EXHAUSTED.withDescription("Rate limit exceeded for " + rpc + " (fault)");
      return new Decision(delay, status, throttle.retryAfter());
    }
    if (failure != null && roll(stream, failure.rate())) {
      Status status = Status.fromCode(failure.code()).withDescription("Injected fault on " + rpc);
      return new Decision(delay, status, null);
    }
    boolean lose = lost != null && roll("lost-response:" + rpc, lost);
    return delay.isZero() && !lose ? null : new Decision(delay, null, null, lose);
  }

  private static <T> T rule(Map<String, T> rules, String rpc) {
    T specific = rules.get(rpc);
    return specific != null ? specific : rules.get(ALL_RPCS);
  }

  private static long mix(String s) {
    long h = 1125899906842597L;
    for (int i = 0; i < s.length(); i++) {
      h = 31 * h + s.charAt(i);
    }
    return h * 0x9E3779B97F4A7C15L;
  }

  private static String checkRpc(String rpc) {
    if (rpc == null || rpc.isBlank()) {
      throw new IllegalArgumentException("rpc must be an RPC name or \"*\"");
    }
    return rpc;
  }

  private static double checkRate(double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("rate must be within [0, 1], got " + rate);
    }
    return rate;
  }

  private static Duration checkDuration(Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException("duration must be zero or positive, got " + d);
    }
    return d;
  }
}
