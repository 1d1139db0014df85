package dev.modal4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.ClientClosedException;
import dev.modal4j.ModalClient;
import dev.modal4j.NotFoundException;
import dev.modal4j.apps.AppFromNameParams;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ModalEmulatorExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ModalEmulatorExtensionTest {
  private static ModalEmulator classEmulator;
  private static final List<ModalClient> clients = new ArrayList<>();
  private ModalClient beforeEachClient;

  @BeforeAll
  static void rememberEmulator(ModalEmulator emulator) {
    classEmulator = emulator;
  }

  @BeforeEach
  void rememberClient(ModalClient modal) {
    beforeEachClient = modal;
  }

  @AfterAll
  static void everyClientWasClosed() {
    assertThat(clients).hasSize(2).doesNotHaveDuplicates();
    for (ModalClient client : clients) {
      assertThatThrownBy(() -> client.apps().fromName("any"))
          .isInstanceOf(ClientClosedException.class);
    }
  }

  @Test
  @Order(1)
  void injectsAClientConnectedToTheClassEmulator(ModalEmulator emulator, ModalClient modal) {
    assertThat(emulator).isSameAs(classEmulator);
    assertThat(modal).isSameAs(beforeEachClient);
    clients.add(modal);

    String appId =
        modal
            .apps()
            .fromName("ext-app", AppFromNameParams.builder().createIfMissing(true).build())
            .appId();
    assertThat(emulator.state().apps().find("", "ext-app").orElseThrow().appId()).isEqualTo(appId);
    assertThat(emulator.stats().count("AuthTokenGet")).isEqualTo(1);
    assertThat(emulator.stats().calls("AppGetOrCreate").get(0).header("x-modal-auth-token"))
        .isPresent();
  }

  @Test
  @Order(2)
  void eachTestGetsItsOwnClientButTheSameEmulator(ModalEmulator emulator, ModalClient modal) {
    assertThat(emulator).isSameAs(classEmulator);
    assertThat(clients).doesNotContain(modal);
    clients.add(modal);

    assertThat(emulator.state().apps().find("", "ext-app")).isPresent();
    assertThatThrownBy(() -> modal.apps().fromName("missing-app"))
        .isInstanceOf(NotFoundException.class);
  }

  @Nested
  class Inner {
    @Test
    void sharesTheTopLevelEmulator(ModalEmulator emulator) {
      assertThat(emulator).isSameAs(classEmulator);
    }
  }
}
