/**
 * modal4j's client events as Micrometer meters: add {@code modal4j-micrometer} and give the client
 * {@code ModalClient.builder().eventListener(new MicrometerEventListener(registry))}.
 */
package dev.modal4j.micrometer;
