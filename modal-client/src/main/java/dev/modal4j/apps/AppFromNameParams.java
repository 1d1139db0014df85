package dev.modal4j.apps;

import dev.modal4j.internal.Args;
import java.util.Optional;

/**
 * Options for {@link Apps#fromName(String, AppFromNameParams)}.
 *
 * <pre>{@code
 * App app = modal.apps().fromName("my-app",
 *     AppFromNameParams.builder().createIfMissing(true).build());
 * }</pre>
 */
public final class AppFromNameParams {
  /** No environment override, no creation. */
  public static final AppFromNameParams DEFAULT = builder().build();

  private final String environment;
  private final boolean createIfMissing;

  private AppFromNameParams(Builder b) {
    this.environment = b.environment;
    this.createIfMissing = b.createIfMissing;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder().createIfMissing(createIfMissing);
    b.environment = environment;
    return b;
  }

  /** The environment to look in; empty means the client's environment. */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  /** Whether a missing App is created. */
  public boolean createIfMissing() {
    return createIfMissing;
  }

  @Override
  public String toString() {
    return "AppFromNameParams{environment="
        + environment
        + ", createIfMissing="
        + createIfMissing
        + "}";
  }

  /** Builds {@link AppFromNameParams}. */
  public static final class Builder {
    private String environment;
    private boolean createIfMissing;

    private Builder() {}

    /** The environment to look in; "" means the client's environment. */
    public Builder environment(String environment) {
      Args.notNull(environment, "environment");
      this.environment = environment.isEmpty() ? null : environment;
      return this;
    }

    /** Creates the App if it does not exist (default false). */
    public Builder createIfMissing(boolean createIfMissing) {
      this.createIfMissing = createIfMissing;
      return this;
    }

    /** The immutable params. */
    public AppFromNameParams build() {
      return new AppFromNameParams(this);
    }
  }
}
