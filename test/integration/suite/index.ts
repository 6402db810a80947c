/**
 * The extension-host test runner: VS Code (desktop, or code-server through ../codeServerShim.js) loads this
 * module with --extensionTestsPath and calls run(). It runs every *.test.js beside it with mocha's spec
 * reporter and rejects when a test fails, which makes the editor exit with code 1.
 * When EM_TEST_OUTPUT is set (by the code-server shim) the reporter's output is also appended to that file,
 * because the web workbench only forwards the extension host's console as browser log lines.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const outFile = process.env.EM_TEST_OUTPUT;
  const write = (text: string) => {
    if (outFile) fs.appendFileSync(outFile, text + '\n');
    else console.log(text);
  };
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => write(util.format(...args));

  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.EM_TEST_GREP;
  if (grep) mocha.grep(grep);
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
      write(`${stats.passes} passed, ${stats.failures} failed${stats.pending ? `, ${stats.pending} pending` : ''}`);
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
  });
}
