package org.asfcast.asf;

import java.util.Map;
import java.util.Optional;

/**
 * The GUIDs of the ASF specification (rev 01.20.05) that asfcast reads or writes, with their
 * specification names. Verified byte for byte against FFmpeg's and VLC's tables.
 */
public final class AsfGuids {
    private AsfGuids() {
    }

    // Top-level objects.
    public static final Guid HEADER = Guid.parse("75B22630-668E-11CF-A6D9-00AA0062CE6C");
    public static final Guid DATA = Guid.parse("75B22636-668E-11CF-A6D9-00AA0062CE6C");
    public static final Guid SIMPLE_INDEX = Guid.parse("33000890-E5B1-11CF-89F4-00A0C90349CB");
    public static final Guid INDEX = Guid.parse("D6E229D3-35DA-11D1-9034-00A0C90349BE");

    // Header objects.
    public static final Guid FILE_PROPERTIES = Guid.parse("8CABDCA1-A947-11CF-8EE4-00C00C205365");
    public static final Guid STREAM_PROPERTIES = Guid.parse("B7DC0791-A9B7-11CF-8EE6-00C00C205365");
    public static final Guid HEADER_EXTENSION = Guid.parse("5FBF03B5-A92E-11CF-8EE3-00C00C205365");
    public static final Guid CODEC_LIST = Guid.parse("86D15240-311D-11D0-A3A4-00A0C90348F6");
    public static final Guid SCRIPT_COMMAND = Guid.parse("1EFB1A30-0B62-11D0-A39B-00A0C90348F6");
    public static final Guid MARKER = Guid.parse("F487CD01-A951-11CF-8EE6-00C00C205365");
    public static final Guid CONTENT_DESCRIPTION = Guid.parse("75B22633-668E-11CF-A6D9-00AA0062CE6C");
    public static final Guid EXTENDED_CONTENT_DESCRIPTION = Guid.parse("D2D0A440-E307-11D2-97F0-00A0C95EA850");
    public static final Guid STREAM_BITRATE_PROPERTIES = Guid.parse("7BF875CE-468D-11D1-8D82-006097C9A2B2");
    public static final Guid BITRATE_MUTUAL_EXCLUSION = Guid.parse("D6E229DC-35DA-11D1-9034-00A0C90349BE");
    /** The exclusion type of a Bitrate Mutual Exclusion Object: the streams are one content at several bit rates. */
    public static final Guid MUTEX_BITRATE = Guid.parse("D6E22A01-35DA-11D1-9034-00A0C90349BE");
    public static final Guid CONTENT_ENCRYPTION = Guid.parse("2211B3FB-BD23-11D2-B4B7-00A0C955FC6E");
    public static final Guid EXTENDED_CONTENT_ENCRYPTION = Guid.parse("298AE614-2622-4C17-B935-DAE07EE9289C");
    public static final Guid PADDING = Guid.parse("1806D474-CADF-4509-A4BA-9AABCB96AAE8");

    // Header Extension children.
    public static final Guid EXTENDED_STREAM_PROPERTIES = Guid.parse("14E6A5CB-C672-4332-8399-A96952065B5A");
    public static final Guid LANGUAGE_LIST = Guid.parse("7C4346A9-EFE0-4BFC-B229-393EDE415C85");
    public static final Guid METADATA = Guid.parse("C5F8CBEA-5BAF-4877-8467-AA8C44FA4CCA");
    public static final Guid METADATA_LIBRARY = Guid.parse("44231C94-9498-49D1-A141-1D134E457054");

    // Stream types.
    public static final Guid AUDIO_MEDIA = Guid.parse("F8699E40-5B4D-11CF-A8FD-00805F5C442B");
    public static final Guid VIDEO_MEDIA = Guid.parse("BC19EFC0-5B4D-11CF-A8FD-00805F5C442B");
    public static final Guid COMMAND_MEDIA = Guid.parse("59DACFC0-59E6-11D0-A3AC-00A0C90348F6");
    public static final Guid JFIF_MEDIA = Guid.parse("B61BE100-5B4E-11CF-A8FD-00805F5C442B");
    public static final Guid BINARY_MEDIA = Guid.parse("3AFB65E2-47EF-40F2-AC2C-70A90D71D343");

    // Error correction types.
    public static final Guid NO_ERROR_CORRECTION = Guid.parse("20FB5700-5B55-11CF-A8FD-00805F5C442B");
    public static final Guid AUDIO_SPREAD = Guid.parse("BFC3CD50-618F-11CF-8BB2-00AA00B4E220");

    // Reserved fields.
    public static final Guid RESERVED_1 = Guid.parse("ABD3D211-A9BA-11CF-8EE6-00C00C205365");
    public static final Guid RESERVED_2 = Guid.parse("86D15241-311D-11D0-A3A4-00A0C90348F6");

    private static final Map<Guid, String> NAMES = Map.ofEntries(
            Map.entry(HEADER, "ASF_Header_Object"),
            Map.entry(DATA, "ASF_Data_Object"),
            Map.entry(SIMPLE_INDEX, "ASF_Simple_Index_Object"),
            Map.entry(INDEX, "ASF_Index_Object"),
            Map.entry(FILE_PROPERTIES, "ASF_File_Properties_Object"),
            Map.entry(STREAM_PROPERTIES, "ASF_Stream_Properties_Object"),
            Map.entry(HEADER_EXTENSION, "ASF_Header_Extension_Object"),
            Map.entry(CODEC_LIST, "ASF_Codec_List_Object"),
            Map.entry(SCRIPT_COMMAND, "ASF_Script_Command_Object"),
            Map.entry(MARKER, "ASF_Marker_Object"),
            Map.entry(CONTENT_DESCRIPTION, "ASF_Content_Description_Object"),
            Map.entry(EXTENDED_CONTENT_DESCRIPTION, "ASF_Extended_Content_Description_Object"),
            Map.entry(STREAM_BITRATE_PROPERTIES, "ASF_Stream_Bitrate_Properties_Object"),
            Map.entry(BITRATE_MUTUAL_EXCLUSION, "ASF_Bitrate_Mutual_Exclusion_Object"),
            Map.entry(CONTENT_ENCRYPTION, "ASF_Content_Encryption_Object"),
            Map.entry(EXTENDED_CONTENT_ENCRYPTION, "ASF_Extended_Content_Encryption_Object"),
            Map.entry(PADDING, "ASF_Padding_Object"),
            Map.entry(EXTENDED_STREAM_PROPERTIES, "ASF_Extended_Stream_Properties_Object"),
            Map.entry(LANGUAGE_LIST, "ASF_Language_List_Object"),
            Map.entry(METADATA, "ASF_Metadata_Object"),
            Map.entry(METADATA_LIBRARY, "ASF_Metadata_Library_Object"),
            Map.entry(AUDIO_MEDIA, "ASF_Audio_Media"),
            Map.entry(VIDEO_MEDIA, "ASF_Video_Media"),
            Map.entry(COMMAND_MEDIA, "ASF_Command_Media"),
            Map.entry(JFIF_MEDIA, "ASF_JFIF_Media"),
            Map.entry(BINARY_MEDIA, "ASF_Binary_Media"),
            Map.entry(NO_ERROR_CORRECTION, "ASF_No_Error_Correction"),
            Map.entry(AUDIO_SPREAD, "ASF_Audio_Spread"),
            Map.entry(RESERVED_1, "ASF_Reserved_1"),
            Map.entry(RESERVED_2, "ASF_Reserved_2"));

    /** The specification's name for a GUID this class knows. */
    public static Optional<String> nameOf(Guid guid) {
        return Optional.ofNullable(NAMES.get(guid));
    }

    /** The name if known, the canonical GUID otherwise: for messages. */
    public static String describe(Guid guid) {
        return nameOf(guid).orElse(guid.toString());
    }
}
