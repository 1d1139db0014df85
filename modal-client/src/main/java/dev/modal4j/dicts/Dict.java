package dev.modal4j.dicts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.google.protobuf.ByteString;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.NotFoundException;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.objects.Heartbeat;
import dev.modal4j.internal.objects.ObjectArgs;
import dev.modal4j.internal.objects.ServerStreamIterator;
import dev.modal4j.internal.pickle.Pickles;
import dev.modal4j.proto.DictClearRequest;
import dev.modal4j.proto.DictContainsRequest;
import dev.modal4j.proto.DictContentsRequest;
import dev.modal4j.proto.DictEntry;
import dev.modal4j.proto.DictGetRequest;
import dev.modal4j.proto.DictLenRequest;
import dev.modal4j.proto.DictPopRequest;
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
 * <p>Every unary method has an {@code Async} form. {@link #close()} stops the heartbeats of an
 * ephemeral dict and does nothing for a named one.
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

  private static JavaType type(Class<?> type) {
    return Pickles.type(ObjectArgs.notNull(type, "type"));
  }

  private static JavaType type(TypeReference<?> type) {
    return Pickles.type(ObjectArgs.notNull(type, "type"));
  }

  // ---- get ----

  /**
   * The value under a key; empty if the key is absent (or its value is Python None: use {@link
   * #contains} to tell them apart).
   *
   * @throws InvalidException if the key cannot be pickled or type is null
   */
  public <T> Optional<T> get(Object key, Class<T> type) {
    return Futures.join(getAsync(key, type));
  }

  /**
   * The value under a key, or {@code defaultValue} if the key is absent.
   *
   * @param defaultValue may be null
   */
  public <T> T get(Object key, Class<T> type, T defaultValue) {
    return Futures.join(getAsync(key, type)).orElse(defaultValue);
  }

  /** Like {@link #get(Object, Class)}, decoding into a generic type. */
  public <T> Optional<T> get(Object key, TypeReference<T> type) {
    return Futures.join(getAsync(key, type));
  }

  /** The async form of {@link #get(Object, Class)}. */
  public <T> CompletableFuture<Optional<T>> getAsync(Object key, Class<T> type) {
    try {
      return getTyped(key, type(type));
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The async form of {@link #get(Object, TypeReference)}. */
  public <T> CompletableFuture<Optional<T>> getAsync(Object key, TypeReference<T> type) {
    try {
      return getTyped(key, type(type));
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private <T> CompletableFuture<Optional<T>> getTyped(Object key, JavaType type) {
    DictGetRequest req = DictGetRequest.newBuilder().setDictId(dictId).setKey(key(key)).build();
    return context
        .controlPlane()
        .unary(ModalClientGrpc.getDictGetMethod(), req)
        .thenApplyAsync(
            r ->
                r.getFound()
                    ? Optional.ofNullable(Pickles.<T>decode(r.getValue().toByteArray(), type))
                    : Optional.<T>empty(),
            context.executor());
  }

  // ---- contains, len ----

  /**
   * Whether the key is present.
   *
   * @throws InvalidException if the key cannot be pickled
   */
  public boolean contains(Object key) {
    return Futures.join(containsAsync(key));
  }

  /** The async form of {@link #contains(Object)}. */
  public CompletableFuture<Boolean> containsAsync(Object key) {
    try {
      DictContainsRequest req =
          DictContainsRequest.newBuilder().setDictId(dictId).setKey(key(key)).build();
      return context
          .controlPlane()
          .unary(ModalClientGrpc.getDictContainsMethod(), req)
          .thenApply(r -> r.getFound());
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The number of entries (Modal counts at most 100,000). */
  public int len() {
    return Futures.join(lenAsync());
  }

  /** The async form of {@link #len()}. */
  public CompletableFuture<Integer> lenAsync() {
    return context
        .controlPlane()
        .unary(
            ModalClientGrpc.getDictLenMethod(),
            DictLenRequest.newBuilder().setDictId(dictId).build())
        .thenApply(r -> r.getLen());
  }

  // ---- put, update ----

  /**
   * Stores a value under a key, replacing any value there.
   *
   * @throws InvalidException if the key or value cannot be pickled
   */
  public void put(Object key, Object value) {
    Futures.join(putAsync(key, value, DictPutParams.DEFAULT));
  }

  /**
   * Stores a value under a key; with {@code skipIfExists}, only if the key is absent.
   *
   * @return whether the value was stored
   * @throws InvalidException if the key or value cannot be pickled or params is null
   */
  public boolean put(Object key, Object value, DictPutParams params) {
    return Futures.join(putAsync(key, value, params));
  }

  /** The async form of {@link #put(Object, Object, DictPutParams)}. */
  public CompletableFuture<Boolean> putAsync(Object key, Object value, DictPutParams params) {
    try {
      ObjectArgs.notNull(params, "params");
      DictUpdateRequest req =
          DictUpdateRequest.newBuilder()
              .setDictId(dictId)
              .addUpdates(
                  DictEntry.newBuilder()
                      .setKey(key(key))
                      .setValue(ByteString.copyFrom(Pickles.encode(value, "value"))))
              .setIfNotExists(params.skipIfExists())
              .build();
      return context
          .controlPlane()
          .unary(ModalClientGrpc.getDictUpdateMethod(), req)
          .thenApply(r -> !params.skipIfExists() || r.getCreated());
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Stores every entry of a map, replacing values already there.
   *
   * @throws InvalidException if entries is null or a key or value cannot be pickled
   */
  public void update(Map<?, ?> entries) {
    Futures.join(updateAsync(entries));
  }

  /** The async form of {@link #update(Map)}. */
  public CompletableFuture<Void> updateAsync(Map<?, ?> entries) {
    try {
      ObjectArgs.notNull(entries, "entries");
      DictUpdateRequest.Builder b = DictUpdateRequest.newBuilder().setDictId(dictId);
      for (Map.Entry<?, ?> e : entries.entrySet()) {
        b.addUpdates(
            DictEntry.newBuilder()
                .setKey(key(e.getKey()))
                .setValue(ByteString.copyFrom(Pickles.encode(e.getValue(), "value"))));
      }
      return context
          .controlPlane()
          .unary(ModalClientGrpc.getDictUpdateMethod(), b.build())
          .thenApply(r -> (Void) null);
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  // ---- pop ----

  /**
   * Removes a key and returns its value (Python {@code pop(key)}).
   *
   * @throws NotFoundException if the key is absent
   * @throws InvalidException if the key cannot be pickled or type is null
   */
  public <T> T pop(Object key, Class<T> type) {
    return Futures.join(popAsync(key, type));
  }

  /**
   * Removes a key and returns its value, or {@code defaultValue} if it was absent.
   *
   * @param defaultValue may be null
   * @throws InvalidException if the key cannot be pickled or type is null
   */
  public <T> T pop(Object key, Class<T> type, T defaultValue) {
    Popped<T> p = Futures.join(popRaw(key, type));
    return p.found() ? p.value() : defaultValue;
  }

  /** The async form of {@link #pop(Object, Class)}. */
  public <T> CompletableFuture<T> popAsync(Object key, Class<T> type) {
    return popRaw(key, type)
        .thenApply(
            p -> {
              if (!p.found()) {
                throw new NotFoundException("Key " + describe(key) + " not in dict " + dictId);
              }
              return p.value();
            });
  }

  private record Popped<T>(boolean found, T value) {}

  private <T> CompletableFuture<Popped<T>> popRaw(Object key, Class<T> type) {
    try {
      JavaType t = type(type);
      DictPopRequest req = DictPopRequest.newBuilder().setDictId(dictId).setKey(key(key)).build();
      return context
          .controlPlane()
          .unary(ModalClientGrpc.getDictPopMethod(), req)
          .thenApplyAsync(
              r ->
                  r.getFound()
                      ? new Popped<>(true, Pickles.<T>decode(r.getValue().toByteArray(), t))
                      : new Popped<T>(false, null),
              context.executor());
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static String describe(Object key) {
    String s = String.valueOf(key);
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  // ---- clear ----

  /** Removes every entry. */
  public void clear() {
    Futures.join(clearAsync());
  }

  /** The async form of {@link #clear()}. */
  public CompletableFuture<Void> clearAsync() {
    return context
        .controlPlane()
        .unary(
            ModalClientGrpc.getDictClearMethod(),
            DictClearRequest.newBuilder().setDictId(dictId).build())
        .thenApply(r -> (Void) null);
  }

  // ---- keys, values, items ----

  /**
   * The keys, lazily: the entries are streamed from Modal as the stream is consumed. Close the
   * stream to stop early (try-with-resources).
   *
   * @throws InvalidException if type is null
   */
  public <K> Stream<K> keys(Class<K> keyType) {
    JavaType k = type(keyType);
    return contents(true, false, e -> Pickles.<K>decode(e.getKey().toByteArray(), k));
  }

  /**
   * The values, lazily, as {@link #keys}.
   *
   * @throws InvalidException if type is null
   */
  public <V> Stream<V> values(Class<V> valueType) {
    JavaType v = type(valueType);
    return contents(false, true, e -> Pickles.<V>decode(e.getValue().toByteArray(), v));
  }

  /**
   * The entries, lazily, as {@link #keys}. Entries whose value is Python None have a null value.
   *
   * @throws InvalidException if a type is null
   */
  public <K, V> Stream<Map.Entry<K, V>> items(Class<K> keyType, Class<V> valueType) {
    JavaType k = type(keyType);
    JavaType v = type(valueType);
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
