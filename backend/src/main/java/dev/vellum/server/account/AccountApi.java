package dev.vellum.server.account;

import io.vertx.ext.web.Router;
import java.util.Set;

/**
 * The account HTTP API under {@code /api} (docs/protocol.md, "Accounts: HTTP API"): sign-up, login, recovery, the
 * session, devices and account settings. What every request goes through before and after its handler (Origin,
 * Content-Type, body limit, strict parsing, error answers) is {@link ApiFront}'s.
 */
public final class AccountApi {
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private final ApiFront front;
    private final SignUpRoutes signUp;
    private final LoginRoutes login;
    private final SessionRoutes session;
    private final DeviceRoutes devices;
    private final AccountSettingsRoutes settings;

    public AccountApi(AccountServices services, ApiFront front) {
        this.front = front;
        this.signUp = new SignUpRoutes(services);
        this.login = new LoginRoutes(services);
        this.session = new SessionRoutes(services);
        this.devices = new DeviceRoutes(services);
        this.settings = new AccountSettingsRoutes(services);
    }

    /**
     * Mounts the API, after {@link ApiFront#mountChecks} and before {@link ApiFront#mountFallback}; its body limit
     * holds for every {@code /api} path whose API did not set its own before.
     */
    public void mount(Router router) {
        front.mountBodies(router, MAX_BODY_BYTES, "/api/*");
        router.post("/api/accounts/salt").handler(front.body(Set.of("username"), signUp::salt));
        router.post("/api/accounts").handler(front.body(SignUpRoutes.SIGN_UP_FIELDS, signUp::signUp));
        router.post("/api/login/start").handler(front.body(Set.of("username", "authKey"), login::startLogin));
        router.post("/api/recovery/start").handler(front.body(Set.of("username", "recoveryAuthKey"),
                login::startRecovery));
        router.post("/api/login/finish").handler(front.body(LoginRoutes.LOGIN_FINISH_FIELDS, login::finishLogin));
        router.post("/api/recovery/finish").handler(front.body(LoginRoutes.RECOVERY_FINISH_FIELDS,
                login::finishRecovery));
        router.get("/api/session").handler(front.withSession(Set.of(), session::show));
        router.post("/api/logout").handler(front.body(Set.of(), session::logout));
        router.get("/api/devices").handler(front.withSession(Set.of(), devices::list));
        router.post("/api/devices/revoke").handler(front.withSession(Set.of("deviceSigningKey"), devices::revoke));
        router.post("/api/account/passphrase").handler(front.withSession(AccountSettingsRoutes.PASSPHRASE_FIELDS,
                settings::changePassphrase));
        router.post("/api/account/recovery-key").handler(front.withSession(AccountSettingsRoutes.RECOVERY_KEY_FIELDS,
                settings::replaceRecoveryKey));
        router.post("/api/account/delete").handler(front.withSession(Set.of("authKey"), settings::delete));
    }
}
