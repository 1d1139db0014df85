package dev.modal4j.queues;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.google.protobuf.ByteString;
import dev.modal4j.InvalidException;
import dev.modal4j.QueueEmptyException;
import dev.modal4j.QueueFullException;
import dev.modal4j.ResourceExhaustedException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.objects.AsyncLoop;
import dev.modal4j.internal.objects.Heartbeat;
import dev.modal4j.internal.objects.ObjectArgs;
import dev.modal4j.internal.pickle.Pickles;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.QueueClearRequest;
import dev.modal4j.proto.QueueGetRequest;
import dev.modal4j.proto.QueueLenRequest;
import dev.modal4j.proto.QueuePutRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A Modal Queue: a distributed FIFO of values, with independent partitions. Get one from {@link
 * Queues}.
 *
 * <pre>{@code
 * try (Queue q = modal.queues().ephemeral()) {
 *   q.put(List.of(1, "two", 3.0));
 *   List<Object> v = q.get(new TypeReference<List<Object>>() {}, QueueGetParams.DEFAULT);
 * }
 * }</pre>
 *
 * <p>Values travel as Python pickles, so Python, JS and Go programs share the queue: null, Boolean,
 * whole numbers (any size), Float/Double, String, byte[], {@link dev.modal4j.PyTuple}, List, Set,
 * Map, and records or POJOs (as dicts). Reads decode into the type asked for through Jackson, or
 * untyped with {@code Object.class}. A stored value that is not plain data (a pickled class
 * instance) is refused with {@link dev.modal4j.DeserializationException}, never executed.
 *
 * <p>A {@code null} value is Python {@code None}: {@code put(null)} is allowed, as {@code
 * queue.put(None)} is in Python. Every other argument (types, params, the list of values itself)
 * refuses null.
 *
 * <p>Every blocking method has an {@code Async} form; cancelling its future cancels the RPC in
 * flight. Bad arguments (a null type or params, a value that cannot be pickled) are refused by both
 * forms with an {@link InvalidException} thrown from the call itself, before anything is sent;
 * errors from Modal, timeouts and cancellation complete the async form's future. {@link #close()}
 * stops the heartbeats of an ephemeral queue (the server then deletes it) and does nothing for a
 * named one.
 */
public final class Queue implements AutoCloseable {
  private static final Duration MAX_POLL = Duration.ofSeconds(50);
  private static final Duration FIRST_FULL_DELAY = Duration.ofMillis(100);
  private static final Duration MAX_FULL_DELAY = Duration.ofSeconds(30);

  private final ClientContext context;
  private final String queueId;
  private final String name;
  private final Heartbeat heartbeat;

  Queue(ClientContext context, String queueId, String name, Heartbeat heartbeat) {
    this.context = context;
    this.queueId = queueId;
    this.name = name;
    this.heartbeat = heartbeat;
  }

  /** The queue's id ({@code qu-...}). */
  public String queueId() {
    return queueId;
  }

  /** The queue's name; empty for an ephemeral queue. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** Whether this is an ephemeral queue (kept alive by this client's heartbeats). */
  public boolean isEphemeral() {
    return heartbeat != null;
  }

  /**
   * Stops the heartbeats of an ephemeral queue, after which Modal deletes it; does nothing for a
   * named queue. Idempotent; throws nothing.
   */
  @Override
  public void close() {
    if (heartbeat != null) {
      heartbeat.close();
    }
  }

  // ---- clear ----

  /** Removes every value from the default partition. */
  public void clear() {
    Futures.join(startClear(QueueClearParams.DEFAULT));
  }

  /**
   * Removes every value from one partition, or from all.
   *
   * @throws InvalidException if params is null
   */
  public void clear(QueueClearParams params) {
    Futures.join(startClear(params));
  }

  /**
   * The async form of {@link #clear(QueueClearParams)}.
   *
   * @throws InvalidException if params is null
   */
  public CompletableFuture<Void> clearAsync(QueueClearParams params) {
    return CallerFutures.hand(context, startClear(params));
  }

  private CompletableFuture<Void> startClear(QueueClearParams params) {
    Args.notNull(params, "params");
    QueueClearRequest req =
        QueueClearRequest.newBuilder()
            .setQueueId(queueId)
            .setPartitionKey(ObjectArgs.partitionKey(params.partition()))
            .setAllPartitions(params.all())
            .build();
    return mapped(
        context.controlPlane().unary(ModalClientGrpc.getQueueClearMethod(), req), r -> (Void) null);
  }

  // ---- get ----

  /**
   * Removes the next value of the default partition, waiting as long as it takes.
   *
   * @param type what to decode the value into ({@code Object.class}: untyped)
   * @throws InvalidException if type is null
   */
  public <T> T get(Class<T> type) {
    return Futures.join(first(startGet(1, typeOf(type), QueueGetParams.DEFAULT)));
  }

  /**
   * Removes the next value of a partition, waiting up to the params' timeout.
   *
   * @param type what to decode the value into ({@code Object.class}: untyped)
   * @throws QueueEmptyException if no value came within the timeout
   * @throws InvalidException if an argument is null
   */
  public <T> T get(Class<T> type, QueueGetParams params) {
    return Futures.join(first(startGet(1, typeOf(type), params)));
  }

  /**
   * Like {@link #get(Class, QueueGetParams)}, decoding into a generic type.
   *
   * @throws QueueEmptyException if no value came within the timeout
   * @throws InvalidException if an argument is null
   */
  public <T> T get(TypeReference<T> type, QueueGetParams params) {
    return Futures.join(first(startGet(1, typeOf(type), params)));
  }

  /**
   * The async form of {@link #get(Class, QueueGetParams)}.
   *
   * @throws InvalidException if an argument is null
   */
  public <T> CompletableFuture<T> getAsync(Class<T> type, QueueGetParams params) {
    return CallerFutures.hand(context, first(startGet(1, typeOf(type), params)));
  }

  /**
   * The async form of {@link #get(TypeReference, QueueGetParams)}.
   *
   * @throws InvalidException if an argument is null
   */
  public <T> CompletableFuture<T> getAsync(TypeReference<T> type, QueueGetParams params) {
    return CallerFutures.hand(context, first(startGet(1, typeOf(type), params)));
  }

  /**
   * Removes up to {@code n} values from a partition: as many as are there once the first arrives,
   * waiting up to the params' timeout for it.
   *
   * @param n at least 1
   * @throws QueueEmptyException if no value came within the timeout
   * @throws InvalidException if n is below 1 or an argument is null
   */
  public <T> List<T> getMany(int n, Class<T> type, QueueGetParams params) {
    return Futures.join(startGet(n, typeOf(type), params));
  }

  /**
   * Like {@link #getMany(int, Class, QueueGetParams)}, decoding into a generic type.
   *
   * @throws QueueEmptyException if no value came within the timeout
   * @throws InvalidException if n is below 1 or an argument is null
   */
  public <T> List<T> getMany(int n, TypeReference<T> type, QueueGetParams params) {
    return Futures.join(startGet(n, typeOf(type), params));
  }

  /**
   * The async form of {@link #getMany(int, Class, QueueGetParams)}.
   *
   * @throws InvalidException if n is below 1 or an argument is null
   */
  public <T> CompletableFuture<List<T>> getManyAsync(int n, Class<T> type, QueueGetParams params) {
    return CallerFutures.hand(context, startGet(n, typeOf(type), params));
  }

  /**
   * The async form of {@link #getMany(int, TypeReference, QueueGetParams)}.
   *
   * @throws InvalidException if n is below 1 or an argument is null
   */
  public <T> CompletableFuture<List<T>> getManyAsync(
      int n, TypeReference<T> type, QueueGetParams params) {
    return CallerFutures.hand(context, startGet(n, typeOf(type), params));
  }

  private static JavaType typeOf(Class<?> type) {
    return Pickles.type(Args.notNull(type, "type"));
  }

  private static JavaType typeOf(TypeReference<?> type) {
    return Pickles.type(Args.notNull(type, "type"));
  }

  private static <T> CompletableFuture<T> first(CompletableFuture<List<T>> many) {
    return mapped(many, l -> l.get(0));
  }

  /** {@code source.thenApply(f)}; cancelling the result cancels {@code source}. */
  private static <R, T> CompletableFuture<T> mapped(
      CompletableFuture<R> source, Function<? super R, ? extends T> f) {
    CompletableFuture<T> out = source.thenApply(f);
    Futures.propagateCancel(out, source);
    return out;
  }

  private <T> CompletableFuture<List<T>> startGet(int n, JavaType type, QueueGetParams params) {
    if (n < 1) {
      throw new InvalidException("n must be at least 1, got " + n);
    }
    Args.notNull(params, "params");
    ByteString key = ObjectArgs.partitionKey(params.partition());
    Optional<Duration> timeout = params.timeout();
    long deadline = timeout.map(d -> System.nanoTime() + d.toNanos()).orElse(0L);
    AsyncLoop<List<ByteString>> loop = new AsyncLoop<>();
    pollGet(loop, n, key, timeout, deadline);
    CompletableFuture<List<T>> out =
        loop.result()
            .thenApplyAsync(
                values -> {
                  List<T> decoded = new ArrayList<>(values.size());
                  for (ByteString v : values) {
                    decoded.add(Pickles.<T>decode(v.toByteArray(), type));
                  }
                  return decoded;
                },
                context.executor());
    Futures.propagateCancel(out, loop.result());
    return out;
  }

  private void pollGet(
      AsyncLoop<List<ByteString>> loop,
      int n,
      ByteString key,
      Optional<Duration> timeout,
      long deadline) {
    if (loop.isDone()) {
      return;
    }
    Duration poll = MAX_POLL;
    if (timeout.isPresent()) {
      Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      poll = remaining.compareTo(MAX_POLL) < 0 ? remaining : MAX_POLL;
    }
    QueueGetRequest req =
        QueueGetRequest.newBuilder()
            .setQueueId(queueId)
            .setTimeout(poll.toNanos() / 1e9f)
            .setNValues(n)
            .setPartitionKey(key)
            .build();
    loop.track(context.controlPlane().unary(ModalClientGrpc.getQueueGetMethod(), req))
        .whenComplete(
            (resp, err) -> {
              if (err != null) {
                loop.result().completeExceptionally(Futures.unwrap(err));
              } else if (resp.getValuesCount() > 0) {
                loop.result().complete(resp.getValuesList());
              } else if (timeout.isPresent() && System.nanoTime() - deadline >= 0) {
                loop.result()
                    .completeExceptionally(
                        new QueueEmptyException(
                            "Queue "
                                + queueId
                                + " did not return values within "
                                + timeout.get().toMillis()
                                + " ms"));
              } else {
                pollGet(loop, n, key, timeout, deadline);
              }
            });
  }

  // ---- put ----

  /**
   * Adds a value to the default partition, retrying as long as it takes while the queue is full.
   *
   * @param value a value with a Python equivalent (see the class doc); null is Python None
   * @throws InvalidException if the value cannot be pickled or is larger than Modal allows
   */
  public void put(Object value) {
    Futures.join(startPut(singleton(value), QueuePutParams.DEFAULT));
  }

  /**
   * Adds a value to a partition.
   *
   * @param value a value with a Python equivalent (see the class doc); null is Python None
   * @throws QueueFullException if the queue stayed full for the params' timeout
   * @throws InvalidException if the value cannot be pickled or params is null
   */
  public void put(Object value, QueuePutParams params) {
    Futures.join(startPut(singleton(value), params));
  }

  /**
   * The async form of {@link #put(Object, QueuePutParams)}.
   *
   * @param value a value with a Python equivalent (see the class doc); null is Python None
   * @throws InvalidException if the value cannot be pickled or params is null
   */
  public CompletableFuture<Void> putAsync(Object value, QueuePutParams params) {
    return CallerFutures.hand(context, startPut(singleton(value), params));
  }

  /**
   * Adds values, in order, to the default partition; all of them or none.
   *
   * @param values the values; null elements are Python None
   * @throws InvalidException if values is null or a value cannot be pickled
   */
  public void putMany(List<?> values) {
    Futures.join(startPut(values, QueuePutParams.DEFAULT));
  }

  /**
   * Adds values, in order, to a partition; all of them or none.
   *
   * @param values the values; null elements are Python None
   * @throws QueueFullException if the queue stayed full for the params' timeout
   * @throws InvalidException if an argument is null or a value cannot be pickled
   */
  public void putMany(List<?> values, QueuePutParams params) {
    Futures.join(startPut(values, params));
  }

  /**
   * The async form of {@link #putMany(List, QueuePutParams)}.
   *
   * @param values the values; null elements are Python None
   * @throws InvalidException if an argument is null or a value cannot be pickled
   */
  public CompletableFuture<Void> putManyAsync(List<?> values, QueuePutParams params) {
    return CallerFutures.hand(context, startPut(values, params));
  }

  private CompletableFuture<Void> startPut(List<?> values, QueuePutParams params) {
    Args.notNull(values, "values");
    Args.notNull(params, "params");
    QueuePutRequest.Builder b =
        QueuePutRequest.newBuilder()
            .setQueueId(queueId)
            .setPartitionKey(ObjectArgs.partitionKey(params.partition()))
            .setPartitionTtlSeconds((int) params.partitionTtl().getSeconds());
    for (Object v : values) {
      b.addValues(ByteString.copyFrom(Pickles.encode(v, "value")));
    }
    QueuePutRequest req = b.build();
    Optional<Duration> timeout = params.timeout();
    long deadline = timeout.map(d -> System.nanoTime() + d.toNanos()).orElse(0L);
    AsyncLoop<Void> loop = new AsyncLoop<>();
    tryPut(loop, req, timeout, deadline, FIRST_FULL_DELAY);
    return loop.result();
  }

  private void tryPut(
      AsyncLoop<Void> loop,
      QueuePutRequest req,
      Optional<Duration> timeout,
      long deadline,
      Duration delay) {
    if (loop.isDone()) {
      return;
    }
    loop.track(context.controlPlane().unary(ModalClientGrpc.getQueuePutMethod(), req))
        .whenComplete(
            (r, err) -> {
              if (err == null) {
                loop.result().complete(null);
                return;
              }
              Throwable cause = Futures.unwrap(err);
              if (!(cause instanceof ResourceExhaustedException)) {
                loop.result().completeExceptionally(cause);
                return;
              }
              if (timeout.isPresent() && System.nanoTime() + delay.toNanos() - deadline > 0) {
                loop.result()
                    .completeExceptionally(
                        new QueueFullException(
                            "Queue " + queueId + " stayed full: put failed", cause));
                return;
              }
              Duration next = delay.multipliedBy(2);
              Duration capped = next.compareTo(MAX_FULL_DELAY) > 0 ? MAX_FULL_DELAY : next;
              loop.track(
                  context
                      .scheduler()
                      .schedule(
                          () -> tryPut(loop, req, timeout, deadline, capped),
                          delay.toMillis(),
                          TimeUnit.MILLISECONDS));
            });
  }

  private static List<Object> singleton(Object value) {
    List<Object> l = new ArrayList<>(1);
    l.add(value);
    return l;
  }

  // ---- len ----

  /** The number of values in the default partition. */
  public int len() {
    return Futures.join(startLen(QueueLenParams.DEFAULT));
  }

  /**
   * The number of values in one partition, or in all.
   *
   * @throws InvalidException if params is null
   */
  public int len(QueueLenParams params) {
    return Futures.join(startLen(params));
  }

  /**
   * The async form of {@link #len(QueueLenParams)}.
   *
   * @throws InvalidException if params is null
   */
  public CompletableFuture<Integer> lenAsync(QueueLenParams params) {
    return CallerFutures.hand(context, startLen(params));
  }

  private CompletableFuture<Integer> startLen(QueueLenParams params) {
    Args.notNull(params, "params");
    QueueLenRequest req =
        QueueLenRequest.newBuilder()
            .setQueueId(queueId)
            .setPartitionKey(ObjectArgs.partitionKey(params.partition()))
            .setTotal(params.total())
            .build();
    return mapped(
        context.controlPlane().unary(ModalClientGrpc.getQueueLenMethod(), req), r -> r.getLen());
  }

  // ---- iterate ----

  /**
   * The values of the default partition, oldest first, without removing them; the stream ends at
   * the first poll that finds nothing new.
   *
   * @throws InvalidException if type is null
   */
  public <T> Stream<T> iterate(Class<T> type) {
    return iterate(type, QueueIterateParams.DEFAULT);
  }

  /**
   * The values of a partition, oldest first, without removing them. The stream is lazy: it polls as
   * it is consumed and ends once no new value came for the params' item poll timeout. Blocking;
   * close it to stop early.
   *
   * @throws InvalidException if an argument is null
   */
  public <T> Stream<T> iterate(Class<T> type, QueueIterateParams params) {
    Args.notNull(type, "type");
    Args.notNull(params, "params");
    return QueueIterator.stream(
        context,
        queueId,
        ObjectArgs.partitionKey(params.partition()),
        params.itemPollTimeout(),
        Pickles.type(type));
  }

  /** The queue's id and name, for logs. */
  @Override
  public String toString() {
    return "Queue{" + queueId + (name == null ? ", ephemeral" : ", name=" + name) + "}";
  }
}
