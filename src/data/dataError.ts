import { ErrorText } from './messages';
import type { DataErrorCode } from './types';

/**
 * The one error the readers throw: a stable `code`, a message written for the user (from `messages.ts`), and where
 * it happened. Anything else escaping a reader is a bug.
 */
export class DataError extends Error {
  /** Stable code for programs (tests, the protocol's ErrorDto). */
  readonly code: DataErrorCode;
  /** The file named in the message. */
  readonly fileName: string;
  /** 1-based line in the file, when the problem has one. */
  readonly line?: number;
  /** Column name, when the problem is in one column. */
  readonly column?: string;
  /** 1-based character position in the line, for syntax errors. */
  readonly charColumn?: number;

  constructor(
    code: DataErrorCode,
    fileName: string,
    message: string,
    where: { line?: number; column?: string; charColumn?: number } = {},
  ) {
    super(message);
    this.name = 'DataError';
    this.code = code;
    this.fileName = fileName;
    if (where.line !== undefined) this.line = where.line;
    if (where.column !== undefined) this.column = where.column;
    if (where.charColumn !== undefined) this.charColumn = where.charColumn;
  }
}

/**
 * The error for a file that could not be opened or read (for callers that read files: the worker, the CLI).
 * @param reason what the file system said, e.g. "no such file" or "permission denied"
 */
export function unreadableFile(fileName: string, reason: string): DataError {
  return new DataError('unreadable', fileName, ErrorText.unreadable(fileName, reason));
}
