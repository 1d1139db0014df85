package dev.modal4j.testing.functions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modal4j.proto.DataChunk;
import dev.modal4j.proto.FunctionCallInvocationType;
import dev.modal4j.proto.FunctionCallType;
import dev.modal4j.proto.FunctionGetOutputsItem;
import dev.modal4j.proto.FunctionInput;
import dev.modal4j.proto.FunctionPutInputsItem;
import dev.modal4j.proto.FunctionPutInputsResponseItem;
import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.testing.functions.DeployedFunction;
import dev.modal4j.testing.functions.ExecutionListener;
import dev.modal4j.testing.functions.FunctionFaults;
import dev.modal4j.testing.functions.FunctionsBackend;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The state machine of function calls: opening calls, accepting and retrying inputs, running
 * attempts on the worker pool, recording outputs and waking parked polls, cancelling.
 */
public final class CallEngine {
  static final long EXPIRY_GRACE_MILLIS = 30_000;

  private final Ids ids;
  private final Tokens tokens;
  private final FunctionFaults faults;
  private final Workers workers;
  private final InputRunner runner;
  private final Map<String, CallState> calls = new ConcurrentHashMap<>();
  private final CallRetention retention;
  private final ExecutionListener executions;
  private volatile dev.modal4j.testing.logs.AppLogs logs;

  /** Creates an engine that keeps idle calls for one hour and reports executions to no one. */
  public CallEngine(
      Ids ids, Tokens tokens, FunctionFaults faults, Workers workers, BlobStore blobs) {
    this(
        ids,
        tokens,
        faults,
        workers,
        blobs,
        Duration.ofHours(1),
        FunctionsBackend.DEFAULT_RETAINED_OUTPUTS,
        ExecutionListener.none());
  }

  /**
   * Creates the engine; a call with no unfinished inputs is dropped after being idle for {@code
   * callTtl} (or sooner when the idle calls hold more than {@code maxIdleOutputs} outputs), and
   * every handler run is reported to {@code executions}.
   */
  public CallEngine(
      Ids ids,
      Tokens tokens,
      FunctionFaults faults,
      Workers workers,
      BlobStore blobs,
      Duration callTtl,
      int maxIdleOutputs,
      ExecutionListener executions) {
    this.ids = ids;
    this.tokens = tokens;
    this.faults = faults;
    this.workers = workers;
    this.runner = new InputRunner(this, blobs, ids);
    this.executions = executions;
    this.retention =
        new CallRetention(calls, callTtl, workers.scheduler(), executions, blobs, maxIdleOutputs);
  }

  /** Opens a new call of {@code function}. */
  public CallState open(
      DeployedFunction function,
      FunctionCallType type,
      FunctionCallInvocationType invocation,
      String parentInputId) {
    String id = ids.next("fc");
    String jwt = tokens.sign("\"fc\":\"" + id + "\",\"fu\":\"" + function.id() + "\"");
    CallState call = new CallState(id, function, type, invocation, parentInputId, jwt);
    calls.put(id, call);
    synchronized (call) {
      retention.touched(call);
    }
    return call;
  }

  /** The call with this id, or NOT_FOUND (saying so if the call has expired). */
  public CallState call(String callId) {
    CallState call = calls.get(callId);
    if (call == null) {
      throw Status.NOT_FOUND
          .withDescription(
              "Function call "
                  + callId
                  + (retention.isExpired(callId) ? " has expired" : " not found"))
          .asRuntimeException();
    }
    return call;
  }

  /** Whether {@code callId} names a call that was dropped after its time-to-live. */
  public boolean isExpired(String callId) {
    return !calls.containsKey(callId) && retention.isExpired(callId);
  }

  /** How many calls the engine holds (open, running, or finished and not yet expired). */
  public int retainedCalls() {
    return calls.size();
  }

  /** Sets where handlers' printed output goes; null discards it. */
  public void logsTo(dev.modal4j.testing.logs.AppLogs logs) {
    this.logs = logs;
  }

  /** Where handlers' printed output goes, or null. */
  dev.modal4j.testing.logs.AppLogs logs() {
    return logs;
  }

  /** Reports that the handler of an input is about to run. */
  void executed(InputState in) {
    executions.executed(in.call.id, in.inputId);
    executions.started(in.call.function.id(), in.call.id, in.inputId);
  }

  /** Forgets inputs a call no longer holds (acknowledged outputs of a synchronous map). */
  void forgetInputs(CallState call, List<String> inputIds) {
    if (!inputIds.isEmpty()) {
      executions.expired(call.id, inputIds);
    }
  }

  /** The call a function-call JWT names, or INVALID_ARGUMENT. */
  public CallState callFromJwt(String jwt) {
    JsonNode claims = tokens.verify(jwt);
    if (claims == null || !claims.hasNonNull("fc")) {
      throw Status.INVALID_ARGUMENT
          .withDescription("invalid function call token")
          .asRuntimeException();
    }
    return call(claims.get("fc").asText());
  }

  /** Calls whose parent input is {@code inputId}. */
  public List<CallState> childrenOf(String inputId) {
    List<CallState> out = new ArrayList<>();
    for (CallState c : calls.values()) {
      if (inputId.equals(c.parentInputId)) {
        out.add(c);
      }
    }
    return out;
  }

  /** Adds inputs to a call and schedules them; answers each with idx, input id and input JWT. */
  public List<FunctionPutInputsResponseItem> put(
      CallState call, List<FunctionPutInputsItem> items, boolean losable) {
    List<AttemptTask> tasks = new ArrayList<>(items.size());
    List<FunctionPutInputsResponseItem> out = new ArrayList<>(items.size());
    synchronized (call) {
      if (call.cancelled) {
        throw Status.FAILED_PRECONDITION
            .withDescription("Function call " + call.id + " was cancelled")
            .asRuntimeException();
      }
      int max = call.function.definition().spec().maxInputsOutstanding();
      // Spawned (ASYNC) inputs wait in the queue; only synchronous calls are held to the limit.
      if (!call.isAsync() && call.unfinished + items.size() > max) {
        throw Status.RESOURCE_EXHAUSTED
            .withDescription(
                "Function call "
                    + call.id
                    + " has "
                    + call.unfinished
                    + " unfinished inputs; max_inputs_outstanding is "
                    + max)
            .asRuntimeException();
      }
      for (FunctionPutInputsItem item : items) {
        InputState in = call.inputs.get(item.getIdx());
        if (in == null) {
          in = new InputState(call, item.getIdx(), ids.next("in"), item.getInput());
          call.inputs.put(in.idx, in);
          call.numInputs++;
          call.unfinished++;
          AttemptTask task = startAttempt(in, losable);
          if (task != null) {
            tasks.add(task);
          }
        }
        retention.touched(call);
        out.add(
            FunctionPutInputsResponseItem.newBuilder()
                .setIdx(in.idx)
                .setInputId(in.inputId)
                .setInputJwt(inputJwt(in))
                .build());
      }
    }
    submit(tasks);
    return out;
  }

  /** Starts a new attempt of input {@code idx}; returns the new input JWT. */
  public InputState retry(
      CallState call, int idx, FunctionInput input, int retryCount, boolean losable) {
    AttemptTask task;
    InputState in;
    synchronized (call) {
      if (call.cancelled) {
        throw Status.FAILED_PRECONDITION
            .withDescription("Function call " + call.id + " was cancelled")
            .asRuntimeException();
      }
      in = call.inputs.get(idx);
      if (in == null) {
        in = new InputState(call, idx, ids.next("in"), input);
        call.inputs.put(idx, in);
        call.unfinished++;
      } else if (in.finished) {
        in.finished = false;
        call.unfinished++;
      }
      call.outputs.removeIdx(idx);
      retention.touched(call);
      in.input = input;
      in.retryCount = retryCount < 0 ? in.retryCount + 1 : retryCount;
      task = startAttempt(in, losable);
    }
    if (task != null) {
      submit(List.of(task));
    }
    return in;
  }

  /** The signed input JWT of an input's current attempt (call-locked). */
  String inputJwt(InputState in) {
    return tokens.sign(
        "\"fc\":\""
            + in.call.id
            + "\",\"idx\":"
            + in.idx
            + ",\"att\":"
            + in.attempt
            + ",\"in\":\""
            + in.inputId
            + "\"");
  }

  /** The attempt token of an input's current attempt (call-locked). */
  public String attemptToken(InputState in) {
    synchronized (in.call) {
      return inputJwt(in);
    }
  }

  /** The claims of an input JWT or attempt token, or INVALID_ARGUMENT. */
  public JsonNode inputClaims(String token) {
    JsonNode claims = tokens.verify(token);
    if (claims == null || !claims.hasNonNull("fc") || !claims.hasNonNull("idx")) {
      throw Status.INVALID_ARGUMENT.withDescription("invalid input token").asRuntimeException();
    }
    return claims;
  }

  /** Signs a map token for an input-plane map call. */
  public String mapToken(CallState call) {
    return tokens.sign("\"fc\":\"" + call.id + "\",\"map\":true");
  }

  /**
   * Cancels a call: unfinished inputs get TERMINATED results and running handlers are interrupted.
   */
  public void cancel(CallState call) {
    List<Runnable> wakeups = new ArrayList<>();
    synchronized (call) {
      call.cancelled = true;
      for (InputState in : call.inputs.values()) {
        if (!in.finished) {
          if (in.runner != null) {
            in.runner.interrupt();
          }
          wakeups.add(
              finishLocked(
                  in,
                  in.attempt,
                  GenericResult.newBuilder()
                      .setStatus(GenericStatus.GENERIC_STATUS_TERMINATED)
                      .setException("Function call " + call.id + " was cancelled")
                      .build()));
        }
      }
    }
    wakeups.forEach(Runnable::run);
  }

  /** Whether the server lost the given attempt (input-plane fault injection). */
  public boolean isLost(CallState call, int idx, int attempt) {
    synchronized (call) {
      InputState in = call.inputs.get(idx);
      return in != null && in.attempt == attempt && in.lost && !in.finished;
    }
  }

  /** Records the number of inputs a call will get. */
  public void finishInputs(CallState call, int numInputs) {
    synchronized (call) {
      call.declaredInputs = numInputs;
    }
  }

  /** Removes a call once it has no unfinished inputs, a grace period after its outputs cleared. */
  void expireLater(CallState call) {
    synchronized (call) {
      if (call.expiring || call.isAsync()) {
        return;
      }
      call.expiring = true;
    }
    workers.scheduler().schedule(() -> expireNow(call), EXPIRY_GRACE_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void expireNow(CallState call) {
    synchronized (call) {
      call.expiring = false;
      if (call.unfinished > 0) {
        return;
      }
    }
    retention.remove(call);
  }

  private AttemptTask startAttempt(InputState in, boolean losable) {
    in.attempt++;
    in.lost = false;
    if (losable && draw("lost-input", faults.lostInputRate())) {
      in.lost = true;
      return null;
    }
    boolean fail =
        (in.attempt == 1 || !faults.internalFailureFirstAttemptOnly())
            && draw("internal-failure", faults.internalFailureRate());
    in.call.function.queuedInputs().incrementAndGet();
    return new AttemptTask(in, in.attempt, fail);
  }

  private boolean draw(String stream, double rate) {
    return rate > 0 && faults.random(stream).nextDouble() < rate;
  }

  private void submit(List<AttemptTask> tasks) {
    try {
      for (AttemptTask t : tasks) {
        workers.execute(() -> runner.run(t));
      }
    } catch (RejectedExecutionException e) {
      throw Status.UNAVAILABLE
          .withDescription("the emulator is shutting down")
          .asRuntimeException();
    }
  }

  /** Ends a live attempt that ran past the function's timeout with a TIMEOUT result. */
  void timeOut(InputState in, int attempt, long millis) {
    Runnable wake;
    synchronized (in.call) {
      if (!isLive(in, attempt)) {
        return;
      }
      if (in.runner != null) {
        in.runner.interrupt();
      }
      wake =
          finishLocked(
              in,
              attempt,
              GenericResult.newBuilder()
                  .setStatus(GenericStatus.GENERIC_STATUS_TIMEOUT)
                  .setException("Function timed out after " + millis + " ms")
                  .build());
    }
    wake.run();
  }

  /** Whether an attempt is still the live one (call-locked). */
  static boolean isLive(InputState in, int attempt) {
    return in.attempt == attempt && !in.finished;
  }

  /** Appends a generator item from a live attempt, or stops the generator if it is stale. */
  void emit(InputState in, int attempt, DataChunk.Builder chunk) {
    List<DataSubscriber> subs;
    synchronized (in.call) {
      if (!isLive(in, attempt)) {
        throw new CancellationException("input " + in.inputId + " is no longer running");
      }
      in.call.data().append(chunk);
      subs = in.call.data().subscribers();
    }
    subs.forEach(DataSubscriber::drain);
  }

  /** Records the result of an attempt, unless the attempt is stale. */
  void complete(
      InputState in, int attempt, GenericResult result, FunctionGetOutputsItem.Builder item) {
    Runnable wake;
    synchronized (in.call) {
      if (!isLive(in, attempt)) {
        return;
      }
      wake = finishLocked(in, attempt, result, item);
    }
    wake.run();
  }

  private Runnable finishLocked(InputState in, int attempt, GenericResult result) {
    return finishLocked(in, attempt, result, FunctionGetOutputsItem.newBuilder());
  }

  private Runnable finishLocked(
      InputState in, int attempt, GenericResult result, FunctionGetOutputsItem.Builder item) {
    CallState call = in.call;
    in.finished = true;
    in.status = result.getStatus();
    call.unfinished--;
    retention.touched(call);
    double now = System.currentTimeMillis() / 1000.0;
    item.setResult(result)
        .setIdx(in.idx)
        .setInputId(in.inputId)
        .setRetryCount(in.retryCount)
        .setTaskId("ta-emulator")
        .setInputStartedAt(in.startedAt == 0 ? now : in.startedAt)
        .setOutputCreatedAt(now);
    OutputEntry entry = call.outputs.append(in.idx, attempt, item.build());
    executions.finished(
        new dev.modal4j.testing.functions.InputOutcome(
            call.function.id(),
            call.id,
            in.inputId,
            result.getStatus(),
            java.time.Instant.ofEpochMilli(in.createdAtMillis),
            in.startedAt == 0
                ? java.util.Optional.empty()
                : java.util.Optional.of(
                    java.time.Instant.ofEpochMilli((long) (in.startedAt * 1000))),
            java.time.Instant.ofEpochMilli((long) (now * 1000))));
    List<Waiter> woken = call.takeWaitersFor(entry);
    List<DataSubscriber> subs = List.of();
    if (in.call.function.body(in.input.getMethodName()).map(b -> b.kind()).orElse(null)
        == dev.modal4j.testing.functions.FunctionBody.Kind.GENERATOR) {
      call.data().close();
      subs = call.data().subscribers();
    }
    List<DataSubscriber> toDrain = subs;
    return () -> {
      woken.forEach(Waiter::fire);
      toDrain.forEach(DataSubscriber::drain);
    };
  }

  /** The worker pool and scheduler. */
  Workers workers() {
    return workers;
  }
}
