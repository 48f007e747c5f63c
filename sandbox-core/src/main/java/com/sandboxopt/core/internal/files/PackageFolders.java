package com.sandboxopt.core.internal.files;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured folders of pure-Python packages, as read-only mounts and {@code sys.path}
 * entries. A folder holding {@code __init__.py} is one package, seen as
 * {@code /packages/<its name>}, so that only it (and not its siblings, e.g. the rest of Debian's
 * dist-packages) is visible; any other folder is a folder of packages, seen as {@code /site/<n>}.
 */
public final class PackageFolders {
    static final String PACKAGES = "/packages";
    static final String SITE = "/site/";
    private static final String IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]*";

    private final List<Mount> mounts;
    private final List<String> sysPath;
    private final Map<String, Path> described;

    private PackageFolders(List<Mount> mounts, List<String> sysPath, Map<String, Path> described) {
        this.mounts = List.copyOf(mounts);
        this.sysPath = List.copyOf(sysPath);
        this.described = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(described));
    }

    /** Checks every folder now, so that a wrong one stops {@code build()} with its name. */
    public static PackageFolders of(List<Path> folders) {
        List<Mount> mounts = new ArrayList<>();
        List<String> sysPath = new ArrayList<>();
        Map<String, Path> described = new LinkedHashMap<>();
        int site = 0;
        for (Path folder : folders) {
            Path real = realFolder(folder);
            if (Files.isRegularFile(real.resolve("__init__.py"))) {
                String name = real.getFileName().toString();
                if (!name.matches(IDENTIFIER)) {
                    throw invalid(folder + " holds __init__.py but '" + name + "' is not a Python package name");
                }
                String guest = PACKAGES + "/" + name;
                if (described.containsKey(guest)) {
                    throw invalid("Two package folders are both named '" + name + "': " + described.get(guest) + " and " + folder);
                }
                mounts.add(new Mount(guest, real, false));
                described.put(guest, real);
                if (!sysPath.contains(PACKAGES)) {
                    sysPath.add(PACKAGES);
                }
            } else {
                String guest = SITE + ++site;
                mounts.add(new Mount(guest, real, false));
                described.put(guest, real);
                sysPath.add(guest);
            }
        }
        return new PackageFolders(mounts, sysPath, described);
    }

    private static Path realFolder(Path folder) {
        try {
            Path real = folder.toRealPath();
            if (!Files.isDirectory(real)) {
                throw invalid("packages: " + folder + " is not a folder");
            }
            if (!Files.isReadable(real)) {
                throw invalid("packages: " + folder + " cannot be read");
            }
            return real;
        } catch (IOException e) {
            throw invalid("packages: " + folder + " does not exist");
        }
    }

    private static SandboxException invalid(String message) {
        return new SandboxException(ErrorCode.INVALID_ARGUMENT, message);
    }

    public List<Mount> mounts() {
        return mounts;
    }

    /** The guest folders to put on {@code sys.path}, in order. */
    public List<String> sysPath() {
        return sysPath;
    }

    /** Guest path to host folder, e.g. {@code /packages/pulp -> /usr/lib/python3/dist-packages/pulp}. */
    /** The top-level modules the folders provide: each package's name, and what a folder of packages holds. */
    public java.util.Set<String> moduleNames() {
        return moduleNames(described);
    }

    /** The top-level modules of the given mounts (guest path to host folder), as {@link #described()} lists them. */
    public static java.util.Set<String> moduleNames(Map<String, Path> mounts) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Map.Entry<String, Path> mount : mounts.entrySet()) {
            if (mount.getKey().startsWith(PACKAGES + "/")) {
                names.add(mount.getValue().getFileName().toString());
                continue;
            }
            try (var entries = Files.list(mount.getValue())) {
                entries.map(entry -> entry.getFileName().toString().replaceFirst("\\.py$", ""))
                        .filter(name -> name.matches(IDENTIFIER))
                        .forEach(names::add);
            } catch (IOException e) {
                // a folder that cannot be listed provides nothing we can name
            }
        }
        return names;
    }

    public Map<String, Path> described() {
        return described;
    }
}
