// Papa Parse for the tests, loaded the way the page loads it: the file index.html's <script> names,
// run as a classic script (which sets globalThis.Papa), read from the WebJar that the build unpacks
// into target/webjars (sandbox-server/pom.xml, execution unpack-page-libraries). So a test fails when
// index.html names a version the pom does not ship.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const page = readFileSync(new URL('../../main/resources/web/sandbox/index.html', import.meta.url), 'utf8');
const script = /<script src="\.\.\/webjars\/(papaparse\/[^"]+)"><\/script>/.exec(page);
if (!script) throw new Error('index.html has no <script> that loads Papa Parse');
const file = fileURLToPath(new URL(`../../../target/webjars/META-INF/resources/webjars/${script[1]}`, import.meta.url));
if (!existsSync(file)) {
  throw new Error(`${file} is missing: unpack the WebJar first (mvn -pl sandbox-server generate-test-resources), `
    + 'or index.html names a version of Papa Parse that sandbox-server/pom.xml does not depend on');
}
vm.runInThisContext(readFileSync(file, 'utf8'), { filename: file });
