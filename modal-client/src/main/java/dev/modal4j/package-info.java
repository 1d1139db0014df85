/**
 * modal4j, the Java SDK for Modal: {@link dev.modal4j.ModalClient}, the exception hierarchy of
 * every area (rooted at {@link dev.modal4j.ModalException}), {@link dev.modal4j.Gpu} and {@link
 * dev.modal4j.Retries}. Each area's services and handles live in a package of their own: {@code
 * dev.modal4j.functions}, {@code .apps}, {@code .secrets}, {@code .volumes}.
 */
package dev.modal4j;
