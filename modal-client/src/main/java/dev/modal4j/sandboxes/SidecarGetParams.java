package dev.modal4j.sandboxes;

/**
 * Options of {@link SidecarService#get(String, SidecarGetParams)}. Experimental, as in Modal's
 * SDKs.
 */
public final class SidecarGetParams {
  /** Running containers only. */
  public static final SidecarGetParams DEFAULT = builder().build();

  private final boolean includeTerminated;

  private SidecarGetParams(Builder b) {
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

  /** Whether to include the latest container with the name even if it has ended. */
  public boolean includeTerminated() {
    return includeTerminated;
  }

  @Override
  public String toString() {
    return "SidecarGetParams{includeTerminated=" + includeTerminated + "}";
  }

  /** Builds {@link SidecarGetParams}. */
  public static final class Builder {
    private boolean includeTerminated;

    private Builder() {}

    /**
     * Whether to include the latest container with the name even if it has ended (default false).
     */
    public Builder includeTerminated(boolean includeTerminated) {
      this.includeTerminated = includeTerminated;
      return this;
    }

    /** The params with the values set so far. */
    public SidecarGetParams build() {
      return new SidecarGetParams(this);
    }
  }
}
