package com.sandboxopt.server.support;

/** Small Python models for the tests. */
public final class Models {
    private Models() {
    }

    /** Prints {@code tick 0 ... tick n-1}, pausing between lines, so a job runs for a while. */
    public static String ticking(int lines, double pauseSeconds) {
        return "import time\n"
                + "for i in range(" + lines + "):\n"
                + "    print(f'tick {i}')\n"
                + "    time.sleep(" + pauseSeconds + ")\n";
    }

    /** Runs until cancelled. */
    public static final String FOREVER = "print('spinning')\nwhile True:\n    pass\n";
}
