package dev.modal4j.internal.blob;

import dev.modal4j.InvalidException;
import dev.modal4j.ServiceException;
import dev.modal4j.internal.transport.ChannelRule;
import dev.modal4j.proto.MultiPartUpload;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A multipart blob upload, as Modal's Python SDK does it when BlobCreate answers with {@code
 * multipart} (protocol/functions.md §8.4): the bytes are cut into parts of {@code part_length}
 * (only the last shorter), each part is PUT to its URL (a few at once, each retried, its ETag
 * checked against the MD5 computed as it is sent), then the completion URL is POSTed a {@code
 * CompleteMultipartUpload} XML body naming every part's number and ETag, and its answer must carry
 * the multipart ETag, {@code hex(md5(the parts' binary MD5s)) + "-" + parts}. Parts are streamed
 * from the source, never held whole.
 */
final class MultipartUpload {
  /** Parts PUT at once. */
  static final int CONCURRENCY = 4;

  static final int PART_ATTEMPTS = 3;
  static final Duration PART_BASE_DELAY = Duration.ofMillis(300);

  private final MultiPartUpload plan;
  private final RangeSource source;
  private final long length;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private final String[] etags;
  private final AtomicInteger next = new AtomicInteger();
  private final CompletableFuture<Void> partsDone = new CompletableFuture<>();
  private final AtomicInteger running = new AtomicInteger();

  private MultipartUpload(
      MultiPartUpload plan,
      RangeSource source,
      long length,
      Executor executor,
      ScheduledExecutorService scheduler) {
    this.plan = plan;
    this.source = source;
    this.length = length;
    this.executor = executor;
    this.scheduler = scheduler;
    this.etags = new String[plan.getUploadUrlsCount()];
  }

  /**
   * Uploads {@code length} bytes of {@code source} along {@code plan}; completes when Modal has
   * assembled the blob.
   */
  static CompletableFuture<Void> run(
      MultiPartUpload plan,
      RangeSource source,
      long length,
      boolean allowInsecure,
      Executor executor,
      ScheduledExecutorService scheduler) {
    long partLength = plan.getPartLength();
    int parts = plan.getUploadUrlsCount();
    long needed = partLength <= 0 ? -1 : Math.max(1, (length + partLength - 1) / partLength);
    if (needed != parts || plan.getCompletionUrl().isEmpty()) {
      return CompletableFuture.failedFuture(
          new ServiceException(
              "BlobCreate's multipart upload does not fit "
                  + length
                  + " bytes: part length "
                  + partLength
                  + ", "
                  + parts
                  + " part URLs"
                  + (plan.getCompletionUrl().isEmpty() ? ", no completion URL" : "")));
    }
    try {
      for (String url : plan.getUploadUrlsList()) {
        ChannelRule.checkServedUrl(url, "blob part upload", allowInsecure);
      }
      ChannelRule.checkServedUrl(plan.getCompletionUrl(), "blob upload completion", allowInsecure);
    } catch (InvalidException e) {
      return CompletableFuture.failedFuture(e);
    }
    return new MultipartUpload(plan, source, length, executor, scheduler).start();
  }

  private CompletableFuture<Void> start() {
    int workers = Math.min(CONCURRENCY, etags.length);
    running.set(workers);
    for (int i = 0; i < workers; i++) {
      nextPart();
    }
    return partsDone.thenCompose(v -> complete());
  }

  /** Starts the next part not yet taken, or ends this worker. */
  private void nextPart() {
    if (partsDone.isDone()) {
      return;
    }
    int index = next.getAndIncrement();
    if (index >= etags.length) {
      if (running.decrementAndGet() == 0) {
        partsDone.complete(null);
      }
      return;
    }
    long offset = index * plan.getPartLength();
    long size = Math.min(plan.getPartLength(), length - offset);
    String url = plan.getUploadUrls(index);
    HttpRetry.run(
            () -> HttpTransfer.putPart(url, source, offset, size),
            PART_ATTEMPTS,
            PART_BASE_DELAY,
            executor,
            scheduler)
        .whenComplete(
            (etag, err) -> {
              if (err != null) {
                partsDone.completeExceptionally(err);
                return;
              }
              etags[index] = etag;
              nextPart();
            });
  }

  private CompletableFuture<Void> complete() {
    StringBuilder xml = new StringBuilder("<CompleteMultipartUpload>");
    MessageDigest joined = md5();
    HexFormat hex = HexFormat.of();
    for (int i = 0; i < etags.length; i++) {
      xml.append("\n<Part>\n<PartNumber>")
          .append(i + 1)
          .append("</PartNumber>\n<ETag>\"")
          .append(etags[i])
          .append("\"</ETag>\n</Part>");
      joined.update(hex.parseHex(etags[i]));
    }
    xml.append("\n</CompleteMultipartUpload>");
    String expected = hex.formatHex(joined.digest()) + "-" + etags.length;
    byte[] body = xml.toString().getBytes(StandardCharsets.US_ASCII);
    return HttpRetry.run(
            () -> HttpTransfer.post(plan.getCompletionUrl(), body),
            PART_ATTEMPTS,
            PART_BASE_DELAY,
            executor,
            scheduler)
        .thenCompose(
            answer -> {
              String text = new String(answer, StandardCharsets.UTF_8);
              if (!text.contains(expected)) {
                return CompletableFuture.failedFuture(
                    new ServiceException(
                        "the multipart upload's completion does not carry the ETag "
                            + expected
                            + " of its "
                            + etags.length
                            + " parts"));
              }
              return CompletableFuture.completedFuture(null);
            });
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required by every JDK", e);
    }
  }
}
