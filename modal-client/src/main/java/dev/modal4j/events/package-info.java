/**
 * Client events: {@link dev.modal4j.events.EventListener}, given to {@code
 * ModalClient.builder().eventListener(...)}, hears about every RPC attempt, retry, server throttle,
 * auth token refresh, blob transfer and map progress of one client, in the manner of OkHttp's
 * {@code EventListener}. The optional module {@code modal4j-micrometer} turns these events into
 * Micrometer meters.
 */
package dev.modal4j.events;
