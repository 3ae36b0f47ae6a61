import { FolderBlobStore } from './folder-blob-store.ts';

export interface PutResult {
  sha256: string;
  bytes: number;
  /** The blob was already stored. */
  existed: boolean;
}

/**
 * Content-addressed, write-once originals, named by their SHA-256. Every read re-hashes. Two
 * implementations share this interface: a folder (local or on a shared filesystem,
 * src/evidence/folder-blob-store.ts) and an S3-compatible bucket (src/evidence/s3-blob-store.ts);
 * src/evidence/open-blob-store.ts picks one from VIGIL_BLOBS. Any number of processes on any number of
 * machines may write the same blob at once: the content decides the name, so they agree.
 */
export interface BlobStore {
  /** Where the blobs live, for messages: a folder path or s3://bucket/prefix/. */
  readonly location: string;
  has(sha256: string): Promise<boolean>;
  putBytes(data: Uint8Array | string): Promise<PutResult>;
  /** Stream a file in, hashing while copying, so a 1 GB export never sits in memory. */
  putFile(path: string): Promise<PutResult>;
  /** The bytes of a blob, after checking they still hash to its name. */
  get(sha256: string): Promise<Buffer>;
  /**
   * The bytes of a blob as a stream, hashed as they pass. A missing blob throws BlobMissingError before
   * the first chunk; a changed one throws BlobIntegrityError after the last, so whoever consumes it
   * (an evidence bag written to a temporary folder) must throw away what it got when it throws.
   */
  read(sha256: string): AsyncIterable<Buffer>;
  /** Hash a stored blob by streaming it; throws when missing, returns what it hashes to. */
  hashOf(sha256: string): Promise<string>;
  /** Throws BlobMissingError or BlobIntegrityError unless the blob is there and hashes to its name. */
  verify(sha256: string): Promise<void>;
  /**
   * Run `use` with a local, read-only file holding the blob (importers that need random access, such
   * as a zip reader, work on a path). The folder store hands over the stored file itself; a remote
   * store downloads it to a temporary file, checks its hash, and removes it afterwards.
   */
  withLocalFile<T>(sha256: string, use: (path: string) => Promise<T>): Promise<T>;
  /** Let go of connections (the S3 client's sockets); the folder store has none. */
  close(): void;
}

/**
 * `new BlobStore(dir)` is the folder store, for code that builds one directly (tests, benches, the
 * demo). Commands and the server open theirs through openBlobStore, which reads VIGIL_BLOBS.
 */
export const BlobStore = FolderBlobStore;
