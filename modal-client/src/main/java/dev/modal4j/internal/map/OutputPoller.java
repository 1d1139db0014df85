package dev.modal4j.internal.map;

import dev.modal4j.proto.FunctionGetOutputsItem;
import dev.modal4j.proto.GenericResult.GenericStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The output poller: long-polls the backend for outputs and decides, per output, whether its input
 * is complete or its attempt is to be retried (functions.md §7.3/§7.4).
 *
 * <p>Runs on one pool thread (the poll task), which alone owns the backend's output cursor; the
 * decisions themselves are transitions of {@link MapItem}, atomic against the other threads.
 */
final class OutputPoller implements Runnable {
  private static final Duration POLL_WAIT = Duration.ofSeconds(55);
  private static final long SEND_TOKENS_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final MapBackend backend;
  private final InFlight inFlight;
  private final ResultDelivery<?> delivery;
  private final RetrySender retries;
  private final MapProgressTracker progress;
  private final MapLifecycle lifecycle;

  OutputPoller(
      MapBackend backend,
      InFlight inFlight,
      ResultDelivery<?> delivery,
      RetrySender retries,
      MapProgressTracker progress,
      MapLifecycle lifecycle) {
    this.backend = backend;
    this.inFlight = inFlight;
    this.delivery = delivery;
    this.retries = retries;
    this.progress = progress;
    this.lifecycle = lifecycle;
  }

  @Override
  public void run() {
    try {
      while (!lifecycle.stopped()) {
        List<FunctionGetOutputsItem> outputs =
            backend.await(POLL_WAIT, inFlight.runningLongerThan(SEND_TOKENS_AFTER_NANOS));
        for (FunctionGetOutputsItem out : outputs) {
          handle(out);
        }
        if (!outputs.isEmpty()) {
          progress.report();
        }
      }
    } catch (RuntimeException e) {
      if (!lifecycle.stopped()) {
        lifecycle.fail(e, "reading map outputs failed");
      }
    }
  }

  private void handle(FunctionGetOutputsItem out) {
    MapItem item = inFlight.get(out.getIdx());
    if (item == null) {
      return;
    }
    GenericStatus status = out.getResult().getStatus();
    if (status == GenericStatus.GENERIC_STATUS_SUCCESS
        || status == GenericStatus.GENERIC_STATUS_TERMINATED
        || !backend.clientRetriesEnabled()) {
      if (item.complete(out.getRetryCount())) {
        delivery.deliver(item, out);
      }
      return;
    }
    boolean system = status == GenericStatus.GENERIC_STATUS_INTERNAL_FAILURE;
    switch (item.failed(out.getRetryCount(), system, backend.retryPolicy())) {
      case GIVE_UP:
        delivery.deliver(item, out);
        break;
      case RETRY:
        retries.schedule(item, item.retryDelay());
        break;
      default:
        break;
    }
  }
}
