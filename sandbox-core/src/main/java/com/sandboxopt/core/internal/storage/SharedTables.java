package com.sandboxopt.core.internal.storage;

/**
 * What nodes sharing one PostgreSQL database keep there besides models, jobs and lines, one table (or channel) per
 * concern: which nodes live, the job queue, file bytes, and the messages between nodes.
 */
public record SharedTables(NodeTable nodes, QueueTable queue, FileBlobTable files, NodeChannel channel) {
}
