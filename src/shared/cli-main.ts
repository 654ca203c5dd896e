/*
 * How a command-line entry point (npm run token, documents, webhooks, import) runs when started
 * as a program: its exit code from what it returns, and one line on stderr if it throws.
 */

/** Writes `line` and a newline to standard output. */
export const stdoutLine = (line: string): void => void process.stdout.write(`${line}\n`);

/** Writes `line` and a newline to standard error. */
export const stderrLine = (line: string): void => void process.stderr.write(`${line}\n`);

/** Runs `run` as the program `name`: its result is the exit code; a throw is `name: message` and exit code 1. */
export function runAsMain(name: string, run: () => Promise<number>): void {
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      process.stderr.write(`${name}: ${error.message}\n`);
      process.exitCode = 1;
    },
  );
}
