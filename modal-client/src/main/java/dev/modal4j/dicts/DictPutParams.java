package dev.modal4j.dicts;

/**
 * Options of {@link Dict#put(Object, Object, DictPutParams)}.
 *
 * <pre>{@code
 * boolean stored = d.put("k", 1, DictPutParams.builder().skipIfExists(true).build());
 * }</pre>
 */
public final class DictPutParams {
  /** The defaults. */
  public static final DictPutParams DEFAULT = builder().build();

  private final boolean skipIfExists;

  private DictPutParams(Builder b) {
    this.skipIfExists = b.skipIfExists;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.skipIfExists = skipIfExists;
    return b;
  }

  /** Whether an existing key is left as it is. */
  public boolean skipIfExists() {
    return skipIfExists;
  }

  /** The values, for logs. */
  @Override
  public String toString() {
    return "DictPutParams{" + "skipIfExists=" + skipIfExists + "}";
  }

  /** Builds {@link DictPutParams}. */
  public static final class Builder {
    private boolean skipIfExists;

    private Builder() {}

    /** Leaves an existing key as it is (default false: overwrite). */
    public Builder skipIfExists(boolean skipIfExists) {
      this.skipIfExists = skipIfExists;
      return this;
    }

    /** The immutable params. */
    public DictPutParams build() {
      return new DictPutParams(this);
    }
  }
}
