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
    E_INVALIDARG(0x80070057, "Invalid argument.");

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
