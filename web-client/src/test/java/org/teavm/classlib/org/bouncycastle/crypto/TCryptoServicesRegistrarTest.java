package org.teavm.classlib.org.bouncycastle.crypto;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.bouncycastle.crypto.CryptoServicePurpose;
import org.bouncycastle.crypto.CryptoServicesRegistrar;
import org.bouncycastle.crypto.constraints.DefaultServiceProperties;
import org.junit.jupiter.api.Test;

/**
 * The browser's stand-in accepts what BouncyCastle's registrar accepts when no constraint property is set, which is
 * the only configuration a page can have.
 */
class TCryptoServicesRegistrarTest {
    @Test
    void everyServiceWeUse_isAcceptedByBothWithoutConstraintProperties() {
        for (CryptoServicePurpose purpose : CryptoServicePurpose.values()) {
            DefaultServiceProperties properties = new DefaultServiceProperties("Ed25519", 128, null, purpose);
            assertDoesNotThrow(() -> CryptoServicesRegistrar.checkConstraints(properties));
            assertDoesNotThrow(() -> TCryptoServicesRegistrar.checkConstraints(properties));
        }
    }
}
