package dev.modal4j.internal.transport;

import io.netty.util.internal.logging.InternalLoggerFactory;

/** Run in a fresh JVM by {@link RedactionScopeTest}: loads NettyChannels, prints the outcome. */
final class OptOutProbe {
  private OptOutProbe() {}

  public static void main(String[] args) throws Exception {
    Class.forName(NettyChannels.class.getName());
    System.out.println(
        "installed="
            + RedactingLoggerFactory.install()
            + " default="
            + InternalLoggerFactory.getDefaultFactory().getClass().getSimpleName());
  }
}
