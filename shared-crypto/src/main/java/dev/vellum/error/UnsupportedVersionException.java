package dev.vellum.error;

/** A message declares a format version this build does not know; it is never parsed as another version. */
public final class UnsupportedVersionException extends InvalidMessageException {
    private final int version;

    public UnsupportedVersionException(String format, int version, int supported) {
        super(format + " version " + version + " is not supported (expected " + supported + ")");
        this.version = version;
    }

    public int version() {
        return version;
    }
}
