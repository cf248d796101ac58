/**
 * The relay (pull) source of an edge server: another server's live stream, asked for as a
 * distribution server asks ({@code NSServer}), relayed through the writer's live relay so that the
 * origin going away and coming back is what an encoder's restart is to a command source.
 */
package org.asfcast.client.relay;
