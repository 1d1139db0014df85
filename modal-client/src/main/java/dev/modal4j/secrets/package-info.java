/**
 * Modal secrets: {@link dev.modal4j.secrets.Secrets} finds named secrets and makes ephemeral ones
 * from a map.
 */
package dev.modal4j.secrets;
