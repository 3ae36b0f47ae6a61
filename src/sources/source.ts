import type { MessageInput, SourceEventInput } from '../core/message.ts';

/** A message as a source reads it: no provenance yet (the pipeline adds blob and capture time). */
export type RawMessage = Omit<MessageInput, 'provenance' | 'capturedAt'>;

/** A recognized system notice as a source reads it (the pipeline adds provenance). */
export type RawEvent = Omit<SourceEventInput, 'provenance'>;

/**
 * What a source yields while it reads. Every input line or record ends in exactly one `message`,
 * `event` or `rejected` item. Sources never throw for one bad item: they yield `rejected` and go on. They throw an ImportError only when the whole input is unusable.
 */
export type SourceItem =
  | {
      kind: 'message';
      message: RawMessage;
      /** Path of the file inside the input ('' when the input is that file itself). */
      origin: string;
      /** Place inside that file: `line=12`, `offset=3456`, `index=7`. */
      place: string;
      /** Bytes of the input consumed so far, when the source knows (drives the progress bar). */
      progress?: number;
    }
  | {
      /** Bytes of a media file or a member file the pipeline must keep as a blob (e.g. a photo in the zip). */
      kind: 'media';
      origin: string;
      bytes: Uint8Array;
      mime?: string;
    }
  | {
      /** A line or record that is not a post but a recognized system notice: stored and counted as an event. */
      kind: 'event';
      event: RawEvent;
      origin: string;
      place: string;
    }
  | { kind: 'rejected'; origin: string; place: string; reason: string }
  | { kind: 'warning'; origin: string; place?: string; message: string }
  /**
   * Bytes of the input consumed, when nothing else is yielded for them (blank or rejected lines at the
   * end): a source that reports progress ends with one, equal to the input's size once it read all.
   */
  | { kind: 'progress'; progress: number };

/** An input handed to `vigil import`: a file, an unpacked folder or a zip. */
export interface ImportInput {
  /** Absolute path on disk. */
  path: string;
  /** Path as the user gave it, for messages. */
  displayPath: string;
  isDirectory: boolean;
}

export interface SourceOptions {
  /** Format-specific flags from the CLI (--map, --days-first, --platform, ...). */
  [key: string]: string | boolean | undefined;
}

export interface Source {
  /** Format name used by --format and in provenance.source. */
  name: string;
  version: string;
  /** Cheap sniff: can this source read the input? */
  detect(input: ImportInput): Promise<boolean>;
  read(input: ImportInput, options: SourceOptions, signal?: AbortSignal): AsyncIterable<SourceItem>;
}
