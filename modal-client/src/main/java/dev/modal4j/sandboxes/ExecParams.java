package dev.modal4j.sandboxes;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import dev.modal4j.secrets.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Options of {@link Sandbox#exec(List, ExecParams)}: stream handling, working directory,
 * environment, secrets, timeout and PTY of one command.
 */
public final class ExecParams {
  /** Text mode, stdout and stderr piped, no timeout, no PTY. */
  public static final ExecParams DEFAULT = builder().build();

  private final StreamMode mode;
  private final StdioMode stdout;
  private final StdioMode stderr;
  private final String workdir;
  private final Duration timeout;
  private final Map<String, String> env;
  private final List<Secret> secrets;
  private final boolean pty;

  private ExecParams(Builder b) {
    mode = b.mode;
    stdout = b.stdout;
    stderr = b.stderr;
    workdir = b.workdir;
    timeout = b.timeout;
    env = Map.copyOf(b.env);
    secrets = b.secrets;
    pty = b.pty;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.mode = mode;
    b.stdout = stdout;
    b.stderr = stderr;
    b.workdir = workdir;
    b.timeout = timeout;
    b.env.putAll(env);
    b.secrets = secrets;
    b.pty = pty;
    return b;
  }

  /** Text or binary reading of the output. */
  public StreamMode mode() {
    return mode;
  }

  /** Whether stdout is piped or ignored. */
  public StdioMode stdout() {
    return stdout;
  }

  /** Whether stderr is piped or ignored. */
  public StdioMode stderr() {
    return stderr;
  }

  /** The command's working directory, if set. */
  public Optional<String> workdir() {
    return Optional.ofNullable(workdir);
  }

  /** How long the command may run, if limited. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** Environment variables of the command. */
  public Map<String, String> env() {
    return env;
  }

  /** Secrets injected as environment variables of the command. */
  public List<Secret> secrets() {
    return secrets;
  }

  /** Whether the command runs with a PTY (stderr is then merged into stdout). */
  public boolean pty() {
    return pty;
  }

  @Override
  public String toString() {
    return "ExecParams{mode="
        + mode
        + ", stdout="
        + stdout
        + ", stderr="
        + stderr
        + ", workdir="
        + workdir
        + ", timeout="
        + timeout
        + ", envNames="
        + new TreeMap<>(env).keySet()
        + ", secrets="
        + secrets
        + ", pty="
        + pty
        + "}";
  }

  /** Builds {@link ExecParams}. */
  public static final class Builder {
    private StreamMode mode = StreamMode.TEXT;
    private StdioMode stdout = StdioMode.PIPE;
    private StdioMode stderr = StdioMode.PIPE;
    private String workdir;
    private Duration timeout;
    private final Map<String, String> env = new TreeMap<>();
    private List<Secret> secrets = List.of();
    private boolean pty;

    private Builder() {}

    /** Text (default) or binary reading of the output. */
    public Builder mode(StreamMode mode) {
      this.mode = Args.notNull(mode, "mode");
      return this;
    }

    /** Pipes (default) or ignores stdout. */
    public Builder stdout(StdioMode stdout) {
      this.stdout = Args.notNull(stdout, "stdout");
      return this;
    }

    /** Pipes (default) or ignores stderr. */
    public Builder stderr(StdioMode stderr) {
      this.stderr = Args.notNull(stderr, "stderr");
      return this;
    }

    /**
     * The command's working directory.
     *
     * @throws InvalidException if it is not an absolute path
     */
    public Builder workdir(String workdir) {
      this.workdir = Checks.absolutePath(workdir, "workdir");
      return this;
    }

    /**
     * How long the command may run; Modal kills it then, and waits and reads fail with {@code
     * ExecTimeoutException}.
     *
     * @throws InvalidException if not a positive whole number of seconds
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Checks.positiveSeconds(timeout, "timeout");
      return this;
    }

    /**
     * Environment variables of the command; replaces earlier ones.
     *
     * @throws InvalidException if a name is not a valid variable name or a value is null
     */
    public Builder env(Map<String, String> env) {
      Map<String, String> checked = Checks.env(env, "env");
      this.env.clear();
      this.env.putAll(checked);
      return this;
    }

    /** Secrets injected as the command's environment variables; replaces earlier ones. */
    public Builder secrets(List<Secret> secrets) {
      this.secrets = List.copyOf(Args.noNullElements(secrets, "secrets"));
      return this;
    }

    /** Runs the command with a PTY (default false); stderr is then merged into stdout. */
    public Builder pty(boolean pty) {
      this.pty = pty;
      return this;
    }

    /** The params with the values set so far. */
    public ExecParams build() {
      return new ExecParams(this);
    }
  }
}
