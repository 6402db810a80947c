/**
 * The bounds of every fit setting, in one place: the webview message validator, the settings the extension reads,
 * and the CLI all clamp or check against these, so no source of settings can ask for unbounded work.
 */

/** The default of `emExplorer.maxFileSizeMB` and of the CLI's `--max-file-size`. */
export const DEFAULT_MAX_FILE_MB = 1024;
