/** Base for errors Vigil raises on purpose; carries the offending value. */
export class VigilError extends Error {
  constructor(
    message: string,
    readonly value?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input: names the file and the place (line, offset or path inside an archive). */
export class ImportError extends VigilError {
  constructor(
    message: string,
    readonly file: string,
    readonly place?: string,
    value?: unknown,
  ) {
    super(`${file}${place ? `:${place}` : ''}: ${message}`, value);
  }
}

export class BlobIntegrityError extends VigilError {
  constructor(
    readonly sha256: string,
    readonly found: string,
  ) {
    super(`blob ${sha256} is corrupt: its content hashes to ${found}`, sha256);
  }
}

export class BlobMissingError extends VigilError {
  constructor(readonly sha256: string) {
    super(`blob ${sha256} is missing`, sha256);
  }
}

export class NotFoundError extends VigilError {}

export class UsageError extends VigilError {}

/** The store could not be opened at all (server down, wrong address, no such database, refused login). */
export class StoreUnavailableError extends VigilError {}
