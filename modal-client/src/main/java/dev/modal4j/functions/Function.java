package dev.modal4j.functions;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import dev.modal4j.DeserializationException;
import dev.modal4j.FunctionTimeoutException;
import dev.modal4j.InternalFailureException;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.RemoteException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.cbor.Cbor;
import dev.modal4j.internal.invocation.FunctionControls;
import dev.modal4j.internal.invocation.FunctionInvoker;
import dev.modal4j.internal.invocation.FunctionTarget;
import dev.modal4j.internal.invocation.GeneratorStream;
import dev.modal4j.internal.invocation.ItemSink;
import dev.modal4j.internal.invocation.MapStarter;
import dev.modal4j.internal.invocation.SpawnMapStarter;
import dev.modal4j.internal.map.MapPipeline;
import dev.modal4j.internal.map.MapStreams;
import dev.modal4j.internal.options.InstanceBinder;
import dev.modal4j.internal.options.OptionValues;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A deployed Modal function, from {@link Functions#fromName(String, String)}.
 *
 * <pre>{@code
 * Function square = modal.functions().fromName("modal4j-demo", "square");
 * int y = square.remote(Integer.class, 7);                                    // 49
 * int z = add.remote(Integer.class, List.of(1), Map.of("b", 2));              // kwargs
 * List<Integer> xs = echo.remote(new TypeReference<List<Integer>>() {}, List.of(1, 2));
 * FunctionCall<Integer> call = square.spawn(Integer.class, 8);
 * }</pre>
 *
 * <p><b>Arguments.</b> {@code remote(type, Object... args)} sends positional arguments; {@code
 * remote(type, List<?> args, Map<String, ?> kwargs)} sends positional and keyword arguments. When a
 * call matches both (exactly a {@code List} and a {@code Map} after the type), Java picks the
 * fixed-arity form, so the list and map are taken as args and kwargs. To pass a list and a map as
 * two positional arguments, write {@code remote(type, List.of(list, map), Map.of())}. Values are
 * encoded as CBOR with Jackson: records, POJOs, maps, lists, {@code byte[]}, strings, numbers
 * ({@code BigInteger} too) and {@code Instant}.
 *
 * <p><b>Results.</b> Decoded into the requested {@code Class} or {@code TypeReference}; ask for
 * {@code Object.class} to get plain maps, lists, strings and numbers.
 *
 * <p><b>Failures</b> (blocking methods throw them; async futures complete with them): {@link
 * RemoteException} when the function raised (with the remote traceback), {@link
 * FunctionTimeoutException}, {@link InternalFailureException} after 8 resubmissions, {@link
 * InvalidException} for arguments that cannot be encoded, web endpoints, functions deployed without
 * CBOR support (Modal Python SDK older than 1.2) and generator misuse, {@link
 * DeserializationException} when the result does not fit the requested type. A null type, argument
 * array, list, map, consumer or params is refused by every method, async ones included, with an
 * {@link InvalidException} thrown from the call before anything is sent; a null <em>inside</em> the
 * arguments is Python's {@code None}.
 */
public final class Function {
  private final ClientContext context;
  private final FunctionInvoker invoker;
  private final FunctionTarget target;
  private InstanceBinder binder;

  Function(ClientContext context, FunctionInvoker invoker, FunctionTarget target) {
    this.context = context;
    this.invoker = invoker;
    this.target = target;
  }

  /** The function's id ({@code fu-...}). */
  public String functionId() {
    return target.functionId();
  }

  /**
   * The function's logs: {@link dev.modal4j.logs.Logs#fetch fetch} a time range, {@link
   * dev.modal4j.logs.Logs#tail tail} the most recent entries, {@link dev.modal4j.logs.Logs#stream
   * stream} new ones.
   */
  public dev.modal4j.logs.Logs logs() {
    return dev.modal4j.internal.logs.ScopedLogs.function(
        context, target.metadata().getAppId(), target.functionId());
  }

  /** The URL of this function if it is a web endpoint (call it over HTTP, not with remote). */
  public Optional<String> webUrl() {
    return target.webUrl();
  }

  /** Whether this function is a generator (call it with {@link #remoteGen}). */
  public boolean isGenerator() {
    return target.isGenerator();
  }

  /** Calls the function with positional arguments and waits for its result. */
  public <T> T remote(Class<T> type, Object... args) {
    return Futures.join(remoteAsync(type, args));
  }

  /** Calls the function with positional and keyword arguments and waits for its result. */
  public <T> T remote(Class<T> type, List<?> args, Map<String, ?> kwargs) {
    return Futures.join(remoteAsync(type, args, kwargs));
  }

  /** Calls the function with positional arguments and waits for its (generic) result. */
  public <T> T remote(TypeReference<T> type, Object... args) {
    return Futures.join(remoteAsync(type, args));
  }

  /** Calls the function with positional and keyword arguments; generic result. */
  public <T> T remote(TypeReference<T> type, List<?> args, Map<String, ?> kwargs) {
    return Futures.join(remoteAsync(type, args, kwargs));
  }

  /**
   * The async form of {@link #remote(Class, Object...)}. Cancelling the future cancels the remote
   * call (control-plane functions) and stops waiting.
   */
  public <T> CompletableFuture<T> remoteAsync(Class<T> type, Object... args) {
    Args.notNull(type, "type");
    Args.notNull(args, "args");
    return remoteAsync(javaType(type), positional(args), Map.of());
  }

  /** The async form of {@link #remote(Class, List, Map)}; cancelling cancels the call. */
  public <T> CompletableFuture<T> remoteAsync(Class<T> type, List<?> args, Map<String, ?> kwargs) {
    Args.notNull(type, "type");
    Args.notNull(args, "args");
    Args.noNullKeys(kwargs, "kwargs");
    return remoteAsync(javaType(type), args, kwargs);
  }

  /** The async form of {@link #remote(TypeReference, Object...)}; cancelling cancels the call. */
  public <T> CompletableFuture<T> remoteAsync(TypeReference<T> type, Object... args) {
    Args.notNull(type, "type");
    Args.notNull(args, "args");
    return remoteAsync(javaType(type), positional(args), Map.of());
  }

  /** The async form of {@link #remote(TypeReference, List, Map)}; cancelling cancels the call. */
  public <T> CompletableFuture<T> remoteAsync(
      TypeReference<T> type, List<?> args, Map<String, ?> kwargs) {
    Args.notNull(type, "type");
    Args.notNull(args, "args");
    Args.noNullKeys(kwargs, "kwargs");
    return remoteAsync(javaType(type), args, kwargs);
  }

  private <T> CompletableFuture<T> remoteAsync(JavaType type, List<?> args, Map<String, ?> kwargs) {
    if (type == null) {
      return CompletableFuture.failedFuture(new InvalidException("result type must not be null"));
    }
    return CallerFutures.hand(context, invoker.remote(target, args, kwargs, type));
  }

  /** Starts the function with positional arguments without waiting; see {@link FunctionCall}. */
  public <T> FunctionCall<T> spawn(Class<T> type, Object... args) {
    return Futures.join(spawnAsync(type, args));
  }

  /** Starts the function with positional and keyword arguments without waiting. */
  public <T> FunctionCall<T> spawn(Class<T> type, List<?> args, Map<String, ?> kwargs) {
    return Futures.join(spawnAsync(type, args, kwargs));
  }

  /** Starts the function with positional arguments; generic result type. */
  public <T> FunctionCall<T> spawn(TypeReference<T> type, Object... args) {
    return Futures.join(spawnAsync(type, args));
  }

  /** Starts the function with positional and keyword arguments; generic result type. */
  public <T> FunctionCall<T> spawn(TypeReference<T> type, List<?> args, Map<String, ?> kwargs) {
    return Futures.join(spawnAsync(type, args, kwargs));
  }

  /** The async form of {@link #spawn(Class, Object...)}. */
  public <T> CompletableFuture<FunctionCall<T>> spawnAsync(Class<T> type, Object... args) {
    Args.notNull(type, "type");
    Args.notNull(args, "args");
    return spawnAsync(javaType(type), positional(args), Map.of());
  }

  /** The async form of {@link #spawn(Class, List, Map)}. */
  public <T> CompletableFuture<FunctionCall<T>> spawnAsync(
      Class<T> type, List<?> args, Map<String, ?> kwargs) {
    Args.notNull(type, "type");
    Args.notNull(args, "args");
    Args.noNullKeys(kwargs, "kwargs");
    return spawnAsync(javaType(type), args, kwargs);
  }

  /** The async form of {@link #spawn(TypeReference, Object...)}. */
  public <T> CompletableFuture<FunctionCall<T>> spawnAsync(TypeReference<T> type, Object... args) {
    Args.notNull(type, "type");
    Args.notNull(args, "args");
    return spawnAsync(javaType(type), positional(args), Map.of());
  }

  /** The async form of {@link #spawn(TypeReference, List, Map)}. */
  public <T> CompletableFuture<FunctionCall<T>> spawnAsync(
      TypeReference<T> type, List<?> args, Map<String, ?> kwargs) {
    Args.notNull(type, "type");
    Args.notNull(args, "args");
    Args.noNullKeys(kwargs, "kwargs");
    return spawnAsync(javaType(type), args, kwargs);
  }

  private <T> CompletableFuture<FunctionCall<T>> spawnAsync(
      JavaType type, List<?> args, Map<String, ?> kwargs) {
    if (type == null) {
      return CompletableFuture.failedFuture(new InvalidException("result type must not be null"));
    }
    return CallerFutures.hand(
        context,
        invoker
            .spawn(target, args, kwargs)
            .thenApply(id -> new FunctionCall<T>(context, invoker, id, type).from(target)));
  }

  /**
   * Calls a generator function and streams its items in order. The stream blocks for items as it is
   * consumed and is read lazily: items are fetched from Modal as you take them, a few ahead, so a
   * slow consumer keeps memory bounded however long the generator. Close it (try-with-resources) to
   * cancel the call early. A remote failure is thrown by the terminal operation after the items
   * that came before it.
   *
   * <pre>{@code
   * try (Stream<Integer> items = countdown.remoteGen(Integer.class, 3)) {
   *   items.forEach(System.out::println);   // 3, 2, 1
   * }
   * }</pre>
   */
  public <T> Stream<T> remoteGen(Class<T> type, Object... args) {
    Args.notNull(type, "type");
    Args.notNull(args, "args");
    return remoteGen(type, positional(args), Map.of());
  }

  /** {@link #remoteGen(Class, Object...)} with keyword arguments. */
  public <T> Stream<T> remoteGen(Class<T> type, List<?> args, Map<String, ?> kwargs) {
    Args.notNull(type, "type");
    Args.notNull(args, "args");
    Args.noNullKeys(kwargs, "kwargs");
    JavaType javaType = javaType(type);
    return GeneratorStream.open(sink -> generate(javaType, sink, context.executor(), args, kwargs));
  }

  /** {@link #remoteGen(Class, Object...)} with a generic item type. */
  public <T> Stream<T> remoteGen(TypeReference<T> type, Object... args) {
    Args.notNull(type, "type");
    Args.notNull(args, "args");
    JavaType javaType = javaType(type);
    return GeneratorStream.open(
        sink -> generate(javaType, sink, context.executor(), positional(args), Map.of()));
  }

  /**
   * Calls a generator function, handing each item to {@code onItem} in order (one at a time, on the
   * client's {@linkplain dev.modal4j.ModalClient.Builder#executor executor}). Items are fetched as
   * {@code onItem} returns, a few ahead, so a slow {@code onItem} holds back the stream instead of
   * filling memory. The future completes with the number of items once the generator is done, or
   * with the call's exception; cancelling it cancels the call.
   */
  public <T> CompletableFuture<Long> remoteGenAsync(
      Class<T> type, Consumer<? super T> onItem, Object... args) {
    Args.notNull(type, "type");
    Args.notNull(onItem, "onItem");
    Args.notNull(args, "args");
    return remoteGenAsync(javaType(type), onItem, positional(args), Map.of());
  }

  /** {@link #remoteGenAsync(Class, Consumer, Object...)} with keyword arguments. */
  public <T> CompletableFuture<Long> remoteGenAsync(
      Class<T> type, Consumer<? super T> onItem, List<?> args, Map<String, ?> kwargs) {
    Args.notNull(type, "type");
    Args.notNull(onItem, "onItem");
    Args.notNull(args, "args");
    Args.noNullKeys(kwargs, "kwargs");
    return remoteGenAsync(javaType(type), onItem, args, kwargs);
  }

  private <T> CompletableFuture<Long> remoteGenAsync(
      JavaType type, Consumer<? super T> onItem, List<?> args, Map<String, ?> kwargs) {
    if (type == null || onItem == null) {
      return CompletableFuture.failedFuture(
          new InvalidException("item type and consumer must not be null"));
    }
    return CallerFutures.hand(
        context, generate(type, ItemSink.of(onItem), context.callerExecutor(), args, kwargs));
  }

  private <T> CompletableFuture<Long> generate(
      JavaType type, ItemSink<T> sink, Executor deliverOn, List<?> args, Map<String, ?> kwargs) {
    if (type == null) {
      return CompletableFuture.failedFuture(
          new InvalidException("item type and consumer must not be null"));
    }
    return invoker.remoteGen(target, args, kwargs, type, sink, deliverOn);
  }

  /** The function's current load. */
  public FunctionStats currentStats() {
    return Futures.join(currentStatsAsync());
  }

  /** The async form of {@link #currentStats()}. */
  public CompletableFuture<FunctionStats> currentStatsAsync() {
    return CallerFutures.hand(context, FunctionControls.currentStats(context, target.functionId()));
  }

  /** Historical statistics of the last hour: inputs by outcome and timing percentiles. */
  public FunctionTimeRangeStats stats() {
    return stats(FunctionStatsParams.DEFAULT);
  }

  /**
   * Historical statistics over the params' range (the last hour by default; at most 7 days).
   *
   * @throws dev.modal4j.InvalidException if {@code since} is not before {@code until}
   */
  public FunctionTimeRangeStats stats(FunctionStatsParams params) {
    return Futures.join(statsAsync(params));
  }

  /** The async form of {@link #stats()}. */
  public CompletableFuture<FunctionTimeRangeStats> statsAsync() {
    return statsAsync(FunctionStatsParams.DEFAULT);
  }

  /** The async form of {@link #stats(FunctionStatsParams)}. */
  public CompletableFuture<FunctionTimeRangeStats> statsAsync(FunctionStatsParams params) {
    Args.notNull(params, "params");
    return CallerFutures.hand(
        context,
        dev.modal4j.internal.invocation.FunctionObservability.stats(
            context, target.functionId(), params));
  }

  /** The function's metric samples and series definitions. */
  public FunctionMetrics metrics() {
    return new FunctionMetrics(context, target.functionId());
  }

  /**
   * Overrides the function's autoscaler settings until its next deploy.
   *
   * @return the settings now in effect, as Modal reports them
   */
  public AutoscalerSettings updateAutoscaler(UpdateAutoscalerParams params) {
    return Futures.join(updateAutoscalerAsync(params));
  }

  /** The async form of {@link #updateAutoscaler(UpdateAutoscalerParams)}. */
  public CompletableFuture<AutoscalerSettings> updateAutoscalerAsync(
      UpdateAutoscalerParams params) {
    Args.notNull(params, "params");
    return CallerFutures.hand(
        context, FunctionControls.updateAutoscaler(context, target.functionId(), params));
  }

  /**
   * Calls the function once per input, in parallel on Modal, and streams the results back in input
   * order. Inputs are read lazily: never more than the server's limit of outstanding inputs is read
   * ahead, so memory stays bounded however many inputs there are.
   *
   * <pre>{@code
   * try (Stream<Integer> squares = square.map(Integer.class, IntStream.range(0, 1_000_000).boxed())) {
   *   squares.forEach(System.out::println);
   * }
   * }</pre>
   *
   * <p>Close the stream (try-with-resources) when you stop early: that cancels the remote call and
   * stops reading inputs. The first failed input ends the stream with its exception (see {@link
   * #mapResults(Class, Iterable, MapParams)} to keep going past failures).
   *
   * @param inputs one single argument per input
   * @throws InvalidException before any RPC if the function cannot be mapped (web endpoint,
   *     generator, no CBOR support) or the first input cannot be encoded
   */
  public <T> Stream<T> map(Class<T> type, Iterable<?> inputs) {
    Args.notNull(type, "type");
    Args.notNull(inputs, "inputs");
    return map(type, inputs, MapParams.DEFAULT);
  }

  /** {@link #map(Class, Iterable)} with keyword arguments, ordering and a progress listener. */
  public <T> Stream<T> map(Class<T> type, Iterable<?> inputs, MapParams params) {
    Args.notNull(type, "type");
    Args.notNull(inputs, "inputs");
    Args.notNull(params, "params");
    return MapStreams.values(startMap(javaType(type), singles(iterator(inputs)), params, false));
  }

  /** {@link #map(Class, Iterable)} over a Stream of single arguments, read lazily. */
  public <T> Stream<T> map(Class<T> type, Stream<?> inputs) {
    Args.notNull(type, "type");
    Args.notNull(inputs, "inputs");
    return map(type, inputs, MapParams.DEFAULT);
  }

  /** {@link #map(Class, Stream)} with params. */
  public <T> Stream<T> map(Class<T> type, Stream<?> inputs, MapParams params) {
    Args.notNull(type, "type");
    Args.notNull(inputs, "inputs");
    Args.notNull(params, "params");
    return closing(
        MapStreams.values(startMap(javaType(type), singles(iterator(inputs)), params, false)),
        inputs);
  }

  /** {@link #map(Class, Iterable)} over an Iterator of single arguments, read lazily. */
  public <T> Stream<T> map(Class<T> type, Iterator<?> inputs, MapParams params) {
    Args.notNull(type, "type");
    Args.notNull(inputs, "inputs");
    Args.notNull(params, "params");
    return MapStreams.values(startMap(javaType(type), singles(iterator(inputs)), params, false));
  }

  /** {@link #map(Class, Iterable, MapParams)} with a generic result type. */
  public <T> Stream<T> map(TypeReference<T> type, Iterable<?> inputs, MapParams params) {
    Args.notNull(type, "type");
    Args.notNull(inputs, "inputs");
    Args.notNull(params, "params");
    return MapStreams.values(startMap(javaType(type), singles(iterator(inputs)), params, false));
  }

  /**
   * Like {@link #map(Class, Iterable, MapParams)}, but a failed input does not end the map: each
   * result holds its value or its exception, in its place (Modal's {@code return_exceptions}).
   */
  public <T> Stream<MapResult<T>> mapResults(Class<T> type, Iterable<?> inputs, MapParams params) {
    Args.notNull(type, "type");
    Args.notNull(inputs, "inputs");
    Args.notNull(params, "params");
    return MapStreams.results(startMap(javaType(type), singles(iterator(inputs)), params, true));
  }

  /** {@link #mapResults(Class, Iterable, MapParams)} over a Stream of single arguments. */
  public <T> Stream<MapResult<T>> mapResults(Class<T> type, Stream<?> inputs, MapParams params) {
    Args.notNull(type, "type");
    Args.notNull(inputs, "inputs");
    Args.notNull(params, "params");
    return closing(
        MapStreams.results(startMap(javaType(type), singles(iterator(inputs)), params, true)),
        inputs);
  }

  /**
   * Like {@link #map(Class, Iterable)}, but each input is a list of positional arguments.
   *
   * <pre>{@code
   * Stream<Integer> sums = add.starmap(Integer.class, List.of(List.of(1, 2), List.of(3, 4)));
   * }</pre>
   */
  public <T> Stream<T> starmap(Class<T> type, Iterable<? extends List<?>> inputs) {
    Args.notNull(type, "type");
    Args.notNull(inputs, "inputs");
    return starmap(type, inputs, MapParams.DEFAULT);
  }

  /** {@link #starmap(Class, Iterable)} with params. */
  public <T> Stream<T> starmap(
      Class<T> type, Iterable<? extends List<?>> inputs, MapParams params) {
    Args.notNull(type, "type");
    Args.notNull(inputs, "inputs");
    Args.notNull(params, "params");
    return MapStreams.values(startMap(javaType(type), iterator(inputs), params, false));
  }

  /** {@link #starmap(Class, Iterable, MapParams)} over a Stream of argument lists. */
  public <T> Stream<T> starmap(Class<T> type, Stream<? extends List<?>> inputs, MapParams params) {
    Args.notNull(type, "type");
    Args.notNull(inputs, "inputs");
    Args.notNull(params, "params");
    return closing(
        MapStreams.values(startMap(javaType(type), iterator(inputs), params, false)), inputs);
  }

  /** {@link #mapResults(Class, Iterable, MapParams)} for argument lists. */
  public <T> Stream<MapResult<T>> starmapResults(
      Class<T> type, Iterable<? extends List<?>> inputs, MapParams params) {
    Args.notNull(type, "type");
    Args.notNull(inputs, "inputs");
    Args.notNull(params, "params");
    return MapStreams.results(startMap(javaType(type), iterator(inputs), params, true));
  }

  /**
   * Runs the function for every input and waits for all of them, discarding the results (in
   * completion order, so a slow input holds nothing back).
   *
   * @throws ModalException the first failure, after which the map is cancelled
   */
  public void forEach(Iterable<?> inputs) {
    Args.notNull(inputs, "inputs");
    forEach(inputs, MapParams.DEFAULT);
  }

  /** {@link #forEach(Iterable)} with params; {@code orderOutputs} is ignored. */
  public void forEach(Iterable<?> inputs, MapParams params) {
    Args.notNull(inputs, "inputs");
    Args.notNull(params, "params");
    MapParams unordered = params.toBuilder().orderOutputs(false).build();
    try (Stream<Object> results = map(Object.class, inputs, unordered)) {
      results.forEach(r -> {});
    }
  }

  /**
   * The async form of {@link #map(Class, Iterable, MapParams)}: each result is handed to {@code
   * onResult} (from a modal4j map thread, never a gRPC or Netty thread, one at a time, in the
   * params' order) and the future completes with the number of results once all arrived. Cancelling
   * the future, or finishing it yourself, cancels the map.
   */
  public <T> CompletableFuture<Long> mapAsync(
      Class<T> type, Iterable<?> inputs, MapParams params, Consumer<? super T> onResult) {
    Args.notNull(type, "type");
    Args.notNull(inputs, "inputs");
    Args.notNull(params, "params");
    Args.notNull(onResult, "onResult");
    CompletableFuture<Long> done = new CompletableFuture<>();
    context
        .blockingExecutor()
        .execute(
            () -> {
              long n = 0;
              try (Stream<T> results = map(type, inputs, params)) {
                Iterator<T> it = results.iterator();
                done.whenComplete((v, e) -> results.close());
                while (!done.isDone() && it.hasNext()) {
                  onResult.accept(it.next());
                  n++;
                }
                done.complete(n);
              } catch (RuntimeException e) {
                done.completeExceptionally(e);
              }
            });
    return CallerFutures.hand(context, done);
  }

  /**
   * Submits one call of the function per input without waiting for any result, and returns the
   * handle of the whole call; read results later, from any client, by index with {@link
   * FunctionCall#get(int)} or in order with {@link FunctionCall#results()}.
   *
   * <pre>{@code
   * FunctionCall<Integer> call = square.spawnMap(Integer.class, List.of(1, 2, 3));
   * String id = call.getFunctionCallId();                 // keep it
   * int second = call.get(1);                             // 4
   * }</pre>
   *
   * @throws InvalidException before any RPC if the function cannot be spawned or the first input
   *     cannot be encoded
   */
  public <T> FunctionCall<T> spawnMap(Class<T> type, Iterable<?> inputs) {
    Args.notNull(type, "type");
    Args.notNull(inputs, "inputs");
    return spawnMap(type, inputs, MapParams.DEFAULT);
  }

  /** {@link #spawnMap(Class, Iterable)} with shared keyword arguments ({@code kwargs}). */
  public <T> FunctionCall<T> spawnMap(Class<T> type, Iterable<?> inputs, MapParams params) {
    Args.notNull(type, "type");
    Args.notNull(inputs, "inputs");
    Args.notNull(params, "params");
    SpawnMapStarter.Submitted submitted =
        SpawnMapStarter.submit(invoker, target, singles(iterator(inputs)), params.kwargs());
    return new FunctionCall<T>(
            context, invoker, submitted.functionCallId(), javaType(type), submitted.numInputs())
        .from(target);
  }

  /** The async form of {@link #spawnMap(Class, Iterable, MapParams)}. */
  public <T> CompletableFuture<FunctionCall<T>> spawnMapAsync(
      Class<T> type, Iterable<?> inputs, MapParams params) {
    Args.notNull(type, "type");
    Args.notNull(inputs, "inputs");
    Args.notNull(params, "params");
    return CallerFutures.hand(
        context,
        CompletableFuture.supplyAsync(
            () -> spawnMap(type, inputs, params), context.blockingExecutor()));
  }

  private <T> MapPipeline<T> startMap(
      JavaType type,
      Iterator<? extends List<?>> inputs,
      MapParams params,
      boolean returnExceptions) {
    if (type == null) {
      throw new InvalidException("result type must not be null");
    }
    if (params == null) {
      throw new InvalidException("params must not be null; use MapParams.DEFAULT");
    }
    return MapStarter.start(invoker, target, inputs, params, returnExceptions, type);
  }

  private static Iterator<? extends List<?>> singles(Iterator<?> inputs) {
    return MapStreams.asArgLists(inputs);
  }

  private static <E> Iterator<E> iterator(Iterable<E> inputs) {
    if (inputs == null) {
      throw new InvalidException("inputs must not be null");
    }
    return inputs.iterator();
  }

  private static <E> Iterator<E> iterator(Stream<E> inputs) {
    if (inputs == null) {
      throw new InvalidException("inputs must not be null");
    }
    return inputs.iterator();
  }

  private static <E> Iterator<E> iterator(Iterator<E> inputs) {
    if (inputs == null) {
      throw new InvalidException("inputs must not be null");
    }
    return inputs;
  }

  private static <R> Stream<R> closing(Stream<R> results, Stream<?> inputs) {
    return results.onClose(inputs::close);
  }

  /**
   * This function with options to apply on Modal (resources, GPU, secrets, scaling ...); call
   * {@link ConfiguredFunction#instance()} on the result to get the function that runs with them.
   */
  public ConfiguredFunction withOptions(FunctionOptions options) {
    Args.notNull(options, "options");
    return configure().withOptions(options);
  }

  /** This function with input concurrency set; see {@link ConfiguredFunction#withConcurrency}. */
  public ConfiguredFunction withConcurrency(int maxInputs) {
    return configure().withConcurrency(maxInputs);
  }

  /** This function with input concurrency set; see {@link ConfiguredFunction#withConcurrency}. */
  public ConfiguredFunction withConcurrency(int maxInputs, int targetInputs) {
    return configure().withConcurrency(maxInputs, targetInputs);
  }

  /** This function with dynamic batching set; see {@link ConfiguredFunction#withBatching}. */
  public ConfiguredFunction withBatching(int maxBatchSize, java.time.Duration wait) {
    Args.notNull(wait, "wait");
    return configure().withBatching(maxBatchSize, wait);
  }

  private synchronized ConfiguredFunction configure() {
    if (binder == null) {
      binder = new InstanceBinder(context, target.functionId(), context.environment());
    }
    return new ConfiguredFunction(context, invoker, target, binder, OptionValues.EMPTY);
  }

  @Override
  public String toString() {
    return "Function{" + target.label() + ", id=" + target.functionId() + "}";
  }

  private static List<Object> positional(Object[] args) {
    return args == null ? List.of() : Arrays.asList(args);
  }

  private static JavaType javaType(Class<?> type) {
    return type == null ? null : Cbor.type(type);
  }

  private static JavaType javaType(TypeReference<?> type) {
    return type == null ? null : Cbor.type(type);
  }
}
