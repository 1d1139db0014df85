package dev.modal4j.examples;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.modal4j.ModalClient;
import dev.modal4j.RemoteException;
import dev.modal4j.functions.Function;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Calls deployed functions: positional and keyword arguments, typed results, remote errors. */
public final class FunctionCallExample {
  private FunctionCallExample() {}

  /** A value sent to and returned by {@code echo}: records travel as CBOR maps. */
  public record Order(String item, int quantity, Instant placedAt) {}

  /** Runs the example with {@code modal}. */
  public static void run(ModalClient modal) {
    Function square = modal.functions().fromName(Examples.APP, "square");
    System.out.println("square(7) = " + square.remote(Integer.class, 7));

    Function add = modal.functions().fromName(Examples.APP, "add");
    System.out.println("add(2, b=40) = " + add.remote(Integer.class, List.of(2), Map.of("b", 40)));

    Function echo = modal.functions().fromName(Examples.APP, "echo");
    Order order = new Order("tea", 3, Instant.parse("2025-01-02T03:04:05Z"));
    System.out.println("echo(order) = " + echo.remote(Order.class, order));
    List<Order> orders = echo.remote(new TypeReference<List<Order>>() {}, List.of(order, order));
    System.out.println("echo([order, order]) has " + orders.size() + " orders");

    Function fail = modal.functions().fromName(Examples.APP, "fail");
    try {
      fail.remote(Object.class, "something went wrong");
    } catch (RemoteException e) {
      System.out.println("fail() raised remotely: " + e.getMessage());
    }
  }

  /** Runs against real Modal when MODAL_TOKEN_ID is set, else against an embedded emulator. */
  public static void main(String[] args) {
    Examples.run(FunctionCallExample::run);
  }
}
