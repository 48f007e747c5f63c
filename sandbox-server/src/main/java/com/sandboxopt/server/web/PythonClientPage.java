package com.sandboxopt.server.web;

import java.util.Optional;

/** The HTML of {@code /client/python/}: the wheel's link (with the hash pip checks) and how to install it. */
final class PythonClientPage {
    private PythonClientPage() {
    }

    static String html(Optional<PythonClientWheel> wheel, String origin) {
        String findLinks = origin + "/client/python/";
        String install = "pip install --no-index --find-links " + findLinks + " sandboxopt";
        StringBuilder page = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><title>sandboxopt: the Python client</title>
                <style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
                pre{background:#f4f4f6;padding:.6rem .8rem;overflow-x:auto}</style></head>
                <body>
                <h1>sandboxopt: the Python client</h1>
                """);
        if (wheel.isEmpty()) {
            page.append("<p>This server was built without the Python client (module sandbox-client-python).</p>\n");
        } else {
            PythonClientWheel w = wheel.get();
            page.append("<p>Version ").append(escape(w.version())).append(" (this server's), standard library only, Python 3.9 or later:</p>\n")
                    .append("<ul><li><a href=\"/client/python/").append(escape(w.fileName())).append("#sha256=").append(w.sha256())
                    .append("\">").append(escape(w.fileName())).append("</a></li></ul>\n");
        }
        page.append("<h2>Install</h2>\n<pre>").append(escape(install)).append("</pre>\n")
                .append("""
                        <h2>Use</h2>
                        <pre>from sandboxopt import Client
                        client = Client("%s")            # a token: Client(url, token="sbx_...") or SANDBOXOPT_TOKEN
                        job = client.run(client.upload("models/sample_dmo_model.py"), config={"hours": 12})
                        for line in job.follow():
                            print(line)
                        print(job.wait().result)</pre>
                        <p>On the command line: <code>sandboxopt --help</code>, e.g.
                        <code>SANDBOXOPT_URL=%s sandboxopt run models/sample_dmo_model.py --follow</code>.</p>
                        </body>
                        </html>
                        """.formatted(escape(origin), escape(origin)));
        return page.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
