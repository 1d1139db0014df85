package dev.modal4j.live;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modal4j.ModalClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * {@link DemoAppChecks} on real Modal, against the demo app deployed by the person running this.
 * Runs in {@code verify} through failsafe only when {@code MODAL_TOKEN_ID} is set; otherwise every
 * test is skipped, with the reason printed.
 *
 * <p>{@code -Dmodal4j.live.app=NAME} points it at the demo app deployed under another name.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DemoAppIT extends DemoAppChecks {
  static final String SKIP_REASON =
      "MODAL_TOKEN_ID is not set: skipping the live tests against real Modal"
          + " (README, \"Live tests against real Modal\", says how to run them)";

  private static ModalClient modal;

  @BeforeAll
  static void connect() {
    String tokenId = System.getenv("MODAL_TOKEN_ID");
    boolean haveToken = tokenId != null && !tokenId.isBlank();
    if (!haveToken) {
      System.out.println("[DemoAppIT] " + SKIP_REASON);
    }
    assumeTrue(haveToken, SKIP_REASON);
    modal = ModalClient.create();
  }

  @AfterAll
  static void close() {
    if (modal != null) {
      modal.close();
    }
  }

  @Override
  ModalClient modal() {
    return modal;
  }
}
