package org.asfcast.writer;

/**
 * The Windows Media Format SDK's error codes that asfcast raises, with the SDK's own sentence, so
 * a caller porting SDK code can map exceptions back to HRESULTs.
 */
public enum SdkError {
    /** The request is invalid in the current state (already open, not open, bad value, ...). */
    NS_E_INVALID_REQUEST(0xC00D002B, "The request is invalid in the current state."),
    /** An attempt to acquire a network resource failed (the port is in use). */
    NS_E_NETWORK_RESOURCE_FAILURE(0xC00D0028, "An attempt to acquire a network resource failed."),
    /** The system cannot find the client specified. */
    NS_E_INVALID_CLIENT(0xC00D003F, "The system cannot find the client specified."),
    /** An index is out of range. */
    NS_E_INVALID_INDEX(0xC00D0011, "The index is invalid."),
    /** An argument is invalid. */
    E_INVALIDARG(0x80070057, "Invalid argument."),
    /** A required reference is null (the SDK's NULL pointer). */
    E_POINTER(0x80004003, "Invalid pointer."),
    /** The call cannot be made now (the SDK's BeginWriting failure). */
    E_UNEXPECTED(0x8000FFFF, "Catastrophic failure."),
    /**
     * The object is in the wrong state for the call: what the SDK documents as NS_E_INVALID_STATE,
     * which no SDK header defines; this is the nearest code that exists.
     */
    ASF_E_INVALIDSTATE(0xC00D07F5, "The request is not valid in the object's current state."),
    /** Invalid or corrupt data: a sample ASF cannot carry. */
    NS_E_INVALID_DATA(0xC00D002F, "Invalid or corrupt data was encountered."),
    /** A sample arrived later than the writer's sync tolerance allows; it was discarded. */
    NS_E_LATE_OPERATION(0xC00D002E,
            "An operation requested for a particular time could not be carried out on schedule."),
    /** Samples from a live source are arriving faster than real time; the sample was discarded. */
    NS_E_TOO_MUCH_DATA(0xC00D0BCC, "Samples from a real-time source are arriving faster than expected."),
    /** The push sink's URL names no host it can use (the SDK's "Host name is not valid."). */
    NS_E_INVALID_NAME(0xC00D001C, "The file name, directory name, or volume label syntax is incorrect."),
    /** The push sink has no connection to the server (EndSession before Connect). */
    NS_E_NOCONNECTION(0xC00D0005, "There is no connection established with the Windows Media server. The operation failed."),
    /** The push sink's connection to the server failed. */
    NS_E_CONNECTION_FAILURE(0xC00D0029, "The network connection has failed.");

    private final int hresult;
    private final String text;

    SdkError(int hresult, String text) {
        this.hresult = hresult;
        this.text = text;
    }

    /** The HRESULT the SDK returns. */
    public int hresult() {
        return hresult;
    }

    /** The SDK's description of the error. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return name() + String.format(" (0x%08X)", hresult);
    }
}
