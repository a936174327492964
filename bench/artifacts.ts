// The run's files on the page: the headless runner asks for them, the buttons download them.
import { ARTIFACT_FILES, artifacts, type Artifacts } from '../src/report/artifacts';

export { ARTIFACT_FILES, artifacts, type Artifacts };

declare global {
  interface Window {
    benchArtifacts(): Artifacts;
  }
}

window.benchArtifacts = () => {
  const r = window.benchState.results;
  if (!r) throw new Error('no results yet: run the bench first');
  return artifacts(r);
};

export function download(text: string, file: { name: string; type: string }): void {
  const url = URL.createObjectURL(new Blob([text], { type: file.type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
