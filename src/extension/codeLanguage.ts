/** The QuickPick of "EM: Export Fit as Code…": which language to hand the fit over in. */
import * as vscode from 'vscode';
import type { CodeLanguage } from '../protocol/model';

const CHOICES: { language: CodeLanguage; label: string; detail: string }[] = [
  {
    language: 'python', label: 'Python (scikit-learn)',
    detail: 'name.fit.py: reads the file, prints the log-likelihood, holds the fit in a GaussianMixture and refits with --refit',
  },
  { language: 'r', label: 'R (mclust)', detail: "name.fit.R: mclust's parameters; estep() prints the log-likelihood, em() refits with --refit" },
  { language: 'pyspark', label: 'PySpark', detail: 'name.spark.py: a Spark job that scores and labels the full data from these parameters' },
];

/** Asks which language; undefined when the person dismissed the pick. */
export async function pickCodeLanguage(): Promise<CodeLanguage | undefined> {
  const picked = await vscode.window.showQuickPick(CHOICES.map((c) => ({ label: c.label, detail: c.detail, language: c.language })), {
    placeHolder: 'Export the fit as code in which language?',
  });
  return picked?.language;
}
