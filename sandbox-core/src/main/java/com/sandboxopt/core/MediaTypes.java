package com.sandboxopt.core;

import java.util.Locale;
import java.util.Map;

/** Media types by file extension, for what models usually write; anything else is octet-stream. */
final class MediaTypes {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("csv", "text/csv"), Map.entry("tsv", "text/tab-separated-values"), Map.entry("txt", "text/plain"),
            Map.entry("log", "text/plain"), Map.entry("md", "text/markdown"), Map.entry("json", "application/json"),
            Map.entry("xml", "application/xml"), Map.entry("html", "text/html"), Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("pdf", "application/pdf"), Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"), Map.entry("parquet", "application/vnd.apache.parquet"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("xls", "application/vnd.ms-excel"), Map.entry("jsonl", "application/x-ndjson"),
            Map.entry("ndjson", "application/x-ndjson"), Map.entry("py", "text/x-python"),
            Map.entry("lp", "text/plain"), Map.entry("mps", "text/plain"), Map.entry("yaml", "application/yaml"),
            Map.entry("yml", "application/yaml"));

    private MediaTypes() {
    }

    static String of(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.getOrDefault(extension, "application/octet-stream");
    }
}
