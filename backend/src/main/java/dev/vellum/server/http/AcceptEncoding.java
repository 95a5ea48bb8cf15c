package dev.vellum.server.http;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A request's {@code Accept-Encoding} (RFC 9110, section 12.5.3), reduced to the one question the static files ask:
 * which of the codings at hand to send. A request without the header gets identity: curl without
 * {@code --compressed}, and anyone comparing the page's bytes with the build hash, expects the file itself.
 */
final class AcceptEncoding {
    /** The server's own order of preference, best first, where the client weighs codings equally. */
    private static final ContentCoding[] PREFERENCE = {ContentCoding.BROTLI, ContentCoding.GZIP};

    private final Map<String, Double> weights;

    private AcceptEncoding(Map<String, Double> weights) {
        this.weights = weights;
    }

    /** Parses the header's value; null (no header) accepts identity only. Malformed weights count as 0. */
    static AcceptEncoding parse(String header) {
        Map<String, Double> weights = new HashMap<>();
        if (header != null) {
            for (String element : header.split(",")) {
                String[] parts = element.split(";");
                String coding = parts[0].trim().toLowerCase(Locale.ROOT);
                if (!coding.isEmpty()) {
                    weights.put(coding, weight(parts));
                }
            }
        }
        return new AcceptEncoding(weights);
    }

    /**
     * The coding to send, among {@code available}: the one the client weighs highest (the server's preference
     * between equals), or identity when it accepts none of them. Identity is sent even to a client that refuses it
     * ({@code identity;q=0}): a 406 would leave it with nothing, and any client can read the file itself.
     */
    ContentCoding choose(Set<ContentCoding> available) {
        ContentCoding best = ContentCoding.IDENTITY;
        double bestWeight = 0;
        for (ContentCoding coding : PREFERENCE) {
            double weight = weightOf(coding);
            if (available.contains(coding) && weight > bestWeight) {
                best = coding;
                bestWeight = weight;
            }
        }
        return best;
    }

    private double weightOf(ContentCoding coding) {
        Double listed = weights.get(coding.token());
        if (listed == null && coding == ContentCoding.GZIP) {
            listed = weights.get("x-gzip");
        }
        if (listed != null) {
            return listed;
        }
        return weights.getOrDefault("*", 0.0);
    }

    private static double weight(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].trim();
            if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')
                    && parameter.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(parameter.substring(2));
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
