/** A note that cannot be loaded, with the 1-based line a person should look at. */
export class NoteError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    super(message);
    this.name = 'NoteError';
  }
}
