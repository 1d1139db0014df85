package dev.modal4j.sandboxes;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import java.util.Optional;

/** Options of {@link Sandbox#createConnectToken(ConnectTokenParams)}. */
public final class ConnectTokenParams {
  /** Port 8080, no user metadata. */
  public static final ConnectTokenParams DEFAULT = builder().build();

  private final String userMetadata;
  private final int port;

  private ConnectTokenParams(Builder b) {
    this.userMetadata = b.userMetadata;
    this.port = b.port;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.userMetadata = userMetadata;
    b.port = port;
    return b;
  }

  /** The metadata the proxy adds to the headers of requests it forwards. */
  public Optional<String> userMetadata() {
    return Optional.ofNullable(userMetadata);
  }

  /** The sandbox port requests with the token are routed to (default 8080). */
  public int port() {
    return port;
  }

  @Override
  public String toString() {
    return "ConnectTokenParams{port=" + port + "}";
  }

  /** Builds {@link ConnectTokenParams}. */
  public static final class Builder {
    private String userMetadata;
    private int port = 8080;

    private Builder() {}

    /** Metadata the proxy adds to the headers of forwarded requests. */
    public Builder userMetadata(String userMetadata) {
      this.userMetadata = Args.notNull(userMetadata, "userMetadata");
      return this;
    }

    /**
     * The sandbox port requests are routed to.
     *
     * @throws InvalidException if it is outside [1, 65535]
     */
    public Builder port(int port) {
      this.port = Checks.port(port, "port");
      return this;
    }

    /** The params with the values set so far. */
    public ConnectTokenParams build() {
      return new ConnectTokenParams(this);
    }
  }
}
