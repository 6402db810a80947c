import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CODE_LANGUAGES, exportCode } from '../../../../src/worker/codeExport';
import { anyPython, fitText, rscript, runScript, settings } from './helpers';

const rows = (n: number) => Array.from({ length: n }, (_, i) => [((i * 37) % 11) + (i % 2) * 8, ((i * 53) % 7) - (i % 2) * 6]);
const csv = (header: string[], delimiter = ',') =>
  [header.map((h) => `"${h.replace(/"/g, '""')}"`).join(delimiter), ...rows(60).map((r, i) => [...(header.length > 2 ? [i] : []), ...r].join(delimiter))].join('\n') + '\n';

const EVIL = 'a"; import os; os.system("x") #';
const NEWLINE = 'b\nprint("pwned")';

let dir = '';
before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'em-code-')); });
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('how the script reads the file', () => {
  it('recovers a detected semicolon delimiter with decimal commas', () => {
    const text = 'x;y\n' + rows(40).map(([a, b]) => `${a},5;${b}`).join('\n') + '\n';
    const { source } = fitText('semi.csv', text, settings(['x', 'y']));
    assert.equal(source.delimiter, ';');
    assert.equal(source.decimalComma, true);
    assert.equal(source.header, true);
  });

  it('recovers decimal points in a semicolon file and decimal commas in a tab-separated one', () => {
    const points = fitText('points.csv', 'x;y\n' + rows(40).map(([a, b]) => `${a}.5;${b}`).join('\n') + '\n', settings(['x', 'y'])).source;
    assert.equal(points.delimiter, ';');
    assert.equal(points.decimalComma, false);
    const commas = fitText('commas.tsv', 'x\ty\n' + rows(40).map(([a, b]) => `${a},5\t${b},25`).join('\n') + '\n', settings(['x', 'y'])).source;
    assert.equal(commas.delimiter, '\t');
    assert.equal(commas.decimalComma, true);
  });

  it('knows a file whose first row is data, and a tab-separated one', () => {
    const noHeader = fitText('plain.csv', rows(40).map((r) => r.join(',')).join('\n') + '\n', settings(['column1', 'column2'])).source;
    assert.equal(noHeader.header, false);
    const tsv = fitText('t.tsv', csv(['x', 'y'], '\t'), settings(['x', 'y'])).source;
    assert.equal(tsv.delimiter, '\t');
    assert.equal(tsv.decimalComma, false);
  });

  it('finds fitted columns by position, renamed ones too, in the order fitted', () => {
    const { source } = fitText('dup.csv', csv(['id', 'x', 'x']), settings(['x_2', 'x']));
    assert.deepEqual(source.positions, [2, 1]);
    assert.equal(source.renamed, true);
    assert.equal(source.nColumns, 3);
  });
});

describe('what a target cannot express', () => {
  const mixed = () => {
    const text = 'x,colour\n' + rows(40).map(([a], i) => `${a},${['red', 'blue'][i % 2]}`).join('\n') + '\n';
    return fitText('mixed.csv', text, settings(['x', 'colour'], 'VVV', 2));
  };

  it('refuses a mixed-data fit in every language, naming its categorical columns', () => {
    const { dto, source } = mixed();
    for (const language of CODE_LANGUAGES) {
      assert.throws(() => exportCode(language, dto, source), (e: Error) => {
        assert.equal((e as { code?: string }).code, 'not-expressible');
        assert.match(e.message, /mixed-data model \(categorical column "colour"\)/);
        assert.match(e.message, /Gaussian components only/);
        return true;
      });
    }
  });

  it('refuses R for a file whose long rows read.table would wrap', () => {
    const text = 'x,y\n' + rows(40).map(([a, b], i) => (i === 3 ? `${a},${b},extra` : `${a},${b}`)).join('\n') + '\n';
    const { dto, source } = fitText('long.csv', text, settings(['x', 'y']));
    assert.equal(source.longRows, true);
    assert.throws(() => exportCode('r', dto, source), /rows longer than its header/);
    assert.doesNotThrow(() => exportCode('python', dto, source));
  });

  it('says, for a model scikit-learn lacks, that scoring is exact and a refit loses the constraint', () => {
    const { dto, source } = fitText('f.csv', csv(['x', 'y']), settings(['x', 'y'], 'VEV'));
    const script = exportCode('python', dto, source);
    assert.match(script, /scikit-learn has no VEV model\. Its covariance_type='full' holds these covariances exactly/);
    assert.match(script, /SKLEARN_TYPE = "full"/);
    const own = exportCode('python', fitText('f.csv', csv(['x', 'y']), settings(['x', 'y'], 'EEE')).dto, source);
    assert.match(own, /covariance_type='tied' is EEE exactly/);
  });
});

describe('strings from the data stay strings in the generated code', () => {
  const fitted = () => fitText('evil.csv', csv(['id', EVIL, NEWLINE]), settings([EVIL, NEWLINE]), `/tmp/we"ird\\dir\n/evil.csv`);

  it('never writes a column name or the path raw into any script', () => {
    const { dto, source } = fitted();
    for (const language of CODE_LANGUAGES) {
      const script = exportCode(language, dto, source);
      for (const raw of [EVIL, NEWLINE, source.path, 'os.system("x")', 'print("pwned")']) {
        assert.equal(script.includes(raw), false, `${language}: ${JSON.stringify(raw)} appears raw`);
      }
    }
  });

  it('gives Python the names and path as values, and nothing else to run', { skip: 'skip' in anyPython ? anyPython.skip : false }, () => {
    const { dto, source } = fitted();
    for (const language of ['python', 'pyspark'] as const) {
      const file = path.join(dir, `${language}.py`);
      fs.writeFileSync(file, exportCode(language, dto, source));
      const check = [
        'import ast, json, sys',
        'tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())',
        'names = {}',
        'for node in tree.body:',
        '    if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and node.targets[0].id in ("COLUMNS", "DATA_PATH"):',
        '        names[node.targets[0].id] = ast.literal_eval(node.value)',
        'imports = sorted(a.name for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names)',
        'print(json.dumps({"names": names, "imports": imports}))',
      ].join('\n');
      const out = JSON.parse(runScript((anyPython as { command: string }).command, ['-c', check, file])) as { names: Record<string, unknown>; imports: string[] };
      assert.deepEqual(out.names.COLUMNS, [EVIL, NEWLINE], language);
      assert.equal(out.names.DATA_PATH, source.path, language);
      assert.equal(out.imports.includes('os'), false, `${language} imports ${out.imports.join(', ')}`);
    }
  });

  it('gives R the names and path as values', { skip: 'skip' in rscript ? rscript.skip : false }, () => {
    const { dto, source } = fitted();
    const file = path.join(dir, 'evil.R');
    fs.writeFileSync(file, exportCode('r', dto, source));
    const check = 'e <- parse(file = commandArgs(TRUE)[1], encoding = "UTF-8"); for (x in e) if (is.call(x) && identical(x[[1]], as.name("<-")) && ' +
      'as.character(x[[2]]) %in% c("columns", "data_path")) cat(jsonlite::toJSON(list(name = as.character(x[[2]]), value = eval(x[[3]])), auto_unbox = TRUE), "\\n")';
    const lines = runScript((rscript as { command: string }).command, ['-e', check, file]).trim().split('\n').map((l) => JSON.parse(l) as { name: string; value: unknown });
    assert.deepEqual(lines.find((l) => l.name === 'columns')?.value, [EVIL, NEWLINE]);
    assert.equal(lines.find((l) => l.name === 'data_path')?.value, source.path);
  });
});

describe('the fitted numbers in a script', () => {
  it('are the result\'s parameters, digit for digit', () => {
    const { dto, source } = fitText('f.csv', csv(['x', 'y']), settings(['x', 'y'], 'VVV', 3));
    const script = exportCode('python', dto, source);
    const weights = /^WEIGHTS = np\.array\(\[(.*)\]\)$/m.exec(script)![1].split(', ').map(Number);
    assert.deepEqual(weights, dto.params.weights);
    assert.match(script, new RegExp(`^EM_EXPLORER_LOG_LIKELIHOOD = ${String(dto.logLikelihood).replace(/[.+-]/g, '\\$&')}$`, 'm'));
    const r = exportCode('r', dto, source);
    assert.match(r, new RegExp(`^pro <- c\\(${dto.params.weights.map((w) => String(w).replace(/[.+-]/g, '\\$&')).join(', ')}\\)$`, 'm'));
  });
});
