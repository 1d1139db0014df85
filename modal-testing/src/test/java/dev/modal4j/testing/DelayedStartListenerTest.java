package dev.modal4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ServerCall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DelayedStartListenerTest {

  @Test
  void eventsBeforeTheStartAreReplayedInOrder() {
    List<String> events = new ArrayList<>();
    DelayedStartListener<String> delayed = new DelayedStartListener<>();
    delayed.onReady();
    delayed.onMessage("a");
    delayed.onHalfClose();
    delayed.start(() -> recording(events));
    delayed.onComplete();

    assertThat(events).containsExactly("ready", "message a", "halfClose", "complete");
  }

  @Test
  void aCancelBeforeTheStartMeansTheCallNeverStarts() {
    List<String> events = new ArrayList<>();
    DelayedStartListener<String> delayed = new DelayedStartListener<>();
    delayed.onMessage("a");
    delayed.onCancel();
    delayed.start(
        () -> {
          events.add("started");
          return recording(events);
        });

    assertThat(events).isEmpty();
  }

  @Test
  void eventsRaisedWhileStartingKeepTheirOrder() {
    List<String> events = new ArrayList<>();
    DelayedStartListener<String> delayed = new DelayedStartListener<>();
    delayed.onMessage("a");
    delayed.start(
        () -> {
          delayed.onMessage("b");
          return recording(events);
        });
    delayed.onCancel();

    assertThat(events).containsExactly("message a", "message b", "cancel");
  }

  private static ServerCall.Listener<String> recording(List<String> events) {
    return new ServerCall.Listener<>() {
      @Override
      public void onMessage(String message) {
        events.add("message " + message);
      }

      @Override
      public void onHalfClose() {
        events.add("halfClose");
      }

      @Override
      public void onCancel() {
        events.add("cancel");
      }

      @Override
      public void onComplete() {
        events.add("complete");
      }

      @Override
      public void onReady() {
        events.add("ready");
      }
    };
  }
}
