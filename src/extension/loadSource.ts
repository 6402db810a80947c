/** Where the worker reads a panel's file from: the editor's unsaved text, the local path, or bytes read here. */
import * as vscode from 'vscode';
import { ErrorText } from '../data';
import type { ErrorDto } from '../protocol/model';
import type { SourceDto } from '../protocol/worker';

/**
 * The source for `uri`: an unsaved document's text, a local file's path (the worker streams it), or for remote
 * and virtual file systems the bytes (read through VS Code, after checking the size so an oversized file is refused
 * before it is read). An ErrorDto when it cannot be read.
 */
export async function sourceFor(uri: vscode.Uri, fileName: string, maxBytes: number): Promise<SourceDto | ErrorDto> {
  const dirty = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && d.isDirty);
  try {
    if (dirty) return { kind: 'bytes', bytes: toArrayBuffer(new TextEncoder().encode(dirty.getText())) };
    if (uri.scheme === 'file') return { kind: 'path', path: uri.fsPath };
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > maxBytes) return { code: 'too-large', message: ErrorText.tooLarge(fileName, stat.size, maxBytes) };
    // Hand the bytes over without copying.
    return { kind: 'bytes', bytes: toArrayBuffer(await vscode.workspace.fs.readFile(uri)) };
  } catch (e) {
    return { code: 'unreadable', message: ErrorText.unreadable(fileName, (e as Error).message) };
  }
}

/** Whether a value returned by `sourceFor` is a source (else it is an error). */
export function isSource(v: SourceDto | ErrorDto): v is SourceDto {
  return 'kind' in v;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
  return bytes.slice().buffer as ArrayBuffer;
}
