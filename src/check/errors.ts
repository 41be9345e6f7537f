/**
 * A check that could not run: unusable configuration, exceptions file, policy bundle or policy
 * output. The message names the file and the problem (`<file>: <problem>`); the CLI prints it
 * without a stack trace and exits 2.
 */
export class CheckError extends Error {
  readonly file: string;
  readonly problem: string;
  constructor(file: string, problem: string) {
    super(file ? `${file}: ${problem}` : problem);
    this.name = "CheckError";
    this.file = file;
    this.problem = problem;
  }
}
