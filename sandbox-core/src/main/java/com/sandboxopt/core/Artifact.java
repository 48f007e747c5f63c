package com.sandboxopt.core;

/**
 * A file a job left under {@code output/}, kept with the job whatever its status.
 *
 * @param name        its path below {@code output/}, folders separated by {@code /} (e.g. {@code prices.csv},
 *                    {@code plots/day.svg})
 * @param sizeBytes   its length
 * @param sha256      its SHA-256, lower-case hex
 * @param contentType the media type guessed from its extension, e.g. {@code text/csv}
 */
public record Artifact(String name, long sizeBytes, String sha256, String contentType) {

    /** An artifact with the media type its extension suggests ({@code application/octet-stream} when unknown). */
    public static Artifact of(String name, long sizeBytes, String sha256) {
        return new Artifact(name, sizeBytes, sha256, MediaTypes.of(name));
    }
}
