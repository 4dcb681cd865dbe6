import { execFileSync } from 'node:child_process';

/** CLI tests run bin/newsarc.js against dist/, so the suite always tests the current sources. */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
