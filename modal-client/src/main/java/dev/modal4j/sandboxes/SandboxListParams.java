package dev.modal4j.sandboxes;

import dev.modal4j.internal.Args;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Which sandboxes {@link Sandboxes#list(SandboxListParams)} returns. */
public final class SandboxListParams {
  /** Every running sandbox of the client's environment. */
  public static final SandboxListParams DEFAULT = builder().build();

  private final String appId;
  private final Map<String, String> tags;
  private final String environment;

  private SandboxListParams(Builder b) {
    this.appId = b.appId;
    this.tags = Map.copyOf(b.tags);
    this.environment = b.environment;
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.appId = appId;
    b.tags.putAll(tags);
    b.environment = environment;
    return b;
  }

  /** Only sandboxes of this app, if set. */
  public Optional<String> appId() {
    return Optional.ofNullable(appId);
  }

  /** Only sandboxes carrying all these tags. */
  public Map<String, String> tags() {
    return tags;
  }

  /** The environment to list, if not the client's. */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  @Override
  public String toString() {
    return "SandboxListParams{appId="
        + appId
        + ", tags="
        + tags
        + ", environment="
        + environment
        + "}";
  }

  /** Builds {@link SandboxListParams}. */
  public static final class Builder {
    private String appId;
    private final Map<String, String> tags = new TreeMap<>();
    private String environment;

    private Builder() {}

    /** Only sandboxes of the app with this id ({@code ap-...}). */
    public Builder appId(String appId) {
      this.appId = Args.notBlank(appId, "appId");
      return this;
    }

    /** Only sandboxes carrying all these tags; replaces earlier ones. */
    public Builder tags(Map<String, String> tags) {
      Map<String, String> checked = Checks.tags(tags, "tags");
      this.tags.clear();
      this.tags.putAll(checked);
      return this;
    }

    /** The environment to list ("" for the server's default). */
    public Builder environment(String environment) {
      this.environment = Args.notNull(environment, "environment");
      return this;
    }

    /** The params with the values set so far. */
    public SandboxListParams build() {
      return new SandboxListParams(this);
    }
  }
}
