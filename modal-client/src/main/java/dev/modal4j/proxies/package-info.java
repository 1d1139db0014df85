/** Modal Proxies: static outbound IP addresses for sandboxes, looked up by name. */
package dev.modal4j.proxies;
