package dev.modal4j.environments;

/** Options of {@link Environments#fromName(String, EnvironmentFromNameParams)}. */
public final class EnvironmentFromNameParams {
  /** Look up only; do not create. */
  public static final EnvironmentFromNameParams DEFAULT = builder().build();

  private final boolean createIfMissing;

  private EnvironmentFromNameParams(Builder b) {
    this.createIfMissing = b.createIfMissing;
  }

  /** A new builder that does not create. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether a missing Environment is created. */
  public boolean createIfMissing() {
    return createIfMissing;
  }

  @Override
  public String toString() {
    return "EnvironmentFromNameParams{createIfMissing=" + createIfMissing + "}";
  }

  /** Builder of {@link EnvironmentFromNameParams}. */
  public static final class Builder {
    private boolean createIfMissing;

    private Builder() {}

    /** Creates the Environment if it does not exist (default false). */
    public Builder createIfMissing(boolean createIfMissing) {
      this.createIfMissing = createIfMissing;
      return this;
    }

    /** The params. */
    public EnvironmentFromNameParams build() {
      return new EnvironmentFromNameParams(this);
    }
  }
}
