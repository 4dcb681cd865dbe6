import { spawnSync } from 'node:child_process';

/**
 * CLI tests run bin/newsarc.js against dist/, so the suite always builds the current sources first.
 * Type errors do not stop the emit (CI's `npm run typecheck` reports them); a failed emit would show up in the CLI tests.
 */
export default function setup(): void {
  spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'ignore' });
}
