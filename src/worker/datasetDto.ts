/** The table summary the panel shows before any fit. */
import type { Table } from '../data';
import type { DatasetDto } from '../protocol/model';
import type { LoadRequest } from '../protocol/worker';

export function datasetDto(table: Table, request: LoadRequest, sizeBytes: number): DatasetDto {
  return {
    fileName: request.fileName,
    uri: request.uri,
    format: table.format,
    nRows: table.nRows,
    // Structured clone keeps these plain objects as they are; the host forwards them to the webview as JSON.
    columns: table.columns.map((c) => ({ ...c, stats: { ...c.stats } })),
    notices: table.notices.slice(),
    sizeBytes,
  };
}
