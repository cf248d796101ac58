package org.asfcast.asf;

/**
 * Where an ASF input stops short of its packets' end: a recording whose writer was killed, a file
 * cut by a full disk or an unfinished copy. The packets before it are whole and readable.
 *
 * @param wholePackets  how many whole packets come before the cut
 * @param offset        the input offset where the unfinished packet starts
 * @param partialBytes  the bytes of the unfinished packet that are present (0 when the input ends
 *                      between two packets)
 * @param missingBytes  how many bytes the Data Object declares beyond the end of the input (0 when
 *                      its size is unknown)
 */
public record PartialPacket(long wholePackets, long offset, int partialBytes, long missingBytes) {
}
