/** An input that sanso cannot use. The message names the file and the problem; never a stack trace. */
export class InputError extends Error {
  readonly file: string;
  readonly problem: string;
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = "InputError";
    this.file = file;
    this.problem = problem;
  }
}
