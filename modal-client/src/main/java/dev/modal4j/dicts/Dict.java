package dev.modal4j.dicts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.google.protobuf.ByteString;
import dev.modal4j.InvalidException;
import dev.modal4j.NotFoundException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.objects.Heartbeat;
import dev.modal4j.internal.objects.ServerStreamIterator;
import dev.modal4j.internal.pickle.Pickles;
import dev.modal4j.proto.DictClearRequest;
import dev.modal4j.proto.DictContainsRequest;
import dev.modal4j.proto.DictContentsRequest;
import dev.modal4j.proto.DictEntry;
import dev.modal4j.proto.DictGetRequest;
import dev.modal4j.proto.DictGetResponse;
import dev.modal4j.proto.DictLenRequest;
import dev.modal4j.proto.DictPopRequest;
import dev.modal4j.proto.DictPopResponse;
import dev.modal4j.proto.DictUpdateRequest;
import dev.modal4j.proto.ModalClientGrpc;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A Modal Dict: a distributed key-value store shared with Python programs. Get one from {@link
 * Dicts}.
 *
 * <pre>{@code
 * Dict d = modal.dicts().fromName("cache", DictFromNameParams.builder().createIfMissing(true).build());
 * d.put("answer", 42);
 * int v = d.get("answer", Integer.class).orElseThrow();
 * }</pre>
 *
 * <p>Keys and values travel as Python pickles (see {@link dev.modal4j.queues.Queue} for the types);
 * keys match when their pickles are byte for byte equal, as on Modal, so {@code "a"} in Java is the
 * key {@code "a"} in Python. Reads decode into the type asked for through Jackson, or untyped with
 * {@code Object.class}.
 *
 * <p>A {@code null} key or value is Python {@code None}, which Python allows ({@code d[None] = 1},
 * {@code d["k"] = None}); so is a null default of {@code get} and {@code pop}. Every other argument
 * (types, params, the map of entries itself) refuses null. A key that Python cannot hash (a List,
 * Map or Set) is refused.
 *
 * <p>Every unary method has an {@code Async} form; cancelling its future cancels the RPC in flight.
 * Bad arguments (a null type or params, a key or value that cannot be pickled) are refused by both
 * forms with an {@link InvalidException} thrown from the call itself, before anything is sent;
 * errors from Modal and cancellation complete the async form's future. {@link #close()} stops the
 * heartbeats of an ephemeral dict and does nothing for a named one.
 */
public final class Dict implements AutoCloseable {
  private final ClientContext context;
  private final String dictId;
  private final String name;
  private final Heartbeat heartbeat;

  Dict(ClientContext context, String dictId, String name, Heartbeat heartbeat) {
    this.context = context;
    this.dictId = dictId;
    this.name = name;
    this.heartbeat = heartbeat;
  }

  /** The dict's id ({@code di-...}). */
  public String dictId() {
    return dictId;
  }

  /** The dict's name; empty for an ephemeral dict. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** Whether this is an ephemeral dict (kept alive by this client's heartbeats). */
  public boolean isEphemeral() {
    return heartbeat != null;
  }

  /** Stops the heartbeats of an ephemeral dict; does nothing for a named one. Throws nothing. */
  @Override
  public void close() {
    if (heartbeat != null) {
      heartbeat.close();
    }
  }

  private static ByteString key(Object key) {
    return ByteString.copyFrom(Pickles.encodeKey(key, "key"));
  }

  private static JavaType type(Class<?> type, String parameter) {
    return Pickles.type(Args.notNull(type, parameter));
  }

  private static JavaType type(TypeReference<?> type, String parameter) {
    return Pickles.type(Args.notNull(type, parameter));
  }

  /** {@code source.thenApply(f)}; cancelling the result cancels {@code source}. */
  private static <R, T> CompletableFuture<T> mapped(
      CompletableFuture<R> source, Function<? super R, ? extends T> f) {
    CompletableFuture<T> out = source.thenApply(f);
    Futures.propagateCancel(out, source);
    return out;
  }

  // ---- get ----

  /**
   * The value under a key; empty if the key is absent (or its value is Python None: use {@link
   * #contains} to tell them apart).
   *
   * @param key the key; null is Python None
   * @throws InvalidException if the key cannot be pickled or type is null
   */
  public <T> Optional<T> get(Object key, Class<T> type) {
    return Futures.join(startGet(key, type(type, "type")));
  }

  /**
   * The value under a key, or {@code defaultValue} if the key is absent (a key whose value is
   * Python None gives null, as Python's {@code d.get(key, default)} does).
   *
   * @param key the key; null is Python None
   * @param defaultValue may be null
   * @throws InvalidException if the key cannot be pickled or type is null
   */
  public <T> T get(Object key, Class<T> type, T defaultValue) {
    Found<T> f = Futures.join(this.<T>lookup(key, type(type, "type")));
    return f.found() ? f.value() : defaultValue;
  }

  /**
   * Like {@link #get(Object, Class)}, decoding into a generic type.
   *
   * @param key the key; null is Python None
   * @throws InvalidException if the key cannot be pickled or type is null
   */
  public <T> Optional<T> get(Object key, TypeReference<T> type) {
    return Futures.join(startGet(key, type(type, "type")));
  }

  /**
   * The async form of {@link #get(Object, Class)}.
   *
   * @param key the key; null is Python None
   * @throws InvalidException if the key cannot be pickled or type is null
   */
  public <T> CompletableFuture<Optional<T>> getAsync(Object key, Class<T> type) {
    return CallerFutures.hand(context, startGet(key, type(type, "type")));
  }

  /**
   * The async form of {@link #get(Object, TypeReference)}.
   *
   * @param key the key; null is Python None
   * @throws InvalidException if the key cannot be pickled or type is null
   */
  public <T> CompletableFuture<Optional<T>> getAsync(Object key, TypeReference<T> type) {
    return CallerFutures.hand(context, startGet(key, type(type, "type")));
  }

  private <T> CompletableFuture<Optional<T>> startGet(Object key, JavaType type) {
    return mapped(this.<T>lookup(key, type), f -> Optional.ofNullable(f.value()));
  }

  /** Whether a key was there, and its value. */
  private record Found<T>(boolean found, T value) {}

  private <T> CompletableFuture<Found<T>> lookup(Object key, JavaType type) {
    DictGetRequest req = DictGetRequest.newBuilder().setDictId(dictId).setKey(key(key)).build();
    CompletableFuture<DictGetResponse> rpc =
        context.controlPlane().unary(ModalClientGrpc.getDictGetMethod(), req);
    CompletableFuture<Found<T>> out =
        rpc.thenApplyAsync(
            r ->
                r.getFound()
                    ? new Found<>(true, Pickles.<T>decode(r.getValue().toByteArray(), type))
                    : new Found<T>(false, null),
            context.executor());
    Futures.propagateCancel(out, rpc);
    return out;
  }

  // ---- contains, len ----

  /**
   * Whether the key is present.
   *
   * @param key the key; null is Python None
   * @throws InvalidException if the key cannot be pickled
   */
  public boolean contains(Object key) {
    return Futures.join(startContains(key));
  }

  /**
   * The async form of {@link #contains(Object)}.
   *
   * @param key the key; null is Python None
   * @throws InvalidException if the key cannot be pickled
   */
  public CompletableFuture<Boolean> containsAsync(Object key) {
    return CallerFutures.hand(context, startContains(key));
  }

  private CompletableFuture<Boolean> startContains(Object key) {
    DictContainsRequest req =
        DictContainsRequest.newBuilder().setDictId(dictId).setKey(key(key)).build();
    return mapped(
        context.controlPlane().unary(ModalClientGrpc.getDictContainsMethod(), req),
        r -> r.getFound());
  }

  /** The number of entries (Modal counts at most 100,000). */
  public int len() {
    return Futures.join(startLen());
  }

  /** The async form of {@link #len()}. */
  public CompletableFuture<Integer> lenAsync() {
    return CallerFutures.hand(context, startLen());
  }

  private CompletableFuture<Integer> startLen() {
    return mapped(
        context
            .controlPlane()
            .unary(
                ModalClientGrpc.getDictLenMethod(),
                DictLenRequest.newBuilder().setDictId(dictId).build()),
        r -> r.getLen());
  }

  // ---- put, update ----

  /**
   * Stores a value under a key, replacing any value there.
   *
   * @param key the key; null is Python None
   * @param value the value; null is Python None
   * @throws InvalidException if the key or value cannot be pickled
   */
  public void put(Object key, Object value) {
    Futures.join(startPut(key, value, DictPutParams.DEFAULT));
  }

  /**
   * Stores a value under a key; with {@code skipIfExists}, only if the key is absent.
   *
   * @param key the key; null is Python None
   * @param value the value; null is Python None
   * @return whether the value was stored
   * @throws InvalidException if the key or value cannot be pickled or params is null
   */
  public boolean put(Object key, Object value, DictPutParams params) {
    return Futures.join(startPut(key, value, params));
  }

  /**
   * The async form of {@link #put(Object, Object, DictPutParams)}.
   *
   * @param key the key; null is Python None
   * @param value the value; null is Python None
   * @throws InvalidException if the key or value cannot be pickled or params is null
   */
  public CompletableFuture<Boolean> putAsync(Object key, Object value, DictPutParams params) {
    return CallerFutures.hand(context, startPut(key, value, params));
  }

  private CompletableFuture<Boolean> startPut(Object key, Object value, DictPutParams params) {
    Args.notNull(params, "params");
    DictUpdateRequest req =
        DictUpdateRequest.newBuilder()
            .setDictId(dictId)
            .addUpdates(
                DictEntry.newBuilder()
                    .setKey(key(key))
                    .setValue(ByteString.copyFrom(Pickles.encode(value, "value"))))
            .setIfNotExists(params.skipIfExists())
            .build();
    boolean skipIfExists = params.skipIfExists();
    return mapped(
        context.controlPlane().unary(ModalClientGrpc.getDictUpdateMethod(), req),
        r -> !skipIfExists || r.getCreated());
  }

  /**
   * Stores every entry of a map, replacing values already there. Null keys and values are Python
   * None.
   *
   * @throws InvalidException if entries is null or a key or value cannot be pickled
   */
  public void update(Map<?, ?> entries) {
    Futures.join(startUpdate(entries));
  }

  /**
   * The async form of {@link #update(Map)}.
   *
   * @throws InvalidException if entries is null or a key or value cannot be pickled
   */
  public CompletableFuture<Void> updateAsync(Map<?, ?> entries) {
    return CallerFutures.hand(context, startUpdate(entries));
  }

  private CompletableFuture<Void> startUpdate(Map<?, ?> entries) {
    Args.notNull(entries, "entries");
    DictUpdateRequest.Builder b = DictUpdateRequest.newBuilder().setDictId(dictId);
    for (Map.Entry<?, ?> e : entries.entrySet()) {
      b.addUpdates(
          DictEntry.newBuilder()
              .setKey(key(e.getKey()))
              .setValue(ByteString.copyFrom(Pickles.encode(e.getValue(), "value"))));
    }
    return mapped(
        context.controlPlane().unary(ModalClientGrpc.getDictUpdateMethod(), b.build()),
        r -> (Void) null);
  }

  // ---- pop ----

  /**
   * Removes a key and returns its value (Python {@code pop(key)}).
   *
   * @param key the key; null is Python None
   * @throws NotFoundException if the key is absent
   * @throws InvalidException if the key cannot be pickled or type is null
   */
  public <T> T pop(Object key, Class<T> type) {
    return Futures.join(startPop(key, type));
  }

  /**
   * Removes a key and returns its value, or {@code defaultValue} if it was absent.
   *
   * @param key the key; null is Python None
   * @param defaultValue may be null
   * @throws InvalidException if the key cannot be pickled or type is null
   */
  public <T> T pop(Object key, Class<T> type, T defaultValue) {
    Found<T> p = Futures.join(popRaw(key, type));
    return p.found() ? p.value() : defaultValue;
  }

  /**
   * The async form of {@link #pop(Object, Class)}.
   *
   * @param key the key; null is Python None
   * @throws InvalidException if the key cannot be pickled or type is null
   */
  public <T> CompletableFuture<T> popAsync(Object key, Class<T> type) {
    return CallerFutures.hand(context, startPop(key, type));
  }

  private <T> CompletableFuture<T> startPop(Object key, Class<T> type) {
    return mapped(
        popRaw(key, type),
        p -> {
          if (!p.found()) {
            throw new NotFoundException("Key " + describe(key) + " not in dict " + dictId);
          }
          return p.value();
        });
  }

  private <T> CompletableFuture<Found<T>> popRaw(Object key, Class<T> type) {
    JavaType t = type(type, "type");
    DictPopRequest req = DictPopRequest.newBuilder().setDictId(dictId).setKey(key(key)).build();
    CompletableFuture<DictPopResponse> rpc =
        context.controlPlane().unary(ModalClientGrpc.getDictPopMethod(), req);
    CompletableFuture<Found<T>> out =
        rpc.thenApplyAsync(
            r ->
                r.getFound()
                    ? new Found<>(true, Pickles.<T>decode(r.getValue().toByteArray(), t))
                    : new Found<T>(false, null),
            context.executor());
    Futures.propagateCancel(out, rpc);
    return out;
  }

  private static String describe(Object key) {
    String s = String.valueOf(key);
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  // ---- clear ----

  /** Removes every entry. */
  public void clear() {
    Futures.join(startClear());
  }

  /** The async form of {@link #clear()}. */
  public CompletableFuture<Void> clearAsync() {
    return CallerFutures.hand(context, startClear());
  }

  private CompletableFuture<Void> startClear() {
    return mapped(
        context
            .controlPlane()
            .unary(
                ModalClientGrpc.getDictClearMethod(),
                DictClearRequest.newBuilder().setDictId(dictId).build()),
        r -> (Void) null);
  }

  // ---- keys, values, items ----

  /**
   * The keys, lazily: the entries are streamed from Modal as the stream is consumed. Close the
   * stream to stop early (try-with-resources).
   *
   * @throws InvalidException if keyType is null
   */
  public <K> Stream<K> keys(Class<K> keyType) {
    JavaType k = type(keyType, "keyType");
    return contents(true, false, e -> Pickles.<K>decode(e.getKey().toByteArray(), k));
  }

  /**
   * The values, lazily, as {@link #keys}.
   *
   * @throws InvalidException if valueType is null
   */
  public <V> Stream<V> values(Class<V> valueType) {
    JavaType v = type(valueType, "valueType");
    return contents(false, true, e -> Pickles.<V>decode(e.getValue().toByteArray(), v));
  }

  /**
   * The entries, lazily, as {@link #keys}. Entries whose value is Python None have a null value.
   *
   * @throws InvalidException if a type is null
   */
  public <K, V> Stream<Map.Entry<K, V>> items(Class<K> keyType, Class<V> valueType) {
    JavaType k = type(keyType, "keyType");
    JavaType v = type(valueType, "valueType");
    return contents(
        true,
        true,
        e ->
            new AbstractMap.SimpleImmutableEntry<>(
                Pickles.<K>decode(e.getKey().toByteArray(), k),
                Pickles.<V>decode(e.getValue().toByteArray(), v)));
  }

  private <T> Stream<T> contents(boolean keys, boolean values, Function<DictEntry, T> decode) {
    DictContentsRequest req =
        DictContentsRequest.newBuilder().setDictId(dictId).setKeys(keys).setValues(values).build();
    ServerStreamIterator<DictEntry, T> it =
        new ServerStreamIterator<>(
            observer ->
                context
                    .controlPlane()
                    .serverStream(ModalClientGrpc.getDictContentsMethod(), req, observer),
            decode);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false)
        .onClose(it::close);
  }

  /** The dict's id and name, for logs. */
  @Override
  public String toString() {
    return "Dict{" + dictId + (name == null ? ", ephemeral" : ", name=" + name) + "}";
  }
}
