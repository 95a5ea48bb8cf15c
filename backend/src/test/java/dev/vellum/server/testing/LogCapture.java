package dev.vellum.server.testing;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Records everything the server logs at any level, so a test can prove what never reaches a log. */
public final class LogCapture extends Handler implements AutoCloseable {
    private final StringBuffer text = new StringBuffer();
    private final StringBuffer shown = new StringBuffer();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Logger root = Logger.getLogger("");
    private final Level previousLevel = root.getLevel();

    private LogCapture() {
        setLevel(Level.ALL);
    }

    public static LogCapture everything() {
        LogCapture capture = new LogCapture();
        capture.root.setLevel(Level.ALL);
        capture.root.addHandler(capture);
        return capture;
    }

    public String text() {
        return text.toString();
    }

    /** What a server at the default level (INFO) would have written: records of INFO and above. */
    public String shownByDefault() {
        return shown.toString();
    }

    @Override
    public void publish(LogRecord record) {
        String formatted = formatter.format(record);
        text.append(formatted);
        if (record.getLevel().intValue() >= Level.INFO.intValue()) {
            shown.append(formatted);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        root.setLevel(previousLevel);
    }
}
