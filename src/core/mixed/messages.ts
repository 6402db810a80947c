/** Every message of the mixed-data family, in one place (tests assert these texts). */

const col = (name: string): string => `"${name}"`;

export const mixedMessages = {
  noLevels: (column: string) => `Column ${col(column)} has no category in the rows being fitted. Leave it out.`,
  badCode: (column: string, row: number) =>
    `Row ${row + 1}, column ${col(column)}: the category code is out of range (an internal inconsistency of the table).`,
  badCount: (column: string, row: number, value: number) =>
    `Row ${row + 1}, column ${col(column)} holds ${value}, which is not a count (a whole number ≥ 0). ` +
    'Treat the column as numeric or as categories instead, or correct the value.',
} as const;
