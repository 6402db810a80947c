/**
 * Thread entry of the fit worker: decodes ToWorker messages, runs them on one WorkerSession (which keeps
 * the parsed table, so fitting again does not re-read the file) and posts FromWorker replies.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, ToWorker } from '../protocol/worker';
import { WorkerSession } from './session';

if (!parentPort) {
  throw new Error('emWorker.js must be run in a worker thread');
}
const port = parentPort;
const data = workerData as { cancel: SharedArrayBuffer; threads: number; distDir: string };
const session = new WorkerSession({
  cancelFlag: new Int32Array(data.cancel),
  threads: data.threads,
  distDir: data.distDir,
  post: (message: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer ?? []),
});

port.on('message', (message: ToWorker) => {
  void session.handle(message);
});
