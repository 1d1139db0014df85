/** Modal volumes: {@link dev.modal4j.volumes.Volumes} finds or creates named volumes. */
package dev.modal4j.volumes;
