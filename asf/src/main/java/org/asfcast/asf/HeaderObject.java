package org.asfcast.asf;

/**
 * One object inside the ASF Header Object (or inside the Header Extension). The objects asfcast
 * models have their own type; every other object is kept byte for byte as an {@link UnknownObject}.
 */
public sealed interface HeaderObject
        permits FileProperties, StreamProperties, HeaderExtension, ExtendedStreamProperties,
        ContentDescription, ExtendedContentDescription, CodecList, StreamBitrateProperties, UnknownObject {

    /** The object's GUID. */
    Guid guid();

    /** The whole object as it goes on disk: GUID, 64-bit size, body. */
    byte[] toBytes();
}
