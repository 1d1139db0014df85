package dev.modal4j.testing.sandboxes.backend;

import java.util.List;

/**
 * A sandbox's outbound network policy as a backend applies it: everything allowed ({@code open}),
 * or only the listed CIDRs and domains (both empty: nothing).
 *
 * @param open whether all outbound traffic is allowed
 * @param cidrs the destinations allowed, as IPv4 or IPv6 CIDRs ({@code 0.0.0.0/0} allows all)
 * @param domains the host names allowed, {@code *.} prefixes allowed ({@code *} allows all)
 */
public record OutboundPolicy(boolean open, List<String> cidrs, List<String> domains) {

  /** Copies the lists. */
  public OutboundPolicy {
    cidrs = List.copyOf(cidrs);
    domains = List.copyOf(domains);
  }

  /** Whether this policy lets everything out: open, {@code 0.0.0.0/0} or {@code *}. */
  public boolean allowsAll() {
    return open || cidrs.contains("0.0.0.0/0") || domains.contains("*");
  }
}
