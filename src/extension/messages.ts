/** Every message the extension host writes for the user, in one place. */
export const hostMessages = {
  workerStart: (detail: string) => `EM Explorer could not start its background worker (${detail}). Reload the window and try again.`,
  workerRestarted: () => 'The background worker was restarted to stop a cancelled fit; the file is read again.',
  outOfMemory: () =>
    'The fit ran out of memory in its background worker. Fit fewer columns or components, or use a smaller file; the editor is unaffected.',
  workerCrashed: (detail: string) =>
    `The background fit stopped with an error (${detail}). The panel is still usable: press Fit to try again.`,
  workerExited: (code: number) =>
    `The background fit stopped unexpectedly (exit code ${code}). The panel is still usable: press Fit to try again.`,
  notDataFile: (name: string) =>
    `${name} is not a data file EM Explorer reads. Open a .csv, .tsv, .tab, .json, .jsonl or .ndjson file.`,
  noPanel: () => 'No EM Explorer panel is open. Run "EM: Fit Mixture Model" on a data file first.',
  nothingToCancel: () => 'No fit is running.',
  noResult: () => 'There is nothing to export yet: fit a model first.',
  exported: (name: string) => `Exported ${name}.`,
  exists: (name: string) => `${name} already exists. Overwrite it?`,
  fitting: (file: string) => `EM: fitting ${file}`,
  reading: (file: string) => `EM: reading ${file}`,
};
