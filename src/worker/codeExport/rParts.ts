/** The fixed parts of the generated R: reading the file as EM Explorer did, mclust's variance pieces, scoring. */

/** Reads CSV/TSV with read.table and JSON/JSON Lines with jsonlite, cell by cell as `src/data` does. */
export const R_READER = String.raw`
## ---- Reading the file as EM Explorer read it ----
# A cell is a number when it is one of these (spaces and tabs around it ignored); anything else - the missing
# tokens "", NA, N/A, NaN, null, None, ?, text, numbers beyond +-1.8e308 - is a missing cell.
number_pattern <- if (decimal_comma) "^[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)([eE][+-]?[0-9]+)?$" else
  "^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$"

cell_numbers <- function(text) {
  text <- gsub("^[ \t]+|[ \t]+$", "", text, perl = TRUE)
  ok <- !is.na(text) & grepl(number_pattern, text, perl = TRUE)
  out <- rep(NA_real_, length(text))
  out[ok] <- as.numeric(sub(",", ".", text[ok], fixed = TRUE))
  out[!is.finite(out)] <- NA_real_
  out
}

check_names <- function(found) {
  if (!check_column_names) return(invisible())
  found <- trimws(as.character(found))
  bad <- which(found != columns)
  if (length(bad) > 0) stop(sprintf("the file's columns have changed: found '%s' where the fit had '%s'", found[bad[1]], columns[bad[1]]))
}

read_delimited <- function(path) {
  # file() reads gzip-compressed files too; short rows are padded with empty (missing) cells.
  table <- read.table(file(path, encoding = "UTF-8-BOM"), sep = delimiter, header = FALSE, colClasses = "character",
                      quote = "\"", comment.char = "", na.strings = character(0), fill = TRUE, strip.white = FALSE,
                      blank.lines.skip = TRUE, col.names = paste0("V", seq_len(n_file_columns)), check.names = FALSE)
  if (has_header) {
    check_names(unlist(table[1, positions]))
    table <- table[-1, , drop = FALSE]
  }
  matrix(vapply(positions, function(p) cell_numbers(table[[p]]), numeric(nrow(table))), nrow = nrow(table))
}

json_value <- function(v) {
  if (is.null(v) || is.list(v) || is.logical(v)) return(NA_real_)  # null, nested, true/false: not numbers
  if (is.numeric(v)) return(as.numeric(v))
  cell_numbers(v)
}

read_json <- function(path) {
  if (!requireNamespace("jsonlite", quietly = TRUE)) stop("reading JSON needs the jsonlite package: install.packages('jsonlite')")
  lines <- readLines(gzcon(file(path, "rb")), encoding = "UTF-8", warn = FALSE)
  lines[1] <- sub("^\ufeff", "", lines[1])
  parse <- function(text) jsonlite::parse_json(text, simplifyVector = FALSE)
  by_column <- NULL
  if (format == "jsonl") {
    rows <- lapply(lines[grepl("[^ \t\r]", lines)], parse)
  } else {
    doc <- parse(paste(lines, collapse = "\n"))
    if (!is.null(names(doc))) {
      is_records <- vapply(doc, function(v) is.list(v) && is.null(names(v)) && any(vapply(v, is.list, logical(1))), logical(1))
      if (any(is_records)) {
        sizes <- ifelse(is_records, lengths(doc), -1)
        rows <- doc[[which.max(sizes)]]
      } else {
        by_column <- doc[vapply(doc, function(v) is.list(v) && is.null(names(v)), logical(1))]
      }
    } else rows <- doc
  }
  if (!is.null(by_column)) {
    check_names(names(by_column)[positions])
    n <- max(lengths(by_column))
    return(matrix(vapply(positions, function(p) {
      v <- by_column[[p]]
      vapply(seq_len(n), function(i) if (i <= length(v)) json_value(v[[i]]) else NA_real_, numeric(1))
    }, numeric(n)), nrow = n))
  }
  # Columns in order of first appearance: object keys (one level of nesting flattened as a.b), or the k-th value of
  # array rows (after a header row of strings).
  header_names <- character(0)
  if (length(rows) > 0 && is.list(rows[[1]]) && is.null(names(rows[[1]])) && length(rows[[1]]) > 0 &&
      all(vapply(rows[[1]], is.character, logical(1)))) {
    header_names <- unlist(rows[[1]])
    rows <- rows[-1]
  }
  flat <- lapply(rows, flatten_record)
  keys <- unique(c(if (length(header_names) > 0) paste0("#", seq_along(header_names)), unlist(lapply(flat, names))))
  chosen <- keys[positions]
  check_names(vapply(chosen, function(k) {
    if (!startsWith(k, "#")) return(k)
    j <- as.integer(substring(k, 2))
    if (j <= length(header_names)) header_names[j] else paste0("column", j)
  }, ""))
  n <- length(flat)
  matrix(vapply(chosen, function(k) vapply(flat, function(r) json_value(r[[k]]), numeric(1)), numeric(n)), nrow = n)
}

# One record's cells by column key (the first value of a key counts); array rows by position ("#1", "#2"...).
flatten_record <- function(record) {
  if (is.null(record)) return(list())
  if (!is.list(record)) return(list(value = record))
  if (is.null(names(record))) return(setNames(record, paste0("#", seq_along(record))))
  out <- list()
  for (key in names(record)) {
    value <- record[[key]]
    if (is.list(value) && !is.null(names(value))) {
      for (sub in names(value)) if (is.null(out[[paste0(key, ".", sub)]])) out[paste0(key, ".", sub)] <- list(value[[sub]])
    } else if (!(key %in% names(out))) out[key] <- list(value)
  }
  out
}

read_columns <- function(path) if (format %in% c("json", "jsonl")) read_json(path) else read_delimited(path)
`;

/** mclust's parameters from covariance matrices, and scoring with missing cells integrated out. */
export const R_MODEL = String.raw`
## ---- mclust's parameters ----
# mclust describes each model's covariances by the pieces of Sigma_k = scale_k * O_k diag(shape_k) t(O_k): what
# estep() and em() read for each model (see mclust's mclustVariance()). They are recovered here from the matrices.
variance_for <- function(model, sigma) {
  d <- dim(sigma)[1]
  G <- dim(sigma)[3]
  v <- list(modelName = model, d = d, G = G, sigma = sigma)
  if (d == 1) {
    s <- sigma[1, 1, ]
    v$sigmasq <- if (model == "E") s[1] else s
    v$scale <- v$sigmasq
    return(v)
  }
  if (model == "VVV") {
    v$cholsigma <- array(vapply(seq_len(G), function(k) chol(sigma[, , k]), matrix(0, d, d)), c(d, d, G))
    return(v)
  }
  if (model == "EEE") {
    v$Sigma <- sigma[, , 1]
    v$cholSigma <- chol(sigma[, , 1])
    return(v)
  }
  orientation <- substr(model, 3, 3)
  if (orientation == "I") {
    lambda <- matrix(vapply(seq_len(G), function(k) diag(sigma[, , k]), numeric(d)), d, G)
    O <- NULL
  } else if (orientation == "E") {
    O <- eigen(sigma[, , 1], symmetric = TRUE)$vectors
    lambda <- matrix(vapply(seq_len(G), function(k) diag(t(O) %*% sigma[, , k] %*% O), numeric(d)), d, G)
  } else {
    eig <- lapply(seq_len(G), function(k) eigen(sigma[, , k], symmetric = TRUE))
    O <- array(unlist(lapply(eig, function(e) e$vectors)), c(d, d, G))
    lambda <- matrix(unlist(lapply(eig, function(e) e$values)), d, G)
  }
  scale <- apply(lambda, 2, function(l) exp(mean(log(l))))  # det(Sigma_k)^(1/d)
  shape <- sweep(lambda, 2, scale, "/")
  v$scale <- if (substr(model, 1, 1) == "E") scale[1] else scale
  v$shape <- if (substr(model, 2, 2) == "V") shape else shape[, 1]
  if (!is.null(O)) v$orientation <- O
  if (model %in% c("EII", "VII")) v$sigmasq <- v$scale
  v
}

## ---- Scoring rows with missing cells ----
# log w_k + log N(x_obs | mu_k, Sigma_k) over each row's observed cells (the missing ones integrated out, as EM
# Explorer does: the marginal of a Gaussian is the Gaussian of the observed coordinates). n x G.
weighted_log_densities <- function(x, pro, mean, sigma) {
  n <- nrow(x)
  G <- length(pro)
  out <- matrix(0, n, G)
  if (n == 0) return(out)
  observed <- !is.na(x)
  pattern <- apply(observed, 1, function(r) paste(as.integer(r), collapse = ""))
  for (p in unique(pattern)) {
    rows <- which(pattern == p)
    cols <- which(observed[rows[1], ])
    for (k in seq_len(G)) {
      R <- chol(matrix(sigma[cols, cols, k], length(cols)))  # upper triangular: Sigma = t(R) R
      z <- backsolve(R, t(x[rows, cols, drop = FALSE]) - mean[cols, k], transpose = TRUE)
      out[rows, k] <- log(pro[k]) - 0.5 * colSums(z^2) - sum(log(diag(R))) - 0.5 * length(cols) * log(2 * pi)
    }
  }
  out
}

row_logsumexp <- function(a) {
  m <- apply(a, 1, max)
  m + log(rowSums(exp(a - m)))
}
`;
