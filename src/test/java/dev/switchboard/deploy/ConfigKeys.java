package dev.switchboard.deploy;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.simulator.SimulatorConfig;
import dev.switchboard.usage.UsageConfig;
import io.smallrye.config.WithName;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every key of the router's {@code @ConfigMapping} interfaces, read from the interfaces themselves, as environment
 * variable patterns ({@code switchboard.callers.*.token_sha256} becomes {@code SWITCHBOARD_CALLERS_[A-Z0-9_]+_TOKEN_SHA256}),
 * so deployment files are checked against the keys the code really reads.
 */
final class ConfigKeys {

    private ConfigKeys() {
    }

    static List<Pattern> switchboardEnvPatterns() {
        List<String> keys = new ArrayList<>();
        walk(SwitchboardConfig.class, "switchboard", keys);
        walk(SimulatorConfig.class, "switchboard.simulator", keys);
        walk(UsageConfig.class, "switchboard.usage", keys);
        return keys.stream().map(ConfigKeys::envPattern).toList();
    }

    private static void walk(Class<?> type, String prefix, List<String> keys) {
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() != 0 || method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            WithName named = method.getAnnotation(WithName.class);
            String key = prefix + "." + (named != null ? named.value() : snake(method.getName()));
            leafOrGroup(method.getGenericReturnType(), key, keys);
        }
    }

    private static void leafOrGroup(Type type, String key, List<String> keys) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Map.class) {
            leafOrGroup(parameterized.getActualTypeArguments()[1], key + ".*", keys);
        } else if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class
                && isGroup(parameterized.getActualTypeArguments()[0])) {
            leafOrGroup(parameterized.getActualTypeArguments()[0], key + "[*]", keys);
        } else if (isGroup(type)) {
            walk((Class<?>) type, key, keys);
        } else {
            keys.add(key);
        }
    }

    private static boolean isGroup(Type type) {
        return type instanceof Class<?> c && c.isInterface() && c.getName().startsWith("dev.switchboard.");
    }

    private static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static Pattern envPattern(String key) {
        String[] parts = key.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("[A-Z0-9_]+");
            }
            regex.append(Pattern.quote(parts[i].replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT)));
        }
        return Pattern.compile(regex.toString());
    }
}
