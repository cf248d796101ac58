package org.asfcast.cli;

import java.util.Optional;
import org.asfcast.cli.config.GuardConfig;
import org.asfcast.netsink.PlayerTokens;
import org.asfcast.netsink.PointGuard;
import org.asfcast.ops.HttpTokenHook;

/** Makes a point's {@link PointGuard} from its config: a token list, or an HTTP token hook, and its users. */
final class PlayerGuards {

    private PlayerGuards() {
    }

    /** The guard {@code config} describes; a new one per config, so a reload starts the hook's cache afresh. */
    static PointGuard of(GuardConfig config) {
        if (config.isOpen()) {
            return PointGuard.OPEN;
        }
        Optional<GuardConfig.Hook> hook = config.hook();
        PlayerTokens tokens = hook.isPresent()
                ? PlayerTokens.hook(new HttpTokenHook(hook.get().url(), hook.get().timeout()), hook.get().timeout(),
                        hook.get().cache())
                : config.tokens().isEmpty() ? PlayerTokens.NONE : PlayerTokens.list(config.tokens());
        return PointGuard.of(tokens, config.users());
    }
}
