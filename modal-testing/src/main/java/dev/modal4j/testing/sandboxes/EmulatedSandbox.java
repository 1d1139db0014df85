package dev.modal4j.testing.sandboxes;

import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.NetworkAccess;
import dev.modal4j.proto.Probe;
import dev.modal4j.proto.Sandbox;
import dev.modal4j.proto.SandboxTag;
import dev.modal4j.testing.sandboxes.backend.RunningProcess;
import dev.modal4j.testing.sandboxes.backend.SandboxBackend;
import dev.modal4j.testing.sandboxes.backend.SandboxRuntime;
import dev.modal4j.testing.sandboxes.backend.SandboxSpec;
import dev.modal4j.testing.sandboxes.network.OutboundPolicies;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sandbox of the control plane: what it was created with, its tags, its runtime once the
 * backend has started it, its entrypoint's output and stdin, and its result once it ends (the first
 * of: the entrypoint exits, SandboxTerminate, its timeout, its idle timeout).
 */
final class EmulatedSandbox implements SandboxTask {
  private static final Logger log = LoggerFactory.getLogger(EmulatedSandbox.class);

  /** How many characters of one output stream wait for a reader before the process is held. */
  static final int LOG_CAPACITY = 4 * 1024 * 1024;

  /** How long the end of the entrypoint's output is awaited before its sandbox is released. */
  private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

  private final String sandboxId;
  private final String taskId;
  private final String appId;
  private final String environment;
  private final Sandbox definition;
  private final SandboxSpec spec;
  private final int timeoutSecs;
  private final Instant createdAt;
  private final Clock clock;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private final Function<List<String>, Map<String, String>> secrets;
  private final Map<String, String> tags = new LinkedHashMap<>();
  private final CompletableFuture<SandboxRuntime> started = new CompletableFuture<>();
  private final CompletableFuture<GenericResult> ended = new CompletableFuture<>();
  private final CompletableFuture<Optional<OutputStream>> stdinTarget = new CompletableFuture<>();
  private final SandboxLog stdout = new SandboxLog(LOG_CAPACITY);
  private final SandboxLog stderr = new SandboxLog(LOG_CAPACITY);
  private final StdinFeed stdin;
  private final EntrypointStdio entrypoint;
  private final List<ScheduledFuture<?>> timers = new ArrayList<>();
  private final java.util.Set<Runnable> endWaiters =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile dev.modal4j.testing.logs.AppLogs appLogs;
  private volatile Runnable beforeEnd = () -> {};
  private volatile Instant lastActivity;
  private volatile Instant startedAt;
  private volatile Instant finishedAt;
  private volatile java.util.function.Consumer<SandboxRuntime> releaseHook;
  private final java.util.concurrent.atomic.AtomicBoolean releaseHooked =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final CompletableFuture<Void> releaseHookDone = new CompletableFuture<>();
  private volatile NetworkAccess networkAccess;

  EmulatedSandbox(
      Ids ids,
      String appId,
      String environment,
      Sandbox definition,
      SandboxSpec spec,
      List<SandboxTag> tags,
      Instant createdAt,
      Clock clock,
      Executor executor,
      ScheduledExecutorService scheduler,
      Function<List<String>, Map<String, String>> secrets) {
    this.sandboxId = ids.sandboxId();
    this.taskId = ids.taskId();
    this.appId = appId;
    this.environment = environment;
    this.definition = definition;
    this.spec = spec;
    this.timeoutSecs = definition.getTimeoutSecs() == 0 ? 300 : definition.getTimeoutSecs();
    this.createdAt = createdAt;
    this.lastActivity = createdAt;
    this.clock = clock;
    this.executor = executor;
    this.scheduler = scheduler;
    this.secrets = secrets;
    this.stdin = new StdinFeed(stdinTarget, executor);
    this.entrypoint =
        SandboxIds.isV2(sandboxId) ? new EntrypointStdio(stdinTarget, executor) : null;
    tags.forEach(t -> this.tags.put(t.getTagName(), t.getTagValue()));
    this.networkAccess = definition.getNetworkAccess();
  }

  /** The ids of a new sandbox and its task. */
  record Ids(String sandboxId, String taskId) {}

  /** Also writes the entrypoint's output into the app's logs (AppFetchLogs); before start. */
  void logsTo(dev.modal4j.testing.logs.AppLogs logs) {
    this.appLogs = logs;
  }

  private java.util.function.Consumer<String> appLog(int fd) {
    dev.modal4j.testing.logs.AppLogs logs = appLogs;
    if (logs == null) {
      return text -> {};
    }
    dev.modal4j.testing.logs.LogOrigin origin =
        dev.modal4j.testing.logs.LogOrigin.sandbox(sandboxId, taskId);
    return text -> logs.append(appId, origin, fd, text);
  }

  /** Starts the sandbox on the worker pool, with its timers. */
  void start(Supplier<SandboxBackend> backend) {
    synchronized (timers) {
      timers.add(
          scheduler.schedule(
              () -> finish(SandboxResults.timedOut(timeoutSecs)), timeoutSecs, TimeUnit.SECONDS));
    }
    if (definition.hasIdleTimeoutSecs()) {
      scheduleIdleCheck(Duration.ofSeconds(definition.getIdleTimeoutSecs()));
    }
    executor.execute(() -> run(backend));
  }

  private void run(Supplier<SandboxBackend> backend) {
    SandboxRuntime runtime;
    try {
      runtime = backend.get().start(spec);
    } catch (Exception e) {
      log.warn("sandbox {} could not be started: {}", sandboxId, e.getMessage());
      finish(SandboxResults.initFailure("Sandbox could not be started: " + e.getMessage()));
      stdinTarget.complete(Optional.empty());
      closeOutput();
      started.completeExceptionally(e);
      return;
    }
    startedAt = clock.instant();
    OutboundPolicies.applyAtStart(definition.getNetworkAccess(), runtime);
    Optional<RunningProcess> main = runtime.main();
    started.complete(runtime);
    log.debug("sandbox {} started: {}", sandboxId, runtime.describe());
    if (main.isEmpty()) {
      stdinTarget.complete(Optional.empty());
      ended.whenComplete((r, e) -> closeOutput());
    } else {
      RunningProcess process = main.get();
      stdinTarget.complete(Optional.of(process.stdin()));
      CompletableFuture<Void> drained =
          entrypoint != null
              ? entrypoint.pump(process, appLog(1), appLog(2), executor)
              : CompletableFuture.allOf(
                  OutputPump.start(process.stdout(), stdout, appLog(1), executor),
                  OutputPump.start(process.stderr(), stderr, appLog(2), executor));
      process.exit().thenAccept(status -> finish(SandboxResults.exited(status)));
      ended.whenComplete(
          (r, e) ->
              drained
                  .completeOnTimeout(null, DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS)
                  .whenCompleteAsync((v, x) -> release(runtime), executor));
      return;
    }
    ended.whenCompleteAsync((r, e) -> release(runtime), executor);
  }

  /** Runs {@code hook} once with the runtime before {@link #release} terminates it. */
  void beforeRelease(java.util.function.Consumer<SandboxRuntime> hook) {
    releaseHook = hook;
  }

  private void release(SandboxRuntime runtime) {
    java.util.function.Consumer<SandboxRuntime> hook = releaseHook;
    if (hook != null) {
      if (releaseHooked.compareAndSet(false, true)) {
        try {
          hook.accept(runtime);
        } catch (RuntimeException e) {
          log.warn("sandbox {}: a release hook failed", sandboxId, e);
        } finally {
          releaseHookDone.complete(null);
        }
      } else {
        // another release runs the hook: the runtime stays until it is done
        releaseHookDone.join();
      }
    }
    try {
      runtime.terminate();
    } catch (RuntimeException e) {
      log.warn("sandbox {} failed to terminate", sandboxId, e);
    }
    closeOutput();
  }

  /** Ends the entrypoint's output as readers see it (V1 logs and V2 streams). */
  private void closeOutput() {
    stdout.close();
    stderr.close();
    if (entrypoint != null) {
      entrypoint.close();
    }
  }

  private void scheduleIdleCheck(Duration idle) {
    Instant due = lastActivity.plus(idle);
    long delay = Math.max(0, Duration.between(clock.instant(), due).toMillis());
    synchronized (timers) {
      if (ended.isDone()) {
        return;
      }
      timers.add(
          scheduler.schedule(
              () -> {
                if (!clock.instant().isBefore(lastActivity.plus(idle))) {
                  finish(SandboxResults.idle((int) idle.toSeconds()));
                } else {
                  scheduleIdleCheck(idle);
                }
              },
              delay,
              TimeUnit.MILLISECONDS));
    }
  }

  /**
   * Runs {@code step} when the sandbox ends, before the end is visible ({@link #finished()}, end
   * waiters); it may run more than once (two ends racing), so it must be idempotent.
   */
  void beforeEnd(Runnable step) {
    beforeEnd = step;
  }

  /** Ends the sandbox with {@code result} unless it has ended; returns whether it did. */
  boolean finish(GenericResult result) {
    if (ended.isDone()) {
      return false;
    }
    try {
      beforeEnd.run();
    } catch (RuntimeException e) {
      log.warn("sandbox {}: a step at its end failed", sandboxId, e);
    }
    if (!ended.complete(result)) {
      return false;
    }
    finishedAt = clock.instant();
    synchronized (timers) {
      timers.forEach(t -> t.cancel(false));
      timers.clear();
    }
    stdinTarget.complete(Optional.empty());
    log.debug("sandbox {} ended: {}", sandboxId, result.getStatus());
    for (Runnable waiter : endWaiters) {
      if (endWaiters.remove(waiter)) {
        waiter.run();
      }
    }
    return true;
  }

  /**
   * Runs {@code waiter} once when the sandbox ends (at once if it has); the returned action forgets
   * it, so a long poll that times out leaves nothing behind.
   */
  Runnable onEnd(Runnable waiter) {
    endWaiters.add(waiter);
    if (ended.isDone() && endWaiters.remove(waiter)) {
      waiter.run();
    }
    return () -> endWaiters.remove(waiter);
  }

  /** Ends every process of the sandbox now (the emulator is closing). */
  void kill() {
    finish(SandboxResults.terminated());
    started.thenAccept(this::release);
  }

  @Override
  public String taskId() {
    return taskId;
  }

  @Override
  public String sandboxId() {
    return sandboxId;
  }

  String appId() {
    return appId;
  }

  String environment() {
    return environment;
  }

  Sandbox definition() {
    return definition;
  }

  Instant createdAt() {
    return createdAt;
  }

  @Override
  public Optional<Instant> startedAt() {
    return Optional.ofNullable(startedAt);
  }

  Optional<Instant> finishedAt() {
    return Optional.ofNullable(finishedAt);
  }

  Optional<String> name() {
    return definition.hasName() && !definition.getName().isEmpty()
        ? Optional.of(definition.getName())
        : Optional.empty();
  }

  /** Completes when the backend runs the sandbox; fails if it could not start it. */
  CompletableFuture<SandboxRuntime> started() {
    return started;
  }

  /** Completes with the result when the sandbox ends. */
  CompletableFuture<GenericResult> ended() {
    return ended;
  }

  Optional<GenericResult> result() {
    return Optional.ofNullable(ended.getNow(null));
  }

  SandboxLog stdout() {
    return stdout;
  }

  SandboxLog stderr() {
    return stderr;
  }

  StdinFeed stdin() {
    return stdin;
  }

  synchronized Map<String, String> tags() {
    return new LinkedHashMap<>(tags);
  }

  synchronized void tags(Map<String, String> replacement) {
    tags.clear();
    tags.putAll(replacement);
  }

  synchronized boolean hasTags(Map<String, String> wanted) {
    return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(tags.get(e.getKey())));
  }

  SandboxView view() {
    SandboxState state =
        ended.isDone()
            ? SandboxState.FINISHED
            : started.isDone() ? SandboxState.RUNNING : SandboxState.STARTING;
    SandboxRuntime runtime =
        started.isDone() && !started.isCompletedExceptionally() ? started.join() : null;
    return new SandboxView(
        sandboxId,
        taskId,
        appId,
        definition,
        tags(),
        state,
        result(),
        Optional.ofNullable(runtime).map(SandboxRuntime::describe));
  }

  @Override
  public SandboxRuntime runtime() {
    SandboxRuntime runtime =
        started.isDone() && !started.isCompletedExceptionally() ? started.join() : null;
    if (runtime == null) {
      throw new IllegalStateException("sandbox " + sandboxId + " is not running yet");
    }
    return runtime;
  }

  @Override
  public boolean finished() {
    return ended.isDone();
  }

  @Override
  public Optional<Probe> readinessProbe() {
    return definition.hasReadinessProbe()
        ? Optional.of(definition.getReadinessProbe())
        : Optional.empty();
  }

  @Override
  public Map<String, String> secretEnv(List<String> secretIds) {
    return secrets.apply(secretIds);
  }

  @Override
  public Optional<EntrypointStdio> entrypoint() {
    return Optional.ofNullable(entrypoint);
  }

  /** Whether this is a V2 sandbox (made by SandboxCreateV2). */
  boolean v2() {
    return entrypoint != null;
  }

  @Override
  public NetworkAccess networkAccess() {
    return networkAccess;
  }

  @Override
  public void networkAccess(NetworkAccess replacement) {
    networkAccess = replacement;
  }

  @Override
  public void touch() {
    lastActivity = clock.instant();
  }
}
