package dev.modal4j.functions;

import com.fasterxml.jackson.databind.JavaType;
import dev.modal4j.FunctionTimeoutException;
import dev.modal4j.InvalidException;
import dev.modal4j.RemoteException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.invocation.FunctionControls;
import dev.modal4j.internal.invocation.FunctionInvoker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A function call started with {@link Function#spawn(Class, Object...)} or found with {@link
 * FunctionCalls#fromId(String)}. Its result stays available, so {@link #get()} can be called more
 * than once, from any client.
 *
 * <pre>{@code
 * FunctionCall<Integer> call = square.spawn(Integer.class, 8);
 * String id = call.getFunctionCallId();              // keep it, e.g. in a database
 * int y = call.get(Duration.ofSeconds(30));
 * }</pre>
 *
 * @param <T> the result type
 */
public final class FunctionCall<T> {
  private final ClientContext context;
  private final FunctionInvoker invoker;
  private final String functionCallId;
  private final JavaType type;
  private final int numInputs;
  private volatile String appId = "";
  private volatile String functionId = "";

  FunctionCall(
      ClientContext context, FunctionInvoker invoker, String functionCallId, JavaType type) {
    this(context, invoker, functionCallId, type, -1);
  }

  FunctionCall(
      ClientContext context,
      FunctionInvoker invoker,
      String functionCallId,
      JavaType type,
      int numInputs) {
    this.context = context;
    this.invoker = invoker;
    this.functionCallId = functionCallId;
    this.type = type;
    this.numInputs = numInputs;
  }

  /** Records the app and function the call belongs to (for its logs). */
  FunctionCall<T> from(String appId, String functionId) {
    this.appId = appId;
    this.functionId = functionId;
    return this;
  }

  FunctionCall<T> from(dev.modal4j.internal.invocation.FunctionTarget target) {
    return from(target.metadata().getAppId(), target.functionId());
  }

  /**
   * The call's logs: {@link dev.modal4j.logs.Logs#fetch fetch} (from the call's creation unless
   * {@code since} is given), {@link dev.modal4j.logs.Logs#tail tail}, and {@link
   * dev.modal4j.logs.Logs#stream stream}, which ends once every input of the call has finished.
   */
  public dev.modal4j.logs.Logs logs() {
    return dev.modal4j.internal.logs.ScopedLogs.call(context, appId, functionId, functionCallId);
  }

  /** The call's id ({@code fc-...}), for {@link FunctionCalls#fromId(String)}. */
  public String functionCallId() {
    return functionCallId;
  }

  /**
   * Waits, without limit, for the result.
   *
   * @throws RemoteException if the function raised or the call was cancelled
   * @throws FunctionTimeoutException if the function hit its own timeout
   */
  public T get() {
    return Futures.join(getAsync());
  }

  /**
   * Waits up to {@code timeout} for the result; {@code Duration.ZERO} checks once without waiting.
   *
   * @throws FunctionTimeoutException if no result arrived in time, or the function timed out
   * @throws RemoteException if the function raised or the call was cancelled
   * @throws InvalidException if {@code timeout} is null or negative
   */
  public T get(Duration timeout) {
    return Futures.join(getAsync(timeout));
  }

  /**
   * The async form of {@link #get()}. Cancelling the returned future stops waiting; it does not
   * cancel the call (use {@link #cancel()} for that).
   */
  public CompletableFuture<T> getAsync() {
    return CallerFutures.hand(context, invoker.awaitCall(functionCallId, null, type));
  }

  /** The async form of {@link #get(Duration)}; cancelling the future only stops waiting. */
  public CompletableFuture<T> getAsync(Duration timeout) {
    Args.notNegative(timeout, "timeout");
    return CallerFutures.hand(context, invoker.awaitCall(functionCallId, timeout, type));
  }

  /**
   * The number of inputs of the call when this handle knows it (a call from {@link
   * Function#spawnMap}, or one found with {@link FunctionCalls#fromId}); empty otherwise.
   */
  public java.util.OptionalInt numInputs() {
    return numInputs >= 0 ? java.util.OptionalInt.of(numInputs) : java.util.OptionalInt.empty();
  }

  /**
   * Waits, without limit, for the result of input {@code index} (0-based) of a multi-input call
   * such as a {@link Function#spawnMap}. Results stay available and can be read again.
   */
  public T get(int index) {
    return Futures.join(getAsync(index));
  }

  /** Waits up to {@code timeout} for the result of input {@code index}; see {@link #get(int)}. */
  public T get(int index, Duration timeout) {
    Args.notNegative(timeout, "timeout");
    return Futures.join(getAsync(index, timeout));
  }

  /**
   * The async form of {@link #get(int)}, waiting without limit.
   *
   * @throws InvalidException if {@code index} is out of range
   */
  public CompletableFuture<T> getAsync(int index) {
    checkIndex(index);
    return invoker.awaitCallAt(functionCallId, index, null, type);
  }

  /**
   * The async form of {@link #get(int, Duration)}.
   *
   * @throws InvalidException if {@code index} is out of range or {@code timeout} is null or
   *     negative
   */
  public CompletableFuture<T> getAsync(int index, Duration timeout) {
    checkIndex(index);
    Args.notNegative(timeout, "timeout");
    return CallerFutures.hand(context, invoker.awaitCallAt(functionCallId, index, timeout, type));
  }

  private void checkIndex(int index) {
    if (index < 0 || (numInputs >= 0 && index >= numInputs)) {
      throw new InvalidException(
          "index "
              + index
              + " is out of range"
              + (numInputs >= 0 ? " for a call with " + numInputs + " inputs" : ""));
    }
  }

  /**
   * The results of every input, in index order, waiting for each as needed; the first failed input
   * ends the stream with its exception.
   *
   * @throws InvalidException if this handle does not know its number of inputs
   */
  public java.util.stream.Stream<T> results() {
    if (numInputs < 0) {
      throw new InvalidException(
          "FunctionCall " + functionCallId + " does not know its number of inputs");
    }
    return java.util.stream.StreamSupport.stream(
        java.util.Spliterators.spliterator(
            invoker.<T>resultsInOrder(functionCallId, numInputs, type),
            numInputs,
            java.util.Spliterator.ORDERED),
        false);
  }

  /** Cancels the call; inputs not yet finished end as terminated. */
  public void cancel() {
    cancel(false);
  }

  /**
   * Cancels the call.
   *
   * @param terminateContainers also stop the containers running its inputs (other inputs running on
   *     them are rescheduled)
   */
  public void cancel(boolean terminateContainers) {
    Futures.join(cancelAsync(terminateContainers));
  }

  /** The async form of {@link #cancel(boolean)}. */
  public CompletableFuture<Void> cancelAsync(boolean terminateContainers) {
    return CallerFutures.hand(context, invoker.cancelCall(functionCallId, terminateContainers));
  }

  /** The tree of inputs this call ran, with the calls they made in turn (as Modal retains them). */
  public List<InputInfo> callGraph() {
    return Futures.join(callGraphAsync());
  }

  /** The async form of {@link #callGraph()}. */
  public CompletableFuture<List<InputInfo>> callGraphAsync() {
    return CallerFutures.hand(context, FunctionControls.callGraph(context, functionCallId));
  }

  @Override
  public String toString() {
    return "FunctionCall{" + functionCallId + "}";
  }
}
