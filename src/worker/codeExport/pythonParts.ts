/**
 * The fixed parts of the generated Python: reading the file as EM Explorer's readers do, and scoring rows with
 * missing cells. No value from the data is in here; the generator writes those as constants above these parts.
 */

/** Reads CSV/TSV with pandas and JSON/JSON Lines with `json`, cell by cell as `src/data` does. Needs the constants. */
export const PY_READER = String.raw`
#region Reading the file as EM Explorer read it
# A cell is a number when it is one of these (spaces and tabs around it ignored); anything else - the missing
# tokens "", NA, N/A, NaN, null, None, ?, text, numbers beyond +-1.8e308 - is a missing cell.
NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?" if DECIMAL_COMMA else r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def cell_number(value):
    """One cell (CSV text or a JSON value) as EM Explorer reads it in a numeric column; NaN when missing."""
    if isinstance(value, bool) or value is None:
        return math.nan  # JSON true/false are not numbers; null is missing
    if isinstance(value, (int, float)):
        try:
            return float(value)
        except OverflowError:
            return math.nan
    if not isinstance(value, str):
        return math.nan  # a nested JSON list or object: text
    text = value.strip(" \t")
    if not NUMBER.fullmatch(text):
        return math.nan
    number = float(text.replace(",", "."))
    return number if math.isfinite(number) else math.nan


def is_gzip(path):
    with open(path, "rb") as f:
        return f.read(2) == b"\x1f\x8b"


def check_names(found):
    """The fitted columns must stand where they stood when EM Explorer read the file."""
    if not CHECK_NAMES:
        return
    for name, expected in zip(found, COLUMNS):
        if str(name).strip() != expected:
            sys.exit(f"the file's columns have changed: found {str(name).strip()!r} where the fit had {expected!r}")


def read_delimited(path):
    """Fitted columns of a CSV/TSV file as text; rows longer than the first are cut, shorter ones padded."""
    table = pd.read_csv(
        path, sep=DELIMITER, header=None, usecols=sorted(set(POSITIONS)), dtype=str, keep_default_na=False,
        na_filter=False, quotechar='"', doublequote=True, skip_blank_lines=True, encoding="utf-8-sig",
        compression="gzip" if is_gzip(path) else None,
    )
    if HEADER:
        check_names(table.iloc[0][POSITIONS])
        table = table.iloc[1:]
    cells = table[POSITIONS].fillna("")
    columns = []
    for j in range(len(POSITIONS)):
        text = cells.iloc[:, j].str.strip(" \t")
        is_number = text.str.fullmatch(NUMBER)
        values = text.where(is_number).str.replace(",", ".", regex=False).astype(float)
        columns.append(values.where(np.isfinite(values)).to_numpy())
    return np.column_stack(columns) if columns else np.empty((0, 0))


def json_rows(path):
    """The records of a JSON Lines file, or of a JSON document (an array; else the largest list of records under a
    key), or None and the columns for a JSON object of columns."""
    opened = gzip.open(path, "rb") if is_gzip(path) else open(path, "rb")
    with opened as f:
        if FORMAT == "jsonl":
            rows = []
            for number, raw in enumerate(f):
                line = raw.decode("utf-8")
                if number == 0:
                    line = line.lstrip("\ufeff")
                if line.strip(" \t\r\n"):
                    rows.append(json.loads(line))
            return rows, None
        doc = json.loads(f.read().decode("utf-8-sig"))
    if isinstance(doc, list):
        return doc, None
    best = None
    for key, value in doc.items():
        if isinstance(value, list) and any(isinstance(r, (dict, list)) for r in value):
            if best is None or len(value) > len(doc[best]):
                best = key
    if best is not None:
        return doc[best], None
    columns = [(key, value) for key, value in doc.items() if isinstance(value, list)]
    return None, columns


def read_json(path):
    """Fitted columns of a JSON / JSON Lines file: columns in order of first appearance (objects: keys, one level of
    nesting flattened as a.b; arrays: the k-th value in the k-th column, after a header row of strings)."""
    rows, by_column = json_rows(path)
    if by_column is not None:
        check_names([by_column[p][0] for p in POSITIONS])
        n = max(len(values) for _, values in by_column)
        chosen = [by_column[p][1] for p in POSITIONS]
        return np.array([[cell_number(v[i]) if i < len(v) else math.nan for v in chosen] for i in range(n)], dtype=float).reshape(n, len(POSITIONS))
    columns = {}  # name (or position, for array rows) -> values; insertion order is the column order
    names = []
    first = next((r for r in rows if r is not None), None)
    if isinstance(first, list) and rows and rows[0] is first and first and all(isinstance(c, str) for c in first):
        names = first
        rows = rows[1:]
        for k in range(len(names)):
            columns[k] = []

    def put(key, value, row):
        column = columns.setdefault(key, [])
        if len(column) < row:
            column.extend([None] * (row - len(column)))
        if len(column) == row:  # a key given twice in one record: the first counts
            column.append(value)

    for row, record in enumerate(rows):
        if isinstance(record, dict):
            for key, value in record.items():
                if isinstance(value, dict):
                    for sub, inner in value.items():
                        put(f"{key}.{sub}", inner, row)
                else:
                    put(key, value, row)
        elif isinstance(record, list):
            for k, value in enumerate(record):
                put(k, value, row)
        elif record is not None:
            put("value", record, row)
    keys = list(columns)
    check_names([names[k] if isinstance(k, int) and k < len(names) else (f"column{k + 1}" if isinstance(k, int) else k) for k in (keys[p] for p in POSITIONS)])
    n = len(rows)
    out = np.full((n, len(POSITIONS)), math.nan)
    for j, p in enumerate(POSITIONS):
        values = columns[keys[p]]
        for i, value in enumerate(values):
            out[i, j] = cell_number(value)
    return out


def read_columnar(path):
    """Fitted columns of a Parquet or Arrow IPC file, found by name (the schema types them): nulls, NaN and infinities
    are missing cells, as EM Explorer reads them. Needs pyarrow."""
    try:
        import pyarrow as pa
        import pyarrow.ipc as ipc
        import pyarrow.parquet as pq
    except ImportError:
        sys.exit("reading a Parquet or Arrow file needs pyarrow (pip install pyarrow)")
    if FORMAT == "parquet":
        names = pq.read_schema(path).names
        table = pq.read_table(path, columns=[name for name in COLUMNS if name in names])
    else:
        with open(path, "rb") as f:
            is_file = f.read(6) == b"ARROW1"  # else an IPC stream (.arrows)
        with pa.OSFile(path, "rb") as f:
            table = (ipc.open_file(f) if is_file else ipc.open_stream(f)).read_all()
    columns = []
    for name in COLUMNS:
        if name not in table.column_names:
            sys.exit(f"the file's columns have changed: it has no column {name!r}, which the fit used")
        column = table.column(name)
        if pa.types.is_dictionary(column.type):
            column = pa.chunked_array([chunk.dictionary_decode() for chunk in column.chunks])
        values = np.array(column.cast(pa.float64(), safe=False).to_numpy(zero_copy_only=False), dtype=float)
        values[~np.isfinite(values)] = math.nan
        columns.append(values)
    return np.column_stack(columns) if columns else np.empty((0, 0))


def read_columns(path):
    """Every row of the file, its fitted columns as numbers (NaN = missing): n x d."""
    if FORMAT in ("parquet", "arrow"):
        return read_columnar(path)
    return read_json(path) if FORMAT in ("json", "jsonl") else read_delimited(path)


def used_rows(x):
    """The rows EM Explorer fitted: those with an observed fitted cell ('em'), or with every one ('drop')."""
    observed = ~np.isnan(x)
    return observed.all(axis=1) if MISSING == "drop" else observed.any(axis=1)
#endregion
`;

/** Log densities that integrate out missing cells (numpy/scipy). Needs no constants. */
export const PY_SCORING = String.raw`
def weighted_log_densities(x, weights, means, covariances):
    """n x K: log w_k + log N(x_obs | mu_k, Sigma_k) over each row's observed cells (the missing ones integrated
    out, as EM Explorer does: the marginal of a Gaussian is the Gaussian of the observed coordinates)."""
    n, d = x.shape
    out = np.empty((n, len(weights)))
    observed = ~np.isnan(x)
    patterns, which = np.unique(observed, axis=0, return_inverse=True)
    which = np.asarray(which).reshape(-1)
    for p, pattern in enumerate(patterns):
        rows = np.flatnonzero(which == p)
        cols = np.flatnonzero(pattern)
        xs = x[np.ix_(rows, cols)]
        for k in range(len(weights)):
            chol = np.linalg.cholesky(covariances[k][np.ix_(cols, cols)])
            z = solve_triangular(chol, (xs - means[k, cols]).T, lower=True)
            out[rows, k] = (np.log(weights[k]) - 0.5 * np.sum(z * z, axis=0) - np.sum(np.log(np.diag(chol)))
                            - 0.5 * len(cols) * np.log(2 * np.pi))
    return out
`;
