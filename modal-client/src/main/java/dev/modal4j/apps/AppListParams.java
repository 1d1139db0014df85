package dev.modal4j.apps;

import dev.modal4j.internal.Args;
import java.util.Optional;

/**
 * Options of {@link Apps#list(AppListParams)}: the environment whose Apps are listed.
 *
 * <pre>{@code
 * List<AppSummary> dev = modal.apps().list(AppListParams.builder().environment("dev").build());
 * }</pre>
 */
public final class AppListParams {
  /** The defaults: the client's environment. */
  public static final AppListParams DEFAULT = builder().build();

  private final String environment;

  private AppListParams(Builder b) {
    this.environment = b.environment;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.environment = environment;
    return b;
  }

  /** The environment; empty means the client's environment. */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  @Override
  public String toString() {
    return "AppListParams{environment=" + environment + "}";
  }

  /** Builds {@link AppListParams}. */
  public static final class Builder {
    private String environment;

    private Builder() {}

    /** The environment; "" means the client's environment. */
    public Builder environment(String environment) {
      Args.notNull(environment, "environment");
      this.environment = environment.isEmpty() ? null : environment;
      return this;
    }

    /** The immutable params. */
    public AppListParams build() {
      return new AppListParams(this);
    }
  }
}
