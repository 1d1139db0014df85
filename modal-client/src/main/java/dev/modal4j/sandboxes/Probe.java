package dev.modal4j.sandboxes;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A readiness probe: how Modal decides that a sandbox is ready (see {@link
 * Sandbox#waitUntilReady(Duration)}). Either a TCP port that accepts connections, or a command that
 * exits with 0; checked every 100 ms unless told otherwise.
 */
public final class Probe {
  private static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);

  private final int tcpPort;
  private final List<String> execArgv;
  private final Duration interval;

  private Probe(int tcpPort, List<String> execArgv, Duration interval) {
    this.tcpPort = tcpPort;
    this.execArgv = execArgv;
    this.interval = interval;
  }

  /**
   * Ready when the sandbox accepts TCP connections on {@code port}.
   *
   * @throws InvalidException if the port is outside [1, 65535]
   */
  public static Probe tcp(int port) {
    return tcp(port, DEFAULT_INTERVAL);
  }

  /**
   * Ready when the sandbox accepts TCP connections on {@code port}, checked every {@code interval}.
   *
   * @throws InvalidException if the port is outside [1, 65535] or the interval not a positive
   *     number of milliseconds
   */
  public static Probe tcp(int port, Duration interval) {
    Args.notNull(interval, "interval");
    if (port <= 0 || port > 65535) {
      throw new InvalidException("Probe.tcp() expects port in [1, 65535], got " + port);
    }
    return new Probe(port, null, interval(interval, "Probe.tcp()"));
  }

  /**
   * Ready when {@code argv}, run in the sandbox, exits with 0.
   *
   * @throws InvalidException if {@code argv} is null, empty or holds null
   */
  public static Probe exec(List<String> argv) {
    return exec(argv, DEFAULT_INTERVAL);
  }

  /**
   * Ready when {@code argv}, run in the sandbox every {@code interval}, exits with 0.
   *
   * @throws InvalidException if {@code argv} is null, empty or holds null, or the interval is not a
   *     positive number of milliseconds
   */
  public static Probe exec(List<String> argv, Duration interval) {
    Args.noNullElements(argv, "argv");
    Args.notNull(interval, "interval");
    if (argv.isEmpty()) {
      throw new InvalidException("Probe.exec() requires at least one argument");
    }
    return new Probe(0, List.copyOf(argv), interval(interval, "Probe.exec()"));
  }

  private static Duration interval(Duration interval, String method) {
    Args.notNull(interval, "interval");
    if (interval.toMillis() <= 0 || interval.toMillis() > 0xFFFF_FFFFL) {
      throw new InvalidException(method + " expects interval > 0 ms, got " + interval);
    }
    return interval;
  }

  dev.modal4j.proto.Probe toProto() {
    dev.modal4j.proto.Probe.Builder b =
        dev.modal4j.proto.Probe.newBuilder().setIntervalMs((int) interval.toMillis());
    if (execArgv != null) {
      b.setExecCommand(dev.modal4j.proto.Probe.ExecCommand.newBuilder().addAllArgv(execArgv));
    } else {
      b.setTcpPort(tcpPort);
    }
    return b.build();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Probe)) {
      return false;
    }
    Probe p = (Probe) o;
    return p.tcpPort == tcpPort
        && Objects.equals(p.execArgv, execArgv)
        && p.interval.equals(interval);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tcpPort, execArgv, interval);
  }

  @Override
  public String toString() {
    return execArgv != null
        ? "Probe{exec=" + execArgv + ", interval=" + interval + "}"
        : "Probe{tcp=" + tcpPort + ", interval=" + interval + "}";
  }
}
