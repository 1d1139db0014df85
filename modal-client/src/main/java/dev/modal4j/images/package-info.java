/**
 * Images: the container images sandboxes run, from a registry tag or an existing image id,
 * optionally with Dockerfile commands layered on top. Get the service from {@link
 * dev.modal4j.ModalClient#images()}.
 */
package dev.modal4j.images;
