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
    `${name} is not a data file EM Explorer reads. Open a .csv, .tsv, .tab, .json, .jsonl or .ndjson file (or one of these compressed with gzip, such as data.csv.gz), or a .parquet, .arrow, .arrows or .feather file.`,
  noPanel: () => 'No EM Explorer panel is open. Run "EM: Fit Mixture Model" on a data file first.',
  nothingToCancel: () => 'No fit is running.',
  noResult: () => 'There is nothing to export yet: fit a model first.',
  exported: (file: string) => `Exported ${file}.`,
  exportNeedsLocalFolder: (file: string) => `Cannot write ${file}: this export is written as the data file is read, so it goes to a folder on this machine's disk. Choose a local folder.`,
  exportingStreamed: (file: string) => `Exporting the clusters of ${file} (reading it again)…`,
  exists: (file: string) => `${file} already exists. Replace it?`,
  replaceDetail: () => 'Replacing it writes the export in its place; its current contents are lost.',
  isLink: (target: string | undefined) =>
    `It is a symbolic link${target ? ` to ${target}` : ''}. Replacing it replaces the link with the export; the file it points to is not changed.`,
  isFolder: () => 'It is a folder. Choose another name for the export.',
  wouldOverwriteData: (file: string) => `${file} is the data file itself. Exports never overwrite the data file: choose another name.`,
  exportFailed: (file: string, reason: string) => `Could not write ${file} (${reason}). Choose another folder or check its permissions.`,
  codeNeedsLocalFile: (name: string) =>
    `${name} is not a file on this machine's disk, so a script cannot open it by path. Save a copy to a local folder, fit that copy and export again.`,
  staleExport: (name: string) =>
    `${name} has changed on disk since this result was fitted. The export would hold the data as it was read then.`,
  badMessage: (problem: string) =>
    `The panel sent a request the extension could not accept (${problem}). Reload the panel and try again.`,
  noRows: () => 'There are no rows to list yet: fit a model first.',
  compressedRow: (name: string, row: number, line: number) =>
    `${name} is compressed, so the editor cannot show it as text: row ${(row + 1).toLocaleString('en-US')} is on line ${line.toLocaleString('en-US')} of the decompressed file.`,
  binaryRow: (name: string, format: 'Parquet' | 'Arrow', row: number) =>
    `${name} is ${format === 'Arrow' ? 'an' : 'a'} ${format} file, which is binary, so the editor cannot show it as text: this is row ${(row + 1).toLocaleString('en-US')} of the file (counting from 1).`,
  staleRow: (name: string, line: number) => `EM: ${name} changed since it was read; line ${line} may no longer hold that row.`,
  staleTitle: (name: string) => `${name} changed on disk`,
  fitting: (file: string) => `EM: fitting ${file}`,
  reading: (file: string) => `EM: reading ${file}`,
};
