/**
 * OAuth machine credentials in the emulator: registered clients ({@link
 * dev.modal4j.testing.oauth.OAuthClient}), the refresh tokens issued to them, and the checks Modal
 * applies when a client exchanges them for an auth token.
 */
package dev.modal4j.testing.oauth;
