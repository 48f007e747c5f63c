package com.sandboxopt.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sandboxopt.core.testing.TestPostgres;
import com.sandboxopt.server.support.TestServers;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** On a server that shares a PostgreSQL queue, the Testing tab's job view names the node that ran the job. */
@PageTest.OpensThePageItself
class NodeOnThePageBrowserTest extends PageTest {
    private static EmbeddedServer server;
    private static String jobId;

    @BeforeAll
    static void runAJobOnANodeThenOpenThePage() throws IOException {
        TestPostgres.Database database = TestPostgres.get().newDatabase();
        server = TestServers.startOwn("page-node", Map.of("sandbox.database.url", database.url(),
                "sandbox.database.user", database.user(), "sandbox.database.password", database.password(),
                "sandbox.node-id", "page-node-1"));
        api = TestServers.api(server);
        jobId = api.execute(api.uploadModel("on_a_node.py", "print('hello from a node')\n", "SO"), "{}");
        assertThat(api.awaitEnded(jobId, LONG).get("node").asText()).isEqualTo("page-node-1");
        open("/sandbox");
    }

    @AfterAll
    static void stopTheServer() {
        server.close();
    }

    @Test
    void theJobViewSaysWhichNodeRanTheJob() {
        browser.findElement(By.cssSelector("[data-tab=testing]")).click();
        await().atMost(LONG).until(() -> text("#history-table tbody").contains(jobId));
        browser.findElement(By.cssSelector("#history-table tbody tr[data-job='" + jobId + "']")).click();
        await().atMost(LONG).until(() -> text("#job-detail-meta").contains("on node page-node-1"));
        assertThat(text("#job-detail-meta")).contains("on_a_node.py", "Success");
    }
}
