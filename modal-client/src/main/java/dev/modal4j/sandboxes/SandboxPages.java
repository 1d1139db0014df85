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
 * stream needs its first sandbox.
 */
final class SandboxPages extends Spliterators.AbstractSpliterator<Sandbox> {
  private final ClientContext context;
  private final SandboxListParams params;
  private final ArrayDeque<SandboxInfo> page = new ArrayDeque<>();
  private double before;
  private boolean done;

  SandboxPages(ClientContext context, SandboxListParams params) {
    super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
    this.context = context;
    this.params = params;
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
            .setEnvironmentName(params.environment().orElse(context.environment()))
            .setIncludeFinished(false)
            .addAllTags(SandboxDefinition.tags(params.tags()));
    params.appId().ifPresent(request::setAppId);
    SandboxListResponse resp =
        Futures.join(
            context.controlPlane().unary(ModalClientGrpc.getSandboxListMethod(), request.build()));
    if (resp.getSandboxesCount() == 0) {
      done = true;
      return;
    }
    page.addAll(resp.getSandboxesList());
    before = resp.getSandboxes(resp.getSandboxesCount() - 1).getCreatedAt();
  }
}
