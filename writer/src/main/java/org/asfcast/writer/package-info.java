/**
 * The writer side of the Windows Media Format SDK: {@link org.asfcast.writer.Writer} (the SDK's
 * {@code IWMWriter} and {@code IWMWriterAdvanced}) packetizes samples described by a
 * {@link org.asfcast.writer.WriterProfile} and delivers the header and each data packet to its
 * {@link org.asfcast.writer.WriterSink}s: a {@link org.asfcast.writer.FileSink}, the network sink,
 * or your own. The SDK's HRESULTs are raised as {@link org.asfcast.writer.SdkException}s carrying the
 * {@link org.asfcast.writer.SdkError}.
 *
 * <p>Choices where the SDK is silent or contradicts itself, stated once here:
 * <ul>
 * <li>{@code NS_E_INVALID_STATE} has no HRESULT in any SDK header; {@code ASF_E_INVALIDSTATE}
 *     (0xC00D07F5) stands in for it.</li>
 * <li>Sinks may be added and removed at any time (the {@code BeginWriting} page), not only when
 *     configurable (the {@code AddSink} page); the sink contract holds either way.</li>
 * <li>The writer is real-time when the source is live or a sink is; statistics count
 *     {@code writeSample} calls as samples and give sample rates per second, not in kHz.</li>
 * <li>Late samples (beyond the sync tolerance) and, from a live source, early ones are discarded,
 *     counted, and reported with {@code NS_E_LATE_OPERATION} / {@code NS_E_TOO_MUCH_DATA}.</li>
 * </ul>
 */
package org.asfcast.writer;
