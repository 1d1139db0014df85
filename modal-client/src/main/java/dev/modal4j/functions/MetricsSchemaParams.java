package dev.modal4j.functions;

import java.util.List;

/** Which metric groups {@link FunctionMetrics#schema(MetricsSchemaParams)} describes. */
public final class MetricsSchemaParams {
  /** All groups. */
  public static final MetricsSchemaParams DEFAULT = builder().build();

  private final List<String> groups;

  private MetricsSchemaParams(Builder b) {
    this.groups = b.groups;
  }

  /** A new builder selecting all groups. */
  public static Builder builder() {
    return new Builder();
  }

  /** The groups selected; empty selects all. */
  public List<String> groups() {
    return groups;
  }

  @Override
  public String toString() {
    return "MetricsSchemaParams{groups=" + groups + "}";
  }

  /** Builder of {@link MetricsSchemaParams}. */
  public static final class Builder {
    private List<String> groups = List.of();

    private Builder() {}

    /** Only these groups (e.g. {@code calls}); empty selects all. */
    public Builder groups(List<String> groups) {
      this.groups = FunctionMetricsExportParams.checkGroups(groups);
      return this;
    }

    /** The params. */
    public MetricsSchemaParams build() {
      return new MetricsSchemaParams(this);
    }
  }
}
