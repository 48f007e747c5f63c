package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Data sources and artifacts on CPython, plus what only CPython's packages can do with them. */
class CPythonDataAndArtifactsTest extends DataAndArtifactsContract {
    @Override
    RuntimeKind runtime() {
        return RuntimeKind.CPYTHON;
    }

    @Test
    void pandasReadsADataFileAndWritesAnArtifact() {
        DataSource market = market();

        Job job = run("import pandas as pd\n"
                + "bids = pd.read_csv('data/bids.csv')\n"
                + "bids['value'] = bids['price'] * bids['quantity']\n"
                + "bids.to_csv('output/values.csv', index=False)\n"
                + "print('rows', len(bids))\n",
                ExecutionRequest.of("x").withDataSourceId(market.id()));

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        assertThat(messages(job)).contains("rows 2");
        assertThat(artifactText(job, "values.csv")).startsWith("hour,price,quantity,value\n1,45.5,100,4550.0\n");
    }

    @Test
    void theDataFolderIsTheOnlyHostFolderAJobSees() {
        DataSource market = sandbox.dataSources().upload(unique("fds"), null, Map.of("a.csv", "x\n".getBytes(StandardCharsets.UTF_8)));

        Job job = run("import os\n"
                + "def target(fd):\n"
                + "    try:\n"
                + "        return os.readlink('/proc/self/fd/' + fd)\n"
                + "    except OSError:\n"
                + "        return 'gone'\n"
                + "print(sorted(target(fd) for fd in os.listdir('/proc/self/fd') if int(fd) > 2))\n"
                + "print(os.path.realpath('data'), os.listdir('data/..'))\n",
                ExecutionRequest.of("x").withDataSourceId(market.id()));

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        assertThat(messages(job).get(1)).startsWith("/job/data [").doesNotContain("channel");
        assertThat(String.join("\n", messages(job))).doesNotContain(TestSandbox.dataDirectory(sandbox).toString());
        assertThat(messages(job).get(1)).doesNotContain("sandbox-mounts");
        assertThat(messages(job).get(0)).as("open files of the guest: the channel (deleted), and the listing's own")
                .doesNotContain("/job/data").contains("(deleted)");
    }
}
