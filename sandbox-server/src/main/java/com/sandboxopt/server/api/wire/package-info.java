/**
 * The API's JSON bodies as records, field for field as docs/API.md has them (a record's component order is
 * its field order; nulls are written, see {@code jackson.serialization-inclusion}). Model, data source and
 * artifact fields are snake_case, job fields camelCase, as the API had them before these records.
 */
package com.sandboxopt.server.api.wire;
