package dev.modal4j.bench;

/** One blocking call of a function with one argument, made either raw or through the SDK. */
@FunctionalInterface
interface Caller {
  Object call(Object arg) throws Exception;
}
