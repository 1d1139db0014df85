package dev.modal4j.internal.sandbox;

/** A command router's URL and a JWT for it, from TaskGetCommandRouterAccess. */
final class RouterAccess {
  private final String url;
  private final String jwt;

  RouterAccess(String url, String jwt) {
    this.url = url;
    this.jwt = jwt;
  }

  String url() {
    return url;
  }

  String jwt() {
    return jwt;
  }

  @Override
  public String toString() {
    return "RouterAccess{url=" + url + "}";
  }
}
