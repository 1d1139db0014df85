package dev.modal4j.testing.sandboxes;

/** What the control plane hands out for the command router (TaskGetCommandRouterAccess). */
public interface RouterAccess {

  /**
   * The router's URL as Modal's SDKs expect it: {@code https://127.0.0.1:<port>}, served in
   * plaintext (Modal's SDKs dial a router in plaintext when the control plane is on loopback).
   */
  String url();

  /** A fresh JWT that lets its bearer use the router for {@code taskId} only, with an exp claim. */
  String jwt(String taskId);
}
