package dev.modal4j.testing.sandboxes.network;

import dev.modal4j.proto.NetworkAccess;
import dev.modal4j.proto.NetworkAccess.NetworkAccessType;
import dev.modal4j.testing.sandboxes.backend.OutboundPolicy;
import dev.modal4j.testing.sandboxes.backend.SandboxRuntime;

/** A definition's outbound allowlists handed to the backend when the sandbox starts. */
public final class OutboundPolicies {
  private OutboundPolicies() {}

  /**
   * Applies {@code access} to a just-started sandbox when it is an ALLOWLIST (OPEN needs nothing;
   * BLOCKED is the backend's own network mode). The entrypoint is already running then, so it may
   * get out for the moment the backend takes to apply it.
   *
   * @return whether the backend enforces it
   */
  public static boolean applyAtStart(NetworkAccess access, SandboxRuntime runtime) {
    if (access.getNetworkAccessType() != NetworkAccessType.ALLOWLIST) {
      return false;
    }
    return runtime.applyOutboundPolicy(
        new OutboundPolicy(false, access.getAllowedCidrsList(), access.getAllowedDomainsList()));
  }
}
