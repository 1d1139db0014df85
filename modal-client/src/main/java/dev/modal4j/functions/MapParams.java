package dev.modal4j.functions;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Options of {@code Function.map}, {@code starmap}, {@code forEach} and their variants.
 *
 * <pre>{@code
 * MapParams params = MapParams.builder()
 *     .kwargs(Map.of("scale", 2))
 *     .orderOutputs(false)
 *     .progressListener(p -> System.out.println(p.outputsReceived()))
 *     .build();
 * }</pre>
 */
public final class MapParams {
  /** Ordered outputs, no keyword arguments, no listener. */
  public static final MapParams DEFAULT = builder().build();

  private final Map<String, Object> kwargs;
  private final boolean orderOutputs;
  private final MapProgressListener progressListener;

  private MapParams(Builder b) {
    this.kwargs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.kwargs));
    this.orderOutputs = b.orderOutputs;
    this.progressListener = b.progressListener;
  }

  /** A new builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.kwargs.putAll(kwargs);
    b.orderOutputs = orderOutputs;
    b.progressListener = progressListener;
    return b;
  }

  /** Keyword arguments passed with every input. */
  public Map<String, Object> kwargs() {
    return kwargs;
  }

  /** True (the default) to return results in input order; false for completion order. */
  public boolean orderOutputs() {
    return orderOutputs;
  }

  /** The progress listener, if one was set. */
  public Optional<MapProgressListener> progressListener() {
    return Optional.ofNullable(progressListener);
  }

  @Override
  public String toString() {
    return "MapParams{kwargs=" + kwargs.keySet() + ", orderOutputs=" + orderOutputs + "}";
  }

  /** Builder of {@link MapParams}. */
  public static final class Builder {
    private final Map<String, Object> kwargs = new LinkedHashMap<>();
    private boolean orderOutputs = true;
    private MapProgressListener progressListener;

    private Builder() {}

    /** Keyword arguments passed with every input (replaces any set before). */
    public Builder kwargs(Map<String, ?> kwargs) {
      Args.noNullKeys(kwargs, "kwargs");
      for (String k : kwargs.keySet()) {
        if (k.isEmpty()) {
          throw new InvalidException("kwargs: keyword argument names must be non-empty strings");
        }
      }
      this.kwargs.clear();
      this.kwargs.putAll(kwargs);
      return this;
    }

    /** Whether results come in input order (default true) or as they complete. */
    public Builder orderOutputs(boolean orderOutputs) {
      this.orderOutputs = orderOutputs;
      return this;
    }

    /** Receives progress as the map runs. */
    public Builder progressListener(MapProgressListener listener) {
      this.progressListener = Args.notNull(listener, "listener");
      return this;
    }

    /** The immutable params. */
    public MapParams build() {
      return new MapParams(this);
    }
  }
}
