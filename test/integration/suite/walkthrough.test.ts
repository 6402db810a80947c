import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { EXTENSION_ID, extension, extensionPath } from './helpers';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string };
  completionEvents?: string[];
}
interface Walkthrough { id: string; title: string; steps: Step[] }

/** The `command:` links of a step's description: the command and its decoded JSON arguments. */
function links(description: string): { command: string; args: unknown[] }[] {
  return [...description.matchAll(/\(command:([\w.]+)(?:\?([^)]*))?\)/g)].map((m) => ({
    command: m[1],
    args: m[2] ? (JSON.parse(decodeURIComponent(m[2])) as unknown[]) : [],
  }));
}

describe('the getting-started walkthrough', () => {
  const walkthrough = (): Walkthrough => {
    const all = (extension().packageJSON as { contributes: { walkthroughs: Walkthrough[] } }).contributes.walkthroughs;
    const w = all.find((x) => x.id === 'emExplorer.gettingStarted');
    assert.ok(w, 'the walkthrough is contributed');
    return w;
  };

  it('walks a newcomer through open a sample, fit, the BIC chart, replay and the E/M half-steps', () => {
    assert.deepEqual(walkthrough().steps.map((s) => s.id), ['open', 'fit', 'bic', 'replay', 'halfsteps']);
    for (const step of walkthrough().steps) {
      assert.ok(step.title.length > 0 && step.description.length > 0, `step ${step.id} has a title and a description`);
      const media = step.media.markdown ?? step.media.image;
      assert.ok(media, `step ${step.id} has media`);
      const text = fs.readFileSync(extensionPath(media), 'utf8');
      assert.ok(text.trim().length > 100, `step ${step.id}'s media ${media} is in the package and says something`);
    }
  });

  it('links and completes only on commands the extension registers', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const step of walkthrough().steps) {
      for (const { command } of links(step.description)) assert.ok(registered.has(command), `step ${step.id} links to ${command}, which is registered`);
      for (const event of step.completionEvents ?? []) {
        const m = /^onCommand:(.+)$/.exec(event);
        assert.ok(m, `step ${step.id}: ${event} is an onCommand event`);
        assert.ok(registered.has(m[1]), `step ${step.id} completes on ${m[1]}, which is registered`);
      }
    }
    const [open] = walkthrough().steps;
    assert.equal(links(open.description).length, 1);
  });

  it('opens the sample as its first step\'s link does, and the walkthrough itself opens', async () => {
    const [{ command, args }] = links(walkthrough().steps[0].description);
    const uri = await vscode.commands.executeCommand<vscode.Uri>(command, ...args);
    assert.equal(uri?.fsPath, extensionPath('samples', 'faithful.csv'));
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, uri.fsPath);
    // The workbench resolves the walkthrough by `publisher.name#id`; an unknown id would throw or do nothing.
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#emExplorer.gettingStarted`, false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('names panel controls that exist in the webview', () => {
    const webview = fs.readFileSync(extensionPath('dist', 'webview.js'), 'utf8');
    const halfsteps = walkthrough().steps.find((s) => s.id === 'halfsteps');
    assert.ok(halfsteps);
    const label = /Tick (.+?) above/.exec(halfsteps.description)?.[1];
    assert.equal(label, 'Show E/M half-steps');
    assert.ok(webview.includes(label), `the webview has a control labelled "${label}"`);
  });
});
