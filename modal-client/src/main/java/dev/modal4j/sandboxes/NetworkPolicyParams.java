package dev.modal4j.sandboxes;

import dev.modal4j.InvalidException;
import java.util.List;

/**
 * The new outbound network policy of {@link Sandbox#updateNetworkPolicy(NetworkPolicyParams)}: the
 * CIDRs and the domains the sandbox may reach, each list replacing the old one (an empty list
 * allows nothing; {@code "0.0.0.0/0"} or {@code "*"} allows everything). Modal takes both lists
 * together for now, so {@link Builder#build()} requires both, as Modal's Go and JS SDKs do.
 *
 * <pre>{@code
 * sb.updateNetworkPolicy(NetworkPolicyParams.builder()
 *     .outboundCidrAllowlist(List.of("10.0.0.0/8"))
 *     .outboundDomainAllowlist(List.of("*.example.com"))
 *     .build());
 * }</pre>
 */
public final class NetworkPolicyParams {
  private final List<String> outboundCidrAllowlist;
  private final List<String> outboundDomainAllowlist;

  private NetworkPolicyParams(Builder b) {
    this.outboundCidrAllowlist = b.outboundCidrAllowlist;
    this.outboundDomainAllowlist = b.outboundDomainAllowlist;
  }

  /** A builder with neither list set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.outboundCidrAllowlist = outboundCidrAllowlist;
    b.outboundDomainAllowlist = outboundDomainAllowlist;
    return b;
  }

  /** The CIDRs the sandbox may reach. */
  public List<String> outboundCidrAllowlist() {
    return outboundCidrAllowlist;
  }

  /** The domains the sandbox may reach ({@code *.example.com} wildcards allowed). */
  public List<String> outboundDomainAllowlist() {
    return outboundDomainAllowlist;
  }

  @Override
  public String toString() {
    return "NetworkPolicyParams{cidrs="
        + outboundCidrAllowlist
        + ", domains="
        + outboundDomainAllowlist
        + "}";
  }

  /** Builds {@link NetworkPolicyParams}. */
  public static final class Builder {
    private List<String> outboundCidrAllowlist;
    private List<String> outboundDomainAllowlist;

    private Builder() {}

    /**
     * The only CIDRs the sandbox may reach; an empty list blocks all, {@code "0.0.0.0/0"} allows
     * all.
     *
     * @throws InvalidException if the list is null or holds null
     */
    public Builder outboundCidrAllowlist(List<String> outboundCidrAllowlist) {
      this.outboundCidrAllowlist = Checks.strings(outboundCidrAllowlist, "outboundCidrAllowlist");
      return this;
    }

    /**
     * The only domains the sandbox may reach; an empty list blocks all, {@code "*"} allows all.
     *
     * @throws InvalidException if the list is null or holds null
     */
    public Builder outboundDomainAllowlist(List<String> outboundDomainAllowlist) {
      this.outboundDomainAllowlist =
          Checks.strings(outboundDomainAllowlist, "outboundDomainAllowlist");
      return this;
    }

    /**
     * The params.
     *
     * @throws InvalidException if either list was not set
     */
    public NetworkPolicyParams build() {
      if (outboundCidrAllowlist == null || outboundDomainAllowlist == null) {
        throw new InvalidException(
            "updateNetworkPolicy currently requires both outboundCidrAllowlist and"
                + " outboundDomainAllowlist to be set");
      }
      return new NetworkPolicyParams(this);
    }
  }
}
