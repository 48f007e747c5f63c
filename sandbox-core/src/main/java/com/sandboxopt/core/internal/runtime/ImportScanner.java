package com.sandboxopt.core.internal.runtime;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The modules a model's source imports, read from its {@code import} and {@code from ... import}
 * statements (at any indentation) without running it. Relative imports, {@code __future__} and
 * {@code sandbox} are left out. Good enough to warm a context: a module named here that cannot be
 * imported is only skipped.
 */
public final class ImportScanner {
    private static final String NAME = "[A-Za-z_][A-Za-z0-9_]*(?:\\s*\\.\\s*[A-Za-z_][A-Za-z0-9_]*)*";
    private static final Pattern IMPORT = Pattern.compile("^[ \\t]*import[ \\t]+([^#;\\n]+)", Pattern.MULTILINE);
    private static final Pattern FROM = Pattern.compile("^[ \\t]*from[ \\t]+(" + NAME + ")[ \\t]+import\\b", Pattern.MULTILINE);
    private static final Pattern DOTTED = Pattern.compile(NAME);
    private static final Set<String> SKIPPED = Set.of("__future__", "sandbox");

    private ImportScanner() {
    }

    public static Set<String> modules(String source) {
        Set<String> modules = new LinkedHashSet<>();
        Matcher imports = IMPORT.matcher(source);
        while (imports.find()) {
            for (String part : imports.group(1).split(",")) {
                Matcher name = DOTTED.matcher(part.strip());
                if (name.lookingAt()) {
                    add(modules, name.group());
                }
            }
        }
        Matcher froms = FROM.matcher(source);
        while (froms.find()) {
            add(modules, froms.group(1));
        }
        return modules;
    }

    private static void add(Set<String> modules, String dotted) {
        String name = dotted.replaceAll("\\s+", "");
        if (!SKIPPED.contains(name.split("\\.")[0])) {
            modules.add(name);
        }
    }
}
