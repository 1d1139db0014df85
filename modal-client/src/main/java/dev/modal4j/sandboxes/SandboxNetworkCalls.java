package dev.modal4j.sandboxes;

import dev.modal4j.SandboxTimeoutException;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.sandbox.RouterClient;
import dev.modal4j.internal.sandbox.RouterPolicy;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.NetworkAccess;
import dev.modal4j.proto.NetworkAccess.NetworkAccessType;
import dev.modal4j.proto.SandboxGetResourceUsageRequest;
import dev.modal4j.proto.router.TaskCommandRouterGrpc;
import dev.modal4j.proto.router.TaskSetNetworkAccessRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The RPCs behind {@link Sandbox#updateNetworkPolicy} and {@link Sandbox#resourceUsage}. */
final class SandboxNetworkCalls {
  private static final Duration POLICY_TIMEOUT = Duration.ofSeconds(55);

  private SandboxNetworkCalls() {}

  /** TaskSetNetworkAccess with an ALLOWLIST of both lists, as Go and JS send it. */
  static CompletableFuture<Void> updateNetworkPolicy(
      String sandboxId, CompletableFuture<RouterClient> router, NetworkPolicyParams params) {
    long deadline = System.nanoTime() + POLICY_TIMEOUT.toNanos();
    RouterPolicy policy =
        RouterPolicy.DEFAULT.withDeadline(
            deadline,
            () ->
                new SandboxTimeoutException(
                    "Updating the network policy of sandbox " + sandboxId + " timed out"));
    NetworkAccess access =
        NetworkAccess.newBuilder()
            .setNetworkAccessType(NetworkAccessType.ALLOWLIST)
            .addAllAllowedCidrs(params.outboundCidrAllowlist())
            .addAllAllowedDomains(params.outboundDomainAllowlist())
            .build();
    return router
        .thenCompose(
            r ->
                r.unary(
                    TaskCommandRouterGrpc.getTaskSetNetworkAccessMethod(),
                    TaskSetNetworkAccessRequest.newBuilder()
                        .setTaskId(r.taskId())
                        .setNetworkAccess(access)
                        .build(),
                    policy))
        .thenApply(r -> (Void) null);
  }

  /** SandboxGetResourceUsage on the control plane. */
  static CompletableFuture<ResourceUsage> resourceUsage(ClientContext context, String sandboxId) {
    return context
        .controlPlane()
        .unary(
            ModalClientGrpc.getSandboxGetResourceUsageMethod(),
            SandboxGetResourceUsageRequest.newBuilder().setSandboxId(sandboxId).build())
        .thenApply(
            r ->
                new ResourceUsage(
                    r.getCpuCoreNanosecs(),
                    r.getMemGibNanosecs(),
                    r.getGpuNanosecs(),
                    r.hasGpuType() && !r.getGpuType().isEmpty()
                        ? Optional.of(r.getGpuType())
                        : Optional.empty()));
  }
}
