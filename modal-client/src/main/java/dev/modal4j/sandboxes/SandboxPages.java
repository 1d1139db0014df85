package dev.modal4j.sandboxes;

import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.SandboxInfo;
import dev.modal4j.proto.SandboxListRequest;
import dev.modal4j.proto.SandboxListResponse;
import java.util.ArrayDeque;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * SandboxList pages (protocol/resources.md §5.7): each page starts before the creation time of the
 * last sandbox of the previous one; an empty page ends the list. A page is fetched only when the
 * stream needs its first sandbox. The V2 form (SandboxListV2) lists V1 and V2 sandboxes and names
 * the environment only when no app is given.
 */
final class SandboxPages extends Spliterators.AbstractSpliterator<Sandbox> {
  private final ClientContext context;
  private final SandboxListParams params;
  private final boolean v2;
  private final ArrayDeque<SandboxInfo> page = new ArrayDeque<>();
  private double before;
  private boolean done;

  SandboxPages(ClientContext context, SandboxListParams params, boolean v2) {
    super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
    this.context = context;
    this.params = params;
    this.v2 = v2;
  }

  Stream<Sandbox> stream() {
    return StreamSupport.stream(this, false);
  }

  @Override
  public boolean tryAdvance(Consumer<? super Sandbox> action) {
    if (page.isEmpty() && !done) {
      fetch();
    }
    SandboxInfo info = page.poll();
    if (info == null) {
      return false;
    }
    action.accept(new Sandbox(context, info.getId()));
    return true;
  }

  private void fetch() {
    SandboxListRequest.Builder request =
        SandboxListRequest.newBuilder()
            .setBeforeTimestamp(before)
            .setIncludeFinished(false)
            .addAllTags(SandboxDefinition.tags(params.tags()));
    params.appId().ifPresent(request::setAppId);
    if (!v2 || params.appId().isEmpty()) {
      request.setEnvironmentName(params.environment().orElse(context.environment()));
    }
    SandboxListResponse resp =
        Futures.join(
            context
                .controlPlane()
                .unary(
                    v2
                        ? ModalClientGrpc.getSandboxListV2Method()
                        : ModalClientGrpc.getSandboxListMethod(),
                    request.build()));
    if (resp.getSandboxesCount() == 0) {
      done = true;
      return;
    }
    page.addAll(resp.getSandboxesList());
    before = resp.getSandboxes(resp.getSandboxesCount() - 1).getCreatedAt();
  }
}
