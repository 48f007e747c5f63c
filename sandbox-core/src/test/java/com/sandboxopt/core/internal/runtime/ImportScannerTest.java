package com.sandboxopt.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImportScannerTest {
    @Test
    void readsEveryFormOfImportStatement() {
        String source = String.join("\n",
                "import json",
                "import math, random as rnd",
                "import xml.dom.minidom",
                "from collections import defaultdict",
                "from os . path import join",
                "from . import sibling",
                "from __future__ import annotations",
                "import sandbox",
                "def solve():",
                "    import heapq  # inside a function",
                "    from itertools import (chain,",
                "                           product)",
                "text = 'import nothing'",
                "# import commented_out",
                "");

        assertThat(ImportScanner.modules(source))
                .containsExactly("json", "math", "random", "xml.dom.minidom", "heapq", "collections", "os.path", "itertools");
    }
}
