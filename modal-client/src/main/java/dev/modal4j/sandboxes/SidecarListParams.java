package dev.modal4j.sandboxes;

/** Options of {@link SidecarService#list(SidecarListParams)}. Experimental, as in Modal's SDKs. */
public final class SidecarListParams {
  /** Running containers only. */
  public static final SidecarListParams DEFAULT = builder().build();

  private final boolean includeTerminated;

  private SidecarListParams(Builder b) {
    this.includeTerminated = b.includeTerminated;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.includeTerminated = includeTerminated;
    return b;
  }

  /** Whether to include ended containers too. */
  public boolean includeTerminated() {
    return includeTerminated;
  }

  @Override
  public String toString() {
    return "SidecarListParams{includeTerminated=" + includeTerminated + "}";
  }

  /** Builds {@link SidecarListParams}. */
  public static final class Builder {
    private boolean includeTerminated;

    private Builder() {}

    /** Whether to include ended containers too (default false). */
    public Builder includeTerminated(boolean includeTerminated) {
      this.includeTerminated = includeTerminated;
      return this;
    }

    /** The params with the values set so far. */
    public SidecarListParams build() {
      return new SidecarListParams(this);
    }
  }
}
