// Device losses as sentences, for the terminal summary and the report: where the device was
// lost, why, whether the sweep caused it, and what happened to the configurations after it.
import { deviceLosses } from '../results/device-loss.js';
import type { DeviceLossRecord, Results } from '../results/types.js';
import { escapeHtml as esc } from './format.js';

export function deviceLossLine(l: DeviceLossRecord, configs: number): string {
  const where = l.config === null ? l.during : `configuration ${l.config}/${configs} (${l.during})`;
  const cause = l.injected ? `destroyed on purpose by --inject-device-loss ${l.config ?? ''}`.trimEnd() : `${l.reason}${l.message ? `: ${l.message}` : ''}`;
  const after = l.recovered
    ? `recovered: a new device in ${(l.recoveryMs ?? 0).toFixed(0)} ms ran the remaining configurations`
    : `not recovered (${l.recoveryError ?? 'no new device'}): the remaining configurations were not run`;
  return `device lost in ${where}, ${cause}; ${after}`;
}

/** One line per loss; empty when the device was never lost. */
export function deviceLossText(r: Results): string {
  return deviceLosses(r)
    .map((l) => deviceLossLine(l, r.configs.length))
    .join('\n');
}

export function deviceLossHtml(r: Results): string {
  const losses = deviceLosses(r);
  if (!losses.length) return '';
  const items = losses.map((l) => `<li class="${l.recovered ? 'warn' : 'bad'}">${esc(deviceLossLine(l, r.configs.length))}</li>`);
  return `<h2>Device losses</h2><ul>${items.join('')}</ul>`;
}
