package org.asfcast.client;

/**
 * What a play session has received so far; a snapshot.
 *
 * @param bodyBytes        bytes of the response body read from the socket
 * @param packets          data packets returned
 * @param paddedPackets    of which the client padded (sent shorter than the packet size)
 * @param headerChunks     {@code $H} chunks, the initial header included (VLC repeats the header mid-stream)
 * @param streamChanges    {@code $C} chunks
 * @param otherChunks      chunks skipped as unknown to players ({@code $M}, {@code $P}, {@code $T}, …)
 * @param lengthMismatches chunks whose PacketSize differed from PacketLength
 */
public record PlayCounters(long bodyBytes, long packets, long paddedPackets, long headerChunks,
                           long streamChanges, long otherChunks, long lengthMismatches) {
}
