/**
 * The operator surface of an asfcast server: what an operator sees (status, metrics, the status
 * page, the access log) and what they may do (kick a player, stop a point, reload). It reads the
 * points' counters and events from {@code org.asfcast.netsink}; nothing here sits on the packet
 * path, so a slow scrape or a full log disk never delays a player.
 */
package org.asfcast.ops;
